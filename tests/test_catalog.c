/*
 * test_catalog.c - the SQLite store: migrations, WAL, what each feed said,
 * the merge by priority, the embedded catalog, and a database from a newer
 * sunset.  Every database lives in a fresh temporary directory.
 */
#include "config.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "date.h"
#include "embedded.h"
#include "record.h"
#include "snapshot.h"
#include "sync.h"
#include "tap.h"
#include "util.h"

#define D(y, m, d) date_from_ymd(y, m, d)
#define NOW ((time_t)1778198400)	/* 2026-05-08T00:00:00Z */

#define PATH_SIZE (4096 + 512)	/* dir, "/", a file name */

static char dir[4096];

static void
make_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/test_catalog.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		perror(dir);
		exit(99);
	}
}

/* Removes the directory and the databases, WAL and SHM files in it. */
static void
remove_dir(void)
{
	char path[PATH_SIZE];
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	ok(rmdir(dir) == 0, "temporary directory removed");
}

/* A path in the temporary directory, in the caller's buffer. */
static const char *
db_path(char path[static PATH_SIZE], const char *name)
{
	snprintf(path, PATH_SIZE, "%s/%s", dir, name);
	return path;
}

/* Opens path or reports why not. */
static struct catalog *
open_ok(const char *path)
{
	struct catalog *cat;
	char *cause = NULL;

	cat = catalog_open(path, &cause);
	if (!ok(cat != NULL, "catalog_open %s", path))
		printf("#   cause: %s\n", cause);
	free(cause);
	return cat;
}

/* One text result of sql on a separate SQLite connection, or "" (static). */
static const char *
sql_text(const char *path, const char *sql)
{
	static char buf[256];
	sqlite3 *db;
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			snprintf(buf, sizeof(buf), "%s",
			    (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return buf;
}

static struct record *
add(struct recordset *set, const char *provider, const char *id)
{
	struct record *r = recordset_add(set);

	r->provider = strdup(provider);
	r->id = strdup(id);
	return r;
}

/* The feed the tests apply: three models, every field used once;
 * without gpt-4o when it stops listing it. */
static void
first_feed(struct recordset *set, int with_gpt4o)
{
	struct record *r;

	r = add(set, "openai", "gpt-4-0613");
	record_add_alias(r, "gpt-4");
	r->status = STATUS_DEPRECATED;
	r->announced_on = D(2026, 4, 22);
	r->shutdown_on = D(2026, 10, 23);
	r->shutdown_kind = SHUTDOWN_FIRM;
	record_add_replacement(r, "openai", "gpt-5.4", "recommended");
	record_add_source(r, NULL, "https://example.com/deprecations",
	    "2026-04-22T00:00:00Z", NULL);
	r->input_per_mtok = 0.6;
	r->output_per_mtok = 2.4;
	r->audio_input_per_mtok = 10;
	r->audio_output_per_mtok = 20;
	if (with_gpt4o) {
		r = add(set, "openai", "gpt-4o");
		r->status = STATUS_ACTIVE;
	}
	r = add(set, "openai", "o1-mini");
	r->shutdown_on = D(2026, 2, 28);
	r->shutdown_kind = SHUTDOWN_EARLIEST;
	r->scope = strdup("GlobalBatch");
	r->output_per_mtok = 12;
}

/* What feed said about id, from a loaded set, or NULL. */
static const struct record *
find(const struct recordset *set, const char *feed, const char *id)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i].id, id) == 0 && set->v[i].nsources > 0 &&
		    strcmp(set->v[i].sources[0].feed, feed) == 0)
			return &set->v[i];
	return NULL;
}

static int
load(struct catalog *cat, struct recordset *out)
{
	char *cause = NULL;
	int rc;

	recordset_clear(out);
	if ((rc = catalog_load(cat, out, &cause)) < 0)
		printf("#   cause: %s\n", cause);
	free(cause);
	return rc;
}

static int
apply(struct catalog *cat, const char *name, int priority,
    const struct recordset *set, const char *version)
{
	const struct catalog_feed feed = { name, "sunset",
		"https://example.com/feed.json", priority, NULL, 0 };
	char *cause = NULL;
	int rc;

	if ((rc = catalog_apply(cat, &feed, &(struct catalog_origin){ version, NULL, 0 }, set,
	    NOW, &cause)) < 0)
		printf("#   apply %s: %s\n", name, cause);
	free(cause);
	return rc;
}

