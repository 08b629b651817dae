/*
 * jsonw.c - JSON text written straight into a capped buffer.
 *
 * Invariant: w->state says what may come next at the innermost open
 * container (level[depth]; level[0] is the top, which takes one value),
 * and level[d].after is the state once a member of level d is written.
 * Every key and value asks the state for its separator first, so the
 * commas (and a layout's spaces and newlines) are written here only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jsonw.h"
#include "utf8.h"
#include "util.h"

enum state {
	ST_TOP = 0,		/* nothing written: one value may come */
	ST_DONE,		/* the top value is written */
	ST_OBJ_FIRST,		/* in an object, before the first key */
	ST_OBJ_NEXT,		/* in an object, after a member */
	ST_ARR_FIRST,		/* in an array, before the first value */
	ST_ARR_NEXT,		/* in an array, after a value */
	ST_VALUE		/* after a key */
};

static const char spaces[JSONW_INDENT_MAX + 1] =
    "                                                                ";

/* Empty: nothing written, no container open. */
static void
reset(struct jsonw *w)
{
	w->misused = 0;
	w->state = ST_TOP;
	w->depth = 0;
	w->level[0].after = ST_DONE;
	w->level[0].layout = JSONW_COMPACT;
	w->level[0].indent = 0;
}

void
jsonw_init(struct jsonw *w, size_t max)
{
	buf_init(&w->b, max);
	reset(w);
}

static void
misuse(struct jsonw *w)
{
	w->misused = 1;
}

/* The separator before a member of a laid-out container. */
static void
separate_layout(struct jsonw *w, const struct jsonw_level *l, int comma)
{
	if (l->layout == JSONW_SPACED) {
		if (comma)
			buf_add(&w->b, ", ", 2);
		return;
	}
	if (comma)
		buf_addc(&w->b, ',');
	buf_addc(&w->b, '\n');
	buf_add(&w->b, spaces, l->indent);
}

/* The separator before a member of the innermost container. */
static void
separate(struct jsonw *w, int comma)
{
	const struct jsonw_level *l = &w->level[w->depth];

	if (l->layout != JSONW_COMPACT)
		separate_layout(w, l, comma);
	else if (comma)
		buf_addc(&w->b, ',');
}

/* Writes what goes before a value; -1 when no value may come here. */
static int
value_begins(struct jsonw *w)
{
	switch (w->state) {
	case ST_VALUE:
	case ST_TOP:
		return 0;
	case ST_ARR_FIRST:
		separate(w, 0);
		return 0;
	case ST_ARR_NEXT:
		separate(w, 1);
		return 0;
	default:
		misuse(w);
		return -1;
	}
}

static void
value_ends(struct jsonw *w)
{
	w->state = w->level[w->depth].after;
}

/* Appends n bytes as a whole value. */
static void
value(struct jsonw *w, const char *s, size_t n)
{
	if (value_begins(w) < 0)
		return;
	buf_add(&w->b, s, n);
	value_ends(w);
}

static void
open_container(struct jsonw *w, char bracket, enum state after,
    enum jsonw_layout layout, unsigned int indent)
{
	struct jsonw_level *l;

	if (w->depth == JSONW_DEPTH_MAX || (layout == JSONW_LINES &&
	    (indent < 2 || indent > JSONW_INDENT_MAX))) {
		misuse(w);
		return;
	}
	if (value_begins(w) < 0)
		return;
	buf_addc(&w->b, bracket);
	l = &w->level[++w->depth];
	l->after = (unsigned char)after;
	l->layout = (unsigned char)layout;
	l->indent = (unsigned char)indent;
	w->state = after == ST_OBJ_NEXT ? ST_OBJ_FIRST : ST_ARR_FIRST;
}

static void
close_container(struct jsonw *w, char bracket, enum state after)
{
	const struct jsonw_level *l = &w->level[w->depth];

	if (w->depth == 0 || l->after != after || w->state == ST_VALUE) {
		misuse(w);
		return;
	}
	/* A member was written: the state is the one after a member. */
	if (l->layout == JSONW_LINES && w->state == after) {
		buf_addc(&w->b, '\n');
		buf_add(&w->b, spaces, l->indent - 2u);
	}
	buf_addc(&w->b, bracket);
	w->depth--;
	value_ends(w);
}

