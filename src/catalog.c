/*
 * catalog.c - the SQLite store.
 *
 * Invariant: the database only ever moves from one whole state to another.
 * Migrations and feed applications each run in one transaction, in WAL mode,
 * so a crash leaves either the old or the new state.  Statements are
 * prepared once at open and reset after every use.  The catalog stores what
 * it is given: parsing is the feeds' business, the schedule is the
 * daemon's (it reads the feeds' rows back at start; next_run_at, from
 * migration 002, is no longer written) and the API renders its own JSON.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "date.h"
#include "db.h"
#include "embedded.h"
#include "merge.h"
#include "snapshot.h"
#include "util.h"

struct catalog {
	sqlite3		*db;
	sqlite3_stmt	*upsert_feed;
	sqlite3_stmt	*mark;
	sqlite3_stmt	*dropped;
	sqlite3_stmt	*unlist;
	sqlite3_stmt	*old;
	sqlite3_stmt	*upsert;
	sqlite3_stmt	*history;
	sqlite3_stmt	*count_listed;
	sqlite3_stmt	*feed_version;
	sqlite3_stmt	*feed_unchanged;
	sqlite3_stmt	*touch;
	sqlite3_stmt	*feed_failed;
	sqlite3_stmt	*configure_feed;
	sqlite3_stmt	*feeds;
	sqlite3_stmt	*load;
	sqlite3_stmt	*state;
	sqlite3_stmt	*newest;
	sqlite3_stmt	*set_state;
};

static const char sql_upsert_feed[] =
    "INSERT INTO feeds (name, format, url, priority, provider, interval_s,"
    " etag, last_modified, http_status, records, last_attempt_at,"
    " last_success_at, last_error, failures)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, NULL, 0)"
    " ON CONFLICT (name) DO UPDATE SET format = ?2, url = ?3,"
    " priority = ?4, provider = ?5, interval_s = ?6, etag = ?7,"
    " last_modified = ?8, http_status = ?9, records = ?10,"
    " last_attempt_at = ?11, last_success_at = ?11, last_error = NULL,"
    " failures = 0";
/* Listed statements of a feed become 2 while it is applied: what is still
 * 2 afterwards was dropped by the feed. */
static const char sql_mark[] =
    "UPDATE statements SET listed = 2 WHERE feed = ?1 AND listed = 1";
static const char sql_dropped[] =
    "INSERT INTO history (at, feed, provider, id, change)"
    " SELECT ?2, feed, provider, id, 'dropped' FROM statements"
    " WHERE feed = ?1 AND listed = 2";
static const char sql_unlist[] =
    "UPDATE statements SET listed = 0 WHERE feed = ?1 AND listed = 2";
static const char sql_old[] =
    "SELECT status, announced_on, shutdown_on, replacements, listed"
    " FROM statements WHERE feed = ?1 AND provider = ?2 AND id = ?3";
static const char sql_upsert[] =
    "INSERT INTO statements (feed, provider, id, aliases, status,"
    " announced_on, shutdown_on, shutdown_kind, replacements, kind, scope,"
    " sources, first_seen, last_seen, listed, input_per_mtok,"
    " output_per_mtok, evidence, audio_input_per_mtok,"
    " audio_output_per_mtok)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 1,"
    " ?14, ?15, ?16, ?17, ?18)"
    " ON CONFLICT (feed, provider, id) DO UPDATE SET aliases = ?4,"
    " status = ?5, announced_on = ?6, shutdown_on = ?7, shutdown_kind = ?8,"
    " replacements = ?9, kind = ?10, scope = ?11, sources = ?12,"
    " last_seen = ?13, listed = 1, input_per_mtok = ?14,"
    " output_per_mtok = ?15, evidence = ?16, audio_input_per_mtok = ?17,"
    " audio_output_per_mtok = ?18";
static const char sql_history[] =
    "INSERT INTO history (at, feed, provider, id, change, old, new)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_count_listed[] =
    "SELECT count(*) FROM statements WHERE feed = ?1 AND listed = 1";
static const char sql_feed_version[] =
    "SELECT etag, last_modified FROM feeds WHERE name = ?1";
