/*
 * gz.c - gzip answers and the cache of compressed bodies.
 *
 * The cache holds each body twice, plain and compressed, and answers only
 * for a body equal byte for byte to the one it compressed: the tag only
 * narrows the search.  It is bounded in entries and bytes and drops the
 * entry used longest ago to make room.  One mutex guards it; zlib runs
 * outside it, so a miss does not hold up the hits of other threads.
 */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "gz.h"
#include "log.h"
#include "util.h"

#define GZ_LEVEL	6
#define TAG_MAX		48

struct gz_entry {
	char		 tag[TAG_MAX];
	char		*text;
	size_t		 len;
	char		*gz;
	size_t		 gzlen;
	unsigned long	 used;		/* cache clock at the last hit */
};

struct gz_cache {
	pthread_mutex_t	 lock;
	struct gz_entry	*v;
	size_t		 n;
	size_t		 max_entries;
	size_t		 bytes;
	size_t		 max_bytes;
	unsigned long	 clock;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* A qvalue in thousandths: "0", "0.5", "1", "1.000"; -1 when it is not
 * one. */
static int
parse_qvalue(const char *p, const char *end)
{
	int q, i;

	if (p == end || (*p != '0' && *p != '1'))
		return -1;
	q = (*p++ - '0') * 1000;
	if (p < end && *p == '.') {
		for (p++, i = 100; p < end && i > 0; p++, i /= 10) {
			if (*p < '0' || *p > '9')
				return -1;
			q += (*p - '0') * i;
		}
	}
	return p == end && q <= 1000 ? q : -1;
}

/* The q-value of one list element's parameters (p points after the
 * coding): 1000 without one, 0 when it is malformed. */
static int
element_q(const char *p, const char *end)
{
	const char *name, *val, *stop;
	int q = 1000;

	while (p < end) {
		while (p < end && (is_space(*p) || *p == ';'))
			p++;
		name = p;
		while (p < end && *p != '=' && *p != ';' && !is_space(*p))
			p++;
		stop = p;
		while (p < end && is_space(*p))
			p++;
		if (p == end || *p != '=') {
			if (stop > name)
				return 0;
			continue;
		}
		for (p++; p < end && is_space(*p); p++)
			;
		val = p;
		while (p < end && *p != ';' && !is_space(*p))
			p++;
		if (stop - name == 1 && (*name == 'q' || *name == 'Q') &&
		    (q = parse_qvalue(val, p)) < 0)
			return 0;
	}
	return q;
}

static int
coding_is(const char *p, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(p, name, n) == 0;
}

int
gz_accepted(const char *ae)
{
	const char *p = ae, *end, *name;
	int q_gzip = -1, q_any = -1, q_identity = -1, q;
	size_t n;

	if (ae == NULL)
		return 0;
	while (*p != '\0') {
		end = p + strcspn(p, ",");
		while (p < end && is_space(*p))
			p++;
		name = p;
		while (p < end && *p != ';' && !is_space(*p))
			p++;
		n = (size_t)(p - name);
		q = element_q(p, end);
		if (coding_is(name, n, "gzip") || coding_is(name, n, "x-gzip"))
			q_gzip = q > q_gzip ? q : q_gzip;
		else if (coding_is(name, n, "*"))
			q_any = q;
		else if (coding_is(name, n, "identity"))
			q_identity = q;
		p = *end == ',' ? end + 1 : end;
	}
	if (q_gzip < 0)
		q_gzip = q_any;
	/* identity counts against gzip only when named with a q-value: a
	 * client that lists gzip alone prefers it. */
	return q_gzip > 0 && q_gzip >= q_identity;
}

char *
gz_compress(const char *text, size_t len, size_t *outlen)
{
	z_stream zs;
	char *out;
	uLong cap;
	int rc;

	if (len > UINT_MAX / 2) {
		log_err("gzip: a body of %zu bytes is too large", len);
		return NULL;
	}
	memset(&zs, 0, sizeof(zs));
	/* windowBits 15 + 16: a gzip header and trailer around deflate. */
	if ((rc = deflateInit2(&zs, GZ_LEVEL, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY)) != Z_OK) {
		log_err("gzip: deflateInit2: %s", zError(rc));
		return NULL;
	}
	cap = deflateBound(&zs, (uLong)len);
	out = xmalloc(cap);
	zs.next_in = (Bytef *)(uintptr_t)text;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)out;
	zs.avail_out = (uInt)cap;
	rc = deflate(&zs, Z_FINISH);
	*outlen = cap - zs.avail_out;
	deflateEnd(&zs);
	if (rc != Z_STREAM_END) {
		log_err("gzip: deflate: %s", zError(rc));
		free(out);
		return NULL;
	}
	return out;
}

