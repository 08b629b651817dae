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

#include <time.h>

#include "record.h"

struct catalog;

/* A feed as the catalog knows it. */
struct catalog_feed {
	const char	*name;
	const char	*format;
	const char	*url;		/* may be NULL */
	int		 priority;
};

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
 * marked unlisted.  version is an opaque tag kept with the feed (the
 * embedded catalog's checksum; later an ETag).  Returns 0, or -1 with
 * *cause set and the catalog unchanged.
 */
int catalog_apply(struct catalog *cat, const struct catalog_feed *feed,
    const struct recordset *records, const char *version, time_t now,
    char **cause);

/* Sets *version (caller frees; NULL when none) to feed's stored tag. */
int catalog_feed_version(struct catalog *cat, const char *feed,
    char **version, char **cause);

/*
 * Appends every statement to out, ordered by provider, id and then feed
 * priority, highest first; each record's sources name its feed.  Returns 0
 * or -1 with *cause set.
 */
int catalog_load(struct catalog *cat, struct recordset *out, char **cause);


struct snapshot;

/* The name and priority of the built-in catalog as a feed. */
#define CATALOG_EMBEDDED_FEED		"embedded"
#define CATALOG_EMBEDDED_PRIORITY	10

/*
 * Applies the built-in catalog as the lowest-priority feed, unless the
 * database already holds this very version of it.  Returns 1 when applied,
 * 0 when already current, -1 with *cause set on error.
 */
int catalog_apply_embedded(struct catalog *cat, time_t now, char **cause);

/* Loads, merges and indexes the catalog.  Returns a new snapshot (one
 * reference, the caller's) or NULL with *cause set. */
struct snapshot *catalog_snapshot(struct catalog *cat, char **cause);

#endif
