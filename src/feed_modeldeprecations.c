/*
 * feed_modeldeprecations.c - modeldeprecations.dev /api/v1/models.json.
 *
 * The document is {"models": [...]}, one object per model as served by
 * one provider: provider, model (the id), aliases, status, deprecated_on
 * (announced), shutdown_on (firm), earliest_shutdown_on ("not sooner
 * than", used when no firm date is known), replacements and sources.
 * The feed's notes and descriptions are prose written by its authors:
 * only facts are taken, so every replacement note stays NULL.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "provider.h"
#include "util.h"

/* The feed's statuses that are ours; anything else states nothing. */
static enum status
map_status(const char *s)
{
	enum status status;

	if (s == NULL || status_parse(s, &status) < 0)
		return STATUS_NONE;
	return status;
}

/* Adds the replacements of list whose "recommended" is want. */
static int
add_replacements(struct record *r, const cJSON *list, int want, char **why)
{
	const cJSON *item, *rec;
	const char *provider, *model;
	char *slug, *id;

	cJSON_ArrayForEach(item, list) {
		if (!cJSON_IsObject(item) ||
		    feed_json_string(item, "provider", &provider) < 0 ||
		    feed_json_string(item, "model", &model) < 0 ||
		    (id = feed_strip(model)) == NULL) {
			set_cause(why, "a replacement has no model");
			return -1;
		}
		rec = cJSON_GetObjectItemCaseSensitive(item, "recommended");
		if (cJSON_IsTrue(rec) == want) {
			slug = provider_slug(provider);
			record_add_replacement(r, slug != NULL ? slug :
			    r->provider, id, NULL);
			free(slug);
		}
		free(id);
	}
	return 0;
}

/* Reads one model into r.  Returns 0, or -1 with *why set when the entry
 * is malformed. */
static int
parse_model(const cJSON *m, struct record *r, char **why)
{
	const cJSON *list, *item;
	const char *provider, *model, *status, *deprecated, *shutdown,
	    *earliest, *url;
	enum shutdown_kind kind;
	int32_t date;
	char *alias;

	if (!cJSON_IsObject(m)) {
		set_cause(why, "not an object");
		return -1;
	}
	if (feed_json_string(m, "provider", &provider) < 0 ||
	    feed_json_string(m, "model", &model) < 0 ||
	    feed_json_string(m, "status", &status) < 0 ||
	    feed_json_string(m, "deprecated_on", &deprecated) < 0 ||
	    feed_json_string(m, "shutdown_on", &shutdown) < 0 ||
	    feed_json_string(m, "earliest_shutdown_on", &earliest) < 0) {
		set_cause(why, "a field that must be a string is not");
		return -1;
	}
	if ((r->provider = provider_slug(provider)) == NULL ||
	    (r->id = feed_strip(model)) == NULL) {
		set_cause(why, "no provider or model");
		return -1;
	}
	r->status = map_status(status);
	/* A date the parser cannot read is left unknown; the status the
	 * feed states still holds. */
	if (feed_date(deprecated, &date, NULL) == 0)
		r->announced_on = date;
	if (feed_date(shutdown, &date, &kind) == 0 && date != DATE_NONE) {
		r->shutdown_on = date;
		r->shutdown_kind = kind;
	} else if (feed_date(earliest, &date, NULL) == 0 && date != DATE_NONE) {
		r->shutdown_on = date;
		r->shutdown_kind = SHUTDOWN_EARLIEST;
	}

	list = cJSON_GetObjectItemCaseSensitive(m, "aliases");
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			set_cause(why, "%s: aliases is not a list", r->id);
			return -1;
		}
		cJSON_ArrayForEach(item, list) {
			if (!cJSON_IsString(item)) {
				set_cause(why, "%s: an alias is not a string",
				    r->id);
				return -1;
			}
			alias = feed_strip(item->valuestring);
			feed_add_alias(r, alias);
			free(alias);
		}
	}

	/* Recommended first, each group in the feed's order. */
	list = cJSON_GetObjectItemCaseSensitive(m, "replacements");
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			set_cause(why, "%s: replacements is not a list", r->id);
			return -1;
		}
		if (add_replacements(r, list, 1, why) < 0 ||
		    add_replacements(r, list, 0, why) < 0)
			return -1;
	}

	list = cJSON_GetObjectItemCaseSensitive(m, "sources");
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			set_cause(why, "%s: sources is not a list", r->id);
			return -1;
		}
		cJSON_ArrayForEach(item, list) {
			if (!cJSON_IsObject(item) ||
			    feed_json_string(item, "url", &url) < 0) {
				set_cause(why, "%s: a source has no url",
				    r->id);
				return -1;
			}
			if (url != NULL)
				record_add_source(r, NULL, url, NULL, NULL);
		}
	}
	return 0;
}

static int
model_entry(const cJSON *m, struct recordset *out, char **why)
{
	return parse_model(m, recordset_add(out), why);
}

int
feed_modeldeprecations_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	const cJSON *models;
	cJSON *doc;
	int rc = -1;

	(void)options;
	if ((doc = feed_json_parse(buf, len, cause)) == NULL)
		return -1;
	models = cJSON_IsObject(doc) ?
	    cJSON_GetObjectItemCaseSensitive(doc, "models") : NULL;
	if (!cJSON_IsArray(models))
		set_cause(cause, "expected an object with a \"models\" list");
	else
		rc = feed_parse_entries(models, NULL, model_entry, "models",
		    NULL, out, cause);
	cJSON_Delete(doc);
	return rc;
}
