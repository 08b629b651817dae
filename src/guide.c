/*
 * guide.c - the migration guide's content: client errors by provider,
 * checklists by kind, find commands and quick fixes.
 *
 * Everything a page shows about "what now" lives in the tables below, so
 * adding a provider or a kind is adding a row, not a branch.  Invariant:
 * an id from a feed or a query only ever reaches a snippet through the
 * escaper of the place it lands in (string literal, JSON in a shell word,
 * URL, shell word), so no id can break out of the code it is shown in.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "guide.h"
#include "html.h"
#include "provider.h"
#include "util.h"

/* ASCII letters and digits, whatever the locale. */
static int
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* ---- providers ---------------------------------------------------- */

/*
 * Which errors a provider's clients see once a model is shut down.  Names
 * and base URLs come from the provider registry (provider.h).
 */
enum errors_set {
	ERR_GENERIC,
	ERR_OPENAI,
	ERR_ANTHROPIC,
	ERR_AZURE,
	ERR_BEDROCK,
	ERR_GOOGLE,
	ERR_VERTEX,
	ERR_GROQ,
	ERR_MISTRAL,
	ERR_COHERE,
	ERR_XAI,
	ERR_OPENROUTER,
	ERR_NSETS
};

static const struct {
	const char	*slug;
	enum errors_set	 errors;
} provider_errors[] = {
	{ "openai", ERR_OPENAI },
	{ "anthropic", ERR_ANTHROPIC },
	{ "azure", ERR_AZURE },
	{ "bedrock", ERR_BEDROCK },
	{ "google", ERR_GOOGLE },
	{ "vertex", ERR_VERTEX },
	{ "groq", ERR_GROQ },
	{ "mistral", ERR_MISTRAL },
	{ "cohere", ERR_COHERE },
	{ "xai", ERR_XAI },
	{ "openrouter", ERR_OPENROUTER },
};

static enum errors_set
errors_of(const char *slug)
{
	size_t i;

	for (i = 0; slug != NULL && i < NELEM(provider_errors); i++)
		if (strcmp(provider_errors[i].slug, slug) == 0)
			return provider_errors[i].errors;
	return ERR_GENERIC;
}

/* ---- client errors ------------------------------------------------ */

/*
 * The codes and statuses are what the APIs return; the messages give the
 * gist in our words, except where the API's own text is short and the
 * thing people search for.
 */
static const struct guide_error errors_generic[] = {
	{ 404, "model_not_found", "The model `{id}` does not exist or is no "
	    "longer served.", "most OpenAI-compatible APIs, once the model is "
	    "gone" },
	{ 400, "invalid_request_error", "The request names a model (`{id}`) "
	    "the API does not accept.", "APIs that validate the model field "
	    "before routing" },
};

static const struct guide_error errors_openai[] = {
	{ 404, "model_not_found", "The model `{id}` does not exist or you do "
	    "not have access to it.", "after the shutdown date: the id is "
	    "unknown to the API (error type invalid_request_error)" },
	{ 404, "model_not_found", "The model `{id}` has been deprecated; the "
	    "message points to the deprecations page for a replacement.",
	    "some retired models answer with a deprecation message instead" },
};

static const struct guide_error errors_anthropic[] = {
	{ 404, "not_found_error", "model: {id}", "after retirement: the "
	    "Messages API no longer knows the id (the body is "
	    "{\"type\": \"error\", \"error\": {\"type\": \"not_found_error\", "
	    "...}})" },
};

static const struct guide_error errors_azure[] = {
	{ 404, "DeploymentNotFound", "The deployment named in the URL does "
	    "not exist (it was removed with the retired model `{id}`).",
	    "inference, once the deployment has been deleted" },
	{ 410, "ModelDeprecated", "The model behind this deployment is "
	    "deprecated and can no longer be used.", "inference on a "
	    "deployment whose model version has been retired" },
	{ 400, "ServiceModelDeprecating", "Model `{id}` is being deprecated "
	    "and cannot be used for new deployments.", "creating or updating "
	    "a deployment (ARM, Bicep, Terraform, azd) during the deprecation "
	    "period" },
	{ 400, "ServiceModelDeprecated", "Model `{id}` has been deprecated "
	    "since its retirement date.", "creating or updating a deployment "
	    "after retirement" },
};

static const struct guide_error errors_bedrock[] = {
	{ 400, "ValidationException", "The provided model identifier is "
	    "invalid.", "an id Bedrock does not know (a typo, or a model "
	    "removed from the region)" },
	{ 404, "ResourceNotFoundException", "This model version has reached "
	    "its end of life.", "Converse or InvokeModel after the end-of-life "
	    "date; some SDKs and gateways surface it as a 400 "
	    "ValidationException or HTTP 410" },
	{ 404, "ResourceNotFoundException", "Access denied: the provider "
	    "marks this model as Legacy and the account has not used it "
	    "recently.", "during the Legacy period, for accounts that were not "
	    "already using `{id}`" },
};

