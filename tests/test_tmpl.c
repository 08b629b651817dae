/*
 * test_tmpl.c - the template expander: each context with hostile values
 * (quotes, markup, newlines, non-ASCII, bytes that are not UTF-8), shell
 * words run through sh and JSON strings read back with cJSON, the errors
 * a wrong template gives, and every template sunset ships.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "embedded.h"
#include "guide.h"
#include "tmpl.h"
#include "tap.h"

#define HOSTILE "<script>alert(\"x\")</script> & 'y'"
#define FFFD "\xef\xbf\xbd"

/* value escaped for ctx; the caller frees. */
static char *
escaped(enum tmpl_ctx ctx, const char *value)
{
	struct buf h;

	buf_init(&h, BUF_MAX_INTERNAL);
	tmpl_escape(&h, ctx, value);
	return buf_take(&h, NULL);
}

/* tpl expanded in ctx with v set to value; NULL on error, *cause set. */
static char *
expanded(const char *tpl, enum tmpl_ctx ctx, const char *value,
    char **cause)
{
	struct buf h;
	const struct tmpl_var vars[] = {
		{ "v", value },
		{ "other", "2" },
		{ NULL, NULL }
	};

	buf_init(&h, BUF_MAX_INTERNAL);
	if (tmpl_expand(&h, tpl, ctx, vars, cause) < 0) {
		buf_free(&h);
		return NULL;
	}
	return buf_take(&h, NULL);
}

static void
check_escape(enum tmpl_ctx ctx, const char *value, const char *want,
    const char *name)
{
	char *s = escaped(ctx, value);

	is_str(s, want, "%s", name);
	free(s);
}

/* What sh prints for printf '%s' WORD, WORD being s. */
static char *
sh_prints(const char *word)
{
	char cmd[1024], *out = calloc(1, 1024);
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "printf '%%s' %s", word);
	if ((p = popen(cmd, "r")) == NULL)
		return out;
	n = fread(out, 1, 1023, p);
	out[n] = '\0';
	pclose(p);
	return out;
}

static void
test_html(void)
{
	check_escape(TMPL_HTML, HOSTILE, "&lt;script&gt;alert(&quot;x&quot;)"
	    "&lt;/script&gt; &amp; &#39;y&#39;", "html: markup and quotes");
	check_escape(TMPL_HTML, "a\nb\tc", "a\nb\tc",
	    "html: newline and tab stay");
	check_escape(TMPL_HTML, "a\x01" "b\x7f" "c", "a" FFFD "b" FFFD "c",
	    "html: control characters become U+FFFD");
	check_escape(TMPL_HTML, "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80",
	    "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80",
	    "html: UTF-8 stays");
	check_escape(TMPL_HTML, "a\xff" "b\xc3", "a" FFFD "b" FFFD,
	    "html: bytes that are not UTF-8 become U+FFFD");
	check_escape(TMPL_ATTR, "\" onmouseover=\"alert(1)",
	    "&quot; onmouseover=&quot;alert(1)",
	    "attr: a double quote cannot end the value");
	check_escape(TMPL_ATTR, "' onfocus='x", "&#39; onfocus=&#39;x",
	    "attr: nor a single quote");
	check_escape(TMPL_ATTR, "a\nb", "a\nb", "attr: a newline is text");
	check_escape(TMPL_TEXT, HOSTILE, HOSTILE, "text: as it is");
}

static void
test_url(void)
{
	check_escape(TMPL_URL, "a b/c?d=e&f#g", "a%20b%2Fc%3Fd%3De%26f%23g",
	    "url: separators are encoded");
	check_escape(TMPL_URL, "AZaz09-._~", "AZaz09-._~",
	    "url: unreserved characters stay");
	check_escape(TMPL_URL, "\"'<>\n\\", "%22%27%3C%3E%0A%5C",
	    "url: quotes, markup, newline, backslash");
	check_escape(TMPL_URL, "caf\xc3\xa9\xff", "caf%C3%A9%FF",
	    "url: non-ASCII bytes, valid or not");
	check_escape(TMPL_URL, "claude-3@20240229:0", "claude-3%4020240229%3A0",
	    "url: @ and :");
}

