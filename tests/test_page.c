/*
 * test_page.c - the migration guide (errors, checklists, find commands,
 * quick fixes) and the HTML pages rendered from a small catalog: the
 * seed model's page on 2026-05-08, "not before" dates, unknown ids,
 * hostile ids, the dashboard's order, colours, filters and pages, and
 * its timeline: marks where their dates are, firm and "not before"
 * apart, shared days counted, lanes capped; and the XML escaper.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "feed.h"
#include "guide.h"
#include "html.h"
#include "cost.h"
#include "page.h"
#include "tap.h"
#include "util.h"
#include "fixture.h"

#define SEED "gpt-4o-mini-realtime-preview-2024-12-17"
#define HOSTILE "<script>alert(1)</script>"

static const char catalog[] =
	"{\"provider\": \"openai\", \"id\": \"" SEED "\","
	" \"status\": \"deprecated\", \"announced_on\": \"2026-04-22\","
	" \"shutdown_on\": \"2026-07-23\", \"shutdown_kind\": \"firm\","
	" \"replacements\": [{\"provider\": \"openai\","
	" \"id\": \"gpt-realtime-mini\", \"note\": null}],"
	" \"kind\": \"realtime\","
	" \"pricing\": {\"input_per_mtok\": 0.6, \"output_per_mtok\": 2.4,"
	" \"audio_input_per_mtok\": 10, \"audio_output_per_mtok\": 20},"
	" \"sources\": [{\"url\": "
	"\"https://developers.openai.com/api/docs/deprecations\"}]},"
	"{\"provider\": \"openai\", \"id\": \"gpt-realtime-mini\","
	" \"status\": \"deprecated\", \"announced_on\": \"2026-07-20\","
	" \"shutdown_on\": \"2027-01-20\","
	" \"replacements\": [{\"id\": \"gpt-realtime-2.1-mini\"}],"
	" \"pricing\": {\"input_per_mtok\": 0.8, \"output_per_mtok\": 3.2,"
	" \"audio_input_per_mtok\": 8, \"audio_output_per_mtok\": 32}},"
	"{\"provider\": \"openai\", \"id\": \"gpt-realtime-2.1-mini\"},"
	"{\"provider\": \"openai\", \"id\": \"gpt-4-0613\","
	" \"aliases\": [\"gpt-4\"], \"status\": \"deprecated\","
	" \"shutdown_on\": \"2026-10-23\", \"kind\": \"chat\","
	" \"replacements\": [{\"id\": \"gpt-5.4\"}],"
	" \"pricing\": {\"input_per_mtok\": 30, \"output_per_mtok\": 60}},"
	"{\"provider\": \"openai\", \"id\": \"gpt-5.4\","
	" \"pricing\": {\"input_per_mtok\": 2.5, \"output_per_mtok\": 15}},"
	"{\"provider\": \"openai\", \"id\": \"dall-e-2\","
	" \"status\": \"deprecated\", \"shutdown_on\": \"2026-05-20\","
	" \"replacements\": [{\"id\": \"gpt-image-1\"}]},"
	"{\"provider\": \"openai\", \"id\": \"text-davinci-003\","
	" \"status\": \"retired\", \"shutdown_on\": \"2024-01-04\"},"
	"{\"provider\": \"openai\", \"id\": \"old-retired\","
	" \"status\": \"retired\", \"shutdown_on\": \"2025-01-01\"},"
	"{\"provider\": \"anthropic\", \"id\": \"claude-3-opus-20240229\","
	" \"status\": \"deprecated\", \"shutdown_on\": \"2026-06-30\","
	" \"shutdown_kind\": \"earliest\","
	" \"replacements\": [{\"id\": \"claude-opus-4-1\"}]},"
	"{\"provider\": \"anthropic\", \"id\": \"claude-2.1\","
	" \"status\": \"deprecated\", \"shutdown_on\": \"2026-03-01\","
	" \"shutdown_kind\": \"earliest\"},"
	"{\"provider\": \"openai\", \"id\": \"<script>alert(1)</script>\","
	" \"aliases\": [\"x'\\\"&y\"], \"status\": \"deprecated\","
	" \"shutdown_on\": \"2026-09-01\","
	" \"replacements\": [{\"id\": \"<img src=x onerror=alert(2)>\","
	" \"note\": \"<b>note</b>\"}],"
	" \"sources\": [{\"url\": \"javascript:alert(3)\"}]},"
	"{\"provider\": \"ev\\\"il<p>\", \"id\": \"evil-model\","
	" \"status\": \"deprecated\", \"shutdown_on\": \"2026-12-01\"},"
	"{\"provider\": \"mistral\", \"id\": \"bad\xff" "id\","
	" \"status\": \"retired\", \"shutdown_on\": \"2025-06-01\"}";

static int32_t
day(const char *iso)
{
	int32_t d = DATE_NONE;

	date_parse_iso(iso, &d);
	return d;
}

/* 1 when page holds s; says what it looked for when not. */
static int
has(const char *page, const char *s, const char *name)
{
	int found = page != NULL && strstr(page, s) != NULL;

	if (!ok(found, "%s", name))
		printf("#   missing: %s\n", s);
	return found;
}

static void
lacks(const char *page, const char *s, const char *name)
{
	if (!ok(page != NULL && strstr(page, s) == NULL, "%s", name))
		printf("#   present: %s\n", s);
}

/* The element with id="name" up to its closing tag of the same
 * name's section (a copy the caller frees), or an empty string. */
static char *
section(const char *page, const char *id)
{
	char key[64];
	const char *start, *end;

	snprintf(key, sizeof(key), "<section id=\"%s\"", id);
	if ((start = strstr(page, key)) == NULL)
		return strdup("");
	if ((end = strstr(start, "</section>")) == NULL)
		end = start + strlen(start);
	return strndup(start, (size_t)(end - start));
}

/* How often s occurs in page. */
static int
count(const char *page, const char *s)
{
	int n = 0;

	while ((page = strstr(page, s)) != NULL) {
		n++;
		page += strlen(s);
	}
	return n;
}

/* The offset of the dashboard row whose data-search starts with id. */
static long
row_at(const char *page, const char *id)
{
	char key[128];
	const char *p;

	snprintf(key, sizeof(key), "data-search=\"%s", id);
	p = strstr(page, key);
	return p != NULL ? (long)(p - page) : -1;
}

/* The class attribute of that row. */
static char *
row_class(const char *page, const char *id)
{
	long at = row_at(page, id);
	const char *tr, *cls;

	if (at < 0)
		return strdup("");
	for (tr = page + at; tr > page && strncmp(tr, "<tr ", 4) != 0; tr--)
		;
	cls = strstr(tr, "class=\"") + 7;
	return strndup(cls, strcspn(cls, "\""));
}

static const struct {
	const char		*in;
	enum cost_error		 err;
	unsigned long long	 tokens;
} token_cases[] = {
	{ "", COST_OK, 0 },
	{ " \t ", COST_OK, 0 },
	{ "0", COST_OK, 0 },
	{ "1000000", COST_OK, 1000000 },
	{ "1,000,000", COST_OK, 1000000 },
	{ "12,345", COST_OK, 12345 },
	{ "  42\t", COST_OK, 42 },
	{ "2M", COST_OK, 2000000 },
	{ "2m", COST_OK, 2000000 },
	{ "2 M", COST_OK, 2000000 },
	{ "2.5M", COST_OK, 2500000 },
	{ "1.5k", COST_OK, 1500 },
	{ "1.50K", COST_OK, 1500 },
	{ "0.001k", COST_OK, 1 },
	{ "3b", COST_OK, 3000000000ULL },
	{ "1,000T", COST_OK, 1000000000000000ULL },
	{ "1000000000000000", COST_OK, 1000000000000000ULL },
	{ "1.0", COST_OK, 1 },
	{ "007", COST_OK, 7 },
	{ "1.5", COST_FRACTION, 0 },
	{ "1.2345k", COST_FRACTION, 0 },
	{ "0.5", COST_FRACTION, 0 },
	{ "1000000000000001", COST_RANGE, 0 },
	{ "1001T", COST_RANGE, 0 },
	{ "999999999999999999999999999", COST_RANGE, 0 },
	{ "1,00", COST_SYNTAX, 0 },
	{ "1234,567", COST_SYNTAX, 0 },
	{ "1,0000", COST_SYNTAX, 0 },
	{ ",100", COST_SYNTAX, 0 },
	{ "1,", COST_SYNTAX, 0 },
	{ "1 000", COST_SYNTAX, 0 },
	{ "-5", COST_SYNTAX, 0 },
	{ "+5", COST_SYNTAX, 0 },
	{ "1e6", COST_SYNTAX, 0 },
	{ "2MM", COST_SYNTAX, 0 },
	{ "2M tokens", COST_SYNTAX, 0 },
	{ ".5k", COST_SYNTAX, 0 },
	{ "1.", COST_SYNTAX, 0 },
	{ "1.k", COST_SYNTAX, 0 },
	{ "0x10", COST_SYNTAX, 0 },
	{ "\"><script>alert(1)</script>", COST_SYNTAX, 0 },
	{ "\xef\xbc\x92", COST_SYNTAX, 0 },	/* a full-width 2 */
};

