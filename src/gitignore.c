/*
 * gitignore.c - .gitignore rules, matched as git matches them.
 *
 * A gitignore rule is kept as its '/'-separated parts, so a path is
 * matched part by part with fnmatch(3) (a part never holds a '/', which
 * gives '*', '?' and '[...]' FNM_PATHNAME's meaning) and "**" parts match
 * any number of directories.  A rule without a '/' before its end matches
 * at any depth, so it is stored as "**" followed by itself.  Rules are
 * tried last first; the first that matches decides.
 */
#include "config.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "gitignore.h"
#include "util.h"

struct rule {
	char	**parts;
	size_t	  nparts;
	int	  negate;
	int	  dir_only;
};

struct gitignore {
	struct rule	*v;
	size_t		 n;
};

/* Parses one line (len bytes, no newline) into r; 0 when it holds no
 * rule. */
static int
parse_rule(const char *line, size_t len, struct rule *r)
{
	const char *p, *end, *slash;
	int anchored;

	memset(r, 0, sizeof(*r));
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len == 0 || line[0] == '#')
		return 0;
	/* Trailing spaces go, unless a backslash quotes one. */
	while (len > 0 && line[len - 1] == ' ' &&
	    !(len >= 2 && line[len - 2] == '\\'))
		len--;
	if (len > 0 && line[0] == '!') {
		r->negate = 1;
		line++, len--;
	}
	while (len > 0 && line[len - 1] == '/') {
		r->dir_only = 1;
		len--;
	}
	if (len == 0)
		return 0;
	end = line + len;
	anchored = memchr(line, '/', len) != NULL;
	if (!anchored) {
		r->parts = xcalloc(2, sizeof(*r->parts));
		r->parts[r->nparts++] = xstrdup("**");
	}
	for (p = line; p < end; p = slash + 1) {
		if ((slash = memchr(p, '/', (size_t)(end - p))) == NULL)
			slash = end;
		if (slash == p)
			continue;	/* a leading or doubled '/' */
		r->parts = xreallocarray(r->parts, r->nparts + 1,
		    sizeof(*r->parts));
		r->parts[r->nparts++] = xstrndup(p, (size_t)(slash - p));
	}
	return r->nparts > 0;
}

struct gitignore *
gitignore_parse(const char *text, size_t len)
{
	struct gitignore *rules = xcalloc(1, sizeof(*rules));
	const char *p = text, *end = text + len, *nl;
	struct rule r;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (!parse_rule(p, (size_t)(nl - p), &r)) {
			free(r.parts);
			continue;
		}
		rules->v = xreallocarray(rules->v, rules->n + 1,
		    sizeof(*rules->v));
		rules->v[rules->n++] = r;
	}
	return rules;
}

size_t
gitignore_count(const struct gitignore *rules)
{
	return rules->n;
}

/* Matches parts against segs: each part one name, a "**" part any number
 * of names, at least one when it ends the rule (what is inside a
 * directory, not the directory itself). */
static int
match_parts(char *const *parts, size_t np, const char *const *segs,
    size_t ns)
{
	size_t k;

	while (np > 0) {
		if (strcmp(parts[0], "**") == 0) {
			if (np == 1)
				return ns > 0;
			for (k = 0; k <= ns; k++)
				if (match_parts(parts + 1, np - 1, segs + k,
				    ns - k))
					return 1;
			return 0;
		}
		if (ns == 0 || fnmatch(parts[0], segs[0], 0) != 0)
			return 0;
		parts++, np--;
		segs++, ns--;
	}
	return ns == 0;
}

int
gitignore_match(const struct gitignore *rules,
    const char *const *segs, size_t nsegs, int is_dir)
{
	const struct rule *r;
	size_t i;

	if (nsegs == 0)
		return 0;
	for (i = rules->n; i-- > 0;) {
		r = &rules->v[i];
		if (r->dir_only && !is_dir)
			continue;
		if (match_parts(r->parts, r->nparts, segs, nsegs))
			return r->negate ? -1 : 1;
	}
	return 0;
}

void
gitignore_free(struct gitignore *rules)
{
	size_t i, j;

	if (rules == NULL)
		return;
	for (i = 0; i < rules->n; i++) {
		for (j = 0; j < rules->v[i].nparts; j++)
			free(rules->v[i].parts[j]);
		free(rules->v[i].parts);
	}
	free(rules->v);
	free(rules);
}
