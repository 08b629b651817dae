/*
 * test_answer.c - answers: status and days on a date, where replacement
 * chains lead (across providers, cycles, depth, unknown and active
 * targets), matches, others, prices, the JSON written from an answer, and
 * the words and class `sunset check` and `sunset scan` share.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "date.h"
#include "feed.h"
#include "tap.h"
#include "fixture.h"
#include "util.h"

static int32_t
day(const char *iso)
{
	int32_t d = DATE_NONE;

	date_parse_iso(iso, &d);
	return d;
}

/* The JSON answer_write writes for a (caller frees). */
static char *
json_of(const struct answer *a)
{
	struct jsonw w;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	answer_write(&w, a, 0);
	return jsonw_take(&w);
}

/* 1 when a's JSON contains want; says what it got when not. */
static int
json_has(const struct answer *a, const char *want)
{
	char *text = json_of(a);
	int found = strstr(text, want) != NULL;

	if (!found)
		printf("#   wanted %s in\n#   %s\n", want, text);
	free(text);
	return found;
}

/* 1 when answer_verdict(a, within) is words in class. */
static int
verdict_is(const struct answer *a, long within, const char *words,
    enum answer_class class)
{
	enum answer_class got;
	char *text = answer_verdict(a, within, &got);
	int same = strcmp(text, words) == 0 && got == class;

	if (!same)
		printf("#   got \"%s\" (class %d), want \"%s\" (class %d)\n",
		    text, (int)got, words, (int)class);
	free(text);
	return same;
}

/* A model "m<i>" replaced by "m<i+1>", deprecated unless i == last. */
static char *
chain_of(int n, int last_active)
{
	char *buf = malloc((size_t)n * 160 + 1), *p = buf;
	int i;

	for (i = 0; i < n; i++) {
		if (i == n - 1 && last_active)
			p += sprintf(p, "%s{\"provider\": \"x\", \"id\": \"m%d\"}",
			    i ? "," : "", i);
		else
			p += sprintf(p, "%s{\"provider\": \"x\", \"id\": "
			    "\"m%d\", \"status\": \"deprecated\", "
			    "\"replacements\": [{\"id\": \"m%d\"}]}",
			    i ? "," : "", i, i + 1);
	}
	return buf;
}

