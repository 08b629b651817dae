/*
 * sunsetignore.h - .sunsetignore: the models whose `sunset scan` findings
 * a project hides, each until a date or for good.
 *
 * Parsed from text, so it tests without files.
 */
#ifndef SUNSET_SUNSETIGNORE_H
#define SUNSET_SUNSETIGNORE_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "snapshot.h"

/* One .sunsetignore line: hide the record's findings until until. */
struct sunsetignore_entry {
	const struct record	*record;	/* what the id resolved to */
	char			*id;		/* as written */
	int32_t			 until;		/* DATE_NONE: for good */
	char			*reason;	/* NULL when not given */
	unsigned		 line;
};

/* The entries of one .sunsetignore. */
struct sunsetignore {
	char				*path;	/* for messages */
	struct sunsetignore_entry	*v;
	size_t				 n;
};

/*
 * Parses .sunsetignore text into models (initialised here): lines
 * "ID [until=YYYY-MM-DD] [reason=TEXT]", where TEXT runs to the end of the
 * line, and '#' comments.  ID is resolved in snap as `sunset check` would
 * (any spelling, platform prefixes).  A line that does not parse or names
 * a model the catalog does not know is an error: returns -1 with *cause
 * "NAME:LINE: what" (caller frees) and models empty; else 0.
 */
int sunsetignore_parse(struct sunsetignore *models,
    const struct snapshot *snap, const char *name, const char *text,
    size_t len, char **cause);

/* sunsetignore_parse on the file at path; -1 with *cause when it cannot
 * be read. */
int sunsetignore_read(struct sunsetignore *models,
    const struct snapshot *snap, const char *path, char **cause);

/* The entry hiding r's findings on as_of (as_of < until), or NULL. */
const struct sunsetignore_entry *sunsetignore_hides(
    const struct sunsetignore *models, const struct record *r,
    int32_t as_of);

/* Frees what models holds; it is left empty. */
void sunsetignore_clear(struct sunsetignore *models);

#endif
