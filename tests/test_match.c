/*
 * test_match.c - model ids as users write them: the keys
 * match.h makes of them, and what snapshot_lookup finds with those keys in
 * small catalogs built here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "provider.h"
#include "record.h"
#include "snapshot.h"
#include "tap.h"
#include "util.h"

static const char *how_names[] = {
	[MATCH_NONE] = "none", [MATCH_EXACT] = "exact",
	[MATCH_ALIAS] = "alias", [MATCH_NORMALIZED] = "normalized",
	[MATCH_FAMILY] = "family", [MATCH_FINE_TUNE] = "fine-tune",
};

/* query as a test name: control characters escaped, long ones cut. */
static const char *
shown(const char *query)
{
	static char buf[64];
	size_t i, n = 0;

	for (i = 0; query[i] != '\0' && n < sizeof(buf) - 8; i++) {
		if (query[i] == '\t' || query[i] == '\r' || query[i] == '\n') {
			buf[n++] = '\\';
			buf[n++] = query[i] == '\t' ? 't' :
			    query[i] == '\r' ? 'r' : 'n';
		} else
			buf[n++] = query[i];
	}
	if (query[i] != '\0')
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "...");
	buf[n] = '\0';
	return buf;
}

static void
check_key(const char *query, const char *provider, const char *id,
    const char *raw)
{
	struct match_key key;
	const char *name = shown(query);

	if (!ok(match_key(query, &key) == 0, "match_key(\"%s\") succeeds",
	    name))
		return;
	is_str(key.provider, provider, "match_key(\"%s\"): provider", name);
	is_str(key.id, id, "match_key(\"%s\"): id", name);
	if (raw != NULL)
		is_str(key.raw, raw, "match_key(\"%s\"): raw", name);
}

static void
check_no_key(const char *query, const char *what)
{
	struct match_key key;

	is_int(match_key(query, &key), -1, "match_key refuses %s", what);
}

static void
check_family(const char *id, const char *want)
{
	char buf[MATCH_ID_MAX];

	if (want == NULL) {
		is_int(match_family(id, buf, sizeof(buf)), -1,
		    "\"%s\" has no family", id);
		return;
	}
	if (ok(match_family(id, buf, sizeof(buf)) == 0, "\"%s\" has a family",
	    id))
		is_str(buf, want, "family of \"%s\"", id);
}

