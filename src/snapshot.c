/*
 * snapshot.c - immutable catalog snapshots and the one published pointer.
 *
 * Invariant: nothing reachable from a published snapshot is ever written,
 * but for the one attachment readers may hang on it, set once.
 * The index is an array of (folded key, record) pairs sorted by key, so a
 * lookup is a binary search and an equal range, with no allocation.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "match.h"
#include "provider.h"
#include "snapshot.h"
#include "util.h"

/* How a key reaches its record, best first. */
enum entry_kind {
	ENTRY_ID,
	ENTRY_ALIAS,
	ENTRY_VARIANT,	/* the id without its platform version suffix */
	ENTRY_DATED	/* a dated id under its family's plain name */
};

struct entry {
	const char	*key;		/* folded id, alias or variant */
	size_t		 record;
	enum entry_kind	 kind;
	int		 owned;		/* key is a copy, not the record's */
};

/* What readers derived from a snapshot (snapshot_attachment). */
struct attachment {
	void	*data;
	void	(*destroy)(void *);
};

struct snapshot {
	atomic_int	 refs;
	_Atomic(struct attachment *) attachment;
	struct recordset records;
	unsigned char	*kinds;		/* enum provider_kind per record */
	struct entry	*index;
	size_t		 nindex;
	struct snapshot_export export;	/* text NULL: none */
};

static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *current;

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return x->record < y->record ? -1 : x->record > y->record;
}

