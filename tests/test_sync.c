/*
 * test_sync.c - a feed end to end against an upstream on loopback: what
 * is applied, what is refused, and that every refusal leaves the catalog
 * exactly as it was with the error recorded for the feed, while a fetch
 * cut short by the caller is recorded nowhere.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "conf.h"
#include "date.h"
#include "feed.h"
#include "fetch.h"
#include "snapshot.h"
#include "sync.h"
#include "tap.h"
#include "upstream.h"
#include "util.h"

#define NOW 1784764800	/* 2026-07-23 */

static char dbpath[256];

/* A sunset-feed/1 document with models m1..mN (skipping "skip"). */
static char *
doc_of(int n, int skip)
{
	char *doc = xstrdup("{\"format\": \"sunset-feed/1\", \"models\": ["), *p;
	int i, first = 1;

	for (i = 1; i <= n; i++) {
		if (i == skip)
			continue;
		p = xasprintf("%s%s{\"provider\": \"x\", \"id\": \"m%d\", "
		    "\"shutdown_on\": \"2027-01-0%d\"}", doc, first ? "" : ",",
		    i, i % 9 + 1);
		free(doc);
		doc = p;
		first = 0;
	}
	p = xasprintf("%s]}", doc);
	free(doc);
	return p;
}

/* The catalog's merged state as text, to compare before and after. */
static char *
state_of(struct catalog *cat)
{
	struct snapshot *snap = catalog_snapshot(cat, NULL);
	size_t n = snapshot_count(snap);
	char *text = feed_sunset_write(n ? snapshot_record(snap, 0) : NULL, n, 0,
	    0);

	snapshot_unref(snap);
	return text;
}

/* The row of the feed "up", or NULL; free with feed_row_free. */
static struct catalog_feed_row *
feed_row(struct catalog *cat)
{
	struct catalog_feed_row *rows = NULL, *row = NULL;
	size_t i, n = 0;

	if (catalog_feeds(cat, &rows, &n, NULL) < 0)
		return NULL;
	for (i = 0; i < n && row == NULL; i++)
		if (strcmp(rows[i].name, "up") == 0) {
			row = xmalloc(sizeof(*row));
			*row = rows[i];
			rows[i] = rows[--n];
		}
	catalog_feed_rows_free(rows, n);
	return row;
}

static void
feed_row_free(struct catalog_feed_row *row)
{
	catalog_feed_rows_free(row, row != NULL ? 1 : 0);
}

/* Points feed at an upstream path (the string lives in feed_url). */
static char feed_url[256];

static void
point(struct conf_feed *feed, const char *path)
{
	snprintf(feed_url, sizeof(feed_url), "%s", upstream_url(path));
	feed->url = feed_url;
}

static enum sync_outcome
run(struct catalog *cat, struct conf_feed *feed, struct sync_result *r)
{
	free(r->error);
	return sync_feed(cat, feed, NOW, r);
}

/* Syncs a bad upstream state and checks it changed nothing. */
static void
refused(struct catalog *cat, struct conf_feed *feed, const char *what,
    const char *needle)
{
	struct sync_result r = { 0 };
	struct catalog_feed_row *row, *was = feed_row(cat);
	char *before = state_of(cat), *after;

	is_int(run(cat, feed, &r), SYNC_FAILED, "%s: the sync fails", what);
	after = state_of(cat);
	is_str(after, before, "%s: the catalog is exactly as it was", what);
	ok(r.error != NULL && strstr(r.error, needle) != NULL,
	    "%s: the error says \"%s\" (%s)", what, needle,
	    r.error ? r.error : "");
	row = feed_row(cat);
	ok(row != NULL && row->last_error != NULL && strcmp(row->last_error,
	    r.error) == 0, "%s: the error is recorded for the feed", what);
	ok(row != NULL && was != NULL && row->failures == was->failures + 1 &&
	    row->last_attempt == NOW && row->last_success == was->last_success,
	    "%s: one more failure in a row, the last success kept", what);
	feed_row_free(row);
	feed_row_free(was);
	free(r.error);
	free(before);
	free(after);
}

