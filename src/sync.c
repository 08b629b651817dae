/*
 * sync.c - fetch, parse and apply one feed.
 *
 * Invariant: the only write that can change what the catalog answers is
 * catalog_apply, and it runs only on a whole, parsed document; every other
 * outcome is written to the feed's row alone, and a fetch cut short by the
 * caller is written nowhere.  Parsing happens here, never in the catalog:
 * the built-in catalog too is parsed here and handed over as records.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "conf.h"
#include "date.h"
#include "embedded.h"
#include "feed.h"
#include "feed_util.h"
#include "fetch.h"
#include "modelapi.h"
#include "record.h"
#include "sync.h"
#include "util.h"

static const char *ca_file;
static int (*tick)(void);
static int wake_fd;

void
sync_set_ca_file(const char *path)
{
	ca_file = path;
}

void
sync_set_tick(int (*fn)(void), int fd)
{
	tick = fn;
	wake_fd = fd;
}

static void
to_catalog_feed(const struct conf_feed *f, struct catalog_feed *out)
{
	memset(out, 0, sizeof(*out));
	out->name = f->name;
	out->format = f->format;
	out->url = f->url;
	out->priority = f->priority;
	out->provider = f->provider;
	out->interval_s = f->interval_s;
}

int
sync_configure(struct catalog *cat, const struct conf *conf, char **cause)
{
	struct catalog_feed *cf = xcalloc(conf->nfeeds, sizeof(*cf));
	size_t i;
	int rc;

	for (i = 0; i < conf->nfeeds; i++)
		to_catalog_feed(&conf->feeds[i], &cf[i]);
	rc = catalog_configure(cat, cf, conf->nfeeds, cause);
	free(cf);
	return rc;
}

/* A fetch request for feed with the settings every request shares. */
static void
request_init(struct fetch_request *req, const struct conf_feed *feed,
    const char *url)
{
	memset(req, 0, sizeof(*req));
	req->url = url;
	req->allow_http = conf_feed_allows_http(feed);
	req->allow_http_redirects = feed->insecure_http;
	req->ca_file = ca_file;
	req->timeout_s = feed->timeout_s;
	req->max_size = (size_t)feed->max_size;
	req->tick = tick;
	req->wake_fd = wake_fd;
}

/*
 * Applies records as feed's new document, or records why the run failed
 * (cause, which this takes) in the feed's row, and fills result.  An
 * aborted run is recorded nowhere.
 */
static enum sync_outcome
finish(struct catalog *cat, const struct conf_feed *feed,
    const struct fetch_response *resp, struct recordset *records,
    char *cause, time_t now, struct sync_result *result)
{
	struct catalog_origin origin;
	struct catalog_feed cf;

	result->http_status = resp->http_status;
	if (result->outcome == SYNC_UPDATED) {
		to_catalog_feed(feed, &cf);
		origin.etag = resp->etag;
		origin.last_modified = resp->last_modified;
		origin.http_status = resp->http_status;
		if (catalog_apply(cat, &cf, &origin, records, now, &cause) == 0)
			result->records = records->n;
		else
			result->outcome = SYNC_FAILED;
	}
	if (result->outcome == SYNC_FAILED || result->outcome == SYNC_ABORTED) {
		if (cause == NULL)
			cause = xstrdup("unknown error");
		/* Recording the failure may fail too; the caller logs the
		 * first cause, which is the one that matters. */
		if (result->outcome == SYNC_FAILED)
			catalog_feed_failed(cat, feed->name, resp->http_status,
			    cause, now, NULL);
		/* An upstream that says when to come back is believed. */
		if ((resp->http_status == 429 || resp->http_status == 503) &&
		    resp->retry_after > 0)
			result->retry_after = resp->retry_after;
		result->error = cause;
		cause = NULL;
		feed_account_clear(&result->account);
	}
	free(cause);
	return result->outcome;
}

/* A feed whose document is one GET, conditional on the last one. */
static enum sync_outcome
sync_document(struct catalog *cat, const struct conf_feed *feed,
    const struct feed_format *fmt, time_t now, struct sync_result *result)
{
	struct feed_options options;
	struct fetch_request req;
	struct fetch_response resp;
	struct recordset records = { 0 };
	char *etag = NULL, *last_modified = NULL, *cause = NULL, *why = NULL;
	enum fetch_result fr;

	memset(&resp, 0, sizeof(resp));
	memset(&options, 0, sizeof(options));
	options.provider = feed->provider;
	if (catalog_feed_version(cat, feed->name, &etag, &last_modified,
	    &cause) < 0)
		goto out;
	request_init(&req, feed, feed->url);
	req.etag = etag;
	req.last_modified = last_modified;
	fr = fetch_get(&req, &resp, &cause);
	if (fr == FETCH_ABORTED) {
		/* Not the upstream's doing: no attempt to record. */
		result->outcome = SYNC_ABORTED;
		goto out;
	}
	if (fr == FETCH_NOT_MODIFIED) {
		if (catalog_feed_unchanged(cat, feed->name, resp.http_status,
		    now, &cause) == 0)
			result->outcome = SYNC_UNCHANGED;
		goto out;
	}
	if (fr == FETCH_TOO_BIG) {
		why = cause;
		cause = xasprintf("%s; max_size = in [feed %s] raises it", why,
		    feed->name);
		goto out;
	}
	if (fr != FETCH_OK)
		goto out;
	if (fmt->parse(resp.body, resp.len, &options, &records, &why) < 0) {
		set_cause(&cause, "%s document does not parse: %s",
		    fmt->name, why);
		goto out;
	}
	result->outcome = SYNC_UPDATED;
out:
	finish(cat, feed, &resp, &records, cause, now, result);
	recordset_clear(&records);
	fetch_response_clear(&resp);
	free(etag);
	free(last_modified);
	free(why);
	return result->outcome;
}

