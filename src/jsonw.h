/*
 * jsonw.h - a JSON writer into one growing buffer.
 *
 * The hot path renders answers with it: no tree, no allocation per value,
 * numbers as integers.  Strings are escaped, and bytes that are not UTF-8
 * become U+FFFD, so the output is valid JSON whatever a client sent.
 * Commas are the caller's: the shapes written are fixed.
 */
#ifndef SUNSET_JSONW_H
#define SUNSET_JSONW_H

#include <stddef.h>
#include <stdint.h>

struct jsonw {
	char	*buf;	/* NUL-terminated; the caller takes it with jsonw_take */
	size_t	 len;
	size_t	 cap;
};

/* Appends bytes as they are. */
void jsonw_raw(struct jsonw *w, const char *s);
/* Appends a JSON string, or null when s is NULL. */
void jsonw_str(struct jsonw *w, const char *s);
/* Appends "key": (with a leading comma unless first). */
void jsonw_key(struct jsonw *w, const char *key, int first);
/* Appends an integer. */
void jsonw_int(struct jsonw *w, long long v);
/* Appends a number (up to 15 significant digits), or null when v < 0 and
 * negative_is_null. */
void jsonw_num(struct jsonw *w, double v, int negative_is_null);
/* Appends a date "YYYY-MM-DD", or null for DATE_NONE. */
void jsonw_date(struct jsonw *w, int32_t date);
/* Returns the text (caller frees) and empties w. */
char *jsonw_take(struct jsonw *w);
/* Frees what w holds. */
void jsonw_clear(struct jsonw *w);

#endif
