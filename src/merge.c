/*
 * merge.c - one record per model and provider from many feeds' statements.
 *
 * Invariant: the output depends only on the statements, never on the order
 * they come in, so the same catalog always yields the same answers; and
 * evidence ranks before feed priority, so adding a weaker source never
 * changes a field a stronger one states.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "feed.h"
#include "match.h"
#include "merge.h"
#include "provider.h"
#include "util.h"

static const struct {
	int		 evidence;
	const char	*name;
} evidence_names[] = {
	{ EVIDENCE_FIRST_PARTY, "first-party" },
	{ EVIDENCE_CITED, "cited" },
	{ EVIDENCE_SCRAPED, "scraped" },
	{ EVIDENCE_THIRD_PARTY, "third-party" },
	{ EVIDENCE_PRICE_LIST, "price-list" },
	{ EVIDENCE_SNAPSHOT, "snapshot" },
};

const char *
merge_evidence_name(int evidence)
{
	size_t i;

	/* A relayed class is named for what it relays. */
	for (i = 0; i < NELEM(evidence_names); i++)
		if (evidence >= EVIDENCE_RELAYED(evidence_names[i].evidence))
			return evidence_names[i].name;
	return NULL;
}

int
merge_evidence_parse(const char *name, int *evidence)
{
	size_t i;

	for (i = 0; i < NELEM(evidence_names); i++)
		if (strcmp(name, evidence_names[i].name) == 0) {
			*evidence = evidence_names[i].evidence;
			return 0;
		}
	return -1;
}

void
merge_weigh(const char *format, struct record *s)
{
	const struct feed_format *fmt;
	size_t i, cited = 0;
	int f, base;

	for (i = 0; i < s->nsources; i++)
		cited += provider_documents(s->provider, s->sources[i].url);
	fmt = feed_format_find(format);
	if (strcmp(format, "markdown") == 0 ||
	    strcmp(format, "openrouter") == 0 ||
	    (fmt != NULL && fmt->api != NULL))
		base = EVIDENCE_FIRST_PARTY;
	else if (strcmp(format, "litellm") == 0)
		base = EVIDENCE_PRICE_LIST;
	else if (strcmp(format, "deprecations-info") == 0)
		base = EVIDENCE_SCRAPED;
	else if (strcmp(format, "sunset") == 0)
		base = cited > 0 ? EVIDENCE_RELAYED(EVIDENCE_CITED) :
		    EVIDENCE_SNAPSHOT;
	else
		/* A curated tracker: its word is as good as what it cites. */
		base = cited > 0 && cited == s->nsources ? EVIDENCE_CITED :
		    EVIDENCE_THIRD_PARTY;
	s->evidence = base;
	for (f = 0; f < FIELD_N; f++) {
		if (strcmp(format, "sunset") == 0 &&
		    s->field_evidence[f] >= EVIDENCE_SNAPSHOT)
			s->field_evidence[f] =
			    EVIDENCE_RELAYED(s->field_evidence[f]);
		else
			s->field_evidence[f] = base;
		if (s->field_evidence[f] > s->evidence)
			s->evidence = s->field_evidence[f];
	}
}

/* ---- which statements are one model -------------------------------- */

/* How a statement names a model. */
enum name_kind {
	NAME_ID,
	NAME_ALIAS,
	NAME_SPELLING	/* its id less a version suffix or a vendor part */
};

struct name {
	char		*key;		/* folded */
	size_t		 stmt;
	enum name_kind	 kind;
	int		 evidence;	/* of the statement */
};

static int
name_cmp(const void *a, const void *b)
{
	const struct name *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return x->stmt < y->stmt ? -1 : x->stmt > y->stmt;
}

