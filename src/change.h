/*
 * change.h - the change history's kinds in words.
 *
 * A history row (sql/002-sync.sql) names its kind with the column that
 * changed: added, dropped, relisted, status, announced_on, shutdown_on,
 * replacements.  The change feeds (GET /v1/changes.atom and .json) and
 * the alerts say what a row means with the same words, from here.
 */
#ifndef SUNSET_CHANGE_H
#define SUNSET_CHANGE_H

#include "buf.h"

/*
 * Appends to b what a history row of kind change says, in words: "added:
 * first listed by feed F", "shutdown date moved from OLD to NEW",
 * "replacement changed from A to B"...  feed, old and new may be NULL
 * (old and new are the row's texts: dates, or replacements as JSON).
 */
void change_describe(struct buf *b, const char *change, const char *feed,
    const char *old, const char *new);

/* Appends the ids a replacements JSON text names, "a, b", or "none". */
void change_replacements(struct buf *b, const char *json);

#endif
