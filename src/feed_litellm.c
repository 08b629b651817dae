/*
 * feed_litellm.c - LiteLLM's model_prices_and_context_window.json.
 *
 * The document is an object keyed by model, as LiteLLM users spell it:
 * "gpt-4-0613", "azure/eu/gpt-4o-2024-08-06", "vertex_ai/claude-3-7-
 * sonnet@20250219", "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
 * "openrouter/google/gemini-2.0-flash-001".  litellm_provider names the
 * platform; the key, with the platform prefix and any scope (Azure
 * deployment zone, Bedrock region path or cross-region profile) taken off,
 * is the id.  Keys that reduce to one (provider, id) make one record, and
 * the unscoped key's data wins.  deprecation_date is really a shutdown date
 * (price-list evidence, the weakest but a snapshot's; see design section
 * 4); an entry without one states no lifecycle at all.
 *
 * input_cost_per_token and output_cost_per_token become the record's
 * price per million tokens.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "match.h"
#include "provider.h"
#include "util.h"

/* LiteLLM modes and the record kinds they are. */
static const struct {
	const char	*mode;
	const char	*kind;
} modes[] = {
	{ "chat", "chat" },
	{ "responses", "chat" },
	{ "completion", "completion" },
	{ "embedding", "embedding" },
	{ "image_generation", "image" },
	{ "image_edit", "image" },
	{ "audio_transcription", "audio" },
	{ "audio_speech", "audio" },
	{ "realtime", "realtime" },
	{ "moderation", "moderation" },
	{ "rerank", "rerank" },
	{ "video_generation", "video" },
};

static const char *
map_mode(const char *mode)
{
	size_t i;

	for (i = 0; mode != NULL && i < NELEM(modes); i++)
		if (strcmp(mode, modes[i].mode) == 0)
			return modes[i].kind;
	return NULL;
}

/*
 * Splits key into r->id and r->scope for a record of r->provider.  The
 * first path part is a platform prefix when it names the same platform as
 * litellm_provider ("vertex_ai/" for vertex_ai-language-models, "gemini/"
 * for gemini); other ids keep their slashes ("google/gemini-2.0-flash-001"
 * is OpenRouter's id).  Azure and Bedrock ids have no slashes, so their
 * middle parts are a scope ("eu", "us-west-2/1-month-commitment").
 */
static void
split_key(struct record *r, const char *key, const char *litellm_provider)
{
	const char *id = key, *slash, *last;
	char *first, *slug, c;
	size_t n;

	if ((slash = strchr(key, '/')) != NULL && slash != key) {
		n = (size_t)(slash - key);
		first = xstrndup(key, n);
		slug = provider_slug(first);
		c = strlen(litellm_provider) >= n ? litellm_provider[n] : 'x';
		if ((slug != NULL && strcmp(slug, r->provider) == 0) ||
		    (strncasecmp(litellm_provider, first, n) == 0 &&
		    (c == '\0' || c == '-' || c == '_')))
			id = slash + 1;
		free(slug);
		free(first);
	}
	if (strcmp(r->provider, "azure") == 0 ||
	    strcmp(r->provider, "bedrock") == 0) {
		if ((last = strrchr(id, '/')) != NULL && last[1] != '\0') {
			if (last > id)
				r->scope = xstrndup(id, (size_t)(last - id));
			id = last + 1;
		}
	}
	if (strcmp(r->provider, "bedrock") == 0 &&
	    (n = provider_region_prefix(id)) > 0) {
		if (r->scope == NULL)
			r->scope = xstrndup(id, n - 1);
		id += n;
	}
	r->id = xstrdup(id);
}

/*
 * Keeps key as an alias when it is how LiteLLM users write the model and
 * a query spelt so would not reach the id by the matcher's stripping of
 * prefixes and scopes alone ("hostco/google/...", "eu.anthropic....-v1:0",
 * "bedrock/us-west-2/...").  The alias is the key less what the matcher
 * strips, since the matcher looks up what is left.
 */
static void
add_key_alias(struct record *r, const char *key)
{
	struct match_key k;
	const char *rest;

	if (match_key(key, &k) < 0 || k.fine_tune)
		return;
	/* What is left, in the key's own case. */
	rest = k.raw + strlen(k.raw) - strlen(k.id);
	if (strcasecmp(rest, r->id) != 0)
		feed_add_alias(r, rest);
}

/* The unscoped spelling's data wins. */
static int
unscoped_first(const struct record *a, const struct record *b)
{
	return a->scope == NULL && b->scope != NULL;
}

/* Reads one entry into r.  Returns 0, or -1 with *why set when the entry
 * is malformed. */
/* A price per token as dollars per million tokens; -1 when absent or
 * not a sane number. */
static double
per_mtok(const cJSON *e, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);

	if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) ||
	    v->valuedouble > 1)
		return -1;
	return v->valuedouble * 1e6;
}

static int
parse_entry(const cJSON *e, struct record *r, char **why)
{
	const char *provider, *date, *mode;
	char *key;
	enum shutdown_kind kind;

	if (!cJSON_IsObject(e)) {
		set_cause(why, "%s: not an object",
		    e->string != NULL ? e->string : "?");
		return -1;
	}
	if ((key = feed_strip(e->string)) == NULL) {
		set_cause(why, "empty model name");
		return -1;
	}
	if (feed_json_string(e, "litellm_provider", &provider) < 0 ||
	    feed_json_string(e, "deprecation_date", &date) < 0 ||
	    feed_json_string(e, "mode", &mode) < 0 ||
	    (r->provider = provider_slug(provider)) == NULL) {
		set_cause(why, "%s: no litellm_provider, or a field that must "
		    "be a string is not", key);
		free(key);
		return -1;
	}
	/* An unreadable date makes the entry unusable: without it, the
	 * model would pass for active. */
	if (feed_date(date, &r->shutdown_on, &kind) < 0) {
		set_cause(why, "%s: bad deprecation_date", key);
		free(key);
		return -1;
	}
	/* A price list says what is sold, nothing about a lifecycle: no
	 * status, so an entry never makes a model "active" (design section
	 * 4, rule 2). */
	r->shutdown_kind = kind;
	split_key(r, key, provider);
	if (*r->id == '\0') {
		set_cause(why, "%s: no id after the prefix", key);
		free(key);
		return -1;
	}
	if (map_mode(mode) != NULL)
		r->kind = xstrdup(map_mode(mode));
	r->input_per_mtok = per_mtok(e, "input_cost_per_token");
	r->output_per_mtok = per_mtok(e, "output_cost_per_token");
	r->audio_input_per_mtok = per_mtok(e, "input_cost_per_audio_token");
	r->audio_output_per_mtok = per_mtok(e, "output_cost_per_audio_token");
	add_key_alias(r, key);
	free(key);
	return 0;
}

static int
model_entry(const cJSON *e, struct recordset *out, char **why)
{
	return parse_entry(e, recordset_add(out), why);
}

int
feed_litellm_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	cJSON *doc;
	int rc = -1;

	(void)options;
	if ((doc = feed_json_parse(buf, len, cause)) == NULL)
		return -1;
	if (!cJSON_IsObject(doc))
		set_cause(cause, "expected an object keyed by model name");
	else
		rc = feed_parse_entries(doc, "sample_spec", model_entry,
		    "model entries", unscoped_first, out, cause);
	cJSON_Delete(doc);
	return rc;
}