static size_t
find_root(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static void
join(size_t *parent, size_t a, size_t b)
{
	a = find_root(parent, a);
	b = find_root(parent, b);
	/* The lower index is the root, whatever the order of the calls. */
	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

static void
add_name(struct name **v, size_t *n, size_t *cap, const char *id,
    size_t stmt, enum name_kind kind, int evidence)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof(**v));
	}
	(*v)[*n].key = str_lower(xstrdup(id));
	(*v)[*n].stmt = stmt;
	(*v)[*n].kind = kind;
	(*v)[*n].evidence = evidence;
	(*n)++;
}

/* Adds the spellings of id that name the same model on its platform: id
 * less a version suffix ("claude-3-opus@20240229"), less a vendor part
 * ("mistralai/codestral-2@001"), or both. */
static void
add_spellings(struct name **v, size_t *n, size_t *cap, const char *id,
    size_t stmt, int evidence)
{
	char bare[MATCH_ID_MAX];
	const char *slash = strchr(id, '/');

	if (match_strip_version(id, bare, sizeof(bare)) == 0)
		add_name(v, n, cap, bare, stmt, NAME_SPELLING, evidence);
	if (slash == NULL || slash == id || slash[1] == '\0' ||
	    strchr(slash + 1, '/') != NULL ||
	    provider_lookup(id, (size_t)(slash - id)) == NULL)
		return;
	add_name(v, n, cap, slash + 1, stmt, NAME_SPELLING, evidence);
	if (match_strip_version(slash + 1, bare, sizeof(bare)) == 0)
		add_name(v, n, cap, bare, stmt, NAME_SPELLING, evidence);
}

/* A statement that names another model's id as its alias without being
 * strong enough to join it: it still states that model's facts. */
struct borrow {
	size_t	stmt;
	size_t	target;		/* a statement of the other model */
};

struct grouping {
	size_t		*parent;	/* union-find over statements */
	struct borrow	*borrows;
	size_t		 nborrows;
	size_t		 cap;
};

/*
 * Joins the statements of one run of equal names.  Statements with the
 * same id are one model.  An alias joins them when its statement is at
 * least as strong as every statement of that id: a tracker that lists
 * two snapshots as aliases does not fold what the provider's own page
 * keeps apart, but what it states counts for both.  A spelling joins a
 * real name whatever its strength.
 */
static void
join_run(const struct name *v, size_t n, struct grouping *g)
{
	size_t anchor = n, i;
	int strongest = 0;

	for (i = 0; i < n; i++)
		if (v[i].kind == NAME_ID) {
			if (anchor == n)
				anchor = i;
			if (v[i].evidence > strongest)
				strongest = v[i].evidence;
		}
	if (anchor == n)
		for (i = 0; i < n && anchor == n; i++)
			if (v[i].kind == NAME_ALIAS)
				anchor = i;
	if (anchor == n)
		return;
	for (i = 0; i < n; i++) {
		if (i == anchor)
			continue;
		if (v[i].kind != NAME_ALIAS || v[i].evidence >= strongest) {
			join(g->parent, v[anchor].stmt, v[i].stmt);
			continue;
		}
		if (g->nborrows == g->cap) {
			g->cap = g->cap ? g->cap * 2 : 16;
			g->borrows = xreallocarray(g->borrows, g->cap,
			    sizeof(*g->borrows));
		}
		g->borrows[g->nborrows].stmt = v[i].stmt;
		g->borrows[g->nborrows++].target = v[anchor].stmt;
	}
}

/* Sets g->parent[i] for the statements v[0..nv) of one
 * provider so that statements of one model share a root, and collects
 * the borrows. */
static void
group_provider(const struct record *v, size_t nv, struct grouping *g)
{
	struct name *names = NULL;
	size_t n = 0, cap = 0, i, j;

	for (i = 0; i < nv; i++) {
		g->parent[i] = i;
		add_name(&names, &n, &cap, v[i].id, i, NAME_ID, v[i].evidence);
		for (j = 0; j < v[i].naliases; j++)
			add_name(&names, &n, &cap, v[i].aliases[j], i,
			    NAME_ALIAS, v[i].evidence);
		add_spellings(&names, &n, &cap, v[i].id, i, v[i].evidence);
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(names[j].key, names[i].key) == 0;
		    j++)
			;
		join_run(names + i, j - i, g);
	}
	for (i = 0; i < n; i++)
		free(names[i].key);
	free(names);
}

