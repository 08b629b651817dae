/*
 * api.h - the HTTP API (docs/api.md) on libmicrohttpd.
 *
 * The API answers from what the main loop publishes: the catalog snapshot
 * (snapshot_current) and the feeds' status (api_publish_feeds).  Its
 * threads never touch the network or the scheduler, and the database only
 * for the change history (GET /v1/changes, on a read-only connection of
 * its own); a sync request is a flag the main loop picks up.
 */
#ifndef SUNSET_API_H
#define SUNSET_API_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct api;

/* Longest request target (path and query) accepted; longer gets 414. */
#define API_URI_MAX 4096
/* Largest request body accepted; larger gets 413. */
#define API_BODY_MAX (1024 * 1024)

/* Asks the main loop to sync feed (NULL: all feeds) soon.  Called on an
 * HTTP thread; returns 0, or -1 when no such feed is configured. */
typedef int (*api_sync_fn)(const char *feed);

/* What an HTTP thread tells the main loop about the usage inventory. */
enum api_usage_event {
	API_USAGE_FIRST_COUNT,	/* a model counted for the first time
				 * since start: flush soon */
	API_USAGE_REPORTED,	/* a report was stored */
	API_USAGE_REPORTED_NEW	/* ... with a model the table never had */
};
typedef void (*api_usage_fn)(enum api_usage_event event);

struct usage;

struct api_options {
	const char	*listen;	/* "127.0.0.1:7380", "[::1]:0" */
	int		 listen_fd;	/* > 0: a socket already listening
					 * (systemd), used instead of listen */
	const char	*database;	/* read for changes; or NULL */
	api_sync_fn	 request_sync;	/* POST /v1/sync; or NULL */
	struct usage	*usage;		/* counts the models answered
					 * about; NULL: not counted */
	api_usage_fn	 usage_wake;	/* or NULL */
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

/*
 * Sets which other origins' pages may read the API (CORS): NULL none,
 * "*" any, or exact origins ("https://dash.example.com") separated by
 * spaces, as the configuration checked them.  Safe to call while serving.
 */
void api_set_cors(struct api *api, const char *origins);

/* One feed as GET /v1/feeds and GET /metrics show it.  Times are Unix
 * seconds, 0: none. */
struct api_feed {
	const char	*name;
	const char	*url;		/* NULL: none (the built-in catalog) */
	const char	*format;
	const char	*provider;	/* NULL unless configured */
	int		 priority;
	int		 interval_s;	/* 0: not scheduled */
	time_t		 last_attempt;
	time_t		 last_success;
	long		 http_status;	/* of the last attempt; 0: none */
	const char	*last_error;	/* NULL unless the last one failed */
	long long	 records;	/* in the last document applied */
	int		 failures;	/* in a row */
	time_t		 next_run;	/* 0: not scheduled, or due now */
};

/*
 * Publishes the feeds' status: copies feeds (n of them, any order) into a
 * new immutable list and swaps it in for the last one; requests in flight
 * finish with the list they started with.  Until the first call, GET
 * /v1/feeds answers 503 and /metrics has no feed gauges.  Safe to call
 * while serving.
 */
void api_publish_feeds(struct api *api, const struct api_feed *feeds,
    size_t n);

/*
 * Publishes the models in use (the usage inventory of the last 30 days):
 * n (provider, id) pairs, copied, which the dashboard marks.  Safe to
 * call while serving.
 */
void api_publish_used(struct api *api, const char *const *providers,
    const char *const *ids, size_t n);

/* The port the API listens on. */
uint16_t api_port(const struct api *api);

/*
 * Stops accepting connections, waits up to timeout_ms for requests in
 * flight to finish, then stops and frees everything.  api_stop(NULL) is a
 * no-op.
 */
void api_stop(struct api *api, int timeout_ms);

#endif