/* Changes in tenths of a percent; rc -1: no percentage. */
static const struct {
	unsigned long long	 from;
	unsigned long long	 to;
	int			 rc;
	long long		 tenths;
	const char		*name;
} changes[] = {
	{ 100, 150, 0, 500, "+50.0%" },
	{ 150, 100, 0, -333, "-33.3%" },
	{ 200, 201, 0, 5, "+0.5% exactly" },
	{ 2000, 2001, 0, 1, "+0.05%: half up to +0.1%" },
	{ 2000, 1999, 0, -1, "-0.05%: half away from zero to -0.1%" },
	{ 100, 100, 0, 0, "the same: 0%" },
	{ 0, 100, -1, 0, "from nothing: no percentage" },
	{ 1, 10001, 0, 10000000, "10,000 times: +1,000,000%" },
	{ 1, 10002, -1, 0, "more: no percentage" },
	{ 400000000000000000ULL, 1, 0, -1000,
	    "the largest costs do not overflow" },
};

static const struct {
	unsigned long long	 cents;
	const char		*words;
} sums[] = {
	{ 0, "$0.00" },
	{ 5, "$0.05" },
	{ 123456789, "$1,234,567.89" },
	{ 400000000000000000ULL, "$4,000,000,000,000,000.00" },
};

/* What tokens at prices (micro-dollars per million tokens) cost in
 * picodollars, summed by the test itself: the counts here are small
 * enough for 64 bits. */
static unsigned long long
pico(const uint64_t tokens[COST_NPARTS], const int64_t price[COST_NPARTS])
{
	unsigned long long sum = 0;
	int i;

	for (i = 0; i < COST_NPARTS; i++)
		sum += (unsigned long long)tokens[i] *
		    (unsigned long long)(price[i] < 0 ? 0 : price[i]);
	return sum;
}

/* The cents those picodollars round to, half up. */
static uint64_t
want_cents(const uint64_t tokens[COST_NPARTS],
    const int64_t price[COST_NPARTS])
{
	return (pico(tokens, price) + 5000000000ULL) / 10000000000ULL;
}

/* The seed's prices: text and audio. */
static void
seed_prices(int64_t price[COST_NPARTS], int audio_output)
{
	struct record r;

	record_init(&r);
	r.input_per_mtok = 0.6;
	r.output_per_mtok = 2.4;
	r.audio_input_per_mtok = 10;
	r.audio_output_per_mtok = audio_output ? 20 : -1;
	cost_prices(&r, price);
	record_clear(&r);
}

static char *
money(uint64_t cents)
{
	struct buf b;

	buf_init(&b, BUF_MAX_INTERNAL);
	cost_put_money(&b, cents);
	return buf_take(&b, NULL);
}

static void
test_cost(void)
{
	uint64_t tokens[COST_NPARTS] = { 0 }, cents = 0, big[COST_NPARTS];
	int64_t price[COST_NPARTS], tenths = 0;
	enum cost_part missing = COST_INPUT;
	char *s, field[COST_INPUT_MAX + 2];
	size_t i;

	for (i = 0; i < sizeof(token_cases) / sizeof(token_cases[0]); i++) {
		uint64_t n = 99;
		enum cost_error e = cost_parse_tokens(token_cases[i].in, &n);

		if (!ok(e == token_cases[i].err && (e != COST_OK ||
		    n == token_cases[i].tokens), "tokens \"%s\": %s",
		    token_cases[i].in, e == COST_OK ? "read" :
		    cost_error_text(token_cases[i].err)))
			printf("#   got error %d, %llu tokens\n", (int)e,
			    (unsigned long long)n);
	}
	is_int(cost_parse_tokens(NULL, tokens), COST_OK, "no field is 0");
	/* "1000000" padded with spaces to the longest field, then one
	 * byte more. */
	memset(field, ' ', sizeof(field));
	memcpy(field, "1000000", 7);
	field[COST_INPUT_MAX] = '\0';
	ok(cost_parse_tokens(field, tokens) == COST_OK &&
	    tokens[0] == 1000000, "a field of %d bytes is read",
	    COST_INPUT_MAX);
	field[COST_INPUT_MAX] = ' ';
	field[COST_INPUT_MAX + 1] = '\0';
	is_int(cost_parse_tokens(field, tokens), COST_SYNTAX,
	    "one byte more is not");
	tokens[0] = 0;

	is_int(cost_price(0.6), 600000, "$0.60 per Mtok in micro-dollars");
	is_int(cost_price(0.6 + 1e-16), 600000, "a float's dust goes");
	is_int(cost_price(1.1e-7 * 1e6), 110000, "LiteLLM's per-token price");
	is_int(cost_price(0), 0, "free is a price");
	is_int(cost_price(-1), -1, "negative: unknown");
	is_int(cost_price(1e6), 1000000000000LL, "a dollar a token is the top");
	is_int(cost_price(2e6), -1, "dearer is no sane price");

	/* $1.005 is 1.00499999999999989... as a double: rounding the
	 * double gives $1.00; the fixed unit gives the half cent up. */
	price[COST_INPUT] = cost_price(1.005);
	price[COST_OUTPUT] = price[COST_AUDIO_INPUT] =
	    price[COST_AUDIO_OUTPUT] = -1;
	tokens[COST_INPUT] = 1000000;
	ok(cost_cents(tokens, price, &cents, &missing) == 0 &&
	    cents == want_cents(tokens, price) &&
	    cents == 101, "1M tokens at $1.005: 101 cents, half up, "
	    "where the double rounds down");
	tokens[COST_INPUT] = 4999;
	price[COST_INPUT] = cost_price(1);
	ok(cost_cents(tokens, price, &cents, &missing) == 0 && cents == 0,
	    "half a cent less a picodollar rounds down");
	tokens[COST_INPUT] = 5000;
	ok(cost_cents(tokens, price, &cents, &missing) == 0 && cents == 1,
	    "half a cent rounds up");

	/* Audio: the seed's four prices. */
	seed_prices(price, 1);
	tokens[COST_INPUT] = 2000000;
	tokens[COST_OUTPUT] = 1500000;
	tokens[COST_AUDIO_INPUT] = 3000000;
	tokens[COST_AUDIO_OUTPUT] = 1234567;
	ok(cost_cents(tokens, price, &cents, &missing) == 0 &&
	    cents == want_cents(tokens, price),
	    "text and audio tokens add up (%llu cents)",
	    (unsigned long long)cents);
	seed_prices(price, 0);
	ok(cost_cents(tokens, price, &cents, &missing) == -1 &&
	    missing == COST_AUDIO_OUTPUT, "audio output tokens without a "
	    "price: not known, and which");
	tokens[COST_AUDIO_OUTPUT] = 0;
	ok(cost_cents(tokens, price, &cents, &missing) == 0 &&
	    cents == want_cents(tokens, price),
	    "no such tokens: the missing price does not matter");

	/* The largest sum: 4 x 10^15 tokens x 10^12 is beyond 64 bits. */
	for (i = 0; i < COST_NPARTS; i++) {
		big[i] = COST_TOKENS_MAX;
		price[i] = COST_PRICE_MAX;
	}
	ok(cost_cents(big, price, &cents, &missing) == 0 &&
	    cents == 4 * (COST_TOKENS_MAX / 10000000000ULL) *
	    (uint64_t)COST_PRICE_MAX, "the largest sum is exact");
	price[COST_OUTPUT] = 999999999999LL;
	ok(cost_cents(big, price, &cents, &missing) == 0 &&
	    cents == 4 * (COST_TOKENS_MAX / 10000000000ULL) *
	    (uint64_t)COST_PRICE_MAX - COST_TOKENS_MAX / 10000000000ULL,
	    "and to the cent");

	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		int rc = cost_change_tenths(changes[i].from, changes[i].to,
		    &tenths);

		if (!ok(rc == changes[i].rc && (rc < 0 ||
		    tenths == changes[i].tenths), "%llu to %llu cents: %s",
		    changes[i].from, changes[i].to, changes[i].name))
			printf("#   got %d, %lld tenths\n", rc, (long long)tenths);
	}
	for (i = 0; i < sizeof(sums) / sizeof(sums[0]); i++) {
		s = money(sums[i].cents);
		is_str(s, sums[i].words, "%llu cents", sums[i].cents);
		free(s);
	}
}

