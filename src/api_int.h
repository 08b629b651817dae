/*
 * api_int.h - what the HTTP API's files share: the server, one request,
 * one reply, the parameter helpers and the routes.
 *
 * api.c is the server (libmicrohttpd, limits, dispatch, headers, ETags,
 * request counters); api_models.c answers about models from the snapshot;
 * api_service.c answers about the service itself (health, feeds, changes,
 * export, sync, metrics); api_changefeeds.c gives the changes as Atom and
 * JSON Feed; api_alerts.c shows the alerts and their outbox.
 */
#ifndef SUNSET_API_INT_H
#define SUNSET_API_INT_H

#include <cjson/cJSON.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "api.h"
#include "buf.h"
#include "snapshot.h"
#include "util.h"

#define LIST_LIMIT_DEFAULT	100
#define LIST_LIMIT_MAX		1000
#define QUERY_MODELS_MAX	1000	/* ids in one POST /v1/query */

/* Status codes the request counters tell apart; others count as "other". */
#define API_CODES \
	X(200) X(202) X(204) X(304) X(400) X(401) X(403) X(404) X(405) X(413) \
	X(414) X(415) X(431) X(500) X(503)
enum api_code_index {
#define X(n) API_CODE_##n,
	API_CODES
#undef X
	API_CODE_OTHER,
	API_NCODES
};

/* Routes; API_ROUTE_NONE counts requests that matched none. */
#define API_NROUTES 22
#define API_ROUTE_NONE API_NROUTES

/* A published status of the feeds (api_publish_feeds): immutable, freed
 * with its last reference. */
struct api_feeds {
	atomic_int	 refs;
	size_t		 n;
	struct api_feed	*v;	/* highest priority first, then by name */
};

/* The models in use as the main loop last published them
 * (api_publish_used): immutable, sorted by provider then id, freed with
 * its last reference. */
struct api_used {
	atomic_int	 refs;
	size_t		 n;
	char		**providers;
	char		**ids;
};

/* Which other origins may read the API (cors_origins). */
enum api_cors { API_CORS_OFF, API_CORS_ANY, API_CORS_LIST };

struct api {
	struct MHD_Daemon	*daemon;
	atomic_int		 inflight;
	uint16_t		 port;
	char			 origin_host[64]; /* "ADDRESS:PORT" listened
						   * on, for absolute URLs */
	char			*database;
	api_sync_fn		 request_sync;
	struct usage		*usage;		/* NULL: not counted */
	api_usage_fn		 usage_wake;
	pthread_mutex_t		 used_lock;
	struct api_used		*used;		/* NULL: none published */
	pthread_mutex_t		 token_lock;
	char			*admin_token;	/* NULL: admin endpoints off */
	pthread_mutex_t		 feeds_lock;
	struct api_feeds	*feeds;		/* NULL: none published yet */
	atomic_int		 cors;		/* enum api_cors */
	pthread_mutex_t		 cors_lock;
	char			**cors_origins;	/* API_CORS_LIST: exact origins */
	size_t			 ncors_origins;
	atomic_ulong		 gz_hits;	/* gzip bodies from the cache */
	atomic_ulong		 gz_misses;	/* compressed for the cache */
	atomic_ulong		 requests[API_NROUTES + 1][API_NCODES];
};

/* One request, from the first call of the access handler to completion. */
struct request {
	struct api	*api;
	size_t		 target_len;	/* raw path and query, in bytes */
	size_t		 body_len;
	char		*body;		/* POST routes: up to API_BODY_MAX */
	int		 route;		/* index in the route table */
	struct snapshot	*snap;
};

/* What a route answers: a JSON body, text already rendered, or a shared
 * document.  A route that leaves all three NULL (its writer passed its
 * cap) gets a 500. */