/* The time the content last changed: kept while the content is, moved
 * on when it is not, and at first the newest time the catalog holds. */
static void
test_changed_at(const char *path)
{
	struct recordset set = { 0 };
	struct catalog *cat;
	char *cause = NULL;
	time_t t = 0;

	if ((cat = open_ok(path)) == NULL)
		return;
	first_feed(&set, 1);
	apply(cat, "openai", 100, &set, "v1");
	is_int(catalog_changed_at(cat, "aaaa", NOW + 500, &t, &cause), 0,
	    "catalog_changed_at");
	is_int(t, NOW, "at first: the newest time the catalog holds");
	is_str(sql_text(path, "SELECT changed_at FROM catalog_state"),
	    "2026-05-08T00:00:00Z", "and it is stored");
	catalog_changed_at(cat, "aaaa", NOW + 900, &t, &cause);
	is_int(t, NOW, "the same content keeps its time");
	catalog_changed_at(cat, "bbbb", NOW + 900, &t, &cause);
	is_int(t, NOW + 900, "new content: now");
	catalog_changed_at(cat, "cccc", NOW + 900, &t, &cause);
	is_int(t, NOW + 901, "new again within the second: a second later");
	catalog_changed_at(cat, "dddd", NOW, &t, &cause);
	is_int(t, NOW + 902, "the clock went back: still later");
	catalog_close(cat);
	if ((cat = open_ok(path)) != NULL) {
		catalog_changed_at(cat, "dddd", NOW + 5000, &t, &cause);
		is_int(t, NOW + 902, "the time outlives the process");
		catalog_close(cat);
	}
	recordset_clear(&set);
	free(cause);
}

static void
test_open(const char *path)
{
	struct catalog *cat;
	int newest = embedded_migrations[embedded_nmigrations - 1].version;
	char want[16];

	/* A new database: migrated to the newest schema, in WAL mode. */
	if ((cat = open_ok(path)) == NULL)
		return;
	is_int(catalog_schema_version(cat), newest,
	    "schema version is the newest migration's");
	snprintf(want, sizeof(want), "%d", newest);
	is_str(sql_text(path, "PRAGMA user_version"), want,
	    "user_version is stored in the file");
	is_str(sql_text(path, "PRAGMA journal_mode"), "wal",
	    "the database is in WAL mode");
	is_str(sql_text(path, "SELECT count(*) FROM sqlite_master WHERE "
	    "name = 'statements'"), "1", "the statements table exists");
	catalog_close(cat);
	catalog_close(NULL);
}

static void
test_apply(struct catalog *cat)
{
	struct recordset set = { 0 }, out = { 0 };
	const struct record *r;
	char *version = NULL, *cause = NULL;

	/* Apply, then load: what the feed said comes back. */
	first_feed(&set, 1);
	is_int(apply(cat, "openai", 100, &set, "etag-1"), 0, "apply a feed");
	is_int(load(cat, &out), 0, "load");
	is_int(out.n, 3, "three statements");
	r = find(&out, "openai", "gpt-4-0613");
	ok(r != NULL, "gpt-4-0613 is stored");
	if (r != NULL) {
		is_str(r->provider, "openai", "stored provider");
		ok(r->naliases == 1 && strcmp(r->aliases[0], "gpt-4") == 0,
		    "stored aliases");
		is_int(r->status, STATUS_DEPRECATED, "stored status");
		is_int(r->announced_on, D(2026, 4, 22), "stored announced_on");
		is_int(r->shutdown_on, D(2026, 10, 23), "stored shutdown_on");
		is_int(r->shutdown_kind, SHUTDOWN_FIRM, "stored kind of date");
		ok(r->nreplacements == 1 &&
		    strcmp(r->replacements[0].id, "gpt-5.4") == 0 &&
		    strcmp(r->replacements[0].note, "recommended") == 0,
		    "stored replacement and note");
		is_str(r->sources[0].url, "https://example.com/deprecations",
		    "stored source url");
		is_str(r->sources[0].first_seen, "2026-04-22T00:00:00Z",
		    "the source's own first_seen");
		is_str(r->sources[0].last_seen, "2026-05-08T00:00:00Z",
		    "last_seen is the time of the apply");
		ok(r->input_per_mtok == 0.6 && r->output_per_mtok == 2.4,
		    "stored text prices");
		ok(r->audio_input_per_mtok == 10 &&
		    r->audio_output_per_mtok == 20, "stored audio prices");
	}
	r = find(&out, "openai", "o1-mini");
	ok(r != NULL && r->shutdown_kind == SHUTDOWN_EARLIEST &&
	    r->status == STATUS_NONE && r->scope != NULL &&
	    strcmp(r->scope, "GlobalBatch") == 0,
	    "o1-mini: earliest date, no status, scope");
	ok(r != NULL && r->output_per_mtok == 12 && r->input_per_mtok < 0 &&
	    r->audio_input_per_mtok < 0 && r->audio_output_per_mtok < 0,
	    "o1-mini: one price stored, the unknown ones stay unknown");
	r = find(&out, "openai", "gpt-4o");
	ok(r != NULL && r->nsources == 1 && r->sources[0].url != NULL &&
	    strcmp(r->sources[0].url, "https://example.com/feed.json") == 0,
	    "a record without sources is sourced to the feed's url");

	/* The feed's version tag. */
	is_int(catalog_feed_version(cat, "openai", &version, NULL, &cause), 0,
	    "catalog_feed_version");
	is_str(version, "etag-1", "the feed's version is kept");
	free(version);
	is_int(catalog_feed_version(cat, "nobody", &version, NULL, &cause), 0,
	    "catalog_feed_version of an unknown feed");
	is_str(version, NULL, "an unknown feed has no version");
	free(cause);
	recordset_clear(&set);
	recordset_clear(&out);
}

