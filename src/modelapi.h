/*
 * modelapi.h - asking a provider's model-list API: its key, the URL of
 * each request (a region each, a page each) and the headers that
 * authenticate it.
 *
 * Knows how the requests look and nothing of the documents: the parsers
 * (feed_*_models.c) read those, and sync.c runs the requests.  A key is
 * read from its file at each run, so a rotated key needs no reload, and
 * wiped as soon as the run is over.  No cause this module writes holds a
 * key.
 */
#ifndef SUNSET_MODELAPI_H
#define SUNSET_MODELAPI_H

#include <time.h>

struct conf_feed;
struct feed_api;

/* What authenticates the requests of one run. */
struct modelapi_key {
	char	*key;			/* bearer, x-api-key, api-key */
	char	*access_key_id;		/* FEED_AUTH_SIGV4 */
	char	*secret_access_key;
	char	*session_token;		/* NULL: none */
};

/*
 * Reads the key of feed from its key_file (a path, or a systemd
 * credential: conf_secret_path).  For SigV4, the file has the shape of
 * ~/.aws/credentials with one profile: aws_access_key_id,
 * aws_secret_access_key and, for temporary keys, aws_session_token.
 * Returns 0, or -1 with *cause set, naming the file, never its contents.
 */
int modelapi_read_key(const struct conf_feed *feed,
    const struct feed_api *api, struct modelapi_key *key, char **cause);

/* Wipes and frees what key holds; key is left empty. */
void modelapi_key_clear(struct modelapi_key *key);

/*
 * The URL of one request: url with region in place of "{region}" (region
 * may be NULL when there are none), and the API's page size and the
 * cursor of the page wanted (NULL: the first) added to its query.
 * Returns a new string.
 */
char *modelapi_url(const char *url, const struct feed_api *api,
    const char *region, const char *cursor);

/*
 * The headers that authenticate a GET of url at now, "Name: value",
 * NULL-terminated; free them with modelapi_headers_free, which wipes
 * them.  Returns NULL with *cause set when they cannot be made (a URL
 * the signer cannot read).
 */
char **modelapi_headers(const struct feed_api *api,
    const struct modelapi_key *key, const char *url, const char *region,
    time_t now, char **cause);
void modelapi_headers_free(char **headers);

#endif
