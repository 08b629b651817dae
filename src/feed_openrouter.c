/*
 * feed_openrouter.c - OpenRouter's model list, GET /api/v1/models.
 *
 * The document is {"data": [{"id": "openai/gpt-4o-2024-05-13",
 * "expiration_date": "2030-01-15" or null, ...}]}.  Every record is
 * provider "openrouter" with OpenRouter's own id, vendor part included.
 * An expiration date is the day the model stops answering there; a model
 * listed without one is known and active.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "util.h"

/* Reads one model into r.  Returns 0, or -1 with *why set when the entry
 * is malformed. */
static int
parse_model(const cJSON *m, struct record *r, char **why)
{
	const char *id, *date;
	enum shutdown_kind kind;

	if (!cJSON_IsObject(m)) {
		set_cause(why, "not an object");
		return -1;
	}
	if (feed_json_string(m, "id", &id) < 0 ||
	    feed_json_string(m, "expiration_date", &date) < 0 ||
	    (r->id = feed_strip(id)) == NULL) {
		set_cause(why, "no id, or a field that must be a string is not");
		return -1;
	}
	/* An unreadable date makes the entry unusable: without it, the
	 * model would pass for active. */
	if (feed_date(date, &r->shutdown_on, &kind) < 0) {
		set_cause(why, "%s: bad expiration_date", r->id);
		return -1;
	}
	r->provider = xstrdup("openrouter");
	r->shutdown_kind = kind;
	r->status = r->shutdown_on == DATE_NONE ? STATUS_ACTIVE : STATUS_NONE;
	return 0;
}

static int
model_entry(const cJSON *m, struct recordset *out, char **why)
{
	return parse_model(m, recordset_add(out), why);
}

int
feed_openrouter_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	const cJSON *data;
	cJSON *doc;
	int rc = -1;

	(void)options;
	if ((doc = feed_json_parse(buf, len, cause)) == NULL)
		return -1;
	data = cJSON_IsObject(doc) ?
	    cJSON_GetObjectItemCaseSensitive(doc, "data") : NULL;
	if (!cJSON_IsArray(data))
		set_cause(cause, "expected an object with a \"data\" list");
	else
		rc = feed_parse_entries(data, NULL, model_entry, "models", NULL,
		    out, cause);
	cJSON_Delete(doc);
	return rc;
}