void
jsonw_obj_open(struct jsonw *w)
{
	open_container(w, '{', ST_OBJ_NEXT, JSONW_COMPACT, 0);
}

void
jsonw_arr_open(struct jsonw *w)
{
	open_container(w, '[', ST_ARR_NEXT, JSONW_COMPACT, 0);
}

void
jsonw_obj_open_layout(struct jsonw *w, enum jsonw_layout layout,
    unsigned int indent)
{
	open_container(w, '{', ST_OBJ_NEXT, layout, indent);
}

void
jsonw_arr_open_layout(struct jsonw *w, enum jsonw_layout layout,
    unsigned int indent)
{
	open_container(w, '[', ST_ARR_NEXT, layout, indent);
}

void
jsonw_obj_close(struct jsonw *w)
{
	close_container(w, '}', ST_OBJ_NEXT);
}

void
jsonw_arr_close(struct jsonw *w)
{
	close_container(w, ']', ST_ARR_NEXT);
}

/* Appends s as a JSON string. */
static void
string(struct jsonw *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), run;
	char esc[7];

	buf_addc(&w->b, '"');
	while (n > 0) {
		/* Copy the longest run that needs no escaping at once. */
		for (run = 0; run < n && p[run] >= 0x20 && p[run] < 0x80 &&
		    p[run] != '"' && p[run] != '\\'; run++)
			;
		if (run > 0) {
			buf_add(&w->b, p, run);
			p += run;
			n -= run;
			continue;
		}
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			buf_add(&w->b, esc, 2);
			p++, n--;
		} else if (*p < 0x20) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			buf_add(&w->b, esc, 6);
			p++, n--;
		} else if ((run = utf8_len(p, n)) > 0) {
			buf_add(&w->b, p, run);
			p += run, n -= run;
		} else {
			buf_add(&w->b, "\\ufffd", 6);
			p++, n--;
		}
	}
	buf_addc(&w->b, '"');
}

void
jsonw_key(struct jsonw *w, const char *key)
{
	if (w->state == ST_OBJ_FIRST || w->state == ST_OBJ_NEXT)
		separate(w, w->state == ST_OBJ_NEXT);
	else {
		misuse(w);
		return;
	}
	string(w, key);
	if (w->level[w->depth].layout == JSONW_COMPACT)
		buf_addc(&w->b, ':');
	else
		buf_add(&w->b, ": ", 2);
	w->state = ST_VALUE;
}

void
jsonw_str(struct jsonw *w, const char *s)
{
	if (s == NULL) {
		jsonw_null(w);
		return;
	}
	if (value_begins(w) < 0)
		return;
	string(w, s);
	value_ends(w);
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
	value(w, p, (size_t)(buf + sizeof(buf) - p));
}

void
jsonw_num(struct jsonw *w, double v, int negative_is_null)
{
	char buf[32];
	int n;

	if ((negative_is_null && v < 0) || v != v) {
		jsonw_null(w);
		return;
	}
	/* Round away the binary noise of products like 2.5e-06 * 1e6. */
	n = snprintf(buf, sizeof(buf), "%.12g", v);
	value(w, buf, (size_t)n);
}

void
jsonw_date(struct jsonw *w, int32_t date)
{
	char buf[13];

	if (date == DATE_NONE) {
		jsonw_null(w);
		return;
	}
	buf[0] = '"';
	date_format(date, buf + 1);
	buf[11] = '"';
	value(w, buf, 12);
}

void
jsonw_bool(struct jsonw *w, int v)
{
	if (v)
		value(w, "true", 4);
	else
		value(w, "false", 5);
}

void
jsonw_null(struct jsonw *w)
{
	value(w, "null", 4);
}

void
jsonw_raw(struct jsonw *w, const char *json)
{
	if (json == NULL)
		misuse(w);
	else
		value(w, json, strlen(json));
}

char *
jsonw_take(struct jsonw *w)
{
	char *s = NULL;

	if (!w->misused && w->state == ST_DONE)
		s = buf_take(&w->b, NULL);	/* NULL past the cap */
	buf_free(&w->b);
	reset(w);
	return s;
}

void
jsonw_free(struct jsonw *w)
{
	buf_free(&w->b);
	reset(w);
}
