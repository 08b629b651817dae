/*
 * feed_anthropic_models.c - Anthropic's model list, GET /v1/models.
 *
 * The document is one page: {"data": [{"type": "model", "id":
 * "claude-sonnet-4-20250514", "display_name": "Claude Sonnet 4",
 * "created_at": "2025-05-22T00:00:00Z"}], "has_more": true, "first_id":
 * "...", "last_id": "claude-3-5-haiku-20241022"}.  It states no lifecycle
 * at all, so it gives no records: only the ids the account may call, and
 * the cursor of the next page (last_id) while has_more is true.
 */
#include "config.h"

#include <stdlib.h>

#include "feed.h"
#include "feed_util.h"
#include "util.h"

static int
model_entry(const cJSON *m, const struct feed_options *options,
    struct feed_account *account, struct recordset *out, char **why)
{
	char *id;

	(void)options;
	(void)out;
	if ((id = feed_api_id(m, "id", why)) == NULL)
		return -1;
	feed_account_add(account, id);
	free(id);
	return 0;
}

int
feed_anthropic_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	const cJSON *more;
	const char *last = NULL;
	cJSON *doc;
	int rc = -1;

	if ((doc = feed_api_parse(buf, len, options, cause)) == NULL)
		return -1;
	more = cJSON_IsObject(doc) ?
	    cJSON_GetObjectItemCaseSensitive(doc, "has_more") : NULL;
	/* A next page without a cursor would be asked for again and again;
	 * a has_more that is no boolean could end the list unread. */
	if (more != NULL && !cJSON_IsNull(more) && !cJSON_IsBool(more))
		set_cause(cause, "has_more is not a boolean");
	else if (cJSON_IsTrue(more) &&
	    (feed_json_string(doc, "last_id", &last) < 0 || last == NULL))
		set_cause(cause, "has_more without a last_id");
	else
		rc = feed_api_entries(doc, "data", model_entry, options, NULL,
		    out, cause);
	if (rc == 0 && last != NULL && options != NULL &&
	    options->next != NULL)
		*options->next = xstrdup(last);
	cJSON_Delete(doc);
	return rc;
}
