/*
 * jsonw.c - JSON text written straight into a capped buffer.
 *
 * Invariant: w->state says what may come next at the innermost open
 * container (level[depth]; level[0] is the top, which takes one value),
 * and level[d].after is the state once a member of level d is written.
 * Every key and value asks the state for its separator first, so the
 * commas (and a layout's spaces and newlines) are written here only.
 *
 * Each key or value is appended at once with its separator when it fits
 * CHUNK bytes: an append costs more than gathering a few bytes on the
 * stack, and an answer is some 150 keys and values.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jsonw.h"
#include "utf8.h"
#include "util.h"

/* A separator: a comma, a newline and the deepest indent. */
#define SEP_MAX (2 + JSONW_INDENT_MAX)
/* What a key or a short value is gathered into with its separator. */
#define CHUNK 256

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

/* 1 for the bytes a JSON string holds as they are: printable ASCII but
 * '"' and '\\'.  NUL is 0, so a scan stops at the end of the string;
 * bytes from 0x80 on are checked as UTF-8, sequence by sequence. */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

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

/*
 * Writes the separator before a member of the innermost container to sep
 * (SEP_MAX bytes at most) and returns its length: a comma unless first,
 * then the layout's space, or its newline and indent.
 */
static size_t
separator(const struct jsonw *w, int first, char *sep)
{
	const struct jsonw_level *l = &w->level[w->depth];
	size_t n = 0;

	if (!first)
		sep[n++] = ',';
	if (l->layout == JSONW_SPACED && !first)
		sep[n++] = ' ';
	else if (l->layout == JSONW_LINES) {
		sep[n++] = '\n';
		memcpy(sep + n, spaces, l->indent);
		n += l->indent;
	}
	return n;
}

/* Writes the separator before a value to sep and returns its length;
 * -1 when no value may come here. */
static int
value_separator(struct jsonw *w, char *sep)
{
	switch (w->state) {
	case ST_VALUE:
	case ST_TOP:
		return 0;
	case ST_ARR_FIRST:
	case ST_ARR_NEXT:
		return (int)separator(w, w->state == ST_ARR_FIRST, sep);
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

/* Appends the n bytes at s after the npre at chunk (CHUNK bytes long). */
static void
append_after(struct jsonw *w, char *chunk, size_t npre, const void *s,
    size_t n)
{
	if (n <= CHUNK - npre) {
		memcpy(chunk + npre, s, n);
		buf_add(&w->b, chunk, npre + n);
	} else {
		buf_add(&w->b, chunk, npre);
		buf_add(&w->b, s, n);
	}
}

/* Appends n bytes as a whole value. */
static void
value(struct jsonw *w, const char *s, size_t n)
{
	char chunk[CHUNK];
	int k;

	if ((k = value_separator(w, chunk)) < 0)
		return;
	append_after(w, chunk, (size_t)k, s, n);
	value_ends(w);
}

static void
open_container(struct jsonw *w, char bracket, enum state after,
    enum jsonw_layout layout, unsigned int indent)
{
	struct jsonw_level *l;
	char chunk[CHUNK];
	int k;

	if (w->depth == JSONW_DEPTH_MAX || (layout == JSONW_LINES &&
	    (indent < 2 || indent > JSONW_INDENT_MAX))) {
		misuse(w);
		return;
	}
	if ((k = value_separator(w, chunk)) < 0)
		return;
	append_after(w, chunk, (size_t)k, &bracket, 1);
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
	char chunk[SEP_MAX + 1];
	size_t n = 0;

	if (w->depth == 0 || l->after != after || w->state == ST_VALUE) {
		misuse(w);
		return;
	}
	/* After a member the state is the one after a member. */
	if (l->layout == JSONW_LINES && w->state == after) {
		chunk[n++] = '\n';
		memcpy(chunk + n, spaces, l->indent - 2u);
		n += l->indent - 2u;
	}
	chunk[n++] = bracket;
	buf_add(&w->b, chunk, n);
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

/* Appends the rest of a string that needs escaping, n bytes at p. */
static void
escape(struct jsonw *w, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run;
	char esc[7];

	while (n > 0) {
		/* Copy the longest run that needs no escaping at once. */
		for (run = 0; run < n && plain[p[run]]; run++)
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
}

/*
 * Appends s as a JSON string between the npre bytes at chunk (CHUNK bytes
 * long) and the npost at post: in one append when s needs no escaping
 * and all fits the chunk, as keys and most values do.
 */
static void
string(struct jsonw *w, char *chunk, size_t npre, const char *s,
    const char *post, size_t npost)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run;

	for (run = 0; plain[p[run]]; run++)
		;
	if (p[run] == '\0' && run + 2 + npost <= CHUNK - npre) {
		chunk[npre] = '"';
		memcpy(chunk + npre + 1, s, run);
		chunk[npre + 1 + run] = '"';
		memcpy(chunk + npre + 2 + run, post, npost);
		buf_add(&w->b, chunk, npre + run + 2 + npost);
		return;
	}
	chunk[npre] = '"';
	buf_add(&w->b, chunk, npre + 1);
	escape(w, p, run + strlen(s + run));
	chunk[0] = '"';
	memcpy(chunk + 1, post, npost);
	buf_add(&w->b, chunk, 1 + npost);
}

void
jsonw_key(struct jsonw *w, const char *key)
{
	char chunk[CHUNK];
	size_t k;

	if (w->state != ST_OBJ_FIRST && w->state != ST_OBJ_NEXT) {
		misuse(w);
		return;
	}
	k = separator(w, w->state == ST_OBJ_FIRST, chunk);
	if (w->level[w->depth].layout == JSONW_COMPACT)
		string(w, chunk, k, key, ":", 1);
	else
		string(w, chunk, k, key, ": ", 2);
	w->state = ST_VALUE;
}

void
jsonw_str(struct jsonw *w, const char *s)
{
	char chunk[CHUNK];
	int k;

	if (s == NULL) {
		jsonw_null(w);
		return;
	}
	if ((k = value_separator(w, chunk)) < 0)
		return;
	string(w, chunk, (size_t)k, s, "", 0);
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
