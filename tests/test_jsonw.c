/*
 * test_jsonw.c - the JSON writer: commas it places itself, nesting,
 * layouts, escaping, the cap and misuse.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jsonw.h"
#include "tap.h"
#include "util.h"

/* Takes w's text and compares it with want (NULL: the take fails). */
static void
is_take(struct jsonw *w, const char *want, const char *what)
{
	char *got = jsonw_take(w);

	is_str(got, want, "%s", what);
	free(got);
}

static void
test_commas(void)
{
	struct jsonw w;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_obj_close(&w);
	is_take(&w, "{}", "an empty object");
	jsonw_arr_open(&w);
	jsonw_arr_close(&w);
	is_take(&w, "[]", "an empty array");

	jsonw_obj_open(&w);
	jsonw_key(&w, "a");
	jsonw_int(&w, 1);
	jsonw_key(&w, "b");
	jsonw_str(&w, "x");
	jsonw_key(&w, "c");
	jsonw_bool(&w, 1);
	jsonw_key(&w, "d");
	jsonw_bool(&w, 0);
	jsonw_key(&w, "e");
	jsonw_null(&w);
	jsonw_obj_close(&w);
	is_take(&w, "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":false,\"e\":null}",
	    "members of an object, one comma between each");

	jsonw_arr_open(&w);
	jsonw_int(&w, 1);
	jsonw_int(&w, 2);
	jsonw_int(&w, 3);
	jsonw_arr_close(&w);
	is_take(&w, "[1,2,3]", "values of an array");

	jsonw_obj_open(&w);
	jsonw_key(&w, "a");
	jsonw_obj_open(&w);
	jsonw_obj_close(&w);
	jsonw_key(&w, "b");
	jsonw_arr_open(&w);
	jsonw_arr_close(&w);
	jsonw_key(&w, "c");
	jsonw_arr_open(&w);
	jsonw_arr_open(&w);
	jsonw_arr_close(&w);
	jsonw_arr_open(&w);
	jsonw_int(&w, 1);
	jsonw_arr_close(&w);
	jsonw_obj_open(&w);
	jsonw_key(&w, "d");
	jsonw_arr_open(&w);
	jsonw_obj_open(&w);
	jsonw_obj_close(&w);
	jsonw_obj_open(&w);
	jsonw_key(&w, "e");
	jsonw_null(&w);
	jsonw_obj_close(&w);
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	jsonw_arr_close(&w);
	jsonw_key(&w, "f");
	jsonw_int(&w, -1);
	jsonw_obj_close(&w);
	is_take(&w, "{\"a\":{},\"b\":[],\"c\":[[],[1],{\"d\":[{},{\"e\":null}]}],"
	    "\"f\":-1}", "nested and empty containers");

	jsonw_arr_open(&w);
	jsonw_raw(&w, "{\"pre\":[1,2]}");
	jsonw_int(&w, 3);
	jsonw_raw(&w, "\"rendered\"");
	jsonw_arr_close(&w);
	is_take(&w, "[{\"pre\":[1,2]},3,\"rendered\"]",
	    "a raw fragment is one value, commas around it");
	jsonw_obj_open(&w);
	jsonw_key(&w, "a");
	jsonw_raw(&w, "[]");
	jsonw_key(&w, "b");
	jsonw_raw(&w, "{}");
	jsonw_obj_close(&w);
	is_take(&w, "{\"a\":[],\"b\":{}}", "raw fragments after keys");
	jsonw_str(&w, "top");
	is_take(&w, "\"top\"", "a single value is a document");
	jsonw_free(&w);
}

static void
test_values(void)
{
	struct jsonw w;
	int32_t d;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_arr_open(&w);
	jsonw_int(&w, 0);
	jsonw_int(&w, -42);
	jsonw_int(&w, LLONG_MAX);
	jsonw_int(&w, LLONG_MIN);
	jsonw_arr_close(&w);
	is_take(&w, "[0,-42,9223372036854775807,-9223372036854775808]",
	    "integers, both ends");
	jsonw_arr_open(&w);
	jsonw_num(&w, 2.5e-06 * 1e6, 0);
	jsonw_num(&w, 0.1 + 0.2, 0);
	jsonw_num(&w, -1, 0);
	jsonw_num(&w, -1, 1);
	jsonw_num(&w, 0.0 / 0.0, 0);
	jsonw_num(&w, 150, 1);
	jsonw_arr_close(&w);
	is_take(&w, "[2.5,0.3,-1,null,null,150]",
	    "numbers rounded to 12 digits; null when negative or NaN");
	date_parse_iso("2026-07-23", &d);
	jsonw_arr_open(&w);
	jsonw_date(&w, d);
	jsonw_date(&w, DATE_NONE);
	jsonw_str(&w, NULL);
	jsonw_arr_close(&w);
	is_take(&w, "[\"2026-07-23\",null,null]", "dates, no date, no string");
	jsonw_free(&w);
}