static const struct guide_error errors_google[] = {
	{ 404, "NOT_FOUND", "models/{id} is not found for API version v1beta, "
	    "or is not supported for generateContent.", "generateContent and "
	    "friends after the model is removed (\"status\": \"NOT_FOUND\")" },
};

static const struct guide_error errors_vertex[] = {
	{ 404, "NOT_FOUND", "Publisher model `.../models/{id}` was not found, "
	    "or the project has no access to it.", "after the retirement date: "
	    "pin a model version that is still served" },
};

static const struct guide_error errors_groq[] = {
	{ 400, "model_decommissioned", "The model `{id}` has been "
	    "decommissioned and is no longer supported.", "after the shutdown "
	    "date (error type invalid_request_error)" },
	{ 404, "model_not_found", "The model `{id}` does not exist or you do "
	    "not have access to it.", "an id Groq never served, or removed "
	    "from the list" },
};

static const struct guide_error errors_mistral[] = {
	{ 400, "invalid_model", "Invalid model: {id}", "after the model is "
	    "retired (\"type\": \"invalid_model\")" },
};

static const struct guide_error errors_cohere[] = {
	{ 404, "model not found", "model '{id}' not found: check the model id "
	    "and that your key has access to it.", "Chat, Embed and Rerank "
	    "after the model is removed" },
};

static const struct guide_error errors_xai[] = {
	{ 404, "Some requested entity was not found", "The model {id} does "
	    "not exist or your team does not have access to it.", "after the "
	    "model is retired" },
};

static const struct guide_error errors_openrouter[] = {
	{ 400, "400", "{id} is not a valid model ID", "once the model leaves "
	    "OpenRouter's list (past its expiration_date)" },
	{ 404, "404", "No endpoints found for {id}.", "while no provider "
	    "behind OpenRouter serves the model" },
};

static const struct {
	const struct guide_error	*v;
	size_t				 n;
	const char			*note;
} error_sets[ERR_NSETS] = {
#define SET(a, note) { a, NELEM(a), note }
	[ERR_GENERIC] = SET(errors_generic, "The exact code varies by "
	    "provider; expect a 404 or 400 that names the model."),
	[ERR_OPENAI] = SET(errors_openai, "Match on the status and "
	    "error.code, not on the message text, which changes."),
	[ERR_ANTHROPIC] = SET(errors_anthropic, "The SDKs raise "
	    "NotFoundError (Python) or a 404 APIError (TypeScript)."),
	[ERR_AZURE] = SET(errors_azure, "On Azure the model lives behind "
	    "your deployment: inference fails on the deployment, and "
	    "infrastructure code fails when it creates one."),
	[ERR_BEDROCK] = SET(errors_bedrock, "boto3 raises "
	    "botocore.exceptions.ClientError with "
	    "Error.Code set to the exception name."),
	[ERR_GOOGLE] = SET(errors_google, "The body is {\"error\": {\"code\": "
	    "404, \"message\": ..., \"status\": \"NOT_FOUND\"}}."),
	[ERR_VERTEX] = SET(errors_vertex, "Vertex answers in Google's error "
	    "shape: code, message and status."),
	[ERR_GROQ] = SET(errors_groq, "Groq uses OpenAI's error shape: "
	    "error.message, error.type, error.code."),
	[ERR_MISTRAL] = SET(errors_mistral, "Mistral's body is {\"object\": "
	    "\"error\", \"message\": ..., \"type\": ..., \"code\": ...}."),
	[ERR_COHERE] = SET(errors_cohere, "The SDK raises NotFoundError "
	    "with the message in the body."),
	[ERR_XAI] = SET(errors_xai, "xAI's body is {\"code\": ..., "
	    "\"error\": ...}; OpenAI-compatible SDKs raise NotFoundError."),
	[ERR_OPENROUTER] = SET(errors_openrouter, "OpenRouter puts the "
	    "status in error.code."),
#undef SET
};

const struct guide_error *
guide_errors(const char *provider, size_t *n)
{
	enum errors_set set = errors_of(provider);

	*n = error_sets[set].n;
	return error_sets[set].v;
}

const char *
guide_errors_note(const char *provider)
{
	return error_sets[errors_of(provider)].note;
}

char *
guide_expand(const char *text, const char *id)
{
	struct html b = HTML_INIT;
	const char *p;

	while ((p = strstr(text, "{id}")) != NULL) {
		html_putn(&b, text, (size_t)(p - text));
		html_put(&b, id);
		text = p + 4;
	}
	html_put(&b, text);
	return html_take(&b);
}

/* ---- checklists --------------------------------------------------- */

