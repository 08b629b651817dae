/*
 * outbox.c - the alerts' tables (outbox.h).
 *
 * Invariant: an event id enters the outbox once (INSERT OR IGNORE on its
 * primary key) with the bytes every attempt sends; attempts only change
 * its counters and state.  The connection is the alerts thread's own,
 * in WAL mode with a busy timeout, its statements prepared once and
 * reset after every use, so a read never holds back a checkpoint.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db.h"
#include "outbox.h"
#include "util.h"

#define BUSY_TIMEOUT_MS	5000

struct outbox {
	sqlite3		*db;
	sqlite3_stmt	*newest;
	sqlite3_stmt	*watermark;
	sqlite3_stmt	*set_watermark;
	sqlite3_stmt	*has;
	sqlite3_stmt	*add;
	sqlite3_stmt	*due;
	sqlite3_stmt	*next_due;
	sqlite3_stmt	*attempted;
	sqlite3_stmt	*postpone;
};

static const char sql_newest[] = "SELECT coalesce(max(seq), 0) FROM history";
static const char sql_watermark[] =
    "SELECT seq FROM alert_watermarks WHERE alert = ?1";
static const char sql_set_watermark[] =
    "INSERT INTO alert_watermarks (alert, seq) VALUES (?1, ?2)"
    " ON CONFLICT (alert) DO UPDATE SET seq = ?2";
static const char sql_has[] = "SELECT 1 FROM outbox WHERE id = ?1";
static const char sql_add[] =
    "INSERT OR IGNORE INTO outbox (id, alert, provider, model, event, date,"
    " threshold, content_type, body, created, next_attempt)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)";
static const char sql_due[] =
    "SELECT id, alert, provider, model, event, date, threshold,"
    " content_type, body, CAST(strftime('%s', created) AS INTEGER),"
    " attempts FROM outbox WHERE state = 'pending' AND next_attempt <= ?1"
    " ORDER BY next_attempt, created, id LIMIT ?2";
static const char sql_next_due[] =
    "SELECT CAST(strftime('%s', min(next_attempt)) AS INTEGER) FROM outbox"
    " WHERE state = 'pending'";
static const char sql_attempted[] =
    "UPDATE outbox SET attempts = attempts + 1, last_status = ?2,"
    " last_error = ?3, state = ?4, next_attempt = ?5,"
    " delivered_at = CASE WHEN ?4 = 'delivered' THEN ?6 END"
    " WHERE id = ?1";

static const char sql_postpone[] =
    "UPDATE outbox SET next_attempt = ?2 WHERE id = ?1";

static const char *const state_names[] = { "pending", "delivered", "failed" };

static int
db_error(sqlite3 *db, char **cause, const char *what)
{
	set_cause(cause, "%s: %s", what, sqlite3_errmsg(db));
	return -1;
}

static void
bind_time(sqlite3_stmt *st, int i, time_t t)
{
	char stamp[21];

	date_format_time(t, stamp);
	sqlite3_bind_text(st, i, stamp, -1, SQLITE_TRANSIENT);
}

static void
done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static char *
column_text(sqlite3_stmt *st, int i)
{
	return xstrdup_or_null((const char *)sqlite3_column_text(st, i));
}

struct outbox *
outbox_open(const char *path, char **cause)
{
	struct outbox *ob = xcalloc(1, sizeof(*ob));
	struct {
		sqlite3_stmt	**st;
		const char	 *sql;
	} prepare[] = {
		{ &ob->newest, sql_newest },
		{ &ob->watermark, sql_watermark },
		{ &ob->set_watermark, sql_set_watermark },
		{ &ob->has, sql_has },
		{ &ob->add, sql_add },
		{ &ob->due, sql_due },
		{ &ob->next_due, sql_next_due },
		{ &ob->attempted, sql_attempted },
		{ &ob->postpone, sql_postpone },
	};
	char *why = NULL;
	size_t i;

	if (sqlite3_open_v2(path, &ob->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		set_cause(cause, "%s: %s", path, ob->db != NULL ?
		    sqlite3_errmsg(ob->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(ob->db, BUSY_TIMEOUT_MS);
	if (db_exec(ob->db, "PRAGMA journal_mode = WAL;"
	    " PRAGMA synchronous = FULL", &why) < 0) {
		set_cause(cause, "%s: %s", path, why);
		free(why);
		goto fail;
	}
	for (i = 0; i < NELEM(prepare); i++)
		if (sqlite3_prepare_v3(ob->db, prepare[i].sql, -1,
		    SQLITE_PREPARE_PERSISTENT, prepare[i].st, NULL) !=
		    SQLITE_OK) {
			db_error(ob->db, cause, path);
			goto fail;
		}
	return ob;
fail:
	outbox_close(ob);
	return NULL;
}

void
outbox_close(struct outbox *ob)
{
	sqlite3_stmt *st;

	if (ob == NULL)
		return;
	while ((st = sqlite3_next_stmt(ob->db, NULL)) != NULL)
		sqlite3_finalize(st);
	sqlite3_close(ob->db);
	free(ob);
}

int
outbox_begin(struct outbox *ob, char **cause)
{
	return db_exec(ob->db, "BEGIN IMMEDIATE", cause);
}

int
outbox_commit(struct outbox *ob, char **cause)
{
	return db_exec(ob->db, "COMMIT", cause);
}

void
outbox_rollback(struct outbox *ob)
{
	db_exec(ob->db, "ROLLBACK", NULL);
}

int
outbox_newest_change(struct outbox *ob, long long *seq, char **cause)
{
	int rc = sqlite3_step(ob->newest);

	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int64(ob->newest, 0);
	done(ob->newest);
	return rc == SQLITE_ROW ? 0 : db_error(ob->db, cause, "history");
}

int
outbox_set_watermark(struct outbox *ob, const char *alert, long long seq,
    char **cause)
{
	int rc;

	db_bind_text(ob->set_watermark, 1, alert);
	sqlite3_bind_int64(ob->set_watermark, 2, seq);
	rc = sqlite3_step(ob->set_watermark);
	done(ob->set_watermark);
	return rc == SQLITE_DONE ? 0 : db_error(ob->db, cause, "watermark");
}

int
outbox_watermark(struct outbox *ob, const char *alert, long long newest,
    long long *seq, char **cause)
{
	int rc;

	db_bind_text(ob->watermark, 1, alert);
	rc = sqlite3_step(ob->watermark);
	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int64(ob->watermark, 0);
	done(ob->watermark);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_error(ob->db, cause, "watermark");
	*seq = newest;
	return outbox_set_watermark(ob, alert, newest, cause);
}

int
outbox_has(struct outbox *ob, const char *id, char **cause)
{
	int rc;

	db_bind_text(ob->has, 1, id);
	rc = sqlite3_step(ob->has);
	done(ob->has);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(ob->db, cause, "outbox");
	return rc == SQLITE_ROW;
}

int
outbox_add(struct outbox *ob, const struct outbox_entry *e, time_t now,
    char **cause)
{
	sqlite3_stmt *st = ob->add;
	int rc;

	db_bind_text(st, 1, e->id);
	db_bind_text(st, 2, e->alert);
	db_bind_text(st, 3, e->provider);
	db_bind_text(st, 4, e->model);
	db_bind_text(st, 5, e->event);
	db_bind_text(st, 6, e->date);
	if (e->threshold > 0)
		sqlite3_bind_int(st, 7, e->threshold);
	db_bind_text(st, 8, e->content_type);
	sqlite3_bind_text(st, 9, e->body, (int)e->len, SQLITE_TRANSIENT);
	bind_time(st, 10, now);
	rc = sqlite3_step(st);
	done(st);
	if (rc != SQLITE_DONE)
		return db_error(ob->db, cause, "outbox");
	return sqlite3_changes(ob->db) > 0;
}

void
outbox_entries_free(struct outbox_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].alert);
		free(v[i].provider);
		free(v[i].model);
		free(v[i].event);
		free(v[i].date);
		free(v[i].content_type);
		free(v[i].body);
	}
	free(v);
}

int
outbox_due(struct outbox *ob, time_t now, size_t max,
    struct outbox_entry **v, size_t *n, char **cause)
{
	sqlite3_stmt *st = ob->due;
	struct outbox_entry *e;
	int rc;

	*v = NULL;
	*n = 0;
	bind_time(st, 1, now);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		e = &(*v)[(*n)++];
		memset(e, 0, sizeof(*e));
		e->id = column_text(st, 0);
		e->alert = column_text(st, 1);
		e->provider = column_text(st, 2);
		e->model = column_text(st, 3);
		e->event = column_text(st, 4);
		e->date = column_text(st, 5);
		e->threshold = sqlite3_column_int(st, 6);
		e->content_type = column_text(st, 7);
		e->len = (size_t)sqlite3_column_bytes(st, 8);
		e->body = xmalloc(e->len + 1);
		if (e->len > 0)
			memcpy(e->body, sqlite3_column_blob(st, 8), e->len);
		e->body[e->len] = '\0';
		e->created = (time_t)sqlite3_column_int64(st, 9);
		e->attempts = sqlite3_column_int(st, 10);
	}
	done(st);
	if (rc != SQLITE_DONE) {
		outbox_entries_free(*v, *n);
		*v = NULL;
		*n = 0;
		return db_error(ob->db, cause, "outbox");
	}
	return 0;
}

int
outbox_next_due(struct outbox *ob, time_t *when, char **cause)
{
	sqlite3_stmt *st = ob->next_due;
	int rc = sqlite3_step(st), found = 0;

	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*when = (time_t)sqlite3_column_int64(st, 0);
		found = 1;
	}
	done(st);
	if (rc != SQLITE_ROW)
		return db_error(ob->db, cause, "outbox");
	return found;
}

int
outbox_attempted(struct outbox *ob, const char *id, time_t now, long status,
    const char *error, enum outbox_state state, time_t next, char **cause)
{
	sqlite3_stmt *st = ob->attempted;
	int rc;

	db_bind_text(st, 1, id);
	if (status > 0)
		sqlite3_bind_int64(st, 2, status);
	db_bind_text(st, 3, error);
	db_bind_text(st, 4, state_names[state]);
	bind_time(st, 5, state == OUTBOX_PENDING ? next : now);
	bind_time(st, 6, now);
	rc = sqlite3_step(st);
	done(st);
	return rc == SQLITE_DONE ? 0 : db_error(ob->db, cause, "outbox");
}

int
outbox_postpone(struct outbox *ob, const char *id, time_t next,
    char **cause)
{
	int rc;

	db_bind_text(ob->postpone, 1, id);
	bind_time(ob->postpone, 2, next);
	rc = sqlite3_step(ob->postpone);
	done(ob->postpone);
	return rc == SQLITE_DONE ? 0 : db_error(ob->db, cause, "outbox");
}

int
outbox_retry_at(time_t created, int attempts, time_t now, time_t *next)
{
	time_t wait = OUTBOX_RETRY_FIRST_S;
	int i;

	for (i = 1; i < attempts && wait < OUTBOX_RETRY_MAX_S; i++)
		wait *= 2;
	if (wait > OUTBOX_RETRY_MAX_S)
		wait = OUTBOX_RETRY_MAX_S;
	if (now - created >= OUTBOX_GIVE_UP_S)
		return -1;
	*next = now + wait;
	return 0;
}

int
outbox_used(struct outbox *ob, time_t since, struct alert_use **uses,
    size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT provider, id, max(last_seen), sum(count) FROM usage"
	    " WHERE last_seen >= ?1 GROUP BY provider, id";
	struct alert_use *u;
	sqlite3_stmt *st;
	int rc;

	*uses = NULL;
	*n = 0;
	/* Prepared per call: the usage table may come with a later
	 * migration than the one this connection saw first. */
	if (sqlite3_prepare_v2(ob->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_error(ob->db, cause, "usage");
	bind_time(st, 1, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*uses = xreallocarray(*uses, *n + 1, sizeof(**uses));
		u = &(*uses)[(*n)++];
		u->provider = column_text(st, 0);
		u->id = column_text(st, 1);
		u->last_seen = column_text(st, 2);
		u->count = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		alert_uses_free(*uses, *n);
		*uses = NULL;
		*n = 0;
		return db_error(ob->db, cause, "usage");
	}
	return 0;
}

void
outbox_rows_free(struct outbox_row *rows, size_t nrows,
    struct outbox_count *counts, size_t ncounts)
{
	size_t i;

	for (i = 0; i < nrows; i++) {
		free(rows[i].id);
		free(rows[i].alert);
		free(rows[i].event);
		free(rows[i].provider);
		free(rows[i].model);
		free(rows[i].date);
		free(rows[i].state);
		free(rows[i].next_attempt);
		free(rows[i].last_error);
		free(rows[i].created);
		free(rows[i].delivered_at);
	}
	free(rows);
	for (i = 0; i < ncounts; i++)
		free(counts[i].alert);
	free(counts);
}

/* The events by alert and state, into *v (*n of them).  0, or -1 with
 * SQLite's error on db and *v as far as it got. */
static int
read_counts(sqlite3 *db, struct outbox_count **v, size_t *n)
{
	static const char sql[] =
	    "SELECT alert, sum(state = 'pending'), sum(state = 'delivered'),"
	    " sum(state = 'failed') FROM outbox GROUP BY alert";
	struct outbox_count *c;
	sqlite3_stmt *st;
	int step;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		c = &(*v)[(*n)++];
		c->alert = column_text(st, 0);
		c->pending = sqlite3_column_int64(st, 1);
		c->delivered = sqlite3_column_int64(st, 2);
		c->failed = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : -1;
}

int
outbox_counts(struct outbox *ob, struct outbox_count **v, size_t *n,
    char **cause)
{
	*v = NULL;
	*n = 0;
	if (read_counts(ob->db, v, n) < 0) {
		db_error(ob->db, cause, "outbox");
		outbox_rows_free(NULL, 0, *v, *n);
		*v = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
outbox_read(const char *path, int limit, struct outbox_row **rows,
    size_t *nrows, struct outbox_count **counts, size_t *ncounts,
    char **cause)
{
	static const char sql_rows[] =
	    "SELECT id, alert, event, provider, model, date, threshold, state,"
	    " attempts, CASE WHEN state = 'pending' THEN next_attempt END,"
	    " last_status, last_error, created, delivered_at FROM outbox"
	    " ORDER BY created DESC, id LIMIT ?1";
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct outbox_row *r;
	int rc = -1, step;

	*rows = NULL;
	*nrows = 0;
	*counts = NULL;
	*ncounts = 0;
	if ((db = db_open_reader(path, cause)) == NULL)
		goto out;
	if (sqlite3_prepare_v2(db, sql_rows, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int(st, 1, limit);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = xreallocarray(*rows, *nrows + 1, sizeof(**rows));
		r = &(*rows)[(*nrows)++];
		r->id = column_text(st, 0);
		r->alert = column_text(st, 1);
		r->event = column_text(st, 2);
		r->provider = column_text(st, 3);
		r->model = column_text(st, 4);
		r->date = column_text(st, 5);
		r->threshold = sqlite3_column_int(st, 6);
		r->state = column_text(st, 7);
		r->attempts = sqlite3_column_int(st, 8);
		r->next_attempt = column_text(st, 9);
		r->last_status = (long)sqlite3_column_int64(st, 10);
		r->last_error = column_text(st, 11);
		r->created = column_text(st, 12);
		r->delivered_at = column_text(st, 13);
	}
	if (step != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	if (read_counts(db, counts, ncounts) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	db_error(db, cause, "outbox");
	outbox_rows_free(*rows, *nrows, *counts, *ncounts);
	*rows = NULL;
	*nrows = 0;
	*counts = NULL;
	*ncounts = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}
