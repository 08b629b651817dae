/*
 * catalog.h - the SQLite store: schema migrations and what each feed said.
 *
 * The catalog is the durable state.  Writes happen on one thread (the main
 * loop or a CLI command), each feed in one transaction; readers get a copy
 * of the statements (catalog_load) and never hold the database open while
 * answering.
 */
#ifndef SUNSET_CATALOG_H
#define SUNSET_CATALOG_H

#include <cjson/cJSON.h>
#include <time.h>

#include "record.h"
#include "usage.h"

struct catalog;

/* A feed as the catalog knows it. */
struct catalog_feed {
	const char	*name;
	const char	*format;
	const char	*url;		/* may be NULL */
	int		 priority;
	const char	*provider;	/* may be NULL */
	int		 interval_s;	/* 0: not scheduled */
};

/* A feed's row: how it is configured and what its runs came to, as the
 * daemon seeds its schedule from at start.  Times are Unix seconds, 0:
 * never; strings are NULL when unset. */
struct catalog_feed_row {
	char		*name;
	char		*format;
	char		*url;
	char		*provider;
	int		 priority;
	int		 interval_s;
	time_t		 last_attempt;
	time_t		 last_success;
	long		 http_status;	/* 0: none */
	char		*last_error;	/* NULL after a success */
	long long	 records;
	int		 failures;	/* in a row */
};

/* Where a feed document came from: kept for the next conditional GET. */
struct catalog_origin {
	const char	*etag;		/* or a checksum; may be NULL */
	const char	*last_modified;	/* may be NULL */
	long		 http_status;	/* 0 when not fetched over HTTP */
};

/* Why catalog_apply refused a document, besides a database error. */
#define CATALOG_SHRINK_RATIO	2	/* refuse fewer than 1/2 of before */

/*
 * Opens (creating when needed) the database at path, or an in-memory one
 * for ":memory:", switches it to WAL and brings the schema up to date.
 * Returns NULL with *cause set on error, including a schema newer than this
 * program knows.
 */
struct catalog *catalog_open(const char *path, char **cause);
void catalog_close(struct catalog *cat);

/* The schema version (PRAGMA user_version). */
int catalog_schema_version(struct catalog *cat);

/*
 * Replaces what feed says with records, in one transaction: statements are
 * inserted or updated, statements the feed no longer lists are kept and
 * marked unlisted, and every change goes to the history.  A document with
 * no records where the feed listed some, or with fewer than half as many,
 * is refused.  origin (may be NULL) is kept with the feed.  Returns 0, or
 * -1 with *cause set and the catalog unchanged (the caller records the
 * failure with catalog_feed_failed).
 */
int catalog_apply(struct catalog *cat, const struct catalog_feed *feed,
    const struct catalog_origin *origin, const struct recordset *records,
    time_t now, char **cause);

/* Records a successful conditional GET that found nothing new. */
int catalog_feed_unchanged(struct catalog *cat, const char *feed,
    long http_status, time_t now, char **cause);

/* Records a failed attempt: http_status (0 if none), the error and one
 * more failure in a row, in one statement. */
int catalog_feed_failed(struct catalog *cat, const char *feed,
    long http_status, const char *error, time_t now, char **cause);

/*
 * Makes the configured feeds known (creating rows, updating url, format,
 * provider, priority and interval) and marks every other feed but the
 * embedded one as no longer configured; their statements stay.
 */
int catalog_configure(struct catalog *cat, const struct catalog_feed *feeds,
    size_t n, char **cause);

/* Sets *rows to the rows of the configured feeds and the built-in
 * catalog (*n of them; free with catalog_feed_rows_free), in no particular
 * order.  Returns 0, or -1 with *cause set. */
int catalog_feeds(struct catalog *cat, struct catalog_feed_row **rows,
    size_t *n, char **cause);
void catalog_feed_rows_free(struct catalog_feed_row *rows, size_t n);