static const char sql_feed_unchanged[] =
    "UPDATE feeds SET http_status = ?2, last_attempt_at = ?3,"
    " last_success_at = ?3, last_error = NULL, failures = 0"
    " WHERE name = ?1";
static const char sql_touch[] =
    "UPDATE statements SET last_seen = ?2 WHERE feed = ?1 AND listed = 1";
static const char sql_feed_failed[] =
    "UPDATE feeds SET http_status = ?2, last_attempt_at = ?3,"
    " last_error = ?4, failures = failures + 1 WHERE name = ?1";
static const char sql_configure_feed[] =
    "INSERT INTO feeds (name, format, url, priority, provider, interval_s,"
    " configured) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)"
    " ON CONFLICT (name) DO UPDATE SET format = ?2, url = ?3,"
    " priority = ?4, provider = ?5, interval_s = ?6, configured = 1";
/* The times as Unix seconds: the stamps are UTC, which strftime assumes. */
static const char sql_feeds[] =
    "SELECT name, format, url, provider, priority, interval_s,"
    " CAST(strftime('%s', last_attempt_at) AS INTEGER),"
    " CAST(strftime('%s', last_success_at) AS INTEGER),"
    " http_status, last_error, records, failures"
    " FROM feeds WHERE configured = 1";
static const char sql_load[] =
    "SELECT s.feed, s.provider, s.id, s.aliases, s.status, s.announced_on,"
    " s.shutdown_on, s.shutdown_kind, s.replacements, s.kind, s.scope,"
    " s.sources, s.first_seen, s.last_seen, f.url, s.input_per_mtok,"
    " s.output_per_mtok, f.format, f.priority, s.evidence,"
    " s.audio_input_per_mtok, s.audio_output_per_mtok"
    " FROM statements s JOIN feeds f ON f.name = s.feed"
    " ORDER BY s.provider, s.id, f.priority DESC, s.feed";

static const char sql_state[] =
    "SELECT content_hash, CAST(strftime('%s', changed_at) AS INTEGER)"
    " FROM catalog_state WHERE id = 1";
/* The newest time the catalog holds: its last change or sighting. */
static const char sql_newest[] =
    "SELECT CAST(strftime('%s', max(t)) AS INTEGER) FROM"
    " (SELECT max(last_seen) AS t FROM statements"
    " UNION ALL SELECT max(at) FROM history)";
static const char sql_set_state[] =
    "INSERT INTO catalog_state (id, content_hash, changed_at)"
    " VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE SET"
    " content_hash = ?1, changed_at = ?2";

static int
db_error(struct catalog *cat, char **cause, const char *what)
{
	set_cause(cause, "%s: %s", what, sqlite3_errmsg(cat->db));
	return -1;
}

static int
exec(struct catalog *cat, const char *sql, char **cause)
{
	return db_exec(cat->db, sql, cause);
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
		{ &cat->mark, sql_mark },
		{ &cat->dropped, sql_dropped },
		{ &cat->unlist, sql_unlist },
		{ &cat->old, sql_old },
		{ &cat->upsert, sql_upsert },
		{ &cat->history, sql_history },
		{ &cat->count_listed, sql_count_listed },
		{ &cat->feed_version, sql_feed_version },
		{ &cat->feed_unchanged, sql_feed_unchanged },
		{ &cat->touch, sql_touch },
		{ &cat->feed_failed, sql_feed_failed },
		{ &cat->configure_feed, sql_configure_feed },
		{ &cat->feeds, sql_feeds },
		{ &cat->load, sql_load },
		{ &cat->state, sql_state },
		{ &cat->newest, sql_newest },
		{ &cat->set_state, sql_set_state },
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
	sqlite3_stmt *st;

	if (cat == NULL)
		return;

	/* Finalizes every statement prepared on the connection. */
	while ((st = sqlite3_next_stmt(cat->db, NULL)) != NULL)
		sqlite3_finalize(st);
	sqlite3_close(cat->db);
	free(cat);
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

	sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
	cJSON_free(text);
	cJSON_Delete(json);
}

/* The evidence a document names per field, {"status": 60, ...}, or NULL
 * when it names none. */
