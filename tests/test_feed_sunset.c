/*
 * test_feed_sunset.c - the native feed format, sunset-feed/1: what the
 * reader accepts, what it refuses (with a cause), and that what the writer
 * writes reads back the same.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "merge.h"
#include "record.h"
#include "tap.h"
#include "util.h"

#define D(y, m, d) date_from_ymd(y, m, d)

/* A document with one model whose members are the given JSON text. */
#define ONE_MODEL(members) \
	"{\"format\": \"sunset-feed/1\", \"models\": [{" members "}]}"

static const char full_doc[] =
    "{\n"
    "  \"format\": \"sunset-feed/1\",\n"
    "  \"generated_at\": \"2026-11-25T06:00:00Z\",\n"
    "  \"publisher\": {\"name\": \"unknown top-level field\"},\n"
    "  \"models\": [\n"
    "    {\"provider\": \"openai\", \"id\": \"gpt-4-0613\",\n"
    "     \"aliases\": [\"gpt-4\", \"gpt-4-0613\", \"gpt-4\"],\n"
    "     \"status\": \"deprecated\", \"announced_on\": \"2026-04-22\",\n"
    "     \"shutdown_on\": \"2026-10-23\", \"shutdown_kind\": \"firm\",\n"
    "     \"replacements\": [\n"
    "       {\"provider\": \"openai\", \"id\": \"gpt-5.4\", \"note\": null},\n"
    "       {\"id\": \"gpt-5.4-mini\", \"note\": \"cheaper\"}],\n"
    "     \"kind\": \"chat\", \"scope\": \"us-gov\",\n"
    "     \"pricing\": {\"input_per_mtok\": 30},\n"
    "     \"sources\": [{\"url\": \"https://example.com/deprecations\",\n"
    "                  \"first_seen\": \"2026-04-22T00:00:00Z\",\n"
    "                  \"last_seen\": \"2026-05-08T00:00:00Z\",\n"
    "                  \"etag\": \"ignored\"}]},\n"
    "    {\"provider\": \"azure\", \"id\": \"o1-mini\", \"status\": null,\n"
    "     \"shutdown_on\": \"2026-02-28\", \"shutdown_kind\": \"earliest\"}\n"
    "  ]\n"
    "}\n";

/* Parses doc; returns the parse result, records in out, cause in *cause. */
static int
parse(const char *doc, struct recordset *out, char **cause)
{
	recordset_clear(out);
	free(*cause);
	*cause = NULL;
	return feed_sunset_parse(doc, strlen(doc), NULL, out, cause);
}

/* Checks that doc is refused with a cause naming what. */
static void
check_refused(const char *doc, const char *what, const char *needle)
{
	struct recordset out = { 0 };
	char *cause = NULL;

	is_int(parse(doc, &out, &cause), -1, "%s is refused", what);
	if (!ok(cause != NULL && strstr(cause, needle) != NULL,
	    "%s: cause mentions \"%s\"", what, needle))
		printf("#   cause: %s\n", cause != NULL ? cause : "(null)");
	recordset_clear(&out);
	free(cause);
}

/* Parses a one-model doc that must succeed; 1 when it did. */
static int
parse_one(const char *doc, struct recordset *out, const char *what)
{
	char *cause = NULL;
	int good = parse(doc, out, &cause) == 0 && out->n == 1;

	if (!ok(good, "%s is accepted", what) && cause != NULL)
		printf("#   cause: %s\n", cause);
	free(cause);
	return good;
}

