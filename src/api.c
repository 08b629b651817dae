/*
 * api.c - routes, parameters and JSON errors over libmicrohttpd.
 *
 * Every request is answered from one snapshot reference taken for that
 * request.  The access handler returns MHD_YES on its first call and answers
 * on the next: queuing at once would turn off keep-alive in libmicrohttpd
 * 0.9.75.  Limits are set on purpose: connection count, idle timeout,
 * request target length (414), body size (413), per-connection memory.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "answer.h"
#include "api.h"
#include "catalog.h"
#include "date.h"
#include "feed.h"
#include "log.h"
#include "snapshot.h"
#include "util.h"

#define CONNECTION_LIMIT	1000
#define CONNECTION_TIMEOUT_S	30
#define LISTEN_BACKLOG		256
#define THREADS			2
#define LIST_LIMIT_DEFAULT	100
#define LIST_LIMIT_MAX		1000
/* What percent-decoding leaves for a byte no id may hold. */
#define BAD_BYTE		'\x7f'

struct api {
	struct MHD_Daemon	*daemon;
	atomic_int		 inflight;
	uint16_t		 port;
	char			*database;
	api_sync_fn		 request_sync;
	pthread_mutex_t		 token_lock;
	char			*admin_token;	/* NULL: admin endpoints off */
};

/* One request, from the first call of the access handler to completion. */
struct request {
	struct api	*api;
	size_t		 target_len;	/* raw path and query, in bytes */
	size_t		 body_len;
	struct snapshot	*snap;
};

/* What a route answers: a JSON body, or text already rendered. */
struct reply {
	unsigned int	 status;
	cJSON		*body;
	char		*text;			/* instead of body; freed */
	int		 auth_challenge;	/* WWW-Authenticate: Bearer */
	char		 sunset[30];		/* Sunset header, or "" */
	char		 deprecation[24];	/* Deprecation header, or "" */
	const char	*link;			/* deprecation Link target */
};

typedef void (*route_fn)(struct MHD_Connection *c, struct request *req,
    const char *arg, struct reply *out);