static void
test_sh(void)
{
	static const char *values[] = {
		"it's", "'", "''", "a'; rm -rf / #", "$(id) `id` $HOME \\n",
		"two\nlines", "caf\xc3\xa9", "\"double\"", "",
	};
	char word[512], *s, *out;
	size_t i;

	check_escape(TMPL_SH, "it's", "it'\\''s",
	    "sh: a quote closes, escapes and reopens");
	check_escape(TMPL_SH, "$(x) `y` \"z\" \\", "$(x) `y` \"z\" \\",
	    "sh: nothing else is special inside single quotes");
	for (i = 0; i < NELEM(values); i++) {
		s = escaped(TMPL_SH, values[i]);
		snprintf(word, sizeof(word), "'%s'", s);
		out = sh_prints(word);
		is_str(out, values[i], "sh reads value %zu back unchanged",
		    i);
		free(out);
		free(s);
	}
}

/* The string a JSON document {"v": "..."} holds, as cJSON reads it. */
static char *
json_reads(const char *doc)
{
	cJSON *j = cJSON_Parse(doc);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "v");
	char *s = cJSON_IsString(v) ? strdup(v->valuestring) : NULL;

	cJSON_Delete(j);
	return s;
}

static void
test_json(void)
{
	static const char *values[] = {
		"a\"b\\c", HOSTILE, "two\nlines\r\t", "ctl\x01\x1f\x7f",
		"caf\xc3\xa9 \xe2\x80\x94", "",
	};
	char *s, *doc;
	size_t i;

	check_escape(TMPL_JSON, "a\"b\\c'd", "a\\\"b\\\\c'd",
	    "json: \" and \\ escaped, ' is not");
	check_escape(TMPL_JSON, "a\nb\x01\x7f", "a\\u000ab\\u0001\\u007f",
	    "json: control characters and DEL as \\u00XX");
	check_escape(TMPL_JSON, "caf\xc3\xa9", "caf\xc3\xa9",
	    "json: UTF-8 stays");
	check_escape(TMPL_JSON, "a\xff" "b", "a\\ufffdb",
	    "json: a byte that is not UTF-8 becomes \\ufffd");
	for (i = 0; i < NELEM(values); i++) {
		doc = expanded("{\"v\": \"{{v}}\"}", TMPL_JSON, values[i],
		    NULL);
		s = json_reads(doc);
		is_str(s, values[i], "json: %s reads back unchanged", doc);
		free(s);
		free(doc);
	}
}

static void
test_expand(void)
{
	char *s, *cause = NULL, *out, *doc;
	struct buf h;
	const struct tmpl_var none[] = { { NULL, NULL } };

	buf_init(&h, BUF_MAX_INTERNAL);
	s = expanded("<p title=\"{{v|attr}}\">{{v}}</p><a href=\"/m/{{v|url}}"
	    "\">", TMPL_HTML, "a\"<b>", NULL);
	is_str(s, "<p title=\"a&quot;&lt;b&gt;\">a&quot;&lt;b&gt;</p>"
	    "<a href=\"/m/a%22%3Cb%3E\">",
	    "the caller's context, or the one the placeholder names");
	free(s);

	s = expanded("x{{v}}y{{v}}z{{other}}", TMPL_TEXT, "-", NULL);
	is_str(s, "x-y-z2", "every placeholder, every time");
	free(s);

	s = expanded("{ {v} } {v}} {{v}}", TMPL_TEXT, "V", NULL);
	is_str(s, "{ {v} } {v}} V", "single braces are text");
	free(s);

	s = expanded("[{{v}}]", TMPL_HTML, NULL, NULL);
	is_str(s, "[]", "a NULL value expands to nothing");
	free(s);

	/* A JSON string in a shell word: both escapes, innermost first. */
	s = expanded("'{\"v\": \"{{v|json|sh}}\"}'", TMPL_TEXT,
	    "it's \"x\"\n", NULL);
	is_str(s, "'{\"v\": \"it'\\''s \\\"x\\\"\\u000a\"}'",
	    "json|sh escapes for JSON, then for the shell");
	doc = sh_prints(s);
	out = json_reads(doc);
	is_str(out, "it's \"x\"\n", "sh and then cJSON read the value back");
	free(out);
	free(doc);
	free(s);

	s = expanded("a\nb {{modle}}", TMPL_TEXT, "x", &cause);
	ok(s == NULL, "an unknown placeholder is an error");
	is_str(cause, "line 2: unknown placeholder {{modle}}",
	    "which names it and its line");
	s = expanded("{{v|xml}}", TMPL_TEXT, "x", &cause);
	ok(s == NULL, "an unknown context is an error");
	is_str(cause, "line 1: unknown context \"xml\" in {{v|xml}}",
	    "which names it");
	s = expanded("{{v|}}", TMPL_TEXT, "x", &cause);
	ok(s == NULL, "so is an empty one");
	s = expanded("{{v|sh|sh|sh|sh|sh}}", TMPL_TEXT, "x", &cause);
	ok(s == NULL, "and more than four");
	s = expanded("ok {{v", TMPL_TEXT, "x", &cause);
	ok(s == NULL, "an unclosed placeholder is an error");
	is_str(cause, "line 1: \"{{\" without \"}}\"", "which says so");
	s = expanded("{{ v }}", TMPL_TEXT, "x", &cause);
	ok(s == NULL, "names are written without spaces");
	free(cause);

	buf_adds(&h, "kept");
	ok(tmpl_expand(&h, "more {{v}}", TMPL_TEXT, none, NULL) < 0,
	    "an error without a cause to set");
	s = buf_take(&h, NULL);
	is_str(s, "kept", "appends nothing");
	free(s);
}

