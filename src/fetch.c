/*
 * fetch.c - bounded, verified, conditional HTTP GETs with libcurl.
 *
 * Every limit is set explicitly because libcurl 7.88's defaults are not
 * ours: redirects are unlimited by default, CURLOPT_MAXFILESIZE only stops
 * bodies that announce their size, so the write callback caps the body
 * too.  The transfer runs on a multi handle so that the wait can also
 * watch the caller's wake_fd and ask its tick whether to go on: a daemon
 * told to stop or reload never waits for a slow upstream.
 */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "fetch.h"
#include "util.h"

/* The longest wait without asking the caller's tick. */
#define TICK_MS 1000

struct transfer {
	struct fetch_response	*resp;
	struct buf		 body;		/* capped at the size limit */
	int			 too_big;
	char			*retry_after;	/* the header, or NULL */
};

void
fetch_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void
fetch_cleanup(void)
{
	curl_global_cleanup();
}

void
fetch_response_clear(struct fetch_response *resp)
{
	free(resp->body);
	free(resp->etag);
	free(resp->last_modified);
	free(resp->content_type);
	memset(resp, 0, sizeof(*resp));
}

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;

	if (buf_add(&t->body, data, len) == -1) {
		t->too_big = 1;
		return 0;	/* a short count ends the transfer */
	}
	return len;
}

/* Keeps a header's value (trimmed) when its name matches. */
static void
keep_header(const char *line, size_t len, const char *name, char **out)
{
	size_t n = strlen(name);
	const char *v, *end = line + len;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return;
	for (v = line + n + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
	    end[-1] == ' '))
		end--;
	free(*out);
	*out = xstrndup(v, (size_t)(end - v));
}

static size_t
on_header(char *line, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;

	/* A new status line (after a redirect) starts a new set. */
	if (len > 5 && strncmp(line, "HTTP/", 5) == 0) {
		free(t->retry_after);
		t->retry_after = NULL;
		free(t->resp->etag);
		free(t->resp->last_modified);
		free(t->resp->content_type);
		t->resp->etag = t->resp->last_modified = NULL;
		t->resp->content_type = NULL;
	}
	keep_header(line, len, "ETag", &t->resp->etag);
	keep_header(line, len, "Last-Modified", &t->resp->last_modified);
	keep_header(line, len, "Content-Type", &t->resp->content_type);
	keep_header(line, len, "Retry-After", &t->retry_after);
	return len;
}

/* Retry-After as seconds from now: a number of seconds, or an HTTP-date
 * (RFC 9110 10.2.3); -1 when there is none or it does not read. */
static long
retry_after_seconds(const char *v, time_t now)
{
	unsigned long long n;
	time_t t;
	char *end;

	if (v == NULL || *v == '\0')
		return -1;
	if (*v >= '0' && *v <= '9') {
		errno = 0;
		n = strtoull(v, &end, 10);
		if (*end != '\0')
			return -1;
		return errno != 0 || n > LONG_MAX ? LONG_MAX : (long)n;
	}
	if (date_parse_http_time(v, &t) < 0)
		return -1;
	return t > now ? (long)(t - now) : 0;
}

/*
 * Runs the transfer to its end, or until req->tick asks to stop (returns
 * -1).  Sets *rc to libcurl's result otherwise.
 */
