/*
 * api_models.c - the answers about models: one id, a batch, the list for
 * dashboards and the counts by provider.  All read the request's snapshot
 * only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "api_int.h"
#include "date.h"

void
api_route_model(struct MHD_Connection *c, struct request *req, const char *id,
    struct reply *out)
{
	struct jsonw w;
	const struct record *r;
	const char *provider = api_arg(c, "provider");
	struct answer ans;
	int32_t as_of;

	if (api_arg_at(c, out, &as_of) < 0)
		return;
	if (api_check_model_id(id, out) < 0)
		return;
	answer_resolve(&ans, req->snap, id, provider, as_of);
	if ((r = ans.record) == NULL) {
		api_error(out, MHD_HTTP_NOT_FOUND, "unknown_model",
		    "the catalog does not know this model id");
		cJSON_AddStringToObject(out->body, "query", id);
		cJSON_AddBoolToObject(out->body, "found", 0);
		return;
	}
	api_count_use(req, r);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	answer_write(&w, &ans, 1);
	out->text = jsonw_take(&w);
	if (r->shutdown_on != DATE_NONE && r->shutdown_kind == SHUTDOWN_FIRM)
		date_format_http(r->shutdown_on, out->sunset);
	if (r->announced_on != DATE_NONE &&
	    status_is_deprecated(ans.state.status)) {
		snprintf(out->deprecation, sizeof(out->deprecation), "@%lld",
		    (long long)date_epoch(r->announced_on));
		if (r->nsources > 0)
			out->link = r->sources[0].url;
	}
}

/* A status filter from a comma list; bit (1 << status) per status. */
static int
parse_status_list(const char *s, unsigned *mask)
{
	char *copy = xstrdup(s), *p = copy, *tok;
	enum status st;
	int rc = 0;

	*mask = 0;
	while ((tok = strsep(&p, ",")) != NULL) {
		if (status_parse(tok, &st) < 0) {
			rc = -1;
			break;
		}
		*mask |= 1u << st;
	}
	free(copy);
	return rc;
}

/* Where a row goes in a date sort: a date to count down to, then an
 * earliest date that has come (no countdown: "any day"), then no date. */
enum list_rank {
	RANK_DATED = 0,
	RANK_OVERDUE,
	RANK_UNDATED
};

struct list_item {
	const struct record	*r;
	enum list_rank		 rank;
	int			 past;	/* a dated row whose day has come */
};

/* Compares ranks, then shutdown dates (or days left: the same order). */
static int
cmp_date(const struct list_item *x, const struct list_item *y)
{
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->r->shutdown_on == y->r->shutdown_on)
		return 0;
	return x->r->shutdown_on < y->r->shutdown_on ? -1 : 1;
}

static int
cmp_ids(const struct record *x, const struct record *y)
{
	int c = strcmp(x->provider, y->provider);

	return c != 0 ? c : strcmp(x->id, y->id);
}

static int
by_shutdown(const void *a, const void *b)
{
	const struct list_item *x = a, *y = b;
	int c = cmp_date(x, y);

	return c != 0 ? c : cmp_ids(x->r, y->r);
}

static int
by_provider(const void *a, const void *b)
{
	const struct list_item *x = a, *y = b;

	return cmp_ids(x->r, y->r);
}

static int
by_id(const void *a, const void *b)
{
	const struct list_item *x = a, *y = b;
	int c = strcmp(x->r->id, y->r->id);

	return c != 0 ? c : strcmp(x->r->provider, y->r->provider);
}

/* The groups of the default order, in order. */
static int
attention(const struct list_item *it)
{
	switch (it->rank) {
	case RANK_DATED:
		return it->past ? 2 : 0;
	case RANK_OVERDUE:
		return 1;
	default:
		return 3;
	}
}

/*
 * The default order, what needs attention first: shutdowns to come,
 * soonest first; then the overdue ones ("any day"); then the retired,
 * the latest first; then the rows without a date.
 */