/* ---- the strongest word for each field ----------------------------- */

static const char *
last_seen(const struct record *s)
{
	return s->nsources > 0 && s->sources[0].last_seen != NULL ?
	    s->sources[0].last_seen : "";
}

static const char *
feed_of(const struct record *s)
{
	return s->nsources > 0 && s->sources[0].feed != NULL ?
	    s->sources[0].feed : "";
}

/* Strongest first: evidence, feed priority, newest sighting; then the
 * more specific id (a dated snapshot before the name that points to it),
 * feed and id, so that the order is total. */
struct member {
	const struct record	*s;
	int			 borrowed;	/* states facts, not names */
};

static int
strength_cmp(const void *a, const void *b)
{
	const struct record *x = ((const struct member *)a)->s;
	const struct record *y = ((const struct member *)b)->s;
	int c;

	if (x->evidence != y->evidence)
		return x->evidence > y->evidence ? -1 : 1;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if ((c = strcmp(last_seen(y), last_seen(x))) != 0)
		return c;
	if (strlen(x->id) != strlen(y->id))
		return strlen(x->id) > strlen(y->id) ? -1 : 1;
	if ((c = strcmp(feed_of(x), feed_of(y))) != 0)
		return c;
	return strcmp(x->id, y->id);
}

static const char *
url_of(const struct record *s)
{
	return s->nsources > 0 ? s->sources[0].url : NULL;
}

/* Records that s states value for field, unless the record has it. */
static void
dispute(struct record *r, const struct record *s, const char *field,
    const char *value)
{
	const char *feed = feed_of(s);
	size_t i;

	for (i = 0; i < r->ndisputes; i++)
		if (strcmp(r->disputes[i].field, field) == 0 &&
		    strcmp(r->disputes[i].feed, feed) == 0 &&
		    (r->disputes[i].value == NULL ? value == NULL :
		    value != NULL && strcmp(r->disputes[i].value, value) == 0))
			return;
	record_add_dispute(r, field, value, feed, url_of(s));
}

static void
dispute_date(struct record *r, const struct record *s, const char *field,
    int32_t date)
{
	char buf[11];

	if (date == DATE_NONE) {
		dispute(r, s, field, NULL);
		return;
	}
	date_format(date, buf);
	dispute(r, s, field, buf);
}

static int
states_shutdown(const struct record *s)
{
	return s->shutdown_kind == SHUTDOWN_UNANNOUNCED ||
	    (s->shutdown_kind != SHUTDOWN_NONE && s->shutdown_on != DATE_NONE);
}

static void
add_name_once(struct record *r, const char *name)
{
	size_t i;

	if (strcasecmp(name, r->id) == 0)
		return;
	for (i = 0; i < r->naliases; i++)
		if (strcasecmp(r->aliases[i], name) == 0)
			return;
	record_add_alias(r, name);
}

/* 1 when s states field f; an announcement on or after the day the
 * model stops (stops) is an effective date, not an announcement. */
static int
states(const struct record *s, enum field f, int32_t stops)
{
	switch (f) {
	case FIELD_STATUS:
		return s->status != STATUS_NONE;
	case FIELD_ANNOUNCED:
		return s->announced_on != DATE_NONE &&
		    (stops == DATE_NONE || s->announced_on < stops);
	case FIELD_SHUTDOWN:
		return states_shutdown(s);
	default:
		return s->nreplacements > 0;
	}
}

/* The statement of m[0..n) (strongest first) with the strongest evidence
 * for field f, or NULL when none states it. */
