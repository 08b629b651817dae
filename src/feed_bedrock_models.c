/*
 * feed_bedrock_models.c - Amazon Bedrock's foundation models of one
 * region, ListFoundationModels (GET /foundation-models).
 *
 * The document is {"modelSummaries": [{"modelId":
 * "anthropic.claude-v2:1", "providerName": "Anthropic", ...,
 * "modelLifecycle": {"status": "LEGACY", "startOfLifeTime": ...,
 * "legacyTime": ..., "publicExtendedAccessTime": ..., "endOfLifeTime":
 * ...}}]}, the times Unix seconds or ISO 8601 text.  Every modelId is a
 * record of provider "bedrock", scoped to the region asked, and an id the
 * account may call.  The status is Bedrock's own word: ACTIVE says active,
 * LEGACY legacy, and a word this code does not know says nothing.  The
 * legacyTime is the day the model became (or becomes) legacy, its
 * announced_on; the endOfLifeTime is its firm shutdown.  The
 * publicExtendedAccessTime, from which a legacy model costs more and
 * serves only the accounts that used it, has no field in a record and is
 * left out.
 */
#include "config.h"

#include <stdlib.h>
#include <strings.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "util.h"

/* Reads the modelLifecycle of m into r.  Returns 0, or -1 with *why set. */
static int
parse_lifecycle(const cJSON *m, struct record *r, char **why)
{
	const cJSON *life;
	const char *status;

	life = cJSON_GetObjectItemCaseSensitive(m, "modelLifecycle");
	if (life == NULL || cJSON_IsNull(life))
		return 0;
	if (!cJSON_IsObject(life) ||
	    feed_json_string(life, "status", &status) < 0) {
		set_cause(why, "%s: bad modelLifecycle", r->id);
		return -1;
	}
	/* A model without its dates would pass for one that has none. */
	if (feed_api_date(life, "legacyTime", &r->announced_on, NULL) < 0 ||
	    feed_api_date(life, "endOfLifeTime", &r->shutdown_on,
	    &r->shutdown_kind) < 0) {
		set_cause(why, "%s: bad legacyTime or endOfLifeTime", r->id);
		return -1;
	}
	if (status == NULL)
		return 0;
	if (strcasecmp(status, "ACTIVE") == 0)
		r->status = STATUS_ACTIVE;
	else if (strcasecmp(status, "LEGACY") == 0)
		r->status = STATUS_LEGACY;
	return 0;
}

static int
model_entry(const cJSON *m, const struct feed_options *options,
    struct feed_account *account, struct recordset *out, char **why)
{
	struct record *r;
	char *id;
	int rc;

	if ((id = feed_api_id(m, "modelId", why)) == NULL)
		return -1;
	r = feed_api_record(out, "bedrock", id);
	if (options != NULL && options->region != NULL)
		r->scope = xstrdup(options->region);
	if ((rc = parse_lifecycle(m, r, why)) == 0)
		feed_account_add(account, id);
	free(id);
	return rc;
}

/* The graver a status, the higher its rank: retired, deprecated, legacy,
 * active, then none. */
static int
gravity(enum status status)
{
	switch (status) {
	case STATUS_RETIRED:
		return 4;
	case STATUS_DEPRECATED:
		return 3;
	case STATUS_LEGACY:
		return 2;
	case STATUS_ACTIVE:
		return 1;
	case STATUS_NONE:
		break;
	}
	return 0;
}

/*
 * The pessimistic answer on purpose: a model folded from several regions
 * is as far gone as its worst region says (the earliest firm shutdown,
 * then the gravest status), since a wrong "fine" costs more than an early
 * warning.
 */
int
feed_bedrock_models_better(const struct record *a, const struct record *b)
{
	int fa = a->shutdown_kind == SHUTDOWN_FIRM &&
	    a->shutdown_on != DATE_NONE;
	int fb = b->shutdown_kind == SHUTDOWN_FIRM &&
	    b->shutdown_on != DATE_NONE;

	if (fa != fb)
		return fa ? 1 : -1;
	if (fa && a->shutdown_on != b->shutdown_on)
		return a->shutdown_on < b->shutdown_on ? 1 : -1;
	return gravity(a->status) - gravity(b->status);
}

int
feed_bedrock_models_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	return feed_api_list(buf, len, "modelSummaries", model_entry, options,
	    feed_bedrock_models_better, out, cause);
}
