/*
 * html.c - the escapers of the pages.
 *
 * Invariant: what an escaper appends holds no byte that could end the
 * text it is in: no markup, no quote, no invalid UTF-8 (html_esc),
 * nothing but unreserved characters and %XX (html_pct).
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

void
html_pct(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char e[3];

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			buf_add(b, p, 1);
			continue;
		}
		e[0] = '%';
		e[1] = hex[*p >> 4];
		e[2] = hex[*p & 15];
		buf_add(b, e, 3);
	}
}
