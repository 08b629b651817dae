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

int
feed_json_bool(const cJSON *obj, const char *key, int dflt, int *flag)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	*flag = dflt;
	if (item == NULL || cJSON_IsNull(item))
		return 0;
	if (!cJSON_IsBool(item))
		return -1;
	*flag = cJSON_IsTrue(item);
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

/* How the entries of a document are read: by a feed's entry function, or
 * by a model-list API's, with the account ids of the sound entries. */
struct entries {
	feed_entry_fn		 fn;
	feed_api_entry_fn	 api_fn;
	const struct feed_options *options;
	struct feed_account	 account;
};

static int
entry_parse(const cJSON *e, struct entries *x, struct recordset *out,
    char **why)
{
	size_t before;

	if (x->fn != NULL)
		return x->fn(e, out, why);
	before = x->account.n;
	if (x->api_fn(e, x->options, &x->account, out, why) == 0)
		return 0;
	/* A malformed entry says nothing, of the account either. */
	while (x->account.n > before)
		free(x->account.ids[--x->account.n]);
	return -1;
}

static int
entries_parse(const cJSON *list, const char *skip_key, struct entries *x,
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
		if (entry_parse(e, x, out, &why) == 0)
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

int
feed_parse_entries(const cJSON *list, const char *skip_key, feed_entry_fn fn,
    const char *what,
    int (*better)(const struct record *a, const struct record *b),
    struct recordset *out, char **cause)
{
	struct entries x = { fn, NULL, NULL, { NULL, 0, 0 } };

	return entries_parse(list, skip_key, &x, what, better, out, cause);
}

char *
feed_api_id(const cJSON *m, const char *key, char **why)
{
	const char *s;
	char *id;

	if (!cJSON_IsObject(m)) {
		set_cause(why, "not an object");
		return NULL;
	}
	if (feed_json_string(m, key, &s) < 0 || (id = feed_strip(s)) == NULL) {
		set_cause(why, "no %s, or it is not a string", key);
		return NULL;
	}
	return id;
}

struct record *
feed_api_record(struct recordset *out, const char *provider, const char *id)
{
	struct record *r = recordset_add(out);

	r->provider = xstrdup(provider);
	r->id = xstrdup(id);
	return r;
}

cJSON *
feed_api_parse(const char *buf, size_t len,
    const struct feed_options *options, char **cause)
{
	if (options != NULL && options->next != NULL)
		*options->next = NULL;
	return feed_json_parse(buf, len, cause);
}

int
feed_api_entries(const cJSON *doc, const char *key, feed_api_entry_fn fn,
    const struct feed_options *options,
    int (*better)(const struct record *a, const struct record *b),
    struct recordset *out, char **cause)
{
	struct entries x = { NULL, fn, options, { NULL, 0, 0 } };
	const cJSON *list;
	size_t i;
	int rc;

	list = cJSON_IsObject(doc) ?
	    cJSON_GetObjectItemCaseSensitive(doc, key) : NULL;
	if (!cJSON_IsArray(list)) {
		set_cause(cause, "expected an object with a \"%s\" list", key);
		return -1;
	}
	rc = entries_parse(list, NULL, &x, "models", better, out, cause);
	if (rc == 0 && options != NULL && options->account != NULL)
		for (i = 0; i < x.account.n; i++)
			feed_account_add(options->account, x.account.ids[i]);
	feed_account_clear(&x.account);
	return rc;
}

int
feed_api_list(const char *buf, size_t len, const char *key,
    feed_api_entry_fn fn, const struct feed_options *options,
    int (*better)(const struct record *a, const struct record *b),
    struct recordset *out, char **cause)
{
	cJSON *doc;
	int rc;

	if ((doc = feed_api_parse(buf, len, options, cause)) == NULL)
		return -1;
	rc = feed_api_entries(doc, key, fn, options, better, out, cause);
	cJSON_Delete(doc);
	return rc;
}

int
feed_api_date(const cJSON *obj, const char *key, int32_t *date,
    enum shutdown_kind *kind)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	double t;

	*date = DATE_NONE;
	if (kind != NULL)
		*kind = SHUTDOWN_NONE;
	if (item == NULL || cJSON_IsNull(item))
		return 0;
	if (cJSON_IsString(item) && item->valuestring != NULL)
		return feed_date(item->valuestring, date, kind);
	if (!cJSON_IsNumber(item))
		return -1;
	/* Seconds from 1970 to the end of year 9999: milliseconds, or any
	 * other count, would be a wrong date read as a right one. */
	t = item->valuedouble;
	if (!(t >= 0 && t < 253402300800.0))
		return -1;
	*date = date_from_time((time_t)t);
	if (kind != NULL)
		*kind = SHUTDOWN_FIRM;
	return 0;
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
