/*
 * rewrite.c - a deprecated id rewritten to its replacement in the spelling
 * the code used.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rewrite.h"

/* 1 when s (n bytes) has an upper-case letter and no lower-case one. */
static int
all_upper(const char *s, size_t n)
{
	size_t i;
	int upper = 0;

	for (i = 0; i < n; i++) {
		if (islower((unsigned char)s[i]))
			return 0;
		if (isupper((unsigned char)s[i]))
			upper = 1;
	}
	return upper;
}

int
rewrite_spelling(const char *found, size_t len, const char *from_id,
    const char *to_id, char *out, size_t size, const char **reason)
{
	size_t from_len = strlen(from_id), to_len = strlen(to_id), head, i;

	*reason = NULL;
	if (from_len == 0 || from_len > len) {
		*reason = "review: spelling";
		return -1;
	}
	/* from_id ends the spelling: only a head may stand before it. */
	head = len - from_len;
	if (strncasecmp(found + head, from_id, from_len) != 0) {
		/* Something follows the id: a version of the old model. */
		for (i = 0; i + from_len <= len; i++)
			if (strncasecmp(found + i, from_id, from_len) == 0) {
				*reason = "review: version suffix";
				return -1;
			}
		*reason = "review: spelling";
		return -1;
	}
	if (head > 0 && found[head - 1] != '.' && found[head - 1] != '/') {
		*reason = "review: spelling";
		return -1;
	}
	if (head + to_len + 1 > size) {
		*reason = "review: too long";
		return -1;
	}
	memcpy(out, found, head);
	memcpy(out + head, to_id, to_len);
	out[head + to_len] = '\0';
	if (all_upper(found, len))
		for (i = 0; out[i] != '\0'; i++)
			out[i] = (char)toupper((unsigned char)out[i]);
	return 0;
}

/* A byte a platform prefix is made of. */
static int
prefix_byte(int c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/';
}

size_t
rewrite_prefix(const char *line, size_t offset)
{
	size_t i = offset;

	if (offset == 0 || line[offset - 1] != '/')
		return 0;
	while (i > 0 && prefix_byte((unsigned char)line[i - 1]))
		i--;
	return offset - i;
}
