/*
 * test_guide.c - how guide.c reads data/guide: "name: value" lines with
 * continuation lines, and the checks that turn a broken file into an
 * error naming its line (the shipped files are checked in test_tmpl.c).
 * Includes guide.c to reach its readers.
 */
#include "guide.c"

#include "tap.h"

/* The fields of text as "name=value|name=value", or the error. */
static char *
fields(const char *text)
{
	struct buf h;
	struct line_field *f;
	char *cause = NULL;
	size_t i, n;

	buf_init(&h, BUF_MAX_INTERNAL);
	if (read_fields(text, &f, &n, &cause) < 0)
		return cause;
	for (i = 0; i < n; i++)
		buf_addf(&h, "%s%s=%s@%d", i > 0 ? "|" : "", f[i].name,
		    f[i].value, f[i].line);
	fields_free(f, n);
	return buf_take(&h, NULL);
}

static void
check_fields(const char *text, const char *want, const char *name)
{
	char *s = fields(text);

	is_str(s, want, "%s", name);
	free(s);
}

/* The error reading text as an errors file gives, or "ok". */
static char *
errors_cause(const char *text)
{
	struct content c = { 0 };
	char *cause = NULL;

	c.errors = xcalloc(1, sizeof(*c.errors));
	c.nerrors = 1;
	if (read_errors(&c.errors[0], text, &cause) == 0)
		cause = strdup("ok");
	content_free(&c);
	return cause;
}

static void
check_errors(const char *text, const char *want, const char *name)
{
	char *s = errors_cause(text);

	is_str(s, want, "%s", name);
	free(s);
}

static void
test_fields(void)
{
	check_fields("a: 1\nb:two  words \n", "a=1@1|b=two  words@2",
	    "name: value, trailing blanks dropped");
	check_fields("# a comment\n\ntitle: A long\n  text that\n\tgoes on\n"
	    "item: x", "title=A long text that goes on@3|item=x@6",
	    "indented lines go on with one space; no final newline needed");
	check_fields("note:   \nx:y:z\n", "note=@1|x=y:z@2",
	    "an empty value; a colon in a value");
	check_fields("a: 1\n   \nb: 2\n", "a=1@1|b=2@3",
	    "a line of blanks is empty");
	check_fields("  indented: first\n",
	    "line 1: an indented line continues nothing",
	    "an indented first line is an error");
	check_fields("a: 1\n\nno colon here\n",
	    "line 3: not \"name: value\"", "so is a line without a colon");
}

static void
test_errors(void)
{
	check_errors("note: n\n\nstatus: 404\ncode: c\nmessage: `{{id}}`\n"
	    "when: w\n", "ok", "a note and one error");
	check_errors("status: 404\ncode: c\nmessage: m\n", "the error with "
	    "status 404 has no when", "every error has a when");
	check_errors("status: 4o4\n", "line 1: not an HTTP status",
	    "a status is a number");
	check_errors("status: 99\n", "line 1: not an HTTP status",
	    "from 100");
	check_errors("status: 404\ncode: c\ncolour: red\n",
	    "line 3: unexpected \"colour\"", "an unknown field");
	check_errors("status: 404\ncode: a\ncode: b\n",
	    "line 3: unexpected \"code\"", "a field twice");
	check_errors("status: 404\nnote: n\n", "line 2: unexpected \"note\"",
	    "the note comes first");
	check_errors("status: 404\ncode: c\nmessage: {{modle}}\nwhen: w\n",
	    "line 1: unknown placeholder {{modle}}",
	    "a message with an unknown placeholder");
	check_errors("note: only a note\n", "no error", "at least one error");
}

static void
test_checklist(void)
{
	struct checklist c = { 0 };
	char *cause = NULL;

	ok(read_checklist(&c, "title: T\nitem: one\nitem: two\n  more\n",
	    &cause) == 0 && c.n == 2 && strcmp(c.title, "T") == 0 &&
	    strcmp(c.items[1], "two more") == 0 && c.items[2] == NULL,
	    "a checklist: title and items in order, NULL-terminated");
	free(c.title);
	free(c.items[0]);
	free(c.items[1]);
	free(c.items);
	memset(&c, 0, sizeof(c));
	ok(read_checklist(&c, "item: one\n", &cause) < 0,
	    "a checklist without a title is an error");
	is_str(cause, "a checklist needs a title and an item", "which says so");
	free(c.items[0]);
	free(c.items);
	free(cause);
}

static void
test_shapes(void)
{
	struct content c = { 0 };
	char *cause = NULL;

	ok(read_shapes(&c, "api: x\n", &cause) < 0, "a field before a shape");
	is_str(cause, "line 1: \"api\" before the first shape", "is an error");
	content_free(&c);
	ok(read_shapes(&c, "shape: compatible\n", &cause) < 0,
	    "a shape without an api");
	is_str(cause, "shape compatible has no api", "is an error");
	content_free(&c);
	ok(read_shapes(&c, "shape: nosuch\napi: X\n", &cause) < 0,
	    "a shape without templates");
	is_str(cause, "guide/fixes/nosuch.py is missing", "is an error");
	content_free(&c);
	ok(read_shapes(&c, "shape: compatible\napi: X\nprovider: p\n",
	    &cause) < 0, "a last shape that does not fit every model");
	is_str(cause, "the last shape must fit any model", "is an error");
	content_free(&c);
	ok(read_shapes(&c, "shape: anthropic\nprovider: anthropic\napi: A\n"
	    "\nshape: compatible\napi: C\n", &cause) == 0 && c.nshapes == 2 &&
	    strstr(c.shapes[0].code[GUIDE_PYTHON], "{{model}}") != NULL,
	    "shapes with their templates");
	content_free(&c);
	free(cause);
}

int
main(void)
{
	test_fields();
	test_errors();
	test_checklist();
	test_shapes();
	return tap_done();
}
