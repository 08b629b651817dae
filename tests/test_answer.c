/*
 * test_answer.c - answer objects: status and days on a date, where
 * replacement chains lead (cycles, depth, unknown and active targets), and
 * prices.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "date.h"
#include "feed.h"
#include "tap.h"
#include "fixture.h"

static const char *
str(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

static int32_t
day(const char *iso)
{
	int32_t d = DATE_NONE;

	date_parse_iso(iso, &d);
	return d;
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
	cJSON *a;
	char *models;

	/* Follows deprecated replacements to the first good one. */
	models = chain_of(4, 1);
	snap = snapshot_of(models);
	a = answer_query(snap, "m0", NULL, day("2026-01-01"), NULL);
	is_str(str(a, "resolved"), "m3", "chain resolves to the active m3");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(a, "chain")), 3,
	    "chain lists m1, m2, m3");
	ok(cJSON_GetObjectItem(a, "chain_error") == NULL, "no chain_error");
	cJSON_Delete(a);
	snapshot_unref(snap);
	free(models);

	/* A replacement the catalog does not know ends the chain there. */
	models = chain_of(2, 0);
	snap = snapshot_of(models);
	a = answer_query(snap, "m0", NULL, day("2026-01-01"), NULL);
	is_str(str(a, "resolved"), "m2", "an unknown target is the end");
	cJSON_Delete(a);
	snapshot_unref(snap);
	free(models);

	/* Longer than the limit: stops with chain_error. */
	models = chain_of(ANSWER_CHAIN_MAX + 5, 1);
	snap = snapshot_of(models);
	a = answer_query(snap, "m0", NULL, day("2026-01-01"), NULL);
	is_str(str(a, "chain_error"), "too long", "a long chain stops");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(a, "chain")),
	    ANSWER_CHAIN_MAX, "after the limit of steps");
	is_str(str(a, "resolved"), "m16", "resolved is the last step taken");
	cJSON_Delete(a);
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
	a = answer_query(snap, "a", NULL, day("2026-01-01"), NULL);
	is_str(str(a, "chain_error"), "cycle", "a cycle is reported");
	is_str(str(a, "resolved"), "c", "resolved is the last model before it");
	cJSON_Delete(a);
	/* A model replaced by itself. */
	snapshot_unref(snap);
	snap = snapshot_of(
	    "{\"provider\": \"x\", \"id\": \"s\", \"status\": \"deprecated\","
	    " \"replacements\": [{\"id\": \"s\"}]}");
	a = answer_query(snap, "s", NULL, day("2026-01-01"), NULL);
	is_str(str(a, "chain_error"), "cycle", "self-replacement is a cycle");
	ok(cJSON_IsNull(cJSON_GetObjectItem(a, "resolved")),
	    "and resolves to nothing");
	cJSON_Delete(a);
	snapshot_unref(snap);
}

static void
test_days(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"seed\","
	    " \"shutdown_on\": \"2026-07-23\"},"
	    "{\"provider\": \"openai\", \"id\": \"nodate\"}");
	const struct record *r;
	cJSON *a;

	a = answer_query(snap, "seed", NULL, day("2026-05-08"), &r);
	ok(r != NULL, "record pointer is returned");
	is_int(cJSON_GetObjectItem(a, "days_left")->valuedouble, 76,
	    "76 days on 2026-05-08");
	is_str(str(a, "status"), "deprecated", "deprecated before the day");
	cJSON_Delete(a);
	a = answer_query(snap, "seed", NULL, day("2026-07-24"), NULL);
	is_int(cJSON_GetObjectItem(a, "days_left")->valuedouble, -1,
	    "-1 the day after");
	is_str(str(a, "status"), "retired", "retired after the day");
	cJSON_Delete(a);
	a = answer_query(snap, "nodate", NULL, day("2026-05-08"), NULL);
	ok(cJSON_IsNull(cJSON_GetObjectItem(a, "days_left")),
	    "days_left is null without a date");
	is_str(str(a, "status"), "active", "active without anything stated");
	ok(cJSON_IsFalse(cJSON_GetObjectItem(a, "deprecated")),
	    "deprecated: false");
	cJSON_Delete(a);
	a = answer_query(snap, "unknown-model", NULL, day("2026-05-08"), &r);
	ok(r == NULL && cJSON_IsFalse(cJSON_GetObjectItem(a, "found")),
	    "unknown: found false");
	is_int(cJSON_GetArraySize(a), 2, "unknown: only query and found");
	cJSON_Delete(a);
	snapshot_unref(snap);
}