static void
test_guide(void)
{
	struct record r;
	struct guide_fix fix;
	const struct guide_error *e;
	const char *const *items;
	const char *title;
	char *s;
	size_t n;

	s = guide_shell_quote("it's");
	is_str(s, "'it'\\''s'", "a quote in a shell word");
	free(s);

	record_init(&r);
	r.provider = strdup("openai");
	r.id = strdup("gpt-4-0613");
	record_add_alias(&r, "gpt-4");
	s = guide_grep(&r);
	is_str(s, "grep -rnwF -e 'gpt-4-0613' -e 'gpt-4' .",
	    "grep: whole words, fixed strings, id and aliases");
	free(s);
	s = guide_rg(&r);
	is_str(s, "rg -nwF -e 'gpt-4-0613' -e 'gpt-4' .", "rg, the same");
	free(s);

	guide_quick_fix(&r, "chat", "gpt-5.4", &fix);
	ok(strstr(fix.before[GUIDE_PYTHON], "model=\"gpt-4-0613\"") != NULL &&
	    strstr(fix.after[GUIDE_PYTHON], "model=\"gpt-5.4\"") != NULL,
	    "python quick fix, before and after");
	ok(strstr(fix.before[GUIDE_PYTHON], "chat.completions.create") !=
	    NULL, "OpenAI chat shape");
	ok(strstr(fix.after[GUIDE_JAVASCRIPT], "model: \"gpt-5.4\"") != NULL,
	    "javascript quick fix");
	ok(strstr(fix.after[GUIDE_CURL], "\"model\": \"gpt-5.4\"") != NULL &&
	    strstr(fix.after[GUIDE_CURL], "api.openai.com/v1/chat/completions")
	    != NULL, "curl quick fix");
	guide_fix_clear(&fix);
	record_clear(&r);

	/* Ids escaped for where they land. */
	record_init(&r);
	r.provider = strdup("groq");
	r.id = strdup("a\"b\\c'd");
	guide_quick_fix(&r, NULL, "new", &fix);
	has(fix.before[GUIDE_PYTHON], "model=\"a\\\"b\\\\c'd\"",
	    "python literal escapes \" and \\");
	has(fix.before[GUIDE_JAVASCRIPT], "model: \"a\\\"b\\\\c'd\"",
	    "javascript literal escapes \" and \\");
	has(fix.before[GUIDE_CURL], "\"model\": \"a\\\"b\\\\c'\\''d\"",
	    "curl: JSON escapes inside a shell word");
	has(fix.before[GUIDE_PYTHON], "https://api.groq.com/openai/v1",
	    "OpenAI-compatible shape with the provider's base URL");
	has(fix.before[GUIDE_CURL], "$GROQ_API_KEY", "and its key variable");
	guide_fix_clear(&fix);
	s = guide_grep(&r);
	is_str(s, "grep -rnwF -e 'a\"b\\c'\\''d' .", "grep quotes the id");
	free(s);
	/* The key variable is a shell name, however odd the slug. */
	free(r.provider);
	r.provider = strdup("12-ab");
	guide_quick_fix(&r, NULL, "new", &fix);
	has(fix.before[GUIDE_CURL], "$X12_AB_API_KEY\"",
	    "a slug with a digit first and a dash");
	guide_fix_clear(&fix);
	free(r.provider);
	r.provider = strdup("9999999999999999999999999999999999999999999999"
	    "99999999999999999999");
	guide_quick_fix(&r, NULL, "new", &fix);
	has(fix.before[GUIDE_CURL], "$X999999999999999999999999999999999999"
	    "99_API_KEY\"", "a long slug is cut, not overflowed");
	guide_fix_clear(&fix);
	record_clear(&r);

	record_init(&r);
	r.provider = strdup("anthropic");
	r.id = strdup("claude-3-opus-20240229");
	guide_quick_fix(&r, NULL, "claude-opus-4-1", &fix);
	has(fix.after[GUIDE_PYTHON], "messages.create(", "Anthropic Messages");
	has(fix.after[GUIDE_CURL], "anthropic-version: 2023-06-01",
	    "curl with the version header");
	guide_fix_clear(&fix);
	free(r.provider);
	r.provider = strdup("bedrock");
	free(r.id);
	r.id = strdup("anthropic.claude-3-5-sonnet-20240620-v1:0");
	guide_quick_fix(&r, NULL, "x", &fix);
	has(fix.before[GUIDE_PYTHON], "modelId=\"anthropic.claude-3-5-sonnet-"
	    "20240620-v1:0\"", "Bedrock modelId");
	has(fix.before[GUIDE_CURL], "/model/anthropic.claude-3-5-sonnet-"
	    "20240620-v1%3A0/converse", "the id percent-encoded in the URL");
	guide_fix_clear(&fix);
	guide_quick_fix(&r, NULL, NULL, &fix);
	ok(fix.before[GUIDE_CURL] != NULL && fix.after[GUIDE_CURL] == NULL,
	    "no replacement: only the before snippets");
	guide_fix_clear(&fix);
	record_clear(&r);

	e = guide_errors("openai", &n);
	ok(n >= 2 && e[0].status == 404 &&
	    strcmp(e[0].code, "model_not_found") == 0,
	    "OpenAI: 404 model_not_found");
	e = guide_errors("anthropic", &n);
	ok(strcmp(e[0].code, "not_found_error") == 0 &&
	    strcmp(e[0].message, "model: {{id}}") == 0,
	    "Anthropic: not_found_error, model: X");
	e = guide_errors("azure", &n);
	ok(strcmp(e[0].code, "DeploymentNotFound") == 0 && n >= 3,
	    "Azure: DeploymentNotFound and the deprecation codes");
	e = guide_errors("bedrock", &n);
	ok(strcmp(e[0].code, "ValidationException") == 0 && e[0].status == 400,
	    "Bedrock: ValidationException 400");
	e = guide_errors("vertex", &n);
	ok(strcmp(e[0].code, "NOT_FOUND") == 0, "Vertex: NOT_FOUND");
	e = guide_errors("no-such-provider", &n);
	ok(n > 0 && e[0].status == 404, "unknown provider: a generic list");
	s = guide_expand("The model `{{id}}` is gone ({{id}})", "m");
	is_str(s, "The model `m` is gone (m)", "{{id}} expands everywhere");
	free(s);

	items = guide_checklist("embedding", &title);
	ok(strstr(items[0], "Re-embed") != NULL && strcmp(title,
	    "Embeddings") == 0, "embedding checklist");
	items = guide_checklist(NULL, &title);
	ok(items[0] != NULL && strcmp(title, "Any model") == 0,
	    "generic checklist without a kind");
}

