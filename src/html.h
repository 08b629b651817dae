/*
 * html.h - a growing string, and the escapers that put any text into
 * HTML or a URL as text only.
 *
 * struct html is a plain buffer: start it with HTML_INIT, append with
 * the html_put functions, take the string with html_take().  Appending
 * never fails (memory comes from the x-allocators, util.h).  The fields
 * are read by no one but this module.
 *
 * The escapers append a value so that it can only ever be read as text:
 * html_esc() in HTML text and in attribute values (single- or
 * double-quoted), html_pct() in a URL path segment or query value.
 */
#ifndef SUNSET_HTML_H
#define SUNSET_HTML_H

#include <stddef.h>

#include "util.h"

struct html {
	char	*s;	/* NUL-terminated, or NULL while empty */
	size_t	 len;
	size_t	 cap;
};

#define HTML_INIT { NULL, 0, 0 }

/* Append n bytes of s, s, one byte, or a formatted string, as they are. */
void html_putn(struct html *h, const char *s, size_t n);
void html_put(struct html *h, const char *s);
void html_putc(struct html *h, char c);
void html_putf(struct html *h, const char *fmt, ...) ATTR_PRINTF(2, 3);

/* The string built (never NULL; "" when nothing was put), which the
 * caller frees; h is empty again. */
char *html_take(struct html *h);

/*
 * s as HTML text or an attribute value: < > & " ' become references;
 * bytes that are not UTF-8 and control characters (but tab and newline)
 * become U+FFFD, so the page stays valid whatever a feed or a client
 * sent.  s NULL appends nothing.
 */
void html_esc(struct html *h, const char *s);

/* s, in which `backticks` mark code, as HTML text with <code> spans. */
void html_esc_code(struct html *h, const char *s);

/* s percent-encoded: every byte but ASCII letters, digits and - . _ ~. */
void html_pct(struct html *h, const char *s);

#endif
