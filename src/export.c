/*
 * export.c - the catalog as a mirror reads it.
 *
 * The document's generated_at is not the time of writing but the time the
 * catalog's content last changed: the same catalog always gives the same
 * bytes, so the ETag and Last-Modified of GET /v1/export change only when
 * the catalog does, and a mirror polling with a conditional GET meets a
 * 304.  The content is named by a hash of the compact document stamped at
 * the epoch, whatever layout is asked for.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "export.h"
#include "feed.h"
#include "snapshot.h"
#include "util.h"

char *
export_write(struct catalog *cat, const struct snapshot *snap, time_t now,
    int pretty, time_t *changed_at, char **cause)
{
	size_t n = snapshot_count(snap);
	const struct record *v = n > 0 ? snapshot_record(snap, 0) : NULL;
	char *content, hash[17];

	content = feed_sunset_write(v, n, 0, 0);
	snprintf(hash, sizeof(hash), "%016llx",
	    (unsigned long long)hash64(content, strlen(content)));
	if (catalog_changed_at(cat, hash, now, changed_at, cause) < 0) {
		free(content);
		return NULL;
	}
	if (!pretty && feed_sunset_restamp(content, *changed_at) == 0)
		return content;
	free(content);
	return feed_sunset_write(v, n, *changed_at, pretty);
}
