/*
 * api.c - the HTTP server: libmicrohttpd, limits, routing, replies.
 *
 * Every request is answered from one snapshot reference taken for that
 * request.  The access handler returns MHD_YES on its first call and answers
 * on a later one: queuing at once would turn off keep-alive in
 * libmicrohttpd 0.9.75.  Limits are set on purpose: connection count, idle
 * timeout, request target length (414), body size (413), per-connection
 * memory.  Every GET answer carries a strong ETag (a hash of its body) and
 * honours If-None-Match; one that knows when its content last changed (the
 * export) carries Last-Modified and honours If-Modified-Since as well.
 * Large answers of the routes marked GZIP go out gzip when the client
 * asks, with an ETag of their own; those rendered from the snapshot are
 * compressed once per snapshot, and never for a 304.  Small answers (a
 * model's) take no lock beyond the snapshot reference.  CORS headers,
 * when configured, go on every answer but those of SAME_ORIGIN routes.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "api_int.h"
#include "date.h"
#include "gz.h"
#include "html.h"
#include "jsonw.h"
#include "log.h"
#include "match.h"
#include "snapshot.h"
#include "usage.h"
#include "utf8.h"
#include "util.h"

#define CONNECTION_LIMIT	1000
#define FD_MARGIN		64
#define CONNECTION_TIMEOUT_S	15
#define LISTEN_BACKLOG		256
#define THREADS			2
/* What percent-decoding leaves for a byte no id may hold. */
#define BAD_BYTE		'\x7f'
/* How long a browser may keep a preflight's answer, in seconds. */
#define CORS_MAX_AGE		"600"

enum route_needs { NEEDS_NOTHING, NEEDS_SNAPSHOT };

/* What a route's answers may be beyond its method. */
#define GZIP		0x1	/* large answers go out gzip when asked */
#define SAME_ORIGIN	0x2	/* never CORS: pages of other origins
				 * may not call it (admin, private data) */

static const struct route {
	const char	*path;
	int		 prefix;	/* path is a prefix; the rest is arg */
	int		 post;		/* POST with a body, not GET and HEAD */
	enum route_needs needs;
	unsigned	 flags;
	api_route_fn	 fn;
} routes[API_NROUTES] = {
	{ "/healthz", 0, 0, NEEDS_NOTHING, 0, api_route_healthz },
	{ "/readyz", 0, 0, NEEDS_NOTHING, 0, api_route_readyz },
	{ "/v1/models/", 1, 0, NEEDS_SNAPSHOT, 0, api_route_model },
	{ "/v1/query", 0, 1, NEEDS_SNAPSHOT, GZIP, api_route_query },
	{ "/v1/deprecations", 0, 0, NEEDS_SNAPSHOT, GZIP,
	    api_route_deprecations },
	{ "/v1/providers", 0, 0, NEEDS_SNAPSHOT, GZIP, api_route_providers },
	{ "/v1/feeds", 0, 0, NEEDS_NOTHING, GZIP, api_route_feeds },
	{ "/v1/changes", 0, 0, NEEDS_NOTHING, GZIP, api_route_changes },
	{ "/v1/changes.atom", 0, 0, NEEDS_NOTHING, GZIP,
	    api_route_changes_atom },
	{ "/v1/changes.json", 0, 0, NEEDS_NOTHING, GZIP,
	    api_route_changes_json },
	{ "/v1/export", 0, 0, NEEDS_SNAPSHOT, GZIP, api_route_export },
	{ "/v1/sync", 0, 1, NEEDS_NOTHING, SAME_ORIGIN, api_route_sync },
	{ "/v1/alerts", 0, 0, NEEDS_NOTHING, SAME_ORIGIN, api_route_alerts },
	{ "/metrics", 0, 0, NEEDS_NOTHING, GZIP, api_route_metrics },
	{ "/v1/calendar.ics", 0, 0, NEEDS_SNAPSHOT, GZIP, api_route_calendar },
	{ "/v1/calendar/", 1, 0, NEEDS_SNAPSHOT, GZIP,
	    api_route_calendar_model },
	{ "/v1/badge/", 1, 0, NEEDS_SNAPSHOT, 0, api_route_badge },
	{ "/v1/explain", 0, 1, NEEDS_SNAPSHOT, 0, api_route_explain },
	{ "/v1/usage", 0, 0, NEEDS_SNAPSHOT, GZIP | SAME_ORIGIN,
	    api_route_usage },
	{ "/v1/inventory", 0, 1, NEEDS_SNAPSHOT, SAME_ORIGIN,
	    api_route_inventory },
	{ "/models/", 1, 0, NEEDS_SNAPSHOT, GZIP, api_route_page_model },
	{ "/", 0, 0, NEEDS_SNAPSHOT, GZIP, api_route_page_dashboard },
};

