/*
 * answer.c - answer objects: status and days on a date, replacement chains.
 *
 * Invariant: an answer is a pure function of the snapshot, the query and
 * as_of; nothing here reads the clock.  The keys come in one fixed order,
 * so the same question always gets the same bytes (and the same ETag).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "answer.h"
#include "date.h"
#include "util.h"

static const char *match_names[] = {
	[MATCH_NONE] = "none",
	[MATCH_EXACT] = "exact",
	[MATCH_ALIAS] = "alias",
	[MATCH_NORMALIZED] = "normalized",
	[MATCH_FAMILY] = "family",
	[MATCH_FINE_TUNE] = "fine-tune",
};

void
answer_add_date(cJSON *obj, const char *key, int32_t date)
{
	char buf[11];

	if (date == DATE_NONE) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	date_format(date, buf);
	cJSON_AddStringToObject(obj, key, buf);
}

/* "days_left" and, right after it, "overdue" (design §3). */
static void
write_days_left(struct jsonw *w, const struct record *r, int32_t as_of)
{
	int32_t days;

	jsonw_key(w, "days_left", 0);
	if (record_days_left(r, as_of, &days) == 0)
		jsonw_int(w, days);
	else
		jsonw_raw(w, "null");
	jsonw_key(w, "overdue", 0);
	jsonw_raw(w, record_overdue(r, as_of) ? "true" : "false");
}

/*
 * Follows first replacements while the target is deprecated or retired
 * (design §3).  Writes "resolved", "chain" and, when it stops on a cycle or
 * at the depth limit, "chain_error".
 */
static void
write_chain(struct jsonw *w, const struct snapshot *snap,
    const struct record *r, int32_t as_of)
{
	const struct record *seen[ANSWER_CHAIN_MAX + 1], *next;
	const char *chain[ANSWER_CHAIN_MAX + 1], *error = NULL;
	size_t nseen = 0, nchain = 0, i;

	seen[nseen++] = r;
	while (r != NULL && r->nreplacements > 0) {
		const struct replacement *rp = &r->replacements[0];

		next = advice_target(snap, rp);
		for (i = 0; next != NULL && i < nseen; i++)
			if (seen[i] == next) {
				error = "cycle";
				break;
			}
		if (error != NULL)
			break;
		if (nseen > ANSWER_CHAIN_MAX) {
			error = "too long";
			break;
		}
		chain[nchain++] = next != NULL ? next->id : rp->id;
		if (next == NULL ||
		    !status_is_deprecated(record_status(next, as_of)))
			break;
		seen[nseen++] = next;
		r = next;
	}
	jsonw_key(w, "resolved", 0);
	jsonw_str(w, nchain > 0 ? chain[nchain - 1] : NULL);
	jsonw_key(w, "chain", 0);
	jsonw_raw(w, "[");
	for (i = 0; i < nchain; i++) {
		if (i > 0)
			jsonw_raw(w, ",");
		jsonw_str(w, chain[i]);
	}
	jsonw_raw(w, "]");
	if (error != NULL) {
		jsonw_key(w, "chain_error", 0);
		jsonw_str(w, error);
	}
}

/* "effort" and "price_change" of moving to the first replacement. */
static void
write_advice(struct jsonw *w, const struct snapshot *snap,
    const struct record *r)
{
	const struct record *to = advice_replacement(snap, r);
	struct price_change pc;

	jsonw_key(w, "effort", 0);
	jsonw_str(w, advice_effort(r, to));
	jsonw_key(w, "price_change", 0);
	if (advice_price_change(r, to, &pc) < 0) {
		jsonw_raw(w, "null");
		return;
	}
	jsonw_raw(w, "{");
	jsonw_key(w, "input_per_mtok", 1);
	jsonw_num(w, pc.input, 0);
	jsonw_key(w, "output_per_mtok", 0);
	jsonw_num(w, pc.output, 0);
	jsonw_key(w, "audio_input_per_mtok", 0);
	if (pc.has_audio_input)
		jsonw_num(w, pc.audio_input, 0);
	else
		jsonw_raw(w, "null");
	jsonw_key(w, "audio_output_per_mtok", 0);
	if (pc.has_audio_output)
		jsonw_num(w, pc.audio_output, 0);
	else
		jsonw_raw(w, "null");
	jsonw_raw(w, ",\"currency\":\"USD\"}");
}

