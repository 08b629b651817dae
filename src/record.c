/*
 * record.c - the record's life cycle and the status rules.
 *
 * Invariant: a record owns every string and array it points to, so
 * record_clear() and record_copy() are the only places that know its shape
 * in memory.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "record.h"
#include "util.h"

static const char *status_names[] = {
	[STATUS_NONE] = NULL,
	[STATUS_ACTIVE] = "active",
	[STATUS_LEGACY] = "legacy",
	[STATUS_DEPRECATED] = "deprecated",
	[STATUS_RETIRED] = "retired",
};

static const char *kind_names[] = {
	[SHUTDOWN_NONE] = NULL,
	[SHUTDOWN_FIRM] = "firm",
	[SHUTDOWN_EARLIEST] = "earliest",
	[SHUTDOWN_UNANNOUNCED] = "unannounced",
};

static const char *field_names[] = {
	[FIELD_STATUS] = "status",
	[FIELD_ANNOUNCED] = "announced_on",
	[FIELD_SHUTDOWN] = "shutdown_on",
	[FIELD_REPLACEMENTS] = "replacements",
};

const char *
field_name(enum field f)
{
	return field_names[f];
}

const char *
status_name(enum status status)
{
	return status_names[status];
}

int
status_parse(const char *name, enum status *status)
{
	size_t i;

	for (i = 1; i < NELEM(status_names); i++)
		if (strcmp(name, status_names[i]) == 0) {
			*status = (enum status)i;
			return 0;
		}
	return -1;
}

const char *
shutdown_kind_name(enum shutdown_kind kind)
{
	return kind_names[kind];
}

int
shutdown_kind_parse(const char *name, enum shutdown_kind *kind)
{
	size_t i;

	for (i = 1; i < NELEM(kind_names); i++)
		if (strcmp(name, kind_names[i]) == 0) {
			*kind = (enum shutdown_kind)i;
			return 0;
		}
	return -1;
}

enum status
record_status(const struct record *r, int32_t as_of)
{
	int firm = r->shutdown_on != DATE_NONE &&
	    r->shutdown_kind == SHUTDOWN_FIRM;

	if (r->status == STATUS_RETIRED || (firm && r->shutdown_on <= as_of))
		return STATUS_RETIRED;
	if (r->status == STATUS_DEPRECATED || firm)
		return STATUS_DEPRECATED;
	if (r->status == STATUS_LEGACY)
		return STATUS_LEGACY;
	return STATUS_ACTIVE;
}

int
record_days_left(const struct record *r, int32_t as_of, int32_t *days)
{
	if (r->shutdown_on == DATE_NONE)
		return -1;
	*days = record_earliest_passed(r, as_of) ? 0 : r->shutdown_on - as_of;
	return 0;
}

int
record_earliest_passed(const struct record *r, int32_t as_of)
{
	return r->shutdown_kind == SHUTDOWN_EARLIEST &&
	    r->shutdown_on != DATE_NONE && r->shutdown_on <= as_of;
}

int
record_overdue(const struct record *r, int32_t as_of)
{
	return record_earliest_passed(r, as_of) &&
	    record_status(r, as_of) != STATUS_RETIRED;
}

int
record_due_within(const struct record *r, int32_t as_of, long days)
{
	return r->shutdown_kind == SHUTDOWN_FIRM &&
	    r->shutdown_on != DATE_NONE &&
	    (long)r->shutdown_on - as_of <= days;
}

int
status_is_deprecated(enum status status)
{
	return status == STATUS_DEPRECATED || status == STATUS_RETIRED;
}

void
record_init(struct record *r)
{
	memset(r, 0, sizeof(*r));
	r->announced_on = DATE_NONE;
	r->shutdown_on = DATE_NONE;
	r->input_per_mtok = -1;
	r->output_per_mtok = -1;
	r->audio_input_per_mtok = -1;
	r->audio_output_per_mtok = -1;
}

int
record_has_pricing(const struct record *r)
{
	return r->input_per_mtok >= 0 || r->output_per_mtok >= 0 ||
	    r->audio_input_per_mtok >= 0 || r->audio_output_per_mtok >= 0;
}

void
record_clear(struct record *r)
{
	size_t i;

	free(r->provider);
	free(r->id);
	for (i = 0; i < r->naliases; i++)
		free(r->aliases[i]);
	free(r->aliases);
	for (i = 0; i < r->nreplacements; i++) {
		free(r->replacements[i].provider);
		free(r->replacements[i].id);
		free(r->replacements[i].note);
	}
	free(r->replacements);
	free(r->kind);
	free(r->scope);
	for (i = 0; i < r->nsources; i++) {
		free(r->sources[i].feed);
		free(r->sources[i].url);
		free(r->sources[i].first_seen);
		free(r->sources[i].last_seen);
	}
	free(r->sources);
	for (i = 0; i < r->ndisputes; i++) {
		free(r->disputes[i].value);
		free(r->disputes[i].feed);
		free(r->disputes[i].url);
	}
	free(r->disputes);
	record_init(r);
}

void
record_copy(struct record *dst, const struct record *src)
{
	size_t i;

	record_init(dst);
	dst->provider = xstrdup_or_null(src->provider);
	dst->id = xstrdup_or_null(src->id);
	for (i = 0; i < src->naliases; i++)
		record_add_alias(dst, src->aliases[i]);
	dst->status = src->status;
	dst->announced_on = src->announced_on;
	dst->shutdown_on = src->shutdown_on;
	dst->shutdown_kind = src->shutdown_kind;
	for (i = 0; i < src->nreplacements; i++)
		record_add_replacement(dst, src->replacements[i].provider,
		    src->replacements[i].id, src->replacements[i].note);
	dst->kind = xstrdup_or_null(src->kind);
	dst->scope = xstrdup_or_null(src->scope);
	dst->input_per_mtok = src->input_per_mtok;
	dst->output_per_mtok = src->output_per_mtok;
	dst->audio_input_per_mtok = src->audio_input_per_mtok;
	dst->audio_output_per_mtok = src->audio_output_per_mtok;
	for (i = 0; i < src->nsources; i++)
		record_add_source(dst, src->sources[i].feed,
		    src->sources[i].url, src->sources[i].first_seen,
		    src->sources[i].last_seen);
	for (i = 0; i < src->ndisputes; i++)
		record_add_dispute(dst, src->disputes[i].field,
		    src->disputes[i].value, src->disputes[i].feed,
		    src->disputes[i].url);
	dst->evidence = src->evidence;
	memcpy(dst->field_evidence, src->field_evidence,
	    sizeof(dst->field_evidence));
	dst->priority = src->priority;
}

int
record_has_alias(const struct record *r, const char *alias)
{
	size_t i;

	for (i = 0; i < r->naliases; i++)
		if (strcmp(r->aliases[i], alias) == 0)
			return 1;
	return 0;
}

int
record_mentions(const struct record *r, const char *text)
{
	size_t i;

	if (strcasestr(r->id, text) != NULL)
		return 1;
	for (i = 0; i < r->naliases; i++)
		if (strcasestr(r->aliases[i], text) != NULL)
			return 1;
	return 0;
}

void
record_add_alias(struct record *r, const char *alias)
{
	r->aliases = xreallocarray(r->aliases, r->naliases + 1,
	    sizeof(*r->aliases));
	r->aliases[r->naliases++] = xstrdup(alias);
}

void
record_add_replacement(struct record *r, const char *provider, const char *id,
    const char *note)
{
	struct replacement *p;

	r->replacements = xreallocarray(r->replacements, r->nreplacements + 1,
	    sizeof(*r->replacements));
	p = &r->replacements[r->nreplacements++];
	p->provider = xstrdup_or_null(provider);
	p->id = xstrdup(id);
	p->note = xstrdup_or_null(note);
}

void
record_add_source(struct record *r, const char *feed, const char *url,
    const char *first_seen, const char *last_seen)
{
	struct source *s;

	r->sources = xreallocarray(r->sources, r->nsources + 1,
	    sizeof(*r->sources));
	s = &r->sources[r->nsources++];
	s->feed = xstrdup_or_null(feed);
	s->url = xstrdup_or_null(url);
	s->first_seen = xstrdup_or_null(first_seen);
	s->last_seen = xstrdup_or_null(last_seen);
}

void
record_add_dispute(struct record *r, const char *field, const char *value,
    const char *feed, const char *url)
{
	struct dispute *d;

	r->disputes = xreallocarray(r->disputes, r->ndisputes + 1,
	    sizeof(*r->disputes));
	d = &r->disputes[r->ndisputes++];
	d->field = field;
	d->value = xstrdup_or_null(value);
	d->feed = xstrdup_or_null(feed);
	d->url = xstrdup_or_null(url);
}

struct record *
recordset_add(struct recordset *set)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	record_init(&set->v[set->n]);
	return &set->v[set->n++];
}

void
recordset_clear(struct recordset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		record_clear(&set->v[i]);
	free(set->v);
	memset(set, 0, sizeof(*set));
}