static const unsigned codes[] = {
#define X(n) n,
	API_CODES
#undef X
};

/*
 * Strict percent-decoding for paths and arguments.  A broken escape or a
 * decoded control byte becomes BAD_BYTE, which the handler answers with
 * 400: libmicrohttpd's callback has no way to fail.
 */
size_t
api_unescape(char *s)
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

static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	return api_unescape(s);
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

/* 1 when s holds a byte no id or parameter may: a broken escape, a
 * control byte, or bytes that are not UTF-8. */
int
api_bad_text(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (*p == BAD_BYTE || (unsigned char)*p < 0x20)
			return 1;
	return !utf8_valid(s, strlen(s));
}

static enum MHD_Result
check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	int *bad = cls;

	if (api_bad_text(key) || (value != NULL && api_bad_text(value))) {
		*bad = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

void
api_error(struct reply *out, unsigned int status, const char *code,
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

cJSON *
api_body(void)
{
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "schema_version", "1");
	return body;
}

const char *
api_arg(struct MHD_Connection *c, const char *key)
{
	return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
}

int
api_arg_at(struct MHD_Connection *c, struct reply *out, int32_t *as_of)
{
	const char *at = api_arg(c, "at");

	if (at == NULL) {
		*as_of = date_today();
		return 0;
	}
	if (date_parse_iso(at, as_of) < 0) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_date",
		    "at must be a date YYYY-MM-DD");
		return -1;
	}
	return 0;
}

int
api_check_model_id(const char *id, struct reply *out)
{
	if (*id != '\0' && strlen(id) < MATCH_ID_MAX)
		return 0;
	api_error(out, MHD_HTTP_BAD_REQUEST, "bad_model_id",
	    "a model id is 1 to %d bytes", MATCH_ID_MAX - 1);
	return -1;
}

int
api_arg_uint(struct MHD_Connection *c, const char *key, long max, long *value,
    struct reply *out)
{
	const char *s = api_arg(c, key);
	char *end;
	long v;

	if (s == NULL)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || v > max) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
		    "%s must be an integer from 0 to %ld", key, max);
		return -1;
	}
	*value = v;
	return 0;
}


/* The strong ETag of a body whose hash64 is h: it only has to change when
 * the body does.  etag holds at least 19 bytes. */
static void
make_etag(uint64_t h, char *etag)
{
	snprintf(etag, 19, "\"%016llx\"", (unsigned long long)h);
}

/*
 * 1 when the client's copy is current: If-None-Match names etag (or is
 * "*"); without If-None-Match, which wins, If-Modified-Since is a valid
 * HTTP-date not before last_modified (when the reply has one).
 */
static int
not_modified(struct MHD_Connection *c, const char *etag, time_t last_modified)
{
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH), *ims;
	time_t since;

	if (inm != NULL)
		return strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL;
	if (last_modified == 0 || (ims = MHD_lookup_connection_value(c,
	    MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MODIFIED_SINCE)) == NULL)
		return 0;
	return date_parse_http_time(ims, &since) == 0 &&
	    last_modified <= since;
}

static void
count(struct api *api, int route, unsigned status)
{
	size_t i;

	for (i = 0; i < NELEM(codes) && codes[i] != status; i++)
		;
	atomic_fetch_add(&api->requests[route][i], 1);
}

/* Adds token to the comma-separated header value in v. */
static void
list_add(char *v, size_t size, const char *token)
{
	size_t n = strlen(v);

	snprintf(v + n, size - n, "%s%s", n > 0 ? ", " : "", token);
}

static void *
gz_cache_make(void)
{
	return gz_cache_new(GZ_CACHE_ENTRIES, GZ_CACHE_BYTES);
}

static void
gz_cache_destroy(void *cache)
{
	gz_cache_free(cache);
}

