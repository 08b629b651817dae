/*
 * upstream.c - the tests' feed server (see upstream.h).
 */
#include "config.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "upstream.h"

static struct MHD_Daemon *daemon_;
static unsigned port;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *doc;
static int version, doc_requests, doc_not_modified, pages_served;
static char url[256];

void
upstream_set_doc(const char *text)
{
	pthread_mutex_lock(&lock);
	free(doc);
	doc = strdup(text);
	version++;
	pthread_mutex_unlock(&lock);
}

int
upstream_doc_requests(void)
{
	return doc_requests;
}

int
upstream_doc_not_modified(void)
{
	return doc_not_modified;
}

const char *
upstream_url(const char *path)
{
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", port, path);
	return url;
}

static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned status, const char *text,
    const char *type)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text),
	    (void *)text, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", type);
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* Sends 64 KiB blocks until the client gives up. */
static ssize_t
big_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	size_t n = max < 65536 ? max : 65536;

	if (pos >= (uint64_t)UPSTREAM_BIG * 2)
		return MHD_CONTENT_READER_END_OF_STREAM;
	memset(buf, 'x', n);
	return (ssize_t)n;
}

/* Sends a few bytes, then sleeps mid-body. */
static ssize_t
stall_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	if (pos == 0) {
		memcpy(buf, "{\"format\":", 10);
		return 10;
	}
	sleep(3);
	return MHD_CONTENT_READER_END_WITH_ERROR;
}

static ssize_t
truncated_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	if (pos == 0) {
		memcpy(buf, "{\"format\":", 10);
		return 10;
	}
	return MHD_CONTENT_READER_END_WITH_ERROR;
}

static enum MHD_Result
queue_reader(struct MHD_Connection *c, uint64_t size,
    MHD_ContentReaderCallback fn)
{
	struct MHD_Response *r = MHD_create_response_from_callback(size, 65536,
	    fn, NULL, NULL);
	enum MHD_Result rc = MHD_queue_response(c, MHD_HTTP_OK, r);

	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
redirect(struct MHD_Connection *c, const char *to)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL,
	    MHD_RESPMEM_PERSISTENT);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Location", to);
	rc = MHD_queue_response(c, MHD_HTTP_FOUND, r);
	MHD_destroy_response(r);
	return rc;
}

/* A 429 whose Retry-After is value, percent-decoded ("Fri,%2004..."). */
static enum MHD_Result
too_many(struct MHD_Connection *c, const char *value)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(4,
	    (void *)"slow", MHD_RESPMEM_PERSISTENT);
	char header[128];
	enum MHD_Result rc;

	snprintf(header, sizeof(header), "%s", value);
	MHD_http_unescape(header);
	MHD_add_response_header(r, "Retry-After", header);
	rc = MHD_queue_response(c, 429, r);
	MHD_destroy_response(r);
	return rc;
}

/* The key the model-list API paths take. */
#define GOOD_KEY "k-good"

/* The key a request presents as a bearer token or in x-api-key, or
 * NULL. */
static const char *
presented_key(struct MHD_Connection *c)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Authorization");

	if (v != NULL && strncmp(v, "Bearer ", 7) == 0)
		return v + 7;
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, "x-api-key");
}

static int
authorised(struct MHD_Connection *c)
{
	const char *key = presented_key(c);

	return key != NULL && strcmp(key, GOOD_KEY) == 0;
}

/* A 401 that echoes the key presented, as OpenAI's does. */
static enum MHD_Result
refuse_key(struct MHD_Connection *c)
{
	const char *key = presented_key(c);
	char body[512];

	snprintf(body, sizeof(body), "{\"error\": {\"message\": \"Incorrect "
	    "API key provided: %s\"}}", key != NULL ? key : "(none)");
	return send_text(c, MHD_HTTP_UNAUTHORIZED, body, "application/json");
}

/* Anthropic's pages of the models p1..p5, at most two a page (and at
 * most limit), after the id after_id names. */