static void
test_chains(void)
{
	struct snapshot *snap;
	struct answer a;
	char *models;

	/* Follows deprecated replacements to the first good one. */
	models = chain_of(4, 1);
	snap = snapshot_of(models);
	answer_resolve(&a, snap, "m0", NULL, day("2026-01-01"));
	is_int((long)a.nchain, 3, "chain lists m1, m2, m3");
	is_str(answer_resolved(&a)->id, "m3", "chain resolves to the active m3");
	ok(a.chain[0].record == a.to && a.to != NULL &&
	    strcmp(a.to->id, "m1") == 0, "the first step is the replacement");
	ok(a.chain[0].status == STATUS_DEPRECATED &&
	    a.chain[2].status == STATUS_ACTIVE, "each step has its status");
	ok(a.chain_error == ANSWER_CHAIN_OK, "no chain_error");
	ok(json_has(&a, "\"resolved\":\"m3\",\"chain\":[\"m1\",\"m2\",\"m3\"],"
	    "\"effort\""), "JSON: resolved and chain, no chain_error");
	snapshot_unref(snap);
	free(models);

	/* A replacement the catalog does not know ends the chain there. */
	models = chain_of(2, 0);
	snap = snapshot_of(models);
	answer_resolve(&a, snap, "m0", NULL, day("2026-01-01"));
	is_str(answer_resolved(&a)->id, "m2", "an unknown target is the end");
	ok(answer_resolved(&a)->record == NULL &&
	    answer_resolved(&a)->status == STATUS_NONE,
	    "and has no record nor status");
	snapshot_unref(snap);
	free(models);

	/* Longer than the limit: stops with chain_error. */
	models = chain_of(ANSWER_CHAIN_MAX + 5, 1);
	snap = snapshot_of(models);
	answer_resolve(&a, snap, "m0", NULL, day("2026-01-01"));
	ok(a.chain_error == ANSWER_CHAIN_TOO_LONG, "a long chain stops");
	is_int((long)a.nchain, ANSWER_CHAIN_MAX, "after the limit of steps");
	is_str(answer_resolved(&a)->id, "m16", "resolved is the last step taken");
	ok(json_has(&a, "\"chain_error\":\"too long\""), "JSON: too long");
	snapshot_unref(snap);
	free(models);
	/* Exactly the limit is no error. */
	models = chain_of(ANSWER_CHAIN_MAX + 1, 1);
	snap = snapshot_of(models);
	answer_resolve(&a, snap, "m0", NULL, day("2026-01-01"));
	ok(a.chain_error == ANSWER_CHAIN_OK && a.nchain == ANSWER_CHAIN_MAX,
	    "a chain of the limit's length ends well");
	snapshot_unref(snap);
	free(models);

	/* A cycle stops at the last model before it repeats. */
	snap = snapshot_of(
	    "{\"provider\": \"x\", \"id\": \"a\", \"status\": \"deprecated\","
	    " \"replacements\": [{\"id\": \"b\"}]},"
	    "{\"provider\": \"x\", \"id\": \"b\", \"status\": \"deprecated\","
	    " \"replacements\": [{\"id\": \"c\"}]},"
	    "{\"provider\": \"x\", \"id\": \"c\", \"status\": \"retired\","
	    " \"replacements\": [{\"id\": \"A\"}]}");
	answer_resolve(&a, snap, "a", NULL, day("2026-01-01"));
	ok(a.chain_error == ANSWER_CHAIN_CYCLE, "a cycle is reported");
	is_str(answer_resolved(&a)->id, "c", "resolved is the last model before it");
	ok(json_has(&a, "\"chain_error\":\"cycle\""), "JSON: cycle");
	answer_resolve(&a, snap, "b", NULL, day("2026-01-01"));
	ok(a.chain_error == ANSWER_CHAIN_CYCLE && a.nchain == 2 &&
	    strcmp(answer_resolved(&a)->id, "a") == 0,
	    "from b: c, then a, then b again");
	snapshot_unref(snap);
	/* A model replaced by itself. */
	snap = snapshot_of(
	    "{\"provider\": \"x\", \"id\": \"s\", \"status\": \"deprecated\","
	    " \"replacements\": [{\"id\": \"s\"}]}");
	answer_resolve(&a, snap, "s", NULL, day("2026-01-01"));
	ok(a.chain_error == ANSWER_CHAIN_CYCLE, "self-replacement is a cycle");
	ok(answer_resolved(&a) == NULL, "and resolves to nothing");
	ok(a.to == a.record && a.to_status == STATUS_DEPRECATED,
	    "its replacement is itself");
	ok(json_has(&a, "\"resolved\":null,\"chain\":[],\"chain_error\":"
	    "\"cycle\",\"effort\":\"trivial\""), "JSON: null and empty");
	snapshot_unref(snap);
}

/* Replacements on other platforms: every step knows its record, so its
 * provider, and the effort is a review. */
static void
test_chain_providers(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"azure\", \"id\": \"old\", \"status\": \"deprecated\","
	    " \"replacements\": [{\"provider\": \"openai\", \"id\": \"mid\"}]},"
	    "{\"provider\": \"openai\", \"id\": \"mid\", \"status\": \"deprecated\","
	    " \"shutdown_on\": \"2026-09-01\","
	    " \"replacements\": [{\"provider\": \"google\", \"id\": \"new\"}]},"
	    "{\"provider\": \"google\", \"id\": \"new\"},"
	    "{\"provider\": \"azure\", \"id\": \"new\", \"status\": \"retired\"}");
	struct answer a;

	answer_resolve(&a, snap, "old", NULL, day("2026-05-08"));
	ok(a.record != NULL && strcmp(a.record->provider, "azure") == 0,
	    "azure's old");
	is_int((long)a.nchain, 2, "two steps");
	is_str(a.chain[0].record != NULL ? a.chain[0].record->provider : "",
	    "openai", "the first on openai");
	is_str(a.chain[1].record != NULL ? a.chain[1].record->provider : "",
	    "google", "the second on google, not azure's retired namesake");
	ok(a.chain[1].status == STATUS_ACTIVE, "where the chain ends");
	is_str(a.effort, "review", "another provider is a review");
	ok(a.to_status == STATUS_DEPRECATED, "to is itself deprecated");
	ok(verdict_is(&a, -1, "deprecated, use mid (then new)",
	    ANSWER_DEPRECATED), "words: use, then");
	snapshot_unref(snap);
}

