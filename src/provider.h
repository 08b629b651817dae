/*
 * provider.h - the provider registry: who serves, who makes, who resells.
 *
 * One table says, for every provider a feed or a query names: its slug,
 * the spellings feeds and model-id prefixes use for it, its display name,
 * whether it is a maker, a platform with its own lifecycle or a reseller
 * (design section 4, rule 3), the hosts of its own documentation (which
 * make a statement first-party evidence) and, for OpenAI-compatible APIs,
 * its base URL.  A second table says who makes a model, from its id.
 * Pure lookups on static data.
 */
#ifndef SUNSET_PROVIDER_H
#define SUNSET_PROVIDER_H

#include <stddef.h>

enum provider_kind {
	PROVIDER_RESELLER = 0,	/* the default for names nobody listed */
	PROVIDER_PLATFORM,
	PROVIDER_MAKER
};

struct provider {
	const char		 *slug;
	const char		 *name;		/* as people write it */
	enum provider_kind	  kind;
	const char *const	 *spellings;	/* lower-case, NULL-ended */
	const char *const	 *hosts;	/* documentation hosts */
	const char		 *base;		/* OpenAI-compatible API */
};

/* The provider with this slug, or NULL. */
const struct provider *provider_find(const char *slug);

/*
 * The provider a name stands for, as a feed or an id prefix writes it
 * ("AWS Bedrock", "vertex_ai-language-models", "together_ai", "gemini"),
 * compared without regard to case; NULL when the registry does not know
 * it.  len is the length of name to read.
 */
const struct provider *provider_lookup(const char *name, size_t len);

/*
 * The slug for a provider name as a feed writes it: the registry's slug,
 * or for a name it does not know the name lower-cased with runs of blanks
 * made one '-'.  A new string the caller frees, or NULL when name is
 * empty.
 */
char *provider_slug(const char *name);

/* The kind of the provider with this slug; PROVIDER_RESELLER for a slug
 * the registry does not know. */
enum provider_kind provider_kind(const char *slug);

/* The display name of slug, or slug itself when unknown. */
const char *provider_name(const char *slug);

/*
 * The slug of the maker of the model id names, from its family
 * ("gpt-4o" -> openai, "anthropic.claude-3-haiku-..." -> anthropic,
 * "meta-llama/llama-3" -> meta), or NULL when no family is known.
 */
const char *provider_maker_of(const char *id);

/* The length of a Bedrock cross-region inference profile that starts id
 * ("us." of "us.anthropic.claude-..."), or 0. */
size_t provider_region_prefix(const char *id);

/*
 * The prefixes code writes before an id of slug's to name it
 * ("azure", "azure_ai" for azure; "vertex_ai" for vertex): the slug and
 * its one-word spellings, at most max into out.  Returns how many.
 */
size_t provider_prefixes(const char *slug, const char **out, size_t max);

/* 1 when url's host is (a subdomain of) one of slug's documentation
 * hosts, so a statement citing it is the provider's own word. */
int provider_documents(const char *slug, const char *url);

#endif