static void
test_escaping(void)
{
	static const struct {
		const char *s, *want, *what;
	} cases[] = {
		{ "a\"b\\c/d", "\"a\\\"b\\\\c/d\"", "quote and backslash escaped" },
		{ "\x01\t\n\x1f\x7f", "\"\\u0001\\u0009\\u000a\\u001f\x7f\"",
		    "control bytes as \\u00XX, DEL as it is" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
		    "UTF-8 kept as it is" },
		{ "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe2\x82",
		    "\"a\\ufffdb\\ufffd\\ufffdc\\ufffd\\ufffd\\ufffdd"
		    "\\ufffd\\ufffd\"", "every byte that is not UTF-8 is U+FFFD" },
		{ "", "\"\"", "the empty string" },
	};
	struct jsonw w;
	size_t i;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	for (i = 0; i < NELEM(cases); i++) {
		jsonw_str(&w, cases[i].s);
		is_take(&w, cases[i].want, cases[i].what);
	}
	jsonw_obj_open(&w);
	jsonw_key(&w, "k\"\n");
	jsonw_str(&w, "");
	jsonw_obj_close(&w);
	is_take(&w, "{\"k\\\"\\u000a\":\"\"}", "keys are escaped too");
	jsonw_free(&w);
}

/* Strings about as long as what the writer gathers a value in (256
 * bytes with its separator), plain or with an escape at the end, as
 * keys and as values after a comma: the same bytes either way. */
static void
test_long_strings(void)
{
	char s[300], want[1024], what[64];
	struct jsonw w;
	size_t n;
	int esc;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	for (esc = 0; esc <= 1; esc++)
		for (n = 250; n < 260; n++) {
			memset(s, 'x', n);
			s[n] = '\0';
			if (esc)
				s[n - 1] = '"';
			jsonw_obj_open(&w);
			jsonw_key(&w, "a");
			jsonw_int(&w, 1);
			jsonw_key(&w, s);
			jsonw_arr_open(&w);
			jsonw_int(&w, 2);
			jsonw_str(&w, s);
			jsonw_arr_close(&w);
			jsonw_obj_close(&w);
			snprintf(want, sizeof(want),
			    "{\"a\":1,\"%.*s%s\":[2,\"%.*s%s\"]}",
			    (int)(n - esc), s, esc ? "\\\"" : "",
			    (int)(n - esc), s, esc ? "\\\"" : "");
			snprintf(what, sizeof(what), "a%s string of %zu bytes",
			    esc ? "n escaped" : " plain", n);
			is_take(&w, want, what);
		}
	jsonw_free(&w);
}

static void
test_layouts(void)
{
	struct jsonw w;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open_layout(&w, JSONW_SPACED, 0);
	jsonw_key(&w, "a");
	jsonw_int(&w, 1);
	jsonw_key(&w, "b");
	jsonw_arr_open_layout(&w, JSONW_SPACED, 0);
	jsonw_int(&w, 2);
	jsonw_int(&w, 3);
	jsonw_arr_close(&w);
	jsonw_key(&w, "c");
	jsonw_obj_open(&w);
	jsonw_key(&w, "d");
	jsonw_int(&w, 4);
	jsonw_key(&w, "e");
	jsonw_int(&w, 5);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	is_take(&w, "{\"a\": 1, \"b\": [2, 3], \"c\": {\"d\":4,\"e\":5}}",
	    "spaced, with a compact object inside");

	jsonw_obj_open_layout(&w, JSONW_LINES, 2);
	jsonw_key(&w, "a");
	jsonw_int(&w, 1);
	jsonw_key(&w, "b");
	jsonw_arr_open_layout(&w, JSONW_LINES, 4);
	jsonw_obj_open(&w);
	jsonw_obj_close(&w);
	jsonw_int(&w, 2);
	jsonw_arr_close(&w);
	jsonw_key(&w, "c");
	jsonw_arr_open_layout(&w, JSONW_LINES, 8);
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	is_take(&w, "{\n  \"a\": 1,\n  \"b\": [\n    {},\n    2\n  ],\n"
	    "  \"c\": []\n}", "lines, indented, an empty one closed at once");
	jsonw_arr_open_layout(&w, JSONW_LINES, 1);
	jsonw_arr_close(&w);
	is_take(&w, NULL, "an indent under 2 is a misuse");
	jsonw_arr_open_layout(&w, JSONW_LINES, JSONW_INDENT_MAX + 1);
	jsonw_arr_close(&w);
	is_take(&w, NULL, "an indent past JSONW_INDENT_MAX is a misuse");
	jsonw_free(&w);
}