static int
by_attention(const void *a, const void *b)
{
	const struct list_item *x = a, *y = b;
	int gx = attention(x), gy = attention(y), c;

	if (gx != gy)
		return gx < gy ? -1 : 1;
	if ((c = cmp_date(x, y)) != 0)
		return x->past ? -c : c;
	return cmp_ids(x->r, y->r);
}

static const struct {
	const char	*name;
	int		(*cmp)(const void *, const void *);
} sorts[] = {
	{ "shutdown_on", by_shutdown },
	{ "days_left", by_shutdown },
	{ "provider", by_provider },
	{ "id", by_id },
};

void
api_route_deprecations(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	const char *provider = api_arg(c, "provider");
	const char *status = api_arg(c, "status"), *q = api_arg(c, "q");
	const char *sort = api_arg(c, "sort"), *order = api_arg(c, "order");
	int (*cmp)(const void *, const void *) = by_attention;
	struct list_item *items, tmp;
	unsigned mask = (1u << STATUS_DEPRECATED) | (1u << STATUS_RETIRED);
	long within = -1, limit = LIST_LIMIT_DEFAULT, offset = 0;
	size_t i, n = 0, m, total;
	int32_t as_of;
	int desc = 0;
	struct jsonw w;
	struct answer ans;

	if (api_arg_at(c, out, &as_of) < 0 ||
	    api_arg_uint(c, "within_days", 100000, &within, out) < 0 ||
	    api_arg_uint(c, "limit", LIST_LIMIT_MAX, &limit, out) < 0 ||
	    api_arg_uint(c, "offset", 10000000, &offset, out) < 0)
		return;
	if (status != NULL && parse_status_list(status, &mask) < 0) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
		    "status is a comma list of active, legacy, deprecated, "
		    "retired");
		return;
	}
	if (sort == NULL && order != NULL)
		cmp = by_shutdown;
	if (sort != NULL) {
		for (i = 0; i < NELEM(sorts) && strcmp(sort, sorts[i].name);
		    i++)
			;
		if (i == NELEM(sorts)) {
			api_error(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
			    "sort is shutdown_on, days_left, provider or id");
			return;
		}
		cmp = sorts[i].cmp;
	}
	if (order != NULL && strcmp(order, "asc") != 0 &&
	    !(desc = strcmp(order, "desc") == 0)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
		    "order is asc or desc");
		return;
	}
	total = snapshot_count(req->snap);
	items = xcalloc(total, sizeof(*items));
	for (i = 0; i < total; i++) {
		const struct record *r = snapshot_record(req->snap, i);

		if (!(mask & (1u << record_status(r, as_of))))
			continue;
		if (provider != NULL && strcmp(provider, r->provider) != 0)
			continue;
		if (q != NULL && *q != '\0' && !record_mentions(r, q))
			continue;
		/* Only firm dates are due within a number of days. */
		if (within >= 0 && !record_due_within(r, as_of, within))
			continue;
		items[n].r = r;
		items[n].rank = r->shutdown_on == DATE_NONE ? RANK_UNDATED :
		    record_overdue(r, as_of) ? RANK_OVERDUE : RANK_DATED;
		items[n].past = items[n].rank == RANK_DATED &&
		    r->shutdown_on <= as_of;
		n++;
	}
	qsort(items, n, sizeof(*items), cmp);
	/* desc reverses the order; a date sort keeps the rows without a
	 * countdown (overdue, then undated) last either way. */
	for (m = n; cmp == by_shutdown && m > 0 &&
	    items[m - 1].rank != RANK_DATED; m--)
		;
	for (i = 0; desc && i < m / 2; i++) {
		tmp = items[i];
		items[i] = items[m - 1 - i];
		items[m - 1 - i] = tmp;
	}
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "schema_version");
	jsonw_str(&w, "1");
	jsonw_key(&w, "as_of");
	jsonw_date(&w, as_of);
	jsonw_key(&w, "total");
	jsonw_int(&w, (long long)n);
	jsonw_key(&w, "limit");
	jsonw_int(&w, limit);
	jsonw_key(&w, "offset");
	jsonw_int(&w, offset);
	jsonw_key(&w, "items");
	jsonw_arr_open(&w);
	for (i = (size_t)offset; i < n && i < (size_t)(offset + limit); i++) {
		answer_resolve_record(&ans, req->snap, items[i].r, as_of);
		answer_write_record(&w, &ans);
	}
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	out->text = jsonw_take(&w);
	free(items);
}