static void
test_full(void)
{
	struct recordset out = { 0 };
	char *cause = NULL;
	const struct record *r;

	/* Every field, unknown fields at each level ignored. */
	is_int(parse(full_doc, &out, &cause), 0, "the full document parses");
	is_str(cause, NULL, "no cause on success");
	is_int(out.n, 2, "two models");
	if (out.n != 2)
		goto out;
	r = &out.v[0];
	is_str(r->provider, "openai", "provider");
	is_str(r->id, "gpt-4-0613", "id");
	is_int(r->naliases, 1, "aliases: duplicates and the id dropped");
	ok(record_has_alias(r, "gpt-4"), "alias gpt-4");
	is_int(r->status, STATUS_DEPRECATED, "status");
	is_int(r->announced_on, D(2026, 4, 22), "announced_on");
	is_int(r->shutdown_on, D(2026, 10, 23), "shutdown_on");
	is_int(r->shutdown_kind, SHUTDOWN_FIRM, "shutdown_kind");
	is_int(r->nreplacements, 2, "two replacements, in order");
	if (r->nreplacements == 2) {
		is_str(r->replacements[0].id, "gpt-5.4", "first replacement");
		is_str(r->replacements[0].note, NULL, "null note");
		is_str(r->replacements[1].provider, "openai",
		    "a replacement without provider is the model's");
		is_str(r->replacements[1].id, "gpt-5.4-mini",
		    "second replacement");
		is_str(r->replacements[1].note, "cheaper", "its note");
	}
	is_str(r->kind, "chat", "kind");
	is_str(r->scope, "us-gov", "scope");
	is_int(r->nsources, 1, "one source");
	if (r->nsources == 1) {
		is_str(r->sources[0].url, "https://example.com/deprecations",
		    "source url");
		is_str(r->sources[0].first_seen, "2026-04-22T00:00:00Z",
		    "source first_seen");
		is_str(r->sources[0].last_seen, "2026-05-08T00:00:00Z",
		    "source last_seen");
	}

	/* The second model: nulls and absent fields. */
	r = &out.v[1];
	is_str(r->provider, "azure", "second: provider");
	is_int(r->status, STATUS_NONE, "second: null status says nothing");
	is_int(r->announced_on, DATE_NONE, "second: no announced_on");
	is_int(r->shutdown_kind, SHUTDOWN_EARLIEST, "second: earliest");
	is_int(r->naliases + r->nreplacements + r->nsources, 0,
	    "second: no lists");
	is_str(r->kind, NULL, "second: no kind");
out:
	recordset_clear(&out);
	free(cause);
}

static void
test_refusals(void)
{
	/* Not a sunset-feed/1 document. */
	check_refused("{\"models\": []}", "a document without format",
	    "format");
	check_refused("{\"format\": \"sunset-feed/2\", \"models\": []}",
	    "format sunset-feed/2", "sunset-feed/2");
	check_refused("{\"format\": \"sunset-feed/10\", \"models\": []}",
	    "format sunset-feed/10", "sunset-feed/10");
	check_refused("{\"format\": \"other\", \"models\": []}",
	    "another format", "other");
	check_refused("{\"format\": 1, \"models\": []}", "a numeric format",
	    "format");
	check_refused("not json at all", "non-JSON", "JSON");
	check_refused("", "an empty document", "JSON");
	check_refused("[1, 2]", "a JSON array", "format");
	check_refused("{\"format\": \"sunset-feed/1\"}", "a document without "
	    "models", "models");

	/* Models that are refused. */
	check_refused(ONE_MODEL("\"provider\": \"openai\""), "a model without "
	    "id", "id");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"\""),
	    "a model with an empty id", "id");
	check_refused(ONE_MODEL("\"id\": \"gpt-4\""), "a model without "
	    "provider", "provider");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": 4"),
	    "a numeric id", "id");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"shutdown_on\": \"2026-02-30\""), "date 2026-02-30", "date");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"shutdown_on\": \"July 23\""), "date \"July 23\"", "date");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"announced_on\": \"2026-7-23\""), "announced_on 2026-7-23",
	    "date");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"status\": \"sunset\""), "status \"sunset\"", "status");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"status\": 3"), "a numeric status", "status");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"shutdown_on\": \"2026-07-23\", \"shutdown_kind\": \"soft\""),
	    "shutdown_kind \"soft\"", "shutdown_kind");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"aliases\": \"gpt-4-0613\""), "aliases as a string", "aliases");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"replacements\": [{\"note\": \"x\"}]"),
	    "a replacement without id", "replacement");
	check_refused("{\"format\": \"sunset-feed/1\", \"models\": ["
	    "{\"provider\": \"openai\", \"id\": \"a\"}, 7]}",
	    "a model that is not an object", "models[1]");
}