/*
 * The time the catalog's merged content last changed, as the export states
 * it.  hash names the content (a hash of the export without its time).
 * When it is the content stored last, that content's time; otherwise the
 * new content is stored with a new time: now (later than the last change
 * in any case), or, when nothing was stored before, the newest time the
 * catalog holds (its last change or sighting), so the same data read
 * afresh, like the built-in catalog, keeps one time.  A database this
 * process may not write still gets the time, unstored.  Returns 0 with
 * *changed_at set, or -1 with *cause set.
 */
int catalog_changed_at(struct catalog *cat, const char *hash, time_t now,
    time_t *changed_at, char **cause);

/* Sets *version (caller frees; NULL when none) to feed's stored ETag or
 * checksum, and *last_modified (when not NULL) likewise. */
int catalog_feed_version(struct catalog *cat, const char *feed,
    char **version, char **last_modified, char **cause);

/*
 * Appends every statement to out, ordered by provider, id and then feed
 * priority, highest first; each record's sources name its feed, and its
 * evidence (merge_weigh) and feed priority are set for the merge.
 * Returns 0 or -1 with *cause set.
 */
int catalog_load(struct catalog *cat, struct recordset *out, char **cause);


struct snapshot;

/*
 * History rows for the HTTP threads, read on a short-lived read-only
 * connection to the database at path that never shares the writer's: the
 * rows after change number since_seq, or at or after since_time (RFC 3339;
 * used when not NULL), oldest first, at most limit.  Returns a new JSON
 * array of GET /v1/changes items and sets *next to the number to ask for
 * next (the last row's, or since_seq when none), or NULL with *cause set.
 */
cJSON *catalog_read_changes(const char *path, long long since_seq,
    const char *since_time, int limit, long long *next, char **cause);

/*
 * The latest limit history rows, newest first, read as
 * catalog_read_changes reads them.  Returns a new JSON array of
 * GET /v1/changes items, or NULL with *cause set.
 */
cJSON *catalog_read_latest_changes(const char *path, int limit,
    char **cause);

/* The name and priority of the built-in catalog as a feed (see
 * sync_apply_embedded); it stays configured whatever the configuration. */
#define CATALOG_EMBEDDED_FEED		"embedded"
#define CATALOG_EMBEDDED_PRIORITY	10

/* Loads, merges and indexes the catalog.  Returns a new snapshot (one
 * reference, the caller's) or NULL with *cause set. */
struct snapshot *catalog_snapshot(struct catalog *cat, char **cause);

/*
 * Adds counts to the usage table under origin ("query", "report:NAME")
 * in one transaction: each row's count grows, its first_seen stays and
 * its last_seen moves to the latest.  Sets *fresh (when not NULL) to
 * how many (provider, id) the table had under no origin before.
 * Returns 0, or -1 with *cause set and the table unchanged.
 */
int catalog_add_usage(struct catalog *cat, const struct usage_count *v,
    size_t n, const char *origin, size_t *fresh, char **cause);

/* catalog_add_usage on a short-lived connection of its own to the
 * database at path, for the HTTP threads (POST /v1/inventory): committed
 * when it returns 0. */
int catalog_report_usage(const char *path, const struct usage_count *v,
    size_t n, const char *origin, size_t *fresh, char **cause);

/* One row of the usage table. */
struct catalog_usage_row {
	char		*provider;
	char		*id;
	char		*origin;
	char		*first_seen;	/* RFC 3339 UTC */
	char		*last_seen;
	long long	 count;
};

/*
 * The usage rows last seen at or after since, ordered by provider, id
 * and origin, read as catalog_read_changes reads (path may also be the
 * daemon's own database, from the main thread).  Sets *rows (free with
 * catalog_usage_rows_free) and *n; returns 0, or -1 with *cause set.
 */
int catalog_read_usage(const char *path, time_t since,
    struct catalog_usage_row **rows, size_t *n, char **cause);
void catalog_usage_rows_free(struct catalog_usage_row *rows, size_t n);

#endif