static void
test_seed_page(struct snapshot *snap)
{
	char *page, *part;
	int found = -1;

	page = page_model(snap, SEED, NULL, day("2026-05-08"), NULL, &found);
	is_int(found, 1, "the seed model is found");
	has(page, "<!DOCTYPE html>", "an HTML5 document");
	has(page, "<meta charset=\"utf-8\">", "with a charset");
	has(page, "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">", "and a viewport");
	has(page, "<h1 id=\"model\" class=\"id\">" SEED "</h1>", "the id");
	has(page, "data-provider=\"openai\"", "the provider");
	has(page, ">OpenAI</a>", "by its name");
	has(page, "id=\"status\" class=\"badge deprecated\"",
	    "a deprecated badge");
	has(page, "id=\"days-left\" data-days=\"76\"", "76 days left");
	has(page, "<strong>76</strong> days left", "said in words");
	has(page, "id=\"shutdown\" data-kind=\"firm\" data-date=\"2026-07-23\"",
	    "the firm shutdown date");
	has(page, "Thursday, 23 July 2026</time> <span class=\"tag firm\">"
	    "firm date", "written out, marked firm");
	has(page, "id=\"replacement\" data-id=\"gpt-realtime-mini\"",
	    "the replacement");
	has(page, "id=\"resolved\" data-id=\"gpt-realtime-2.1-mini\"",
	    "the resolved successor");
	has(page, "gpt-realtime-mini is itself deprecated",
	    "which explains the chain");
	has(page, "id=\"effort\" data-effort=\"trivial\"", "effort trivial");
	has(page, "$0.60 input &middot; $2.40 output per million tokens; "
	    "$10.00 input &middot; $20.00 output per million audio tokens",
	    "the model's text and audio pricing");
	has(page, "id=\"price-change\" data-input=\"0.2\" data-output=\"0.8\""
	    " data-audio-input=\"-2\" data-audio-output=\"12\">",
	    "the price change to the replacement");
	has(page, "+$0.20 input", "signed");
	has(page, "per million tokens; \xe2\x88\x92$2.00 input &middot; "
	    "+$12.00 output per million audio tokens moving to",
	    "the audio price change, signed");
	has(page, "href=\"/models/gpt-realtime-mini?provider=openai&amp;"
	    "at=2026-05-08\"", "links keep at=");

	part = section(page, "quick-fix");
	has(part, "model=&quot;" SEED "&quot;", "quick fix: before");
	has(part, "model=&quot;gpt-realtime-2.1-mini&quot;",
	    "quick fix: after, to the end of the chain");
	has(part, "realtime.connect(", "in the realtime API's shape");
	has(part, "wss://api.openai.com/v1/realtime?model=gpt-realtime-2.1-"
	    "mini", "JavaScript connects to the new model");
	has(part, "<summary>curl</summary>", "curl too");
	free(part);

	part = section(page, "errors");
	has(part, "HTTP 404</span> <code class=\"code-name\">model_not_found",
	    "client errors: OpenAI 404 model_not_found");
	has(part, "The model <code>" SEED "</code> does not exist or you do "
	    "not have access to it.", "with the id in the message");
	has(part, "From 2026-07-23", "from the shutdown day");
	free(part);

	part = section(page, "find");
	has(part, "grep -rnwF -e &#39;" SEED "&#39; .", "a grep command");
	has(part, "rg -nwF -e &#39;" SEED "&#39; .", "an rg command");
	has(part, "sunset scan .", "and sunset scan");
	free(part);

	part = section(page, "checklist");
	has(part, "data-kind=\"realtime\"", "the realtime checklist");
	has(part, "<code>session.update</code>", "session.update");
	has(part, "Turn detection and interruption", "turn detection");
	has(part, "Voices and modalities", "voices");
	has(part, "Reconnect and fallback", "reconnect");
	free(part);

	part = section(page, "others");
	has(part, "Other OpenAI deprecations", "others of the provider");
	has(part, "href=\"/models/gpt-4-0613?provider=openai&amp;at=2026-05-08"
	    "\"", "linked to their pages");
	ok(strstr(part, "dall-e-2") != NULL && strstr(part, "gpt-4-0613") !=
	    NULL && strstr(part, "dall-e-2") < strstr(part, "gpt-4-0613"),
	    "soonest first");
	lacks(part, "text-davinci-003", "retired ones are not listed");
	lacks(part, ">" SEED "<", "nor the model itself");
	lacks(part, "claude", "nor other providers");
	free(part);

	part = section(page, "sources");
	has(part, "<a rel=\"noopener noreferrer\" href=\"https://developers."
	    "openai.com/api/docs/deprecations\">", "sources are links");
	free(part);

	lacks(page, HOSTILE, "the hostile id in the others list is escaped");
	is_int(count(page, "<script>"), 2,
	    "two scripts: ours, the copy buttons and the calculator");
	lacks(page, "<link", "no external stylesheet");
	lacks(page, "src=\"http", "no external script or image");
	lacks(page, "url(", "no fonts or images from CSS");
	is_int(count(page, "<section"), count(page, "</section>"),
	    "sections are closed");
	is_int(count(page, "<ul"), count(page, "</ul>"), "lists are closed");
	is_int(count(page, "<div"), count(page, "</div>"), "divs are closed");
	free(page);

	/* Queried the way users write it: same record, noted. */
	page = page_model(snap, "openai/GPT-4o-mini-realtime-preview-2024-12-17",
	    NULL, day("2026-05-08"), NULL, &found);
	is_int(found, 1, "a prefixed, upper-case query finds it");
	has(page, "id=\"days-left\" data-days=\"76\"", "the same page");
	free(page);

	/* On the day after: retired. */
	page = page_model(snap, SEED, NULL, day("2026-07-25"), NULL, &found);
	has(page, "Retired 2 days ago", "retired N days ago");
	has(page, "class=\"badge retired\"", "with a retired badge");
	free(page);

	/* Today: links carry no date. */
	page = page_model(snap, SEED, NULL, date_today(), NULL, &found);
	lacks(page, "at=", "no at= when as_of is today");
	free(page);
}

static void
test_other_pages(struct snapshot *snap)
{
	char *page;
	int found = -1;

	page = page_model(snap, "claude-3-opus-20240229", NULL,
	    day("2026-05-08"), NULL, &found);
	is_int(found, 1, "the earliest-date model is found");
	has(page, "data-kind=\"earliest\"", "its date is an earliest one");
	has(page, "Not before <time datetime=\"2026-06-30\">",
	    "said as not before");
	has(page, "at least <strong>53</strong> days left",
	    "and days as a lower bound");
	has(page, "not_found_error", "Anthropic's error");
	has(page, "anthropic-version", "Anthropic's API in the quick fix");
	free(page);

	/* An earliest date that has come: any day, never days ago. */
	page = page_model(snap, "claude-2.1", NULL, day("2026-05-08"), NULL,
	    &found);
	is_int(found, 1, "the overdue model is found");
	has(page, "class=\"summary urgency-overdue\"", "marked overdue");
	has(page, "id=\"days-left\" data-days=\"0\">May stop any day</p>",
	    "may stop any day, 0 days");
	has(page, "Not before <time datetime=\"2026-03-01\">",
	    "not before its date");
	has(page, "class=\"badge deprecated\"", "still deprecated");
	lacks(page, "ago", "no days ago");
	lacks(page, "past the earliest", "nor days past the date");
	has(page, "Once it is shut down (any day now, not before 2026-03-01)",
	    "clients fail once it is shut down, not since the date");
	lacks(page, "Since 2026-03-01", "no shutdown since the date");
	free(page);
	page = page_model(snap, "claude-3-opus-20240229", NULL,
	    day("2026-05-08"), NULL, &found);
	has(page, "<li class=\"urgency-overdue\" data-provider=\"anthropic\" "
	    "data-days=\"0\">", "listed among the provider's others");
	has(page, "<span class=\"num\">May stop any day</span>",
	    "as may stop any day");
	free(page);

	page = page_model(snap, HOSTILE, NULL, day("2026-05-08"), NULL, &found);
	is_int(found, 1, "the hostile id is a record like any other");
	lacks(page, HOSTILE, "never unescaped");
	has(page, "&lt;script&gt;alert(1)&lt;/script&gt;", "but escaped");
	lacks(page, "<img src=x", "its replacement is escaped");
	lacks(page, "<b>note</b>", "so is the note");
	lacks(page, "href=\"javascript:", "a javascript: source is no link");
	has(page, "&#39;x&#39;\\&#39;&#39;&quot;&amp;y&#39;",
	    "the alias is shell-quoted, then escaped");
	has(page, "/models/%3Cscript%3Ealert%281%29%3C%2Fscript%3E",
	    "and percent-encoded in links");
	is_int(count(page, "<script>"), 1,
	    "one script: ours (no price, no calculator)");
	free(page);

	page = page_model(snap, "bad\xff" "id", NULL, day("2026-05-08"), NULL,
	    &found);
	is_int(found, 1, "an id with a byte that is not UTF-8");
	has(page, "bad\xef\xbf\xbdid", "shows U+FFFD for it");
	free(page);

	page = page_model(snap, "no-such-model-2024-01-01", NULL,
	    day("2026-05-08"), NULL, &found);
	is_int(found, 0, "an unknown id is not found");
	has(page, "Unknown model", "a friendly page");
	has(page, "<form id=\"search\"", "with a search box");
	has(page, "value=\"no-such-model-2024-01-01\"", "holding the query");
	has(page, "<!DOCTYPE html>", "still a whole page");
	free(page);

	page = page_model(snap, "<b>nope</b>'\"", NULL, day("2026-05-08"), NULL,
	    &found);
	is_int(found, 0, "a hostile unknown query");
	lacks(page, "<b>nope", "is escaped");
	has(page, "&lt;b&gt;nope&lt;/b&gt;&#39;&quot;", "every character");
	free(page);

	page = page_model(snap, SEED, "anthropic", day("2026-05-08"), NULL,
	    &found);
	is_int(found, 0, "provider restricts the match");
	free(page);

	page = page_model(snap, "gpt-gone", NULL, day("2026-05-08"), NULL,
	    &found);
	is_int(found, 0, "an unknown id");
	free(page);

	page = page_model(snap, "", NULL, day("2026-05-08"), NULL, &found);
	is_int(found, 0, "an empty query is unknown, not a crash");
	free(page);

	page = page_message("Bad date", "at= <must> be a date");
	has(page, "at= &lt;must&gt; be a date", "a message page, escaped");
	free(page);
}

/* The element with id="id" from its start tag to the end of its line. */
static char *
line_of(const char *page, const char *id)
{
	char key[64];
	const char *start;

	snprintf(key, sizeof(key), " id=\"%s\"", id);
	if (page == NULL || (start = strstr(page, key)) == NULL)
		return strdup("");
	while (start > page && start[-1] != '<')
		start--;
	return strndup(start, strcspn(start, "\n"));
}

/* 1 when the calculator's #id says cents, as data and in words. */
static int
says_cents(const char *page, const char *id, uint64_t cents)
{
	char *line = line_of(page, id), *words = money(cents), attr[64];
	int found;

	snprintf(attr, sizeof(attr), "data-cents=\"%llu\"",
	    (unsigned long long)cents);
	found = strstr(line, attr) != NULL && strstr(line, words) != NULL;
	if (!found)
		printf("#   want %s (%s) in: %s\n", attr, words, line);
	free(line);
	free(words);
	return found;
}

static void
test_cost_page(struct snapshot *snap)
{
	struct page_cost_args args;
	uint64_t tokens[COST_NPARTS] = { 0 };
	int64_t from_price[COST_NPARTS], to_price[COST_NPARTS];
	unsigned long long from, to, tenths;
	struct record r;
	char *page, *part, want[160];
	int found = -1;

	/* The seed without fields: a million tokens in each of its four
	 * (a realtime model bills audio); the end of its chain has no
	 * price in this catalog. */
	page = page_model(snap, SEED, NULL, day("2026-05-08"), NULL, &found);
	part = section(page, "cost");
	has(part, "<h2>Will this migration cost more?</h2>",
	    "the calculator asks the seed page's question");
	has(part, "action=\"/models/" SEED "#cost\"", "a GET form to itself");
	has(part, "method=\"get\"", "GET");
	has(part, "<input type=\"hidden\" name=\"provider\" value=\"openai\">",
	    "keeping the provider");
	has(part, "<input type=\"hidden\" name=\"at\" value=\"2026-05-08\">",
	    "and the date");
	is_int(count(part, "value=\"1,000,000\""), 4,
	    "four fields of a million tokens: text and audio");
	has(part, "name=\"audio_out_tokens\"", "audio output among them");
	has(part, "data-part=\"audio input\" data-from=\"10000000\" "
	    "data-to=\"\"", "prices in micro-dollars per Mtok; none for the "
	    "successor");
	seed_prices(from_price, 1);
	tokens[0] = tokens[1] = tokens[2] = tokens[3] = 1000000;
	ok(says_cents(page, "cost-from", want_cents(tokens, from_price)),
	    "the seed's cost, from its four prices");
	has(part, "data-cents=\"\">No price known for "
	    "gpt-realtime-2.1-mini.</dd>",
	    "the successor's cost: no price, said plainly");
	has(part, "data-verdict=\"\" data-cents=\"\" data-tenths=\"\">Not "
	    "known without both prices.", "so no difference");
	has(page, "Write counts as 2000000, 2,000,000 or 2M",
	    "the page says how to write counts");
	free(part);
	free(page);

	/* A chat model and its priced successor, from the fields. */
	memset(&args, 0, sizeof(args));
	args.tokens[COST_INPUT] = "1,234,567";
	args.tokens[COST_OUTPUT] = "89.5k";
	page = page_model(snap, "gpt-4", NULL, day("2026-05-08"), &args,
	    &found);
	part = section(page, "cost");
	lacks(part, "audio_in_tokens", "a chat model has no audio fields");
	has(part, "value=\"1,234,567\"", "the fields as written");
	has(part, "value=\"89.5k\"", "shorthand too");
	has(part, "on <code>gpt-5.4</code>", "the successor named");
	memset(tokens, 0, sizeof(tokens));
	tokens[COST_INPUT] = 1234567;
	tokens[COST_OUTPUT] = 89500;
	record_init(&r);
	r.input_per_mtok = 30;
	r.output_per_mtok = 60;
	cost_prices(&r, from_price);
	r.input_per_mtok = 2.5;
	r.output_per_mtok = 15;
	cost_prices(&r, to_price);
	record_clear(&r);
	from = want_cents(tokens, from_price);
	to = want_cents(tokens, to_price);
	ok(says_cents(page, "cost-from", from), "gpt-4-0613's cost");
	ok(says_cents(page, "cost-to", to), "gpt-5.4's cost");
	tenths = ((from - to) * 2000 + from) / (2 * from);
	snprintf(want, sizeof(want), "data-verdict=\"less\" data-cents=\"-%llu"
	    "\" data-tenths=\"-%llu\">Less: \xe2\x88\x92", from - to, tenths);
	has(part, want, "less, by how much and what share");
	snprintf(want, sizeof(want), " a month (\xe2\x88\x92%llu.%llu%%)",
	    tenths / 10, tenths % 10);
	has(part, want, "the share in words");
	lacks(part, "aria-invalid", "no field is refused");
	free(part);
	free(page);

	/* A field left out counts nothing; one refused is said beside it,
	 * escaped, and nothing is computed. */
	memset(&args, 0, sizeof(args));
	args.tokens[COST_OUTPUT] = "2M";
	page = page_model(snap, "gpt-4", NULL, day("2026-05-08"), &args,
	    &found);
	memset(tokens, 0, sizeof(tokens));
	tokens[COST_OUTPUT] = 2000000;
	ok(says_cents(page, "cost-from", want_cents(tokens, from_price)),
	    "only the output counts");
	has(page, "name=\"in_tokens\" type=\"text\"", "the input field");
	has(page, "aria-describedby=\"cost-in_tokens-error\" value=\"\">",
	    "is empty");
	free(page);
	args.tokens[COST_INPUT] = HOSTILE;
	args.tokens[COST_OUTPUT] = "1.5";
	page = page_model(snap, "gpt-4", NULL, day("2026-05-08"), &args,
	    &found);
	is_int(found, 1, "a bad field still gives the page");
	part = section(page, "cost");
	lacks(page, HOSTILE, "the hostile field is not echoed raw");
	has(part, "aria-invalid=\"true\" value=\"&lt;script&gt;alert(1)"
	    "&lt;/script&gt;\"", "but escaped in its field");
	has(part, "id=\"cost-in_tokens-error\">Input tokens: not a number of "
	    "tokens (write 2000000, 2,000,000 or 2M).</p>",
	    "with its error beside it");
	has(part, "id=\"cost-out_tokens-error\">Output tokens: not a whole "
	    "number of tokens.</p>", "a fraction of a token is refused");
	has(part, "id=\"cost-from\" data-cents=\"\">&mdash;", "no cost");
	has(part, ">Fix the token counts above.</dd>", "but what to do");
	is_int(count(part, "aria-invalid"), 2, "both fields marked");
	free(part);
	free(page);

	/* No replacement: its own cost only. */
	page = page_model(snap, "gpt-5.4", NULL, day("2026-05-08"), NULL,
	    &found);
	part = section(page, "cost");
	has(part, "<h2>What it costs</h2>", "no migration to ask about");
	has(part, "data-to-id=\"\"", "no successor for the script");
	has(part, ">No replacement is announced.</dd>", "said in words");
	has(part, ">Nothing to compare with.</dd>", "no difference");
	free(part);
	free(page);

	/* No price at all: no calculator. */
	page = page_model(snap, "claude-2.1", NULL, day("2026-05-08"), NULL,
	    &found);
	part = section(page, "cost");
	has(part, "The catalog knows no price for <code>claude-2.1</code>",
	    "no price known, said plainly");
	lacks(part, "<form", "and no form");
	is_int(count(page, "<script>"), 1, "nor its script");
	free(part);
	free(page);
}

static void
test_dashboard(struct snapshot *snap)
{
	static const char *order[] = { "dall-e-2", "claude-3-opus-20240229",
		SEED, "&lt;script&gt;", "gpt-4-0613", "evil-model",
		"gpt-realtime-mini", "claude-2.1", "bad", "old-retired",
		"text-davinci-003" };
	struct page_filter f;
	char *page, *cls;
	long prev = -1, at;
	size_t i;
	int in_order = 1;

	page_filter_init(&f);
	page = page_dashboard(snap, day("2026-05-08"), &f);
	has(page, "<!DOCTYPE html>", "the dashboard is a page");
	has(page, "of <strong class=\"total\">11</strong>",
	    "it counts its rows");
	has(page, "page <span class=\"page\">1</span> of <span "
	    "class=\"pages\">1</span>", "on one page");
	lacks(page, "rel=\"next\"", "with no link to another");
	is_int(count(page, "<tr class=\"model "), 11,
	    "deprecated and retired models only");
	lacks(page, "data-search=\"gpt-5.4\"", "no active model");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		/* "bad" is the mistral row: its id has U+FFFD in it. */
		at = row_at(page, order[i]);
		if (at <= prev) {
			in_order = 0;
			printf("#   %s at %ld, after %ld\n", order[i], at, prev);
		}
		prev = at;
	}
	ok(in_order, "deprecated soonest first, then the overdue, then "
	    "retired, most recent first");
	cls = row_class(page, "dall-e-2");
	is_str(cls, "model urgency-critical", "12 days: critical");
	free(cls);
	cls = row_class(page, SEED);
	is_str(cls, "model urgency-soon", "76 days: soon");
	free(cls);
	cls = row_class(page, "gpt-4-0613");
	is_str(cls, "model urgency-later", "168 days: later");
	free(cls);
	cls = row_class(page, "text-davinci-003");
	is_str(cls, "model urgency-retired", "retired: grey");
	free(cls);
	cls = row_class(page, "claude-2.1");
	is_str(cls, "model urgency-overdue", "an earliest date passed: overdue");
	free(cls);
	has(page, "data-days=\"0\" data-search=\"claude-2.1\"",
	    "its days are 0");
	has(page, "<td data-label=\"Days left\" class=\"num\">any day</td>",
	    "said as any day");
	has(page, "<strong>1</strong> due within 30 days",
	    "only firm dates are due within 30 days");
	has(page, "<strong>2</strong> within 90 days",
	    "and within 90 days (not the earliest ones)");
	has(page, "data-provider=\"openai\" data-status=\"deprecated\" "
	    "data-days=\"76\" data-search=\"" SEED "\"",
	    "rows carry provider, status and days");
	has(page, "data-search=\"gpt-4-0613 gpt-4\"", "and the aliases");
	has(page, "href=\"/models/" SEED "?provider=openai&amp;"
	    "at=2026-05-08\"", "rows link to the model page, with at=");
	has(page, "<select id=\"filter-provider\"", "a provider filter");
	has(page, "<option value=\"openai\">OpenAI</option>",
	    "listing the providers");
	has(page, "<select id=\"filter-status\"", "a status filter");
	has(page, "<input id=\"filter-q\"", "a search box");
	has(page, "<form id=\"filters\" class=\"filters\" action=\"/\" "
	    "method=\"get\">", "in a GET form to the dashboard");
	has(page, "<button id=\"filter-submit\" type=\"submit\">",
	    "which has a submit button");
	has(page, "<input type=\"hidden\" name=\"at\" "
	    "value=\"2026-05-08\">", "and keeps at=");
	lacks(page, HOSTILE, "hostile ids are escaped");
	lacks(page, "ev\"il<p>", "hostile providers too");
	has(page, "data-provider=\"ev&quot;il&lt;p&gt;\"", "in attributes");
	is_int(count(page, "<script>"), 1, "one script: ours");
	is_int(count(page, "<tr"), count(page, "</tr>"), "rows are closed");
	free(page);

	page = page_dashboard(snap, date_today(), &f);
	lacks(page, "at=", "no at= when as_of is today");
	free(page);
}

