/*
 * explain.c - candidate model ids in an error message.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "explain.h"

static int
id_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' ||
	    c == ':' || c == '/' || c == '@';
}

/* An id has a letter and a digit or a hyphen, and is 3 to 255 bytes. */
static int
id_shaped(const char *s, size_t n)
{
	size_t i;
	int letter = 0, mark = 0;

	if (n < 3 || n >= MATCH_ID_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (!id_char(s[i]))
			return 0;
		letter |= isalpha((unsigned char)s[i]) != 0;
		mark |= isdigit((unsigned char)s[i]) || s[i] == '-';
	}
	return letter && mark;
}

static size_t
add(char out[][MATCH_ID_MAX], size_t n, size_t max, const char *s,
    size_t len)
{
	size_t i;

	/* Sentence punctuation after a word is not part of it. */
	while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ':' ||
	    s[len - 1] == '/'))
		len--;
	if (n >= max || !id_shaped(s, len))
		return n;
	for (i = 0; i < n; i++)
		if (strlen(out[i]) == len && strncmp(out[i], s, len) == 0)
			return n;
	memcpy(out[n], s, len);
	out[n][len] = '\0';
	return n + 1;
}

size_t
explain_candidates(const char *text, char out[][MATCH_ID_MAX], size_t max)
{
	const char *p, *end;
	size_t n = 0;

	/* Quoted first: error messages quote the id they reject. */
	for (p = text; *p != '\0'; p++) {
		if (*p != '`' && *p != '\'' && *p != '"')
			continue;
		if ((end = strchr(p + 1, *p)) == NULL)
			break;
		n = add(out, n, max, p + 1, (size_t)(end - p - 1));
		p = end;
	}
	for (p = text; *p != '\0';) {
		while (*p != '\0' && !id_char(*p))
			p++;
		for (end = p; *end != '\0' && id_char(*end); end++)
			;
		if (end > p)
			n = add(out, n, max, p, (size_t)(end - p));
		p = end;
	}
	return n;
}

const char *
explain_pick(const struct snapshot *snap, char cand[][MATCH_ID_MAX],
    size_t n)
{
	struct lookup l;
	char *slash;
	size_t i;

	for (i = 0; i < n; i++) {
		if (snapshot_lookup(snap, cand[i], NULL, &l) == 0 &&
		    l.record != NULL && l.how != MATCH_FAMILY)
			return cand[i];
		/* "models/gemini-1.0-pro": the last path part. */
		if ((slash = strrchr(cand[i], '/')) != NULL &&
		    snapshot_lookup(snap, slash + 1, NULL, &l) == 0 &&
		    l.record != NULL)
			return slash + 1;
	}
	return NULL;
}
