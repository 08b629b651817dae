/*
 * feed_util.h - helpers the JSON feed parsers share.
 *
 * Small pure functions: reading JSON members of an expected type, reading
 * feed dates, refusing a document most of whose entries are unusable, and
 * folding the records a document states twice into one.  The provider slug
 * table, feed_provider_slug, is declared in feed.h.
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
 * Refuses a document whose entries are mostly unusable: when more than
 * half of total entries were skipped as malformed, sets *cause ("3 of 4
 * WHAT are malformed (first: FIRST)"; first may be NULL) and returns -1;
 * otherwise returns 0.
 */
int feed_check_skipped(size_t total, size_t skipped, const char *what,
    const char *first, char **cause);
/* Remembers in *first (when still NULL) why entry index was skipped, as
 * "[index] why"; the caller frees *first. */
void feed_note_skip(char **first, size_t index, const char *why);

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
