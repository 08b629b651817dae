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
#include "fetch.h"
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

enum sync_outcome
sync_feed(struct catalog *cat, const struct conf_feed *feed, time_t now,
    struct sync_result *result)
{
	const struct feed_format *fmt = feed_format_find(feed->format);
	struct feed_options options = { feed->provider };
	struct fetch_request req;
	struct fetch_response resp;
	struct catalog_origin origin;
	struct catalog_feed cf;
	struct recordset records = { 0 };
	char *etag = NULL, *last_modified = NULL, *cause = NULL, *why = NULL;
	enum fetch_result fr;

	memset(result, 0, sizeof(*result));
	result->outcome = SYNC_FAILED;
	memset(&resp, 0, sizeof(resp));
	if (catalog_feed_version(cat, feed->name, &etag, &last_modified,
	    &cause) < 0)
		goto out;
	memset(&req, 0, sizeof(req));
	req.url = feed->url;
	req.etag = etag;
	req.last_modified = last_modified;
	req.allow_http = conf_feed_allows_http(feed);
	req.allow_http_redirects = feed->insecure_http;
	req.ca_file = ca_file;
	req.timeout_s = feed->timeout_s;
	req.max_size = (size_t)feed->max_size;
	req.tick = tick;
	req.wake_fd = wake_fd;
	fr = fetch_get(&req, &resp, &cause);
	result->http_status = resp.http_status;
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
	to_catalog_feed(feed, &cf);
	origin.etag = resp.etag;
	origin.last_modified = resp.last_modified;
	origin.http_status = resp.http_status;
	if (catalog_apply(cat, &cf, &origin, &records, now, &cause) < 0)
		goto out;
	result->records = records.n;
	result->outcome = SYNC_UPDATED;
out:
	if (result->outcome == SYNC_FAILED || result->outcome == SYNC_ABORTED) {
		if (cause == NULL)
			cause = xstrdup("unknown error");
		/* Recording the failure may fail too; the caller logs the
		 * first cause, which is the one that matters. */
		if (result->outcome == SYNC_FAILED)
			catalog_feed_failed(cat, feed->name, resp.http_status,
			    cause, now, NULL);
		result->error = cause;
		cause = NULL;
	}
	recordset_clear(&records);
	fetch_response_clear(&resp);
	free(etag);
	free(last_modified);
	free(cause);
	free(why);
	return result->outcome;
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
