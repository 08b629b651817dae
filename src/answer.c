/*
 * answer.c - answers: status and days on a date, replacement chains,
 * advice, and their JSON and words.
 *
 * Invariant: an answer is a pure function of the snapshot, the query and
 * as_of; nothing here reads the clock.  The status and days rules and the
 * chain are applied when an answer is resolved, and only then: the
 * writers read the struct, and answer_verdict asks scan_counts only
 * whether the answer counts as a finding.  The keys come in one fixed order, so the same question always
 * gets the same bytes (and the same ETag).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "answer.h"
#include "date.h"
#include "scan.h"
#include "util.h"

static const char *match_names[] = {
	[MATCH_NONE] = "none",
	[MATCH_EXACT] = "exact",
	[MATCH_ALIAS] = "alias",
	[MATCH_NORMALIZED] = "normalized",
	[MATCH_FAMILY] = "family",
	[MATCH_FINE_TUNE] = "fine-tune",
};

static const char *chain_error_names[] = {
	[ANSWER_CHAIN_OK] = NULL,
	[ANSWER_CHAIN_CYCLE] = "cycle",
	[ANSWER_CHAIN_TOO_LONG] = "too long",
};

/* struct answer keeps every other platform a lookup finds. */
_Static_assert(ANSWER_OTHERS_MAX == NELEM(((struct lookup *)0)->others),
    "ANSWER_OTHERS_MAX is struct lookup's others");

void
answer_state(struct answer_state *st, const struct record *r, int32_t as_of)
{
	st->status = record_status(r, as_of);
	st->has_days = record_days_left(r, as_of, &st->days_left) == 0;
	if (!st->has_days)
		st->days_left = 0;
	st->earliest_passed = record_earliest_passed(r, as_of);
	st->overdue = record_overdue(r, as_of);
}

/*
 * Follows first replacements while the target is deprecated or retired,
 * stopping on a cycle or at the depth limit.  The models
 * seen are r and the chain's steps, so a step is never taken twice.
 */
static void
resolve_chain(struct answer *a, const struct snapshot *snap)
{
	const struct record *r = a->record, *next = a->to;
	struct answer_step *step;
	size_t i;

	a->nchain = 0;
	a->chain_error = ANSWER_CHAIN_OK;
	while (r->nreplacements > 0) {
		/* The first step's target is a->to, looked up already. */
		if (a->nchain > 0)
			next = advice_target(snap, &r->replacements[0]);
		if (next == a->record)
			a->chain_error = ANSWER_CHAIN_CYCLE;
		for (i = 0; next != NULL && i < a->nchain; i++)
			if (a->chain[i].record == next)
				a->chain_error = ANSWER_CHAIN_CYCLE;
		if (a->chain_error == ANSWER_CHAIN_OK &&
		    a->nchain == ANSWER_CHAIN_MAX)
			a->chain_error = ANSWER_CHAIN_TOO_LONG;
		if (a->chain_error != ANSWER_CHAIN_OK)
			return;
		step = &a->chain[a->nchain++];
		step->record = next;
		step->id = next != NULL ? next->id : r->replacements[0].id;
		step->status = next != NULL ? record_status(next, a->as_of) :
		    STATUS_NONE;
		if (next == NULL || !status_is_deprecated(step->status))
			return;
		r = next;
	}
}

/* Everything about a->record on a->as_of but the lookup's part. */
static void
resolve_record(struct answer *a, const struct snapshot *snap)
{
	const struct record *r = a->record;

	answer_state(&a->state, r, a->as_of);
	a->disputed = r->ndisputes > 0;
	a->replacement = r->nreplacements > 0 ? r->replacements[0].id : NULL;
	a->to = advice_replacement(snap, r);
	resolve_chain(a, snap);
	/* A first step that is a cycle is r itself. */
	a->to_status = a->to == NULL ? STATUS_NONE : a->nchain > 0 ?
	    a->chain[0].status : a->state.status;
	a->effort = advice_effort(r, a->to);
	a->has_price_change = advice_price_change(r, a->to,
	    &a->price_change) == 0;
}