static const char *const check_realtime[] = {
	"Change the model where the session starts (the `?model=` of the "
	"WebSocket URL, or the session of a client secret) and send a "
	"`session.update` the new model accepts: GA sessions carry "
	"`type: \"realtime\"` and nest audio settings.",
	"Voices and modalities: make sure the voice you use exists on the new "
	"model, and that the output modalities (audio, text) and audio "
	"formats (`pcm16`, `g711_ulaw`) you rely on are still offered.",
	"Turn detection and interruption: re-tune server VAD or semantic VAD "
	"(threshold, silence duration, prefix padding) and test barge-in: "
	"the user interrupting, `response.cancel`, truncating played audio.",
	"Tool schemas: re-test your function definitions, `tool_choice` and "
	"how tool calls and their outputs arrive as events.",
	"Event names: diff the server events you handle; names and payloads "
	"changed between the beta and GA interfaces.",
	"Reconnect and fallback: after the shutdown the connection is "
	"refused with a model error; reconnect with backoff, and keep the "
	"model id (and a fallback id) in configuration, not in code.",
	"Measure time to first audio and the cost per minute on real calls "
	"before moving all traffic.",
	NULL
};

static const char *const check_chat[] = {
	"Run your prompt regression tests (golden prompts, evals) against "
	"the new model before switching traffic.",
	"Max tokens and context: check the context window and output limit; "
	"newer OpenAI models take `max_completion_tokens` instead of "
	"`max_tokens`.",
	"Tool calling format: re-test tool definitions, parallel tool calls, "
	"`tool_choice` and structured (JSON schema) output.",
	"Temperature and reasoning parameters: reasoning models may reject "
	"`temperature` or `top_p` and take a reasoning effort instead.",
	"Streaming: check the chunk format, finish reasons and usage "
	"reporting of streamed responses.",
	"System prompt and output style: re-check formatting, length and "
	"refusals; newer models follow instructions differently.",
	"Compare the price per million tokens and your rate limits for the "
	"new id.",
	NULL
};

static const char *const check_completion[] = {
	"Most replacements of completion models are chat models: move the "
	"prompt into `messages` and call the chat (or responses) endpoint.",
	"Parameters like `suffix`, `echo`, `logprobs` and `best_of` may not "
	"exist for the replacement; remove or rework what depends on them.",
	"Run your prompt regression tests: answers change shape when a "
	"prompt becomes a conversation.",
	"Check stop sequences and `max_tokens` against the new limits.",
	NULL
};

static const char *const check_embedding[] = {
	"Re-embed the whole corpus with the new model and rebuild the index: "
	"vectors from different models are not comparable.",
	"Dimensions: check the new vector size (and the `dimensions` "
	"parameter, where the model can shorten vectors) against your index "
	"schema.",
	"Similarity thresholds: recalibrate cut-offs and top-k on a labelled "
	"sample; score distributions change with the model.",
	"Do not mix old and new vectors in one index: build the new index "
	"beside the old one and switch queries and documents together.",
	"Check the input limits (tokens per input, inputs per batch) and the "
	"cost of the re-embedding run.",
	NULL
};

static const char *const check_image[] = {
	"Size and quality parameters: check the sizes, aspect ratios and "
	"`quality`/`style` values the new model accepts.",
	"Response format: some newer models return only base64 "
	"(`b64_json`), not URLs; update what stores or serves the images.",
	"Content policy: prompts that passed may now be refused or "
	"rewritten; test your prompt set and your handling of refusals.",
	"Edits, variations and masks: check that the endpoints you use exist "
	"for the new model.",
	"Compare the cost per image at the sizes and qualities you use.",
	NULL
};

static const char *const check_audio[] = {
	"Voices: check that the voices you use exist on the new model and "
	"still sound right to your users.",
	"Formats: output formats (`mp3`, `opus`, `wav`, `pcm`) and the input "
	"formats you send for transcription.",
	"Sample rates: the PCM sample rate and channel count your pipeline "
	"expects.",
	"Streaming: streamed speech output and streaming transcription "
	"events may differ.",
	"Transcripts: response formats (`json`, `verbose_json`, `srt`, "
	"`vtt`), timestamps and language hints may not all be supported.",
	NULL
};

static const char *const check_video[] = {
	"Generation parameters: duration, resolution, aspect ratio and "
	"frame rate the new model accepts.",
	"Jobs: video is generated asynchronously; check job creation, "
	"polling and download of the result.",
	"Content policy and the cost per second of video.",
	NULL
};

static const char *const check_moderation[] = {
	"Categories: compare the category names and scores the new model "
	"returns with the ones your rules read.",
	"Thresholds: recalibrate the score thresholds on a labelled sample.",
	"Inputs: check whether images and long texts are accepted.",
	NULL
};

static const char *const check_rerank[] = {
	"Scores: relevance scores change scale with the model; recalibrate "
	"thresholds and top-n.",
	"Limits: documents per request and tokens per document.",
	"Re-run your retrieval evaluation end to end.",
	NULL
};

static const char *const check_generic[] = {
	"Keep the model id in configuration, not scattered through code, "
	"and switch it behind a flag you can roll back.",
	"Run your regression tests or evals against the replacement before "
	"moving traffic.",
	"Check the parameters and limits of the new model (context, output "
	"size, request options).",
	"Compare the price and your rate limits for the new id.",
	"Watch error rates after the switch, and handle the model-not-found "
	"error the old id will get after the shutdown.",
	NULL
};