void
api_route_providers(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	static const enum status statuses[] = { STATUS_ACTIVE, STATUS_LEGACY,
		STATUS_DEPRECATED, STATUS_RETIRED };
	const struct record *r;
	cJSON *list, *item = NULL, *counts = NULL, *n;
	const char *last = NULL;
	size_t i, j, total = snapshot_count(req->snap);
	int32_t as_of;

	if (api_arg_at(c, out, &as_of) < 0)
		return;
	out->body = api_body();
	date_add_json(out->body, "as_of", as_of);
	list = cJSON_AddArrayToObject(out->body, "items");
	/* Records are in provider order: one item per run of a provider. */
	for (i = 0; i < total; i++) {
		r = snapshot_record(req->snap, i);
		if (last == NULL || strcmp(last, r->provider) != 0) {
			item = cJSON_CreateObject();
			cJSON_AddStringToObject(item, "provider", r->provider);
			cJSON_AddNumberToObject(item, "total", 0);
			counts = cJSON_AddObjectToObject(item, "by_status");
			for (j = 0; j < NELEM(statuses); j++)
				cJSON_AddNumberToObject(counts,
				    status_name(statuses[j]), 0);
			cJSON_AddItemToArray(list, item);
			last = r->provider;
		}
		n = cJSON_GetObjectItem(item, "total");
		cJSON_SetNumberValue(n, n->valuedouble + 1);
		n = cJSON_GetObjectItem(counts,
		    status_name(record_status(r, as_of)));
		cJSON_SetNumberValue(n, n->valuedouble + 1);
	}
}

/* The ids of a POST /v1/query body, or NULL after a 4xx reply. */
static const cJSON *
query_models(const cJSON *doc, struct reply *out)
{
	const cJSON *models = cJSON_GetObjectItemCaseSensitive(doc, "models"),
	    *m;

	if (!cJSON_IsArray(models)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_request",
		    "the body must be {\"models\": [\"id\", ...]}");
		return NULL;
	}
	if (cJSON_GetArraySize(models) > QUERY_MODELS_MAX) {
		api_error(out, MHD_HTTP_CONTENT_TOO_LARGE, "too_many_models",
		    "at most %d models in one query", QUERY_MODELS_MAX);
		return NULL;
	}
	cJSON_ArrayForEach(m, models)
		if (!cJSON_IsString(m)) {
			api_error(out, MHD_HTTP_BAD_REQUEST, "bad_request",
			    "every model must be a string");
			return NULL;
		}
	return models;
}

void
api_route_query(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	const cJSON *models, *m, *at, *provider;
	struct jsonw w;
	struct answer ans;
	cJSON *doc;
	int32_t as_of = date_today();

	if ((doc = api_json_body(c, req, out)) == NULL)
		return;
	if ((models = query_models(doc, out)) == NULL)
		goto out;
	at = cJSON_GetObjectItemCaseSensitive(doc, "at");
	if (at != NULL && !cJSON_IsNull(at) && (!cJSON_IsString(at) ||
	    date_parse_iso(at->valuestring, &as_of) < 0)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_date",
		    "at must be a date YYYY-MM-DD");
		goto out;
	}
	provider = cJSON_GetObjectItemCaseSensitive(doc, "provider");
	jsonw_init(&w, BUF_MAX_INTERNAL);
	answer_write_batch_open(&w, as_of);
	cJSON_ArrayForEach(m, models) {
		answer_resolve(&ans, req->snap, m->valuestring,
		    cJSON_IsString(provider) ? provider->valuestring : NULL,
		    as_of);
		api_count_use(req, ans.record);
		answer_write(&w, &ans, 0);
	}
	answer_write_batch_close(&w);
	out->text = jsonw_take(&w);
out:
	cJSON_Delete(doc);
}