static void
test_accepted(void)
{
	struct recordset out = { 0 };
	struct feed_options opts = { "Mistral", NULL, NULL, NULL };
	char *cause = NULL;
	static const char minor[] =
	    "{\"format\": \"sunset-feed/1.3\", \"models\": ["
	    "{\"provider\": \"openai\", \"id\": \"gpt-4\", \"new\": [1]}]}";

	/* A minor version with fields this reader does not know. */
	if (parse_one(minor, &out, "format sunset-feed/1.3"))
		is_str(out.v[0].id, "gpt-4", "sunset-feed/1.3: the model");

	/* shutdown_on without shutdown_kind is firm. */
	if (parse_one(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"shutdown_on\": \"2026-07-23\""), &out, "a date without kind")) {
		is_int(out.v[0].shutdown_on, D(2026, 7, 23),
		    "date without kind: shutdown_on");
		is_int(out.v[0].shutdown_kind, SHUTDOWN_FIRM,
		    "date without kind: firm");
	}

	/* A kind without a date means nothing. */
	if (parse_one(ONE_MODEL("\"provider\": \"openai\", \"id\": \"gpt-4\","
	    " \"shutdown_kind\": \"earliest\""), &out, "a kind without date"))
		is_int(out.v[0].shutdown_kind, SHUTDOWN_NONE,
		    "kind without date: no kind");

	/* Provider names are folded; the id is kept as the provider spells
	 * it. */
	if (parse_one(ONE_MODEL("\"provider\": \"OpenAI\", \"id\": \"GPT-4\","
	    " \"replacements\": [{\"provider\": \"OpenAI\", \"id\": \"X\"}]"),
	    &out, "an upper-case provider")) {
		is_str(out.v[0].provider, "openai", "provider folded");
		is_str(out.v[0].id, "GPT-4", "id as spelled");
		ok(out.v[0].nreplacements == 1 &&
		    strcmp(out.v[0].replacements[0].provider, "openai") == 0,
		    "replacement provider folded");
	}

	/* An empty model list is a valid, empty feed. */
	is_int(parse("{\"format\": \"sunset-feed/1\", \"models\": []}", &out,
	    &cause), 0, "an empty model list parses");
	is_int(out.n, 0, "an empty model list gives no records");

	/* The options' provider fills in a missing one. */
	recordset_clear(&out);
	is_int(feed_sunset_parse(ONE_MODEL("\"id\": \"mistral-medium-2505\""),
	    strlen(ONE_MODEL("\"id\": \"mistral-medium-2505\"")), &opts, &out,
	    &cause), 0, "a model without provider, provider given");
	if (out.n == 1)
		is_str(out.v[0].provider, "mistral",
		    "the given provider, folded");

	/* The buffer need not be NUL-terminated. */
	recordset_clear(&out);
	is_int(feed_sunset_parse(minor, sizeof(minor) - 2, NULL, &out, &cause),
	    -1, "a truncated buffer is not read past its length");
	recordset_clear(&out);
	free(cause);
}