/* The variables each file under data/guide is expanded with, and its
 * context: what guide.c gives it. */
static const struct tmpl_var *
vars_of(const char *name, enum tmpl_ctx *ctx)
{
	static const struct tmpl_var fix[] = {
		{ "model", HOSTILE }, { "base", "https://x.example/v1" },
		{ "key", "X_API_KEY" }, { NULL, NULL }
	};
	static const struct tmpl_var id[] = {
		{ "id", HOSTILE }, { NULL, NULL }
	};
	static const struct tmpl_var none[] = { { NULL, NULL } };
	size_t n = strlen(name);

	*ctx = TMPL_TEXT;
	if (strncmp(name, "guide/fixes/", 12) == 0) {
		*ctx = strcmp(name + n - 3, ".sh") == 0 ? TMPL_SH : TMPL_JSON;
		return fix;
	}
	return strncmp(name, "guide/errors/", 13) == 0 ? id : none;
}

static void
test_shipped(void)
{
	const struct embedded_file *f;
	const struct tmpl_var *vars;
	enum tmpl_ctx ctx;
	struct buf h;
	char *cause = NULL;
	size_t i, sorted = 1, found = 0, templates = 0, bad = 0;

	for (i = 0; i < embedded_nfiles; i++) {
		f = &embedded_files[i];
		if (i > 0 && strcmp(embedded_files[i - 1].name, f->name) >= 0)
			sorted = 0;
		found += embedded_find(f->name) == f &&
		    strlen(f->data) == f->len;
		if (strncmp(f->name, "guide/", 6) != 0)
			continue;
		templates++;
		buf_init(&h, BUF_MAX_INTERNAL);
		vars = vars_of(f->name, &ctx);
		if (tmpl_expand(&h, f->data, ctx, vars, &cause) < 0) {
			printf("#   %s: %s\n", f->name, cause);
			bad++;
		}
		buf_free(&h);
	}
	ok(sorted, "embedded files are sorted by name");
	is_int(found, embedded_nfiles, "embedded_find finds each of them");
	ok(embedded_find("assets/page.css") != NULL &&
	    embedded_find("assets/nope.css") == NULL &&
	    embedded_find("page.css") == NULL, "and nothing else");
	ok(templates > 40, "data/guide is embedded (%zu files)", templates);
	is_int(bad, 0, "every file of data/guide expands: all placeholders "
	    "known");
	if (!ok(guide_check(&cause) == 0, "guide.c reads every file of "
	    "data/guide and expands every template"))
		printf("#   %s\n", cause);
	free(cause);
}

int
main(void)
{
	test_html();
	test_url();
	test_sh();
	test_json();
	test_expand();
	test_shipped();
	return tap_done();
}
