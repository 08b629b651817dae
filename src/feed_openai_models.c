/*
 * feed_openai_models.c - OpenAI's model list, GET /v1/models.
 *
 * The document is {"object": "list", "data": [{"id": "gpt-4-0613",
 * "object": "model", "created": 1686588896, "owned_by": "openai",
 * "shutdown_date": "2026-10-23"}]}.  Every listed id is one the account
 * may call.  A model OpenAI owns ("openai", "system", "openai-internal")
 * is a record of provider "openai": its shutdown_date is a firm shutdown,
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

/* 1 when a model with this id and owner is OpenAI's own, not a model an
 * organisation trained. */
static int
first_party(const char *id, const char *owned_by)
{
	static const char *const owners[] = {
		"openai", "system", "openai-internal"
	};
	size_t i;

	if (strncmp(id, "ft:", 3) == 0 || owned_by == NULL)
		return 0;
	for (i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
		if (strcmp(owned_by, owners[i]) == 0)
			return 1;
	return 0;
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
