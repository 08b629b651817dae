/*
 * provider.c - the provider registry and the model families.
 *
 * Invariant: every table here is static data, and every function a pure
 * lookup on it, so a feed parser, the matcher and the merge all classify a
 * provider the same way.  Adding a provider is adding a row.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "provider.h"
#include "util.h"

#define L(...)	((const char *const[]){ __VA_ARGS__, NULL })
#define NONE	((const char *const[]){ NULL })

#define MAKER		PROVIDER_MAKER
#define PLATFORM	PROVIDER_PLATFORM
#define RESELLER	PROVIDER_RESELLER

/*
 * Spellings are how feeds and id prefixes name a provider, lower-case:
 * display names (deprecations.info, first-party pages) and LiteLLM's
 * litellm_provider values, whose "-...-models" suffixes are removed before
 * the lookup.  The slug itself always matches.
 */
static const struct provider providers[] = {
	/* Makers: they publish the lifecycle of the models they make. */
	{ "openai", "OpenAI", MAKER,
	    L("open ai", "text-completion-openai", "chatgpt-api"),
	    L("openai.com"), NULL },
	{ "anthropic", "Anthropic", MAKER, L("claude"),
	    L("anthropic.com", "claude.com"), NULL },
	{ "google", "Google Gemini API", MAKER,
	    L("google gemini", "google ai", "google ai studio", "gemini",
	    "gemini api", "palm"),
	    L("ai.google.dev", "developers.googleblog.com", "blog.google"),
	    NULL },
	{ "mistral", "Mistral AI", MAKER,
	    L("mistral ai", "mistralai", "codestral",
	    "text-completion-codestral"),
	    L("mistral.ai"), "https://api.mistral.ai/v1" },
	{ "cohere", "Cohere", MAKER, L("cohere_chat"),
	    L("cohere.com", "cohere.ai"),
	    "https://api.cohere.ai/compatibility/v1" },
	{ "xai", "xAI", MAKER, L("x.ai"), L("x.ai"), "https://api.x.ai/v1" },
	{ "deepseek", "DeepSeek", MAKER, L("deepseek ai"),
	    L("deepseek.com"), "https://api.deepseek.com/v1" },
	{ "alibaba", "Alibaba Cloud Model Studio", MAKER,
	    L("alibaba cloud", "dashscope", "qwen", "aliyun"),
	    L("alibabacloud.com", "aliyun.com"),
	    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1" },
	{ "moonshot", "Moonshot AI", MAKER,
	    L("moonshot ai", "moonshotai", "kimi"),
	    L("moonshot.ai", "moonshot.cn", "kimi.ai", "kimi.com"),
	    "https://api.moonshot.ai/v1" },
	{ "z-ai", "Z.ai", MAKER, L("z.ai", "zai", "zhipu", "zhipuai"),
	    L("z.ai", "bigmodel.cn"), "https://api.z.ai/api/paas/v4" },
	{ "xiaomi", "Xiaomi", MAKER, L("xiaomi mimo", "mimo"),
	    L("mi.com"), NULL },
	{ "minimax", "MiniMax", MAKER, NONE,
	    L("minimax.io", "minimaxi.com"), "https://api.minimax.io/v1" },
	{ "meta", "Meta", MAKER, L("meta llama", "meta_llama", "meta-llama"),
	    L("llama.com", "ai.meta.com"), NULL },
	{ "amazon", "Amazon", MAKER, L("amazon_nova", "amazon-nova"),
	    NONE, NULL },
	{ "ai21", "AI21 Labs", MAKER, L("ai21 labs"), L("ai21.com"), NULL },
	{ "perplexity", "Perplexity", MAKER, NONE,
	    L("perplexity.ai"), "https://api.perplexity.ai" },
	{ "voyage", "Voyage AI", MAKER, NONE, L("voyageai.com"), NULL },
	{ "stability", "Stability AI", MAKER, NONE, L("stability.ai"), NULL },

	/* Platforms: they serve others' models on a lifecycle of their own. */
	{ "azure", "Azure OpenAI", PLATFORM,
	    L("azure openai", "azure ai", "azure ai foundry",
	    "microsoft azure", "microsoft foundry", "azure_ai", "azure_text"),
	    L("learn.microsoft.com", "azure.microsoft.com"), NULL },
	{ "bedrock", "Amazon Bedrock", PLATFORM,
	    L("aws bedrock", "amazon bedrock", "aws", "bedrock_converse",
	    "bedrock_mantle"),
	    L("docs.aws.amazon.com", "aws.amazon.com"), NULL },
	{ "vertex", "Google Vertex AI", PLATFORM,
	    L("google vertex", "google vertex ai", "google cloud vertex ai",
	    "vertex ai", "vertex_ai"),
	    L("cloud.google.com"), NULL },
	{ "openrouter", "OpenRouter", PLATFORM, NONE, L("openrouter.ai"),
	    "https://openrouter.ai/api/v1" },
	{ "groq", "Groq", PLATFORM, NONE, L("groq.com"),
	    "https://api.groq.com/openai/v1" },
	{ "cerebras", "Cerebras", PLATFORM, NONE, L("cerebras.ai"),
	    "https://api.cerebras.ai/v1" },
	{ "sambanova", "SambaNova", PLATFORM, NONE, L("sambanova.ai"),
	    "https://api.sambanova.ai/v1" },
	{ "databricks", "Databricks", PLATFORM, NONE,
	    L("docs.databricks.com"), NULL },
	{ "snowflake", "Snowflake", PLATFORM, NONE, L("docs.snowflake.com"),
	    NULL },
	{ "watsonx", "IBM watsonx", PLATFORM, NONE, L("ibm.com"), NULL },
	{ "oci", "Oracle Cloud", PLATFORM, NONE, L("docs.oracle.com"), NULL },
	{ "sagemaker", "Amazon SageMaker", PLATFORM, NONE, NONE, NULL },

	/* Resellers: their lists say what they sell, not a lifecycle. */
	{ "together", "Together AI", RESELLER,
	    L("together_ai", "together ai", "togetherai"), NONE,
	    "https://api.together.xyz/v1" },
	{ "fireworks", "Fireworks AI", RESELLER,
	    L("fireworks_ai", "fireworks ai", "fireworks"), NONE,
	    "https://api.fireworks.ai/inference/v1" },
	{ "deepinfra", "DeepInfra", RESELLER, NONE, NONE,
	    "https://api.deepinfra.com/v1/openai" },
	{ "vercel_ai_gateway", "Vercel AI Gateway", RESELLER, NONE, NONE,
	    "https://ai-gateway.vercel.sh/v1" },
	{ "github_copilot", "GitHub Copilot", RESELLER, NONE, NONE, NULL },
	{ "chatgpt", "ChatGPT", RESELLER, NONE, NONE, NULL },
	{ "aiml", "AI/ML API", RESELLER, NONE, NONE, NULL },
	{ "heroku", "Heroku", RESELLER, NONE, NONE, NULL },
	{ "novita", "Novita AI", RESELLER, NONE, NONE, NULL },
	{ "nebius", "Nebius", RESELLER, NONE, NONE, NULL },
	{ "replicate", "Replicate", RESELLER, NONE, NONE, NULL },
};

/*
 * Model families: an id (lower-case, without a platform's vendor part)
 * that starts with prefix is made by maker.  Longer prefixes first where
 * one family's prefix starts another's ("text-embedding-0" is Google's,
 * "text-embedding-" otherwise OpenAI's).
 */
static const struct {
	const char	*prefix;
	const char	*maker;
} families[] = {
	{ "text-embedding-0", "google" },
	{ "text-multilingual-embedding", "google" },
	{ "textembedding-gecko", "google" },
	{ "gpt-", "openai" }, { "gpt4", "openai" }, { "o1", "openai" },
	{ "o3", "openai" }, { "o4", "openai" }, { "chatgpt", "openai" },
	{ "dall-e", "openai" }, { "whisper", "openai" }, { "tts-", "openai" },
	{ "text-embedding-", "openai" }, { "davinci", "openai" },
	{ "babbage", "openai" }, { "curie", "openai" }, { "text-davinci",
	"openai" }, { "text-curie", "openai" }, { "text-babbage", "openai" },
	{ "text-ada", "openai" }, { "code-davinci", "openai" },
	{ "text-moderation", "openai" }, { "omni-moderation", "openai" },
	{ "computer-use", "openai" }, { "codex", "openai" },
	{ "sora", "openai" },
	{ "claude", "anthropic" },
	{ "gemini", "google" }, { "gemma", "google" }, { "imagen", "google" },
	{ "veo", "google" }, { "learnlm", "google" }, { "embedding-001",
	"google" }, { "embedding-gecko", "google" }, { "chat-bison",
	"google" }, { "text-bison", "google" }, { "code-bison", "google" },
	{ "codechat-bison", "google" }, { "aqa", "google" },
	{ "command", "cohere" }, { "embed-", "cohere" }, { "rerank",
	"cohere" }, { "c4ai-aya", "cohere" }, { "aya-", "cohere" },
	{ "mistral", "mistral" }, { "codestral", "mistral" }, { "ministral",
	"mistral" }, { "pixtral", "mistral" }, { "magistral", "mistral" },
	{ "devstral", "mistral" }, { "voxtral", "mistral" }, { "open-mistral",
	"mistral" }, { "open-mixtral", "mistral" }, { "open-codestral",
	"mistral" }, { "mixtral", "mistral" },
	{ "grok", "xai" },
	{ "deepseek", "deepseek" },
	{ "qwen", "alibaba" }, { "qwq", "alibaba" }, { "qvq", "alibaba" },
	{ "llama", "meta" }, { "meta-llama", "meta" },
	{ "kimi", "moonshot" }, { "moonshot-", "moonshot" },
	{ "glm", "z-ai" }, { "chatglm", "z-ai" },
	{ "mimo", "xiaomi" },
	{ "minimax", "minimax" }, { "abab", "minimax" },
	{ "nova-", "amazon" }, { "titan-", "amazon" },
	{ "jamba", "ai21" }, { "j2-", "ai21" },
	{ "sonar", "perplexity" },
	{ "voyage", "voyage" },
};

/* 1 when the lower-case spelling s is name[0..len), in any case.  The
 * first byte is compared before the call: lookups are on the hot path. */
static int
same_word(const char *s, const char *name, size_t len)
{
	return s[0] == tolower((unsigned char)name[0]) &&
	    strncasecmp(s, name, len) == 0 && s[len] == '\0';
}

static int
spelled(const struct provider *p, const char *name, size_t len)
{
	const char *const *s;

	if (same_word(p->slug, name, len))
		return 1;
	for (s = p->spellings; *s != NULL; s++)
		if (same_word(*s, name, len))
			return 1;
	return 0;
}

const struct provider *
provider_lookup(const char *name, size_t len)
{
	size_t i;

	for (i = 0; len > 0 && i < NELEM(providers); i++)
		if (spelled(&providers[i], name, len))
			return &providers[i];
	return NULL;
}

const struct provider *
provider_find(const char *slug)
{
	size_t i;

	for (i = 0; slug != NULL && i < NELEM(providers); i++)
		if (strcmp(providers[i].slug, slug) == 0)
			return &providers[i];
	return NULL;
}

char *
provider_slug(const char *name)
{
	const struct provider *p;
	char *s, *q, *dash;
	const char *c;
	size_t n;

	if (name == NULL)
		return NULL;
	/* Trimmed, lower-cased, runs of blanks made one space. */
	s = q = xmalloc(strlen(name) + 1);
	for (c = name; *c != '\0'; c++) {
		if (!isspace((unsigned char)*c))
			*q++ = (char)tolower((unsigned char)*c);
		else if (q > s && q[-1] != ' ')
			*q++ = ' ';
	}
	if (q > s && q[-1] == ' ')
		q--;
	*q = '\0';
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	/* vertex_ai-language-models, vertex_ai-anthropic_models */
	n = strlen(s);
	if (n > 7 && strcmp(s + n - 6, "models") == 0 &&
	    (s[n - 7] == '-' || s[n - 7] == '_') &&
	    (dash = strchr(s, '-')) != NULL && dash != s)
		*dash = '\0';
	if ((p = provider_lookup(s, strlen(s))) != NULL) {
		free(s);
		return xstrdup(p->slug);
	}
	for (q = s; *q != '\0'; q++)
		if (*q == ' ')
			*q = '-';
	return s;
}

enum provider_kind
provider_kind(const char *slug)
{
	const struct provider *p = provider_find(slug);

	return p != NULL ? p->kind : PROVIDER_RESELLER;
}

const char *
provider_name(const char *slug)
{
	const struct provider *p = provider_find(slug);

	return p != NULL ? p->name : slug;
}

/* Bedrock's cross-region inference profiles: "us.anthropic.claude-...". */
static const char *regions[] = {
	"us", "eu", "apac", "global", "us-gov", "jp", "au", "ca",
};

size_t
provider_region_prefix(const char *id)
{
	const char *rest, *dot, *dash;
	size_t i, n;

	for (i = 0; i < NELEM(regions); i++) {
		n = strlen(regions[i]);
		if (strncasecmp(id, regions[i], n) != 0 || id[n] != '.')
			continue;
		/* Only a Bedrock id follows: "vendor.model...". */
		rest = id + n + 1;
		dot = strchr(rest, '.');
		dash = strchr(rest, '-');
		if (dot == NULL || dot == rest || (dash != NULL && dash < dot))
			return 0;
		return n + 1;
	}
	return 0;
}

const char *
provider_maker_of(const char *id)
{
	const struct provider *p;
	const char *s = id + provider_region_prefix(id), *sep;
	size_t i, n;

	/* A vendor part names the maker: "meta-llama/..." on OpenRouter,
	 * "anthropic.claude-..." on Bedrock. */
	while ((sep = strpbrk(s, "/.")) != NULL && sep != s) {
		if ((p = provider_lookup(s, (size_t)(sep - s))) != NULL &&
		    p->kind == PROVIDER_MAKER)
			return p->slug;
		if (*sep != '/')
			break;
		s = sep + 1;
	}
	for (i = 0; i < NELEM(families); i++) {
		if (families[i].prefix[0] != tolower((unsigned char)*s))
			continue;
		n = strlen(families[i].prefix);
		if (strncasecmp(s, families[i].prefix, n) == 0)
			return families[i].maker;
	}
	return NULL;
}

size_t
provider_prefixes(const char *slug, const char **out, size_t max)
{
	const struct provider *p = provider_find(slug);
	const char *const *s;
	size_t n = 0;

	if (p == NULL || max == 0)
		return 0;
	out[n++] = p->slug;
	for (s = p->spellings; *s != NULL && n < max; s++)
		if (strpbrk(*s, " .") == NULL)
			out[n++] = *s;
	return n;
}

int
provider_documents(const char *slug, const char *url)
{
	const struct provider *p = provider_find(slug);
	const char *const *h;
	const char *host, *end;
	size_t n, hn;

	if (p == NULL || url == NULL)
		return 0;
	if ((host = strstr(url, "://")) == NULL)
		return 0;
	host += 3;
	for (end = host; *end != '\0' && *end != '/' && *end != ':' &&
	    *end != '?' && *end != '#'; end++)
		;
	n = (size_t)(end - host);
	for (h = p->hosts; *h != NULL; h++) {
		hn = strlen(*h);
		if (n < hn || strncasecmp(end - hn, *h, hn) != 0)
			continue;
		if (n == hn || end[-(ptrdiff_t)hn - 1] == '.')
			return 1;
	}
	return 0;
}
