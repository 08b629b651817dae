/*
 * test_usage.c - the in-memory use counts (usage.c) and the usage table
 * they are flushed to (catalog_add_usage, catalog_report_usage,
 * catalog_read_usage): counts, first uses, the bound, take and restore,
 * two threads counting at once, labels, and upserts that add counts,
 * keep first_seen and move last_seen.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "tap.h"
#include "usage.h"
#include "util.h"

#define THREAD_COUNTS 200000

/* The pending count of (provider, id) in u, or -1 when none. */
static long long
pending(struct usage *u, const char *provider, const char *id)
{
	struct usage_count *v;
	size_t i, n = usage_pending(u, 0, &v);
	long long c = -1;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].provider, provider) == 0 &&
		    strcmp(v[i].id, id) == 0)
			c = (long long)v[i].count;
	free(v);
	return c;
}

static void
test_counting(void)
{
	struct usage *u = usage_new(3);
	struct usage_count *v;
	size_t n;

	is_int(usage_count(u, "openai", "gpt-4", 100), USAGE_FIRST,
	    "the first use of a model says so");
	is_int(usage_count(u, "openai", "gpt-4", 105), USAGE_AGAIN,
	    "the second does not");
	/* The same id on another platform is another model. */
	is_int(usage_count(u, "azure", "gpt-4", 101), USAGE_FIRST,
	    "the provider is part of the key");
	/* "a" + "bc" and "ab" + "c" must not collide as one key. */
	is_int(usage_count(u, "ab", "c", 102), USAGE_FIRST,
	    "the key keeps provider and id apart");
	is_int(usage_count(u, "a", "bc", 102), USAGE_FULL,
	    "past max models, a new one is dropped");
	is_int(usage_count(u, "openai", "gpt-4", 110), USAGE_AGAIN,
	    "a known one still counts when full");
	is_int(pending(u, "openai", "gpt-4"), 3, "three uses counted");
	is_int(pending(u, "a", "bc"), -1, "the dropped model holds nothing");

	n = usage_pending(u, 1, &v);
	is_int(n, 3, "take hands over three models");
	is_int(pending(u, "openai", "gpt-4"), -1,
	    "after a take, nothing is pending");
	is_int(usage_count(u, "openai", "gpt-4", 200), USAGE_AGAIN,
	    "a model taken is still known since start");
	usage_restore(u, v, n);
	is_int(pending(u, "openai", "gpt-4"), 4,
	    "counts given back add to the new ones");
	free(v);
	n = usage_pending(u, 1, &v);
	ok(n == 3, "three models again");
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].provider, "openai") == 0) {
			is_int(v[i].first, 100, "restore keeps the earliest "
			    "first use");
			is_int(v[i].last, 200, "and the latest last use");
		}
	free(v);
	usage_free(u);
	usage_free(NULL);
}

/* Many models: the table grows and keeps every count. */
static void
test_growth(void)
{
	struct usage *u = usage_new(5000);
	struct usage_count *v;
	char id[32];
	size_t i, n, bad = 0;

	for (i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "model-%zu", i);
		bad += usage_count(u, "p", id, 1) != USAGE_FIRST;
		bad += usage_count(u, "p", id, 2) != USAGE_AGAIN;
	}
	is_int(bad, 0, "5000 models counted twice each, first then again");
	n = usage_pending(u, 1, &v);
	is_int(n, 5000, "all 5000 pending");
	for (i = 0; i < n; i++)
		bad += v[i].count != 2;
	is_int(bad, 0, "each with two uses");
	free(v);
	usage_free(u);
}

static void *
count_many(void *arg)
{
	struct usage *u = arg;
	int i;

	for (i = 0; i < THREAD_COUNTS; i++)
		usage_count(u, "openai", i % 2 ? "gpt-4" : "gpt-3.5-turbo",
		    1000 + i % 7);
	return NULL;
}

/* Two threads count while a third takes and restores. */
static void
test_threads(void)
{
	struct usage *u = usage_new(10);
	struct usage_count *v;
	pthread_t t1, t2;
	long long total = 0;
	size_t i, n;
	int k;

	pthread_create(&t1, NULL, count_many, u);
	pthread_create(&t2, NULL, count_many, u);
	for (k = 0; k < 100; k++) {
		n = usage_pending(u, 1, &v);
		usage_restore(u, v, n);
		free(v);
	}
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	n = usage_pending(u, 1, &v);
	for (i = 0; i < n; i++)
		total += (long long)v[i].count;
	is_int(total, 2 * THREAD_COUNTS,
	    "no count lost with two threads counting and a flush racing");
	free(v);
	usage_free(u);
}

