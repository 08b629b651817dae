/*
 * feed.c - the table of feed formats.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "fetch.h"
#include "util.h"

/* The providers' model-list APIs (feed.h, struct feed_api). */
static const struct feed_api openai_api = {
	"openai", "https://api.openai.com/v1/models", FEED_AUTH_BEARER,
	NULL, NULL, NULL, NULL, NULL
};
static const struct feed_api mistral_api = {
	"mistral", "https://api.mistral.ai/v1/models", FEED_AUTH_BEARER,
	NULL, NULL, NULL, NULL, NULL
};
static const struct feed_api bedrock_api = {
	"bedrock", "https://bedrock.{region}.amazonaws.com/foundation-models",
	FEED_AUTH_SIGV4, "bedrock", NULL, NULL, NULL,
	feed_bedrock_models_better
};
/* The resource's endpoint and api-version are the user's: url = says. */
static const struct feed_api azure_api = {
	"azure", NULL, FEED_AUTH_API_KEY, NULL, NULL, NULL, NULL, NULL
};
static const struct feed_api anthropic_api = {
	"anthropic", "https://api.anthropic.com/v1/models",
	FEED_AUTH_X_API_KEY, NULL, "anthropic-version: 2023-06-01",
	"after_id", "limit=1000", NULL
};

/*
 * A provider's API outranks its own page on a tie of evidence: it is the
 * machine-readable word, read live.
 */
const struct feed_format feed_formats[] = {
	{ "openai-models", feed_openai_models_parse, 110, 0,
	    FETCH_DEFAULT_MAX_SIZE, &openai_api },
	{ "mistral-models", feed_mistral_models_parse, 110, 0,
	    FETCH_DEFAULT_MAX_SIZE, &mistral_api },
	{ "bedrock-models", feed_bedrock_models_parse, 110, 0,
	    FETCH_DEFAULT_MAX_SIZE, &bedrock_api },
	{ "azure-models", feed_azure_models_parse, 110, 0,
	    FETCH_DEFAULT_MAX_SIZE, &azure_api },
	{ "anthropic-models", feed_anthropic_models_parse, 110, 0,
	    FETCH_DEFAULT_MAX_SIZE, &anthropic_api },
	{ "markdown", feed_markdown_parse, 100, 1, FETCH_DEFAULT_MAX_SIZE,
	    NULL },
	{ "modeldeprecations", feed_modeldeprecations_parse, 80, 0,
	    FETCH_DEFAULT_MAX_SIZE, NULL },
	{ "sunset", feed_sunset_parse, 70, 0, FEED_SUNSET_MAX_SIZE, NULL },
	{ "deprecations-info", feed_deprecations_info_parse, 60, 0,
	    FETCH_DEFAULT_MAX_SIZE, NULL },
	{ "openrouter", feed_openrouter_parse, 40, 0, FETCH_DEFAULT_MAX_SIZE,
	    NULL },
	{ "litellm", feed_litellm_parse, 30, 0, FETCH_DEFAULT_MAX_SIZE, NULL },
	{ NULL, NULL, 0, 0, 0, NULL }
};

const struct feed_format *
feed_format_find(const char *name)
{
	const struct feed_format *f;

	for (f = feed_formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

void
feed_account_add(struct feed_account *a, const char *id)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->ids[i], id) == 0)
			return;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->ids = xreallocarray(a->ids, a->cap, sizeof(*a->ids));
	}
	a->ids[a->n++] = xstrdup(id);
}

void
feed_account_clear(struct feed_account *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->ids[i]);
	free(a->ids);
	memset(a, 0, sizeof(*a));
}