struct reply {
	unsigned int	 status;
	cJSON		*body;
	char		*text;			/* instead of body; freed */
	const char	*content_type;		/* default application/json */
	int		 no_cache;		/* Cache-Control: no-cache */
	int		 auth_challenge;	/* WWW-Authenticate: Bearer */
	char		 sunset[30];		/* Sunset header, or "" */
	char		 deprecation[24];	/* Deprecation header, or "" */
	const char	*link;			/* deprecation Link target */
	int		 preflight;		/* an OPTIONS answer */
	/* Instead of body and text: a document the request's snapshot
	 * holds (the export), with its hash; copied only when sent. */
	const struct snapshot_export *shared;
	time_t		 last_modified;		/* Last-Modified; 0: none */
};

typedef void (*api_route_fn)(struct MHD_Connection *c, struct request *req,
    const char *arg, struct reply *out);

/*
 * Strict percent-decoding in place, for paths and arguments: a broken
 * escape or a decoded control byte becomes a byte api_bad_text refuses.
 * Returns the new length.
 */
size_t api_unescape(char *s);
/* 1 when s holds a broken escape, a control byte or is not UTF-8. */
int api_bad_text(const char *s);

/* Replaces out's body with the JSON error of status and code. */
void api_error(struct reply *out, unsigned int status, const char *code,
    const char *fmt, ...) ATTR_PRINTF(4, 5);
/* A new body object with schema_version. */
cJSON *api_body(void);
/* A query parameter, percent-decoded, or NULL. */
const char *api_arg(struct MHD_Connection *c, const char *key);
/* The as_of date from ?at=, or today.  Returns -1 after a 400 reply. */
int api_arg_at(struct MHD_Connection *c, struct reply *out, int32_t *as_of);
/* 0 when id can be a model id (1 to MATCH_ID_MAX - 1 bytes); else -1
 * after a 400 bad_model_id reply. */
int api_check_model_id(const char *id, struct reply *out);
/* A non-negative integer parameter up to max, left alone when absent.
 * Returns -1 after a 400 reply. */
int api_arg_uint(struct MHD_Connection *c, const char *key, long max,
    long *value, struct reply *out);
/* The published feeds' status, referenced (release with
 * api_feeds_unref), or NULL before the first publication. */
struct api_feeds *api_feeds_current(struct api *api);
void api_feeds_unref(struct api_feeds *feeds);
/* Counts one use of r (NULL: none) when usage is counted. */
void api_count_use(struct request *req, const struct record *r);
/* The published models in use, referenced (release with
 * api_used_unref), or NULL. */
struct api_used *api_used_current(struct api *api);
void api_used_unref(struct api_used *used);
/* 1 when (provider, id) is in used (may be NULL). */
int api_used_has(const struct api_used *used, const char *provider,
    const char *id);
/* 0 when the request may use an admin endpoint: it carries the admin
 * token, or none is configured, required is 0 and the client is on
 * loopback; else replies 401 or 403. */
int api_check_admin(struct MHD_Connection *c, struct api *api,
    int required, struct reply *out);
/* The request's body as a JSON object (caller frees), or NULL after a
 * 415 (not JSON by its Content-Type) or 400 bad_json reply. */
cJSON *api_json_body(struct MHD_Connection *c, const struct request *req,
    struct reply *out);

/* Appends the Prometheus lines of the request counters to b. */
void api_write_request_metrics(struct api *api, struct buf *b);

/* api_models.c */
void api_route_model(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_query(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_deprecations(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_providers(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

/* api_tools.c */
void api_route_calendar(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_calendar_model(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_badge(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_explain(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

/* api_pages.c */
void api_route_page_model(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_page_dashboard(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

/* api_changefeeds.c */
void api_route_changes_atom(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_changes_json(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

/* api_alerts.c */
void api_route_alerts(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

/* api_usage.c */
void api_route_usage(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_inventory(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

/* api_service.c */
void api_route_healthz(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_readyz(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_feeds(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_changes(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_export(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_sync(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
void api_route_metrics(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

#endif
