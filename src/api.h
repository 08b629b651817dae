/*
 * api.h - the HTTP API (docs/api.md) on libmicrohttpd.
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

/* Asks the main loop to sync feed (NULL: all feeds) soon.  Called on an
 * HTTP thread; returns 0, or -1 when no such feed is configured. */
typedef int (*api_sync_fn)(const char *feed);

struct api_options {
	const char	*listen;	/* "127.0.0.1:7380", "[::1]:0" */
	int		 listen_fd;	/* > 0: a socket already listening
					 * (systemd), used instead of listen */
	const char	*database;	/* read for feeds and changes; or NULL */
	api_sync_fn	 request_sync;	/* POST /v1/sync; or NULL */
};

/*
 * Starts serving on options->listen (port 0 picks a free one).  Returns
 * NULL with *cause set when the address is bad or the socket cannot be
 * bound.  The strings in options are copied.
 */
struct api *api_start(const struct api_options *options, char **cause);

/* Sets the bearer token the admin endpoints want; NULL turns them off.
 * Safe to call while serving. */
void api_set_admin_token(struct api *api, const char *token);

/* The port the API listens on. */
uint16_t api_port(const struct api *api);

/*
 * Stops accepting connections, waits up to timeout_ms for requests in
 * flight to finish, then stops and frees everything.  api_stop(NULL) is a
 * no-op.
 */
void api_stop(struct api *api, int timeout_ms);

/* 1 when listen names a loopback address. */
int api_is_loopback(const char *listen);

#endif
