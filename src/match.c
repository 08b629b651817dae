/*
 * match.c - normalisation of model ids.
 *
 * Invariant: normalisation only removes what cannot be part of a provider's
 * own id (case, quotes, whitespace, platform prefixes); it never rewrites the
 * id itself, so two different models never reduce to one key.
 */
#include "config.h"

#include <string.h>

#include "match.h"
#include "provider.h"
#include "util.h"

/* Azure deployment scopes that may follow "azure/". */
static const char *azure_scopes[] = {
	"eu/", "us/", "global/", "global-standard/", "data-zone/",
};

static int
is_trim(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' ||
	    c == '\'' || c == '`';
}

int
match_fold(const char *id, char *buf, size_t size)
{
	size_t n = strlen(id);

	if (n >= size)
		return -1;
	memcpy(buf, id, n + 1);
	str_lower(buf);
	return 0;
}

static int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
match_key(const char *query, struct match_key *key)
{
	const struct provider *p;
	const char *s = query, *e = query + strlen(query), *id, *slash;
	size_t i, n;

	while (s < e && is_trim(*s))
		s++;
	while (e > s && is_trim(e[-1]))
		e--;
	n = (size_t)(e - s);
	if (n == 0 || n >= sizeof(key->raw))
		return -1;
	memcpy(key->raw, s, n);
	key->raw[n] = '\0';
	memcpy(key->id, s, n + 1);
	key->id[n] = '\0';
	str_lower(key->id);
	key->provider[0] = '\0';
	key->fine_tune = 0;

	/* ft:BASE:ORG:NAME:ID answers its base model. */
	if (strncmp(key->id, "ft:", 3) == 0 && key->id[3] != '\0' &&
	    key->id[3] != ':') {
		n = strcspn(key->id + 3, ":");
		memmove(key->id, key->id + 3, n);
		key->id[n] = '\0';
		key->fine_tune = 1;
	}

	/* A first path part that names a provider selects it. */
	id = key->id;
	if ((slash = strchr(id, '/')) != NULL &&
	    (p = provider_lookup(id, (size_t)(slash - id))) != NULL &&
	    strlen(p->slug) < sizeof(key->provider)) {
		strcpy(key->provider, p->slug);
		id = slash + 1;
	}
	if (strcmp(key->provider, "azure") == 0)
		for (i = 0; i < NELEM(azure_scopes); i++)
			if (starts_with(id, azure_scopes[i])) {
				id += strlen(azure_scopes[i]);
				break;
			}
	/* openrouter/openai/gpt-4o: the vendor part is OpenRouter's id. */
	if (*id == '\0')
		return -1;
	memmove(key->id, id, strlen(id) + 1);
	return 0;
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
match_family(const char *id, char *buf, size_t size)
{
	size_t n = strlen(id), cut = 0;

	/* -YYYY-MM-DD */
	if (n > 11 && id[n - 11] == '-' && id[n - 6] == '-' &&
	    id[n - 3] == '-' && all_digits(id + n - 10, 4) &&
	    all_digits(id + n - 5, 2) && all_digits(id + n - 2, 2))
		cut = 11;
	/* -YYYYMMDD */
	else if (n > 9 && id[n - 9] == '-' && all_digits(id + n - 8, 8) &&
	    (id[n - 8] == '1' || id[n - 8] == '2'))
		cut = 9;
	/* -MMDD (gpt-4-0613) or -YYMM (mistral-medium-2505) */
	else if (n > 5 && id[n - 5] == '-' && all_digits(id + n - 4, 4))
		cut = 5;
	/* -001: a Vertex and Gemini API version of the model before it */
	else if (n > 4 && id[n - 4] == '-' && id[n - 3] == '0' &&
	    all_digits(id + n - 2, 2))
		cut = 4;
	if (cut == 0 || n - cut >= size)
		return -1;
	memcpy(buf, id, n - cut);
	buf[n - cut] = '\0';
	return 0;
}

int
match_strip_region(const char *id, char *buf, size_t size)
{
	size_t cut = provider_region_prefix(id), n = strlen(id + cut);

	if (cut == 0 || n >= size)
		return -1;
	memcpy(buf, id + cut, n + 1);
	return 0;
}

int
match_strip_version(const char *id, char *buf, size_t size)
{
	size_t n = strlen(id), cut = n, d;
	const char *at = strrchr(id, '@');

	if (at != NULL && at != id && at[1] != '\0')
		cut = (size_t)(at - id);
	else {
		/* ":0" */
		for (d = n; d > 0 && id[d - 1] >= '0' && id[d - 1] <= '9'; d--)
			;
		if (d < n && d > 0 && id[d - 1] == ':')
			cut = d - 1;
		/* "-v1" before it */
		for (d = cut; d > 0 && id[d - 1] >= '0' && id[d - 1] <= '9';
		    d--)
			;
		if (d < cut && d > 1 && id[d - 1] == 'v' && id[d - 2] == '-')
			cut = d - 2;
	}
	if (cut == n || cut == 0 || cut >= size)
		return -1;
	memcpy(buf, id, cut);
	buf[cut] = '\0';
	return 0;
}