/*
 * Why a model-list API refused a request, in words that name the key's
 * file and never the key, nor the body the API sent (which may echo it).
 */
static char *
api_refusal(const struct conf_feed *feed, const struct feed_api *api,
    const struct fetch_response *resp, const char *cause)
{
	char *path, *text;

	switch (resp->http_status) {
	case 401:
	case 403:
		path = conf_secret_path(feed->key_file, NULL);
		text = xasprintf("HTTP status %ld: the API refused the key in "
		    "%s%s", resp->http_status, path != NULL ? path :
		    feed->key_file, api->auth == FEED_AUTH_SIGV4 ?
		    " (or this host's clock is off: a signature carries the "
		    "time)" : "");
		free(path);
		return text;
	case 429:
		if (resp->retry_after > 0)
			return xasprintf("HTTP status 429: rate limited; "
			    "Retry-After asks for %ld s", resp->retry_after);
		return xstrdup("HTTP status 429: rate limited");
	case 301: case 302: case 303: case 307: case 308:
		return xasprintf("HTTP status %ld: a model-list API is not "
		    "followed through redirects, which would take the key "
		    "along; set url = to where it points",
		    resp->http_status);
	default:
		return xstrdup(cause);
	}
}

/* At most this many pages of one region: 100,000 models at 1,000 a page,
 * and a bound on an API whose cursors go round in circles. */
#define API_PAGES_MAX	100

/*
 * GETs every page of one region (NULL: none) of a model-list API into
 * records and account, stamping each record with the region's URL.
 * Returns the fetch result of the request that ended it (FETCH_OK when
 * every page parsed), with *cause set otherwise and *resp the last
 * answer.
 */
static enum fetch_result
fetch_region(const struct conf_feed *feed, const struct feed_format *fmt,
    const struct modelapi_key *key, const char *region, time_t now,
    struct recordset *records, struct feed_account *account,
    struct fetch_response *resp, char **cause)
{
	struct feed_options options;
	struct fetch_request req;
	enum fetch_result fr = FETCH_OK;
	char *url = NULL, *cursor = NULL, *next = NULL, *why = NULL, **headers;
	size_t first, i;
	int page;

	memset(&options, 0, sizeof(options));
	options.region = region;
	options.account = account;
	options.next = &next;
	for (page = 0; page < API_PAGES_MAX; page++) {
		free(url);
		url = modelapi_url(feed->url, fmt->api, region, cursor);
		if ((headers = modelapi_headers(fmt->api, key, url, region,
		    now, cause)) == NULL) {
			fr = FETCH_FAILED;
			break;
		}
		request_init(&req, feed, url);
		req.headers = headers;
		req.no_redirects = 1;
		fetch_response_clear(resp);
		fr = fetch_get(&req, resp, &why);
		modelapi_headers_free(headers);
		if (fr == FETCH_ABORTED || fr == FETCH_FAILED ||
		    fr == FETCH_TOO_BIG) {
			set_cause(cause, "%s", why);
			break;
		}
		if (fr != FETCH_OK) {
			/* An API answers every GET in full: a 304 is as
			 * unexpected as any other status. */
			fr = FETCH_HTTP_ERROR;
			free(*cause);
			*cause = api_refusal(feed, fmt->api, resp, why);
			break;
		}
		first = records->n;
		if (fmt->parse(resp->body, resp->len, &options, records,
		    &why) < 0) {
			set_cause(cause, "%s document does not parse: %s",
			    fmt->name, why);
			fr = FETCH_FAILED;
			break;
		}
		if (region != NULL)
			for (i = first; i < records->n; i++)
				record_add_source(&records->v[i], feed->name,
				    url, NULL, NULL);
		if (next != NULL && cursor != NULL &&
		    strcmp(next, cursor) == 0) {
			set_cause(cause, "the API's next page is the one just "
			    "read (%s=%s again)", fmt->api->page_param, next);
			fr = FETCH_FAILED;
			break;
		}
		free(cursor);
		cursor = next;
		next = NULL;
		if (cursor == NULL)
			break;
		free(why);
		why = NULL;
	}
	if (fr == FETCH_OK && cursor != NULL) {
		set_cause(cause, "more than %d pages: the API's pages do not "
		    "end", API_PAGES_MAX);
		fr = FETCH_FAILED;
	}
	free(url);
	free(cursor);
	free(next);
	free(why);
	return fr;
}

