/*
 * catalog.c - the SQLite store.
 *
 * Invariant: the database only ever moves from one whole state to another.
 * Migrations and feed applications each run in one transaction, in WAL mode,
 * so a crash leaves either the old or the new state.  Statements are
 * prepared once at open and reset after every use.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "date.h"
#include "embedded.h"
#include "feed.h"
#include "merge.h"
#include "snapshot.h"
#include "util.h"

struct catalog {
	sqlite3		*db;
	sqlite3_stmt	*upsert_feed;
	sqlite3_stmt	*unlist;
	sqlite3_stmt	*upsert;
	sqlite3_stmt	*count_listed;
	sqlite3_stmt	*feed_version;
	sqlite3_stmt	*load;
};

static const char sql_upsert_feed[] =
    "INSERT INTO feeds (name, format, url, priority, etag, records,"
    " last_attempt_at, last_success_at, last_error)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, NULL)"
    " ON CONFLICT (name) DO UPDATE SET format = ?2, url = ?3,"
    " priority = ?4, etag = ?5, records = ?6, last_attempt_at = ?7,"
    " last_success_at = ?7, last_error = NULL";
static const char sql_unlist[] =
    "UPDATE statements SET listed = 0 WHERE feed = ?1";
static const char sql_upsert[] =
    "INSERT INTO statements (feed, provider, id, aliases, status,"
    " announced_on, shutdown_on, shutdown_kind, replacements, kind, scope,"
    " sources, first_seen, last_seen, listed)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 1)"
    " ON CONFLICT (feed, provider, id) DO UPDATE SET aliases = ?4,"
    " status = ?5, announced_on = ?6, shutdown_on = ?7, shutdown_kind = ?8,"
    " replacements = ?9, kind = ?10, scope = ?11, sources = ?12,"
    " last_seen = ?13, listed = 1";
static const char sql_count_listed[] =
    "SELECT count(*) FROM statements WHERE feed = ?1 AND listed = 1";
static const char sql_feed_version[] =
    "SELECT etag FROM feeds WHERE name = ?1";
static const char sql_load[] =
    "SELECT s.feed, s.provider, s.id, s.aliases, s.status, s.announced_on,"
    " s.shutdown_on, s.shutdown_kind, s.replacements, s.kind, s.scope,"
    " s.sources, s.first_seen, s.last_seen, f.url"
    " FROM statements s JOIN feeds f ON f.name = s.feed"
    " ORDER BY s.provider, s.id, f.priority DESC, s.feed";

static int
db_error(struct catalog *cat, char **cause, const char *what)
{
	set_cause(cause, "%s: %s", what, sqlite3_errmsg(cat->db));
	return -1;
}

static int
exec(struct catalog *cat, const char *sql, char **cause)
{
	char *msg = NULL;

	if (sqlite3_exec(cat->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		set_cause(cause, "%s", msg != NULL ? msg :
		    sqlite3_errmsg(cat->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
catalog_schema_version(struct catalog *cat)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(cat->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
migrate(struct catalog *cat, char **cause)
{
	const struct migration *m;
	int have, newest;
	char *why = NULL, *pragma;
	size_t i;

	newest = embedded_migrations[embedded_nmigrations - 1].version;
	/* A current schema needs no write lock: readers may lack one. */
	if (catalog_schema_version(cat) == newest)
		return 0;
	if (exec(cat, "BEGIN IMMEDIATE", cause) < 0)
		return -1;
	have = catalog_schema_version(cat);
	if (have > newest) {
		set_cause(cause, "database schema version %d is newer than "
		    "this sunset knows (%d)", have, newest);
		goto fail;
	}
	for (i = 0; i < embedded_nmigrations; i++) {
		m = &embedded_migrations[i];
		if (m->version <= have)
			continue;
		pragma = xasprintf("PRAGMA user_version = %d", m->version);
		if (exec(cat, m->sql, &why) < 0 || exec(cat, pragma, &why) < 0) {
			free(pragma);
			set_cause(cause, "migration %s: %s", m->name, why);
			free(why);
			goto fail;
		}
		free(pragma);
	}
	return exec(cat, "COMMIT", cause);
fail:
	exec(cat, "ROLLBACK", NULL);
	return -1;
}

