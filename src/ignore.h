/*
 * ignore.h - the two ignore files `sunset scan` reads.
 *
 * .gitignore rules decide which paths a scan walks (the common subset of
 * gitignore(5): comments, blank lines, '!' negation, a trailing '/' for
 * directories, a leading or inner '/' anchoring the pattern, '*', '?',
 * '[...]' and '**').  A .sunsetignore lists models whose findings to hide,
 * each until a date or for good.  Both are parsed from text, so they test
 * without files.
 */
#ifndef SUNSET_IGNORE_H
#define SUNSET_IGNORE_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "snapshot.h"

/* The rules of one .gitignore file. */
struct ignore_rules;

/* Parses .gitignore text (len bytes).  Never NULL; caller frees. */
struct ignore_rules *ignore_rules_parse(const char *text, size_t len);

/* Number of rules parsed (comments and blank lines are none). */
size_t ignore_rules_count(const struct ignore_rules *rules);

/*
 * Matches a path against the rules, last rule first, as git does.  The
 * path is relative to the .gitignore's directory, given as its nsegs
 * names (no '/' in them).  Returns 1 when the last matching rule ignores
 * the path, -1 when it is a '!' rule that takes it back, 0 when no rule
 * matches (a .gitignore further up decides).
 */
int ignore_rules_match(const struct ignore_rules *rules,
    const char *const *segs, size_t nsegs, int is_dir);

/* Frees rules; NULL is a no-op. */
void ignore_rules_free(struct ignore_rules *rules);

/* One .sunsetignore line: hide the record's findings until until. */
struct ignore_entry {
	const struct record	*record;	/* what the id resolved to */
	char			*id;		/* as written */
	int32_t			 until;		/* DATE_NONE: for good */
	char			*reason;	/* NULL when not given */
	unsigned		 line;
};

/* The entries of one .sunsetignore. */
struct ignore_models {
	char			*path;		/* for messages */
	struct ignore_entry	*v;
	size_t			 n;
};

/*
 * Parses .sunsetignore text into models (initialised here): lines
 * "ID [until=YYYY-MM-DD] [reason=TEXT]", where TEXT runs to the end of the
 * line, and '#' comments.  ID is resolved in snap as `sunset check` would
 * (any spelling, platform prefixes).  A line that does not parse or names
 * a model the catalog does not know is an error: returns -1 with *cause
 * "NAME:LINE: what" (caller frees) and models empty; else 0.
 */
int ignore_models_parse(struct ignore_models *models,
    const struct snapshot *snap, const char *name, const char *text,
    size_t len, char **cause);

/* ignore_models_parse on the file at path; -1 with *cause when it cannot
 * be read. */
int ignore_models_read(struct ignore_models *models,
    const struct snapshot *snap, const char *path, char **cause);

/* The entry hiding r's findings on as_of (as_of < until), or NULL. */
const struct ignore_entry *ignore_models_hides(
    const struct ignore_models *models, const struct record *r,
    int32_t as_of);

/* Frees what models holds; it is left empty. */
void ignore_models_clear(struct ignore_models *models);

#endif
