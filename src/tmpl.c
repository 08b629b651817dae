/*
 * tmpl.c - the template expander.
 *
 * Invariant: a value reaches the output only through tmpl_escape(), once
 * per context its placeholder is in, and a template that names anything
 * unknown expands to nothing but an error.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "jsonw.h"
#include "tmpl.h"

#define CHAIN_MAX	4	/* contexts in one placeholder */

static const char *const ctx_names[] = {
	[TMPL_TEXT] = "text",
	[TMPL_HTML] = "html",
	[TMPL_ATTR] = "attr",
	[TMPL_URL] = "url",
	[TMPL_SH] = "sh",
	[TMPL_JSON] = "json",
};

/* s inside a '...' shell word: a quote ends the word, adds an escaped
 * one and opens a new word. */
static void
put_sh(struct buf *out, const char *s)
{
	const char *q;

	while ((q = strchr(s, '\'')) != NULL) {
		buf_add(out, s, (size_t)(q - s));
		buf_adds(out, "'\\''");
		s = q + 1;
	}
	buf_adds(out, s);
}

/* s inside a "..." JSON string: jsonw's string without its quotes, and
 * DEL escaped too, which a page would show as U+FFFD. */
static void
put_json(struct buf *out, const char *s)
{
	struct jsonw w;
	const char *p, *end, *del;
	char *text;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_str(&w, s);
	if ((text = jsonw_take(&w)) == NULL)
		return;
	p = text + 1;
	end = text + strlen(text) - 1;
	while ((del = memchr(p, 0x7f, (size_t)(end - p))) != NULL) {
		buf_add(out, p, (size_t)(del - p));
		buf_adds(out, "\\u007f");
		p = del + 1;
	}
	buf_add(out, p, (size_t)(end - p));
	free(text);
	jsonw_free(&w);
}

void
tmpl_escape(struct buf *out, enum tmpl_ctx ctx, const char *s)
{
	if (s == NULL)
		return;
	switch (ctx) {
	case TMPL_TEXT:
		buf_adds(out, s);
		break;
	case TMPL_HTML:
	case TMPL_ATTR:
		html_esc(out, s);
		break;
	case TMPL_URL:
		html_pct(out, s);
		break;
	case TMPL_SH:
		put_sh(out, s);
		break;
	case TMPL_JSON:
		put_json(out, s);
		break;
	}
}

/* The line of tpl that p is on, counting from 1. */
static int
line_of(const char *tpl, const char *p)
{
	int line = 1;

	for (; tpl < p; tpl++)
		line += *tpl == '\n';
	return line;
}

/* The value of the variable called name, in *value; -1 when there is
 * none. */
static int
find_var(const struct tmpl_var *vars, const char *name, const char **value)
{
	for (; vars->name != NULL; vars++)
		if (strcmp(vars->name, name) == 0) {
			*value = vars->value;
			return 0;
		}
	return -1;
}

static int
find_ctx(const char *name, enum tmpl_ctx *ctx)
{
	size_t i;

	for (i = 0; i < NELEM(ctx_names); i++)
		if (strcmp(ctx_names[i], name) == 0) {
			*ctx = (enum tmpl_ctx)i;
			return 0;
		}
	return -1;
}

/*
 * Appends the value of the placeholder spec ("name" or "name|ctx|...",
 * the text between the braces, on line line) escaped for ctx or for its
 * contexts in turn.  Returns -1 with *cause naming what is unknown.
 */
static int
put_placeholder(struct buf *out, const char *spec, int line,
    enum tmpl_ctx ctx, const struct tmpl_var *vars, char **cause)
{
	enum tmpl_ctx chain[CHAIN_MAX];
	struct buf step;
	char *copy = xstrdup(spec), *p = copy, *name, *word, *value = NULL;
	const char *var;
	size_t i, n = 0;
	int rc = -1;

	buf_init(&step, BUF_MAX_INTERNAL);
	name = strsep(&p, "|");
	if (find_var(vars, name, &var) < 0) {
		set_cause(cause, "line %d: unknown placeholder {{%s}}", line,
		    spec);
		goto out;
	}
	while ((word = strsep(&p, "|")) != NULL) {
		if (n == CHAIN_MAX || find_ctx(word, &chain[n]) < 0) {
			set_cause(cause, "line %d: unknown context \"%s\" in "
			    "{{%s}}", line, word, spec);
			goto out;
		}
		n++;
	}
	if (n == 0)
		chain[n++] = ctx;
	/* Each context but the last escapes into the next one's value. */
	value = xstrdup(var != NULL ? var : "");
	for (i = 0; i + 1 < n; i++) {
		tmpl_escape(&step, chain[i], value);
		free(value);
		value = buf_take(&step, NULL);
	}
	tmpl_escape(out, chain[n - 1], value);
	rc = 0;
out:
	free(value);
	free(copy);
	return rc;
}

int
tmpl_expand(struct buf *out, const char *tpl, enum tmpl_ctx ctx,
    const struct tmpl_var *vars, char **cause)
{
	struct buf b;
	const char *p = tpl, *open, *close;
	char *spec, *s;
	int rc = 0;

	buf_init(&b, BUF_MAX_INTERNAL);
	while (rc == 0 && (open = strstr(p, "{{")) != NULL) {
		buf_add(&b, p, (size_t)(open - p));
		if ((close = strstr(open + 2, "}}")) == NULL) {
			set_cause(cause, "line %d: \"{{\" without \"}}\"",
			    line_of(tpl, open));
			rc = -1;
			break;
		}
		spec = xstrndup(open + 2, (size_t)(close - open - 2));
		rc = put_placeholder(&b, spec, line_of(tpl, open), ctx, vars,
		    cause);
		free(spec);
		p = close + 2;
	}
	buf_adds(&b, p);
	if ((s = buf_take(&b, NULL)) == NULL && rc == 0) {
		set_cause(cause, "longer than a buffer may be");
		rc = -1;
	}
	if (rc == 0)
		buf_adds(out, s);
	free(s);
	return rc;
}
