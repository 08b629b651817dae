/*
 * gunzip.h - inflating a gzip body, for the tests that check what the
 * server compressed.
 */
#ifndef SUNSET_TESTS_GUNZIP_H
#define SUNSET_TESTS_GUNZIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Inflates one whole gzip member into a new NUL-terminated buffer (caller
 * frees), its length in *len; NULL when gz is NULL, broken, or has bytes
 * after the member. */
static char *
gunzip(const char *gz, size_t gzlen, size_t *len)
{
	z_stream zs;
	size_t cap = 1 << 16;
	char *out;
	int rc;

	memset(&zs, 0, sizeof(zs));
	if (gz == NULL || inflateInit2(&zs, 15 + 16) != Z_OK)
		return NULL;
	out = malloc(cap);
	zs.next_in = (Bytef *)(uintptr_t)gz;
	zs.avail_in = (uInt)gzlen;
	do {
		if (zs.total_out + 1 >= cap)
			out = realloc(out, cap *= 2);
		zs.next_out = (Bytef *)out + zs.total_out;
		zs.avail_out = (uInt)(cap - zs.total_out - 1);
		rc = inflate(&zs, Z_NO_FLUSH);
	} while (rc == Z_OK);
	*len = zs.total_out;
	inflateEnd(&zs);
	if (rc != Z_STREAM_END || zs.avail_in != 0) {
		free(out);
		return NULL;
	}
	out[*len] = '\0';
	return out;
}

#endif