/*
 * A model-list API: every region and page, with the feed's key, as one
 * document.  There is no conditional GET: the pages come whole each run.
 */
static enum sync_outcome
sync_api(struct catalog *cat, const struct conf_feed *feed,
    const struct feed_format *fmt, time_t now, struct sync_result *result)
{
	struct modelapi_key key;
	struct fetch_response resp;
	struct recordset records = { 0 };
	char *regions = NULL, *p, *region, *cause = NULL, *why;
	enum fetch_result fr = FETCH_OK;

	memset(&resp, 0, sizeof(resp));
	if (modelapi_read_key(feed, fmt->api, &key, &cause) < 0)
		goto out;
	if (feed->regions != NULL) {
		p = regions = xstrdup(feed->regions);
		while (fr == FETCH_OK && (region = strsep(&p, " ")) != NULL)
			if ((fr = fetch_region(feed, fmt, &key, region, now,
			    &records, &result->account, &resp, &cause)) !=
			    FETCH_OK) {
				why = cause;
				cause = xasprintf("region %s: %s", region, why);
				free(why);
			}
	} else
		fr = fetch_region(feed, fmt, &key, NULL, now, &records,
		    &result->account, &resp, &cause);
	modelapi_key_clear(&key);
	if (fr == FETCH_ABORTED) {
		result->outcome = SYNC_ABORTED;
		goto out;
	}
	if (fr != FETCH_OK)
		goto out;
	/* What several regions say of one model is one statement. */
	if (fmt->api->better != NULL)
		feed_dedupe(&records, 0, fmt->api->better);
	result->outcome = SYNC_UPDATED;
	/* The answers' validators are no document's: keep none. */
	free(resp.etag);
	free(resp.last_modified);
	resp.etag = resp.last_modified = NULL;
out:
	finish(cat, feed, &resp, &records, cause, now, result);
	recordset_clear(&records);
	fetch_response_clear(&resp);
	free(regions);
	return result->outcome;
}

enum sync_outcome
sync_feed(struct catalog *cat, const struct conf_feed *feed, time_t now,
    struct sync_result *result)
{
	const struct feed_format *fmt = feed_format_find(feed->format);

	memset(result, 0, sizeof(*result));
	result->outcome = SYNC_FAILED;
	if (fmt->api != NULL)
		return sync_api(cat, feed, fmt, now, result);
	return sync_document(cat, feed, fmt, now, result);
}

/* FNV-1a, to tell one build's embedded catalog from another's. */
static char *
checksum(const char *buf, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= 1099511628211ULL;
	}
	return xasprintf("fnv1a64:%016llx", (unsigned long long)h);
}

int
sync_apply_embedded(struct catalog *cat, time_t now, char **cause)
{
	const struct catalog_feed feed = {
		CATALOG_EMBEDDED_FEED, "sunset", NULL, CATALOG_EMBEDDED_PRIORITY,
		NULL, 0
	};
	struct catalog_origin origin = { NULL, NULL, 0 };
	struct recordset records = { 0 };
	char *have = NULL, *want, *why = NULL;
	int rc = -1;

	want = checksum(embedded_catalog, embedded_catalog_len);
	if (catalog_feed_version(cat, feed.name, &have, NULL, cause) < 0)
		goto out;
	if (have != NULL && strcmp(have, want) == 0) {
		rc = 0;
		goto out;
	}
	if (feed_sunset_parse(embedded_catalog, embedded_catalog_len, NULL,
	    &records, &why) < 0) {
		set_cause(cause, "embedded catalog: %s", why);
		goto out;
	}
	origin.etag = want;
	if (catalog_apply(cat, &feed, &origin, &records, now, cause) == 0)
		rc = 1;
out:
	recordset_clear(&records);
	free(why);
	free(have);
	free(want);
	return rc;
}

time_t
sync_embedded_time(void)
{
	static const char key[] = "\"generated_at\"";
	size_t head = embedded_catalog_len < 256 ? embedded_catalog_len : 256;
	const char *p = memmem(embedded_catalog, head, key, sizeof(key) - 1);
	char stamp[21];
	time_t t;

	/* The writer puts it second, at the top: no need to parse it all. */
	if (p == NULL)
		return 0;
	for (p += sizeof(key) - 1; *p == ':' || *p == ' ' || *p == '\t'; p++)
		;
	if (p + 22 > embedded_catalog + embedded_catalog_len || *p != '"' ||
	    p[21] != '"')
		return 0;
	memcpy(stamp, p + 1, 20);
	stamp[20] = '\0';
	return date_parse_time(stamp, &t) == 0 ? t : 0;
}