static const struct {
	const char		*kind;
	const char		*title;
	const char *const	*items;
} checklists[] = {
	{ "realtime", "Realtime", check_realtime },
	{ "chat", "Chat", check_chat },
	{ "completion", "Completions", check_completion },
	{ "embedding", "Embeddings", check_embedding },
	{ "image", "Images", check_image },
	{ "audio", "Audio", check_audio },
	{ "video", "Video", check_video },
	{ "moderation", "Moderation", check_moderation },
	{ "rerank", "Rerank", check_rerank },
};

const char *const *
guide_checklist(const char *kind, const char **title)
{
	size_t i;

	for (i = 0; kind != NULL && i < NELEM(checklists); i++)
		if (strcmp(checklists[i].kind, kind) == 0) {
			if (title != NULL)
				*title = checklists[i].title;
			return checklists[i].items;
		}
	if (title != NULL)
		*title = "Any model";
	return check_generic;
}

/* ---- find commands ------------------------------------------------ */

static void
put_shell_word(struct html *b, const char *s)
{
	html_putc(b, '\'');
	for (; *s != '\0'; s++)
		if (*s == '\'')
			html_put(b, "'\\''");
		else
			html_putc(b, *s);
	html_putc(b, '\'');
}

char *
guide_shell_quote(const char *s)
{
	struct html b = HTML_INIT;

	put_shell_word(&b, s);
	return html_take(&b);
}

static char *
find_command(const struct record *r, const char *head)
{
	struct html b = HTML_INIT;
	size_t i;

	html_put(&b, head);
	html_put(&b, " -e ");
	put_shell_word(&b, r->id);
	for (i = 0; i < r->naliases; i++) {
		html_put(&b, " -e ");
		put_shell_word(&b, r->aliases[i]);
	}
	html_put(&b, " .");
	return html_take(&b);
}

char *
guide_grep(const struct record *r)
{
	return find_command(r, "grep -rnwF");
}

char *
guide_rg(const struct record *r)
{
	return find_command(r, "rg -nwF");
}

/* ---- quick fixes -------------------------------------------------- */

/*
 * Snippet templates.  Placeholders: {model} the id inside a "..." string
 * literal (Python, JavaScript) or inside JSON in a '...' shell word
 * (curl); {model_url} the id percent-encoded for a URL; {model_sh} the id
 * inside a '...' shell word; {base} the base URL of an OpenAI-compatible
 * API; {key} its API key variable.
 */
struct shape {
	const char	*api;
	const char	*note;
	const char	*code[GUIDE_NLANGS];
};

#define PY_OPENAI "from openai import OpenAI\n\nclient = OpenAI()\n"
#define JS_OPENAI "import OpenAI from \"openai\";\n\n" \
	"const client = new OpenAI();\n"
#define CURL_OPENAI(path) "curl https://api.openai.com/v1/" path " \\\n" \
	"  -H \"Authorization: Bearer $OPENAI_API_KEY\" \\\n" \
	"  -H \"Content-Type: application/json\" \\\n"
#define HELLO_PY "messages=[{\"role\": \"user\", \"content\": \"Hello\"}],\n"
#define HELLO_JS "messages: [{ role: \"user\", content: \"Hello\" }],\n"
#define HELLO_JSON "\"messages\": [{\"role\": \"user\", \"content\": " \
	"\"Hello\"}]"

static const struct shape shape_openai_chat = {
	"OpenAI Chat Completions",
	"The Responses API takes the same change: "
	"`client.responses.create(model=...)`.",
	{
		PY_OPENAI
		"response = client.chat.completions.create(\n"
		"    model=\"{model}\",\n"
		"    " HELLO_PY
		")\n",
		JS_OPENAI
		"const response = await client.chat.completions.create({\n"
		"  model: \"{model}\",\n"
		"  " HELLO_JS
		"});\n",
		CURL_OPENAI("chat/completions")
		"  -d '{\"model\": \"{model}\", " HELLO_JSON "}'\n",
	}
};

static const struct shape shape_openai_completion = {
	"OpenAI Completions (legacy)",
	"When the replacement is a chat model, move the prompt into "
	"`messages` and call Chat Completions or Responses instead.",
	{
		PY_OPENAI
		"response = client.completions.create(\n"
		"    model=\"{model}\",\n"
		"    prompt=\"Say hello\",\n"
		")\n",
		JS_OPENAI
		"const response = await client.completions.create({\n"
		"  model: \"{model}\",\n"
		"  prompt: \"Say hello\",\n"
		"});\n",
		CURL_OPENAI("completions")
		"  -d '{\"model\": \"{model}\", \"prompt\": \"Say hello\"}'\n",
	}
};