/* The dashboard of snap on 2026-05-08 under f's filters. */
static char *
dashboard_of(struct snapshot *snap, const char *provider, int status,
    const char *q, long within, const char *on, long page)
{
	struct page_filter f;

	page_filter_init(&f);
	f.provider = provider;
	f.status = status;
	f.q = q;
	f.within_days = within;
	if (on != NULL)
		f.on = day(on);
	f.page = page;
	return page_dashboard(snap, day("2026-05-08"), &f);
}

static void
test_dashboard_filters(struct snapshot *snap)
{
	char *page;

	page = dashboard_of(snap, "anthropic", -1, NULL, -1, NULL, 1);
	is_int(count(page, "<tr class=\"model "), 2, "provider=anthropic");
	has(page, "<option value=\"anthropic\" selected>Anthropic</option>",
	    "chosen in the form");
	has(page, "<strong>2</strong> deprecated</li>",
	    "the counts are the filtered list's");
	free(page);
	page = dashboard_of(snap, NULL, STATUS_RETIRED, NULL, -1, NULL, 1);
	is_int(count(page, "<tr class=\"model urgency-retired"), 3,
	    "status=retired: the three retired");
	is_int(count(page, "<tr class=\"model "), 3, "and nothing else");
	has(page, "<option value=\"retired\" selected>", "chosen");
	free(page);
	page = dashboard_of(snap, NULL, -1, "GPT-4", -1, NULL, 1);
	is_int(count(page, "<tr class=\"model "), 2,
	    "q=GPT-4: an id or an alias, any case");
	has(page, "name=\"q\" type=\"search\" placeholder=\"e.g. gpt-4\" "
	    "value=\"GPT-4\"", "kept in the form");
	free(page);
	page = dashboard_of(snap, NULL, STATUS_DEPRECATED, NULL, 90, NULL, 1);
	is_int(count(page, "<tr class=\"model "), 2,
	    "within_days=90: firm dates only");
	free(page);
	page = dashboard_of(snap, NULL, -1, NULL, -1, "2026-07-23", 1);
	is_int(count(page, "<tr class=\"model "), 1, "on=2026-07-23");
	has(page, "data-search=\"" SEED "\"", "the seed model");
	has(page, "name=\"on\" type=\"date\" value=\"2026-07-23\"",
	    "kept in the form");
	free(page);
	page = dashboard_of(snap, "nobody", -1, HOSTILE, -1, NULL, 1);
	has(page, "<p id=\"empty\">No model matches these filters.</p>",
	    "nothing selected: said so");
	lacks(page, "<table", "and no table");
	has(page, "<option value=\"nobody\" selected>nobody</option>",
	    "an unknown provider stays chosen");
	lacks(page, HOSTILE, "a hostile q is escaped");
	free(page);
}

