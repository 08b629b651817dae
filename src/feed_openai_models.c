/*
 * feed_openai_models.c - OpenAI's model list, GET /v1/models.
 *
 * The document is {"object": "list", "data": [{"id": "gpt-4-0613",
 * "object": "model", "created": 1686588896, "owned_by": "openai",
 * "shutdown_date": "2026-10-23"}]}.  Every listed id is one the account
 * may call.  A model OpenAI owns ("openai", "system", ...) is a record of
 * provider "openai": its shutdown_date is a firm shutdown,
 * and it states no status (the status rules derive deprecated and retired
 * from the date); without one the list says nothing of its lifecycle.
 * A fine-tuned model ("ft:..." or owned by an organisation) belongs to the
 * account alone: it is no model of the catalog.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "feed_util.h"
#include "util.h"

/*
 * 1 when a model with this id and owner is OpenAI's own, not one an
 * organisation trained: fine-tuned ids start "ft:" and are owned by
 * "org-..." or "user-...".  Any other owner, or none, is OpenAI's: a
 * shutdown date is never dropped for an owner this list does not know.
 */
static int
first_party(const char *id, const char *owned_by)
{
	if (strncmp(id, "ft:", 3) == 0)
		return 0;
	return owned_by == NULL || (strncmp(owned_by, "org-", 4) != 0 &&
	    strncmp(owned_by, "user-", 5) != 0);
}

static int
model_entry(const cJSON *m, const struct feed_options *options,
    struct feed_account *account, struct recordset *out, char **why)
{
	const char *owned_by;
	struct record *r;
	enum shutdown_kind kind;
	int32_t shutdown;
	char *id;

	(void)options;
	if ((id = feed_api_id(m, "id", why)) == NULL)
		return -1;
	/* Without its date, a model due to shut down would pass for fine. */
	if (feed_json_string(m, "owned_by", &owned_by) < 0 ||
	    feed_api_date(m, "shutdown_date", &shutdown, &kind) < 0) {
		set_cause(why, "%s: bad owned_by or shutdown_date", id);
		free(id);
		return -1;
	}
	feed_account_add(account, id);
	if (first_party(id, owned_by)) {
		r = feed_api_record(out, "openai", id);
		r->shutdown_on = shutdown;
		r->shutdown_kind = kind;
	}
	free(id);
	return 0;
}

int
feed_openai_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	return feed_api_list(buf, len, "data", model_entry, options, NULL, out,
	    cause);
}
