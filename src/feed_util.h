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

#include "feed.h"
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

/*
 * The boolean member key of obj in *flag: dflt when it is absent or JSON
 * null.  Returns 0, or -1 when the member has another type.
 */
int feed_json_bool(const cJSON *obj, const char *key, int dflt, int *flag);

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

/*
 * One entry of a model-list API's document (feed.h, feed_format.api):
 * appends its records to out and the ids the account may call to account.
 * options is the parser's (may be NULL).  Returns 0, or -1 with *why set
 * when the entry is malformed.
 */
typedef int (*feed_api_entry_fn)(const cJSON *entry,
    const struct feed_options *options, struct feed_account *account,
    struct recordset *out, char **why);

/*
 * The id of entry m of a model-list API's document, its member key: a copy
 * without surrounding whitespace, which the caller frees.  NULL with *why
 * set when m is no object or the id no string, or empty.
 */
char *feed_api_id(const cJSON *m, const char *key, char **why);

/* Appends to out a record of provider and a copy of id, and returns it;
 * the pointer is valid until the next append. */
struct record *feed_api_record(struct recordset *out, const char *provider,
    const char *id);

/*
 * feed_json_parse for the model-list APIs: first sets *options->next (when
 * asked) to NULL, the last page, which a format with pages changes once
 * the document is accepted.
 */
cJSON *feed_api_parse(const char *buf, size_t len,
    const struct feed_options *options, char **cause);

/*
 * feed_parse_entries for the model-list APIs: the entries are the array
 * member key of doc, which must be an object ("expected an object with a
 * \"KEY\" list" otherwise).  A skipped entry gives no account ids either,
 * and the ids reach options->account (when not NULL) only when the
 * document is accepted.  Returns 0 or -1 with *cause set.
 */
int feed_api_entries(const cJSON *doc, const char *key, feed_api_entry_fn fn,
    const struct feed_options *options,
    int (*better)(const struct record *a, const struct record *b),
    struct recordset *out, char **cause);

/* feed_api_parse, then feed_api_entries: the whole parser of a model-list
 * API whose document is one list and no pages. */
int feed_api_list(const char *buf, size_t len, const char *key,
    feed_api_entry_fn fn, const struct feed_options *options,
    int (*better)(const struct record *a, const struct record *b),
    struct recordset *out, char **cause);

/*
 * Reads the member key of obj as a model-list API states a time: Unix
 * seconds as a JSON number (a fraction allowed), or a string feed_date
 * reads (an ISO 8601 date or date-time among them).  Absent or JSON null
 * gives DATE_NONE and SHUTDOWN_NONE; a date gives SHUTDOWN_FIRM, or what
 * feed_date says of a string.  Returns 0, or -1 when the member is no
 * time at all.  kind may be NULL.
 */
int feed_api_date(const cJSON *obj, const char *key, int32_t *date,
    enum shutdown_kind *kind);

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