static void
test_days(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"seed\","
	    " \"shutdown_on\": \"2026-07-23\"},"
	    "{\"provider\": \"openai\", \"id\": \"nodate\"}");
	struct answer a;
	char *text;

	answer_resolve(&a, snap, "seed", NULL, day("2026-05-08"));
	ok(a.record != NULL && strcmp(a.record->id, "seed") == 0,
	    "the record is the answer's");
	ok(a.state.has_days && a.state.days_left == 76,
	    "76 days on 2026-05-08");
	ok(a.state.status == STATUS_DEPRECATED, "deprecated before the day");
	ok(json_has(&a, "\"status\":\"deprecated\",\"deprecated\":true,"),
	    "JSON: status and deprecated");
	answer_resolve(&a, snap, "seed", NULL, day("2026-07-24"));
	is_int(a.state.days_left, -1, "-1 the day after");
	ok(a.state.status == STATUS_RETIRED, "retired after the day");
	answer_resolve(&a, snap, "nodate", NULL, day("2026-05-08"));
	ok(!a.state.has_days, "no days without a date");
	ok(json_has(&a, "\"days_left\":null"), "JSON: days_left null");
	ok(a.state.status == STATUS_ACTIVE, "active without anything stated");
	ok(json_has(&a, "\"deprecated\":false"), "JSON: deprecated false");

	answer_resolve(&a, snap, "unknown-model", NULL, day("2026-05-08"));
	ok(a.record == NULL, "unknown: no record");
	text = json_of(&a);
	is_str(text, "{\"query\":\"unknown-model\",\"found\":false}",
	    "unknown: only query and found");
	free(text);
	answer_resolve(&a, snap, "", NULL, day("2026-05-08"));
	ok(a.record == NULL, "an empty query is unknown");
	snapshot_unref(snap);
}

/* An alias answers with its record and says so; a prefix and provider=
 * pick the platform. */
static void
test_match(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"gpt-x-2025-01-01\","
	    " \"aliases\": [\"gpt-x\"], \"status\": \"deprecated\"},"
	    "{\"provider\": \"azure\", \"id\": \"gpt-x-2025-01-01\","
	    " \"shutdown_on\": \"2026-06-01\"}");
	struct answer a;

	answer_resolve(&a, snap, "gpt-x", NULL, day("2026-05-08"));
	ok(a.record != NULL && strcmp(a.record->id, "gpt-x-2025-01-01") == 0,
	    "the alias answers with its record");
	ok(a.match == MATCH_ALIAS, "match: alias");
	ok(json_has(&a, "{\"query\":\"gpt-x\",\"found\":true,\"match\":"
	    "\"alias\",\"provider\":\"openai\""), "JSON: query, match");
	answer_resolve(&a, snap, "GPT-X-2025-01-01", NULL, day("2026-05-08"));
	ok(a.match != MATCH_EXACT && a.record != NULL &&
	    strcmp(a.record->provider, "openai") == 0,
	    "another letter case: the maker's record");
	is_int((long)a.nothers, 1, "the other platform");
	ok(a.others[0].state.has_days && a.others[0].state.days_left == 24 &&
	    a.others[0].state.status == STATUS_DEPRECATED,
	    "others have their own state");
	answer_resolve(&a, snap, "azure/gpt-x-2025-01-01", NULL,
	    day("2026-05-08"));
	ok(a.record != NULL && strcmp(a.record->provider, "azure") == 0,
	    "a prefix picks the platform");
	answer_resolve(&a, snap, "gpt-x-2025-01-01", "azure",
	    day("2026-05-08"));
	ok(a.record != NULL && strcmp(a.record->provider, "azure") == 0 &&
	    strcmp(a.provider, "azure") == 0, "so does provider=");

	answer_resolve_record(&a, snap, snapshot_record(snap, 0),
	    day("2026-05-08"));
	ok(a.query == NULL && a.nothers == 0 && a.match == MATCH_EXACT,
	    "a record reached without a query: no query, no others");
	snapshot_unref(snap);
}