static const struct record *
winner(const struct member *m, size_t n, enum field f, int32_t stops)
{
	const struct record *best = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		if (states(m[i].s, f, stops) && (best == NULL ||
		    m[i].s->field_evidence[f] > best->field_evidence[f]))
			best = m[i].s;
	return best;
}

/* Merges the statements m[0..n), strongest first, into r: the id is the
 * strongest member's, the names are the members', the facts go to the
 * strongest evidence for each, field by field. */
static void
merge_group(const struct member *m, size_t n, struct record *r)
{
	const struct record *win[FIELD_N], *s;
	int32_t stops = DATE_NONE;
	size_t i, j;
	int f;

	for (i = 0; m[i].borrowed; i++)
		;
	r->provider = xstrdup(m[i].s->provider);
	r->id = xstrdup(m[i].s->id);
	r->evidence = m[i].s->evidence;
	/* The shutdown first: a deprecation is announced before the model
	 * stops. */
	win[FIELD_SHUTDOWN] = winner(m, n, FIELD_SHUTDOWN, DATE_NONE);
	if ((s = win[FIELD_SHUTDOWN]) != NULL &&
	    s->shutdown_kind != SHUTDOWN_UNANNOUNCED) {
		r->shutdown_on = stops = s->shutdown_on;
		r->shutdown_kind = s->shutdown_kind;
	}
	win[FIELD_STATUS] = winner(m, n, FIELD_STATUS, stops);
	win[FIELD_ANNOUNCED] = winner(m, n, FIELD_ANNOUNCED, stops);
	win[FIELD_REPLACEMENTS] = winner(m, n, FIELD_REPLACEMENTS, stops);
	if ((s = win[FIELD_STATUS]) != NULL)
		r->status = s->status;
	if ((s = win[FIELD_ANNOUNCED]) != NULL)
		r->announced_on = s->announced_on;
	if ((s = win[FIELD_REPLACEMENTS]) != NULL)
		for (j = 0; j < s->nreplacements; j++)
			record_add_replacement(r, s->replacements[j].provider,
			    s->replacements[j].id, s->replacements[j].note);
	for (f = 0; f < FIELD_N; f++)
		r->field_evidence[f] = win[f] != NULL ?
		    win[f]->field_evidence[f] : 0;

	for (i = 0; i < n; i++) {
		s = m[i].s;
		if (!m[i].borrowed) {
			add_name_once(r, s->id);
			for (j = 0; j < s->naliases; j++)
				add_name_once(r, s->aliases[j]);
		}
		if (s->status != STATUS_NONE && s->status != r->status)
			dispute(r, s, "status", status_name(s->status));
		if (s->announced_on != DATE_NONE &&
		    s->announced_on != r->announced_on)
			dispute_date(r, s, "announced_on", s->announced_on);
		if (states_shutdown(s) && s->shutdown_on != r->shutdown_on)
			dispute_date(r, s, "shutdown_on", s->shutdown_on);
		if (s->nreplacements > 0 && (r->nreplacements == 0 ||
		    strcasecmp(s->replacements[0].id,
		    r->replacements[0].id) != 0))
			dispute(r, s, "replacement", s->replacements[0].id);
		if (r->kind == NULL)
			r->kind = xstrdup_or_null(s->kind);
		if (r->scope == NULL)
			r->scope = xstrdup_or_null(s->scope);
		if (!record_has_pricing(r)) {
			r->input_per_mtok = s->input_per_mtok;
			r->output_per_mtok = s->output_per_mtok;
			r->audio_input_per_mtok = s->audio_input_per_mtok;
			r->audio_output_per_mtok = s->audio_output_per_mtok;
		}
		for (j = 0; j < s->nsources; j++)
			record_add_source(r, s->sources[j].feed,
			    s->sources[j].url, s->sources[j].first_seen,
			    s->sources[j].last_seen);
	}
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Drops from the records v[0..n) of one provider the aliases that are
 * another record's id: a weaker source named them, and the stronger one
 * keeps the two models apart. */
static void
drop_foreign_aliases(struct record *v, size_t n)
{
	char **ids = xreallocarray(NULL, n + 1, sizeof(*ids)), *key;
	size_t i, j, k;

	for (i = 0; i < n; i++)
		ids[i] = str_lower(xstrdup(v[i].id));
	qsort(ids, n, sizeof(*ids), str_cmp);
	for (i = 0; i < n; i++) {
		for (j = k = 0; j < v[i].naliases; j++) {
			key = str_lower(xstrdup(v[i].aliases[j]));
			if (bsearch(&key, ids, n, sizeof(*ids), str_cmp) != NULL)
				free(v[i].aliases[j]);
			else
				v[i].aliases[k++] = v[i].aliases[j];
			free(key);
		}
		v[i].naliases = k;
	}
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

static int
provider_cmp(const void *a, const void *b)
{
	const struct record *x = a, *y = b;
	int c = strcmp(x->provider, y->provider);

	return c != 0 ? c : strcmp(x->id, y->id);
}

/* A statement's index and its model's root, sorted by root. */
struct slot {
	size_t	root;
	size_t	i;
};

static int
slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->root != y->root)
		return x->root < y->root ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Merges the statements v[0..n) of one provider into records. */
static void
merge_provider(struct record *v, size_t n, struct recordset *out)
{
	struct grouping g = { NULL, NULL, 0, 0 };
	struct member *group;
	struct slot *order, *lent;
	size_t i, j, k, b = 0, ngroup, done = out->n;

	g.parent = xreallocarray(NULL, n, sizeof(*g.parent));
	order = xreallocarray(NULL, n, sizeof(*order));
	group_provider(v, n, &g);
	for (i = 0; i < n; i++) {
		order[i].root = find_root(g.parent, i);
		order[i].i = i;
	}
	qsort(order, n, sizeof(*order), slot_cmp);
	/* Borrows by the root of the model they lend to. */
	lent = xreallocarray(NULL, g.nborrows + 1, sizeof(*lent));
	for (i = 0; i < g.nborrows; i++) {
		lent[i].root = find_root(g.parent, g.borrows[i].target);
		lent[i].i = g.borrows[i].stmt;
	}
	qsort(lent, g.nborrows, sizeof(*lent), slot_cmp);
	group = xreallocarray(NULL, n + g.nborrows, sizeof(*group));
	for (i = 0; i < n; i = j) {
		ngroup = 0;
		for (j = i; j < n && order[j].root == order[i].root; j++) {
			group[ngroup].s = &v[order[j].i];
			group[ngroup++].borrowed = 0;
		}
		while (b < g.nborrows && lent[b].root < order[i].root)
			b++;
		for (; b < g.nborrows && lent[b].root == order[i].root; b++) {
			for (k = 0; k < ngroup && group[k].s != &v[lent[b].i];
			    k++)
				;
			if (k == ngroup) {
				group[ngroup].s = &v[lent[b].i];
				group[ngroup++].borrowed = 1;
			}
		}
		qsort(group, ngroup, sizeof(*group), strength_cmp);
		merge_group(group, ngroup, recordset_add(out));
	}
	drop_foreign_aliases(out->v + done, out->n - done);
	free(group);
	free(lent);
	free(order);
	free(g.borrows);
	free(g.parent);
}

void
merge_statements(struct recordset *statements, struct recordset *out)
{
	struct record *v = statements->v;
	size_t first, last;

	if (statements->n > 0)
		qsort(v, statements->n, sizeof(*v), provider_cmp);
	for (first = 0; first < statements->n; first = last) {
		for (last = first + 1; last < statements->n &&
		    strcmp(v[last].provider, v[first].provider) == 0; last++)
			;
		merge_provider(v + first, last - first, out);
	}
	recordset_clear(statements);
}