struct catalog *
catalog_open(const char *path, char **cause)
{
	struct catalog *cat = xcalloc(1, sizeof(*cat));
	struct {
		sqlite3_stmt	**st;
		const char	 *sql;
	} prepare[] = {
		{ &cat->upsert_feed, sql_upsert_feed },
		{ &cat->unlist, sql_unlist },
		{ &cat->upsert, sql_upsert },
		{ &cat->count_listed, sql_count_listed },
		{ &cat->feed_version, sql_feed_version },
		{ &cat->load, sql_load },
	};
	char *why = NULL;
	size_t i;

	if (sqlite3_open_v2(path, &cat->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		set_cause(cause, "%s: %s", path, cat->db != NULL ?
		    sqlite3_errmsg(cat->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(cat->db, 5000);
	if (exec(cat, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
	    " PRAGMA foreign_keys = ON", &why) < 0 || migrate(cat, &why) < 0) {
		set_cause(cause, "%s: %s", path, why);
		free(why);
		goto fail;
	}
	for (i = 0; i < NELEM(prepare); i++)
		if (sqlite3_prepare_v3(cat->db, prepare[i].sql, -1,
		    SQLITE_PREPARE_PERSISTENT, prepare[i].st, NULL) !=
		    SQLITE_OK) {
			db_error(cat, cause, path);
			goto fail;
		}
	return cat;
fail:
	catalog_close(cat);
	return NULL;
}

void
catalog_close(struct catalog *cat)
{
	if (cat == NULL)
		return;
	sqlite3_finalize(cat->upsert_feed);
	sqlite3_finalize(cat->unlist);
	sqlite3_finalize(cat->upsert);
	sqlite3_finalize(cat->count_listed);
	sqlite3_finalize(cat->feed_version);
	sqlite3_finalize(cat->load);
	sqlite3_close(cat->db);
	free(cat);
}

/* Binds text, or NULL when s is NULL.  SQLite copies it. */
static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void
bind_date(sqlite3_stmt *st, int i, int32_t date)
{
	char buf[11];

	if (date == DATE_NONE) {
		sqlite3_bind_null(st, i);
		return;
	}
	date_format(date, buf);
	sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

/* Binds a cJSON value as its compact text and frees it. */
static void
bind_json(sqlite3_stmt *st, int i, cJSON *json)
{
	char *text = cJSON_PrintUnformatted(json);

	if (text == NULL)
		abort();
	sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	cJSON_free(text);
	cJSON_Delete(json);
}

static cJSON *
json_strings(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	size_t i;

	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static cJSON *
json_replacements(const struct record *r)
{
	cJSON *a = cJSON_CreateArray(), *o;
	size_t i;

	for (i = 0; i < r->nreplacements; i++) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "provider",
		    r->replacements[i].provider);
		cJSON_AddStringToObject(o, "id", r->replacements[i].id);
		if (r->replacements[i].note != NULL)
			cJSON_AddStringToObject(o, "note",
			    r->replacements[i].note);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
json_sources(const struct record *r)
{
	cJSON *a = cJSON_CreateArray(), *o;
	size_t i;

	for (i = 0; i < r->nsources; i++) {
		o = cJSON_CreateObject();
		if (r->sources[i].url != NULL)
			cJSON_AddStringToObject(o, "url", r->sources[i].url);
		if (r->sources[i].first_seen != NULL)
			cJSON_AddStringToObject(o, "first_seen",
			    r->sources[i].first_seen);
		if (r->sources[i].last_seen != NULL)
			cJSON_AddStringToObject(o, "last_seen",
			    r->sources[i].last_seen);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static int
step_done(struct catalog *cat, sqlite3_stmt *st, char **cause)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_error(cat, cause, "write");
	return 0;
}

static int
upsert(struct catalog *cat, const char *feed, const struct record *r,
    const char *now, char **cause)
{
	sqlite3_stmt *st = cat->upsert;

	bind_text(st, 1, feed);
	bind_text(st, 2, r->provider);
	bind_text(st, 3, r->id);
	bind_json(st, 4, json_strings(r->aliases, r->naliases));
	bind_text(st, 5, status_name(r->status));
	bind_date(st, 6, r->announced_on);
	bind_date(st, 7, r->shutdown_on);
	bind_text(st, 8, shutdown_kind_name(r->shutdown_kind));
	bind_json(st, 9, json_replacements(r));
	bind_text(st, 10, r->kind);
	bind_text(st, 11, r->scope);
	bind_json(st, 12, json_sources(r));
	bind_text(st, 13, now);
	return step_done(cat, st, cause);
}

int
catalog_apply(struct catalog *cat, const struct catalog_feed *feed,
    const struct recordset *records, const char *version, time_t now,
    char **cause)
{
	sqlite3_stmt *st;
	char stamp[21];
	size_t i;

	date_format_time(now, stamp);
	if (exec(cat, "BEGIN IMMEDIATE", cause) < 0)
		return -1;
	st = cat->upsert_feed;
	bind_text(st, 1, feed->name);
	bind_text(st, 2, feed->format);
	bind_text(st, 3, feed->url);
	sqlite3_bind_int(st, 4, feed->priority);
	bind_text(st, 5, version);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)records->n);
	bind_text(st, 7, stamp);
	if (step_done(cat, st, cause) < 0)
		goto fail;
	sqlite3_bind_text(cat->unlist, 1, feed->name, -1, SQLITE_TRANSIENT);
	if (step_done(cat, cat->unlist, cause) < 0)
		goto fail;
	for (i = 0; i < records->n; i++)
		if (upsert(cat, feed->name, &records->v[i], stamp, cause) < 0)
			goto fail;
	if (exec(cat, "COMMIT", cause) < 0)
		goto fail;
	return 0;
fail:
	exec(cat, "ROLLBACK", NULL);
	return -1;
}

int
catalog_feed_version(struct catalog *cat, const char *feed, char **version,
    char **cause)
{
	sqlite3_stmt *st = cat->feed_version;
	const unsigned char *text;
	int rc;

	*version = NULL;
	sqlite3_bind_text(st, 1, feed, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (text = sqlite3_column_text(st, 0)) != NULL)
		*version = xstrdup((const char *)text);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cat, cause, "read");
	return 0;
}

static const char *
column(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static const char *
json_str(const cJSON *o, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* Fills r from the current row of the load statement. */
static void
load_row(sqlite3_stmt *st, struct record *r)
{
	const char *feed = column(st, 0), *first = column(st, 12),
	    *last = column(st, 13), *feed_url = column(st, 14), *s;
	cJSON *json;
	const cJSON *item;
	size_t before;

	r->provider = xstrdup(column(st, 1));
	r->id = xstrdup(column(st, 2));
	json = cJSON_Parse(column(st, 3));
	cJSON_ArrayForEach(item, json)
		if (cJSON_IsString(item))
			record_add_alias(r, item->valuestring);
	cJSON_Delete(json);
	if ((s = column(st, 4)) != NULL)
		(void)status_parse(s, &r->status);
	if ((s = column(st, 5)) != NULL)
		(void)date_parse_iso(s, &r->announced_on);
	if ((s = column(st, 6)) != NULL)
		(void)date_parse_iso(s, &r->shutdown_on);
	if ((s = column(st, 7)) != NULL)
		(void)shutdown_kind_parse(s, &r->shutdown_kind);
	json = cJSON_Parse(column(st, 8));
	cJSON_ArrayForEach(item, json)
		if (json_str(item, "id") != NULL)
			record_add_replacement(r, json_str(item, "provider"),
			    json_str(item, "id"), json_str(item, "note"));
	cJSON_Delete(json);
	r->kind = xstrdup_or_null(column(st, 9));
	r->scope = xstrdup_or_null(column(st, 10));
	before = r->nsources;
	json = cJSON_Parse(column(st, 11));
	cJSON_ArrayForEach(item, json) {
		s = json_str(item, "first_seen");
		record_add_source(r, feed, json_str(item, "url"),
		    s != NULL ? s : first, last);
	}
	cJSON_Delete(json);
	if (r->nsources == before)
		record_add_source(r, feed, feed_url, first, last);
}

int
catalog_load(struct catalog *cat, struct recordset *out, char **cause)
{
	sqlite3_stmt *st = cat->load;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		load_row(st, recordset_add(out));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_error(cat, cause, "load");
	return 0;
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
catalog_apply_embedded(struct catalog *cat, time_t now, char **cause)
{
	const struct catalog_feed feed = {
		CATALOG_EMBEDDED_FEED, "sunset", NULL, CATALOG_EMBEDDED_PRIORITY
	};
	struct recordset records = { 0 };
	char *have = NULL, *want, *why = NULL;
	int rc = -1;

	want = checksum(embedded_catalog, embedded_catalog_len);
	if (catalog_feed_version(cat, feed.name, &have, cause) < 0)
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
	if (catalog_apply(cat, &feed, &records, want, now, cause) == 0)
		rc = 1;
out:
	recordset_clear(&records);
	free(why);
	free(have);
	free(want);
	return rc;
}

struct snapshot *
catalog_snapshot(struct catalog *cat, char **cause)
{
	struct recordset statements = { 0 }, merged = { 0 };

	if (catalog_load(cat, &statements, cause) < 0) {
		recordset_clear(&statements);
		return NULL;
	}
	merge_statements(&statements, &merged);
	recordset_clear(&statements);
	return snapshot_new(&merged);
}