/* page_filter's in_use: the anthropic models are in use. */
static int
anthropic_in_use(const void *ctx, const struct record *r)
{
	return strcmp(r->provider, ctx) == 0;
}

/* The models in use: marked, and with used=1 the only ones listed. */
static void
test_dashboard_used(struct snapshot *snap)
{
	struct page_filter f;
	char *page;

	page_filter_init(&f);
	page = page_dashboard(snap, day("2026-05-08"), &f);
	lacks(page, "class=\"tag in-use\"", "no inventory: nothing marked");
	has(page, "name=\"used\" type=\"checkbox\" value=\"1\">",
	    "the used=1 box, unchecked");
	free(page);
	f.in_use = anthropic_in_use;
	f.in_use_ctx = "anthropic";
	page = page_dashboard(snap, day("2026-05-08"), &f);
	is_int(count(page, "<span class=\"tag in-use\""), 2,
	    "the two anthropic models are marked in use");
	is_int(count(page, "data-provider=\"anthropic\" data-status="), 2,
	    "among the rows of every provider");
	ok(count(page, "<tr class=\"model ") > 2, "which are all listed");
	is_int(count(page, "data-used=\"1\""), 2, "data-used on their rows");
	free(page);
	f.only_used = 1;
	page = page_dashboard(snap, day("2026-05-08"), &f);
	is_int(count(page, "<tr class=\"model "), 2,
	    "used=1: only the models in use");
	has(page, "value=\"1\" checked>", "the box is checked");
	has(page, "<strong>2</strong> deprecated</li>",
	    "the counts are the filtered list's");
	free(page);
	f.in_use = NULL;
	page = page_dashboard(snap, day("2026-05-08"), &f);
	has(page, "<p id=\"empty\">No model matches these filters.</p>",
	    "used=1 with no inventory: nothing");
	free(page);
}