static const struct shape shape_openai_realtime = {
	"OpenAI Realtime",
	"Preview models were reached through the beta interface "
	"(`OpenAI-Beta: realtime=v1`); the GA models expect the GA session "
	"shape, so check the realtime items of the checklist.",
	{
		"from openai import AsyncOpenAI\n\n"
		"client = AsyncOpenAI()\n"
		"async with client.realtime.connect(\n"
		"    model=\"{model}\",\n"
		") as connection:\n"
		"    ...\n",
		"import WebSocket from \"ws\";\n\n"
		"const ws = new WebSocket(\n"
		"  \"wss://api.openai.com/v1/realtime?model={model_url}\",\n"
		"  { headers: { Authorization: "
		"`Bearer ${process.env.OPENAI_API_KEY}` } },\n"
		");\n",
		CURL_OPENAI("realtime/client_secrets")
		"  -d '{\"session\": {\"type\": \"realtime\", "
		"\"model\": \"{model}\"}}'\n",
	}
};

static const struct shape shape_openai_embedding = {
	"OpenAI Embeddings",
	"A new embedding model means re-embedding everything: see the "
	"checklist.",
	{
		PY_OPENAI
		"response = client.embeddings.create(\n"
		"    model=\"{model}\",\n"
		"    input=\"The quick brown fox\",\n"
		")\n",
		JS_OPENAI
		"const response = await client.embeddings.create({\n"
		"  model: \"{model}\",\n"
		"  input: \"The quick brown fox\",\n"
		"});\n",
		CURL_OPENAI("embeddings")
		"  -d '{\"model\": \"{model}\", "
		"\"input\": \"The quick brown fox\"}'\n",
	}
};

static const struct shape shape_openai_image = {
	"OpenAI Images",
	NULL,
	{
		PY_OPENAI
		"result = client.images.generate(\n"
		"    model=\"{model}\",\n"
		"    prompt=\"A lighthouse at dusk\",\n"
		")\n",
		JS_OPENAI
		"const result = await client.images.generate({\n"
		"  model: \"{model}\",\n"
		"  prompt: \"A lighthouse at dusk\",\n"
		"});\n",
		CURL_OPENAI("images/generations")
		"  -d '{\"model\": \"{model}\", "
		"\"prompt\": \"A lighthouse at dusk\"}'\n",
	}
};

static const struct shape shape_openai_speech = {
	"OpenAI Audio (speech)",
	NULL,
	{
		PY_OPENAI
		"speech = client.audio.speech.create(\n"
		"    model=\"{model}\",\n"
		"    voice=\"alloy\",\n"
		"    input=\"Hello\",\n"
		")\n",
		JS_OPENAI
		"const speech = await client.audio.speech.create({\n"
		"  model: \"{model}\",\n"
		"  voice: \"alloy\",\n"
		"  input: \"Hello\",\n"
		"});\n",
		CURL_OPENAI("audio/speech")
		"  -d '{\"model\": \"{model}\", \"voice\": \"alloy\", "
		"\"input\": \"Hello\"}' \\\n"
		"  --output speech.mp3\n",
	}
};

static const struct shape shape_openai_transcription = {
	"OpenAI Audio (transcriptions)",
	NULL,
	{
		PY_OPENAI
		"transcript = client.audio.transcriptions.create(\n"
		"    model=\"{model}\",\n"
		"    file=open(\"audio.mp3\", \"rb\"),\n"
		")\n",
		"import fs from \"fs\";\n" JS_OPENAI
		"const transcript = await client.audio.transcriptions.create({\n"
		"  model: \"{model}\",\n"
		"  file: fs.createReadStream(\"audio.mp3\"),\n"
		"});\n",
		"curl https://api.openai.com/v1/audio/transcriptions \\\n"
		"  -H \"Authorization: Bearer $OPENAI_API_KEY\" \\\n"
		"  --form-string 'model={model_sh}' \\\n"
		"  -F file=@audio.mp3\n",
	}
};

static const struct shape shape_openai_moderation = {
	"OpenAI Moderations",
	NULL,
	{
		PY_OPENAI
		"result = client.moderations.create(\n"
		"    model=\"{model}\",\n"
		"    input=\"Some text\",\n"
		")\n",
		JS_OPENAI
		"const result = await client.moderations.create({\n"
		"  model: \"{model}\",\n"
		"  input: \"Some text\",\n"
		"});\n",
		CURL_OPENAI("moderations")
		"  -d '{\"model\": \"{model}\", \"input\": \"Some text\"}'\n",
	}
};

static const struct shape shape_azure = {
	"Azure OpenAI",
	"On Azure, `model` names your deployment, not the model: create a "
	"deployment of the new model first (these snippets assume deployments "
	"named after their models), then point the code at it.",
	{
		"from openai import AzureOpenAI\n\n"
		"# AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY from the "
		"environment\n"
		"client = AzureOpenAI(api_version=\"2024-10-21\")\n"
		"response = client.chat.completions.create(\n"
		"    model=\"{model}\",  # the deployment name\n"
		"    " HELLO_PY
		")\n",
		"import { AzureOpenAI } from \"openai\";\n\n"
		"const client = new AzureOpenAI({ apiVersion: \"2024-10-21\" });\n"
		"const response = await client.chat.completions.create({\n"
		"  model: \"{model}\", // the deployment name\n"
		"  " HELLO_JS
		"});\n",
		"curl \"$AZURE_OPENAI_ENDPOINT/openai/deployments/{model_url}"
		"/chat/completions?api-version=2024-10-21\" \\\n"
		"  -H \"api-key: $AZURE_OPENAI_API_KEY\" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{" HELLO_JSON "}'\n",
	}
};

