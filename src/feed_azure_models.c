/*
 * feed_azure_models.c - the models of an Azure OpenAI resource, GET
 * {endpoint}/openai/models?api-version=2024-10-21.
 *
 * The document is {"object": "list", "data": [{"id": "gpt-35-turbo-0613",
 * "lifecycle_status": "generally-available", "capabilities":
 * {"fine_tune": true, "inference": true, ...}, "deprecation":
 * {"fine_tune": 1704067200, "inference": 1719878400}, ...}, {"id":
 * "gpt-35-turbo-0613.ft-0123abcd", "model": "gpt-35-turbo-0613", ...}]}.
 * Every listed id is one the account may call.  A base model is a record
 * of provider "azure": deprecation.inference (Unix seconds) is the day it
 * stops answering, a firm shutdown; a model that only fine-tunes takes
 * deprecation.fine_tune instead, scoped "fine_tune".  A fine-tuned model
 * (one with a base "model") belongs to the account alone.
 *
 * lifecycle_status: the data-plane reference (azure-rest-api-specs,
 * specification/cognitiveservices/data-plane/AzureOpenAI/authoring/
 * stable/2024-10-21/azureopenai.json, definition LifeCycleStatus)
 * documents only "preview" and "generally-available", as an extensible
 * string.  Neither speaks of retirement: they state no status, the date
 * does.  The management plane's ModelLifecycleStatus (Microsoft Learn,
 * @azure/arm-cognitiveservices KnownModelLifecycleStatus) adds Stable (the
 * old name of GenerallyAvailable), Deprecating ("being deprecated and will
 * be removed"; only existing deployments may deploy it), Deprecated ("also
 * known as retired ... inference calls ... return 410") and Legacy ("no
 * longer recommended ... migrate").  Should the data plane say those,
 * they mean deprecated, retired and legacy; any other word says nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <strings.h>

#include "feed.h"
#include "feed_util.h"
#include "util.h"

static const struct {
	const char	*word;
	enum status	 status;
} lifecycles[] = {
	{ "deprecating", STATUS_DEPRECATED },
	{ "deprecated", STATUS_RETIRED },
	{ "legacy", STATUS_LEGACY }
};

static enum status
lifecycle_status(const char *word)
{
	size_t i;

	if (word != NULL)
		for (i = 0; i < sizeof(lifecycles) / sizeof(lifecycles[0]); i++)
			if (strcasecmp(word, lifecycles[i].word) == 0)
				return lifecycles[i].status;
	return STATUS_NONE;
}

/* Reads base model m into r.  Returns 0, or -1 with *why set. */
static int
parse_base(const cJSON *m, struct record *r, char **why)
{
	const cJSON *caps, *dep;
	const char *lifecycle;
	int inference = 1;

	caps = cJSON_GetObjectItemCaseSensitive(m, "capabilities");
	dep = cJSON_GetObjectItemCaseSensitive(m, "deprecation");
	if ((caps != NULL && !cJSON_IsNull(caps) && (!cJSON_IsObject(caps) ||
	    feed_json_bool(caps, "inference", 1, &inference) < 0)) ||
	    (dep != NULL && !cJSON_IsNull(dep) && !cJSON_IsObject(dep)) ||
	    feed_json_string(m, "lifecycle_status", &lifecycle) < 0) {
		set_cause(why, "%s: bad capabilities, deprecation or "
		    "lifecycle_status", r->id);
		return -1;
	}
	r->status = lifecycle_status(lifecycle);
	if (!inference)
		r->scope = xstrdup("fine_tune");
	if (!cJSON_IsObject(dep))
		return 0;
	/* Without its date, a model due to stop would pass for fine. */
	if (feed_api_date(dep, inference ? "inference" : "fine_tune",
	    &r->shutdown_on, &r->shutdown_kind) < 0) {
		set_cause(why, "%s: bad deprecation date", r->id);
		return -1;
	}
	return 0;
}

static int
model_entry(const cJSON *m, const struct feed_options *options,
    struct feed_account *account, struct recordset *out, char **why)
{
	const char *base;
	char *id;
	int rc = 0;

	(void)options;
	if ((id = feed_api_id(m, "id", why)) == NULL)
		return -1;
	if (feed_json_string(m, "model", &base) < 0) {
		set_cause(why, "%s: model is not a string", id);
		free(id);
		return -1;
	}
	/* A fine-tuned model is the account's alone. */
	if (base == NULL)
		rc = parse_base(m, feed_api_record(out, "azure", id), why);
	if (rc == 0)
		feed_account_add(account, id);
	free(id);
	return rc;
}

int
feed_azure_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	return feed_api_list(buf, len, "data", model_entry, options, NULL, out,
	    cause);
}