static void route_healthz(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
static void route_readyz(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
static void route_model(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
static void route_deprecations(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
static void route_feeds(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
static void route_changes(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
static void route_export(struct MHD_Connection *, struct request *,
    const char *, struct reply *);
static void route_sync(struct MHD_Connection *, struct request *,
    const char *, struct reply *);

enum route_needs { NEEDS_NOTHING, NEEDS_SNAPSHOT };

static const struct route {
	const char	*path;
	int		 prefix;	/* path is a prefix; the rest is arg */
	int		 post;		/* POST, not GET and HEAD */
	enum route_needs needs;
	route_fn	 fn;
} routes[] = {
	{ "/healthz", 0, 0, NEEDS_NOTHING, route_healthz },
	{ "/readyz", 0, 0, NEEDS_NOTHING, route_readyz },
	{ "/v1/models/", 1, 0, NEEDS_SNAPSHOT, route_model },
	{ "/v1/deprecations", 0, 0, NEEDS_SNAPSHOT, route_deprecations },
	{ "/v1/feeds", 0, 0, NEEDS_NOTHING, route_feeds },
	{ "/v1/changes", 0, 0, NEEDS_NOTHING, route_changes },
	{ "/v1/export", 0, 0, NEEDS_SNAPSHOT, route_export },
	{ "/v1/sync", 0, 1, NEEDS_NOTHING, route_sync },
};

int
api_parse_listen(const char *listen, struct sockaddr_storage *ss,
    char **cause)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	const char *colon;
	char host[INET6_ADDRSTRLEN + 1], *end;
	size_t hostlen;
	long port;

	memset(ss, 0, sizeof(*ss));
	if (listen[0] == '[') {
		if ((colon = strstr(listen, "]:")) == NULL)
			goto bad;
		hostlen = (size_t)(colon - listen - 1);
		if (hostlen >= sizeof(host))
			goto bad;
		memcpy(host, listen + 1, hostlen);
		colon++;
	} else {
		if ((colon = strrchr(listen, ':')) == NULL)
			goto bad;
		hostlen = (size_t)(colon - listen);
		if (hostlen >= sizeof(host))
			goto bad;
		memcpy(host, listen, hostlen);
	}
	host[hostlen] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || port < 0 ||
	    port > 65535)
		goto bad;
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		return 0;
	}
bad:
	set_cause(cause, "bad listen address \"%s\" (want ADDRESS:PORT, "
	    "e.g. 127.0.0.1:7380 or [::1]:7380)", listen);
	return -1;
}

int
api_is_loopback(const char *listen)
{
	struct sockaddr_storage ss;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&ss;

	if (api_parse_listen(listen, &ss, NULL) < 0)
		return 0;
	if (ss.ss_family == AF_INET)
		return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
	return IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Strict percent-decoding for paths and arguments.  A broken escape or a
 * decoded control byte becomes BAD_BYTE, which the handler answers with
 * 400: libmicrohttpd's callback has no way to fail.
 */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *r = s, *w = s;
	int hi, lo;
	unsigned char b;

	while (*r != '\0') {
		if (*r != '%') {
			b = (unsigned char)*r++;
		} else if ((hi = hexval(r[1])) >= 0 &&
		    (lo = hexval(r[2])) >= 0) {
			b = (unsigned char)(hi * 16 + lo);
			r += 3;
		} else {
			b = (unsigned char)BAD_BYTE;
			r += r[1] == '\0' ? 1 : 2;
		}
		*w++ = b < 0x20 ? BAD_BYTE : (char)b;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Called once per request with the raw target: remembers its length in
 * the request pointer (odd, so it can't be an allocation) without
 * allocating, since a request refused before the handler runs is never
 * reported complete. */
static void *
uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
	return (void *)(((uintptr_t)strlen(uri) << 1) | 1);
}

static int
has_bad_byte(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == BAD_BYTE || (unsigned char)*s < 0x20)
			return 1;
	return 0;
}

static enum MHD_Result
check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	int *bad = cls;

	if (has_bad_byte(key) || (value != NULL && has_bad_byte(value))) {
		*bad = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

static void
error_reply(struct reply *out, unsigned int status, const char *code,
    const char *fmt, ...) ATTR_PRINTF(4, 5);

static void
error_reply(struct reply *out, unsigned int status, const char *code,
    const char *fmt, ...)
{
	cJSON *error;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cJSON_Delete(out->body);
	out->status = status;
	out->body = cJSON_CreateObject();
	cJSON_AddStringToObject(out->body, "schema_version", "1");
	error = cJSON_AddObjectToObject(out->body, "error");
	cJSON_AddStringToObject(error, "code", code);
	cJSON_AddStringToObject(error, "message", msg);
	free(msg);
}

static cJSON *
new_body(void)
{
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "schema_version", "1");
	return body;
}

static const char *
arg(struct MHD_Connection *c, const char *key)
{
	return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
}

/* The as_of date from ?at=, or today.  Returns -1 after a 400 reply. */
static int
arg_at(struct MHD_Connection *c, struct reply *out, int32_t *as_of)
{
	const char *at = arg(c, "at");

	if (at == NULL) {
		*as_of = date_today();
		return 0;
	}
	if (date_parse_iso(at, as_of) < 0) {
		error_reply(out, MHD_HTTP_BAD_REQUEST, "bad_date",
		    "at must be a date YYYY-MM-DD");
		return -1;
	}
	return 0;
}

/* A non-negative integer parameter up to max.  Returns -1 after a 400. */
static int
arg_uint(struct MHD_Connection *c, const char *key, long max, long *value,
    struct reply *out)
{
	const char *s = arg(c, key);
	char *end;
	long v;

	if (s == NULL)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v > max) {
		error_reply(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
		    "%s must be an integer from 0 to %ld", key, max);
		return -1;
	}
	*value = v;
	return 0;
}

static void
route_healthz(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	out->body = new_body();
	cJSON_AddStringToObject(out->body, "status", "ok");
}

static void
route_readyz(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	if (req->snap == NULL) {
		error_reply(out, MHD_HTTP_SERVICE_UNAVAILABLE, "not_ready",
		    "the catalog is not loaded yet");
		return;
	}
	out->body = new_body();
	cJSON_AddStringToObject(out->body, "status", "ready");
	cJSON_AddNumberToObject(out->body, "records",
	    (double)snapshot_count(req->snap));
}

static void
route_model(struct MHD_Connection *c, struct request *req, const char *id,
    struct reply *out)
{
	const struct record *r;
	const char *provider = arg(c, "provider");
	int32_t as_of;
	cJSON *answer;

	if (arg_at(c, out, &as_of) < 0)
		return;
	if (*id == '\0' || strlen(id) >= 256) {
		error_reply(out, MHD_HTTP_BAD_REQUEST, "bad_model_id",
		    "a model id is 1 to 255 bytes");
		return;
	}
	answer = answer_query(req->snap, id, provider, as_of, &r);
	if (r == NULL) {
		cJSON_Delete(answer);
		error_reply(out, MHD_HTTP_NOT_FOUND, "unknown_model",
		    "the catalog does not know this model id");
		cJSON_AddStringToObject(out->body, "query", id);
		cJSON_AddBoolToObject(out->body, "found", 0);
		return;
	}
	cJSON_AddStringToObject(answer, "schema_version", "1");
	out->body = answer;
	if (r->shutdown_on != DATE_NONE && r->shutdown_kind == SHUTDOWN_FIRM)
		date_format_http(r->shutdown_on, out->sunset);
	if (r->announced_on != DATE_NONE &&
	    status_is_deprecated(record_status(r, as_of))) {
		snprintf(out->deprecation, sizeof(out->deprecation), "@%lld",
		    (long long)date_epoch(r->announced_on));
		if (r->nsources > 0)
			out->link = r->sources[0].url;
	}
}

/* A status filter from a comma list; bit (1 << status) per status. */
static int
parse_status_list(const char *s, unsigned *mask)
{
	char *copy = xstrdup(s), *p = copy, *tok;
	enum status st;
	int rc = 0;

	*mask = 0;
	while ((tok = strsep(&p, ",")) != NULL) {
		if (status_parse(tok, &st) < 0) {
			rc = -1;
			break;
		}
		*mask |= 1u << st;
	}
	free(copy);
	return rc;
}

struct list_item {
	const struct record	*r;
	enum status		 status;
};

static int
by_shutdown(const void *a, const void *b)
{
	const struct record *x = ((const struct list_item *)a)->r;
	const struct record *y = ((const struct list_item *)b)->r;
	int c;

	/* Soonest first; no date last; then provider and id. */
	if (x->shutdown_on != y->shutdown_on) {
		if (x->shutdown_on == DATE_NONE)
			return 1;
		if (y->shutdown_on == DATE_NONE)
			return -1;
		return x->shutdown_on < y->shutdown_on ? -1 : 1;
	}
	if ((c = strcmp(x->provider, y->provider)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

static void
route_deprecations(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	const char *provider = arg(c, "provider"), *status = arg(c, "status");
	struct list_item *items;
	unsigned mask = (1u << STATUS_DEPRECATED) | (1u << STATUS_RETIRED);
	long within = -1, limit = LIST_LIMIT_DEFAULT, offset = 0;
	size_t i, n = 0, total;
	int32_t as_of, days;
	cJSON *list;

	if (arg_at(c, out, &as_of) < 0 ||
	    arg_uint(c, "within_days", 100000, &within, out) < 0 ||
	    arg_uint(c, "limit", LIST_LIMIT_MAX, &limit, out) < 0 ||
	    arg_uint(c, "offset", 10000000, &offset, out) < 0)
		return;
	if (status != NULL && parse_status_list(status, &mask) < 0) {
		error_reply(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
		    "status is a comma list of active, legacy, deprecated, "
		    "retired");
		return;
	}
	total = snapshot_count(req->snap);
	items = xcalloc(total, sizeof(*items));
	for (i = 0; i < total; i++) {
		const struct record *r = snapshot_record(req->snap, i);
		enum status st = record_status(r, as_of);

		if (!(mask & (1u << st)))
			continue;
		if (provider != NULL && strcmp(provider, r->provider) != 0)
			continue;
		if (within >= 0 && (record_days_left(r, as_of, &days) < 0 ||
		    days > within))
			continue;
		items[n].r = r;
		items[n].status = st;
		n++;
	}
	qsort(items, n, sizeof(*items), by_shutdown);
	out->body = new_body();
	answer_add_date(out->body, "as_of", as_of);
	cJSON_AddNumberToObject(out->body, "total", (double)n);
	cJSON_AddNumberToObject(out->body, "limit", (double)limit);
	cJSON_AddNumberToObject(out->body, "offset", (double)offset);
	list = cJSON_AddArrayToObject(out->body, "items");
	for (i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++)
		cJSON_AddItemToArray(list, answer_record(req->snap,
		    items[i].r, as_of));
	free(items);
}

static void
route_feeds(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	char *cause = NULL;
	cJSON *items;

	if (req->api->database == NULL ||
	    (items = catalog_read_feeds(req->api->database, &cause)) == NULL) {
		error_reply(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "the feed list cannot be read now");
		log_warn("GET /v1/feeds: %s", cause ? cause : "no database");
		free(cause);
		return;
	}
	out->body = new_body();
	cJSON_AddItemToObject(out->body, "items", items);
}

static void
route_changes(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	const char *since = arg(c, "since"), *since_time = NULL;
	long long since_seq = 0, next;
	long limit = LIST_LIMIT_DEFAULT, seq = 0;
	char *cause = NULL;
	cJSON *items;

	if (arg_uint(c, "limit", LIST_LIMIT_MAX, &limit, out) < 0)
		return;
	if (since != NULL && since[0] >= '0' && since[0] <= '9' &&
	    strchr(since, '-') == NULL) {
		if (arg_uint(c, "since", 2000000000L, &seq, out) < 0)
			return;
		since_seq = seq;
	} else if (since != NULL) {
		/* An RFC 3339 time: compared as text with the stored UTC
		 * stamps, so it must have their shape. */
		int32_t day;
		char ymd[11];

		snprintf(ymd, sizeof(ymd), "%s", since);
		if (strlen(since) < 10 || date_parse_iso(ymd, &day) < 0) {
			error_reply(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
			    "since is a change number or an RFC 3339 time");
			return;
		}
		since_time = since;
	}
	if (req->api->database == NULL || (items = catalog_read_changes(
	    req->api->database, since_seq, since_time, (int)limit, &next,
	    &cause)) == NULL) {
		error_reply(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "the change history cannot be read now");
		log_warn("GET /v1/changes: %s", cause ? cause : "no database");
		free(cause);
		return;
	}
	out->body = new_body();
	cJSON_AddItemToObject(out->body, "items", items);
	cJSON_AddNumberToObject(out->body, "next", (double)next);
}

static void
route_export(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	size_t n = snapshot_count(req->snap);

	out->text = feed_sunset_write(n > 0 ? snapshot_record(req->snap, 0) :
	    NULL, n, time(NULL));
}

/* Compares in time independent of where the strings differ. */
static int
token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char diff = la != lb;

	for (i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return diff == 0;
}

/* 0 when the request carries the admin token; else replies 401 or 403. */
static int
check_admin(struct MHD_Connection *c, struct api *api, struct reply *out)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	int allowed = 0, configured;

	pthread_mutex_lock(&api->token_lock);
	configured = api->admin_token != NULL;
	if (configured && auth != NULL && strncmp(auth, "Bearer ", 7) == 0)
		allowed = token_equal(auth + 7, api->admin_token);
	pthread_mutex_unlock(&api->token_lock);
	if (!configured) {
		error_reply(out, MHD_HTTP_FORBIDDEN, "admin_disabled",
		    "admin endpoints are off: no admin_token_file is "
		    "configured");
		return -1;
	}
	if (auth == NULL) {
		error_reply(out, MHD_HTTP_UNAUTHORIZED, "unauthorized",
		    "this endpoint needs Authorization: Bearer TOKEN");
		out->auth_challenge = 1;
		return -1;
	}
	if (!allowed) {
		error_reply(out, MHD_HTTP_FORBIDDEN, "forbidden",
		    "the token is not the admin token");
		return -1;
	}
	return 0;
}

static void
route_sync(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	const char *feed = arg(c, "feed");

	if (check_admin(c, req->api, out) < 0)
		return;
	if (req->api->request_sync == NULL) {
		error_reply(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "this server does not sync feeds");
		return;
	}
	if (req->api->request_sync(feed) < 0) {
		error_reply(out, MHD_HTTP_NOT_FOUND, "unknown_feed",
		    "no feed called %s is configured", feed);
		return;
	}
	out->status = MHD_HTTP_ACCEPTED;
	out->body = new_body();
	cJSON_AddStringToObject(out->body, "status", "queued");
	if (feed != NULL)
		cJSON_AddStringToObject(out->body, "feed", feed);
	else
		cJSON_AddNullToObject(out->body, "feed");
}

static enum MHD_Result
send_reply(struct MHD_Connection *c, struct reply *out, const char *allow)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;
	char *text = out->text, *link = NULL;

	out->text = NULL;
	if (text == NULL && (text = cJSON_PrintUnformatted(out->body)) == NULL)
		abort();
	resp = MHD_create_response_from_buffer(strlen(text), text,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(text);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "application/json");
	if (allow != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
	if (out->auth_challenge)
		MHD_add_response_header(resp,
		    MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
	if (out->sunset[0] != '\0')
		MHD_add_response_header(resp, "Sunset", out->sunset);
	if (out->deprecation[0] != '\0')
		MHD_add_response_header(resp, "Deprecation", out->deprecation);
	if (out->link != NULL && strpbrk(out->link, "<>\r\n") == NULL) {
		link = xasprintf("<%s>; rel=\"deprecation\"", out->link);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LINK, link);
		free(link);
	}
	rc = MHD_queue_response(c, out->status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static void
dispatch(struct MHD_Connection *c, struct request *req, const char *url,
    const char *method, struct reply *out, const char **allow)
{
	int is_get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
	    strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	const struct route *rt = NULL;
	size_t i, n;
	int bad = 0;

	if (req->target_len > API_URI_MAX) {
		error_reply(out, MHD_HTTP_URI_TOO_LONG, "uri_too_long",
		    "the request target is longer than %d bytes", API_URI_MAX);
		return;
	}
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_arg, &bad);
	if (bad || has_bad_byte(url)) {
		error_reply(out, MHD_HTTP_BAD_REQUEST, "bad_request",
		    "bad percent-encoding or control character in the URL");
		return;
	}
	for (i = 0; i < NELEM(routes); i++) {
		n = strlen(routes[i].path);
		if (routes[i].prefix ? strncmp(url, routes[i].path, n) == 0 :
		    strcmp(url, routes[i].path) == 0) {
			rt = &routes[i];
			break;
		}
	}
	if (rt == NULL) {
		error_reply(out, MHD_HTTP_NOT_FOUND, "not_found",
		    "no such endpoint");
		return;
	}
	if (rt->post ? strcmp(method, MHD_HTTP_METHOD_POST) != 0 : !is_get) {
		*allow = rt->post ? "POST" : "GET, HEAD";
		error_reply(out, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "method_not_allowed", "this endpoint answers %s", *allow);
		return;
	}
	if (req->snap == NULL && rt->needs == NEEDS_SNAPSHOT) {
		error_reply(out, MHD_HTTP_SERVICE_UNAVAILABLE, "not_ready",
		    "the catalog is not loaded yet");
		return;
	}
	out->status = MHD_HTTP_OK;
	rt->fn(c, req, url + (rt->prefix ? n : 0), out);
}

/* 1 when Content-Length announces more than API_BODY_MAX. */
static int
body_too_large(struct MHD_Connection *c)
{
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);

	return len != NULL && strtoull(len, NULL, 10) > API_BODY_MAX;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **req_cls)
{
	struct api *api = cls;
	struct request *req;
	struct reply out;
	uintptr_t tag = (uintptr_t)*req_cls;
	enum MHD_Result rc;
	const char *allow = NULL;

	memset(&out, 0, sizeof(out));
	if (tag & 1) {
		/* First call: headers are in; answer on a later call, unless
		 * the body is announced too large to be worth receiving. */
		req = xcalloc(1, sizeof(*req));
		req->api = api;
		req->target_len = tag >> 1;
		*req_cls = req;
		atomic_fetch_add(&api->inflight, 1);
		if (!body_too_large(c))
			return MHD_YES;
		error_reply(&out, MHD_HTTP_CONTENT_TOO_LARGE, "body_too_large",
		    "the request body is larger than %d bytes", API_BODY_MAX);
	} else if (*upload_data_size != 0) {
		req = *req_cls;
		/* No route takes a body yet: count it and drop it. */
		req->body_len += *upload_data_size;
		*upload_data_size = 0;
		if (req->body_len <= API_BODY_MAX)
			return MHD_YES;
		error_reply(&out, MHD_HTTP_CONTENT_TOO_LARGE, "body_too_large",
		    "the request body is larger than %d bytes", API_BODY_MAX);
	} else {
		req = *req_cls;
		req->snap = snapshot_current();
		dispatch(c, req, url, method, &out, &allow);
	}
	rc = send_reply(c, &out, allow);
	cJSON_Delete(out.body);
	free(out.text);
	return rc;
}

static void
completed(void *cls, struct MHD_Connection *c, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct api *api = cls;
	struct request *req = *req_cls;

	if (req == NULL || ((uintptr_t)req & 1))
		return;
	snapshot_unref(req->snap);
	free(req);
	*req_cls = NULL;
	atomic_fetch_sub(&api->inflight, 1);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);
	size_t n = strlen(msg);

	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_debug("http: %s", msg);
	free(msg);
}

static void
free_api(struct api *api)
{
	api_set_admin_token(api, NULL);
	pthread_mutex_destroy(&api->token_lock);
	free(api->database);
	free(api);
}

struct api *
api_start(const struct api_options *options, char **cause)
{
	const char *listen = options->listen;
	struct api *api;
	struct sockaddr_storage ss;
	const union MHD_DaemonInfo *info;
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ITC | MHD_USE_ERROR_LOG;

	if (api_parse_listen(listen, &ss, cause) < 0)
		return NULL;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	api = xcalloc(1, sizeof(*api));
	atomic_init(&api->inflight, 0);
	pthread_mutex_init(&api->token_lock, NULL);
	api->database = xstrdup_or_null(options->database);
	api->request_sync = options->request_sync;
	api->daemon = MHD_start_daemon(flags, 0, NULL, NULL, handle, api,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)THREADS,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTION_LIMIT,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT_S,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)LISTEN_BACKLOG,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_log, NULL,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, api,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_END);
	if (api->daemon == NULL) {
		set_cause(cause, "cannot listen on %s", listen);
		free_api(api);
		return NULL;
	}
	info = MHD_get_daemon_info(api->daemon, MHD_DAEMON_INFO_BIND_PORT);
	api->port = info != NULL ? info->port : 0;
	return api;
}

uint16_t
api_port(const struct api *api)
{
	return api->port;
}

void
api_stop(struct api *api, int timeout_ms)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	MHD_socket fd;
	int waited = 0;

	if (api == NULL)
		return;
	fd = MHD_quiesce_daemon(api->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	while (atomic_load(&api->inflight) > 0 && waited < timeout_ms) {
		nanosleep(&tick, NULL);
		waited += 10;
	}
	MHD_stop_daemon(api->daemon);
	free_api(api);
}

void
api_set_admin_token(struct api *api, const char *token)
{
	char *copy = xstrdup_or_null(token), *old;

	pthread_mutex_lock(&api->token_lock);
	old = api->admin_token;
	api->admin_token = copy;
	pthread_mutex_unlock(&api->token_lock);
	if (old != NULL) {
		explicit_bzero(old, strlen(old));
		free(old);
	}
}
