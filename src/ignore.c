/*
 * ignore.c - .gitignore rules and .sunsetignore entries.
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

#include "date.h"
#include "ignore.h"
#include "util.h"

#define SUNSETIGNORE_MAX (1024 * 1024)

struct rule {
	char	**parts;
	size_t	  nparts;
	int	  negate;
	int	  dir_only;
};

struct ignore_rules {
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

struct ignore_rules *
ignore_rules_parse(const char *text, size_t len)
{
	struct ignore_rules *rules = xcalloc(1, sizeof(*rules));
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
ignore_rules_count(const struct ignore_rules *rules)
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
ignore_rules_match(const struct ignore_rules *rules,
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
ignore_rules_free(struct ignore_rules *rules)
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

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Parses one .sunsetignore line into e; 0 for a comment or blank line,
 * 1 for an entry, -1 with *cause (the message without file:line). */
static int
parse_entry(const char *line, size_t len, const struct snapshot *snap,
    struct ignore_entry *e, char **cause)
{
	const char *p = line, *end = line + len, *tok;
	struct lookup lk;
	char *word;
	int32_t date;

	memset(e, 0, sizeof(*e));
	e->until = DATE_NONE;
	while (p < end && is_space(*p))
		p++;
	while (end > p && is_space(end[-1]))
		end--;
	if (p == end || *p == '#')
		return 0;
	for (tok = p; p < end && !is_space(*p); p++)
		;
	e->id = xstrndup(tok, (size_t)(p - tok));
	if (snapshot_lookup(snap, e->id, NULL, &lk) < 0 ||
	    lk.record == NULL) {
		set_cause(cause, "unknown model \"%s\"", e->id);
		return -1;
	}
	e->record = lk.record;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p == end || *p == '#')
			return 1;
		if (end - p >= 7 && strncmp(p, "reason=", 7) == 0) {
			e->reason = xstrndup(p + 7, (size_t)(end - p - 7));
			return 1;
		}
		for (tok = p; p < end && !is_space(*p); p++)
			;
		word = xstrndup(tok, (size_t)(p - tok));
		if (strncmp(word, "until=", 6) == 0 && e->until == DATE_NONE &&
		    date_parse_iso(word + 6, &date) == 0) {
			e->until = date;
			free(word);
			continue;
		}
		if (strncmp(word, "until=", 6) == 0)
			set_cause(cause, e->until == DATE_NONE ?
			    "until= wants a date YYYY-MM-DD, not \"%s\"" :
			    "until= given twice (\"%s\")", word + 6);
		else
			set_cause(cause, "unexpected \"%s\": want ID "
			    "[until=YYYY-MM-DD] [reason=TEXT]", word);
		free(word);
		return -1;
	}
}

static void
entry_clear(struct ignore_entry *e)
{
	free(e->id);
	free(e->reason);
}

int
ignore_models_parse(struct ignore_models *models,
    const struct snapshot *snap, const char *name, const char *text,
    size_t len, char **cause)
{
	const char *p = text, *end = text + len, *nl;
	struct ignore_entry e;
	unsigned line = 0;
	int rc;

	memset(models, 0, sizeof(*models));
	models->path = xstrdup(name);
	for (; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		rc = parse_entry(p, (size_t)(nl - p), snap, &e, cause);
		if (rc < 0) {
			set_cause(cause, "%s:%u: %s", name, line, *cause);
			entry_clear(&e);
			ignore_models_clear(models);
			return -1;
		}
		if (rc == 0)
			continue;
		e.line = line;
		models->v = xreallocarray(models->v, models->n + 1,
		    sizeof(*models->v));
		models->v[models->n++] = e;
	}
	return 0;
}

int
ignore_models_read(struct ignore_models *models,
    const struct snapshot *snap, const char *path, char **cause)
{
	char *text;
	size_t len;
	int rc;

	memset(models, 0, sizeof(*models));
	if ((text = read_file(path, SUNSETIGNORE_MAX, &len, cause)) == NULL)
		return -1;
	rc = ignore_models_parse(models, snap, path, text, len, cause);
	free(text);
	return rc;
}

const struct ignore_entry *
ignore_models_hides(const struct ignore_models *models,
    const struct record *r, int32_t as_of)
{
	size_t i;

	for (i = 0; i < models->n; i++)
		if (models->v[i].record == r && (models->v[i].until ==
		    DATE_NONE || as_of < models->v[i].until))
			return &models->v[i];
	return NULL;
}

void
ignore_models_clear(struct ignore_models *models)
{
	size_t i;

	for (i = 0; i < models->n; i++)
		entry_clear(&models->v[i]);
	free(models->v);
	free(models->path);
	memset(models, 0, sizeof(*models));
}