/* An earliest date that has come: days_left 0, "overdue": true, the status
 * the sources give; in the answer and in each of "others". */
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
	const cJSON *other, *days, *overdue;
	cJSON *a;
	char *text;

	a = answer_query(snap, "gemini-2.0-flash", NULL, day("2026-12-03"),
	    NULL);
	is_str(str(a, "provider"), "google", "first-party answers");
	is_str(str(a, "status"), "deprecated",
	    "a passed earliest date keeps the stated status");
	is_int(cJSON_GetObjectItem(a, "days_left")->valuedouble, 0,
	    "days_left 0, not negative");
	ok(cJSON_IsTrue(cJSON_GetObjectItem(a, "overdue")), "overdue: true");
	text = cJSON_PrintUnformatted(a);
	ok(strstr(text, "\"days_left\":0,\"overdue\":true,") != NULL,
	    "overdue comes right after days_left");
	free(text);
	other = cJSON_GetArrayItem(cJSON_GetObjectItem(a, "others"), 0);
	is_str(str(other, "provider"), "vertex", "others lists vertex");
	is_str(str(other, "status"), "active", "still active");
	days = cJSON_GetObjectItem(other, "days_left");
	overdue = cJSON_GetObjectItem(other, "overdue");
	ok(days != NULL && days->valuedouble == 0 && cJSON_IsTrue(overdue),
	    "others: days_left 0 and overdue");
	cJSON_Delete(a);

	a = answer_query(snap, "gemini-2.0-flash", NULL, day("2026-05-31"),
	    NULL);
	is_int(cJSON_GetObjectItem(a, "days_left")->valuedouble, 1,
	    "the day before the earliest date: 1 day");
	ok(cJSON_IsFalse(cJSON_GetObjectItem(a, "overdue")),
	    "and not overdue");
	cJSON_Delete(a);

	a = answer_query(snap, "firm", NULL, day("2026-12-03"), NULL);
	is_str(str(a, "status"), "retired", "a passed firm date retires");
	is_int(cJSON_GetObjectItem(a, "days_left")->valuedouble, -133,
	    "with negative days");
	ok(cJSON_IsFalse(cJSON_GetObjectItem(a, "overdue")),
	    "a firm date is never overdue");
	cJSON_Delete(a);

	a = answer_query(snap, "nodate", NULL, day("2026-12-03"), NULL);
	ok(cJSON_IsFalse(cJSON_GetObjectItem(a, "overdue")),
	    "no date: overdue false");
	cJSON_Delete(a);
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
	cJSON *a;

	a = answer_query(snap, "old-realtime", NULL, day("2026-05-08"), NULL);
	ok(member_is(a, "pricing", "{\"input_per_mtok\":0.6,"
	    "\"output_per_mtok\":2.4,\"audio_input_per_mtok\":10,"
	    "\"audio_output_per_mtok\":20,\"currency\":\"USD\"}"),
	    "pricing: text, then audio prices");
	ok(member_is(a, "price_change", "{\"input_per_mtok\":0.2,"
	    "\"output_per_mtok\":0.8,\"audio_input_per_mtok\":-2,"
	    "\"audio_output_per_mtok\":12,\"currency\":\"USD\"}"),
	    "price_change: text and audio deltas");
	cJSON_Delete(a);

	a = answer_query(snap, "old-chat", NULL, day("2026-05-08"), NULL);
	ok(member_is(a, "pricing", "{\"input_per_mtok\":2.5,"
	    "\"output_per_mtok\":10,\"audio_input_per_mtok\":40,"
	    "\"audio_output_per_mtok\":null,\"currency\":\"USD\"}"),
	    "pricing: an unknown audio price is null");
	ok(member_is(a, "price_change", "{\"input_per_mtok\":-1.25,"
	    "\"output_per_mtok\":0,\"audio_input_per_mtok\":null,"
	    "\"audio_output_per_mtok\":null,\"currency\":\"USD\"}"),
	    "price_change: audio deltas null unless both models state them");
	cJSON_Delete(a);

	a = answer_query(snap, "new-chat", NULL, day("2026-05-08"), NULL);
	ok(member_is(a, "pricing", "{\"input_per_mtok\":1.25,"
	    "\"output_per_mtok\":10,\"audio_input_per_mtok\":null,"
	    "\"audio_output_per_mtok\":null,\"currency\":\"USD\"}"),
	    "pricing: a text-only model has null audio prices");
	ok(member_is(a, "price_change", "null"), "price_change: none");
	cJSON_Delete(a);

	a = answer_query(snap, "voice", NULL, day("2026-05-08"), NULL);
	ok(member_is(a, "pricing", "{\"input_per_mtok\":null,"
	    "\"output_per_mtok\":null,\"audio_input_per_mtok\":null,"
	    "\"audio_output_per_mtok\":20,\"currency\":\"USD\"}"),
	    "pricing: an audio price alone is pricing");
	cJSON_Delete(a);
	snapshot_unref(snap);
}

int
main(void)
{
	test_days();
	test_overdue();
	test_chains();
	test_pricing();
	return tap_done();
}