static int ticks;

/* A caller that wants the fetch to stop at its second look. */
static int
stop_soon(void)
{
	return ++ticks > 1;
}

/* A fetch cut short is no outcome: the feed's row is as it was. */
static void
test_aborted(struct catalog *cat, struct conf_feed *feed)
{
	struct catalog_feed_row *was = feed_row(cat), *row;
	struct sync_result r = { 0 };
	char *before = state_of(cat), *after;

	point(feed, "/stall");
	ticks = 0;
	sync_set_tick(stop_soon, -1);
	is_int(sync_feed(cat, feed, NOW + 60, &r), SYNC_ABORTED,
	    "a stalled fetch the caller stops is SYNC_ABORTED");
	sync_set_tick(NULL, -1);
	after = state_of(cat);
	is_str(after, before, "the catalog is exactly as it was");
	row = feed_row(cat);
	ok(row != NULL && was != NULL && row->failures == was->failures &&
	    row->last_attempt == was->last_attempt &&
	    strcmp(row->last_error, was->last_error) == 0,
	    "and the feed's row too: no failure, no attempt (%d failures, "
	    "\"%s\")", row ? row->failures : -1, row && row->last_error ?
	    row->last_error : "");
	feed_row_free(row);
	feed_row_free(was);
	free(r.error);
	free(before);
	free(after);
}

