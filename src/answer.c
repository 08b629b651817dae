/*
 * answer.c - answer objects: status and days on a date, replacement chains.
 *
 * Invariant: an answer is a pure function of the snapshot, the query and
 * as_of; nothing here reads the clock.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "date.h"
#include "util.h"

static const char *match_names[] = {
	[MATCH_NONE] = "none",
	[MATCH_EXACT] = "exact",
	[MATCH_ALIAS] = "alias",
	[MATCH_NORMALIZED] = "normalized",
	[MATCH_FAMILY] = "family",
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

static void
add_string(cJSON *obj, const char *key, const char *s)
{
	if (s == NULL)
		cJSON_AddNullToObject(obj, key);
	else
		cJSON_AddStringToObject(obj, key, s);
}

static void
add_days_left(cJSON *obj, const struct record *r, int32_t as_of)
{
	int32_t days;

	if (record_days_left(r, as_of, &days) == 0)
		cJSON_AddNumberToObject(obj, "days_left", days);
	else
		cJSON_AddNullToObject(obj, "days_left");
}

/* The record a replacement names: same provider first, then any spelling
 * the matcher accepts on that provider. */
static const struct record *
find_replacement(const struct snapshot *snap, const struct replacement *rp)
{
	const struct record *r;
	struct lookup l;

	if ((r = snapshot_find(snap, rp->provider, rp->id)) != NULL)
		return r;
	if (snapshot_lookup(snap, rp->id, rp->provider, &l) == 0 &&
	    l.how != MATCH_FAMILY)
		return l.record;
	return NULL;
}

/*
 * Follows first replacements while the target is deprecated or retired
 * (design §3).  Adds "resolved", "chain" and, when it stops on a cycle or
 * at the depth limit, "chain_error".
 */
static void
add_chain(cJSON *obj, const struct snapshot *snap, const struct record *r,
    int32_t as_of)
{
	const struct record *seen[ANSWER_CHAIN_MAX + 1], *next;
	const char *resolved = NULL, *error = NULL;
	cJSON *chain = cJSON_CreateArray();
	size_t nseen = 0, i;

	seen[nseen++] = r;
	while (r != NULL && r->nreplacements > 0) {
		const struct replacement *rp = &r->replacements[0];

		next = find_replacement(snap, rp);
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
		resolved = next != NULL ? next->id : rp->id;
		cJSON_AddItemToArray(chain, cJSON_CreateString(resolved));
		if (next == NULL ||
		    !status_is_deprecated(record_status(next, as_of)))
			break;
		seen[nseen++] = next;
		r = next;
	}
	add_string(obj, "resolved", resolved);
	cJSON_AddItemToObject(obj, "chain", chain);
	if (error != NULL)
		cJSON_AddStringToObject(obj, "chain_error", error);
}

static void
add_fields(cJSON *obj, const struct snapshot *snap, const struct record *r,
    int32_t as_of)
{
	enum status status = record_status(r, as_of);
	cJSON *list, *item;
	size_t i;

	cJSON_AddStringToObject(obj, "provider", r->provider);
	cJSON_AddStringToObject(obj, "id", r->id);
	list = cJSON_AddArrayToObject(obj, "aliases");
	for (i = 0; i < r->naliases; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(r->aliases[i]));
	cJSON_AddStringToObject(obj, "status", status_name(status));
	cJSON_AddBoolToObject(obj, "deprecated", status_is_deprecated(status));
	answer_add_date(obj, "announced_on", r->announced_on);
	answer_add_date(obj, "shutdown_on", r->shutdown_on);
	add_string(obj, "shutdown_kind", shutdown_kind_name(r->shutdown_kind));
	add_days_left(obj, r, as_of);
	add_string(obj, "replacement", r->nreplacements > 0 ?
	    r->replacements[0].id : NULL);
	list = cJSON_AddArrayToObject(obj, "replacements");
	for (i = 0; i < r->nreplacements; i++) {
		item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "provider",
		    r->replacements[i].provider);
		cJSON_AddStringToObject(item, "id", r->replacements[i].id);
		add_string(item, "note", r->replacements[i].note);
		cJSON_AddItemToArray(list, item);
	}
	add_chain(obj, snap, r, as_of);
	add_string(obj, "kind", r->kind);
	add_string(obj, "scope", r->scope);
	list = cJSON_AddArrayToObject(obj, "sources");
	for (i = 0; i < r->nsources; i++) {
		item = cJSON_CreateObject();
		add_string(item, "feed", r->sources[i].feed);
		add_string(item, "url", r->sources[i].url);
		add_string(item, "first_seen", r->sources[i].first_seen);
		add_string(item, "last_seen", r->sources[i].last_seen);
		cJSON_AddItemToArray(list, item);
	}
}

static void
add_others(cJSON *obj, const struct lookup *l, int32_t as_of)
{
	cJSON *list = cJSON_AddArrayToObject(obj, "others"), *item;
	const struct record *o;
	size_t i;

	for (i = 0; i < l->nothers; i++) {
		o = l->others[i];
		item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "provider", o->provider);
		cJSON_AddStringToObject(item, "id", o->id);
		cJSON_AddStringToObject(item, "status",
		    status_name(record_status(o, as_of)));
		answer_add_date(item, "shutdown_on", o->shutdown_on);
		add_days_left(item, o, as_of);
		cJSON_AddItemToArray(list, item);
	}
}

cJSON *
answer_query(const struct snapshot *snap, const char *query,
    const char *provider, int32_t as_of, const struct record **record)
{
	cJSON *obj = cJSON_CreateObject();
	struct lookup l;

	cJSON_AddStringToObject(obj, "query", query);
	if (record != NULL)
		*record = NULL;
	if (snapshot_lookup(snap, query, provider, &l) < 0 ||
	    l.record == NULL) {
		cJSON_AddBoolToObject(obj, "found", 0);
		return obj;
	}
	cJSON_AddBoolToObject(obj, "found", 1);
	cJSON_AddStringToObject(obj, "match", match_names[l.how]);
	add_fields(obj, snap, l.record, as_of);
	add_others(obj, &l, as_of);
	answer_add_date(obj, "as_of", as_of);
	if (record != NULL)
		*record = l.record;
	return obj;
}

cJSON *
answer_record(const struct snapshot *snap, const struct record *r,
    int32_t as_of)
{
	cJSON *obj = cJSON_CreateObject();

	add_fields(obj, snap, r, as_of);
	return obj;
}