/* An earliest date that has come: days_left 0, overdue, the status the
 * sources give; in the answer and in each of "others". */
static void
test_overdue(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"google\", \"id\": \"gemini-2.0-flash\","
	    " \"status\": \"deprecated\", \"shutdown_on\": \"2026-06-01\","
	    " \"shutdown_kind\": \"earliest\"},"
	    "{\"provider\": \"vertex\", \"id\": \"gemini-2.0-flash\","
	    " \"status\": \"active\", \"shutdown_on\": \"2026-02-28\","
	    " \"shutdown_kind\": \"earliest\"},"
	    "{\"provider\": \"openai\", \"id\": \"firm\","
	    " \"shutdown_on\": \"2026-07-23\"},"
	    "{\"provider\": \"openai\", \"id\": \"nodate\"}");
	struct answer a;

	answer_resolve(&a, snap, "gemini-2.0-flash", NULL, day("2026-12-03"));
	is_str(a.record != NULL ? a.record->provider : "", "google",
	    "first-party answers");
	ok(a.state.status == STATUS_DEPRECATED,
	    "a passed earliest date keeps the stated status");
	ok(a.state.has_days && a.state.days_left == 0,
	    "days_left 0, not negative");
	ok(a.state.overdue && a.state.earliest_passed, "overdue");
	ok(json_has(&a, "\"days_left\":0,\"overdue\":true,"),
	    "overdue comes right after days_left");
	is_int((long)a.nothers, 1, "others lists vertex");
	ok(a.others[0].state.status == STATUS_ACTIVE &&
	    a.others[0].state.days_left == 0 && a.others[0].state.overdue,
	    "others: still active, days_left 0 and overdue");
	ok(json_has(&a, "\"others\":[{\"provider\":\"vertex\",\"id\":"
	    "\"gemini-2.0-flash\",\"status\":\"active\",\"shutdown_on\":"
	    "\"2026-02-28\",\"days_left\":0,\"overdue\":true}]"),
	    "JSON: others");

	answer_resolve(&a, snap, "gemini-2.0-flash", NULL, day("2026-05-31"));
	is_int(a.state.days_left, 1, "the day before the earliest date: 1 day");
	ok(!a.state.overdue && !a.state.earliest_passed, "and not overdue");

	answer_resolve(&a, snap, "firm", NULL, day("2026-12-03"));
	ok(a.state.status == STATUS_RETIRED, "a passed firm date retires");
	is_int(a.state.days_left, -133, "with negative days");
	ok(!a.state.overdue, "a firm date is never overdue");

	answer_resolve(&a, snap, "nodate", NULL, day("2026-12-03"));
	ok(!a.state.overdue, "no date: not overdue");
	snapshot_unref(snap);
}

/* A merged record whose losing source states another date. */
static void
test_disputed(void)
{
	struct recordset records = { 0 };
	struct snapshot *snap;
	struct record *r;
	struct answer a;

	r = recordset_add(&records);
	r->provider = xstrdup("openai");
	r->id = xstrdup("m");
	r->shutdown_on = day("2026-07-23");
	r->shutdown_kind = SHUTDOWN_FIRM;
	record_add_dispute(r, "shutdown_on", "2026-08-01", "other", NULL);
	snap = snapshot_new(&records);
	answer_resolve(&a, snap, "m", NULL, day("2026-05-08"));
	ok(a.disputed, "disputed");
	ok(json_has(&a, "\"disputed\":[{\"field\":\"shutdown_on\",\"value\":"
	    "\"2026-08-01\",\"feed\":\"other\",\"url\":null}]"),
	    "JSON: the losing value");
	ok(verdict_is(&a, -1, "deprecated, shuts down 2026-07-23 (76 days "
	    "left)", ANSWER_DEPRECATED), "words: the winning date");
	snapshot_unref(snap);
}