static void
add_entry(struct snapshot *snap, size_t *cap, const char *id, size_t record,
    enum entry_kind kind)
{
	if (snap->nindex == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		snap->index = xreallocarray(snap->index, *cap,
		    sizeof(*snap->index));
	}
	/* Most ids are lower-case already: point at the record's string. */
	if (strpbrk(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL &&
	    kind != ENTRY_VARIANT && kind != ENTRY_DATED) {
		snap->index[snap->nindex].key = id;
		snap->index[snap->nindex].owned = 0;
	} else {
		snap->index[snap->nindex].key = str_lower(xstrdup(id));
		snap->index[snap->nindex].owned = 1;
	}
	snap->index[snap->nindex].record = record;
	snap->index[snap->nindex].kind = kind;
	snap->nindex++;
}

static int
record_cmp(const void *a, const void *b)
{
	const struct record *x = a, *y = b;
	int c = strcmp(x->provider, y->provider);

	return c != 0 ? c : strcmp(x->id, y->id);
}

struct snapshot *
snapshot_new(struct recordset *records)
{
	struct snapshot *snap = xcalloc(1, sizeof(*snap));
	char variant[MATCH_ID_MAX];
	size_t i, j, cap = 0;

	atomic_init(&snap->refs, 1);
	atomic_init(&snap->attachment, NULL);
	snap->records = *records;
	memset(records, 0, sizeof(*records));
	if (snap->records.n > 0)
		qsort(snap->records.v, snap->records.n,
		    sizeof(*snap->records.v), record_cmp);
	snap->kinds = xcalloc(snap->records.n + 1, 1);
	for (i = 0; i < snap->records.n; i++) {
		const struct record *r = &snap->records.v[i];

		snap->kinds[i] = (unsigned char)provider_kind(r->provider);
		add_entry(snap, &cap, r->id, i, ENTRY_ID);
		for (j = 0; j < r->naliases; j++)
			add_entry(snap, &cap, r->aliases[j], i, ENTRY_ALIAS);
		if (match_strip_version(r->id, variant, sizeof(variant)) == 0)
			add_entry(snap, &cap, variant, i, ENTRY_VARIANT);
		/* "azure/o1" where Azure lists only o1-2024-12-17. */
		if (match_family(r->id, variant, sizeof(variant)) == 0)
			add_entry(snap, &cap, variant, i, ENTRY_DATED);
	}
	if (snap->nindex > 0)
		qsort(snap->index, snap->nindex, sizeof(*snap->index),
		    entry_cmp);
	return snap;
}

struct snapshot *
snapshot_ref(struct snapshot *snap)
{
	atomic_fetch_add(&snap->refs, 1);
	return snap;
}

void *
snapshot_attachment(struct snapshot *snap, void *(*make)(void),
    void (*destroy)(void *))
{
	struct attachment *a = atomic_load(&snap->attachment), *expected;

	if (a != NULL)
		return a->data;
	a = xmalloc(sizeof(*a));
	a->data = make();
	a->destroy = destroy;
	expected = NULL;
	if (atomic_compare_exchange_strong(&snap->attachment, &expected, a))
		return a->data;
	destroy(a->data);
	free(a);
	return expected->data;
}

void
snapshot_unref(struct snapshot *snap)
{
	struct attachment *a;
	size_t i;

	if (snap == NULL || atomic_fetch_sub(&snap->refs, 1) != 1)
		return;
	if ((a = atomic_load(&snap->attachment)) != NULL) {
		a->destroy(a->data);
		free(a);
	}
	for (i = 0; i < snap->nindex; i++)
		if (snap->index[i].owned)
			free((char *)snap->index[i].key);
	free(snap->index);
	free(snap->kinds);
	free((char *)snap->export.text);
	free((char *)snap->export.gz);
	recordset_clear(&snap->records);
	free(snap);
}

void
snapshot_set_export(struct snapshot *snap, char *text, char *gz,
    size_t gzlen, time_t changed_at)
{
	free((char *)snap->export.text);
	free((char *)snap->export.gz);
	snap->export.text = text;
	snap->export.len = strlen(text);
	snap->export.hash = hash64(text, snap->export.len);
	snap->export.gz = gz;
	snap->export.gzlen = gz != NULL ? gzlen : 0;
	snap->export.changed_at = changed_at;
}

const struct snapshot_export *
snapshot_export(const struct snapshot *snap)
{
	return snap->export.text != NULL ? &snap->export : NULL;
}

size_t
snapshot_count(const struct snapshot *snap)
{
	return snap->records.n;
}

const struct record *
snapshot_record(const struct snapshot *snap, size_t i)
{
	return &snap->records.v[i];
}

/* First index entry with key, and the number of them. */
static size_t
equal_range(const struct snapshot *snap, const char *key, size_t *count)
{
	size_t lo = 0, hi = snap->nindex, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(snap->index[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < snap->nindex &&
	    strcmp(snap->index[end].key, key) == 0; end++)
		;
	*count = end - lo;
	return lo;
}

const struct record *
snapshot_find(const struct snapshot *snap, const char *provider,
    const char *id)
{
	char key[MATCH_ID_MAX];
	const struct entry *e;
	size_t first, n, i;

	if (match_fold(id, key, sizeof(key)) < 0)
		return NULL;
	first = equal_range(snap, key, &n);
	for (i = 0; i < n; i++) {
		e = &snap->index[first + i];
		if (e->kind == ENTRY_ID && strcmp(
		    snap->records.v[e->record].provider,
		    provider) == 0)
			return &snap->records.v[e->record];
	}
	return NULL;
}

/* Who makes the model a query names, worked out when first needed: most
 * keys have one candidate, and then nobody asks. */
struct maker {
	const char	*id;
	const char	*slug;		/* NULL: not known */
	int		 done;
};

static const char *
maker_of(struct maker *m)
{
	if (!m->done) {
		m->slug = provider_maker_of(m->id);
		m->done = 1;
	}
	return m->slug;
}

/*
 * Rank of a candidate (lower is better), design section 4 rule 3: the
 * maker's own record, then platforms' (a maker serving another maker's
 * model is a platform for it), then resellers'; when the maker is not
 * known, makers and platforms as they come.  Within a tier, ids before
 * aliases before variants.
 */
static int
rank(const struct snapshot *snap, const struct entry *e, struct maker *mk)
{
	const struct record *r = &snap->records.v[e->record];
	const char *maker;
	int tier;

	switch (snap->kinds[e->record]) {
	case PROVIDER_MAKER:
		maker = maker_of(mk);
		tier = maker == NULL || strcmp(r->provider, maker) == 0 ? 0 : 1;
		break;
	case PROVIDER_PLATFORM:
		tier = 1;
		break;
	default:
		tier = 2;
	}
	return tier * 8 + (int)e->kind;
}

/* 1 when e and best are both dated ids under one plain name and e stops
 * first: a deployment may be any of the versions, so the answer is the
 * one that stops soonest. */
static int
sooner(const struct snapshot *snap, const struct entry *e,
    const struct entry *best)
{
	int32_t a = snap->records.v[e->record].shutdown_on;
	int32_t b = snap->records.v[best->record].shutdown_on;

	if (e->kind != ENTRY_DATED || best->kind != ENTRY_DATED)
		return 0;
	return a != DATE_NONE && (b == DATE_NONE || a < b);
}

/* 1 when the best candidate is a reseller's, which answers a bare id
 * only when nothing else matches. */
static int
resold(const struct snapshot *snap, const struct lookup *l)
{
	return snap->kinds[l->record - snap->records.v] == PROVIDER_RESELLER;
}

/* Adds the records of index[first..first+n) served by other providers
 * than out->record's to out->others, once each. */
static void
add_others(const struct snapshot *snap, size_t first, size_t n,
    struct lookup *out)
{
	const struct record *r;
	size_t i, j;

	for (i = 0; i < n && out->nothers < NELEM(out->others); i++) {
		r = &snap->records.v[snap->index[first + i].record];
		if (strcmp(r->provider, out->record->provider) == 0)
			continue;
		for (j = 0; j < out->nothers; j++)
			if (out->others[j] == r)
				break;
		if (j == out->nothers)
			out->others[out->nothers++] = r;
	}
}

/* Looks key up; fills out with the best record and the others.  Returns 1
 * when something matched. */
static int
find_key(const struct snapshot *snap, const char *key, const char *provider,
    struct maker *maker, struct lookup *out)
{
	const struct entry *e, *best = NULL;
	const struct record *r;
	char folded[MATCH_ID_MAX];
	size_t first, n, i;

	first = equal_range(snap, key, &n);
	for (i = 0; i < n; i++) {
		e = &snap->index[first + i];
		r = &snap->records.v[e->record];
		if (provider != NULL && *provider != '\0' &&
		    strcmp(r->provider, provider) != 0)
			continue;
		if (best == NULL ||
		    rank(snap, e, maker) < rank(snap, best, maker) ||
		    (rank(snap, e, maker) == rank(snap, best, maker) &&
		    sooner(snap, e, best)))
			best = e;
	}
	if (best == NULL)
		return 0;
	out->record = &snap->records.v[best->record];
	out->how = best->kind == ENTRY_ID ? MATCH_EXACT :
	    best->kind == ENTRY_ALIAS ? MATCH_ALIAS :
	    best->kind == ENTRY_DATED ? MATCH_FAMILY : MATCH_NORMALIZED;
	out->nothers = 0;
	add_others(snap, first, n, out);
	/* The same id on other platforms, when an alias led here. */
	if (match_fold(out->record->id, folded, sizeof(folded)) == 0) {
		first = equal_range(snap, folded, &n);
		add_others(snap, first, n, out);
	}
	return 1;
}

/* 1 when r names id among its replacements: a family or version match
 * that would tell the caller to migrate to what it already uses. */
static int
replaced_by(const struct record *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nreplacements; i++)
		if (strcasecmp(r->replacements[i].id, id) == 0)
			return 1;
	return 0;
}

/*
 * Tries the spellings of id one after another: as written, without a
 * Bedrock region profile, without a version suffix, as a dated snapshot of
 * a family.  The first that matches answers, except that a reseller's
 * record answers a bare id only when no spelling finds another's.
 */
static void
find_spellings(const struct snapshot *snap, const char *query,
    const char *want, struct maker *maker, struct lookup *out)
{
	char family[MATCH_ID_MAX], region[MATCH_ID_MAX], bare[MATCH_ID_MAX];
	struct lookup fallback;
	const char *id = query, *try;
	enum match_how how;
	int step, bare_query = want == NULL || *want == '\0';

	fallback.record = NULL;
	/* Each spelling is worked out only when the ones before it miss. */
	for (step = 0; step < 4; step++) {
		switch (step) {
		case 0:
			try = id;
			how = MATCH_EXACT;
			break;
		case 1:
			if (match_strip_region(id, region, sizeof(region)) < 0)
				continue;
			try = id = region;
			how = MATCH_NORMALIZED;
			break;
		case 2:
			if (match_strip_version(id, bare, sizeof(bare)) < 0)
				continue;
			try = id = bare;
			how = MATCH_NORMALIZED;
			break;
		default:
			if (match_family(id, family, sizeof(family)) < 0)
				continue;
			try = family;
			how = MATCH_FAMILY;
		}
		if (!find_key(snap, try, want, maker, out))
			continue;
		if (how != MATCH_EXACT)
			out->how = how;
		if (out->how == MATCH_FAMILY && replaced_by(out->record, query))
			continue;
		if (!bare_query || !resold(snap, out))
			return;
		if (fallback.record == NULL)
			fallback = *out;
	}
	if (fallback.record != NULL)
		*out = fallback;
	else
		out->record = NULL;
}

int
snapshot_lookup(const struct snapshot *snap, const char *query,
    const char *provider, struct lookup *out)
{
	struct match_key key;
	char whole[MATCH_ID_MAX];
	struct maker maker;
	const char *want;

	memset(out, 0, sizeof(*out));
	if (match_key(query, &key) < 0)
		return -1;
	want = provider != NULL && *provider != '\0' ? provider : key.provider;
	maker.id = key.id;
	maker.done = 0;
	find_spellings(snap, key.id, want, &maker, out);
	/* A first path part that named a provider may be part of the id
	 * after all ("meta-llama/llama-3.3-70b-instruct", OpenRouter's
	 * "google/gemini-2.0-flash-001"), under the provider asked for. */
	if (out->record == NULL && key.provider[0] != '\0' &&
	    match_fold(key.raw, whole, sizeof(whole)) == 0)
		find_spellings(snap, whole, provider, &maker, out);
	if (out->record == NULL)
		return 0;
	if (key.fine_tune)
		out->how = MATCH_FINE_TUNE;
	else if (out->how == MATCH_EXACT &&
	    strcmp(key.raw, out->record->id) != 0)
		out->how = MATCH_NORMALIZED;
	return 0;
}

struct snapshot *
snapshot_current(void)
{
	struct snapshot *snap;

	pthread_mutex_lock(&current_lock);
	snap = current != NULL ? snapshot_ref(current) : NULL;
	pthread_mutex_unlock(&current_lock);
	return snap;
}

void
snapshot_publish(struct snapshot *snap)
{
	struct snapshot *old;

	pthread_mutex_lock(&current_lock);
	old = current;
	current = snap;
	pthread_mutex_unlock(&current_lock);
	snapshot_unref(old);
}