/* Writes the record's fields, from "provider" to "sources". */
static void
write_fields(struct jsonw *w, const struct snapshot *snap,
    const struct record *r, int32_t as_of, int first)
{
	enum status status = record_status(r, as_of);
	size_t i;

	jsonw_key(w, "provider", first);
	jsonw_str(w, r->provider);
	jsonw_key(w, "id", 0);
	jsonw_str(w, r->id);
	jsonw_key(w, "aliases", 0);
	jsonw_raw(w, "[");
	for (i = 0; i < r->naliases; i++) {
		if (i > 0)
			jsonw_raw(w, ",");
		jsonw_str(w, r->aliases[i]);
	}
	jsonw_raw(w, "]");
	jsonw_key(w, "status", 0);
	jsonw_str(w, status_name(status));
	jsonw_key(w, "deprecated", 0);
	jsonw_raw(w, status_is_deprecated(status) ? "true" : "false");
	jsonw_key(w, "announced_on", 0);
	jsonw_date(w, r->announced_on);
	jsonw_key(w, "shutdown_on", 0);
	jsonw_date(w, r->shutdown_on);
	jsonw_key(w, "shutdown_kind", 0);
	jsonw_str(w, shutdown_kind_name(r->shutdown_kind));
	write_days_left(w, r, as_of);
	jsonw_key(w, "replacement", 0);
	jsonw_str(w, r->nreplacements > 0 ? r->replacements[0].id : NULL);
	jsonw_key(w, "replacements", 0);
	jsonw_raw(w, "[");
	for (i = 0; i < r->nreplacements; i++) {
		jsonw_raw(w, i > 0 ? ",{" : "{");
		jsonw_key(w, "provider", 1);
		jsonw_str(w, r->replacements[i].provider);
		jsonw_key(w, "id", 0);
		jsonw_str(w, r->replacements[i].id);
		jsonw_key(w, "note", 0);
		jsonw_str(w, r->replacements[i].note);
		jsonw_raw(w, "}");
	}
	jsonw_raw(w, "]");
	write_chain(w, snap, r, as_of);
	write_advice(w, snap, r);
	jsonw_key(w, "kind", 0);
	jsonw_str(w, r->kind);
	jsonw_key(w, "scope", 0);
	jsonw_str(w, r->scope);
	/* Text prices, then audio prices, each a number or null: the order
	 * docs/api.md gives. */
	jsonw_key(w, "pricing", 0);
	if (record_has_pricing(r)) {
		jsonw_raw(w, "{");
		jsonw_key(w, "input_per_mtok", 1);
		jsonw_num(w, r->input_per_mtok, 1);
		jsonw_key(w, "output_per_mtok", 0);
		jsonw_num(w, r->output_per_mtok, 1);
		jsonw_key(w, "audio_input_per_mtok", 0);
		jsonw_num(w, r->audio_input_per_mtok, 1);
		jsonw_key(w, "audio_output_per_mtok", 0);
		jsonw_num(w, r->audio_output_per_mtok, 1);
		jsonw_raw(w, ",\"currency\":\"USD\"}");
	} else
		jsonw_raw(w, "null");
	jsonw_key(w, "sources", 0);
	jsonw_raw(w, "[");
	for (i = 0; i < r->nsources; i++) {
		jsonw_raw(w, i > 0 ? ",{" : "{");
		jsonw_key(w, "feed", 1);
		jsonw_str(w, r->sources[i].feed);
		jsonw_key(w, "url", 0);
		jsonw_str(w, r->sources[i].url);
		jsonw_key(w, "first_seen", 0);
		jsonw_str(w, r->sources[i].first_seen);
		jsonw_key(w, "last_seen", 0);
		jsonw_str(w, r->sources[i].last_seen);
		jsonw_raw(w, "}");
	}
	jsonw_raw(w, "]");
	jsonw_key(w, "disputed", 0);
	jsonw_raw(w, "[");
	for (i = 0; i < r->ndisputes; i++) {
		jsonw_raw(w, i > 0 ? ",{" : "{");
		jsonw_key(w, "field", 1);
		jsonw_str(w, r->disputes[i].field);
		jsonw_key(w, "value", 0);
		jsonw_str(w, r->disputes[i].value);
		jsonw_key(w, "feed", 0);
		jsonw_str(w, r->disputes[i].feed);
		jsonw_key(w, "url", 0);
		jsonw_str(w, r->disputes[i].url);
		jsonw_raw(w, "}");
	}
	jsonw_raw(w, "]");
}

static void
write_others(struct jsonw *w, const struct lookup *l, int32_t as_of)
{
	const struct record *o;
	size_t i;

	jsonw_key(w, "others", 0);
	jsonw_raw(w, "[");
	for (i = 0; i < l->nothers; i++) {
		o = l->others[i];
		jsonw_raw(w, i > 0 ? ",{" : "{");
		jsonw_key(w, "provider", 1);
		jsonw_str(w, o->provider);
		jsonw_key(w, "id", 0);
		jsonw_str(w, o->id);
		jsonw_key(w, "status", 0);
		jsonw_str(w, status_name(record_status(o, as_of)));
		jsonw_key(w, "shutdown_on", 0);
		jsonw_date(w, o->shutdown_on);
		write_days_left(w, o, as_of);
		jsonw_raw(w, "}");
	}
	jsonw_raw(w, "]");
}

const struct record *
answer_write(struct jsonw *w, const struct snapshot *snap, const char *query,
    const char *provider, int32_t as_of, int schema)
{
	struct lookup l;

	jsonw_raw(w, "{");
	jsonw_key(w, "query", 1);
	jsonw_str(w, query);
	if (snapshot_lookup(snap, query, provider, &l) < 0 ||
	    l.record == NULL) {
		jsonw_raw(w, ",\"found\":false");
		l.record = NULL;
	} else {
		jsonw_raw(w, ",\"found\":true");
		jsonw_key(w, "match", 0);
		jsonw_str(w, match_names[l.how]);
		write_fields(w, snap, l.record, as_of, 0);
		write_others(w, &l, as_of);
		jsonw_key(w, "as_of", 0);
		jsonw_date(w, as_of);
	}
	if (schema)
		jsonw_raw(w, ",\"schema_version\":\"1\"");
	jsonw_raw(w, "}");
	return l.record;
}

void
answer_write_record(struct jsonw *w, const struct snapshot *snap,
    const struct record *r, int32_t as_of)
{
	jsonw_raw(w, "{");
	write_fields(w, snap, r, as_of, 1);
	jsonw_raw(w, "}");
}

cJSON *
answer_query(const struct snapshot *snap, const char *query,
    const char *provider, int32_t as_of, const struct record **record)
{
	struct jsonw w = { NULL, 0, 0 };
	const struct record *r;
	cJSON *obj;

	r = answer_write(&w, snap, query, provider, as_of, 0);
	if ((obj = cJSON_Parse(w.buf)) == NULL)
		abort();	/* the writer only writes valid JSON */
	jsonw_clear(&w);
	if (record != NULL)
		*record = r;
	return obj;
}
