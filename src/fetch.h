/*
 * fetch.h - one HTTP GET of a feed with libcurl, within hard limits.
 *
 * Knows libcurl and conditional GET; knows nothing of formats or storage.
 */
#ifndef SUNSET_FETCH_H
#define SUNSET_FETCH_H

#include <stddef.h>

#define FETCH_DEFAULT_MAX_SIZE		(8 * 1024 * 1024)
#define FETCH_DEFAULT_CONNECT_TIMEOUT	10	/* seconds */
#define FETCH_DEFAULT_TIMEOUT		60	/* seconds, whole transfer */
#define FETCH_MAX_REDIRECTS		5

enum fetch_result {
	FETCH_OK,		/* 200: body holds the document */
	FETCH_NOT_MODIFIED,	/* 304: nothing new, nothing to parse */
	FETCH_HTTP_ERROR,	/* the server answered another status */
	FETCH_TOO_BIG,		/* the body passed max_size */
	FETCH_FAILED,		/* no answer: DNS, connect, TLS, timeout... */
	FETCH_ABORTED		/* tick asked to stop: no outcome at all */
};

struct fetch_request {
	const char	*url;
	const char	*etag;		/* from the last 200, or NULL */
	const char	*last_modified;	/* likewise */
	size_t		 max_size;	/* 0: FETCH_DEFAULT_MAX_SIZE */
	long		 connect_timeout_s;	/* 0: the default */
	long		 timeout_s;	/* 0: the default */
	int		 allow_http;	/* plain http for the URL itself */
	int		 allow_http_redirects;	/* and for redirects */
	const char	*ca_file;	/* extra trust anchors (tests); NULL */
	/* Called at least once a second while the transfer runs, and at once
	 * when wake_fd turns readable; nonzero aborts it.  NULL: never. */
	int		(*tick)(void);
	int		 wake_fd;	/* > 0: readable means "ask tick
					 * now", until tick has aborted */
	/* More request headers, "Name: value", NULL-terminated; or NULL.
	 * They may hold a key: they are never logged nor put in a cause. */
	char *const	*headers;
	int		 no_redirects;	/* a 3xx is an answer, not followed */
};

struct fetch_response {
	long	 http_status;	/* 0 when no answer */
	char	*body;		/* NUL-terminated; NULL unless FETCH_OK */
	size_t	 len;
	char	*etag;		/* validators of this answer, or NULL */
	char	*last_modified;
	char	*content_type;
	/* Retry-After of the answer in seconds from its arrival (0 or
	 * more), or -1 when it has none that reads. */
	long	 retry_after;
};

/*
 * Performs the GET.  TLS is always verified; the protocols are https (and
 * http where allowed), at most FETCH_MAX_REDIRECTS redirects.  Returns the
 * outcome, with *cause set to a one-line reason for anything but FETCH_OK
 * and FETCH_NOT_MODIFIED.  The caller clears resp with fetch_response_clear.
 * Blocks the calling thread, but never longer than a second past the
 * moment req->tick wants it to stop.
 */
enum fetch_result fetch_get(const struct fetch_request *req,
    struct fetch_response *resp, char **cause);
void fetch_response_clear(struct fetch_response *resp);

/* Call once before any thread starts, and once at exit. */
void fetch_init(void);
void fetch_cleanup(void);

#endif
