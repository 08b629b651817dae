/*
 * sunsetignore.c - .sunsetignore entries: which models' findings to hide.
 *
 * Each entry's id is resolved once, at parse time, the way `sunset check`
 * resolves it, so an entry hides exactly the record a finding carries.  A
 * file is taken whole or not at all: any bad line is an error and nothing
 * of the file is kept.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "sunsetignore.h"
#include "util.h"

#define SUNSETIGNORE_MAX (1024 * 1024)

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Parses one .sunsetignore line into e; 0 for a comment or blank line,
 * 1 for an entry, -1 with *cause (the message without file:line). */
static int
parse_entry(const char *line, size_t len, const struct snapshot *snap,
    struct sunsetignore_entry *e, char **cause)
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
entry_clear(struct sunsetignore_entry *e)
{
	free(e->id);
	free(e->reason);
}

int
sunsetignore_parse(struct sunsetignore *models,
    const struct snapshot *snap, const char *name, const char *text,
    size_t len, char **cause)
{
	const char *p = text, *end = text + len, *nl;
	struct sunsetignore_entry e;
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
			sunsetignore_clear(models);
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
sunsetignore_read(struct sunsetignore *models,
    const struct snapshot *snap, const char *path, char **cause)
{
	char *text;
	size_t len;
	int rc;

	memset(models, 0, sizeof(*models));
	if ((text = read_file(path, SUNSETIGNORE_MAX, &len, cause)) == NULL)
		return -1;
	rc = sunsetignore_parse(models, snap, path, text, len, cause);
	free(text);
	return rc;
}

const struct sunsetignore_entry *
sunsetignore_hides(const struct sunsetignore *models,
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
sunsetignore_clear(struct sunsetignore *models)
{
	size_t i;

	for (i = 0; i < models->n; i++)
		entry_clear(&models->v[i]);
	free(models->v);
	free(models->path);
	memset(models, 0, sizeof(*models));
}