static void
test_unlisted(struct catalog *cat)
{
	struct recordset set = { 0 }, out = { 0 };
	const struct record *r;

	/* The feed stops listing gpt-4o and moves a date: gpt-4o is kept. */
	first_feed(&set, 0);
	set.v[0].shutdown_on = D(2026, 11, 30);
	is_int(apply(cat, "openai", 100, &set, "etag-2"), 0,
	    "apply the feed again without gpt-4o");
	is_int(load(cat, &out), 0, "load again");
	is_int(out.n, 3, "still three statements");
	r = find(&out, "openai", "gpt-4o");
	ok(r != NULL && r->status == STATUS_ACTIVE,
	    "a record the feed stops listing keeps its data");
	r = find(&out, "openai", "gpt-4-0613");
	ok(r != NULL && r->shutdown_on == D(2026, 11, 30),
	    "a moved date is updated");
	recordset_clear(&set);
	recordset_clear(&out);
}

static void
test_failed_apply(struct catalog *cat)
{
	const struct catalog_feed feed = { "openai", "sunset", NULL, 100, NULL,
		0 };
	struct recordset set = { 0 }, out = { 0 };
	char *version = NULL, *cause = NULL;

	/* A record the store refuses fails the whole apply: nothing of it
	 * is kept, not even the feed's new version. */
	add(&set, "openai", "gpt-5");
	recordset_add(&set);	/* no provider, no id */
	is_int(catalog_apply(cat, &feed,
	    &(struct catalog_origin){ "etag-3", NULL, 0 }, &set, NOW, &cause), -1,
	    "a record without an id fails the apply");
	ok(cause != NULL, "with a cause");
	is_int(load(cat, &out), 0, "load after the failure");
	is_int(out.n, 3, "nothing of the failed apply is stored");
	is_int(catalog_feed_version(cat, "openai", &version, NULL, NULL), 0,
	    "version after the failure");
	is_str(version, "etag-2", "the failed apply did not touch the feed");
	free(version);
	free(cause);
	recordset_clear(&set);
	recordset_clear(&out);
}

static void
test_shrink_guard(const char *path)
{
	struct recordset set = { 0 };
	struct catalog *cat;

	/* A zero-record result where there were records, or one
	 * that shrinks by more than half, is that feed's error. */
	if ((cat = open_ok(path)) == NULL)
		return;
	first_feed(&set, 1);
	add(&set, "openai", "gpt-3.5-turbo");
	is_int(apply(cat, "shrinking", 50, &set, NULL), 0, "four records");
	recordset_clear(&set);
	ok(apply(cat, "shrinking", 50, &set, NULL) == -1,
	    "an empty result after four records is refused");
	first_feed(&set, 1);
	apply(cat, "shrinking", 50, &set, NULL);
	recordset_clear(&set);
	add(&set, "openai", "gpt-4o");
	ok(apply(cat, "shrinking", 50, &set, NULL) == -1,
	    "one record after three is refused");
	recordset_clear(&set);
	catalog_close(cat);
}

