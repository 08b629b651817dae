/*
 * merge.c - one record per (provider, id) from many feeds' statements.
 *
 * Invariant: the output depends only on the statements and their order, so
 * the same catalog always yields the same answers.
 */
#include "config.h"

#include <string.h>

#include "date.h"
#include "merge.h"
#include "util.h"

static int
same_model(const struct record *a, const struct record *b)
{
	return strcmp(a->provider, b->provider) == 0 &&
	    strcmp(a->id, b->id) == 0;
}

/* Merges the group v[0..n), highest priority first, into r. */
static void
merge_group(const struct record *v, size_t n, struct record *r)
{
	const struct record *s;
	size_t i, j;

	r->provider = xstrdup(v[0].provider);
	r->id = xstrdup(v[0].id);
	for (i = 0; i < n; i++) {
		s = &v[i];
		for (j = 0; j < s->naliases; j++)
			if (strcmp(s->aliases[j], r->id) != 0 &&
			    !record_has_alias(r, s->aliases[j]))
				record_add_alias(r, s->aliases[j]);
		if (r->status == STATUS_NONE)
			r->status = s->status;
		if (r->announced_on == DATE_NONE)
			r->announced_on = s->announced_on;
		if (r->shutdown_on == DATE_NONE &&
		    s->shutdown_on != DATE_NONE) {
			r->shutdown_on = s->shutdown_on;
			r->shutdown_kind = s->shutdown_kind;
		}
		if (r->nreplacements == 0)
			for (j = 0; j < s->nreplacements; j++)
				record_add_replacement(r,
				    s->replacements[j].provider,
				    s->replacements[j].id,
				    s->replacements[j].note);
		if (r->kind == NULL)
			r->kind = xstrdup_or_null(s->kind);
		if (r->scope == NULL)
			r->scope = xstrdup_or_null(s->scope);
		if (!record_has_pricing(r)) {
			r->input_per_mtok = s->input_per_mtok;
			r->output_per_mtok = s->output_per_mtok;
		}
		for (j = 0; j < s->nsources; j++)
			record_add_source(r, s->sources[j].feed,
			    s->sources[j].url, s->sources[j].first_seen,
			    s->sources[j].last_seen);
	}
}

void
merge_statements(struct recordset *statements, struct recordset *out)
{
	struct record *r;
	size_t i = 0, j;

	while (i < statements->n) {
		for (j = i + 1; j < statements->n &&
		    same_model(&statements->v[i], &statements->v[j]); j++)
			;
		r = recordset_add(out);
		if (j - i == 1) {
			/* Most models have one source: take it whole. */
			*r = statements->v[i];
			record_init(&statements->v[i]);
		} else
			merge_group(&statements->v[i], j - i, r);
		i = j;
	}
	recordset_clear(statements);
}
