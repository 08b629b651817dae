/*
 * feed_util.h - helpers the JSON feed parsers share.
 *
 * Small pure functions: reading JSON members of an expected type, reading
 * feed dates, refusing a document most of whose entries are unusable, and
 * folding the records a document states twice into one.  Provider names
 * are read with provider_slug (provider.h).
 */
#ifndef SUNSET_FEED_UTIL_H
#define SUNSET_FEED_UTIL_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/*
 * Parses len bytes of buf (need not be NUL-terminated) as one JSON value
 * followed by nothing but whitespace.  Returns the tree, which the caller
 * frees with cJSON_Delete, or NULL with *cause set.
 */
cJSON *feed_json_parse(const char *buf, size_t len, char **cause);

/*
 * The string member key of obj in *out: NULL when it is absent, JSON null
 * or empty.  Returns 0, or -1 when the member has another type.  *out
 * points into obj.
 */
int feed_json_string(const cJSON *obj, const char *key, const char **out);

/* A copy of s without surrounding whitespace, or NULL when nothing is left
 * (or s is NULL).  The caller frees it. */
char *feed_strip(const char *s);

/*
 * Reads a date as a feed writes it (date_parse_text).  NULL, empty and
 * stated non-dates ("TBD", "N/A") give DATE_NONE and SHUTDOWN_NONE; a date
 * gives SHUTDOWN_FIRM, or SHUTDOWN_EARLIEST when soft words go with it.
 * Returns 0, or -1 when s is no date at all.  kind may be NULL.
 */
int feed_date(const char *s, int32_t *date, enum shutdown_kind *kind);

/*
 * Parses one entry of a document (entry->string is its key in an object)
 * into records appended to out.  Returns 0, or -1 with *why set when the
 * entry is malformed; what it appended is then discarded.
 */
typedef int (*feed_entry_fn)(const cJSON *entry, struct recordset *out,
    char **why);

/*
 * The loop every JSON parser shares: runs fn on each entry of list (an
 * array, or an object's members; skip_key names a member that is not an
 * entry, or is NULL).  A malformed entry is skipped while most are sound,
 * so one bad entry upstream does not cost every other model its data; when
 * more than half of them are malformed the document is refused ("3 of 4
 * WHAT are malformed (first: [i] why)").  Then the records the document
 * states twice are folded (feed_dedupe, with better).  Returns 0 or -1 with
 * *cause set.
 */
int feed_parse_entries(const cJSON *list, const char *skip_key,
    feed_entry_fn fn, const char *what,
    int (*better)(const struct record *a, const struct record *b),
    struct recordset *out, char **cause);

/* Aliases feed_add_alias keeps at most; a longer list is no list of
 * spellings of one model, and the cap bounds a hostile document's cost. */
#define FEED_ALIASES_MAX 64

/* Adds alias to r unless it is r's id, r lists it already (both compared
 * without regard to ASCII case) or r has FEED_ALIASES_MAX aliases. */
void feed_add_alias(struct record *r, const char *alias);

/*
 * Folds the records set->v[start..] that share (provider, id) into one
 * each, sorting them by (provider, id).  Of a group, the record better()
 * prefers is kept (better(a, b) > 0: a is preferred to b; NULL or a tie
 * keeps the earlier record in document order); the others' aliases are
 * added to it and the others freed.
 */
void feed_dedupe(struct recordset *set, size_t start,
    int (*better)(const struct record *a, const struct record *b));

#endif