static const struct shape shape_anthropic = {
	"Anthropic Messages",
	NULL,
	{
		"import anthropic\n\n"
		"client = anthropic.Anthropic()\n"
		"message = client.messages.create(\n"
		"    model=\"{model}\",\n"
		"    max_tokens=1024,\n"
		"    " HELLO_PY
		")\n",
		"import Anthropic from \"@anthropic-ai/sdk\";\n\n"
		"const client = new Anthropic();\n"
		"const message = await client.messages.create({\n"
		"  model: \"{model}\",\n"
		"  max_tokens: 1024,\n"
		"  " HELLO_JS
		"});\n",
		"curl https://api.anthropic.com/v1/messages \\\n"
		"  -H \"x-api-key: $ANTHROPIC_API_KEY\" \\\n"
		"  -H \"anthropic-version: 2023-06-01\" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{\"model\": \"{model}\", \"max_tokens\": 1024, "
		HELLO_JSON "}'\n",
	}
};

static const struct shape shape_bedrock = {
	"Amazon Bedrock Converse",
	"Keep the region or inference-profile prefix you call with "
	"(`us.`, `eu.`, `global.`): the id is the same apart from it.",
	{
		"import boto3\n\n"
		"client = boto3.client(\"bedrock-runtime\")\n"
		"response = client.converse(\n"
		"    modelId=\"{model}\",\n"
		"    messages=[{\"role\": \"user\", "
		"\"content\": [{\"text\": \"Hello\"}]}],\n"
		")\n",
		"import { BedrockRuntimeClient, ConverseCommand } from "
		"\"@aws-sdk/client-bedrock-runtime\";\n\n"
		"const client = new BedrockRuntimeClient();\n"
		"const response = await client.send(new ConverseCommand({\n"
		"  modelId: \"{model}\",\n"
		"  messages: [{ role: \"user\", content: [{ text: \"Hello\" }] "
		"}],\n"
		"}));\n",
		"curl \"https://bedrock-runtime.$AWS_REGION.amazonaws.com"
		"/model/{model_url}/converse\" \\\n"
		"  --aws-sigv4 \"aws:amz:$AWS_REGION:bedrock\" \\\n"
		"  --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{\"messages\": [{\"role\": \"user\", "
		"\"content\": [{\"text\": \"Hello\"}]}]}'\n",
	}
};

static const struct shape shape_gemini = {
	"Gemini API",
	NULL,
	{
		"from google import genai\n\n"
		"client = genai.Client()\n"
		"response = client.models.generate_content(\n"
		"    model=\"{model}\",\n"
		"    contents=\"Hello\",\n"
		")\n",
		"import { GoogleGenAI } from \"@google/genai\";\n\n"
		"const ai = new GoogleGenAI({});\n"
		"const response = await ai.models.generateContent({\n"
		"  model: \"{model}\",\n"
		"  contents: \"Hello\",\n"
		"});\n",
		"curl \"https://generativelanguage.googleapis.com/v1beta/models/"
		"{model_url}:generateContent\" \\\n"
		"  -H \"x-goog-api-key: $GEMINI_API_KEY\" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{\"contents\": [{\"parts\": [{\"text\": \"Hello\"}]}]}'\n",
	}
};

static const struct shape shape_gemini_embedding = {
	"Gemini API embeddings",
	"A new embedding model means re-embedding everything: see the "
	"checklist.",
	{
		"from google import genai\n\n"
		"client = genai.Client()\n"
		"result = client.models.embed_content(\n"
		"    model=\"{model}\",\n"
		"    contents=\"The quick brown fox\",\n"
		")\n",
		"import { GoogleGenAI } from \"@google/genai\";\n\n"
		"const ai = new GoogleGenAI({});\n"
		"const result = await ai.models.embedContent({\n"
		"  model: \"{model}\",\n"
		"  contents: \"The quick brown fox\",\n"
		"});\n",
		"curl \"https://generativelanguage.googleapis.com/v1beta/models/"
		"{model_url}:embedContent\" \\\n"
		"  -H \"x-goog-api-key: $GEMINI_API_KEY\" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{\"content\": {\"parts\": [{\"text\": "
		"\"The quick brown fox\"}]}}'\n",
	}
};