/*
 * Replaces *text (*len bytes; when NULL, those of shared, which stays)
 * with its gzip form.  A GET answer rendered
 * from the snapshot (cached, tag its ETag) is compressed once for that
 * snapshot, then copied from the cache that goes with it; other answers
 * are compressed each time.  Returns -1, leaving the text alone, when
 * zlib fails.
 */
static int
compress_reply(struct request *req, int cached, const char *tag,
    const char *shared, char **text, size_t *len)
{
	struct gz_cache *cache;
	const char *in = *text != NULL ? *text : shared;
	char *gz;
	size_t gzlen;
	int hit;

	if (cached) {
		cache = snapshot_attachment(req->snap, gz_cache_make,
		    gz_cache_destroy);
		gz = gz_cache_get(cache, tag, in, *len, &gzlen, &hit);
		if (gz != NULL)
			atomic_fetch_add(hit ? &req->api->gz_hits :
			    &req->api->gz_misses, 1);
	} else
		gz = gz_compress(in, *len, &gzlen);
	if (gz == NULL)
		return -1;
	free(*text);
	*text = gz;
	*len = gzlen;
	return 0;
}

/* The ETag of the gzip form: the body's own with a suffix, so that a
 * client or cache holding either form can revalidate it. */
static void
gzip_etag(char *etag, size_t size)
{
	size_t n = strlen(etag);

	if (n >= 2 && n + sizeof("-gzip") <= size)
		memcpy(etag + n - 1, "-gzip\"", sizeof("-gzip\""));
}

/*
 * Whether the answer goes out gzip: a large answer of a GZIP route, when
 * Accept-Encoding allows it.  Says Vary: Accept-Encoding either way, and
 * makes the ETag (when etag[0]) that of the gzip form, so that a 304 is
 * decided before anything is compressed.
 */
static int
gzip_chosen(struct MHD_Connection *c, struct request *req, size_t len,
    char *etag, size_t etag_size, char *vary, size_t vary_size)
{
	const struct route *rt = req->route < API_NROUTES ?
	    &routes[req->route] : NULL;

	if (rt == NULL || !(rt->flags & GZIP) || len < GZ_MIN)
		return 0;
	list_add(vary, vary_size, MHD_HTTP_HEADER_ACCEPT_ENCODING);
	if (!gz_accepted(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING)))
		return 0;
	gzip_etag(etag, etag_size);
	return 1;
}

/* Compresses an answer gzip_chosen chose (*text NULL: shared); a GET
 * answer rendered from the snapshot once per snapshot.  Returns -1,
 * leaving the text alone, when zlib fails. */
static int
encode_reply(struct request *req, int is_get, const char *etag,
    const char *shared, char **text, size_t *len)
{
	int cached = is_get && etag[0] != '\0' && req->snap != NULL &&
	    routes[req->route].needs == NEEDS_SNAPSHOT;

	return compress_reply(req, cached, etag, shared, text, len);
}

/* 1 when origin is one of the origins allowed by name. */
static int
cors_listed(struct api *api, const char *origin)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&api->cors_lock);
	for (i = 0; i < api->ncors_origins && !found; i++)
		found = strcasecmp(api->cors_origins[i], origin) == 0;
	pthread_mutex_unlock(&api->cors_lock);
	return found;
}

/*
 * CORS: tells a browser that a page of the requesting origin may read
 * the answer (any origin's, or the one named when it is listed, with
 * Vary: Origin), which headers its script may read, and for a preflight
 * what it may send.  Nothing for SAME_ORIGIN routes or when off.
 */
static void
add_cors(struct MHD_Connection *c, struct request *req,
    struct MHD_Response *resp, int preflight, char *vary, size_t vary_size)
{
	const struct route *rt = req->route < API_NROUTES ?
	    &routes[req->route] : NULL;
	int mode = atomic_load(&req->api->cors);
	const char *origin = "*";

	if (mode == API_CORS_OFF || (rt != NULL && (rt->flags & SAME_ORIGIN)))
		return;
	if (mode == API_CORS_LIST) {
		list_add(vary, vary_size, "Origin");
		origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
		    "Origin");
		if (origin == NULL || !cors_listed(req->api, origin))
			return;
	}
	MHD_add_response_header(resp, "Access-Control-Allow-Origin", origin);
	if (!preflight) {
		MHD_add_response_header(resp, "Access-Control-Expose-Headers",
		    "ETag, Last-Modified, Sunset, Deprecation, Link");
		return;
	}
	MHD_add_response_header(resp, "Access-Control-Allow-Methods",
	    rt != NULL && rt->post ? "POST" : "GET, HEAD");
	MHD_add_response_header(resp, "Access-Control-Allow-Headers",
	    "Content-Type, If-None-Match, If-Modified-Since");
	MHD_add_response_header(resp, "Access-Control-Max-Age", CORS_MAX_AGE);
}