static cJSON *
json_evidence(const struct record *r)
{
	cJSON *obj = NULL;
	int f;

	for (f = 0; f < FIELD_N; f++) {
		if (r->field_evidence[f] <= 0)
			continue;
		if (obj == NULL)
			obj = cJSON_CreateObject();
		cJSON_AddNumberToObject(obj, field_name(f),
		    r->field_evidence[f]);
	}
	return obj;
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
	cJSON *json;

	db_bind_text(st, 1, feed);
	db_bind_text(st, 2, r->provider);
	db_bind_text(st, 3, r->id);
	bind_json(st, 4, json_strings(r->aliases, r->naliases));
	db_bind_text(st, 5, status_name(r->status));
	bind_date(st, 6, r->announced_on);
	bind_date(st, 7, r->shutdown_on);
	db_bind_text(st, 8, shutdown_kind_name(r->shutdown_kind));
	bind_json(st, 9, json_replacements(r));
	db_bind_text(st, 10, r->kind);
	db_bind_text(st, 11, r->scope);
	bind_json(st, 12, json_sources(r));
	db_bind_text(st, 13, now);
	if (r->input_per_mtok >= 0)
		sqlite3_bind_double(st, 14, r->input_per_mtok);
	if (r->output_per_mtok >= 0)
		sqlite3_bind_double(st, 15, r->output_per_mtok);
	if ((json = json_evidence(r)) != NULL)
		bind_json(st, 16, json);
	if (r->audio_input_per_mtok >= 0)
		sqlite3_bind_double(st, 17, r->audio_input_per_mtok);
	if (r->audio_output_per_mtok >= 0)
		sqlite3_bind_double(st, 18, r->audio_output_per_mtok);
	return step_done(cat, st, cause);
}

static int
add_history(struct catalog *cat, const char *now, const char *feed,
    const struct record *r, const char *change, const char *old,
    const char *new, char **cause)
{
	sqlite3_stmt *st = cat->history;

	db_bind_text(st, 1, now);
	db_bind_text(st, 2, feed);
	db_bind_text(st, 3, r->provider);
	db_bind_text(st, 4, r->id);
	db_bind_text(st, 5, change);
	db_bind_text(st, 6, old);
	db_bind_text(st, 7, new);
	return step_done(cat, st, cause);
}

static int
differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0);
}

/* Appends to the history what r changes in the feed's statement. */
static int
record_changes(struct catalog *cat, const char *feed, const struct record *r,
    const char *now, char **cause)
{
	sqlite3_stmt *st = cat->old;
	char *old[4] = { NULL }, announced[11], shutdown[11], *repl;
	const char *new[4];
	static const char *names[] = { "status", "announced_on",
		"shutdown_on", "replacements" };
	int rc, listed = -1, i, failed = 0;
	cJSON *json;

	db_bind_text(st, 1, feed);
	db_bind_text(st, 2, r->provider);
	db_bind_text(st, 3, r->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 4; i++)
			old[i] = xstrdup_or_null(
			    (const char *)sqlite3_column_text(st, i));
		listed = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cat, cause, "history");
	if (listed < 0)
		return add_history(cat, now, feed, r, "added", NULL, NULL,
		    cause);

	if (r->announced_on != DATE_NONE)
		date_format(r->announced_on, announced);
	if (r->shutdown_on != DATE_NONE)
		date_format(r->shutdown_on, shutdown);
	json = json_replacements(r);
	repl = cJSON_PrintUnformatted(json);
	cJSON_Delete(json);
	new[0] = status_name(r->status);
	new[1] = r->announced_on != DATE_NONE ? announced : NULL;
	new[2] = r->shutdown_on != DATE_NONE ? shutdown : NULL;
	new[3] = repl;
	if (listed == 0)
		failed = add_history(cat, now, feed, r, "relisted", NULL,
		    NULL, cause) < 0;
	for (i = 0; i < 4 && !failed; i++)
		if (differ(old[i], new[i]))
			failed = add_history(cat, now, feed, r, names[i],
			    old[i], new[i], cause) < 0;
	for (i = 0; i < 4; i++)
		free(old[i]);
	cJSON_free(repl);
	return failed ? -1 : 0;
}

static int
count_listed(struct catalog *cat, const char *feed, int64_t *n,
    char **cause)
{
	sqlite3_stmt *st = cat->count_listed;
	int rc;

	db_bind_text(st, 1, feed);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW)
		return db_error(cat, cause, "count");
	return 0;
}