/* n models of provider "gen", deprecated, their shutdowns spread over
 * days from 2026-06-01 (i % days), firm. */
static struct snapshot *
spread_catalog(int n, int days)
{
	struct buf b;
	struct snapshot *snap;
	char date[11];
	int i;

	buf_init(&b, BUF_MAX_INTERNAL);
	for (i = 0; i < n; i++) {
		date_format(day("2026-06-01") + i % days, date);
		buf_addf(&b, "%s{\"provider\": \"gen\", \"id\": "
		    "\"m-%04d\", \"status\": \"deprecated\", "
		    "\"shutdown_on\": \"%s\"}", i > 0 ? "," : "", i, date);
	}
	snap = snapshot_of(buf_str(&b));
	buf_free(&b);
	return snap;
}

static void
test_dashboard_pages(void)
{
	struct snapshot *snap = spread_catalog(450, 60);
	char *page;

	page = dashboard_of(snap, NULL, -1, NULL, -1, NULL, 1);
	is_int(count(page, "<tr class=\"model "), PAGE_DASHBOARD_ROWS,
	    "a page of rows");
	has(page, "of <strong class=\"total\">450</strong>",
	    "the total is the whole list's");
	has(page, "<strong>450</strong> deprecated", "and so are the counts");
	has(page, "<a rel=\"next\" href=\"/?at=2026-05-08&amp;page=2\">",
	    "a link to the next page");
	has(page, "<a rel=\"last\" href=\"/?at=2026-05-08&amp;page=3\">",
	    "and to the last");
	lacks(page, "rel=\"prev\"", "none to a previous one");
	free(page);

	page = dashboard_of(snap, "gen", STATUS_DEPRECATED, "m-", 365, NULL, 2);
	has(page, "<title>AI model deprecations, page 2 of 3 \xe2\x80\x94 "
	    "sunset</title>", "the title names the page");
	has(page, "Models <span class=\"first\">201</span>&ndash;<span "
	    "class=\"last\">400</span> of <strong class=\"total\">450"
	    "</strong>", "page 2: models 201-400");
	has(page, "<a rel=\"prev\" href=\"/?provider=gen&amp;"
	    "status=deprecated&amp;q=m-&amp;within_days=365&amp;"
	    "at=2026-05-08\">", "page links keep every filter");
	has(page, "<a rel=\"next\" href=\"/?provider=gen&amp;"
	    "status=deprecated&amp;q=m-&amp;within_days=365&amp;"
	    "at=2026-05-08&amp;page=3\">", "both ways");
	free(page);

	page = dashboard_of(snap, NULL, -1, NULL, -1, NULL, 99);
	is_int(count(page, "<tr class=\"model "), 50,
	    "past the last page: the last, with the rest");
	has(page, "page <span class=\"page\">3</span> of", "said as page 3");
	lacks(page, "rel=\"next\"", "with no next");
	free(page);
	snapshot_unref(snap);
}

/* The x of each timeline mark in page, in order, up to max; how many. */
static size_t
mark_xs(const char *page, double *xs, size_t max)
{
	const char *p = page;
	size_t n = 0;

	while (n < max && (p = strstr(p, "<g class=\"mark ")) != NULL) {
		p += 15;
		xs[n++] = strtod(strstr(p, "translate(") + 10, NULL);
	}
	return n;
}

/* 1 when no two counts of the timeline's marks (one lane) overlap:
 * each row of counts (above the marks, below) goes left to right, with
 * room for its digits; and there are some. */
static int
counts_apart(const char *page)
{
	static const char key[] = "<text class=\"count\" x=\"6\" y=\"";
	const char *p = page, *t;
	double edge[2] = { -1, -1 }, x;
	int row, labels = 0;

	while ((p = strstr(p, key)) != NULL) {
		for (t = p; t > page && strncmp(t, "translate(", 10); t--)
			;
		x = strtod(t + 10, NULL) + 6;
		p += strlen(key);
		row = strncmp(p, "13\"", 3) == 0;
		if (x < edge[row])
			return 0;
		edge[row] = x + 6 * (double)strcspn(strchr(p, '>') + 1, "<");
		labels++;
	}
	return labels > 2;
}

#define LANE "<g class=\"lane\" data-provider=\""

/* 30 providers, p29 first in the alphabet's order shutting down first:
 * 24 lanes, the soonest, in the order of their names. */
static void
test_timeline_lanes(void)
{
	struct buf b;
	struct snapshot *snap;
	char date[11], *page;
	const char *p, *prev = "";
	int i, sorted = 1;

	buf_init(&b, BUF_MAX_INTERNAL);
	for (i = 0; i < 30; i++) {
		date_format(day("2026-06-01") + 29 - i, date);
		buf_addf(&b, "%s{\"provider\": \"p%02d\", \"id\": \"m\", "
		    "\"status\": \"deprecated\", \"shutdown_on\": \"%s\"}",
		    i > 0 ? "," : "", i, date);
	}
	snap = snapshot_of(buf_str(&b));
	buf_free(&b);
	page = dashboard_of(snap, NULL, -1, NULL, -1, NULL, 1);
	is_int(count(page, "<g class=\"lane\""), 24, "at most 24 lanes");
	has(page, ">+6 more providers (6 models)</text>", "the rest counted");
	lacks(page, "data-provider=\"p05\"><line", "the latest left out");
	has(page, "data-provider=\"p06\"><line", "the soonest drawn");
	for (p = page; (p = strstr(p, LANE)) != NULL; prev = p) {
		p += strlen(LANE);
		sorted &= strncmp(prev, p, 3) < 0;
	}
	ok(sorted, "lanes in the order of their names");
	free(page);
	snapshot_unref(snap);
}

