/*
 * html.c - the buffer the pages are written into, and the escapers.
 *
 * Invariant: the buffer is NUL-terminated after every append, and an
 * escaper's output holds no byte that could end the text it is in: no
 * markup, no quote, no invalid UTF-8 (html_esc), nothing but unreserved
 * characters and %XX (html_pct).
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

void
html_putn(struct html *h, const char *s, size_t n)
{
	if (h->len + n + 1 > h->cap) {
		h->cap = (h->len + n + 1) * 2 + 4096;
		h->s = xreallocarray(h->s, h->cap, 1);
	}
	memcpy(h->s + h->len, s, n);
	h->len += n;
	h->s[h->len] = '\0';
}

void
html_put(struct html *h, const char *s)
{
	html_putn(h, s, strlen(s));
}

void
html_putc(struct html *h, char c)
{
	html_putn(h, &c, 1);
}

void
html_putf(struct html *h, const char *fmt, ...)
{
	char *s;
	va_list ap;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	html_put(h, s);
	free(s);
}

char *
html_take(struct html *h)
{
	char *s = h->s != NULL ? h->s : xstrdup("");

	h->s = NULL;
	h->len = h->cap = 0;
	return s;
}

void
html_esc(struct html *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;
	size_t n;

	if (s == NULL)
		return;
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
		n = *p >= 0x80 ? str_utf8_len((const char *)p) : 0;
		if (ref == NULL && n > 0) {
			p += n;
			continue;
		}
		html_putn(h, (const char *)run, (size_t)(p - run));
		html_put(h, ref != NULL ? ref : "\xef\xbf\xbd");
		p++;
		run = p;
	}
	html_putn(h, (const char *)run, (size_t)(p - run));
}

void
html_esc_code(struct html *h, const char *s)
{
	const char *tick;
	char *part;
	int in_code = 0;

	while ((tick = strchr(s, '`')) != NULL) {
		part = xstrndup(s, (size_t)(tick - s));
		html_esc(h, part);
		free(part);
		html_put(h, in_code ? "</code>" : "<code>");
		in_code = !in_code;
		s = tick + 1;
	}
	html_esc(h, s);
	if (in_code)
		html_put(h, "</code>");
}

void
html_pct(struct html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char e[3];

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			html_putn(h, (const char *)p, 1);
			continue;
		}
		e[0] = '%';
		e[1] = hex[*p >> 4];
		e[2] = hex[*p & 15];
		html_putn(h, e, 3);
	}
}