static enum MHD_Result
serve_page(struct MHD_Connection *c)
{
	const char *after = MHD_lookup_connection_value(c,
	    MHD_GET_ARGUMENT_KIND, "after_id"), *limit_arg =
	    MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit");
	char body[512];
	int first = 1, limit, n = 0, i;
	size_t len;

	limit = limit_arg != NULL ? atoi(limit_arg) : 20;
	if (limit < 1 || limit > 1000)
		return send_text(c, MHD_HTTP_BAD_REQUEST, "bad limit",
		    "text/plain");
	if (limit > 2)
		limit = 2;
	if (after != NULL)
		first = after[0] == 'p' ? atoi(after + 1) + 1 : 99;
	len = (size_t)snprintf(body, sizeof(body), "{\"data\": [");
	for (i = first; i <= 5 && n < limit; i++, n++)
		len += (size_t)snprintf(body + len, sizeof(body) - len,
		    "%s{\"type\": \"model\", \"id\": \"p%d\"}", n ? ", " : "",
		    i);
	snprintf(body + len, sizeof(body) - len, "], \"has_more\": %s, "
	    "\"first_id\": \"p%d\", \"last_id\": \"p%d\"}",
	    i <= 5 ? "true" : "false", first, i - 1);
	pthread_mutex_lock(&lock);
	pages_served++;
	pthread_mutex_unlock(&lock);
	return send_text(c, MHD_HTTP_OK, body, "application/json");
}

int
upstream_pages_served(void)
{
	return pages_served;
}

/* The value of the request's header name, or "(none)". */
static const char *
header_or(struct MHD_Connection *c, const char *name)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);

	return v != NULL ? v : "(none)";
}

static enum MHD_Result
serve_doc(struct MHD_Connection *c)
{
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "If-None-Match");
	struct MHD_Response *r;
	enum MHD_Result rc;
	char etag[32];

	pthread_mutex_lock(&lock);
	doc_requests++;
	snprintf(etag, sizeof(etag), "\"v%d\"", version);
	if (inm != NULL && strcmp(inm, etag) == 0) {
		doc_not_modified++;
		pthread_mutex_unlock(&lock);
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "ETag", etag);
		rc = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
		MHD_destroy_response(r);
		return rc;
	}
	r = MHD_create_response_from_buffer(doc ? strlen(doc) : 0,
	    doc ? doc : (char *)"", MHD_RESPMEM_MUST_COPY);
	pthread_mutex_unlock(&lock);
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Content-Type", "application/json");
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *path,
    const char *method, const char *version_, const char *upload,
    size_t *upload_size, void **req_cls)
{
	if (strcmp(path, "/doc") == 0)
		return serve_doc(c);
	if (strncmp(path, "/status/", 8) == 0)
		return send_text(c, (unsigned)atoi(path + 8), "error",
		    "text/plain");
	if (strncmp(path, "/retry/", 7) == 0)
		return too_many(c, path + 7);
	if (strncmp(path, "/header/", 8) == 0)
		return send_text(c, MHD_HTTP_OK, header_or(c, path + 8),
		    "text/plain");
	if (strcmp(path, "/auth/doc") == 0)
		return authorised(c) ? serve_doc(c) : refuse_key(c);
	if (strcmp(path, "/auth/pages") == 0)
		return authorised(c) ? serve_page(c) : refuse_key(c);
	if (strcmp(path, "/stall") == 0)
		return queue_reader(c, MHD_SIZE_UNKNOWN, stall_reader);
	if (strcmp(path, "/big") == 0)
		return queue_reader(c, MHD_SIZE_UNKNOWN, big_reader);
	if (strcmp(path, "/bigdeclared") == 0)
		return queue_reader(c, UPSTREAM_BIG, big_reader);
	if (strcmp(path, "/truncated") == 0)
		return queue_reader(c, 1000, truncated_reader);
	if (strcmp(path, "/loop") == 0)
		return redirect(c, "/loop");
	if (strcmp(path, "/redirect") == 0)
		return redirect(c, "/doc");
	if (strcmp(path, "/html") == 0)
		return send_text(c, MHD_HTTP_OK, "<html><body>Moved to a new "
		    "page</body></html>", "text/html");
	return send_text(c, MHD_HTTP_NOT_FOUND, "not found", "text/plain");
}

unsigned
upstream_start(void)
{
	const union MHD_DaemonInfo *info;
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* A thread per connection, so /stall blocks only its own. */
	daemon_ = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, handle, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin, MHD_OPTION_END);
	if (daemon_ == NULL)
		return 0;
	info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
	port = info != NULL ? info->port : 0;
	return port;
}

void
upstream_stop(void)
{
	if (daemon_ != NULL)
		MHD_stop_daemon(daemon_);
	daemon_ = NULL;
	free(doc);
	doc = NULL;
}