/* What check and scan say, and how it counts, state by state. */
static void
test_verdict(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"active\"},"
	    "{\"provider\": \"openai\", \"id\": \"legacy\","
	    " \"status\": \"legacy\"},"
	    "{\"provider\": \"openai\", \"id\": \"soon\","
	    " \"shutdown_on\": \"2026-07-23\","
	    " \"replacements\": [{\"id\": \"soon2\"}]},"
	    "{\"provider\": \"openai\", \"id\": \"soon2\","
	    " \"shutdown_on\": \"2027-01-20\","
	    " \"replacements\": [{\"id\": \"active\"}]},"
	    "{\"provider\": \"openai\", \"id\": \"nodate\","
	    " \"status\": \"deprecated\"},"
	    "{\"provider\": \"google\", \"id\": \"earliest\","
	    " \"status\": \"deprecated\", \"shutdown_on\": \"2026-06-01\","
	    " \"shutdown_kind\": \"earliest\"},"
	    "{\"provider\": \"google\", \"id\": \"gone\","
	    " \"status\": \"retired\", \"shutdown_on\": \"2025-09-24\","
	    " \"shutdown_kind\": \"earliest\"}");
	struct answer a;
	int32_t may8 = day("2026-05-08");

	answer_resolve(&a, snap, "active", NULL, may8);
	ok(verdict_is(&a, -1, "active", ANSWER_FINE), "active");
	answer_resolve(&a, snap, "legacy", NULL, may8);
	ok(verdict_is(&a, -1, "legacy", ANSWER_FINE), "legacy counts not");
	answer_resolve(&a, snap, "soon", NULL, may8);
	ok(verdict_is(&a, -1, "deprecated, shuts down 2026-07-23 (76 days "
	    "left), use soon2 (then active)", ANSWER_DEPRECATED),
	    "deprecated with days, replacement and where it leads");
	ok(verdict_is(&a, 30, "deprecated, shuts down 2026-07-23 (76 days "
	    "left), use soon2 (then active)", ANSWER_FINE),
	    "beyond --within: fine");
	ok(verdict_is(&a, 76, "deprecated, shuts down 2026-07-23 (76 days "
	    "left), use soon2 (then active)", ANSWER_DEPRECATED),
	    "within --within, the last day included");
	answer_resolve(&a, snap, "soon", NULL, day("2026-07-22"));
	ok(verdict_is(&a, -1, "deprecated, shuts down 2026-07-23 (1 day "
	    "left), use soon2 (then active)", ANSWER_DEPRECATED), "1 day");
	answer_resolve(&a, snap, "soon", NULL, day("2026-07-23"));
	ok(verdict_is(&a, 0, "retired, shuts down 2026-07-23 (today), use "
	    "soon2 (then active)", ANSWER_RETIRED), "the shutdown day");
	answer_resolve(&a, snap, "soon", NULL, day("2026-07-25"));
	ok(verdict_is(&a, -1, "retired, shut down 2026-07-23 (2 days ago), "
	    "use soon2 (then active)", ANSWER_RETIRED), "days ago");
	answer_resolve(&a, snap, "soon2", NULL, may8);
	ok(verdict_is(&a, -1, "deprecated, shuts down 2027-01-20 (257 days "
	    "left), use active", ANSWER_DEPRECATED), "no then when the same");
	answer_resolve(&a, snap, "nodate", NULL, may8);
	ok(verdict_is(&a, 30, "deprecated", ANSWER_DEPRECATED),
	    "no date counts within any window");
	answer_resolve(&a, snap, "earliest", NULL, may8);
	ok(verdict_is(&a, -1, "deprecated, shuts down 2026-06-01 at the "
	    "earliest (24 days left)", ANSWER_DEPRECATED), "an earliest date");
	ok(verdict_is(&a, 30, "deprecated, shuts down 2026-06-01 at the "
	    "earliest (24 days left)", ANSWER_FINE),
	    "an earliest date is not due within days");
	answer_resolve(&a, snap, "earliest", NULL, day("2026-12-03"));
	ok(verdict_is(&a, -1, "deprecated, may stop any day, not before "
	    "2026-06-01", ANSWER_DEPRECATED), "overdue");
	ok(verdict_is(&a, 30, "deprecated, may stop any day, not before "
	    "2026-06-01", ANSWER_FINE), "overdue is no shutdown in a window");
	answer_resolve(&a, snap, "gone", NULL, day("2026-12-03"));
	ok(verdict_is(&a, 30, "retired, shut down on or after 2025-09-24",
	    ANSWER_RETIRED), "retired after an earliest date");
	answer_resolve(&a, snap, "no-such-model", NULL, may8);
	ok(verdict_is(&a, -1, "unknown", ANSWER_UNKNOWN), "unknown");
	snapshot_unref(snap);
}