/* The question: an unknown answer until something is found. */
static void
ask(struct answer *a, const char *query, const char *provider,
    int32_t as_of)
{
	a->record = NULL;
	a->query = query;
	a->provider = provider;
	a->match = MATCH_NONE;
	a->as_of = as_of;
	a->nothers = 0;
	/* An unknown id has no chain: answer_resolved says NULL. */
	a->nchain = 0;
	a->chain_error = ANSWER_CHAIN_OK;
}

void
answer_resolve(struct answer *a, const struct snapshot *snap,
    const char *query, const char *provider, int32_t as_of)
{
	struct lookup l;
	size_t i;

	ask(a, query, provider, as_of);
	if (snapshot_lookup(snap, query, provider, &l) < 0 ||
	    l.record == NULL)
		return;
	a->record = l.record;
	a->match = l.how;
	resolve_record(a, snap);
	for (i = 0; i < l.nothers && i < ANSWER_OTHERS_MAX; i++) {
		a->others[i].record = l.others[i];
		answer_state(&a->others[i].state, l.others[i], as_of);
	}
	a->nothers = i;
}

void
answer_resolve_record(struct answer *a, const struct snapshot *snap,
    const struct record *r, int32_t as_of)
{
	ask(a, NULL, NULL, as_of);
	a->record = r;
	a->match = MATCH_EXACT;
	resolve_record(a, snap);
}

const struct answer_step *
answer_resolved(const struct answer *a)
{
	return a->nchain > 0 ? &a->chain[a->nchain - 1] : NULL;
}

const char *
answer_chain_error_name(enum answer_chain_error e)
{
	return chain_error_names[e];
}

/* "days_left" (0, never negative, once a "not before" date has passed)
 * and, right after it, "overdue". */
static void
write_days_left(struct jsonw *w, const struct answer_state *st)
{
	jsonw_key(w, "days_left");
	if (st->has_days)
		jsonw_int(w, st->days_left);
	else
		jsonw_null(w);
	jsonw_key(w, "overdue");
	jsonw_bool(w, st->overdue);
}

/* "resolved", "chain" and, when it stopped early, "chain_error". */
static void
write_chain(struct jsonw *w, const struct answer *a)
{
	const struct answer_step *last = answer_resolved(a);
	size_t i;

	jsonw_key(w, "resolved");
	jsonw_str(w, last != NULL ? last->id : NULL);
	jsonw_key(w, "chain");
	jsonw_arr_open(w);
	for (i = 0; i < a->nchain; i++)
		jsonw_str(w, a->chain[i].id);
	jsonw_arr_close(w);
	if (a->chain_error != ANSWER_CHAIN_OK) {
		jsonw_key(w, "chain_error");
		jsonw_str(w, answer_chain_error_name(a->chain_error));
	}
}

/* A price per million tokens, or null when has is 0. */
static void
write_price(struct jsonw *w, const char *key, int has, double price)
{
	jsonw_key(w, key);
	if (has)
		jsonw_num(w, price, 0);
	else
		jsonw_null(w);
}

/* "effort" and "price_change" of moving to the first replacement. */
static void
write_advice(struct jsonw *w, const struct answer *a)
{
	const struct price_change *pc = &a->price_change;

	jsonw_key(w, "effort");
	jsonw_str(w, a->effort);
	jsonw_key(w, "price_change");
	if (!a->has_price_change) {
		jsonw_null(w);
		return;
	}
	jsonw_obj_open(w);
	write_price(w, "input_per_mtok", 1, pc->input);
	write_price(w, "output_per_mtok", 1, pc->output);
	write_price(w, "audio_input_per_mtok", pc->has_audio_input,
	    pc->audio_input);
	write_price(w, "audio_output_per_mtok", pc->has_audio_output,
	    pc->audio_output);
	jsonw_key(w, "currency");
	jsonw_str(w, "USD");
	jsonw_obj_close(w);
}