static void
test_keys(void)
{
	char s[MATCH_ID_MAX + 8];

	/* Case, whitespace and quotes. */
	check_key("GPT-4o", "", "gpt-4o", "GPT-4o");
	check_key(" 'GPT-4o' ", "", "gpt-4o", "GPT-4o");
	check_key("`gpt-4`", "", "gpt-4", "gpt-4");
	check_key("\"gpt-4\"", "", "gpt-4", "gpt-4");
	check_key("\t gpt-4\r\n", "", "gpt-4", "gpt-4");

	/* Platform prefixes select the provider and are stripped. */
	check_key("openai/gpt-4o", "openai", "gpt-4o", "openai/gpt-4o");
	check_key("OpenAI/GPT-4o", "openai", "gpt-4o", "OpenAI/GPT-4o");
	check_key("anthropic/claude-3-opus-20240229", "anthropic",
	    "claude-3-opus-20240229", NULL);
	check_key("azure/gpt-4o", "azure", "gpt-4o", NULL);
	check_key("azure/eu/gpt-4o", "azure", "gpt-4o", NULL);
	check_key("azure/global-standard/gpt-4o", "azure", "gpt-4o", NULL);
	check_key("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "bedrock", "anthropic.claude-3-5-sonnet-20240620-v1:0", NULL);
	check_key("vertex_ai/gemini-1.5-pro", "vertex", "gemini-1.5-pro", NULL);
	check_key("gemini/gemini-1.5-pro", "google", "gemini-1.5-pro", NULL);
	check_key("openrouter/openai/gpt-4o", "openrouter", "openai/gpt-4o",
	    NULL);
	check_key("\"OpenRouter/OpenAI/GPT-4o\"", "openrouter",
	    "openai/gpt-4o", "OpenRouter/OpenAI/GPT-4o");
	check_key("eu/gpt-4o", "", "eu/gpt-4o", NULL);

	/* Nothing left, or too long. */
	check_no_key("", "\"\"");
	check_no_key("   \t\n", "whitespace");
	check_no_key(" '' ", "empty quotes");
	check_no_key("openai/", "a bare prefix");
	memset(s, 'a', MATCH_ID_MAX - 1);
	s[MATCH_ID_MAX - 1] = '\0';
	check_key(s, "", s, s);
	s[MATCH_ID_MAX - 1] = 'a';
	s[MATCH_ID_MAX] = '\0';
	check_no_key(s, "256 bytes");
}

static void
test_family(void)
{
	char small[8];

	/* Dated snapshot suffixes are stripped, nothing else is. */
	check_family("gpt-4o-mini-realtime-preview-2024-12-17",
	    "gpt-4o-mini-realtime-preview");
	check_family("claude-3-opus-20240229", "claude-3-opus");
	check_family("gpt-4-0613", "gpt-4");
	check_family("mistral-medium-2505", "mistral-medium");
	check_family("gpt-4o", NULL);
	check_family("gpt-4.1-mini", NULL);
	check_family("o1", NULL);
	check_family("gpt-4-turbo", NULL);
	check_family("2024-12-17", NULL);
	check_family("", NULL);
	is_int(match_family("gpt-4o-mini-2024-07-18", small, sizeof(small)),
	    -1, "match_family refuses a buffer too small");

	/* match_fold. */
	is_int(match_fold("GPT-4o", small, sizeof(small)), 0, "match_fold fits");
	is_str(small, "gpt-4o", "match_fold lower-cases");
	is_int(match_fold("GPT-4o-mini", small, sizeof(small)), -1,
	    "match_fold refuses a buffer too small");
}

/* The provider registry: kinds, slugs, makers and documentation hosts. */
static void
test_providers(void)
{
	static const struct {
		const char	*name;
		const char	*slug;
	} slugs[] = {
		{ "AWS Bedrock", "bedrock" }, { "Google Vertex", "vertex" },
		{ "vertex_ai-language-models", "vertex" },
		{ "vertex_ai-anthropic_models", "vertex" },
		{ "  Azure   OpenAI ", "azure" }, { "gemini", "google" },
		{ "together_ai", "together" }, { "dashscope", "alibaba" },
		{ "zai", "z-ai" }, { "bedrock_converse", "bedrock" },
		{ "Some New  Host", "some-new-host" },
	};
	static const struct {
		const char	*id;
		const char	*maker;
	} makers[] = {
		{ "gpt-4-0613", "openai" }, { "o3-mini", "openai" },
		{ "dall-e-3", "openai" }, { "text-embedding-3-small", "openai" },
		{ "text-embedding-004", "google" }, { "gemini-1.5-pro", "google" },
		{ "claude-3-opus@20240229", "anthropic" },
		{ "anthropic.claude-3-haiku-20240307-v1:0", "anthropic" },
		{ "us.anthropic.claude-3-haiku-20240307-v1:0", "anthropic" },
		{ "meta.llama3-70b-instruct-v1:0", "meta" },
		{ "meta-llama/llama-3.3-70b-instruct", "meta" },
		{ "openai/gpt-4.1", "openai" }, { "gpt-4.1-mini", "openai" },
		{ "command-r-plus", "cohere" }, { "deepseek-v3-0324", "deepseek" },
		{ "qwen-max", "alibaba" }, { "kimi-k2", "moonshot" },
		{ "glm-4.5", "z-ai" }, { "grok-3", "xai" },
		{ "mimo-v2", "xiaomi" }, { "some-model", NULL },
	};
	char *slug;
	size_t i;

	ok(provider_kind("azure") == PROVIDER_PLATFORM, "azure is a platform");
	ok(provider_kind("bedrock") == PROVIDER_PLATFORM,
	    "bedrock is a platform");
	ok(provider_kind("openai") == PROVIDER_MAKER, "openai is a maker");
	ok(provider_kind("github_copilot") == PROVIDER_RESELLER,
	    "github_copilot is a reseller");
	ok(provider_kind("nobody-knows") == PROVIDER_RESELLER,
	    "an unknown provider counts as a reseller");
	for (i = 0; i < NELEM(slugs); i++) {
		slug = provider_slug(slugs[i].name);
		is_str(slug, slugs[i].slug, "provider_slug(\"%s\")",
		    slugs[i].name);
		free(slug);
	}
	ok(provider_slug("   ") == NULL, "provider_slug of blanks is NULL");
	for (i = 0; i < NELEM(makers); i++)
		is_str(provider_maker_of(makers[i].id), makers[i].maker,
		    "provider_maker_of(\"%s\")", makers[i].id);
	ok(provider_documents("vertex",
	    "https://docs.cloud.google.com/vertex-ai/x"), "vertex docs");
	ok(provider_documents("openai",
	    "https://platform.openai.com/docs/deprecations"), "openai docs");
	ok(!provider_documents("google",
	    "https://github.com/someone/registry"), "github is nobody's docs");
	ok(!provider_documents("openai", "https://notopenai.com/x"),
	    "a host that only ends like a doc host is not one");
	ok(!provider_documents("openai", "https://ai.google.dev/x"),
	    "another provider's docs are not openai's");
	is_str(provider_name("bedrock"), "Amazon Bedrock", "display name");
	is_str(provider_name("unknown-co"), "unknown-co",
	    "an unknown slug is its own name");
}

static struct record *
add(struct recordset *set, const char *provider, const char *id)
{
	struct record *r = recordset_add(set);

	r->provider = strdup(provider);
	r->id = strdup(id);
	return r;
}

/* Looks query up and checks provider/id and how, or unknown (id NULL). */
static void
check_lookup(const struct snapshot *snap, const char *query,
    const char *provider, const char *want_provider, const char *want_id,
    enum match_how want_how)
{
	struct lookup l;

	if (!ok(snapshot_lookup(snap, query, provider, &l) == 0,
	    "lookup \"%s\" is a possible id", query))
		return;
	if (want_id == NULL) {
		ok(l.record == NULL, "\"%s\" is not found%s%s", query,
		    provider ? " on " : "", provider ? provider : "");
		if (l.record != NULL)
			printf("#   found %s/%s\n", l.record->provider,
			    l.record->id);
		return;
	}
	if (!ok(l.record != NULL, "\"%s\" is found", query))
		return;
	is_str(l.record->provider, want_provider, "\"%s\": provider", query);
	is_str(l.record->id, want_id, "\"%s\": id", query);
	is_str(how_names[l.how], how_names[want_how], "\"%s\": match", query);
}

static void
test_lookup(void)
{
	struct recordset set = { 0 };
	struct snapshot *snap;
	struct lookup l;
	struct record *r;

	/* The catalog: records in provider, id order, as the merge gives. */
	add(&set, "azure", "o1-mini");
	r = add(&set, "openai", "gpt-4-0613");
	record_add_alias(r, "gpt-4");
	add(&set, "openai", "gpt-4o-mini-realtime-preview");
	add(&set, "openai", "o1-mini");
	snap = snapshot_new(&set);
	is_int(set.n, 0, "snapshot_new takes the records over");
	is_int(snapshot_count(snap), 4, "four records in the snapshot");

	/* Exact, alias, normalized. */
	check_lookup(snap, "gpt-4-0613", NULL, "openai", "gpt-4-0613",
	    MATCH_EXACT);
	check_lookup(snap, "gpt-4", NULL, "openai", "gpt-4-0613", MATCH_ALIAS);
	check_lookup(snap, "GPT-4", NULL, "openai", "gpt-4-0613", MATCH_ALIAS);
	check_lookup(snap, "OPENAI/GPT-4-0613", NULL, "openai", "gpt-4-0613",
	    MATCH_NORMALIZED);
	check_lookup(snap, " \"gpt-4-0613\" ", NULL, "openai", "gpt-4-0613",
	    MATCH_EXACT);
	check_lookup(snap, "openai/gpt-4-0613", NULL, "openai", "gpt-4-0613",
	    MATCH_NORMALIZED);

	/* Family: a dated snapshot of a known family. */
	check_lookup(snap, "gpt-4o-mini-realtime-preview-2024-12-17", NULL,
	    "openai", "gpt-4o-mini-realtime-preview", MATCH_FAMILY);
	check_lookup(snap, "openai/GPT-4o-mini-realtime-preview-2024-12-17",
	    NULL, "openai", "gpt-4o-mini-realtime-preview", MATCH_FAMILY);
	check_lookup(snap, "gpt-4o-mini-realtime-preview-2024-12-17",
	    "azure", NULL, NULL, MATCH_NONE);

	/* Provider selection: first-party first, others listed. */
	check_lookup(snap, "o1-mini", NULL, "openai", "o1-mini", MATCH_EXACT);
	snapshot_lookup(snap, "o1-mini", NULL, &l);
	is_int(l.nothers, 1, "o1-mini: one other platform");
	if (l.nothers == 1)
		is_str(l.others[0]->provider, "azure",
		    "o1-mini: azure is listed in others");
	check_lookup(snap, "o1-mini", "azure", "azure", "o1-mini", MATCH_EXACT);
	check_lookup(snap, "azure/o1-mini", NULL, "azure", "o1-mini",
	    MATCH_NORMALIZED);
	check_lookup(snap, "azure/eu/o1-mini", NULL, "azure", "o1-mini",
	    MATCH_NORMALIZED);
	check_lookup(snap, "o1-mini", "openai", "openai", "o1-mini",
	    MATCH_EXACT);
	check_lookup(snap, "o1-mini", "bedrock", NULL, NULL, MATCH_NONE);
	check_lookup(snap, "gpt-4", "azure", NULL, NULL, MATCH_NONE);

	/* Unknown and impossible ids. */
	check_lookup(snap, "o1", NULL, NULL, NULL, MATCH_NONE);
	is_int(snapshot_lookup(snap, "", NULL, &l), -1, "\"\" is not an id");
	is_int(snapshot_lookup(snap, "  ", NULL, &l), -1,
	    "whitespace is not an id");

	/* snapshot_find: ids only, case-insensitive, one provider. */
	ok(snapshot_find(snap, "openai", "GPT-4-0613") != NULL,
	    "snapshot_find folds case");
	ok(snapshot_find(snap, "openai", "gpt-4") == NULL,
	    "snapshot_find does not follow aliases");
	ok(snapshot_find(snap, "azure", "gpt-4-0613") == NULL,
	    "snapshot_find keeps to the provider");

	/* References: the last unref frees (valgrind checks). */
	ok(snapshot_ref(snap) == snap, "snapshot_ref returns the snapshot");
	snapshot_unref(snap);
	is_int(snapshot_count(snap), 4, "still alive after one unref");
	snapshot_unref(snap);
	snapshot_unref(NULL);
}

static void
test_false_matches(void)
{
	struct recordset set = { 0 };
	struct snapshot *snap;
	struct record *r;

	/* Only gpt-4 (an alias of gpt-4-0613): no prefix-based guessing. */
	r = add(&set, "openai", "gpt-4-0613");
	record_add_alias(r, "gpt-4");
	snap = snapshot_new(&set);
	check_lookup(snap, "gpt-4o", NULL, NULL, NULL, MATCH_NONE);
	check_lookup(snap, "gpt-4.1-mini", NULL, NULL, NULL, MATCH_NONE);
	check_lookup(snap, "gpt-4-turbo", NULL, NULL, NULL, MATCH_NONE);
	check_lookup(snap, "gpt-4-turbo-2024-04-09", NULL, NULL, NULL,
	    MATCH_NONE);
	check_lookup(snap, "gpt-4-06", NULL, NULL, NULL, MATCH_NONE);
	check_lookup(snap, "gpt", NULL, NULL, NULL, MATCH_NONE);
	check_lookup(snap, "gpt-4-0613x", NULL, NULL, NULL, MATCH_NONE);
	snapshot_unref(snap);
}

/* 1 when query finds provider/id. */
static int
finds(const struct snapshot *snap, const char *query, const char *provider,
    const char *id)
{
	struct lookup l;

	return snapshot_lookup(snap, query, NULL, &l) == 0 &&
	    l.record != NULL && strcmp(l.record->provider, provider) == 0 &&
	    strcmp(l.record->id, id) == 0;
}

static void
test_platform_spellings(void)
{
	static const char bedrock_id[] =
	    "anthropic.claude-3-5-sonnet-20240620-v1:0";
	struct recordset set = { 0 };
	struct snapshot *snap;

	/* Bedrock region / inference-profile prefixes and Vertex
	 * "@date" spellings reach the platform's record. */
	add(&set, "bedrock", bedrock_id);
	add(&set, "vertex", "claude-3-opus");
	snap = snapshot_new(&set);
	ok(finds(snap, "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "bedrock", bedrock_id), "a Bedrock id with the bedrock/ prefix");
	ok(finds(snap, "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "bedrock", bedrock_id), "a Bedrock us. inference profile");
	ok(finds(snap, "bedrock/eu.anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "bedrock", bedrock_id), "bedrock/eu. inference profile");
	ok(finds(snap, "global.anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "bedrock", bedrock_id), "a global. inference profile");
	ok(finds(snap, "anthropic.claude-3-5-sonnet-20240620", "bedrock",
	    bedrock_id), "a Bedrock id without its version suffix");
	ok(finds(snap, "anthropic.claude-3-5-sonnet-20240620:0", "bedrock",
	    bedrock_id), "a Bedrock id with another version spelling");
	ok(finds(snap, "vertex_ai/claude-3-opus@20240229", "vertex",
	    "claude-3-opus"), "a Vertex claude-3-opus@20240229");
	ok(finds(snap, "claude-3-opus@001", "vertex", "claude-3-opus"),
	    "a Vertex @001 version");
	ok(!finds(snap, "eu.claude-3-opus", "vertex", "claude-3-opus"),
	    "a region prefix only strips from a Bedrock id");
	ok(!finds(snap, "anthropic.claude-3-5-sonnet-2024", "bedrock",
	    bedrock_id), "a shorter date is another model");
	snapshot_unref(snap);
}

static void
check_strip(int (*fn)(const char *, char *, size_t), const char *name,
    const char *id, const char *want)
{
	char buf[MATCH_ID_MAX];
	int rc = fn(id, buf, sizeof(buf));

	if (want == NULL)
		is_int(rc, -1, "%s(\"%s\") leaves it alone", name, id);
	else if (ok(rc == 0, "%s(\"%s\") strips", name, id))
		is_str(buf, want, "%s(\"%s\")", name, id);
}

static void
test_strip(void)
{
	check_strip(match_strip_version, "strip_version",
	    "anthropic.claude-v2:1", "anthropic.claude");
	check_strip(match_strip_version, "strip_version", "amazon.titan-v2",
	    "amazon.titan");
	check_strip(match_strip_version, "strip_version", "cohere.command:0",
	    "cohere.command");
	check_strip(match_strip_version, "strip_version",
	    "claude-3-opus@20240229", "claude-3-opus");
	check_strip(match_strip_version, "strip_version", "gpt-4", NULL);
	check_strip(match_strip_version, "strip_version", "gpt-4.1-mini", NULL);
	check_strip(match_strip_version, "strip_version", "model-v", NULL);
	check_strip(match_strip_version, "strip_version", "@20240229", NULL);
	check_strip(match_strip_version, "strip_version", "x@", NULL);
	check_strip(match_strip_region, "strip_region",
	    "us.anthropic.claude-3-haiku", "anthropic.claude-3-haiku");
	check_strip(match_strip_region, "strip_region", "apac.amazon.nova",
	    "amazon.nova");
	check_strip(match_strip_region, "strip_region", "eu.gpt-4o", NULL);
	check_strip(match_strip_region, "strip_region", "us.", NULL);
	check_strip(match_strip_region, "strip_region", "usa.x.y", NULL);
}

/* Design section 4, rule 3, and the spellings real code writes. */
static void
test_authority_lookup(void)
{
	struct recordset set = { 0 };
	struct snapshot *snap;
	struct record *r;

	add(&set, "github_copilot", "gpt-4-0613");
	r = add(&set, "openai", "gpt-4-0613");
	r->status = STATUS_RETIRED;
	add(&set, "openai", "gpt-4o-2024-08-06");
	r = add(&set, "azure", "gpt-4o-2024-08-06");
	r->status = STATUS_RETIRED;
	add(&set, "aiml", "only-resold");
	r = add(&set, "azure", "o1-2024-12-17");
	r->shutdown_on = 20000;
	r->shutdown_kind = SHUTDOWN_FIRM;
	r = add(&set, "azure", "o1-2025-04-01");
	r->shutdown_on = 19000;
	r->shutdown_kind = SHUTDOWN_FIRM;
	r = add(&set, "azure", "DeepSeek-V3");
	record_add_replacement(r, "azure", "DeepSeek-V3-0324", NULL);
	add(&set, "alibaba", "qwen-max");
	add(&set, "together", "meta-llama/llama-3.3-70b-instruct");
	add(&set, "google", "gemini-2.0-flash-001");
	add(&set, "openrouter", "google/gemini-2.0-flash-001");
	snap = snapshot_new(&set);

	check_lookup(snap, "gpt-4-0613", NULL, "openai", "gpt-4-0613",
	    MATCH_EXACT);
	check_lookup(snap, "github_copilot/gpt-4-0613", NULL,
	    "github_copilot", "gpt-4-0613", MATCH_NORMALIZED);
	check_lookup(snap, "gpt-4o-2024-08-06", NULL, "openai",
	    "gpt-4o-2024-08-06", MATCH_EXACT);
	check_lookup(snap, "azure/gpt-4o-2024-08-06", NULL, "azure",
	    "gpt-4o-2024-08-06", MATCH_NORMALIZED);
	check_lookup(snap, "only-resold", NULL, "aiml", "only-resold",
	    MATCH_EXACT);
	check_lookup(snap, "azure/o1", NULL, "azure", "o1-2025-04-01",
	    MATCH_FAMILY);
	check_lookup(snap, "azure_ai/deepseek-v3-0324", NULL, NULL, NULL,
	    MATCH_NONE);
	check_lookup(snap, "dashscope/qwen-max", NULL, "alibaba", "qwen-max",
	    MATCH_NORMALIZED);
	check_lookup(snap, "ft:gpt-4o-2024-08-06:acme::abc123", NULL, "openai",
	    "gpt-4o-2024-08-06", MATCH_FINE_TUNE);
	check_lookup(snap, "meta-llama/llama-3.3-70b-instruct", NULL,
	    "together", "meta-llama/llama-3.3-70b-instruct", MATCH_EXACT);
	check_lookup(snap, "meta-llama/llama-3.3-70b-instruct", "together",
	    "together", "meta-llama/llama-3.3-70b-instruct", MATCH_EXACT);
	/* A record's own provider and id reach it, the first part of the
	 * id naming a maker or not. */
	check_lookup(snap, "google/gemini-2.0-flash-001", "openrouter",
	    "openrouter", "google/gemini-2.0-flash-001", MATCH_EXACT);
	check_lookup(snap, "openrouter/google/gemini-2.0-flash-001", NULL,
	    "openrouter", "google/gemini-2.0-flash-001", MATCH_NORMALIZED);
	check_lookup(snap, "google/gemini-2.0-flash-001", NULL, "google",
	    "gemini-2.0-flash-001", MATCH_NORMALIZED);
	snapshot_unref(snap);
}

int
main(void)
{
	test_keys();
	test_family();
	test_providers();
	test_lookup();
	test_authority_lookup();
	test_false_matches();
	test_platform_spellings();
	test_strip();
	return tap_done();
}
