/*
 * html.c - the escapers of the pages.
 *
 * Invariant: what an escaper appends holds no byte that could end the
 * text it is in: no markup, no quote, no invalid UTF-8 (html_esc),
 * nothing but unreserved characters and %XX (html_pct), nothing a URI
 * may not hold (html_uri).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "utf8.h"
#include "util.h"

void
html_esc(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p, *end;
	size_t n;

	if (s == NULL)
		return;
	end = p + strlen(s);
	while (*p != '\0') {
		const char *ref = NULL;

		switch (*p) {
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '&': ref = "&amp;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default:
			break;
		}
		if (ref == NULL && *p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		if (ref == NULL && (*p == '\n' || *p == '\t')) {
			p++;
			continue;
		}
		n = *p >= 0x80 ? utf8_len(p, (size_t)(end - p)) : 0;
		if (ref == NULL && n > 0) {
			p += n;
			continue;
		}
		buf_add(b, run, (size_t)(p - run));
		buf_adds(b, ref != NULL ? ref : "\xef\xbf\xbd");
		p++;
		run = p;
	}
	buf_add(b, run, (size_t)(p - run));
}

void
html_xml(struct buf *b, const char *s)
{
	char *copy, *p;

	if (s == NULL)
		return;
	/* U+FFFD is as long as U+FFFE and U+FFFF: replaced in place. */
	copy = xstrdup(s);
	for (p = copy; (p = strstr(p, "\xef\xbf")) != NULL; p += 2)
		if (p[2] == '\xbe' || p[2] == '\xbf')
			p[2] = '\xbd';
	html_esc(b, copy);
	free(copy);
}

void
html_esc_code(struct buf *b, const char *s)
{
	const char *tick;
	char *part;
	int in_code = 0;

	while ((tick = strchr(s, '`')) != NULL) {
		part = xstrndup(s, (size_t)(tick - s));
		html_esc(b, part);
		free(part);
		buf_adds(b, in_code ? "</code>" : "<code>");
		in_code = !in_code;
		s = tick + 1;
	}
	html_esc(b, s);
	if (in_code)
		buf_adds(b, "</code>");
}

static int
is_unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

static int
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static void
put_escape(struct buf *b, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[3];

	e[0] = '%';
	e[1] = hex[c >> 4];
	e[2] = hex[c & 15];
	buf_add(b, e, 3);
}

void
html_pct(struct buf *b, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (is_unreserved(*p))
			buf_add(b, p, 1);
		else
			put_escape(b, *p);
}

void
html_uri(struct buf *b, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (is_unreserved(*p) ||
		    strchr(":/?#[]@!$&'()*+,;=", *p) != NULL ||
		    (*p == '%' && is_hex(p[1]) && is_hex(p[2])))
			buf_add(b, p, 1);
		else
			put_escape(b, *p);
}
