/*
 * test_page.c - the migration guide (errors, checklists, find commands,
 * quick fixes) and the HTML pages rendered from a small catalog: the
 * seed model's page on 2026-05-08, "not before" dates, unknown ids,
 * hostile ids and the dashboard's order and colours.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "guide.h"
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
	" \"replacements\": [{\"id\": \"gpt-5.4\"}]},"
	"{\"provider\": \"openai\", \"id\": \"gpt-5.4\"},"
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
	page = page_model(snap, "claude-2.1", NULL, day("2026-05-08"), NULL, &found);
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

	page = page_model(snap, SEED, "anthropic", day("2026-05-08"), NULL, &found);
	is_int(found, 0, "provider restricts the match");
	free(page);

	page = page_model(snap, "gpt-gone", NULL, day("2026-05-08"), NULL, &found);
	is_int(found, 0, "an unknown id");
	free(page);

	page = page_model(snap, "", NULL, day("2026-05-08"), NULL, &found);
	is_int(found, 0, "an empty query is unknown, not a crash");
	free(page);

	page = page_message("Bad date", "at= <must> be a date");
	has(page, "at= &lt;must&gt; be a date", "a message page, escaped");
	free(page);
}

static void
test_dashboard(struct snapshot *snap)
{
	static const char *order[] = { "dall-e-2", "claude-3-opus-20240229",
		SEED, "&lt;script&gt;", "gpt-4-0613", "evil-model",
		"gpt-realtime-mini", "claude-2.1", "bad", "old-retired",
		"text-davinci-003" };
	char *page, *cls;
	long prev = -1, at;
	size_t i;
	int in_order = 1;

	page = page_dashboard(snap, day("2026-05-08"));
	has(page, "<!DOCTYPE html>", "the dashboard is a page");
	has(page, "<span id=\"count\">11</span>", "it counts its rows");
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
	has(page, "URLSearchParams(location.search)",
	    "which read the URL query");
	lacks(page, HOSTILE, "hostile ids are escaped");
	lacks(page, "ev\"il<p>", "hostile providers too");
	has(page, "data-provider=\"ev&quot;il&lt;p&gt;\"", "in attributes");
	is_int(count(page, "<script>"), 1, "one script: ours");
	is_int(count(page, "<tr"), count(page, "</tr>"), "rows are closed");
	free(page);

	page = page_dashboard(snap, date_today());
	lacks(page, "at=", "no at= when as_of is today");
	free(page);
}

int
main(void)
{
	struct snapshot *snap;

	xcjson_init();
	test_guide();
	snap = snapshot_of(catalog);
	test_seed_page(snap);
	test_other_pages(snap);
	test_dashboard(snap);
	snapshot_unref(snap);
	return tap_done();
}