/* 1 when a and b are both NULL or equal strings. */
static int
same_str(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Checks a and b are equal field by field. */
static void
check_same(const struct record *a, const struct record *b)
{
	size_t i, n;
	int same;

	is_str(b->provider, a->provider, "round trip %s: provider", a->id);
	is_str(b->id, a->id, "round trip %s: id", a->id);
	same = a->naliases == b->naliases;
	for (i = 0; same && i < a->naliases; i++)
		same = same_str(a->aliases[i], b->aliases[i]);
	ok(same, "round trip %s: aliases", a->id);
	is_int(b->status, a->status, "round trip %s: status", a->id);
	is_int(b->announced_on, a->announced_on, "round trip %s: announced_on",
	    a->id);
	is_int(b->shutdown_on, a->shutdown_on, "round trip %s: shutdown_on",
	    a->id);
	is_int(b->shutdown_kind, a->shutdown_kind,
	    "round trip %s: shutdown_kind", a->id);
	same = a->nreplacements == b->nreplacements;
	for (i = 0; same && i < a->nreplacements; i++) {
		const struct replacement *x = &a->replacements[i],
		    *y = &b->replacements[i];

		same = same_str(x->provider, y->provider) &&
		    same_str(x->id, y->id) && same_str(x->note, y->note);
	}
	ok(same, "round trip %s: replacements", a->id);
	is_str(b->kind, a->kind, "round trip %s: kind", a->id);
	is_str(b->scope, a->scope, "round trip %s: scope", a->id);
	n = a->nsources;
	same = n == b->nsources;
	for (i = 0; same && i < n; i++)
		same = same_str(a->sources[i].url, b->sources[i].url) &&
		    same_str(a->sources[i].first_seen,
		    b->sources[i].first_seen) &&
		    same_str(a->sources[i].last_seen, b->sources[i].last_seen);
	ok(same, "round trip %s: sources", a->id);
}

/* The writer's top-level members. */
static void
check_header(const char *text, const char *generated_at)
{
	cJSON *doc = cJSON_Parse(text);
	const cJSON *item;

	item = cJSON_GetObjectItemCaseSensitive(doc, "format");
	is_str(cJSON_GetStringValue(item), "sunset-feed/1", "format written");
	item = cJSON_GetObjectItemCaseSensitive(doc, "generated_at");
	is_str(cJSON_GetStringValue(item), generated_at,
	    "generated_at written");
	cJSON_Delete(doc);
}

static void
test_round_trip(void)
{
	struct recordset first = { 0 }, second = { 0 };
	char *cause = NULL, *text;
	size_t i;

	/* parse -> write -> parse gives the same records: the writer keeps
	 * each record's stated status, none included. */
	is_int(parse(full_doc, &first, &cause), 0, "round trip: first parse");
	if (first.n != 2)
		goto out;
	text = feed_sunset_write(first.v, first.n, 1795586400, 0);
	check_header(text, "2026-11-25T06:00:00Z");
	ok(strchr(text, '\n') == NULL && strchr(text, '\t') == NULL,
	    "compact: no newline, no tab");
	if (!ok(parse(text, &second, &cause) == 0, "round trip: second parse"))
		printf("#   cause: %s\n", cause);
	is_int(second.n, first.n, "round trip: same number of records");
	for (i = 0; i < first.n && i < second.n; i++)
		check_same(&first.v[i], &second.v[i]);
	free(text);

	/* A stamp rewritten in place, compact and pretty alike. */
	text = feed_sunset_write(first.v, first.n, 0, 0);
	is_int(feed_sunset_restamp(text, 1795586400), 0, "restamp compact");
	check_header(text, "2026-11-25T06:00:00Z");
	free(text);
	text = feed_sunset_write(first.v, first.n, 0, 1);
	is_int(feed_sunset_restamp(text, 1795586400), 0, "restamp pretty");
	check_header(text, "2026-11-25T06:00:00Z");
	free(text);
	text = xstrdup("{\"format\":\"sunset-feed/1\",\"models\":[]}");
	is_int(feed_sunset_restamp(text, 0), -1, "no stamp to rewrite");
	free(text);

	/* Pretty: the same document, indented with tabs. */
	text = feed_sunset_write(first.v, first.n, 1795586400, 1);
	ok(strncmp(text, "{\n\t\"format\":\t\"sunset-feed/1\",\n", 30) == 0,
	    "pretty: one member a line, indented with tabs");
	recordset_clear(&second);
	is_int(parse(text, &second, &cause), 0, "pretty: parses");
	is_int(second.n, first.n, "pretty: same number of records");
	for (i = 0; i < first.n && i < second.n; i++)
		check_same(&first.v[i], &second.v[i]);
	free(text);

	/* An empty catalog writes a document that reads back empty. */
	text = feed_sunset_write(NULL, 0, 0, 0);
	recordset_clear(&second);
	is_int(parse(text, &second, &cause), 0, "empty catalog round trip");
	is_int(second.n, 0, "empty catalog: no records");
	free(text);
out:
	recordset_clear(&first);
	recordset_clear(&second);
	free(cause);
}

/* "evidence": per field, one name for all, unknown names, and back. */
static void
test_evidence(void)
{
	static const char doc[] =
	    "{\"format\": \"sunset-feed/1\", \"models\": [\n"
	    " {\"provider\": \"openai\", \"id\": \"a\", \"evidence\":\n"
	    "  {\"shutdown_on\": \"first-party\", \"replacements\": \"cited\","
	    "   \"status\": \"rumour\"}},\n"
	    " {\"provider\": \"openai\", \"id\": \"b\","
	    "  \"evidence\": \"scraped\"},\n"
	    " {\"provider\": \"openai\", \"id\": \"c\"}]}";
	struct recordset out = { 0 }, again = { 0 };
	char *cause = NULL, *text;

	if (!ok(parse(doc, &out, &cause) == 0 && out.n == 3,
	    "evidence: parsed"))
		return;
	is_int(out.v[0].field_evidence[FIELD_SHUTDOWN], EVIDENCE_FIRST_PARTY,
	    "evidence: per field");
	is_int(out.v[0].field_evidence[FIELD_REPLACEMENTS], EVIDENCE_CITED,
	    "evidence: another field");
	is_int(out.v[0].field_evidence[FIELD_STATUS], 0,
	    "evidence: an unknown name says nothing");
	is_int(out.v[1].field_evidence[FIELD_ANNOUNCED], EVIDENCE_SCRAPED,
	    "evidence: one name for every field");
	is_int(out.v[2].field_evidence[FIELD_SHUTDOWN], 0,
	    "evidence: none named");
	text = feed_sunset_write(out.v, out.n, 0, 0);
	ok(feed_sunset_parse(text, strlen(text), NULL, &again, &cause) == 0 &&
	    again.n == 3 && again.v[0].field_evidence[FIELD_SHUTDOWN] ==
	    EVIDENCE_FIRST_PARTY && again.v[1].field_evidence[FIELD_STATUS] ==
	    EVIDENCE_SCRAPED, "evidence: written and read back");
	free(text);
	ok(parse("{\"format\": \"sunset-feed/1\", \"models\": [{\"provider\":"
	    " \"openai\", \"id\": \"a\", \"evidence\": 7}]}", &out, &cause) < 0,
	    "evidence: a number is refused");
	recordset_clear(&again);
	recordset_clear(&out);
	free(cause);
}

/* "pricing": text and audio prices read, written only when known, and
 * read back. */
static void
test_pricing(void)
{
	static const char doc[] =
	    "{\"format\": \"sunset-feed/1\", \"models\": [\n"
	    " {\"provider\": \"openai\", \"id\": \"a\", \"pricing\":\n"
	    "  {\"input_per_mtok\": 0.6, \"output_per_mtok\": 2.4,\n"
	    "   \"audio_input_per_mtok\": 10, \"audio_output_per_mtok\": 20,\n"
	    "   \"currency\": \"USD\"}},\n"
	    " {\"provider\": \"openai\", \"id\": \"b\", \"pricing\":\n"
	    "  {\"input_per_mtok\": 2.5, \"output_per_mtok\": 10}},\n"
	    " {\"provider\": \"openai\", \"id\": \"c\", \"pricing\":\n"
	    "  {\"input_per_mtok\": null, \"output_per_mtok\": null,\n"
	    "   \"audio_input_per_mtok\": null,"
	    " \"audio_output_per_mtok\": 80}}]}";
	struct recordset out = { 0 }, again = { 0 };
	char *cause = NULL, *text;
	size_t i;

	if (!ok(parse(doc, &out, &cause) == 0 && out.n == 3,
	    "pricing: parsed"))
		goto out;
	ok(out.v[0].input_per_mtok == 0.6 && out.v[0].output_per_mtok == 2.4,
	    "pricing: text prices");
	ok(out.v[0].audio_input_per_mtok == 10 &&
	    out.v[0].audio_output_per_mtok == 20, "pricing: audio prices");
	ok(out.v[1].audio_input_per_mtok < 0 &&
	    out.v[1].audio_output_per_mtok < 0,
	    "pricing: a text-only object leaves audio unknown");
	ok(out.v[2].input_per_mtok < 0 && out.v[2].audio_input_per_mtok < 0 &&
	    out.v[2].audio_output_per_mtok == 80,
	    "pricing: nulls are unknown, an audio price alone is kept");
	ok(record_has_pricing(&out.v[2]), "pricing: audio alone is pricing");

	text = feed_sunset_write(out.v, out.n, 0, 0);
	ok(strstr(text, "\"audio_input_per_mtok\":10") != NULL &&
	    strstr(text, "\"audio_output_per_mtok\":80") != NULL,
	    "pricing: audio prices written");
	ok(strstr(text, "\"audio_input_per_mtok\":null") == NULL,
	    "pricing: an unknown audio price is left out");
	if (!ok(parse(text, &again, &cause) == 0 && again.n == out.n,
	    "pricing: read back"))
		printf("#   cause: %s\n", cause);
	for (i = 0; i < out.n && i < again.n; i++)
		ok(again.v[i].input_per_mtok == out.v[i].input_per_mtok &&
		    again.v[i].output_per_mtok == out.v[i].output_per_mtok &&
		    again.v[i].audio_input_per_mtok ==
		    out.v[i].audio_input_per_mtok &&
		    again.v[i].audio_output_per_mtok ==
		    out.v[i].audio_output_per_mtok,
		    "pricing round trip %s", out.v[i].id);
	free(text);

	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"a\","
	    " \"pricing\": {\"audio_input_per_mtok\": \"10\"}"),
	    "an audio price as a string", "pricing");
	check_refused(ONE_MODEL("\"provider\": \"openai\", \"id\": \"a\","
	    " \"pricing\": {\"audio_output_per_mtok\": -1}"),
	    "a negative audio price", "pricing");
out:
	recordset_clear(&again);
	recordset_clear(&out);
	free(cause);
}

int
main(void)
{
	xcjson_init();
	test_full();
	test_refusals();
	test_accepted();
	test_round_trip();
	test_evidence();
	test_pricing();
	return tap_done();
}