/* Binds feed (and stamp, when the statement takes one) and runs st. */
static int
run_feed_stmt(struct catalog *cat, sqlite3_stmt *st, const char *feed,
    const char *stamp, char **cause)
{
	db_bind_text(st, 1, feed);
	if (stamp != NULL)
		db_bind_text(st, 2, stamp);
	return step_done(cat, st, cause);
}

int
catalog_apply(struct catalog *cat, const struct catalog_feed *feed,
    const struct catalog_origin *origin, const struct recordset *records,
    time_t now, char **cause)
{
	static const struct catalog_origin none = { NULL, NULL, 0 };
	sqlite3_stmt *st;
	char stamp[21];
	int64_t before = 0;
	size_t i;

	if (origin == NULL)
		origin = &none;
	date_format_time(now, stamp);
	if (exec(cat, "BEGIN IMMEDIATE", cause) < 0)
		return -1;
	if (count_listed(cat, feed->name, &before, cause) < 0)
		goto fail;
	if (before > 0 && records->n == 0) {
		set_cause(cause, "no records where there were %lld; "
		    "keeping the catalog as it was", (long long)before);
		goto fail;
	}
	if ((int64_t)records->n * CATALOG_SHRINK_RATIO < before) {
		set_cause(cause, "%zu records where there were %lld, fewer "
		    "than half; keeping the catalog as it was", records->n,
		    (long long)before);
		goto fail;
	}
	st = cat->upsert_feed;
	db_bind_text(st, 1, feed->name);
	db_bind_text(st, 2, feed->format);
	db_bind_text(st, 3, feed->url);
	sqlite3_bind_int(st, 4, feed->priority);
	db_bind_text(st, 5, feed->provider);
	if (feed->interval_s > 0)
		sqlite3_bind_int(st, 6, feed->interval_s);
	db_bind_text(st, 7, origin->etag);
	db_bind_text(st, 8, origin->last_modified);
	if (origin->http_status > 0)
		sqlite3_bind_int64(st, 9, origin->http_status);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)records->n);
	db_bind_text(st, 11, stamp);
	if (step_done(cat, st, cause) < 0 ||
	    run_feed_stmt(cat, cat->mark, feed->name, NULL, cause) < 0)
		goto fail;
	for (i = 0; i < records->n; i++)
		if (record_changes(cat, feed->name, &records->v[i], stamp,
		    cause) < 0 || upsert(cat, feed->name, &records->v[i],
		    stamp, cause) < 0)
			goto fail;
	if (run_feed_stmt(cat, cat->dropped, feed->name, stamp, cause) < 0 ||
	    run_feed_stmt(cat, cat->unlist, feed->name, NULL, cause) < 0 ||
	    exec(cat, "COMMIT", cause) < 0)
		goto fail;
	return 0;
fail:
	exec(cat, "ROLLBACK", NULL);
	return -1;
}


int
catalog_feed_unchanged(struct catalog *cat, const char *feed,
    long http_status, time_t now, char **cause)
{
	sqlite3_stmt *st = cat->feed_unchanged;
	char stamp[21];

	date_format_time(now, stamp);
	db_bind_text(st, 1, feed);
	sqlite3_bind_int64(st, 2, http_status);
	db_bind_text(st, 3, stamp);
	if (step_done(cat, st, cause) < 0)
		return -1;
	return run_feed_stmt(cat, cat->touch, feed, stamp, cause);
}

int
catalog_feed_failed(struct catalog *cat, const char *feed, long http_status,
    const char *error, time_t now, char **cause)
{
	sqlite3_stmt *st = cat->feed_failed;
	char stamp[21];

	date_format_time(now, stamp);
	db_bind_text(st, 1, feed);
	if (http_status > 0)
		sqlite3_bind_int64(st, 2, http_status);
	db_bind_text(st, 3, stamp);
	db_bind_text(st, 4, error);
	return step_done(cat, st, cause);
}

