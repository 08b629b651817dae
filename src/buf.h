/*
 * buf.h - a growing byte buffer with a size cap, in the manner of curl's
 * dynbuf.
 *
 * Every buffer is created with the most it may hold.  An append that would
 * pass that cap fails, frees what the buffer held and leaves it failed, so
 * a writer may append many times and check once; a failed buffer ignores
 * further appends until buf_reset.  The contents are always NUL-terminated.
 * Memory comes from the x-allocators, so the only failure is the cap.
 */
#ifndef SUNSET_BUF_H
#define SUNSET_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util.h"

/* A cap for buffers that only the program itself fills. */
#define BUF_MAX_INTERNAL ((size_t)256 << 20)

struct buf {
	char	*s;		/* NULL until the first append */
	size_t	 len;
	size_t	 cap;		/* allocated */
	size_t	 max;		/* the most len may reach */
	int	 failed;	/* an append passed max */
};

/* An empty buffer that may hold up to max bytes. */
void buf_init(struct buf *b, size_t max);
/* Appends n bytes; -1 (and the buffer fails) when they do not fit. */
int buf_add(struct buf *b, const void *p, size_t n);
/* Appends a NUL-terminated string. */
int buf_adds(struct buf *b, const char *s);
/* Appends one byte. */
int buf_addc(struct buf *b, char c);
/* Appends printf-formatted text. */
int buf_addf(struct buf *b, const char *fmt, ...) ATTR_PRINTF(2, 3);
int buf_vaddf(struct buf *b, const char *fmt, va_list ap) ATTR_PRINTF(2, 0);
/* The text so far: "" when empty or failed; valid until the next append. */
const char *buf_str(const struct buf *b);
/* Its length. */
size_t buf_len(const struct buf *b);
/* 1 when an append passed the cap. */
int buf_failed(const struct buf *b);
/* Empties the buffer (and clears a failure), keeping its memory and cap. */
void buf_reset(struct buf *b);
/* Returns the text (caller frees; "" when empty; NULL when failed) and
 * empties the buffer. */
char *buf_take(struct buf *b, size_t *len);
/* Frees what the buffer holds; it may be used again. */
void buf_free(struct buf *b);

#endif