static void
release_snapshot(void *snap)
{
	snapshot_unref(snap);
}

/* The response for len bytes of text (taken over; freed with the
 * response), or, when text is NULL, of shared: bytes the request's
 * snapshot holds, sent from there without a copy while the response keeps
 * a reference to it.  NULL when libmicrohttpd cannot make one. */
static struct MHD_Response *
make_response(struct request *req, const char *shared, char *text,
    size_t len)
{
	struct MHD_Response *resp;

	if (text == NULL && len > 0) {
		resp = MHD_create_response_from_buffer_with_free_callback_cls(
		    len, (void *)shared, release_snapshot,
		    snapshot_ref(req->snap));
		if (resp == NULL)
			snapshot_unref(req->snap);
		return resp;
	}
	if (text == NULL)
		text = xstrdup("");
	if ((resp = MHD_create_response_from_buffer(len, text,
	    MHD_RESPMEM_MUST_FREE)) == NULL)
		free(text);
	return resp;
}

static enum MHD_Result
send_reply(struct MHD_Connection *c, struct request *req, struct reply *out,
    const char *method, const char *allow)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;
	char *text = out->text, *link = NULL, etag[32], vary[40], stamp[30];
	struct buf lb;
	unsigned status = out->status;
	int is_get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
	    strcmp(method, MHD_HTTP_METHOD_HEAD) == 0, gzip = 0;
	const char *shared = out->shared != NULL ? out->shared->text : NULL;
	uint64_t hash = 0;
	size_t len;

	out->text = NULL;
	if (text == NULL && out->shared == NULL)
		text = cJSON_PrintUnformatted(out->body);
	len = text != NULL ? strlen(text) : out->shared->len;
	etag[0] = vary[0] = '\0';
	if (is_get && status == MHD_HTTP_OK) {
		hash = text != NULL ? hash64(text, len) : out->shared->hash;
		make_etag(hash, etag);
	}
	if (status == MHD_HTTP_OK)
		gzip = gzip_chosen(c, req, len, etag, sizeof(etag), vary,
		    sizeof(vary));
	if (etag[0] != '\0' && not_modified(c, etag, out->last_modified)) {
		status = MHD_HTTP_NOT_MODIFIED;
		len = 0;
		gzip = 0;
	} else if (gzip && out->shared != NULL && out->shared->gz != NULL) {
		/* The export's gzip form, made with it. */
		shared = out->shared->gz;
		len = out->shared->gzlen;
	} else if (gzip && encode_reply(req, is_get, etag, shared, &text,
	    &len) < 0) {
		gzip = 0;
		if (etag[0] != '\0')
			make_etag(hash, etag);
	}
	if ((resp = make_response(req, shared, text, len)) == NULL)
		return MHD_NO;
	if (status != MHD_HTTP_NOT_MODIFIED && status != MHD_HTTP_NO_CONTENT)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		    out->content_type != NULL ? out->content_type :
		    "application/json");
	if (gzip && status != MHD_HTTP_NOT_MODIFIED)
		MHD_add_response_header(resp,
		    MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	if (etag[0] != '\0') {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
		if (out->last_modified != 0) {
			date_format_http_time(out->last_modified, stamp);
			MHD_add_response_header(resp,
			    MHD_HTTP_HEADER_LAST_MODIFIED, stamp);
		}
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
		    out->no_cache ? "no-cache" : "public, max-age=60");
	} else
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
		    "no-store");
	if (allow != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
	if (out->auth_challenge)
		MHD_add_response_header(resp,
		    MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
	if (out->sunset[0] != '\0')
		MHD_add_response_header(resp, "Sunset", out->sunset);
	if (out->deprecation[0] != '\0')
		MHD_add_response_header(resp, "Deprecation", out->deprecation);
	if (out->link != NULL) {
		/* Any byte a URI may not hold, percent-encoded: no raw
		 * UTF-8, and nothing that could end the <...>. */
		buf_init(&lb, BUF_MAX_INTERNAL);
		buf_addc(&lb, '<');
		html_uri(&lb, out->link);
		buf_adds(&lb, ">; rel=\"deprecation\"");
		if ((link = buf_take(&lb, NULL)) != NULL)
			MHD_add_response_header(resp, MHD_HTTP_HEADER_LINK,
			    link);
		free(link);
	}
	add_cors(c, req, resp, out->preflight, vary, sizeof(vary));
	if (vary[0] != '\0')
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, vary);
	count(req->api, req->route, status);
	rc = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static void
dispatch(struct MHD_Connection *c, struct request *req, const char *url,
    const char *method, struct reply *out, const char **allow)
{
	const struct route *rt = NULL;
	int is_get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
	    strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	size_t i, n = 0;
	int bad = 0;

	if (req->target_len > API_URI_MAX) {
		api_error(out, MHD_HTTP_URI_TOO_LONG, "uri_too_long",
		    "the request target is longer than %d bytes", API_URI_MAX);
		return;
	}
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_arg, &bad);
	if (bad || api_bad_text(url)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_request",
		    "bad percent-encoding, a control character or bytes that "
		    "are not UTF-8 in the URL");
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
		api_error(out, MHD_HTTP_NOT_FOUND, "not_found",
		    "no such endpoint");
		return;
	}
	req->route = (int)(rt - routes);
	if (strcmp(method, MHD_HTTP_METHOD_OPTIONS) == 0) {
		/* What the route answers; a browser's preflight also gets
		 * the CORS headers send_reply adds. */
		*allow = rt->post ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
		out->status = MHD_HTTP_NO_CONTENT;
		out->text = xstrdup("");
		out->preflight = 1;
		return;
	}
	if (rt->post ? strcmp(method, MHD_HTTP_METHOD_POST) != 0 : !is_get) {
		*allow = rt->post ? "POST" : "GET, HEAD";
		api_error(out, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "method_not_allowed", "this endpoint answers %s", *allow);
		return;
	}
	if (req->snap == NULL && rt->needs == NEEDS_SNAPSHOT) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "not_ready",
		    "the catalog is not loaded yet");
		return;
	}
	out->status = MHD_HTTP_OK;
	rt->fn(c, req, url + (rt->prefix ? n : 0), out);
	/* A reply with neither body nor text passed its buffer's cap: none
	 * of what the route set (headers, content type) holds for it. */
	if (out->body == NULL && out->text == NULL && out->shared == NULL) {
		memset(out, 0, sizeof(*out));
		api_error(out, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "reply_too_large", "the reply would be larger than the "
		    "256 MiB the server builds");
	}
}

