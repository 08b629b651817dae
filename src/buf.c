/*
 * buf.c - capped growing buffers.
 *
 * Invariant: when s is not NULL, s[len] is '\0' and len <= max; a failed
 * buffer holds nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
buf_init(struct buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max;
}

static int
fail(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 1;
	return -1;
}

/* Makes room for n more bytes and the NUL. */
static int
reserve(struct buf *b, size_t n)
{
	size_t want;

	if (b->failed)
		return -1;
	if (n > b->max - b->len)
		return fail(b);
	want = b->len + n + 1;
	if (want <= b->cap)
		return 0;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < want)
		b->cap *= 2;
	if (b->cap > b->max + 1)
		b->cap = b->max + 1;
	b->s = xreallocarray(b->s, b->cap, 1);
	return 0;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (reserve(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	if (b->failed)
		return -1;
	va_copy(copy, ap);
	n = vsnprintf(b->s != NULL ? b->s + b->len : NULL,
	    b->s != NULL ? b->cap - b->len : 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return fail(b);
	if (b->s != NULL && (size_t)n < b->cap - b->len) {
		b->len += (size_t)n;
		return 0;
	}
	if (reserve(b, (size_t)n) == -1)
		return -1;
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *
buf_str(const struct buf *b)
{
	return b->s != NULL ? b->s : "";
}

size_t
buf_len(const struct buf *b)
{
	return b->len;
}

int
buf_failed(const struct buf *b)
{
	return b->failed;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

char *
buf_take(struct buf *b, size_t *len)
{
	char *s;

	if (b->failed) {
		buf_reset(b);
		return NULL;
	}
	s = b->s != NULL ? b->s : xstrdup("");
	if (len != NULL)
		*len = b->len;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}