static void
test_sync(void)
{
	char name[] = "up", format[] = "sunset";
	struct conf_feed feed = { name, NULL, format, NULL, 3600, 70, 0, 5,
	    8 * 1024 * 1024, NULL, NULL };
	struct catalog_feed cf = { "up", "sunset", NULL, 70, NULL, 3600 };
	struct sync_result r = { 0 };
	struct catalog_feed_row *row;
	struct catalog *cat;
	struct snapshot *snap;
	char *doc, *url;
	cJSON *changes;
	long long next;

	snprintf(dbpath, sizeof(dbpath), "%s/sunset-sync-%d.db",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	if (!ok((cat = catalog_open(dbpath, NULL)) != NULL, "catalog opens"))
		return;
	url = xstrdup(upstream_url("/doc"));
	feed.url = url;
	cf.url = url;
	is_int(catalog_configure(cat, &cf, 1, NULL), 0, "feed configured");

	doc = doc_of(4, 0);
	upstream_set_doc(doc);
	free(doc);
	is_int(run(cat, &feed, &r), SYNC_UPDATED, "a good document applies");
	is_int(r.records, 4, "four records");
	is_int(r.http_status, 200, "status 200");
	is_int(run(cat, &feed, &r), SYNC_UNCHANGED, "the same ETag is a 304");
	is_int(upstream_doc_not_modified(), 1, "sent as a conditional GET");
	row = feed_row(cat);
	ok(row != NULL && row->last_error == NULL && row->failures == 0,
	    "no error after success");
	ok(row != NULL && row->http_status == 304 && row->records == 4 &&
	    row->last_success == NOW && row->last_attempt == NOW,
	    "the feed shows the 304, its records and its times");
	ok(row != NULL && strcmp(row->format, "sunset") == 0 &&
	    row->priority == 70 && row->interval_s == 3600,
	    "and how it is configured");
	feed_row_free(row);

	upstream_set_doc("{\"format\": \"sunset-feed/1\", \"models\": [");
	refused(cat, &feed, "truncated JSON", "does not parse");
	upstream_set_doc("<html>moved</html>");
	refused(cat, &feed, "not JSON", "not valid JSON");
	upstream_set_doc("{\"models\": 3}");
	refused(cat, &feed, "JSON of the wrong shape", "does not parse");
	upstream_set_doc("{\"format\": \"sunset-feed/1\", \"models\": []}");
	refused(cat, &feed, "zero records", "no records");
	doc = doc_of(1, 0);
	upstream_set_doc(doc);
	free(doc);
	refused(cat, &feed, "a shrink by more than half", "fewer than half");

	point(&feed, "/status/503");
	refused(cat, &feed, "a 503", "503");
	run(cat, &feed, &r);
	is_int(r.retry_after, 0, "a 503 without Retry-After asks no wait");
	point(&feed, "/retry/120");
	refused(cat, &feed, "a document feed's 429", "429");
	run(cat, &feed, &r);
	is_int(r.retry_after, 120, "a document feed passes Retry-After on too");
	point(&feed, "/big");
	refused(cat, &feed, "an oversize body", "larger than the limit of 8M "
	    "(8388608 bytes); max_size = in [feed up] raises it");
	point(&feed, "/html");
	refused(cat, &feed, "a page instead of a feed", "not valid JSON");
	test_aborted(cat, &feed);
	feed.url = url;

	/* A record the feed stops listing is kept. */
	doc = doc_of(5, 2);
	upstream_set_doc(doc);
	free(doc);
	is_int(run(cat, &feed, &r), SYNC_UPDATED, "a document without m2");
	snap = catalog_snapshot(cat, NULL);
	ok(snapshot_find(snap, "x", "m2") != NULL, "m2 is still known");
	ok(snapshot_find(snap, "x", "m5") != NULL, "m5 is new");
	snapshot_unref(snap);
	changes = catalog_read_changes(dbpath, 0, NULL, 100, &next, NULL);
	ok(cJSON_GetArraySize(changes) == 6, "history: 4 added, m2 dropped, "
	    "m5 added (%d rows)", cJSON_GetArraySize(changes));
	is_str(cJSON_GetObjectItem(cJSON_GetArrayItem(changes, 5), "change")
	    ->valuestring, "dropped", "the drop is in the history");
	is_str(cJSON_GetObjectItem(cJSON_GetArrayItem(changes, 5), "id")
	    ->valuestring, "m2", "for m2");
	is_int(next, 6, "next is the last change number");
	cJSON_Delete(changes);
	changes = catalog_read_changes(dbpath, 5, NULL, 100, &next, NULL);
	is_int(cJSON_GetArraySize(changes), 1, "since skips what was read");
	cJSON_Delete(changes);

	free(r.error);
	free(url);
	catalog_close(cat);
	unlink(dbpath);
}

/* Writes key to a file of mode 0600 and returns its path (static). */
static const char *
key_file(const char *key)
{
	static char path[sizeof(dbpath) + 8];
	FILE *f;

	snprintf(path, sizeof(path), "%s.key", dbpath);
	if ((f = fopen(path, "w")) != NULL) {
		fprintf(f, "%s\n", key);
		fclose(f);
	}
	chmod(path, 0600);
	return path;
}

/* 1 when the account lists id. */
static int
lists(const struct feed_account *a, const char *id)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->ids[i], id) == 0)
			return 1;
	return 0;
}

/* The model-list API feeds: a key, pages, refusals that never show the
 * key, a 429's wait, no redirects, and the catalog keeping what an API
 * stops listing. */