/* 1 when Content-Length announces more than API_BODY_MAX. */
static int
body_too_large(struct MHD_Connection *c)
{
	const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);

	return len != NULL && strtoull(len, NULL, 10) > API_BODY_MAX;
}

/* Keeps a POST body (up to API_BODY_MAX); drops any other. Returns -1
 * when the body passed the limit. */
static int
take_body(struct request *req, const char *method, const char *data,
    size_t len)
{
	if (len > API_BODY_MAX - req->body_len)
		return -1;
	if (strcmp(method, MHD_HTTP_METHOD_POST) == 0) {
		req->body = xreallocarray(req->body, req->body_len + len + 1, 1);
		memcpy(req->body + req->body_len, data, len);
		req->body[req->body_len + len] = '\0';
	}
	req->body_len += len;
	return 0;
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
		req->route = API_ROUTE_NONE;
		*req_cls = req;
		atomic_fetch_add(&api->inflight, 1);
		if (!body_too_large(c))
			return MHD_YES;
		api_error(&out, MHD_HTTP_CONTENT_TOO_LARGE, "body_too_large",
		    "the request body is larger than %d bytes", API_BODY_MAX);
	} else if (*upload_data_size != 0) {
		req = *req_cls;
		if (take_body(req, method, upload_data, *upload_data_size) ==
		    0) {
			*upload_data_size = 0;
			return MHD_YES;
		}
		*upload_data_size = 0;
		api_error(&out, MHD_HTTP_CONTENT_TOO_LARGE, "body_too_large",
		    "the request body is larger than %d bytes", API_BODY_MAX);
	} else {
		req = *req_cls;
		req->snap = snapshot_current();
		dispatch(c, req, url, method, &out, &allow);
	}
	rc = send_reply(c, req, &out, method, allow);
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
	free(req->body);
	free(req);
	*req_cls = NULL;
	atomic_fetch_sub(&api->inflight, 1);
}