struct gz_cache *
gz_cache_new(size_t max_entries, size_t max_bytes)
{
	struct gz_cache *cache = xcalloc(1, sizeof(*cache));

	pthread_mutex_init(&cache->lock, NULL);
	cache->v = xcalloc(max_entries, sizeof(*cache->v));
	cache->max_entries = max_entries;
	cache->max_bytes = max_bytes;
	return cache;
}

static void
drop(struct gz_cache *cache, size_t i)
{
	struct gz_entry *e = &cache->v[i];

	cache->bytes -= e->len + e->gzlen;
	free(e->text);
	free(e->gz);
	cache->v[i] = cache->v[--cache->n];
}

void
gz_cache_free(struct gz_cache *cache)
{
	if (cache == NULL)
		return;
	while (cache->n > 0)
		drop(cache, 0);
	free(cache->v);
	pthread_mutex_destroy(&cache->lock);
	free(cache);
}

/* The entry holding exactly this body, or NULL.  Called locked. */
static struct gz_entry *
find(struct gz_cache *cache, const char *tag, const char *text, size_t len)
{
	struct gz_entry *e;
	size_t i;

	for (i = 0; i < cache->n; i++) {
		e = &cache->v[i];
		if (e->len == len && strcmp(e->tag, tag) == 0 &&
		    memcmp(e->text, text, len) == 0)
			return e;
	}
	return NULL;
}

/* Remembers a copy of text and its gzip form, dropping the entries used
 * longest ago until both fit.  Called locked. */
static void
insert(struct gz_cache *cache, const char *tag, const char *text,
    size_t len, const char *gz, size_t gzlen)
{
	struct gz_entry *e;
	size_t i, oldest;

	if (cache->max_entries == 0 || len + gzlen > cache->max_bytes ||
	    strlen(tag) >= TAG_MAX || find(cache, tag, text, len) != NULL)
		return;
	while (cache->n == cache->max_entries ||
	    cache->bytes + len + gzlen > cache->max_bytes) {
		for (oldest = 0, i = 1; i < cache->n; i++)
			if (cache->v[i].used < cache->v[oldest].used)
				oldest = i;
		drop(cache, oldest);
	}
	e = &cache->v[cache->n++];
	snprintf(e->tag, sizeof(e->tag), "%s", tag);
	e->text = xmalloc(len);
	memcpy(e->text, text, len);
	e->len = len;
	e->gz = xmalloc(gzlen);
	memcpy(e->gz, gz, gzlen);
	e->gzlen = gzlen;
	e->used = ++cache->clock;
	cache->bytes += len + gzlen;
}

char *
gz_cache_get(struct gz_cache *cache, const char *tag, const char *text,
    size_t len, size_t *outlen, int *hit)
{
	struct gz_entry *e;
	char *out = NULL;

	pthread_mutex_lock(&cache->lock);
	if ((e = find(cache, tag, text, len)) != NULL) {
		e->used = ++cache->clock;
		out = xmalloc(e->gzlen);
		memcpy(out, e->gz, e->gzlen);
		*outlen = e->gzlen;
	}
	pthread_mutex_unlock(&cache->lock);
	if ((*hit = out != NULL))
		return out;
	if ((out = gz_compress(text, len, outlen)) == NULL)
		return NULL;
	pthread_mutex_lock(&cache->lock);
	insert(cache, tag, text, len, out, *outlen);
	pthread_mutex_unlock(&cache->lock);
	return out;
}

void
gz_cache_usage(struct gz_cache *cache, size_t *entries, size_t *bytes)
{
	pthread_mutex_lock(&cache->lock);
	*entries = cache->n;
	*bytes = cache->bytes;
	pthread_mutex_unlock(&cache->lock);
}