static const struct shape shape_vertex = {
	"Vertex AI (Gemini)",
	"Pin the version suffix you deploy with; the location must serve "
	"the new model.",
	{
		"from google import genai\n\n"
		"client = genai.Client(vertexai=True, project=\"PROJECT\", "
		"location=\"us-central1\")\n"
		"response = client.models.generate_content(\n"
		"    model=\"{model}\",\n"
		"    contents=\"Hello\",\n"
		")\n",
		"import { GoogleGenAI } from \"@google/genai\";\n\n"
		"const ai = new GoogleGenAI({ vertexai: true, project: "
		"\"PROJECT\", location: \"us-central1\" });\n"
		"const response = await ai.models.generateContent({\n"
		"  model: \"{model}\",\n"
		"  contents: \"Hello\",\n"
		"});\n",
		"curl \"https://us-central1-aiplatform.googleapis.com/v1/projects/"
		"$PROJECT/locations/us-central1/publishers/google/models/"
		"{model_url}:generateContent\" \\\n"
		"  -H \"Authorization: Bearer $(gcloud auth print-access-token)\""
		" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{\"contents\": [{\"role\": \"user\", \"parts\": "
		"[{\"text\": \"Hello\"}]}]}'\n",
	}
};

static const struct shape shape_vertex_claude = {
	"Claude on Vertex AI",
	"Claude on Vertex writes versions with `@` "
	"(`claude-...@20250219`); the region must serve the new model.",
	{
		"from anthropic import AnthropicVertex\n\n"
		"client = AnthropicVertex(project_id=\"PROJECT\", "
		"region=\"us-east5\")\n"
		"message = client.messages.create(\n"
		"    model=\"{model}\",\n"
		"    max_tokens=1024,\n"
		"    " HELLO_PY
		")\n",
		"import { AnthropicVertex } from \"@anthropic-ai/vertex-sdk\";\n\n"
		"const client = new AnthropicVertex({ projectId: \"PROJECT\", "
		"region: \"us-east5\" });\n"
		"const message = await client.messages.create({\n"
		"  model: \"{model}\",\n"
		"  max_tokens: 1024,\n"
		"  " HELLO_JS
		"});\n",
		"curl \"https://us-east5-aiplatform.googleapis.com/v1/projects/"
		"$PROJECT/locations/us-east5/publishers/anthropic/models/"
		"{model_url}:rawPredict\" \\\n"
		"  -H \"Authorization: Bearer $(gcloud auth print-access-token)\""
		" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{\"anthropic_version\": \"vertex-2023-10-16\", "
		"\"max_tokens\": 1024, " HELLO_JSON "}'\n",
	}
};

static const struct shape shape_compatible = {
	"OpenAI-compatible chat completions",
	"Check the base URL against your provider's documentation.",
	{
		"import os\n"
		"from openai import OpenAI\n\n"
		"client = OpenAI(base_url=\"{base}\", "
		"api_key=os.environ[\"{key}\"])\n"
		"response = client.chat.completions.create(\n"
		"    model=\"{model}\",\n"
		"    " HELLO_PY
		")\n",
		"import OpenAI from \"openai\";\n\n"
		"const client = new OpenAI({ baseURL: \"{base}\", "
		"apiKey: process.env.{key} });\n"
		"const response = await client.chat.completions.create({\n"
		"  model: \"{model}\",\n"
		"  " HELLO_JS
		"});\n",
		"curl {base}/chat/completions \\\n"
		"  -H \"Authorization: Bearer ${key}\" \\\n"
		"  -H \"Content-Type: application/json\" \\\n"
		"  -d '{\"model\": \"{model}\", " HELLO_JSON "}'\n",
	}
};

/* Which shape a record's calls take: first row that fits wins.  NULL
 * matches anything; word is looked for in the id. */
static const struct {
	const char		*provider;
	const char		*kind;
	const char		*word;
	const struct shape	*shape;
} fix_routes[] = {
	{ "openai", "realtime", NULL, &shape_openai_realtime },
	{ "openai", "embedding", NULL, &shape_openai_embedding },
	{ "openai", "image", NULL, &shape_openai_image },
	{ "openai", "audio", "tts", &shape_openai_speech },
	{ "openai", "audio", NULL, &shape_openai_transcription },
	{ "openai", "completion", NULL, &shape_openai_completion },
	{ "openai", "moderation", NULL, &shape_openai_moderation },
	{ "openai", NULL, NULL, &shape_openai_chat },
	{ "azure", NULL, NULL, &shape_azure },
	{ "anthropic", NULL, NULL, &shape_anthropic },
	{ "bedrock", NULL, NULL, &shape_bedrock },
	{ "vertex", NULL, "claude", &shape_vertex_claude },
	{ "vertex", NULL, NULL, &shape_vertex },
	{ "google", "embedding", NULL, &shape_gemini_embedding },
	{ "google", NULL, NULL, &shape_gemini },
	{ NULL, NULL, NULL, &shape_compatible },
};