void
api_write_request_metrics(struct api *api, struct buf *b)
{
	const char *route;
	unsigned long n;
	size_t r, i;

	buf_addf(b, "# HELP sunset_http_requests_total HTTP "
	    "requests answered, by route and status code.\n"
	    "# TYPE sunset_http_requests_total counter\n");
	for (r = 0; r <= API_NROUTES; r++)
		for (i = 0; i < API_NCODES; i++) {
			if ((n = atomic_load(&api->requests[r][i])) == 0)
				continue;
			route = r < API_NROUTES ? routes[r].path : "other";
			if (i < NELEM(codes))
				buf_addf(b,
				    "sunset_http_requests_total{route=\"%s\","
				    "code=\"%u\"} %lu\n", route, codes[i], n);
			else
				buf_addf(b,
				    "sunset_http_requests_total{route=\"%s\","
				    "code=\"other\"} %lu\n", route, n);
		}
	buf_addf(b, "# HELP sunset_http_compressed_cache_hits_total Large "
	    "answers whose gzip form was copied from the cache of the "
	    "snapshot they were rendered from.\n"
	    "# TYPE sunset_http_compressed_cache_hits_total counter\n"
	    "sunset_http_compressed_cache_hits_total %lu\n"
	    "# HELP sunset_http_compressed_cache_misses_total Large answers "
	    "compressed and kept for the next request for the same body.\n"
	    "# TYPE sunset_http_compressed_cache_misses_total counter\n"
	    "sunset_http_compressed_cache_misses_total %lu\n",
	    atomic_load(&api->gz_hits), atomic_load(&api->gz_misses));
}

static void mhd_log(void *, const char *, va_list) ATTR_PRINTF(2, 0);

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

/*
 * At most CONNECTION_LIMIT connections, and never more than the file
 * descriptors allow (less a margin for the database, feeds and logs), so
 * a flood of clients waits in the listen backlog instead of failing
 * accept() or starving the rest of the daemon of descriptors.
 */
static unsigned int
connection_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < CONNECTION_LIMIT + FD_MARGIN)
		return rl.rlim_cur > 2 * FD_MARGIN ?
		    (unsigned int)(rl.rlim_cur - FD_MARGIN) : FD_MARGIN;
	return CONNECTION_LIMIT;
}

/*
 * A listening socket on ss, bound here rather than by libmicrohttpd, which
 * says only that it failed: the reason ("Address already in use") goes
 * into *cause.  Returns the socket, or -1.
 */
static int
listen_on(const char *addr, const struct sockaddr_storage *ss,
    char **cause)
{
	socklen_t len = ss->ss_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	int fd, on = 1;

	if ((fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, 0)) < 0)
		goto fail;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    (ss->ss_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6,
	    IPV6_V6ONLY, &on, sizeof(on)) < 0) ||
	    bind(fd, (const struct sockaddr *)ss, len) < 0 ||
	    listen(fd, LISTEN_BACKLOG) < 0)
		goto fail;
	return fd;
fail:
	set_cause(cause, "cannot listen on %s: %s", addr, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

static void
free_api(struct api *api)
{
	api_set_admin_token(api, NULL);
	pthread_mutex_destroy(&api->token_lock);
	api_feeds_unref(api->feeds);
	pthread_mutex_destroy(&api->feeds_lock);
	api_used_unref(api->used);
	pthread_mutex_destroy(&api->used_lock);
	api_set_cors(api, NULL);
	pthread_mutex_destroy(&api->cors_lock);
	free(api->database);
	free(api);
}

/* What absolute URLs name when a request's Host cannot serve: the
 * address listened on, with the port bound. */
static void
set_origin_host(struct api *api, const struct sockaddr_storage *ss)
{
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
	const struct sockaddr_in *in4 = (const struct sockaddr_in *)ss;
	char a[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &in6->sin6_addr, a, sizeof(a));
		snprintf(api->origin_host, sizeof(api->origin_host), "[%s]:%u",
		    a, api->port);
	} else {
		inet_ntop(AF_INET, &in4->sin_addr, a, sizeof(a));
		snprintf(api->origin_host, sizeof(api->origin_host), "%s:%u",
		    a, api->port);
	}
}