int
catalog_configure(struct catalog *cat, const struct catalog_feed *feeds,
    size_t n, char **cause)
{
	sqlite3_stmt *st = cat->configure_feed;
	size_t i;

	if (exec(cat, "BEGIN IMMEDIATE", cause) < 0)
		return -1;
	if (exec(cat, "UPDATE feeds SET configured = 0 WHERE name != '"
	    CATALOG_EMBEDDED_FEED "'", cause) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		db_bind_text(st, 1, feeds[i].name);
		db_bind_text(st, 2, feeds[i].format);
		db_bind_text(st, 3, feeds[i].url);
		sqlite3_bind_int(st, 4, feeds[i].priority);
		db_bind_text(st, 5, feeds[i].provider);
		sqlite3_bind_int(st, 6, feeds[i].interval_s);
		if (step_done(cat, st, cause) < 0)
			goto fail;
	}
	return exec(cat, "COMMIT", cause);
fail:
	exec(cat, "ROLLBACK", NULL);
	return -1;
}

int
catalog_feed_version(struct catalog *cat, const char *feed, char **version,
    char **last_modified, char **cause)
{
	sqlite3_stmt *st = cat->feed_version;
	const unsigned char *text;
	int rc;

	*version = NULL;
	if (last_modified != NULL)
		*last_modified = NULL;
	sqlite3_bind_text(st, 1, feed, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (text = sqlite3_column_text(st, 0)) != NULL)
		*version = xstrdup((const char *)text);
	if (rc == SQLITE_ROW && last_modified != NULL &&
	    (text = sqlite3_column_text(st, 1)) != NULL)
		*last_modified = xstrdup((const char *)text);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cat, cause, "read");
	return 0;
}

static char *
column_dup(sqlite3_stmt *st, int i)
{
	return xstrdup_or_null((const char *)sqlite3_column_text(st, i));
}

/* One integer from a one-row query; *v is left alone when NULL. */
static int
query_time(struct catalog *cat, sqlite3_stmt *st, time_t *v, char **cause)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*v = (time_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cat, cause, "read");
	return 0;
}

int
catalog_changed_at(struct catalog *cat, const char *hash, time_t now,
    time_t *changed_at, char **cause)
{
	sqlite3_stmt *st = cat->state;
	char *stored = NULL, stamp[21];
	time_t when = 0;
	int rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		stored = column_dup(st, 0);
		when = (time_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(cat, cause, "read");
	if (stored != NULL && strcmp(stored, hash) == 0) {
		free(stored);
		*changed_at = when;
		return 0;
	}
	if (stored != NULL) {
		/* Later than the last change, even within its second or
		 * when the clock went back: If-Modified-Since must see it. */
		when = now > when ? now : when + 1;
	} else {
		when = now;
		if (query_time(cat, cat->newest, &when, cause) < 0)
			return -1;
	}
	free(stored);
	date_format_time(when, stamp);
	st = cat->set_state;
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, stamp);
	/* A reader without write access still learns the time. */
	(void)step_done(cat, st, NULL);
	*changed_at = when;
	return 0;
}

int
catalog_feeds(struct catalog *cat, struct catalog_feed_row **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt *st = cat->feeds;
	struct catalog_feed_row *v = NULL, *r;
	size_t len = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = xreallocarray(v, len + 1, sizeof(*v));
		r = &v[len++];
		r->name = column_dup(st, 0);
		r->format = column_dup(st, 1);
		r->url = column_dup(st, 2);
		r->provider = column_dup(st, 3);
		r->priority = sqlite3_column_int(st, 4);
		r->interval_s = sqlite3_column_int(st, 5);
		r->last_attempt = (time_t)sqlite3_column_int64(st, 6);
		r->last_success = (time_t)sqlite3_column_int64(st, 7);
		r->http_status = (long)sqlite3_column_int64(st, 8);
		r->last_error = column_dup(st, 9);
		r->records = sqlite3_column_int64(st, 10);
		r->failures = sqlite3_column_int(st, 11);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		catalog_feed_rows_free(v, len);
		return db_error(cat, cause, "feeds");
	}
	*rows = v;
	*n = len;
	return 0;
}

