/*
 * jsonw.c - JSON text written straight into a buffer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jsonw.h"
#include "utf8.h"
#include "util.h"

static void
reserve(struct jsonw *w, size_t n)
{
	if (w->len + n + 1 <= w->cap)
		return;
	while (w->len + n + 1 > w->cap)
		w->cap = w->cap ? w->cap * 2 : 4096;
	w->buf = xreallocarray(w->buf, w->cap, 1);
}

static void
put(struct jsonw *w, const char *s, size_t n)
{
	reserve(w, n);
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

void
jsonw_raw(struct jsonw *w, const char *s)
{
	put(w, s, strlen(s));
}

void
jsonw_str(struct jsonw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t n, run;
	char esc[7];

	if (s == NULL) {
		put(w, "null", 4);
		return;
	}
	n = strlen(s);
	put(w, "\"", 1);
	while (n > 0) {
		/* Copy the longest run that needs no escaping at once. */
		for (run = 0; run < n && p[run] >= 0x20 && p[run] < 0x80 &&
		    p[run] != '"' && p[run] != '\\'; run++)
			;
		if (run > 0) {
			put(w, (const char *)p, run);
			p += run;
			n -= run;
			continue;
		}
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			put(w, esc, 2);
			p++, n--;
		} else if (*p < 0x20) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			put(w, esc, 6);
			p++, n--;
		} else if ((run = utf8_len(p, n)) > 0) {
			put(w, (const char *)p, run);
			p += run, n -= run;
		} else {
			put(w, "\\ufffd", 6);
			p++, n--;
		}
	}
	put(w, "\"", 1);
}

void
jsonw_key(struct jsonw *w, const char *key, int first)
{
	if (!first)
		put(w, ",", 1);
	jsonw_str(w, key);
	put(w, ":", 1);
}

void
jsonw_int(struct jsonw *w, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(buf + sizeof(buf) - p));
}

void
jsonw_num(struct jsonw *w, double v, int negative_is_null)
{
	char buf[32];
	int n;

	if ((negative_is_null && v < 0) || v != v) {
		put(w, "null", 4);
		return;
	}
	/* Round away the binary noise of products like 2.5e-06 * 1e6. */
	n = snprintf(buf, sizeof(buf), "%.12g", v);
	put(w, buf, (size_t)n);
}

void
jsonw_date(struct jsonw *w, int32_t date)
{
	char buf[13];

	if (date == DATE_NONE) {
		put(w, "null", 4);
		return;
	}
	buf[0] = '"';
	date_format(date, buf + 1);
	buf[11] = '"';
	put(w, buf, 12);
}

char *
jsonw_take(struct jsonw *w)
{
	char *s = w->buf != NULL ? w->buf : xstrdup("");

	memset(w, 0, sizeof(*w));
	return s;
}

void
jsonw_clear(struct jsonw *w)
{
	free(w->buf);
	memset(w, 0, sizeof(*w));
}