struct api *
api_start(const struct api_options *options, char **cause)
{
	const char *listen = options->listen;
	struct api *api;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	struct MHD_OptionItem where[2];
	const union MHD_DaemonInfo *info;
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ITC | MHD_USE_ERROR_LOG;
	int fd = options->listen_fd;

	memset(where, 0, sizeof(where));
	where[1].option = MHD_OPTION_END;
	if (fd > 0) {
		/* A socket systemd opened for us. */
		if (getsockname(fd, (struct sockaddr *)&ss, &sslen) < 0) {
			set_cause(cause, "the socket passed by systemd: %s",
			    strerror(errno));
			return NULL;
		}
	} else if (addr_parse(listen, &ss, cause) < 0 ||
	    (fd = listen_on(listen, &ss, cause)) < 0)
		return NULL;
	where[0].option = MHD_OPTION_LISTEN_SOCKET;
	where[0].value = fd;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	api = xcalloc(1, sizeof(*api));
	atomic_init(&api->inflight, 0);
	pthread_mutex_init(&api->token_lock, NULL);
	pthread_mutex_init(&api->feeds_lock, NULL);
	pthread_mutex_init(&api->used_lock, NULL);
	pthread_mutex_init(&api->cors_lock, NULL);
	atomic_init(&api->cors, API_CORS_OFF);
	api->database = xstrdup_or_null(options->database);
	api->request_sync = options->request_sync;
	api->usage = options->usage;
	api->usage_wake = options->usage_wake;
	api->daemon = MHD_start_daemon(flags, 0, NULL, NULL, handle, api,
	    MHD_OPTION_ARRAY, where,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)THREADS,
	    MHD_OPTION_CONNECTION_LIMIT, connection_limit(),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)CONNECTION_TIMEOUT_S,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)LISTEN_BACKLOG,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_log, NULL,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, api,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_END);
	if (api->daemon == NULL) {
		/* The socket is left open: whether libmicrohttpd closed it
		 * on its way out is not said, and the daemon exits. */
		set_cause(cause, "cannot start the HTTP server on %s",
		    listen);
		free_api(api);
		return NULL;
	}
	info = MHD_get_daemon_info(api->daemon, MHD_DAEMON_INFO_BIND_PORT);
	api->port = info != NULL ? info->port : 0;
	set_origin_host(api, &ss);
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

void
api_set_cors(struct api *api, const char *origins)
{
	char **list = NULL, **old, *copy, *p, *o;
	size_t n = 0, nold, i;
	int mode = API_CORS_OFF;

	if (origins != NULL && strcmp(origins, "*") == 0)
		mode = API_CORS_ANY;
	else if (origins != NULL) {
		mode = API_CORS_LIST;
		p = copy = xstrdup(origins);
		while ((o = strsep(&p, " ")) != NULL) {
			if (*o == '\0')
				continue;
			list = xreallocarray(list, n + 1, sizeof(*list));
			list[n++] = xstrdup(o);
		}
		free(copy);
	}
	pthread_mutex_lock(&api->cors_lock);
	old = api->cors_origins;
	nold = api->ncors_origins;
	api->cors_origins = list;
	api->ncors_origins = n;
	atomic_store(&api->cors, mode);
	pthread_mutex_unlock(&api->cors_lock);
	for (i = 0; i < nold; i++)
		free(old[i]);
	free(old);
}

/* Highest priority first, then by name. */
static int
feed_order(const void *a, const void *b)
{
	const struct api_feed *x = a, *y = b;

	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	return strcmp(x->name, y->name);
}

void
api_publish_feeds(struct api *api, const struct api_feed *feeds, size_t n)
{
	struct api_feeds *list = xcalloc(1, sizeof(*list)), *old;
	struct api_feed *f;
	size_t i;

	atomic_init(&list->refs, 1);
	list->n = n;
	list->v = xcalloc(n, sizeof(*list->v));
	for (i = 0; i < n; i++) {
		f = &list->v[i];
		*f = feeds[i];
		f->name = xstrdup(feeds[i].name);
		f->url = xstrdup_or_null(feeds[i].url);
		f->format = xstrdup_or_null(feeds[i].format);
		f->provider = xstrdup_or_null(feeds[i].provider);
		f->last_error = xstrdup_or_null(feeds[i].last_error);
	}
	qsort(list->v, n, sizeof(*list->v), feed_order);
	pthread_mutex_lock(&api->feeds_lock);
	old = api->feeds;
	api->feeds = list;
	pthread_mutex_unlock(&api->feeds_lock);
	api_feeds_unref(old);
}