static int
perform(CURL *curl, const struct fetch_request *req, CURLcode *rc)
{
	struct curl_waitfd wake;
	CURLM *multi;
	CURLMsg *msg;
	CURLMcode mc = CURLM_OK;
	int running = 1, left, aborted = 0;

	*rc = CURLE_OUT_OF_MEMORY;
	if ((multi = curl_multi_init()) == NULL)
		return 0;
	memset(&wake, 0, sizeof(wake));
	wake.fd = req->wake_fd;
	wake.events = CURL_WAIT_POLLIN;
	if (curl_multi_add_handle(multi, curl) != CURLM_OK)
		goto out;
	while (mc == CURLM_OK) {
		if ((mc = curl_multi_perform(multi, &running)) != CURLM_OK ||
		    running == 0)
			break;
		if (req->tick != NULL && req->tick()) {
			aborted = 1;
			break;
		}
		mc = curl_multi_poll(multi, &wake, req->wake_fd > 0 ? 1 : 0,
		    TICK_MS, NULL);
	}
	if (mc != CURLM_OK)
		*rc = CURLE_FAILED_INIT;
	while (!aborted && (msg = curl_multi_info_read(multi, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE)
			*rc = msg->data.result;
	curl_multi_remove_handle(multi, curl);
out:
	curl_multi_cleanup(multi);
	return aborted ? -1 : 0;
}

/* A size as sunset.conf writes it: 8M, 512K, or bytes. */
static const char *
size_name(size_t n, char *buf, size_t size)
{
	if (n >= 1024 * 1024 * 1024 && n % (1024 * 1024 * 1024) == 0)
		snprintf(buf, size, "%zuG", n / (1024 * 1024 * 1024));
	else if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, size, "%zuM", n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, size, "%zuK", n / 1024);
	else
		snprintf(buf, size, "%zu", n);
	return buf;
}

/* Frees the request headers, wiping them first: they may hold a key. */
static void
wipe_headers(struct curl_slist *list)
{
	struct curl_slist *h;

	for (h = list; h != NULL; h = h->next)
		explicit_bzero(h->data, strlen(h->data));
	curl_slist_free_all(list);
}

enum fetch_result
fetch_get(const struct fetch_request *req, struct fetch_response *resp,
    char **cause)
{
	struct transfer t;
	struct curl_slist *headers = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", units[32], *h;
	enum fetch_result result;
	CURLcode rc;
	CURL *curl;
	size_t i;
	int aborted;

	memset(resp, 0, sizeof(*resp));
	memset(&t, 0, sizeof(t));
	t.resp = resp;
	buf_init(&t.body, req->max_size ? req->max_size :
	    FETCH_DEFAULT_MAX_SIZE);
	if ((curl = curl_easy_init()) == NULL) {
		set_cause(cause, "cannot start a transfer");
		buf_free(&t.body);
		return FETCH_FAILED;
	}
	curl_easy_setopt(curl, CURLOPT_URL, req->url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR,
	    req->allow_http ? "http,https" : "https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR,
	    req->allow_http_redirects ? "http,https" : "https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION,
	    req->no_redirects ? 0L : 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if (req->ca_file != NULL)
		curl_easy_setopt(curl, CURLOPT_CAINFO, req->ca_file);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, req->connect_timeout_s ?
	    req->connect_timeout_s : (long)FETCH_DEFAULT_CONNECT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, req->timeout_s ?
	    req->timeout_s : (long)FETCH_DEFAULT_TIMEOUT);
	curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)t.body.max);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "sunset/" PACKAGE_VERSION);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
	if (req->etag != NULL) {
		h = xasprintf("If-None-Match: %s", req->etag);
		headers = curl_slist_append(headers, h);
		free(h);
	}
	if (req->last_modified != NULL) {
		h = xasprintf("If-Modified-Since: %s", req->last_modified);
		headers = curl_slist_append(headers, h);
		free(h);
	}
	for (i = 0; req->headers != NULL && req->headers[i] != NULL; i++)
		headers = curl_slist_append(headers, req->headers[i]);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

	aborted = perform(curl, req, &rc) < 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &resp->http_status);
	resp->retry_after = retry_after_seconds(t.retry_after, time(NULL));
	if (aborted) {
		set_cause(cause, "interrupted");
		result = FETCH_ABORTED;
	} else if (t.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		set_cause(cause, "the document is larger than the limit of "
		    "%s (%zu bytes)", size_name(t.body.max, units,
		    sizeof(units)), t.body.max);
		result = FETCH_TOO_BIG;
	} else if (rc != CURLE_OK) {
		set_cause(cause, "%s", errbuf[0] != '\0' ? errbuf :
		    curl_easy_strerror(rc));
		result = FETCH_FAILED;
	} else if (resp->http_status == 304) {
		result = FETCH_NOT_MODIFIED;
	} else if (resp->http_status != 200) {
		set_cause(cause, "HTTP status %ld", resp->http_status);
		result = FETCH_HTTP_ERROR;
	} else {
		resp->body = buf_take(&t.body, &resp->len);
		result = FETCH_OK;
	}
	buf_free(&t.body);
	free(t.retry_after);
	wipe_headers(headers);
	curl_easy_cleanup(curl);
	return result;
}
