/*
 * test_gz.c - Accept-Encoding q-values, gzip round trips and the cache of
 * compressed bodies: hits, misses, bounds and equal tags on other bodies.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gz.h"
#include "gunzip.h"
#include "tap.h"

static void
test_accepted(void)
{
	static const struct {
		const char	*ae;
		int		 want;
	} cases[] = {
		{ NULL, 0 },
		{ "", 0 },
		{ "gzip", 1 },
		{ "GZIP", 1 },
		{ "x-gzip", 1 },
		{ "gzip, deflate, br", 1 },
		{ "br;q=1.0, gzip;q=0.8, *;q=0.1", 1 },
		{ "deflate, br", 0 },
		{ "gzip;q=0", 0 },
		{ "gzip; q=0.000", 0 },
		{ "gzip;Q=0", 0 },
		{ "gzip;q=0.001", 1 },
		{ "gzip;q=1.000", 1 },
		{ "gzip;q=1.5", 0 },
		{ "gzip;q=1.001", 0 },
		{ "gzip;q=0.5000", 0 },
		{ "gzip;q=x", 0 },
		{ "gzip;q=", 0 },
		{ "*", 1 },
		{ "*;q=0", 0 },
		{ "*;q=0.5, gzip;q=0", 0 },
		{ "gzip;q=0, *", 0 },
		{ "identity", 0 },
		{ "identity;q=1, gzip;q=0.5", 0 },
		{ "identity;q=0.5, gzip;q=0.9", 1 },
		{ "identity;q=0, gzip", 1 },
		{ "gzip;q=0.5", 1 },
		{ " deflate ,  gzip ; q=0.3 ", 1 },
		{ "gzipx", 0 },
		{ "xgzip, identity", 0 },
		{ ",,gzip,,", 1 },
		{ "gzip;level=9", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(gz_accepted(cases[i].ae), cases[i].want,
		    "Accept-Encoding: %s", cases[i].ae != NULL ? cases[i].ae :
		    "(none)");
}

/* A JSON-like body of about n bytes that compresses as answers do. */
static char *
body(size_t n, int seed, size_t *len)
{
	struct buf b;
	int i;

	buf_init(&b, BUF_MAX_INTERNAL);
	for (i = 0; buf_len(&b) < n; i++)
		buf_addf(&b, "{\"id\":\"model-%d-%d\",\"status\":\"deprecated\","
		    "\"days_left\":%d},", seed, i, (i * 7 + seed) % 400);
	return buf_take(&b, len);
}

static void
test_round_trip(void)
{
	char *text, *gz, *back;
	size_t len, gzlen, backlen;

	text = body(300000, 1, &len);
	gz = gz_compress(text, len, &gzlen);
	ok(gz != NULL, "compresses");
	ok(gzlen > 10 && (unsigned char)gz[0] == 0x1f &&
	    (unsigned char)gz[1] == 0x8b, "a gzip member");
	ok(gzlen * 5 < len, "an answer shrinks (%zu to %zu)", len, gzlen);
	back = gunzip(gz, gzlen, &backlen);
	ok(back != NULL && backlen == len && memcmp(back, text, len) == 0,
	    "decompresses to exactly the body");
	free(back);
	free(gz);
	free(text);

	gz = gz_compress("", 0, &gzlen);
	back = gz != NULL ? gunzip(gz, gzlen, &backlen) : NULL;
	ok(back != NULL && backlen == 0, "an empty body round-trips");
	free(back);
	free(gz);
}

static void
test_cache(void)
{
	struct gz_cache *cache = gz_cache_new(3, 1 << 20);
	char *a, *a2, *b, *big, *gz1, *gz2, *back, tag[16];
	size_t alen, a2len, blen, biglen, n1, n2, backlen, entries, bytes;
	int hit, i;

	a = body(20000, 1, &alen);
	gz1 = gz_cache_get(cache, "\"a\"", a, alen, &n1, &hit);
	is_int(hit, 0, "the first request for a body misses");
	gz2 = gz_cache_get(cache, "\"a\"", a, alen, &n2, &hit);
	is_int(hit, 1, "the second is a hit");
	ok(n1 == n2 && memcmp(gz1, gz2, n1) == 0, "with the same bytes");
	back = gunzip(gz2, n2, &backlen);
	ok(back != NULL && backlen == alen && memcmp(back, a, alen) == 0,
	    "that decompress to the body");
	free(back);
	free(gz1);
	free(gz2);

	/* The same tag on another body (a changed day, a hash collision):
	 * never the old body's gzip. */
	a2 = body(20000, 2, &a2len);
	gz1 = gz_cache_get(cache, "\"a\"", a2, a2len, &n1, &hit);
	is_int(hit, 0, "another body under the same tag misses");
	back = gunzip(gz1, n1, &backlen);
	ok(back != NULL && backlen == a2len && memcmp(back, a2, a2len) == 0,
	    "and gets its own gzip");
	free(back);
	free(gz1);

	/* Bounded in entries: the one used longest ago goes. */
	gz1 = gz_cache_get(cache, "\"a\"", a, alen, &n1, &hit);
	is_int(hit, 1, "both bodies under one tag are kept");
	free(gz1);
	b = body(5000, 3, &blen);
	free(gz_cache_get(cache, "\"b\"", b, blen, &n1, &hit));
	gz_cache_usage(cache, &entries, &bytes);
	is_int(entries, 3, "three entries");
	free(gz_cache_get(cache, "\"a\"", a2, a2len, &n1, &hit));
	is_int(hit, 1, "a2 still there");
	for (i = 0; i < 3; i++) {
		snprintf(tag, sizeof(tag), "\"c%d\"", i);
		free(gz_cache_get(cache, tag, b, blen - 1 - (size_t)i, &n1,
		    &hit));
	}
	gz_cache_usage(cache, &entries, &bytes);
	is_int(entries, 3, "never more entries than the bound");
	free(gz_cache_get(cache, "\"b\"", b, blen, &n1, &hit));
	is_int(hit, 0, "the oldest entries were dropped");

	/* Bounded in bytes: a body larger than the cache is compressed but
	 * not kept, and what the cache holds stays under the bound. */
	big = body(2 << 20, 4, &biglen);
	gz1 = gz_cache_get(cache, "\"big\"", big, biglen, &n1, &hit);
	ok(gz1 != NULL, "a body larger than the cache is still compressed");
	free(gz1);
	free(gz_cache_get(cache, "\"big\"", big, biglen, &n1, &hit));
	is_int(hit, 0, "but never kept");
	gz_cache_usage(cache, &entries, &bytes);
	ok(bytes <= 1 << 20, "the bytes stay under the bound (%zu)", bytes);

	gz_cache_free(cache);
	gz_cache_free(NULL);
	free(a);
	free(a2);
	free(b);
	free(big);
}

int
main(void)
{
	test_accepted();
	test_round_trip();
	test_cache();
	return tap_done();
}
