/*
 * match.h - model ids as users write them, reduced to catalog keys.
 *
 * Pure string functions: no catalog, no storage.  The snapshot looks the
 * keys up.  Keys are lower-case ids with surrounding whitespace and quotes
 * removed and platform prefixes stripped; a prefix names the platform.
 */
#ifndef SUNSET_MATCH_H
#define SUNSET_MATCH_H

#include <stddef.h>

#define MATCH_ID_MAX 256

struct match_key {
	char	provider[32];	/* platform a prefix selected, or "" */
	char	id[MATCH_ID_MAX];	/* lower-case, prefixes stripped */
	char	raw[MATCH_ID_MAX];	/* trimmed, case kept, unstripped */
	int	fine_tune;	/* an ft: id: id is its base model */
};

/*
 * Reduces query to a key: a first path part that the provider registry
 * knows ("azure/", "vertex_ai/", "dashscope/") selects that provider and is
 * stripped, and so are Azure deployment scopes; a fine-tuned id
 * ("ft:gpt-3.5-turbo-0613:org::id") is reduced to its base.  Returns 0, or -1 when nothing is left of it or
 * it is longer than MATCH_ID_MAX - 1 bytes.
 */
int match_key(const char *query, struct match_key *key);

/* Lower-cases id into buf (size bytes); returns -1 when it does not fit. */
int match_fold(const char *id, char *buf, size_t size);

/*
 * The family of a dated snapshot id: writes id without its date suffix
 * (-2024-12-17, -20240229, -0613, -2505) or version (-001) into buf and returns 0; returns -1
 * when id has no such suffix.
 */
int match_family(const char *id, char *buf, size_t size);

/*
 * A Bedrock id without its region or inference-profile prefix
 * ("us.anthropic.claude-..." -> "anthropic.claude-..."): writes it into
 * buf and returns 0, or returns -1 when id has no such prefix.
 */
int match_strip_region(const char *id, char *buf, size_t size);

/*
 * An id without a platform version suffix: Bedrock "-v1:0", "-v2", ":0",
 * Vertex "@20240229", "@001".  Writes it into buf and returns 0, or returns
 * -1 when id has none.
 */
int match_strip_version(const char *id, char *buf, size_t size);

#endif