/* Writes the record's fields, from "provider" to "disputed". */
static void
write_fields(struct jsonw *w, const struct answer *a)
{
	const struct record *r = a->record;
	size_t i;

	jsonw_key(w, "provider");
	jsonw_str(w, r->provider);
	jsonw_key(w, "id");
	jsonw_str(w, r->id);
	jsonw_key(w, "aliases");
	jsonw_arr_open(w);
	for (i = 0; i < r->naliases; i++)
		jsonw_str(w, r->aliases[i]);
	jsonw_arr_close(w);
	jsonw_key(w, "status");
	jsonw_str(w, status_name(a->state.status));
	jsonw_key(w, "deprecated");
	jsonw_bool(w, status_is_deprecated(a->state.status));
	jsonw_key(w, "announced_on");
	jsonw_date(w, r->announced_on);
	jsonw_key(w, "shutdown_on");
	jsonw_date(w, r->shutdown_on);
	jsonw_key(w, "shutdown_kind");
	jsonw_str(w, shutdown_kind_name(r->shutdown_kind));
	write_days_left(w, &a->state);
	jsonw_key(w, "replacement");
	jsonw_str(w, a->replacement);
	jsonw_key(w, "replacements");
	jsonw_arr_open(w);
	for (i = 0; i < r->nreplacements; i++) {
		jsonw_obj_open(w);
		jsonw_key(w, "provider");
		jsonw_str(w, r->replacements[i].provider);
		jsonw_key(w, "id");
		jsonw_str(w, r->replacements[i].id);
		jsonw_key(w, "note");
		jsonw_str(w, r->replacements[i].note);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	write_chain(w, a);
	write_advice(w, a);
	jsonw_key(w, "kind");
	jsonw_str(w, r->kind);
	jsonw_key(w, "scope");
	jsonw_str(w, r->scope);
	/* Text prices, then audio prices, each a number or null: the order
	 * docs/api.md gives. */
	jsonw_key(w, "pricing");
	if (record_has_pricing(r)) {
		jsonw_obj_open(w);
		jsonw_key(w, "input_per_mtok");
		jsonw_num(w, r->input_per_mtok, 1);
		jsonw_key(w, "output_per_mtok");
		jsonw_num(w, r->output_per_mtok, 1);
		jsonw_key(w, "audio_input_per_mtok");
		jsonw_num(w, r->audio_input_per_mtok, 1);
		jsonw_key(w, "audio_output_per_mtok");
		jsonw_num(w, r->audio_output_per_mtok, 1);
		jsonw_key(w, "currency");
		jsonw_str(w, "USD");
		jsonw_obj_close(w);
	} else
		jsonw_null(w);
	jsonw_key(w, "sources");
	jsonw_arr_open(w);
	for (i = 0; i < r->nsources; i++) {
		jsonw_obj_open(w);
		jsonw_key(w, "feed");
		jsonw_str(w, r->sources[i].feed);
		jsonw_key(w, "url");
		jsonw_str(w, r->sources[i].url);
		jsonw_key(w, "first_seen");
		jsonw_str(w, r->sources[i].first_seen);
		jsonw_key(w, "last_seen");
		jsonw_str(w, r->sources[i].last_seen);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "disputed");
	jsonw_arr_open(w);
	for (i = 0; i < r->ndisputes; i++) {
		jsonw_obj_open(w);
		jsonw_key(w, "field");
		jsonw_str(w, r->disputes[i].field);
		jsonw_key(w, "value");
		jsonw_str(w, r->disputes[i].value);
		jsonw_key(w, "feed");
		jsonw_str(w, r->disputes[i].feed);
		jsonw_key(w, "url");
		jsonw_str(w, r->disputes[i].url);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

static void
write_others(struct jsonw *w, const struct answer *a)
{
	const struct answer_other *o;
	size_t i;

	jsonw_key(w, "others");
	jsonw_arr_open(w);
	for (i = 0; i < a->nothers; i++) {
		o = &a->others[i];
		jsonw_obj_open(w);
		jsonw_key(w, "provider");
		jsonw_str(w, o->record->provider);
		jsonw_key(w, "id");
		jsonw_str(w, o->record->id);
		jsonw_key(w, "status");
		jsonw_str(w, status_name(o->state.status));
		jsonw_key(w, "shutdown_on");
		jsonw_date(w, o->record->shutdown_on);
		write_days_left(w, &o->state);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
}

void
answer_write(struct jsonw *w, const struct answer *a, int schema)
{
	jsonw_obj_open(w);
	jsonw_key(w, "query");
	jsonw_str(w, a->query);
	jsonw_key(w, "found");
	jsonw_bool(w, a->record != NULL);
	if (a->record != NULL) {
		jsonw_key(w, "match");
		jsonw_str(w, match_names[a->match]);
		write_fields(w, a);
		write_others(w, a);
		jsonw_key(w, "as_of");
		jsonw_date(w, a->as_of);
	}
	if (schema) {
		jsonw_key(w, "schema_version");
		jsonw_str(w, "1");
	}
	jsonw_obj_close(w);
}

void
answer_write_record(struct jsonw *w, const struct answer *a)
{
	jsonw_obj_open(w);
	write_fields(w, a);
	jsonw_obj_close(w);
}

void
answer_write_batch_open(struct jsonw *w, int32_t as_of)
{
	jsonw_obj_open(w);
	jsonw_key(w, "schema_version");
	jsonw_str(w, "1");
	jsonw_key(w, "as_of");
	jsonw_date(w, as_of);
	jsonw_key(w, "results");
	jsonw_arr_open(w);
}

void
answer_write_batch_close(struct jsonw *w)
{
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}

/* How check and scan count a: by scan_counts, the rule of a finding. */
static enum answer_class
class_of(const struct answer *a, long within)
{
	if (a->record == NULL)
		return ANSWER_UNKNOWN;
	if (!scan_counts(a->record, a->as_of, within))
		return ANSWER_FINE;
	return a->state.status == STATUS_RETIRED ? ANSWER_RETIRED :
	    ANSWER_DEPRECATED;
}

/* ", shuts down 2026-07-23 (76 days left)" and the like into buf. */
static void
when_words(const struct answer *a, char *buf, size_t size)
{
	const struct answer_state *st = &a->state;
	int32_t d = st->days_left, n = d >= 0 ? d : -d;
	char date[11], count[32];

	buf[0] = '\0';
	if (!st->has_days)
		return;
	date_format(a->record->shutdown_on, date);
	if (st->overdue)
		snprintf(buf, size, ", may stop any day, not before %s", date);
	else if (st->earliest_passed)
		/* Retired, by a source: the date only bounds when. */
		snprintf(buf, size, ", shut down on or after %s", date);
	else {
		if (d == 0)
			snprintf(count, sizeof(count), "today");
		else
			snprintf(count, sizeof(count), "%ld day%s %s", (long)n,
			    n == 1 ? "" : "s", d > 0 ? "left" : "ago");
		snprintf(buf, size, ", %s %s%s (%s)",
		    d >= 0 ? "shuts down" : "shut down", date,
		    a->record->shutdown_kind == SHUTDOWN_EARLIEST ?
		    " at the earliest" : "", count);
	}
}

char *
answer_verdict(const struct answer *a, long within, enum answer_class *class)
{
	const struct answer_step *last = answer_resolved(a);
	const char *then = NULL;
	char when[128];

	if (class != NULL)
		*class = class_of(a, within);
	if (a->record == NULL)
		return xstrdup("unknown");
	when_words(a, when, sizeof(when));
	if (a->replacement != NULL && last != NULL &&
	    strcmp(last->id, a->replacement) != 0)
		then = last->id;
	return xasprintf("%s%s%s%s%s%s%s", status_name(a->state.status), when,
	    a->replacement != NULL ? ", use " : "",
	    a->replacement != NULL ? a->replacement : "",
	    then != NULL ? " (then " : "", then != NULL ? then : "",
	    then != NULL ? ")" : "");
}
