/*
 * gz.h - gzip answers: what a client's Accept-Encoding allows, the
 * compression itself, and a small cache of compressed bodies.
 *
 * The cache is keyed by the body itself (its tag and its bytes), so it
 * can never hand out the gzip form of another body: an answer that
 * changes with the catalog or the day simply misses.
 */
#ifndef SUNSET_GZ_H
#define SUNSET_GZ_H

#include <stddef.h>

/* Bodies shorter than this go out as they are. */
#define GZ_MIN			1024
/* What one cache may hold: entries, and bytes of plain and gzip bodies. */
#define GZ_CACHE_ENTRIES	32
#define GZ_CACHE_BYTES		((size_t)8 << 20)

struct gz_cache;

/*
 * 1 when an Accept-Encoding value (NULL: no header) lets the answer be
 * gzip: gzip, x-gzip or "*" with a q-value above 0 and not below the one
 * identity gets.  Codings are case-insensitive; a q-value that is not one
 * (q=1.5, q=x) makes its coding unacceptable.
 */
int gz_accepted(const char *accept_encoding);

/*
 * Compresses len bytes as one gzip member.  Returns a new buffer (caller
 * frees) and its length in *outlen, or NULL when zlib fails (logged).
 */
char *gz_compress(const char *text, size_t len, size_t *outlen);

/* A cache of at most max_entries bodies and max_bytes bytes. */
struct gz_cache *gz_cache_new(size_t max_entries, size_t max_bytes);
/* Frees the cache and what it holds; gz_cache_free(NULL) is a no-op. */
void gz_cache_free(struct gz_cache *cache);

/*
 * The gzip form of text (len bytes, tag a short name of it such as its
 * ETag): copied from the cache when it holds that very body (*hit = 1),
 * otherwise compressed, remembered (the oldest-used entries make room) and
 * returned (*hit = 0).  Returns a new buffer (caller frees) and its length
 * in *outlen, or NULL when zlib fails.  Thread-safe; compression runs
 * outside the cache's lock.
 */
char *gz_cache_get(struct gz_cache *cache, const char *tag, const char *text,
    size_t len, size_t *outlen, int *hit);

/* The entries and bytes the cache holds now. */
void gz_cache_usage(struct gz_cache *cache, size_t *entries, size_t *bytes);

#endif
