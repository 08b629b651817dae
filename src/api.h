/*
 * api.h - the HTTP API (design §6) on libmicrohttpd.
 *
 * The API answers from the published snapshot (snapshot_current) and never
 * touches the database, the network or the scheduler from its threads.
 */
#ifndef SUNSET_API_H
#define SUNSET_API_H

#include <stdint.h>

struct api;

/* Longest request target (path and query) accepted; longer gets 414. */
#define API_URI_MAX 4096
/* Largest request body accepted; larger gets 413. */
#define API_BODY_MAX (1024 * 1024)

/*
 * Starts serving on listen ("127.0.0.1:7380", "[::1]:7380"; port 0 picks a
 * free one).  Returns NULL with *cause set when the address is bad or the
 * socket cannot be bound.
 */
struct api *api_start(const char *listen, char **cause);

/* The port the API listens on. */
uint16_t api_port(const struct api *api);

/*
 * Stops accepting connections, waits up to timeout_ms for requests in
 * flight to finish, then stops and frees everything.  api_stop(NULL) is a
 * no-op.
 */
void api_stop(struct api *api, int timeout_ms);

/*
 * Splits "host:port" / "[v6]:port" into a socket address.  Returns 0, or -1
 * with *cause set.  Exposed for the configuration checks and the tests.
 */
struct sockaddr_storage;
int api_parse_listen(const char *listen, struct sockaddr_storage *ss,
    char **cause);

#endif
