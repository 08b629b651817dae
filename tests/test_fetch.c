/*
 * test_fetch.c - fetching against an upstream on loopback: 200, 304, 5xx,
 * stalls, oversize bodies (announced or not), redirect loops, truncated
 * bodies, refused connections, plain http where it is not allowed, and a
 * stalled fetch its caller stops through the wake descriptor.
 */
#include "config.h"

#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"
#include "tap.h"
#include "upstream.h"

static enum fetch_result
get(const char *path, const char *etag, struct fetch_response *resp,
    char **cause)
{
	struct fetch_request req;

	memset(&req, 0, sizeof(req));
	req.url = upstream_url(path);
	req.etag = etag;
	req.allow_http = 1;
	req.allow_http_redirects = 1;
	req.timeout_s = 2;
	free(*cause);
	*cause = NULL;
	fetch_response_clear(resp);
	return fetch_get(&req, resp, cause);
}

/* What the model-list APIs need: headers of their own, no redirects,
 * and a 429's Retry-After. */
static void
test_api_requests(void)
{
	char key[] = "x-api-key: k-123", accept[] = "Accept: text/plain";
	char *const headers[] = { key, accept, NULL };
	struct fetch_response resp;
	struct fetch_request req;
	char *cause = NULL;

	memset(&resp, 0, sizeof(resp));
	memset(&req, 0, sizeof(req));
	req.url = upstream_url("/header/x-api-key");
	req.allow_http = 1;
	req.headers = headers;
	is_int(fetch_get(&req, &resp, &cause), FETCH_OK, "extra headers");
	is_str(resp.body, "k-123", "are sent as given");
	fetch_response_clear(&resp);

	req.url = upstream_url("/redirect");
	req.no_redirects = 1;
	is_int(fetch_get(&req, &resp, &cause), FETCH_HTTP_ERROR,
	    "no_redirects: a redirect is an answer, not followed");
	is_int(resp.http_status, 302, "its status is the redirect's");
	fetch_response_clear(&resp);
	free(cause);
	cause = NULL;

	is_int(get("/retry/120", NULL, &resp, &cause), FETCH_HTTP_ERROR,
	    "429 is FETCH_HTTP_ERROR");
	is_int(resp.retry_after, 120, "Retry-After in seconds is read");
	get("/retry/Fri,%2031%20Dec%202100%2023:59:59%20GMT", NULL, &resp,
	    &cause);
	ok(resp.retry_after > 86400L * 365 * 50,
	    "Retry-After as an HTTP-date: the seconds until then (%ld)",
	    resp.retry_after);
	get("/retry/Thu,%2001%20Jan%201970%2000:00:01%20GMT", NULL, &resp,
	    &cause);
	is_int(resp.retry_after, 0, "a date gone by: no wait");
	get("/retry/soon", NULL, &resp, &cause);
	is_int(resp.retry_after, -1, "a Retry-After that does not read: none");
	get("/status/503", NULL, &resp, &cause);
	is_int(resp.retry_after, -1, "no Retry-After: none");
	fetch_response_clear(&resp);
	free(cause);
}

static int wake[2];

/* The caller's tick: stop once the wake descriptor is readable. */
static int
stop_when_woken(void)
{
	struct pollfd p = { wake[0], POLLIN, 0 };

	return poll(&p, 1, 0) == 1;
}

/* Wakes the fetch 300 ms after it started: a stall's bytes have come by
 * then, so only the wake descriptor can end the wait early. */
