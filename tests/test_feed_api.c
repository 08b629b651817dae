/*
 * test_feed_api.c - what the model-list API parsers share: how Bedrock
 * folds what several regions say of one model, how a time is read, and
 * what the account's ids and the next page are across pages and refusals.
 * The documents themselves are golden cases (tests/golden/FORMAT).
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "record.h"
#include "tap.h"
#include "util.h"

#define D(y, m, d) date_from_ymd(y, m, d)

static void
set(struct record *r, enum status status, int32_t shutdown,
    enum shutdown_kind kind)
{
	record_init(r);
	r->status = status;
	r->shutdown_on = shutdown;
	r->shutdown_kind = shutdown == DATE_NONE ? SHUTDOWN_NONE : kind;
}

/* better(a, b) and better(b, a) must agree on which one wins. */
static void
prefers(const struct record *a, const struct record *b, const char *what)
{
	ok(feed_bedrock_models_better(a, b) > 0 &&
	    feed_bedrock_models_better(b, a) < 0, "better: %s", what);
}

static void
test_better(void)
{
	static const enum status gravest_first[] = {
		STATUS_RETIRED, STATUS_DEPRECATED, STATUS_LEGACY,
		STATUS_ACTIVE, STATUS_NONE
	};
	struct record a, b;
	size_t i;

	set(&a, STATUS_ACTIVE, D(2026, 3, 1), SHUTDOWN_FIRM);
	set(&b, STATUS_LEGACY, D(2026, 9, 1), SHUTDOWN_FIRM);
	prefers(&a, &b, "the earlier firm shutdown, whatever the status");
	set(&b, STATUS_RETIRED, DATE_NONE, SHUTDOWN_NONE);
	prefers(&a, &b, "a firm shutdown over none");
	set(&b, STATUS_RETIRED, D(2025, 1, 1), SHUTDOWN_EARLIEST);
	prefers(&a, &b, "a firm shutdown over an earliest one");
	for (i = 0; i + 1 < sizeof(gravest_first) / sizeof(*gravest_first);
	    i++) {
		set(&a, gravest_first[i], D(2026, 3, 1), SHUTDOWN_FIRM);
		set(&b, gravest_first[i + 1], D(2026, 3, 1), SHUTDOWN_FIRM);
		prefers(&a, &b, "on the same day, the graver status");
		set(&a, gravest_first[i], DATE_NONE, SHUTDOWN_NONE);
		set(&b, gravest_first[i + 1], DATE_NONE, SHUTDOWN_NONE);
		prefers(&a, &b, "without dates, the graver status");
	}
	set(&a, STATUS_LEGACY, D(2026, 3, 1), SHUTDOWN_FIRM);
	set(&b, STATUS_LEGACY, D(2026, 3, 1), SHUTDOWN_FIRM);
	is_int(feed_bedrock_models_better(&a, &b), 0,
	    "better: the same statement is a tie");
}

/* Two regions' pages into one set, folded as the caller folds them. */
static void
test_regions(void)
{
	static const char east[] = "{\"modelSummaries\": ["
	    "{\"modelId\": \"anthropic.claude-v2:1\", \"modelLifecycle\":"
	    " {\"status\": \"ACTIVE\"}},"
	    "{\"modelId\": \"meta.llama3-8b-instruct-v1:0\", \"modelLifecycle\":"
	    " {\"status\": \"LEGACY\", \"endOfLifeTime\": 1798761600}}]}";
	static const char west[] = "{\"modelSummaries\": ["
	    "{\"modelId\": \"anthropic.claude-v2:1\", \"modelLifecycle\":"
	    " {\"status\": \"LEGACY\", \"legacyTime\": \"2025-01-01\","
	    " \"endOfLifeTime\": \"2026-06-30T00:00:00Z\"}},"
	    "{\"modelId\": \"meta.llama3-8b-instruct-v1:0\", \"modelLifecycle\":"
	    " {\"status\": \"ACTIVE\"}}]}";
	struct feed_options options = { NULL, NULL, NULL, NULL };
	struct recordset set = { 0 };
	char *cause = NULL;

	options.region = "us-east-1";
	ok(feed_bedrock_models_parse(east, sizeof(east) - 1, &options, &set,
	    &cause) == 0, "regions: us-east-1 parses");
	options.region = "us-west-2";
	ok(feed_bedrock_models_parse(west, sizeof(west) - 1, &options, &set,
	    &cause) == 0, "regions: us-west-2 parses");
	feed_dedupe(&set, 0, feed_bedrock_models_better);
	if (!ok(set.n == 2, "regions: one record a model"))
		goto out;
	is_str(set.v[0].id, "anthropic.claude-v2:1", "regions: claude first");
	is_int(set.v[0].status, STATUS_LEGACY,
	    "regions: the region where it is legacy wins over active");
	is_int(set.v[0].shutdown_on, D(2026, 6, 30),
	    "regions: with that region's shutdown");
	is_str(set.v[0].scope, "us-west-2", "regions: and that region");
	is_int(set.v[1].shutdown_on, D(2027, 1, 1),
	    "regions: the shutdown one region states wins over none");
	is_str(set.v[1].scope, "us-east-1", "regions: llama from us-east-1");
out:
	recordset_clear(&set);
	free(cause);
}