struct api_feeds *
api_feeds_current(struct api *api)
{
	struct api_feeds *list;

	pthread_mutex_lock(&api->feeds_lock);
	if ((list = api->feeds) != NULL)
		atomic_fetch_add(&list->refs, 1);
	pthread_mutex_unlock(&api->feeds_lock);
	return list;
}

void
api_feeds_unref(struct api_feeds *list)
{
	size_t i;

	if (list == NULL || atomic_fetch_sub(&list->refs, 1) != 1)
		return;
	for (i = 0; i < list->n; i++) {
		free((char *)list->v[i].name);
		free((char *)list->v[i].url);
		free((char *)list->v[i].format);
		free((char *)list->v[i].provider);
		free((char *)list->v[i].last_error);
	}
	free(list->v);
	free(list);
}

/* 1 when the request says its body is something other than JSON. */
static int
not_json(struct MHD_Connection *c)
{
	const char *type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);

	/* curl -d sends application/x-www-form-urlencoded: take it too. */
	return type != NULL && strncasecmp(type, "application/json", 16) != 0 &&
	    strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0 &&
	    strstr(type, "+json") == NULL;
}

cJSON *
api_json_body(struct MHD_Connection *c, const struct request *req,
    struct reply *out)
{
	cJSON *doc;

	if (not_json(c)) {
		api_error(out, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
		    "unsupported_media_type", "the body must be JSON");
		return NULL;
	}
	doc = cJSON_ParseWithLength(req->body != NULL ? req->body : "",
	    req->body_len);
	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_json",
		    "the body is not a JSON object");
		return NULL;
	}
	return doc;
}

void
api_count_use(struct request *req, const struct record *r)
{
	struct api *api = req->api;

	if (api->usage == NULL || r == NULL)
		return;
	if (usage_count(api->usage, r->provider, r->id, time(NULL)) ==
	    USAGE_FIRST && api->usage_wake != NULL)
		api->usage_wake(API_USAGE_FIRST_COUNT);
}

/* Provider, then id. */
static int
cmp_pair(const char *p1, const char *i1, const char *p2, const char *i2)
{
	int c = strcmp(p1, p2);

	return c != 0 ? c : strcmp(i1, i2);
}

void
api_publish_used(struct api *api, const char *const *providers,
    const char *const *ids, size_t n)
{
	struct api_used *list = xcalloc(1, sizeof(*list)), *old;
	char *tp, *ti;
	size_t i, j;

	atomic_init(&list->refs, 1);
	list->providers = xcalloc(n, sizeof(*list->providers));
	list->ids = xcalloc(n, sizeof(*list->ids));
	/* Insertion sort: the list is short and usually sorted already. */
	for (i = 0; i < n; i++) {
		tp = xstrdup(providers[i]);
		ti = xstrdup(ids[i]);
		for (j = list->n; j > 0 && cmp_pair(list->providers[j - 1],
		    list->ids[j - 1], tp, ti) > 0; j--) {
			list->providers[j] = list->providers[j - 1];
			list->ids[j] = list->ids[j - 1];
		}
		list->providers[j] = tp;
		list->ids[j] = ti;
		list->n++;
	}
	pthread_mutex_lock(&api->used_lock);
	old = api->used;
	api->used = list;
	pthread_mutex_unlock(&api->used_lock);
	api_used_unref(old);
}

struct api_used *
api_used_current(struct api *api)
{
	struct api_used *list;

	pthread_mutex_lock(&api->used_lock);
	if ((list = api->used) != NULL)
		atomic_fetch_add(&list->refs, 1);
	pthread_mutex_unlock(&api->used_lock);
	return list;
}

void
api_used_unref(struct api_used *list)
{
	size_t i;

	if (list == NULL || atomic_fetch_sub(&list->refs, 1) != 1)
		return;
	for (i = 0; i < list->n; i++) {
		free(list->providers[i]);
		free(list->ids[i]);
	}
	free(list->providers);
	free(list->ids);
	free(list);
}

int
api_used_has(const struct api_used *used, const char *provider,
    const char *id)
{
	size_t lo = 0, hi, mid;
	int c;

	if (used == NULL)
		return 0;
	hi = used->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = cmp_pair(used->providers[mid], used->ids[mid], provider,
		    id);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}