void
catalog_feed_rows_free(struct catalog_feed_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].format);
		free(rows[i].url);
		free(rows[i].provider);
		free(rows[i].last_error);
	}
	free(rows);
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
	int f;

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
	if (sqlite3_column_type(st, 15) != SQLITE_NULL)
		r->input_per_mtok = sqlite3_column_double(st, 15);
	if (sqlite3_column_type(st, 16) != SQLITE_NULL)
		r->output_per_mtok = sqlite3_column_double(st, 16);
	if (sqlite3_column_type(st, 20) != SQLITE_NULL)
		r->audio_input_per_mtok = sqlite3_column_double(st, 20);
	if (sqlite3_column_type(st, 21) != SQLITE_NULL)
		r->audio_output_per_mtok = sqlite3_column_double(st, 21);
	json = cJSON_Parse(column(st, 19));
	for (f = 0; f < FIELD_N; f++) {
		item = cJSON_GetObjectItemCaseSensitive(json, field_name(f));
		if (cJSON_IsNumber(item))
			r->field_evidence[f] = item->valueint;
	}
	cJSON_Delete(json);
	merge_weigh(column(st, 17), r);
	r->priority = sqlite3_column_int(st, 18);
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

struct snapshot *
catalog_snapshot(struct catalog *cat, char **cause)
{
	struct recordset statements = { 0 }, merged = { 0 };

	if (catalog_load(cat, &statements, cause) < 0) {
		recordset_clear(&statements);
		return NULL;
	}
	merge_statements(&statements, &merged);
	return snapshot_new(&merged);
}

/* Adds column i of st to obj under key: text, integer or null. */
static void
add_column(cJSON *obj, const char *key, sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		cJSON_AddNumberToObject(obj, key,
		    (double)sqlite3_column_int64(st, i));
		break;
	case SQLITE_NULL:
		cJSON_AddNullToObject(obj, key);
		break;
	default:
		cJSON_AddStringToObject(obj, key,
		    (const char *)sqlite3_column_text(st, i));
	}
}

/* Runs a query and turns each row into an object keyed by column name. */
static cJSON *
read_rows(sqlite3 *db, sqlite3_stmt *st, char **cause)
{
	cJSON *rows = cJSON_CreateArray(), *row;
	int rc, i, n = sqlite3_column_count(st);

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = cJSON_CreateObject();
		for (i = 0; i < n; i++)
			add_column(row, sqlite3_column_name(st, i), st, i);
		cJSON_AddItemToArray(rows, row);
	}
	if (rc != SQLITE_DONE) {
		set_cause(cause, "read: %s", sqlite3_errmsg(db));
		cJSON_Delete(rows);
		return NULL;
	}
	return rows;
}

