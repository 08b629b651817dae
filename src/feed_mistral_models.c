/*
 * feed_mistral_models.c - Mistral's model list, GET /v1/models.
 *
 * The document is {"object": "list", "data": [{"id": "mistral-large-2411",
 * "aliases": ["mistral-large-latest"], "deprecation":
 * "2026-03-30T12:00:00Z" or null, "deprecation_replacement_model":
 * "mistral-large-2512" or null, "type": "base", ...}, {"id":
 * "ft:open-mistral-7b:...", "type": "fine-tuned", "archived": false,
 * ...}]}.  A base model is a record of provider "mistral".  Its
 * deprecation is the day it becomes deprecated, not its shutdown
 * (Mistral states the retirement apart): it is the record's announced_on,
 * and a stated deprecation makes the status deprecated, never a shutdown
 * date.  Without one, the list says nothing of its lifecycle.  A
 * fine-tuned model belongs to the account alone; an archived one the
 * account cannot call now, so it is neither a record nor an account id.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "util.h"

/* Adds the aliases list of m to r.  Returns 0, or -1 when it is not a list
 * of strings. */
static int
add_aliases(const cJSON *m, struct record *r)
{
	const cJSON *list, *a;
	char *alias;

	list = cJSON_GetObjectItemCaseSensitive(m, "aliases");
	if (list == NULL || cJSON_IsNull(list))
		return 0;
	if (!cJSON_IsArray(list))
		return -1;
	cJSON_ArrayForEach(a, list) {
		if (!cJSON_IsString(a) || a->valuestring == NULL)
			return -1;
		if ((alias = feed_strip(a->valuestring)) != NULL) {
			feed_add_alias(r, alias);
			free(alias);
		}
	}
	return 0;
}

/* Reads base model m into r.  Returns 0, or -1 with *why set. */
static int
parse_base(const cJSON *m, struct record *r, char **why)
{
	const char *s;
	char *replacement;

	if (feed_api_date(m, "deprecation", &r->announced_on, NULL) < 0) {
		set_cause(why, "%s: bad deprecation", r->id);
		return -1;
	}
	if (feed_json_string(m, "deprecation_replacement_model", &s) < 0 ||
	    add_aliases(m, r) < 0) {
		set_cause(why, "%s: bad aliases or replacement", r->id);
		return -1;
	}
	if (r->announced_on != DATE_NONE)
		r->status = STATUS_DEPRECATED;
	if ((replacement = feed_strip(s)) != NULL &&
	    strcmp(replacement, r->id) != 0)
		record_add_replacement(r, "mistral", replacement, NULL);
	free(replacement);
	return 0;
}

static int
model_entry(const cJSON *m, const struct feed_options *options,
    struct feed_account *account, struct recordset *out, char **why)
{
	const char *type;
	int archived, rc = 0;
	char *id;

	(void)options;
	if ((id = feed_api_id(m, "id", why)) == NULL)
		return -1;
	if (feed_json_string(m, "type", &type) < 0 ||
	    feed_json_bool(m, "archived", 0, &archived) < 0) {
		set_cause(why, "%s: bad type or archived", id);
		free(id);
		return -1;
	}
	if (archived) {
		free(id);
		return 0;
	}
	/* A fine-tuned model is the account's alone. */
	if (strncmp(id, "ft:", 3) != 0 &&
	    (type == NULL || strcmp(type, "fine-tuned") != 0))
		rc = parse_base(m, feed_api_record(out, "mistral", id), why);
	if (rc == 0)
		feed_account_add(account, id);
	free(id);
	return rc;
}

int
feed_mistral_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	return feed_api_list(buf, len, "data", model_entry, options, NULL, out,
	    cause);
}
