/*
 * jsonw.h - a JSON writer into one capped buffer.
 *
 * The hot path renders answers with it: no tree, no allocation per value,
 * numbers as integers.  Strings are escaped, and bytes that are not UTF-8
 * become U+FFFD, so the output is valid JSON whatever a client sent.
 *
 * The writer keeps the nesting itself: objects and arrays are opened and
 * closed, and every key and value writes the comma before it when one is
 * due, so callers never write punctuation.  A writer holds one value
 * (usually an object); jsonw_take returns it once every container is
 * closed.
 *
 * Failure is sticky, as with struct buf: an append past the cap, or a
 * misuse (a key outside an object, a value where a key is due, a close
 * that does not match, nesting past JSONW_DEPTH_MAX, a second top-level
 * value) leaves the writer failed, and jsonw_take returns NULL.  So a
 * renderer writes everything and checks once, at the take; a caller that
 * sends the text as an HTTP reply answers 500 instead.
 */
#ifndef SUNSET_JSONW_H
#define SUNSET_JSONW_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Open containers at most; the shapes written are fixed and shallow. */
#define JSONW_DEPTH_MAX 32
/* The deepest indent of a JSONW_LINES container. */
#define JSONW_INDENT_MAX 64

/* How a container separates its members. */
enum jsonw_layout {
	JSONW_COMPACT = 0,	/* {"a":1,"b":[2,3]}: what the API sends */
	JSONW_SPACED,		/* {"a": 1, "b": [2, 3]} */
	/*
	 * Each member on a line of its own, indent spaces in, and the
	 * closing bracket on a line indent - 2 spaces in (right after the
	 * opening one when there are no members); keys as in SPACED.
	 */
	JSONW_LINES
};

/* One open container; the writer's own. */
struct jsonw_level {
	unsigned char	 after;		/* the state after a member */
	unsigned char	 layout;	/* enum jsonw_layout */
	unsigned char	 indent;	/* JSONW_LINES */
};

struct jsonw {
	struct buf		 b;
	int			 misused;
	unsigned char		 state;		/* what may come next */
	unsigned int		 depth;		/* open containers */
	struct jsonw_level	 level[JSONW_DEPTH_MAX + 1];	/* [0]: top */
};

/* An empty writer whose text may grow to max bytes (BUF_MAX_INTERNAL for
 * what the program renders itself). */
void jsonw_init(struct jsonw *w, size_t max);

/* Opens an object or an array, compact; as a value, with its comma. */
void jsonw_obj_open(struct jsonw *w);
void jsonw_arr_open(struct jsonw *w);
/* The same for documents people read (`sunset scan`); indent only
 * matters for JSONW_LINES (2 to JSONW_INDENT_MAX). */
void jsonw_obj_open_layout(struct jsonw *w, enum jsonw_layout layout,
    unsigned int indent);
void jsonw_arr_open_layout(struct jsonw *w, enum jsonw_layout layout,
    unsigned int indent);
/* Closes the innermost container, which must be of that kind. */
void jsonw_obj_close(struct jsonw *w);
void jsonw_arr_close(struct jsonw *w);

/* Writes a key of the open object; its value comes next. */
void jsonw_key(struct jsonw *w, const char *key);

/* Values: in an array, after a key, or as the writer's one value. */
/* A JSON string, or null when s is NULL. */
void jsonw_str(struct jsonw *w, const char *s);
/* An integer. */
void jsonw_int(struct jsonw *w, long long v);
/* A number (up to 12 significant digits), or null when v < 0 and
 * negative_is_null, or v is not a number. */
void jsonw_num(struct jsonw *w, double v, int negative_is_null);
/* A date "YYYY-MM-DD", or null for DATE_NONE. */
void jsonw_date(struct jsonw *w, int32_t date);
/* true or false. */
void jsonw_bool(struct jsonw *w, int v);
/* null. */
void jsonw_null(struct jsonw *w);
/* JSON text rendered elsewhere (a whole value, written as it is); NULL,
 * a fragment that failed to render, fails w. */
void jsonw_raw(struct jsonw *w, const char *json);

/*
 * Returns the text (caller frees) and empties w, which keeps its cap and
 * may be used again.  NULL when w failed (its cap, a misuse) or holds no
 * whole value (nothing written, a container left open); then w is empty
 * and usable too.
 */
char *jsonw_take(struct jsonw *w);
/* Frees what w holds and empties it; it may be used again. */
void jsonw_free(struct jsonw *w);

#endif
