/*
 * util.h - allocation that never returns NULL, and small string helpers.
 *
 * Out of memory is not a condition sunset can answer sensibly from the
 * middle of a parser or a request, so the x-allocators abort with a message,
 * as chrony's Malloc and tmux's xmalloc do.  Everything else reports errors.
 */
#ifndef SUNSET_UTIL_H
#define SUNSET_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* xstrdup that maps NULL to NULL. */
char *xstrdup_or_null(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) ATTR_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) ATTR_PRINTF(1, 0);
/* Makes cJSON allocate with xmalloc, so that creating and printing never
 * return NULL (parsing still fails on bad input).  Called once, first
 * thing, by main and by every test program and fuzz target that uses
 * cJSON. */
void xcjson_init(void);

/* Sets *cause (when cause is not NULL) to a formatted, allocated message,
 * freeing the old one, which the arguments may use. */
void set_cause(char **cause, const char *fmt, ...) ATTR_PRINTF(2, 3);

/* Reads a whole file (at most max bytes) into a NUL-terminated buffer the
 * caller frees.  Returns NULL and sets *cause on error. */
/* Overwrites the string s with zeros and frees it (a key, a token);
 * NULL is a no-op. */
void wipe_free(char *s);
/* wipe_free on each string of the NULL-terminated array v, then frees
 * v; NULL is a no-op. */
void wipe_strv(char **v);

/* s without leading and trailing whitespace: cuts the end in place and
 * returns a pointer into s. */
char *str_trim(char *s);

char *read_file(const char *path, size_t max, size_t *len, char **cause);

/* The value of the hex digit c, or -1 when c is not one. */
int hexval(char c);

/* ASCII lower-casing in place; returns s. */
char *str_lower(char *s);

/* A 64-bit hash of len bytes, eight bytes a step: what an ETag needs, a
 * value that changes when the bytes do (not a cryptographic one). */
uint64_t hash64(const void *data, size_t len);

#endif