static void
date_is(const char *json, int rc, int32_t date, const char *what)
{
	cJSON *obj = cJSON_Parse(json);
	enum shutdown_kind kind;
	int32_t got = 0;
	int r;

	r = feed_api_date(obj, "t", &got, &kind);
	ok(r == rc && (rc < 0 || got == date), "time: %s", what);
	if (rc == 0)
		is_int(kind, date == DATE_NONE ? SHUTDOWN_NONE : SHUTDOWN_FIRM,
		    "time: %s is %s", what, date == DATE_NONE ? "no date" :
		    "a firm date");
	cJSON_Delete(obj);
}

static void
test_dates(void)
{
	date_is("{}", 0, DATE_NONE, "absent");
	date_is("{\"t\": null}", 0, DATE_NONE, "null");
	date_is("{\"t\": 1719878400}", 0, D(2024, 7, 2), "Unix seconds");
	date_is("{\"t\": 1719964799.999}", 0, D(2024, 7, 2),
	    "a fraction of a second before midnight");
	date_is("{\"t\": 0}", 0, D(1970, 1, 1), "the epoch");
	date_is("{\"t\": \"2026-03-30T12:00:00Z\"}", 0, D(2026, 3, 30),
	    "an ISO date-time");
	date_is("{\"t\": \"2026-03-30T23:30:00-02:00\"}", 0, D(2026, 3, 31),
	    "an ISO date-time with an offset, on its UTC day");
	date_is("{\"t\": \"2026-10-23\"}", 0, D(2026, 10, 23), "a date");
	date_is("{\"t\": 1719878400000}", -1, 0, "milliseconds");
	date_is("{\"t\": -86400}", -1, 0, "before 1970");
	date_is("{\"t\": 1e400}", -1, 0, "out of range");
	date_is("{\"t\": true}", -1, 0, "a boolean");
	date_is("{\"t\": [1719878400]}", -1, 0, "a list");
	date_is("{\"t\": \"soon\"}", -1, 0, "a word");
}

/* Two Anthropic pages into one list, the second repeating an id. */
static void
test_pages(void)
{
	static const char page1[] = "{\"data\": [{\"id\": \"claude-a\"},"
	    " {\"id\": \"claude-b\"}], \"has_more\": true,"
	    " \"last_id\": \"claude-b\"}";
	static const char page2[] = "{\"data\": [{\"id\": \"claude-b\"},"
	    " {\"id\": \"claude-c\"}], \"has_more\": false,"
	    " \"last_id\": \"claude-c\"}";
	static const char refused[] = "{\"data\": [{\"id\": \"claude-d\"}],"
	    " \"has_more\": true}";
	struct feed_account account = { NULL, 0, 0 };
	struct feed_options options = { NULL, NULL, &account, NULL };
	struct recordset set = { 0 };
	char *cause = NULL, *next = NULL;

	options.next = &next;
	ok(feed_anthropic_models_parse(page1, sizeof(page1) - 1, &options,
	    &set, &cause) == 0, "pages: the first page parses");
	is_str(next, "claude-b", "pages: the next page follows the last id");
	free(next);
	ok(feed_anthropic_models_parse(page2, sizeof(page2) - 1, &options,
	    &set, &cause) == 0, "pages: the second page parses");
	ok(next == NULL, "pages: the last page has no next");
	ok(feed_anthropic_models_parse(refused, sizeof(refused) - 1,
	    &options, &set, &cause) < 0, "pages: more without a cursor is "
	    "refused");
	ok(next == NULL, "pages: a refused page has no next");
	is_int(set.n, 0, "pages: no records");
	if (ok(account.n == 3, "pages: three ids, once each, none from the "
	    "refused page")) {
		is_str(account.ids[0], "claude-a", "pages: first id");
		is_str(account.ids[2], "claude-c", "pages: last id");
	}
	/* Without pointers the parsers ask for nothing more. */
	ok(feed_anthropic_models_parse(page1, sizeof(page1) - 1, NULL, &set,
	    &cause) == 0, "pages: a page parses without options");
	feed_account_clear(&account);
	recordset_clear(&set);
	free(cause);
}

int
main(void)
{
	xcjson_init();
	test_better();
	test_regions();
	test_dates();
	test_pages();
	return tap_done();
}