static const struct shape *
find_shape(const char *provider, const char *kind, const char *id)
{
	size_t i;

	for (i = 0; i < NELEM(fix_routes); i++) {
		if (fix_routes[i].provider != NULL &&
		    strcmp(fix_routes[i].provider, provider) != 0)
			continue;
		if (fix_routes[i].kind != NULL && (kind == NULL ||
		    strcmp(fix_routes[i].kind, kind) != 0))
			continue;
		if (fix_routes[i].word != NULL &&
		    strstr(id, fix_routes[i].word) == NULL)
			continue;
		return fix_routes[i].shape;
	}
	return &shape_compatible;
}

/* s inside a "..." literal of Python or JavaScript. */
static void
put_literal(struct html *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == '\\' || c == '"') {
			html_putc(b, '\\');
			html_putc(b, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
			html_put(b, "\\x");
			html_putc(b, hex[c >> 4]);
			html_putc(b, hex[c & 15]);
		} else
			html_putc(b, (char)c);
	}
}

/* s inside a JSON string inside a '...' shell word. */
static void
put_json_in_shell(struct html *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == '\\' || c == '"') {
			html_putc(b, '\\');
			html_putc(b, (char)c);
		} else if (c == '\'')
			html_put(b, "'\\''");
		else if (c < 0x20 || c == 0x7f) {
			html_put(b, "\\u00");
			html_putc(b, hex[c >> 4]);
			html_putc(b, hex[c & 15]);
		} else
			html_putc(b, (char)c);
	}
}

/* s inside a '...' shell word (the quotes are the template's). */
static void
put_in_shell(struct html *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\'')
			html_put(b, "'\\''");
		else
			html_putc(b, *s);
}

struct fix_vars {
	const char	*model;
	const char	*base;
	const char	*key;
};

static char *
expand_snippet(const char *tpl, enum guide_lang lang,
    const struct fix_vars *v)
{
	struct html b = HTML_INIT;
	const char *p;

	while ((p = strchr(tpl, '{')) != NULL) {
		html_putn(&b, tpl, (size_t)(p - tpl));
		if (strncmp(p, "{model}", 7) == 0) {
			if (lang == GUIDE_CURL)
				put_json_in_shell(&b, v->model);
			else
				put_literal(&b, v->model);
			tpl = p + 7;
		} else if (strncmp(p, "{model_url}", 11) == 0) {
			html_pct(&b, v->model);
			tpl = p + 11;
		} else if (strncmp(p, "{model_sh}", 10) == 0) {
			put_in_shell(&b, v->model);
			tpl = p + 10;
		} else if (strncmp(p, "{base}", 6) == 0) {
			html_put(&b, v->base);
			tpl = p + 6;
		} else if (strncmp(p, "{key}", 5) == 0) {
			html_put(&b, v->key);
			tpl = p + 5;
		} else {
			html_putc(&b, '{');
			tpl = p + 1;
		}
	}
	html_put(&b, tpl);
	return html_take(&b);
}

const char *
guide_lang_name(enum guide_lang lang)
{
	static const char *names[GUIDE_NLANGS] = {
		[GUIDE_PYTHON] = "Python",
		[GUIDE_JAVASCRIPT] = "JavaScript",
		[GUIDE_CURL] = "curl",
	};

	return lang < GUIDE_NLANGS ? names[lang] : "";
}

void
guide_quick_fix(const struct record *r, const char *kind, const char *to_id,
    struct guide_fix *fix)
{
	const struct shape *shape = find_shape(r->provider, kind, r->id);
	const struct provider *p = provider_find(r->provider);
	struct fix_vars v;
	char key[48];
	size_t i, n = 0;
	int lang;

	/* PROVIDER_API_KEY from the slug, in letters a shell takes; a
	 * variable name starts with a letter. */
	if (!is_alnum((unsigned char)r->provider[0]) ||
	    (r->provider[0] >= '0' && r->provider[0] <= '9'))
		key[n++] = 'X';
	for (i = 0; r->provider[i] != '\0' &&
	    n < sizeof(key) - sizeof("_API_KEY"); i++)
		key[n++] = !is_alnum((unsigned char)r->provider[i]) ? '_' :
		    r->provider[i] >= 'a' && r->provider[i] <= 'z' ?
		    (char)(r->provider[i] - 'a' + 'A') : r->provider[i];
	memcpy(key + n, "_API_KEY", sizeof("_API_KEY"));

	v.base = p != NULL && p->base != NULL ? p->base :
	    "https://API.EXAMPLE/v1";
	v.key = key;
	fix->api = shape->api;
	fix->note = shape->note;
	for (lang = 0; lang < GUIDE_NLANGS; lang++) {
		v.model = r->id;
		fix->before[lang] = expand_snippet(shape->code[lang], lang, &v);
		v.model = to_id;
		fix->after[lang] = to_id != NULL ?
		    expand_snippet(shape->code[lang], lang, &v) : NULL;
	}
}

void
guide_fix_clear(struct guide_fix *fix)
{
	int lang;

	for (lang = 0; lang < GUIDE_NLANGS; lang++) {
		free(fix->before[lang]);
		free(fix->after[lang]);
		fix->before[lang] = fix->after[lang] = NULL;
	}
}