/* 1 when the unformatted JSON of obj's member key is want. */
static int
member_is(const cJSON *obj, const char *key, const char *want)
{
	char *text = cJSON_PrintUnformatted(
	    cJSON_GetObjectItemCaseSensitive(obj, key));
	int same = text != NULL && strcmp(text, want) == 0;

	if (!same)
		printf("#   %s: %s\n", key, text != NULL ? text : "(none)");
	free(text);
	return same;
}

/* The JSON of the answer to query, parsed (caller deletes). */
static cJSON *
parsed(const struct snapshot *snap, const char *query, int32_t as_of)
{
	struct answer a;
	char *text;
	cJSON *obj;

	answer_resolve(&a, snap, query, NULL, as_of);
	text = json_of(&a);
	obj = cJSON_Parse(text);
	free(text);
	return obj;
}

/* "pricing" and "price_change": text and audio prices, in a fixed key
 * order, null where unknown. */
static void
test_pricing(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"old-realtime\","
	    " \"status\": \"deprecated\","
	    " \"replacements\": [{\"id\": \"new-realtime\"}],"
	    " \"pricing\": {\"input_per_mtok\": 0.6, \"output_per_mtok\": 2.4,"
	    " \"audio_input_per_mtok\": 10, \"audio_output_per_mtok\": 20}},"
	    "{\"provider\": \"openai\", \"id\": \"new-realtime\","
	    " \"pricing\": {\"input_per_mtok\": 0.8, \"output_per_mtok\": 3.2,"
	    " \"audio_input_per_mtok\": 8, \"audio_output_per_mtok\": 32}},"
	    "{\"provider\": \"openai\", \"id\": \"old-chat\","
	    " \"status\": \"deprecated\","
	    " \"replacements\": [{\"id\": \"new-chat\"}],"
	    " \"pricing\": {\"input_per_mtok\": 2.5, \"output_per_mtok\": 10,"
	    " \"audio_input_per_mtok\": 40}},"
	    "{\"provider\": \"openai\", \"id\": \"new-chat\","
	    " \"pricing\": {\"input_per_mtok\": 1.25, \"output_per_mtok\": 10}},"
	    "{\"provider\": \"openai\", \"id\": \"voice\","
	    " \"pricing\": {\"audio_output_per_mtok\": 20}}");
	struct answer ans;
	cJSON *a;

	answer_resolve(&ans, snap, "old-realtime", NULL, day("2026-05-08"));
	ok(ans.has_price_change && ans.price_change.has_audio_input &&
	    ans.price_change.has_audio_output, "a price change, with audio");
	a = parsed(snap, "old-realtime", day("2026-05-08"));
	ok(member_is(a, "pricing", "{\"input_per_mtok\":0.6,"
	    "\"output_per_mtok\":2.4,\"audio_input_per_mtok\":10,"
	    "\"audio_output_per_mtok\":20,\"currency\":\"USD\"}"),
	    "pricing: text, then audio prices");
	ok(member_is(a, "price_change", "{\"input_per_mtok\":0.2,"
	    "\"output_per_mtok\":0.8,\"audio_input_per_mtok\":-2,"
	    "\"audio_output_per_mtok\":12,\"currency\":\"USD\"}"),
	    "price_change: text and audio deltas");
	cJSON_Delete(a);

	a = parsed(snap, "old-chat", day("2026-05-08"));
	ok(member_is(a, "pricing", "{\"input_per_mtok\":2.5,"
	    "\"output_per_mtok\":10,\"audio_input_per_mtok\":40,"
	    "\"audio_output_per_mtok\":null,\"currency\":\"USD\"}"),
	    "pricing: an unknown audio price is null");
	ok(member_is(a, "price_change", "{\"input_per_mtok\":-1.25,"
	    "\"output_per_mtok\":0,\"audio_input_per_mtok\":null,"
	    "\"audio_output_per_mtok\":null,\"currency\":\"USD\"}"),
	    "price_change: audio deltas null unless both models state them");
	cJSON_Delete(a);

	answer_resolve(&ans, snap, "new-chat", NULL, day("2026-05-08"));
	ok(!ans.has_price_change && ans.effort == NULL,
	    "no replacement: no price change, no effort");
	a = parsed(snap, "new-chat", day("2026-05-08"));
	ok(member_is(a, "pricing", "{\"input_per_mtok\":1.25,"
	    "\"output_per_mtok\":10,\"audio_input_per_mtok\":null,"
	    "\"audio_output_per_mtok\":null,\"currency\":\"USD\"}"),
	    "pricing: a text-only model has null audio prices");
	ok(member_is(a, "price_change", "null"), "price_change: none");
	cJSON_Delete(a);

	a = parsed(snap, "voice", day("2026-05-08"));
	ok(member_is(a, "pricing", "{\"input_per_mtok\":null,"
	    "\"output_per_mtok\":null,\"audio_input_per_mtok\":null,"
	    "\"audio_output_per_mtok\":20,\"currency\":\"USD\"}"),
	    "pricing: an audio price alone is pricing");
	cJSON_Delete(a);
	snapshot_unref(snap);
}