static void
test_priority(const char *path)
{
	struct recordset high = { 0 }, low = { 0 };
	const struct record *r;
	struct snapshot *snap;
	struct catalog *cat;
	struct record *s;
	char *cause = NULL;

	/* The low-priority feed sorts first by name: priority must decide. */
	if ((cat = open_ok(path)) == NULL)
		return;
	s = add(&low, "openai", "gpt-4-0613");
	s->shutdown_on = D(2026, 12, 31);
	s->shutdown_kind = SHUTDOWN_EARLIEST;
	s->status = STATUS_ACTIVE;
	s->kind = strdup("chat");
	record_add_alias(s, "gpt-4-low");
	s = add(&high, "openai", "gpt-4-0613");
	s->shutdown_on = D(2026, 10, 23);
	s->shutdown_kind = SHUTDOWN_FIRM;
	record_add_alias(s, "gpt-4");
	is_int(apply(cat, "aa-low", 30, &low, NULL), 0, "apply the low feed");
	is_int(apply(cat, "zz-high", 100, &high, NULL), 0,
	    "apply the high feed");

	snap = catalog_snapshot(cat, &cause);
	if (!ok(snap != NULL, "catalog_snapshot"))
		printf("#   cause: %s\n", cause);
	if (snap != NULL) {
		is_int(snapshot_count(snap), 1, "one merged record");
		r = snapshot_find(snap, "openai", "gpt-4-0613");
		ok(r != NULL, "the merged record");
		if (r != NULL) {
			is_int(r->shutdown_on, D(2026, 10, 23),
			    "shutdown_on from the higher priority");
			is_int(r->shutdown_kind, SHUTDOWN_FIRM,
			    "its kind of date with it");
			is_int(r->status, STATUS_ACTIVE,
			    "status from the only feed that states one");
			is_str(r->kind, "chat",
			    "kind from the only feed that states one");
			is_int(r->naliases, 2, "aliases of both feeds");
			is_int(r->nsources, 2, "both feeds are sources");
			if (r->nsources == 2) {
				is_str(r->sources[0].feed, "zz-high",
				    "higher priority source first");
				is_str(r->sources[1].feed, "aa-low",
				    "lower priority source second");
			}
		}
		snapshot_unref(snap);
	}
	free(cause);
	recordset_clear(&high);
	recordset_clear(&low);
	catalog_close(cat);
}

static void
test_embedded(const char *path)
{
	const struct record *r;
	struct snapshot *snap;
	struct catalog *cat;
	char *cause = NULL, *version = NULL;
	int rc;

	/* Applied once; the same build's catalog is current afterwards. */
	if ((cat = open_ok(path)) == NULL)
		return;
	rc = sync_apply_embedded(cat, NOW, &cause);
	if (rc < 0)
		printf("#   cause: %s\n", cause);
	is_int(rc, 1, "the embedded catalog is applied the first time");
	is_int(sync_apply_embedded(cat, NOW, &cause), 0,
	    "and is current the second time");
	catalog_feed_version(cat, CATALOG_EMBEDDED_FEED, &version, NULL,
	    &cause);
	ok(version != NULL && strncmp(version, "fnv1a64:", 8) == 0,
	    "the embedded feed's version is its checksum");
	free(version);

	snap = catalog_snapshot(cat, &cause);
	ok(snap != NULL && snapshot_count(snap) > 100,
	    "the snapshot holds the embedded catalog");
	r = snap != NULL ? snapshot_find(snap, "openai",
	    "gpt-4o-mini-realtime-preview-2024-12-17") : NULL;
	ok(r != NULL, "seed record openai/gpt-4o-mini-realtime-preview-"
	    "2024-12-17");
	if (r != NULL) {
		is_int(r->shutdown_on, D(2026, 7, 23), "its shutdown date");
		is_int(r->shutdown_kind, SHUTDOWN_FIRM, "a firm date");
		is_str(r->sources[0].feed, CATALOG_EMBEDDED_FEED,
		    "sourced to the embedded feed");
	}
	snapshot_unref(snap);
	free(cause);
	catalog_close(cat);
}

/* A database of schema 3 with a priced statement moves to the newest
 * schema: its prices are kept, its audio prices unknown. */