static void
test_api(void)
{
	char name[] = "up", format[] = "openai-models", provider[] = "openai";
	struct conf_feed feed = { name, NULL, format, provider, 3600, 110, 0,
	    5, 8 * 1024 * 1024, NULL, NULL };
	struct catalog_feed cf[] = {
		{ "up", "openai-models", NULL, 110, "openai", 3600 },
		{ "pages", "anthropic-models", NULL, 110, "anthropic", 3600 },
	};
	struct sync_result r = { 0 };
	struct catalog *cat;
	struct snapshot *snap;
	const struct record *rec;
	char kf[sizeof(dbpath) + 8];

	snprintf(dbpath, sizeof(dbpath), "%s/sunset-sync-api-%d.db",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	if (!ok((cat = catalog_open(dbpath, NULL)) != NULL, "API: catalog "
	    "opens"))
		return;
	point(&feed, "/auth/doc");
	cf[0].url = cf[1].url = feed_url;
	is_int(catalog_configure(cat, cf, 2, NULL), 0, "API feeds configured");
	snprintf(kf, sizeof(kf), "%s", key_file("k-good"));
	feed.key_file = kf;

	upstream_set_doc("{\"object\": \"list\", \"data\": ["
	    "{\"id\": \"gpt-old\", \"owned_by\": \"openai\", "
	    "\"shutdown_date\": \"2026-10-23\"}, "
	    "{\"id\": \"gpt-new\", \"owned_by\": \"openai\", "
	    "\"shutdown_date\": null}, "
	    "{\"id\": \"ft:gpt-new:acme::x1\", \"owned_by\": \"acme\"}]}");
	is_int(run(cat, &feed, &r), SYNC_UPDATED, "OpenAI's list applies");
	is_int(r.records, 2, "two records: the fine-tuned model is the "
	    "account's alone");
	ok(r.account.n == 3 && lists(&r.account, "gpt-old") &&
	    lists(&r.account, "ft:gpt-new:acme::x1"),
	    "the account may call all three (%zu)", r.account.n);
	feed_account_clear(&r.account);
	snap = catalog_snapshot(cat, NULL);
	rec = snapshot_find(snap, "openai", "gpt-old");
	ok(rec != NULL && rec->shutdown_kind == SHUTDOWN_FIRM &&
	    rec->evidence == 60, "shutdown_date is a firm date, first-party");
	snapshot_unref(snap);

	key_file("k-wrong");
	refused(cat, &feed, "a wrong key", "the API refused the key in ");
	run(cat, &feed, &r);
	ok(r.error != NULL && strstr(r.error, kf) != NULL &&
	    strstr(r.error, "k-wrong") == NULL &&
	    strstr(r.error, "Incorrect") == NULL,
	    "the error names the key's file, not the key nor the body (%s)",
	    r.error ? r.error : "");
	key_file("k-good");

	point(&feed, "/retry/120");
	refused(cat, &feed, "a 429", "rate limited");
	run(cat, &feed, &r);
	is_int(r.retry_after, 120, "the 429's Retry-After is passed on");
	point(&feed, "/redirect");
	refused(cat, &feed, "a redirect", "not followed through redirects");

	/* The API stops listing gpt-old: the catalog keeps it. */
	point(&feed, "/auth/doc");
	upstream_set_doc("{\"object\": \"list\", \"data\": ["
	    "{\"id\": \"gpt-new\", \"owned_by\": \"openai\"}]}");
	is_int(run(cat, &feed, &r), SYNC_UPDATED, "a list without gpt-old");
	feed_account_clear(&r.account);
	snap = catalog_snapshot(cat, NULL);
	rec = snapshot_find(snap, "openai", "gpt-old");
	ok(rec != NULL && rec->shutdown_on != DATE_NONE,
	    "gpt-old keeps its record and its date");
	snapshot_unref(snap);

	/* Anthropic: every page, no records. */
	feed.name = (char *)"pages";
	feed.format = (char *)"anthropic-models";
	feed.provider = (char *)"anthropic";
	point(&feed, "/auth/pages");
	is_int(run(cat, &feed, &r), SYNC_UPDATED, "Anthropic's pages apply");
	is_int(upstream_pages_served(), 3, "three pages of two were asked for");
	ok(r.account.n == 5 && lists(&r.account, "p1") &&
	    lists(&r.account, "p5"), "every page's models are the account's "
	    "(%zu)", r.account.n);
	is_int(r.records, 0, "and no records");
	feed_account_clear(&r.account);

	free(r.error);
	catalog_close(cat);
	unlink(dbpath);
	unlink(kf);
}

int
main(void)
{
	xcjson_init();
	fetch_init();
	if (ok(upstream_start() != 0, "upstream listens on loopback")) {
		test_sync();
		test_api();
	}
	upstream_stop();
	fetch_cleanup();
	return tap_done();
}
