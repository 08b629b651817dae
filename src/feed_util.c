/*
 * feed_util.c - helpers the feed parsers share: JSON members, dates, and
 * folding duplicate records.
 *
 * Invariant: every function here is pure (no clock, no I/O) and never
 * fails on hostile input; the parsers decide what a failure means.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "util.h"

cJSON *
feed_json_parse(const char *buf, size_t len, char **cause)
{
	const char *end = NULL;
	cJSON *doc;

	if ((doc = cJSON_ParseWithLengthOpts(buf, len, &end, 0)) == NULL) {
		set_cause(cause, "not valid JSON");
		return NULL;
	}
	/* cJSON stops after the first value; anything but blanks after it
	 * means the document is not the JSON it claims to be. */
	while (end != NULL && end < buf + len &&
	    (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r' ||
	    *end == '\0'))
		end++;
	if (end == NULL || end < buf + len) {
		cJSON_Delete(doc);
		set_cause(cause, "not valid JSON (text after the document)");
		return NULL;
	}
	return doc;
}

int
feed_json_string(const cJSON *obj, const char *key, const char **out)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (item == NULL || cJSON_IsNull(item))
		return 0;
	if (!cJSON_IsString(item) || item->valuestring == NULL)
		return -1;
	if (*item->valuestring != '\0')
		*out = item->valuestring;
	return 0;
}

char *
feed_strip(const char *s)
{
	const char *e;

	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e > s ? xstrndup(s, (size_t)(e - s)) : NULL;
}

int
feed_date(const char *s, int32_t *date, enum shutdown_kind *kind)
{
	int earliest = 0, rc;

	*date = DATE_NONE;
	if (kind != NULL)
		*kind = SHUTDOWN_NONE;
	if (s == NULL)
		return 0;
	rc = date_parse_text(s, strlen(s), date, &earliest);
	if (rc < 0) {
		*date = DATE_NONE;
		return -1;
	}
	if (rc > 0 || *date == DATE_NONE) {
		*date = DATE_NONE;
		return 0;
	}
	if (kind != NULL)
		*kind = earliest ? SHUTDOWN_EARLIEST : SHUTDOWN_FIRM;
	return 0;
}

int
feed_parse_entries(const cJSON *list, const char *skip_key, feed_entry_fn fn,
    const char *what,
    int (*better)(const struct record *a, const struct record *b),
    struct recordset *out, char **cause)
{
	const cJSON *e;
	char *why = NULL, *first = NULL;
	size_t start = out->n, total = 0, skipped = 0, before;
	int rc = 0;

	cJSON_ArrayForEach(e, list) {
		if (skip_key != NULL && e->string != NULL &&
		    strcmp(e->string, skip_key) == 0)
			continue;
		total++;
		before = out->n;
		if (fn(e, out, &why) == 0)
			continue;
		while (out->n > before)
			record_clear(&out->v[--out->n]);
		if (first == NULL)
			first = xasprintf("[%zu] %s", total - 1,
			    why != NULL ? why : "?");
		skipped++;
	}
	if (skipped > 0 && skipped > total / 2) {
		set_cause(cause, "%zu of %zu %s are malformed (first: %s)",
		    skipped, total, what, first);
		rc = -1;
	} else
		feed_dedupe(out, start, better);
	free(first);
	free(why);
	return rc;
}

void
feed_add_alias(struct record *r, const char *alias)
{
	size_t i;

	if (alias == NULL || *alias == '\0' ||
	    (r->id != NULL && strcasecmp(r->id, alias) == 0))
		return;
	if (r->naliases >= FEED_ALIASES_MAX)
		return;
	for (i = 0; i < r->naliases; i++)
		if (strcasecmp(r->aliases[i], alias) == 0)
			return;
	record_add_alias(r, alias);
}

struct slot {
	struct record	r;
	size_t		order;
};

static int
slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	int c;

	if ((c = strcmp(x->r.provider ? x->r.provider : "",
	    y->r.provider ? y->r.provider : "")) != 0)
		return c;
	if ((c = strcmp(x->r.id ? x->r.id : "", y->r.id ? y->r.id : "")) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
same_key(const struct record *a, const struct record *b)
{
	return strcmp(a->provider ? a->provider : "",
	    b->provider ? b->provider : "") == 0 &&
	    strcmp(a->id ? a->id : "", b->id ? b->id : "") == 0;
}

void
feed_dedupe(struct recordset *set, size_t start,
    int (*better)(const struct record *a, const struct record *b))
{
	struct slot *v;
	size_t n, i, j, k, g, best, kept = 0;

	if (start >= set->n || (n = set->n - start) < 2)
		return;
	/* Sort copies that remember document order, so the pick is stable
	 * whatever qsort does with equal keys. */
	v = xreallocarray(NULL, n, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].r = set->v[start + i];
		v[i].order = i;
	}
	qsort(v, n, sizeof(*v), slot_cmp);
	for (i = 0; i < n; i = g) {
		best = i;
		for (g = i + 1; g < n && same_key(&v[g].r, &v[i].r); g++)
			if (better != NULL && better(&v[g].r, &v[best].r) > 0)
				best = g;
		for (j = i; j < g; j++) {
			if (j == best)
				continue;
			for (k = 0; k < v[j].r.naliases; k++)
				feed_add_alias(&v[best].r, v[j].r.aliases[k]);
			record_clear(&v[j].r);
		}
		set->v[start + kept++] = v[best].r;
	}
	set->n = start + kept;
	free(v);
}
