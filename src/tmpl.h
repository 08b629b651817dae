/*
 * tmpl.h - templates whose values are escaped for the place they land in.
 *
 * A template is text with placeholders.  {{name}} stands for the value
 * of the variable name, escaped for the template's context, which the
 * caller gives: the language the template is written in.  Where the
 * template puts a value somewhere else, the placeholder names that
 * context: {{name|url}}.  Several contexts escape in turn, innermost
 * first: {{name|json|sh}} is a JSON string inside a '...' shell word.
 * "{{" always opens a placeholder.  In HTML:
 *
 *	const struct tmpl_var vars[] = { { "id", id }, { NULL, NULL } };
 *
 *	tmpl_expand(&page, "<a href=\"/models/{{id|url}}\">{{id}}</a>",
 *	    TMPL_HTML, vars, &cause);
 *
 *   context  the value lands                 escaped
 *   text     as is: its reader escapes it,   nothing
 *            or it needs nothing
 *   html     in HTML text                    < > & " ' as references;
 *                                            controls, bad UTF-8: U+FFFD
 *   attr     in a quoted HTML attribute      the same
 *   url      in a URL path segment or query  all but A-Z a-z 0-9 - . _ ~
 *            value                           as %XX
 *   sh       inside a '...' shell word       ' as '\''
 *   json     inside a "..." string of JSON,  " \ as \" \\; controls, DEL
 *            JavaScript or Python            as \u00XX; bad UTF-8 \ufffd
 *
 * A placeholder naming a variable the caller did not give or an unknown
 * context, and a "{{" without "}}", are errors: the template is wrong.
 * Tests expand every template sunset ships, so none reaches a user.
 */
#ifndef SUNSET_TMPL_H
#define SUNSET_TMPL_H

#include "buf.h"

enum tmpl_ctx {
	TMPL_TEXT,
	TMPL_HTML,
	TMPL_ATTR,
	TMPL_URL,
	TMPL_SH,
	TMPL_JSON
};

/* One variable; a list of them ends with { NULL, NULL }. */
struct tmpl_var {
	const char	*name;
	const char	*value;		/* NULL expands to nothing */
};

/*
 * Appends tpl to out with each placeholder replaced by its variable's
 * value, escaped for ctx or for the contexts the placeholder names.
 * Returns 0, or -1 with *cause set ("line 3: unknown placeholder
 * {{modle}}") and nothing appended.
 */
int tmpl_expand(struct buf *out, const char *tpl, enum tmpl_ctx ctx,
    const struct tmpl_var *vars, char **cause);

/* Appends s escaped for ctx (NULL appends nothing). */
void tmpl_escape(struct buf *out, enum tmpl_ctx ctx, const char *s);

#endif