static void *
waker(void *arg)
{
	struct timespec t = { 0, 300 * 1000 * 1000 };

	nanosleep(&t, NULL);
	if (write(wake[1], "x", 1) != 1)
		abort();
	return NULL;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A stalled fetch ends as soon as its caller wants: without the wake
 * descriptor the tick is asked only once a second. */
static void
test_wake(void)
{
	struct fetch_response resp;
	struct fetch_request req;
	struct timespec t0;
	pthread_t thread;
	char *cause = NULL;
	double took;

	memset(&resp, 0, sizeof(resp));
	memset(&req, 0, sizeof(req));
	req.url = upstream_url("/stall");
	req.allow_http = 1;
	req.timeout_s = 30;
	req.tick = stop_when_woken;
	if (!ok(pipe(wake) == 0, "a pipe to wake the fetch"))
		return;
	req.wake_fd = wake[0];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_create(&thread, NULL, waker, NULL);
	is_int(fetch_get(&req, &resp, &cause), FETCH_ABORTED,
	    "a stalled fetch the tick stops is FETCH_ABORTED");
	took = seconds_since(&t0);
	pthread_join(thread, NULL);
	ok(took < 0.9, "as soon as the wake descriptor is readable (%.2f s)",
	    took);
	ok(resp.body == NULL && cause != NULL, "with no body and a cause (%s)",
	    cause ? cause : "");
	fetch_response_clear(&resp);
	free(cause);
	close(wake[0]);
	close(wake[1]);
}

int
main(void)
{
	struct fetch_response resp;
	struct fetch_request req;
	char *cause = NULL, *etag;
	unsigned port;

	fetch_init();
	memset(&resp, 0, sizeof(resp));
	ok((port = upstream_start()) != 0, "upstream listens on loopback");
	upstream_set_doc("{\"format\": \"sunset-feed/1\", \"models\": []}");

	is_int(get("/doc", NULL, &resp, &cause), FETCH_OK, "200 is FETCH_OK");
	is_int(resp.http_status, 200, "status 200");
	ok(resp.body != NULL && strstr(resp.body, "sunset-feed/1") != NULL,
	    "the body arrives");
	is_str(resp.etag, "\"v1\"", "the ETag is kept");
	is_str(resp.content_type, "application/json", "and the content type");
	etag = strdup(resp.etag);

	is_int(get("/doc", etag, &resp, &cause), FETCH_NOT_MODIFIED,
	    "If-None-Match with the same ETag is FETCH_NOT_MODIFIED");
	ok(resp.body == NULL, "a 304 has no body to parse");
	is_int(upstream_doc_not_modified(), 1, "the upstream answered 304");
	upstream_set_doc("{\"format\": \"sunset-feed/1\", \"models\": [1]}");
	is_int(get("/doc", etag, &resp, &cause), FETCH_OK,
	    "a changed document is fetched again");
	free(etag);

	is_int(get("/redirect", NULL, &resp, &cause), FETCH_OK,
	    "a redirect is followed");
	is_int(get("/status/500", NULL, &resp, &cause), FETCH_HTTP_ERROR,
	    "500 is FETCH_HTTP_ERROR");
	is_int(resp.http_status, 500, "with its status");
	ok(cause != NULL && strstr(cause, "500") != NULL, "the cause says 500");
	is_int(get("/status/404", NULL, &resp, &cause), FETCH_HTTP_ERROR,
	    "404 is FETCH_HTTP_ERROR");
	is_int(get("/stall", NULL, &resp, &cause), FETCH_FAILED,
	    "a stall mid-body times out");
	ok(cause != NULL && strstr(cause, "timed out") != NULL,
	    "the cause says timeout (%s)", cause ? cause : "");
	is_int(get("/big", NULL, &resp, &cause), FETCH_TOO_BIG,
	    "a chunked body over the cap is FETCH_TOO_BIG");
	ok(resp.body == NULL, "nothing of it is kept");
	is_int(get("/bigdeclared", NULL, &resp, &cause), FETCH_TOO_BIG,
	    "an announced body over the cap is FETCH_TOO_BIG");
	is_int(get("/loop", NULL, &resp, &cause), FETCH_FAILED,
	    "a redirect loop fails");
	ok(cause != NULL && strstr(cause, "redirect") != NULL,
	    "after at most %d redirects (%s)", FETCH_MAX_REDIRECTS,
	    cause ? cause : "");
	is_int(get("/truncated", NULL, &resp, &cause), FETCH_FAILED,
	    "a truncated body fails");
	test_wake();
	test_api_requests();

	memset(&req, 0, sizeof(req));
	req.url = upstream_url("/doc");
	fetch_response_clear(&resp);
	free(cause);
	cause = NULL;
	is_int(fetch_get(&req, &resp, &cause), FETCH_FAILED,
	    "plain http is refused unless allowed");

	upstream_stop();
	is_int(get("/doc", NULL, &resp, &cause), FETCH_FAILED,
	    "a refused connection fails");
	ok(cause != NULL, "with a cause (%s)", cause ? cause : "");

	fetch_response_clear(&resp);
	free(cause);
	fetch_cleanup();
	return tap_done();
}