/* Where the timeline's plot starts: the line of the as_of day. */
#define START "class=\"tick start\" x1=\""

static void
test_timeline(struct snapshot *snap)
{
	/* The fixture's shutdowns ahead of 2026-05-08, in date order. */
	static const char *dates[] = { "2026-05-20", "2026-06-30",
		"2026-07-23", "2026-09-01", "2026-10-23", "2026-12-01",
		"2027-01-20" };
	struct snapshot *big;
	char *page, *svg;
	const char *p;
	double xs[64], x0, width, want;
	size_t i, n;
	int inside = 1, linear = 1;

	page = dashboard_of(snap, NULL, -1, NULL, -1, NULL, 1);
	p = strstr(page, "<svg");
	if (!ok(p != NULL, "the dashboard draws the timeline")) {
		free(page);
		return;
	}
	svg = strndup(p, (size_t)(strstr(p, "</svg>") - p));
	has(svg, "role=\"img\" aria-label=\"Shutdowns from 2026-05-08 to "
	    "2027-05-07: 7 models of 3 providers;", "an image with a label");
	is_int(count(svg, "<g class=\"lane\""), 3, "a lane per provider");
	is_int(count(svg, "class=\"month\""), 12, "a tick per month");
	has(svg, ">Jun</text><text class=\"year\" x=", "the first with its "
	    "year");
	is_int(count(svg, "<g class=\"mark firm\""), 6, "six firm marks");
	is_int(count(svg, "<g class=\"mark earliest\""), 1,
	    "one not-before mark");
	has(svg, "<title>claude-3-opus-20240229 (Anthropic): not before "
	    "2026-06-30</title><g class=\"mark earliest\"",
	    "the not-before mark says so in its title");
	has(svg, "<path d=", "drawn as a diamond");
	has(svg, "<a href=\"/models/" SEED "?provider=openai&amp;"
	    "at=2026-05-08\"><title>" SEED " (OpenAI): shutdown 2026-07-23"
	    "</title><g class=\"mark firm\"", "a firm mark links to its "
	    "model page");
	has(svg, "<g class=\"key firm\"><circle r=\"5\"/></g><text x=\"12\" "
	    "y=\"4\">firm shutdown</text>", "a legend");
	has(svg, "not before (may come later)</text>", "for both kinds");
	lacks(svg, HOSTILE, "hostile ids are escaped");
	lacks(svg, "ev\"il<p>", "hostile providers too");
	has(svg, "data-date=\"2026-05-20\"", "dall-e-2 is drawn");
	lacks(svg, "data-date=\"2026-03-01\"", "a passed date is not");

	p = strstr(svg, START);
	x0 = p != NULL ? strtod(p + strlen(START), NULL) : -1;
	width = strtod(strstr(svg, "viewBox=\"0 0 ") + 13, NULL);
	n = mark_xs(svg, xs, 64);
	/* Marks come by lane: Anthropic, ev"il<p>, OpenAI. */
	is_int(n, 7, "seven marks found");
	for (i = 0; i < n; i++)
		inside &= xs[i] > x0 && xs[i] < width;
	ok(inside && x0 > 0, "every mark inside the plot (from x=%.1f)", x0);
	/* x grows with the date at one rate: compare each mark's offset
	 * with the seed's (2026-07-23, 76 days on). */
	p = strstr(svg, "data-date=\"2026-07-23\"");
	for (i = 0; i < NELEM(dates) && p != NULL; i++) {
		const char *m = strstr(svg, dates[i]), *t;
		double x;

		while (m != NULL && strncmp(m - 11, "data-date=\"", 11) != 0)
			m = strstr(m + 1, dates[i]);
		if (m == NULL) {
			linear = 0;
			break;
		}
		for (t = m; t > svg && strncmp(t, "translate(", 10); t--)
			;
		x = strtod(t + 10, NULL);
		want = (double)(day(dates[i]) - day("2026-05-08")) / 76.0;
		for (t = p; t > svg && strncmp(t, "translate(", 10); t--)
			;
		if (fabs((x - x0) - want * (strtod(t + 10, NULL) - x0)) > 0.2) {
			printf("#   %s at %.1f\n", dates[i], x);
			linear = 0;
		}
	}
	ok(linear, "x is proportional to the days from as_of");
	free(svg);
	free(page);

	/* A year at 2026-12-03: only gpt-realtime-mini (2027-01-20). */
	page = page_dashboard(snap, day("2026-12-03"), &(struct page_filter){
	    .status = -1, .within_days = -1, .on = DATE_NONE, .page = 1 });
	is_int((int)mark_xs(page, xs, 64), 1, "a later as_of, a later "
	    "window");
	has(page, "data-date=\"2027-01-20\"", "with what it holds");
	free(page);
	page = page_dashboard(snap, day("9999-12-31"), &(struct page_filter){
	    .status = -1, .within_days = -1, .on = DATE_NONE, .page = 1 });
	has(page, "<p id=\"timeline-empty\">No shutdown from 9999-12-31 to "
	    "9999-12-31.</p>", "the last day a date may be: a window of one");
	free(page);
	page = dashboard_of(snap, NULL, STATUS_RETIRED, NULL, -1, NULL, 1);
	has(page, "<p id=\"timeline-empty\">No shutdown from 2026-05-08 to "
	    "2027-05-07.</p>", "nothing ahead: a sentence, no picture");
	lacks(page, "<svg", "and no SVG");
	free(page);

	/* 450 models on 60 days: shared days count, a lane stops at 40. */
	big = spread_catalog(450, 60);
	page = dashboard_of(big, NULL, -1, NULL, -1, NULL, 1);
	is_int((int)mark_xs(page, xs, 64), 40, "at most 40 marks in a lane");
	has(page, "data-date=\"2026-06-01\" data-count=\"8\"><circle "
	    "r=\"5\"/><text class=\"count\" x=\"6\" y=\"-5\">8</text>",
	    "8 models on one day: one mark, counted");
	has(page, "<a href=\"/?provider=gen&amp;on=2026-06-01&amp;"
	    "at=2026-05-08\"><title>8 models (gen), shutdown 2026-06-01: "
	    "m-0000, m-0060, m-0120, m-0180, m-0240 and 3 more</title>",
	    "linking to that day's list, naming some");
	/* Days 0-29 hold 8 models, days 30-59 hold 7: 40 days drawn. */
	has(page, ">+140 more</text>", "the rest counted");
	ok(counts_apart(page), "counts on close days do not run together");
	free(page);
	snapshot_unref(big);
	test_timeline_lanes();
}

/* html_xml: markup, quotes, controls and the noncharacters XML refuses
 * never pass; other UTF-8 does, a cut sequence at the end too. */
static void
test_xml_escape(void)
{
	struct buf b;

	buf_init(&b, 4096);
	html_xml(&b, "a<b>&\"c'\x01\x7f\tz");
	is_str(buf_str(&b), "a&lt;b&gt;&amp;&quot;c&#39;\xef\xbf\xbd"
	    "\xef\xbf\xbd\tz", "html_xml: markup, quotes and controls");
	buf_reset(&b);
	html_xml(&b, "x\xef\xbf\xbe\xef\xbf\xbf\xc3\xa9\xef\xbf");
	is_str(buf_str(&b), "x\xef\xbf\xbd\xef\xbf\xbd\xc3\xa9"
	    "\xef\xbf\xbd\xef\xbf\xbd", "html_xml: U+FFFE and U+FFFF "
	    "become U+FFFD, a cut sequence too");
	buf_free(&b);
}

int
main(void)
{
	struct snapshot *snap;

	xcjson_init();
	test_xml_escape();
	test_guide();
	test_cost();
	snap = snapshot_of(catalog);
	test_seed_page(snap);
	test_other_pages(snap);
	test_cost_page(snap);
	test_dashboard(snap);
	test_dashboard_filters(snap);
	test_dashboard_used(snap);
	test_timeline(snap);
	snapshot_unref(snap);
	test_dashboard_pages();
	return tap_done();
}