static void
test_upgrade(const char *path)
{
	struct recordset out = { 0 };
	struct catalog *cat;
	sqlite3 *db;
	size_t i;
	int rc;

	rc = sqlite3_open(path, &db);
	for (i = 0; rc == SQLITE_OK && i < embedded_nmigrations &&
	    embedded_migrations[i].version <= 3; i++)
		rc = sqlite3_exec(db, embedded_migrations[i].sql, NULL, NULL,
		    NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA user_version = 3;"
		    " INSERT INTO feeds (name, format, priority)"
		    " VALUES ('litellm', 'litellm', 10);"
		    " INSERT INTO statements (feed, provider, id, first_seen,"
		    " last_seen, input_per_mtok, output_per_mtok)"
		    " VALUES ('litellm', 'openai', 'gpt-4o', '2026-05-01',"
		    " '2026-05-01', 2.5, 10)", NULL, NULL, NULL);
	if (!ok(rc == SQLITE_OK, "upgrade: a schema 3 database"))
		printf("#   %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	if ((cat = open_ok(path)) == NULL)
		return;
	is_int(catalog_schema_version(cat),
	    embedded_migrations[embedded_nmigrations - 1].version,
	    "upgrade: migrated to the newest schema");
	is_int(load(cat, &out), 0, "upgrade: load");
	ok(out.n == 1 && out.v[0].input_per_mtok == 2.5 &&
	    out.v[0].output_per_mtok == 10, "upgrade: the prices are kept");
	ok(out.n == 1 && out.v[0].audio_input_per_mtok < 0 &&
	    out.v[0].audio_output_per_mtok < 0,
	    "upgrade: the audio prices are unknown");
	recordset_clear(&out);
	catalog_close(cat);
}

static void
test_newer_schema(const char *path)
{
	int newest = embedded_migrations[embedded_nmigrations - 1].version;
	char sql[64], want[16], bad[PATH_SIZE], *cause = NULL;
	struct catalog *cat;
	sqlite3 *db;

	/* A database from a newer sunset is refused, and left alone. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", newest + 1);
	snprintf(want, sizeof(want), "%d", newest + 1);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "CREATE TABLE future (x)", NULL, NULL, NULL) !=
	    SQLITE_OK || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		printf("#   %s\n", sqlite3_errmsg(db));
	sqlite3_close(db);
	cat = catalog_open(path, &cause);
	ok(cat == NULL, "a newer schema is refused");
	if (!ok(cause != NULL && strstr(cause, "newer") != NULL,
	    "the cause says the schema is newer"))
		printf("#   cause: %s\n", cause != NULL ? cause : "(null)");
	is_str(sql_text(path, "PRAGMA user_version"), want,
	    "the newer database's version is untouched");
	is_str(sql_text(path, "SELECT count(*) FROM sqlite_master WHERE "
	    "name = 'statements'"), "0", "no tables were added to it");
	catalog_close(cat);
	free(cause);

	/* A path that cannot be opened. */
	cause = NULL;
	cat = catalog_open(db_path(bad, "no/such/dir/x.db"), &cause);
	ok(cat == NULL && cause != NULL, "an unopenable path is refused "
	    "with a cause");
	catalog_close(cat);
	free(cause);
}

static void
test_reopen(const char *path)
{
	struct recordset out = { 0 };
	struct catalog *cat;

	/* What test_apply and test_unlisted stored is still there. */
	if ((cat = open_ok(path)) == NULL)
		return;
	is_int(load(cat, &out), 0, "load after reopening");
	is_int(out.n, 3, "the three statements survive a reopen");
	ok(find(&out, "openai", "gpt-4o") != NULL,
	    "including the unlisted one");
	is_int(catalog_schema_version(cat),
	    embedded_migrations[embedded_nmigrations - 1].version,
	    "the schema version is unchanged");
	recordset_clear(&out);
	catalog_close(cat);
}

int
main(void)
{
	char path[PATH_SIZE];
	struct catalog *cat;

	xcjson_init();
	make_dir();
	test_open(db_path(path, "catalog.db"));
	if ((cat = open_ok(path)) != NULL) {
		test_apply(cat);
		test_unlisted(cat);
		test_failed_apply(cat);
		catalog_close(cat);
	}
	test_reopen(path);
	test_shrink_guard(db_path(path, "shrink.db"));
	test_priority(db_path(path, "priority.db"));
	test_embedded(db_path(path, "embedded.db"));
	test_changed_at(db_path(path, "changed.db"));
	test_upgrade(db_path(path, "upgrade.db"));
	test_newer_schema(db_path(path, "newer.db"));
	remove_dir();
	return tap_done();
}