/* The list item and batch shapes. */
static void
test_shapes(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"m\"}");
	struct jsonw w;
	struct answer a;
	char *text;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	answer_resolve_record(&a, snap, snapshot_record(snap, 0),
	    day("2026-05-08"));
	answer_write_record(&w, &a);
	text = jsonw_take(&w);
	ok(strncmp(text, "{\"provider\":\"openai\",\"id\":\"m\",", 30) == 0 &&
	    strstr(text, "\"query\"") == NULL &&
	    strstr(text, "\"others\"") == NULL &&
	    strstr(text, "\"as_of\"") == NULL, "a list item: fields only");
	free(text);
	answer_write_batch_open(&w, day("2026-05-08"));
	answer_resolve(&a, snap, "nope", NULL, day("2026-05-08"));
	answer_write(&w, &a, 0);
	answer_write_batch_close(&w);
	text = jsonw_take(&w);
	is_str(text, "{\"schema_version\":\"1\",\"as_of\":\"2026-05-08\","
	    "\"results\":[{\"query\":\"nope\",\"found\":false}]}",
	    "a batch");
	free(text);
	answer_resolve(&a, snap, "nope", NULL, day("2026-05-08"));
	answer_write(&w, &a, 1);
	text = jsonw_take(&w);
	is_str(text, "{\"query\":\"nope\",\"found\":false,"
	    "\"schema_version\":\"1\"}", "schema_version last");
	free(text);
	snapshot_unref(snap);
}

int
main(void)
{
	xcjson_init();
	test_days();
	test_match();
	test_overdue();
	test_chains();
	test_chain_providers();
	test_disputed();
	test_verdict();
	test_pricing();
	test_shapes();
	return tap_done();
}