static void
test_cap(void)
{
	struct jsonw w;
	char *s;

	/* ["0123456789"] is 14 bytes. */
	jsonw_init(&w, 14);
	jsonw_arr_open(&w);
	jsonw_str(&w, "0123456789");
	jsonw_arr_close(&w);
	is_take(&w, "[\"0123456789\"]", "a document of exactly the cap");
	jsonw_arr_open(&w);
	jsonw_str(&w, "0123456789a");
	jsonw_arr_close(&w);
	is_take(&w, NULL, "one byte past the cap: the take fails");
	jsonw_arr_open(&w);
	jsonw_str(&w, "0123456789");
	jsonw_str(&w, "0123456789");
	jsonw_int(&w, 1);
	jsonw_arr_close(&w);
	ok((s = jsonw_take(&w)) == NULL, "writes past the cap are ignored, "
	    "the failure sticks");
	free(s);
	jsonw_obj_open(&w);
	jsonw_key(&w, "k");
	jsonw_int(&w, 1);
	jsonw_obj_close(&w);
	is_take(&w, "{\"k\":1}", "after a failed take the writer works again");
	jsonw_free(&w);
}

static void
test_misuse(void)
{
	char deep[2 * JSONW_DEPTH_MAX + 1];
	struct jsonw w;
	int i;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	is_take(&w, NULL, "nothing written: no document");
	jsonw_arr_open(&w);
	jsonw_key(&w, "k");
	jsonw_int(&w, 1);
	jsonw_arr_close(&w);
	is_take(&w, NULL, "a key in an array");
	jsonw_obj_open(&w);
	jsonw_int(&w, 1);
	jsonw_obj_close(&w);
	is_take(&w, NULL, "a value where a key is due");
	jsonw_obj_open(&w);
	jsonw_key(&w, "k");
	jsonw_key(&w, "l");
	jsonw_int(&w, 1);
	jsonw_obj_close(&w);
	is_take(&w, NULL, "two keys in a row");
	jsonw_obj_open(&w);
	jsonw_key(&w, "k");
	jsonw_obj_close(&w);
	is_take(&w, NULL, "an object closed after a key");
	jsonw_obj_open(&w);
	jsonw_arr_close(&w);
	is_take(&w, NULL, "a close that does not match");
	jsonw_arr_close(&w);
	is_take(&w, NULL, "a close with nothing open");
	jsonw_obj_open(&w);
	jsonw_arr_open(&w);
	jsonw_arr_close(&w);
	is_take(&w, NULL, "a container left open");
	jsonw_int(&w, 1);
	jsonw_int(&w, 2);
	is_take(&w, NULL, "two values at the top");
	jsonw_arr_open(&w);
	jsonw_raw(&w, NULL);
	jsonw_arr_close(&w);
	is_take(&w, NULL, "a raw fragment that failed (NULL)");
	for (i = 0; i < JSONW_DEPTH_MAX; i++)
		jsonw_arr_open(&w);
	for (i = 0; i < JSONW_DEPTH_MAX; i++)
		jsonw_arr_close(&w);
	memset(deep, '[', JSONW_DEPTH_MAX);
	memset(deep + JSONW_DEPTH_MAX, ']', JSONW_DEPTH_MAX);
	deep[2 * JSONW_DEPTH_MAX] = '\0';
	is_take(&w, deep, "JSONW_DEPTH_MAX containers deep");
	for (i = 0; i <= JSONW_DEPTH_MAX; i++)
		jsonw_arr_open(&w);
	for (i = 0; i <= JSONW_DEPTH_MAX; i++)
		jsonw_arr_close(&w);
	is_take(&w, NULL, "one deeper is a misuse");
	jsonw_arr_open(&w);
	jsonw_arr_close(&w);
	is_take(&w, "[]", "after a misuse the writer works again");
	jsonw_free(&w);
}

int
main(void)
{
	test_commas();
	test_values();
	test_escaping();
	test_long_strings();
	test_layouts();
	test_cap();
	test_misuse();
	return tap_done();
}