static void
test_labels(void)
{
	char long_label[USAGE_LABEL_MAX + 2];

	ok(usage_label_ok("billing-api"), "a plain label");
	ok(usage_label_ok("a.b_c-1"), "dots, underscores, dashes");
	ok(!usage_label_ok(""), "not empty");
	ok(!usage_label_ok("-x"), "not starting with a dash");
	ok(!usage_label_ok("a b"), "no space");
	ok(!usage_label_ok("a/b"), "no slash");
	ok(!usage_label_ok("caf\xc3\xa9"), "no byte beyond ASCII");
	memset(long_label, 'a', sizeof(long_label) - 1);
	long_label[USAGE_LABEL_MAX] = '\0';
	ok(usage_label_ok(long_label), "%d bytes", USAGE_LABEL_MAX);
	long_label[USAGE_LABEL_MAX] = 'a';
	long_label[USAGE_LABEL_MAX + 1] = '\0';
	ok(!usage_label_ok(long_label), "not %d", USAGE_LABEL_MAX + 1);
}

static const struct catalog_usage_row *
row_of(const struct catalog_usage_row *rows, size_t n, const char *id,
    const char *origin)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].id, id) == 0 &&
		    strcmp(rows[i].origin, origin) == 0)
			return &rows[i];
	return NULL;
}

/* Removes the database at path and its WAL files. */
static void
remove_db(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

static void
test_table(void)
{
	char path[] = "/tmp/sunset-test-usage-XXXXXX", *db, *cause = NULL;
	struct catalog_usage_row *rows;
	const struct catalog_usage_row *r;
	struct usage_count v[2];
	struct catalog *cat;
	size_t n, fresh = 99;
	int fd;

	if ((fd = mkstemp(path)) < 0) {
		ok(0, "a temporary file");
		return;
	}
	close(fd);
	unlink(path);
	db = path;
	if (!ok((cat = catalog_open(db, &cause)) != NULL, "catalog opens")) {
		printf("#   %s\n", cause);
		return;
	}
	memset(v, 0, sizeof(v));
	v[0].provider = "openai";
	v[0].id = "gpt-4";
	v[0].count = 3;
	v[0].first = 1764806400;	/* 2025-12-04T00:00:00Z */
	v[0].last = 1764806460;
	v[1] = v[0];
	v[1].id = "gpt-3.5-turbo";
	v[1].count = 1;
	is_int(catalog_add_usage(cat, v, 2, "query", &fresh, &cause), 0,
	    "counts stored");
	is_int(fresh, 2, "two models the table never had");
	v[0].count = 2;
	v[0].first = 1764810000;
	v[0].last = 1764810060;	/* 2025-12-04T01:01:00Z */
	is_int(catalog_add_usage(cat, v, 1, "query", &fresh, &cause), 0,
	    "more counts stored");
	is_int(fresh, 0, "none new");
	is_int(catalog_report_usage(db, v, 1, "report:billing", &fresh,
	    &cause), 0, "a report stored on a connection of its own");
	is_int(fresh, 0, "a model known under another origin is not new");
	is_int(catalog_read_usage(db, 1764806400, &rows, &n, &cause), 0,
	    "rows read");
	is_int(n, 3, "three rows: two models by query, one by report");
	r = row_of(rows, n, "gpt-4", "query");
	if (ok(r != NULL, "gpt-4's query row")) {
		is_int(r->count, 5, "counts add up");
		is_str(r->first_seen, "2025-12-04T00:00:00Z",
		    "first_seen stays");
		is_str(r->last_seen, "2025-12-04T01:01:00Z", "last_seen moves");
	}
	ok(row_of(rows, n, "gpt-4", "report:billing") != NULL,
	    "the report's row");
	catalog_usage_rows_free(rows, n);
	is_int(catalog_read_usage(db, 1764806461, &rows, &n, &cause), 0,
	    "rows since a later time");
	is_int(n, 2, "gpt-3.5-turbo, last seen before, is left out");
	catalog_usage_rows_free(rows, n);
	catalog_close(cat);
	ok(catalog_read_usage("/nonexistent/db", 0, &rows, &n, &cause) < 0 &&
	    cause != NULL, "no database: an error with a cause");
	free(cause);
	remove_db(db);
}

int
main(void)
{
	test_counting();
	test_growth();
	test_threads();
	test_labels();
	test_table();
	return tap_done();
}