cJSON *
catalog_read_changes(const char *path, long long since_seq,
    const char *since_time, int limit, long long *next, char **cause)
{
	static const char sql[] =
	    "SELECT seq, at, feed, provider, id, change, old, new"
	    " FROM history WHERE seq > ?1 AND (?2 IS NULL OR at >= ?2)"
	    " ORDER BY seq LIMIT ?3";
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	cJSON *rows = NULL, *last;

	*next = since_seq;
	if ((db = db_open_reader(path, cause)) == NULL)
		return NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		set_cause(cause, "read: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_int64(st, 1, since_seq);
	db_bind_text(st, 2, since_time);
	sqlite3_bind_int(st, 3, limit);
	if ((rows = read_rows(db, st, cause)) != NULL &&
	    (last = cJSON_GetArrayItem(rows, cJSON_GetArraySize(rows) - 1)) !=
	    NULL)
		*next = (long long)cJSON_GetObjectItem(last, "seq")->valuedouble;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rows;
}

cJSON *
catalog_read_latest_changes(const char *path, int limit, char **cause)
{
	static const char sql[] =
	    "SELECT seq, at, feed, provider, id, change, old, new"
	    " FROM history ORDER BY seq DESC LIMIT ?1";
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	cJSON *rows = NULL;

	if ((db = db_open_reader(path, cause)) == NULL)
		return NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		set_cause(cause, "read: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_int(st, 1, limit);
	rows = read_rows(db, st, cause);
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rows;
}

/* catalog_add_usage on any writable connection. */
static int
add_usage(sqlite3 *db, const struct usage_count *v, size_t n,
    const char *origin, size_t *fresh, char **cause)
{
	static const char sql_known[] =
	    "SELECT 1 FROM usage WHERE provider = ?1 AND id = ?2 LIMIT 1";
	static const char sql_add[] =
	    "INSERT INTO usage (provider, id, origin, first_seen, last_seen,"
	    " count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	    " ON CONFLICT (provider, id, origin) DO UPDATE SET"
	    " count = count + ?6, last_seen = max(last_seen, ?5)";
	sqlite3_stmt *known = NULL, *st = NULL;
	char first[21], last[21];
	size_t i, nfresh = 0;
	int rc;

	if (db_exec(db, "BEGIN IMMEDIATE", cause) < 0)
		return -1;
	if (sqlite3_prepare_v2(db, sql_known, -1, &known, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql_add, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(known, 1, v[i].provider, -1, SQLITE_STATIC);
		sqlite3_bind_text(known, 2, v[i].id, -1, SQLITE_STATIC);
		rc = sqlite3_step(known);
		sqlite3_reset(known);
		if (rc == SQLITE_DONE)
			nfresh++;
		else if (rc != SQLITE_ROW)
			goto fail;
		date_format_time(v[i].first, first);
		date_format_time(v[i].last, last);
		sqlite3_bind_text(st, 1, v[i].provider, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, v[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, origin, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, last, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)v[i].count);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(known);
	sqlite3_finalize(st);
	if (db_exec(db, "COMMIT", cause) < 0) {
		db_exec(db, "ROLLBACK", NULL);
		return -1;
	}
	if (fresh != NULL)
		*fresh = nfresh;
	return 0;
fail:
	set_cause(cause, "usage: %s", sqlite3_errmsg(db));
	sqlite3_finalize(known);
	sqlite3_finalize(st);
	db_exec(db, "ROLLBACK", NULL);
	return -1;
}

int
catalog_add_usage(struct catalog *cat, const struct usage_count *v,
    size_t n, const char *origin, size_t *fresh, char **cause)
{
	return add_usage(cat->db, v, n, origin, fresh, cause);
}

int
catalog_report_usage(const char *path, const struct usage_count *v,
    size_t n, const char *origin, size_t *fresh, char **cause)
{
	sqlite3 *db = NULL;
	int rc = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		set_cause(cause, "%s: %s", path, db != NULL ?
		    sqlite3_errmsg(db) : "cannot open");
		goto out;
	}
	/* The main thread may be applying a feed: wait for it. */
	sqlite3_busy_timeout(db, 5000);
	if (db_exec(db, "PRAGMA synchronous = FULL", cause) < 0)
		goto out;
	rc = add_usage(db, v, n, origin, fresh, cause);
out:
	sqlite3_close(db);
	return rc;
}

int
catalog_read_usage(const char *path, time_t since,
    struct catalog_usage_row **rows, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT provider, id, origin, first_seen, last_seen, count"
	    " FROM usage WHERE last_seen >= ?1 ORDER BY provider, id, origin";
	struct catalog_usage_row *v = NULL, *r;
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	size_t cap = 0, nv = 0;
	char stamp[21];
	int rc = -1, step;

	if ((db = db_open_reader(path, cause)) == NULL)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		set_cause(cause, "read: %s", sqlite3_errmsg(db));
		goto out;
	}
	date_format_time(since, stamp);
	sqlite3_bind_text(st, 1, stamp, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (nv == cap) {
			cap = cap != 0 ? cap * 2 : 32;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		r = &v[nv++];
		r->provider = xstrdup(column(st, 0));
		r->id = xstrdup(column(st, 1));
		r->origin = xstrdup(column(st, 2));
		r->first_seen = xstrdup(column(st, 3));
		r->last_seen = xstrdup(column(st, 4));
		r->count = sqlite3_column_int64(st, 5);
	}
	if (step != SQLITE_DONE) {
		set_cause(cause, "read: %s", sqlite3_errmsg(db));
		catalog_usage_rows_free(v, nv);
		v = NULL;
		nv = 0;
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	*rows = v;
	*n = nv;
	return rc;
}

void
catalog_usage_rows_free(struct catalog_usage_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rows[i].provider);
		free(rows[i].id);
		free(rows[i].origin);
		free(rows[i].first_seen);
		free(rows[i].last_seen);
	}
	free(rows);
}
