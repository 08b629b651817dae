/*
 * snapshot.h - the immutable in-memory catalog the hot path answers from.
 *
 * A snapshot holds the merged records and a sorted index of their keys
 * (ids and aliases, folded).  It never changes after snapshot_new(); a new
 * catalog state is a new snapshot, published with one pointer swap.
 * Readers take a reference and drop it when their answer is rendered, so
 * an old snapshot lives exactly as long as someone reads it.  What
 * readers derive from it may hang on it (snapshot_attachment) and goes
 * with it.
 */
#ifndef SUNSET_SNAPSHOT_H
#define SUNSET_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "record.h"

struct snapshot;

enum match_how {
	MATCH_NONE = 0,
	MATCH_EXACT,
	MATCH_ALIAS,
	MATCH_NORMALIZED,
	MATCH_FAMILY,
	MATCH_FINE_TUNE		/* an ft: id answered by its base model */
};

struct lookup {
	const struct record	*record;	/* NULL: unknown */
	enum match_how		 how;
	/* The same model on other platforms, best first. */
	const struct record	*others[16];
	size_t			 nothers;
};

/* Builds a snapshot from merged records, taking them over (records is left
 * empty).  The snapshot starts with one reference. */
struct snapshot *snapshot_new(struct recordset *records);
/* Takes and drops references; the last drop frees.  Thread-safe. */
struct snapshot *snapshot_ref(struct snapshot *snap);
void snapshot_unref(struct snapshot *snap);

size_t snapshot_count(const struct snapshot *snap);
/* Records in provider, id order; they are contiguous, so
 * snapshot_record(snap, 0) is an array of snapshot_count(snap). */
const struct record *snapshot_record(const struct snapshot *snap, size_t i);

/*
 * Finds the record a query names: exactly, by alias, normalised, or by
 * family (match.h).  provider, when not NULL or empty, restricts the
 * answer to that platform; otherwise a bare id gets the maker's record, a
 * platform's only when the maker has none, a reseller's only when nothing
 * else matches.  Returns 0 and fills *out
 * (out->record NULL when unknown), or -1 when the query is not a possible
 * id (empty or too long).
 */
int snapshot_lookup(const struct snapshot *snap, const char *query,
    const char *provider, struct lookup *out);

/* The catalog as a mirror reads it (GET /v1/export), written once per
 * snapshot: the text, its hash64, its gzip form (NULL when none), and the
 * time the catalog's content last changed, which the text states as its
 * generated_at. */
struct snapshot_export {
	const char	*text;
	size_t		 len;
	uint64_t	 hash;
	const char	*gz;
	size_t		 gzlen;
	time_t		 changed_at;
};

/* Gives snap its export document and its gzip form (taking over text and
 * gz, which may be NULL), before it is published: a published snapshot
 * never changes. */
void snapshot_set_export(struct snapshot *snap, char *text, char *gz,
    size_t gzlen, time_t changed_at);
/* snap's export document, or NULL when it was given none. */
const struct snapshot_export *snapshot_export(const struct snapshot *snap);

/* The record with exactly this provider and id (case-insensitive), or
 * NULL. */
const struct record *snapshot_find(const struct snapshot *snap,
    const char *provider, const char *id);

/*
 * Something derived from snap and kept as long as it lives, such as a
 * cache of answers rendered from it: the first call makes it with make()
 * and later calls return the same pointer; destroy(data) runs when the
 * snapshot is freed.  All callers must pass the same make and destroy.
 * Thread-safe: when two threads race, one's data wins and the other's is
 * destroyed at once.
 */
void *snapshot_attachment(struct snapshot *snap, void *(*make)(void),
    void (*destroy)(void *));

/* The published snapshot, referenced (caller unrefs), or NULL before the
 * first publish. */
struct snapshot *snapshot_current(void);
/* Publishes snap (taking over the caller's reference) and drops the old. */
void snapshot_publish(struct snapshot *snap);

#endif
