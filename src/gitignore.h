/*
 * gitignore.h - .gitignore rules: which paths a scan walks.
 *
 * The common subset of gitignore(5): comments, blank lines, '!' negation,
 * a trailing '/' for directories, a leading or inner '/' anchoring the
 * pattern, '*', '?', '[...]' and '**'.  Parsed from text, so it tests
 * without files.
 */
#ifndef SUNSET_GITIGNORE_H
#define SUNSET_GITIGNORE_H

#include <stddef.h>

/* The rules of one .gitignore file. */
struct gitignore;

/* Parses .gitignore text (len bytes).  Never NULL; caller frees. */
struct gitignore *gitignore_parse(const char *text, size_t len);

/* Number of rules parsed (comments and blank lines are none). */
size_t gitignore_count(const struct gitignore *rules);

/*
 * Matches a path against the rules, last rule first, as git does.  The
 * path is relative to the .gitignore's directory, given as its nsegs
 * names (no '/' in them).  Returns 1 when the last matching rule ignores
 * the path, -1 when it is a '!' rule that takes it back, 0 when no rule
 * matches (a .gitignore further up decides).
 */
int gitignore_match(const struct gitignore *rules,
    const char *const *segs, size_t nsegs, int is_dir);

/* Frees rules; NULL is a no-op. */
void gitignore_free(struct gitignore *rules);

#endif
