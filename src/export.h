/*
 * export.h - the catalog as a mirror reads it: the sunset-feed/1 document
 * of GET /v1/export and `sunset export`.
 */
#ifndef SUNSET_EXPORT_H
#define SUNSET_EXPORT_H

#include <time.h>

struct catalog;
struct snapshot;

/*
 * Writes snap, the merged state of cat, as a sunset-feed/1 document
 * (compact, or indented when pretty) whose generated_at is the time the
 * catalog's content last changed (catalog_changed_at), which it also
 * stores in *changed_at.  Returns the text, which the caller frees, or
 * NULL with *cause set.
 */
char *export_write(struct catalog *cat, const struct snapshot *snap,
    time_t now, int pretty, time_t *changed_at, char **cause);

#endif
