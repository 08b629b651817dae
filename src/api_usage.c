/*
 * api_usage.c - the usage inventory over HTTP: which models are in use
 * (GET /v1/usage) and reports of what a project uses (POST
 * /v1/inventory).
 *
 * GET reads the usage table on a short-lived read-only connection and
 * adds the counts still in memory, so the answer is current; each model
 * comes with its answer now, as GET /v1/models/{id} renders it.  A report
 * is resolved through the same answer path as a query and written on a
 * short-lived connection of its own: it is in the database when the 200
 * goes out.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "answer.h"
#include "api_int.h"
#include "catalog.h"
#include "date.h"
#include "log.h"
#include "usage.h"

#define USAGE_DAYS_DEFAULT	30
#define USAGE_DAYS_MAX		3650
#define INVENTORY_MODELS_MAX	10000
#define ORIGIN_QUERY		"query"

/* One model of GET /v1/usage: its rows are v[first, first + n). */
struct used_model {
	size_t		 first;
	size_t		 n;
	long long	 count;
	const char	*last;		/* the latest last_seen */
	struct answer	 ans;
};

/* Most urgent first: retired, then the fewest days left, then the rest,
 * models the catalog no longer knows last; then by id and provider. */
static int
urgency(const struct answer *a)
{
	if (a->record == NULL)
		return 3;
	if (a->state.status == STATUS_RETIRED)
		return 0;
	return a->state.has_days ? 1 : 2;
}

static int
by_urgency(const void *x, const void *y)
{
	const struct used_model *a = x, *b = y;
	int ua = urgency(&a->ans), ub = urgency(&b->ans), c;

	if (ua != ub)
		return ua < ub ? -1 : 1;
	if (ua == 1 && a->ans.state.days_left != b->ans.state.days_left)
		return a->ans.state.days_left < b->ans.state.days_left ? -1 : 1;
	if ((c = strcmp(a->ans.query, b->ans.query)) != 0)
		return c;
	return strcmp(a->ans.provider, b->ans.provider);
}

/* Provider, id, then origin. */
static int
by_key(const void *x, const void *y)
{
	const struct catalog_usage_row *a = x, *b = y;
	int c;

	if ((c = strcmp(a->provider, b->provider)) != 0 ||
	    (c = strcmp(a->id, b->id)) != 0)
		return c;
	return strcmp(a->origin, b->origin);
}

/*
 * Adds the counts still in memory to rows, as "query" rows: into the
 * stored row of the same model, or as new rows.  Keeps rows sorted.
 */
static void
add_pending(struct usage *u, struct catalog_usage_row **rows, size_t *n)
{
	struct usage_count *p = NULL;
	struct catalog_usage_row key, *r;
	char stamp[DATE_TIME_LEN];
	size_t np, i, n0 = *n;

	np = u != NULL ? usage_pending(u, 0, &p) : 0;
	for (i = 0; i < np; i++) {
		key.provider = (char *)p[i].provider;
		key.id = (char *)p[i].id;
		key.origin = (char *)ORIGIN_QUERY;
		date_format_time(p[i].last, stamp);
		r = n0 > 0 ? bsearch(&key, *rows, n0, sizeof(**rows), by_key) :
		    NULL;
		if (r != NULL) {
			r->count += (long long)p[i].count;
			if (strcmp(stamp, r->last_seen) > 0) {
				free(r->last_seen);
				r->last_seen = xstrdup(stamp);
			}
			continue;
		}
		*rows = xreallocarray(*rows, *n + 1, sizeof(**rows));
		r = &(*rows)[(*n)++];
		r->provider = xstrdup(p[i].provider);
		r->id = xstrdup(p[i].id);
		r->origin = xstrdup(ORIGIN_QUERY);
		r->last_seen = xstrdup(stamp);
		date_format_time(p[i].first, stamp);
		r->first_seen = xstrdup(stamp);
		r->count = (long long)p[i].count;
	}
	free(p);
	if (*n != n0)
		qsort(*rows, *n, sizeof(**rows), by_key);
}

/* 1 when a provider account's model list names the model (its origins
 * hold an "account:FEED"). */
static int
from_account(const struct used_model *m, const struct catalog_usage_row *rows)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strncmp(rows[m->first + i].origin, ACCOUNT_ORIGIN_PREFIX,
		    strlen(ACCOUNT_ORIGIN_PREFIX)) == 0)
			return 1;
	return 0;
}

static void
write_model(struct jsonw *w, const struct used_model *m,
    const struct catalog_usage_row *rows)
{
	const struct catalog_usage_row *r;
	size_t i;

	jsonw_obj_open(w);
	jsonw_key(w, "provider");
	jsonw_str(w, m->ans.provider);
	jsonw_key(w, "id");
	jsonw_str(w, m->ans.query);
	jsonw_key(w, "count");
	jsonw_int(w, m->count);
	jsonw_key(w, "last_used");
	jsonw_str(w, m->last);
	jsonw_key(w, "account");
	jsonw_bool(w, from_account(m, rows));
	jsonw_key(w, "model");
	if (m->ans.record != NULL)
		answer_write_record(w, &m->ans);
	else
		jsonw_null(w);
	jsonw_key(w, "origins");
	jsonw_arr_open(w);
	for (i = 0; i < m->n; i++) {
		r = &rows[m->first + i];
		jsonw_obj_open(w);
		jsonw_key(w, "origin");
		jsonw_str(w, r->origin);
		jsonw_key(w, "first_seen");
		jsonw_str(w, r->first_seen);
		jsonw_key(w, "last_seen");
		jsonw_str(w, r->last_seen);
		jsonw_key(w, "count");
		jsonw_int(w, r->count);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_obj_close(w);
}

/* GET /v1/usage?days=N: the models in use within N days. */
void
api_route_usage(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	struct catalog_usage_row *rows = NULL;
	struct used_model *models = NULL, *m = NULL;
	const char *arg = api_arg(c, "days");
	long days = USAGE_DAYS_DEFAULT;
	size_t nrows = 0, nmodels = 0, i;
	int32_t today = date_today();
	char *cause = NULL;
	struct jsonw w;

	if (api_arg_uint(c, "days", USAGE_DAYS_MAX, &days, out) < 0 ||
	    (arg != NULL && days < 1)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
		    "days must be an integer from 1 to %d", USAGE_DAYS_MAX);
		return;
	}
	if (req->api->database == NULL || catalog_read_usage(
	    req->api->database, time(NULL) - days * 86400, &rows, &nrows,
	    &cause) < 0) {
		log_warn("GET /v1/usage: %s", cause ? cause : "no database");
		free(cause);
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "the usage inventory cannot be read now");
		return;
	}
	add_pending(req->api->usage, &rows, &nrows);
	models = xcalloc(nrows, sizeof(*models));
	for (i = 0; i < nrows; i++) {
		if (i == 0 || strcmp(rows[i].provider, rows[i - 1].provider) ||
		    strcmp(rows[i].id, rows[i - 1].id)) {
			m = &models[nmodels++];
			m->first = i;
			m->last = rows[i].last_seen;
			answer_resolve(&m->ans, req->snap, rows[i].id,
			    rows[i].provider, today);
			/* The catalog's own words for the key, even when a
			 * lookup now resolves it elsewhere. */
			if (m->ans.record != NULL &&
			    (strcmp(m->ans.record->id, rows[i].id) ||
			    strcmp(m->ans.record->provider, rows[i].provider)))
				m->ans.record = NULL;
			m->ans.query = rows[i].id;
			m->ans.provider = rows[i].provider;
		}
		m->n++;
		m->count += rows[i].count;
		if (strcmp(rows[i].last_seen, m->last) > 0)
			m->last = rows[i].last_seen;
	}
	if (nmodels > 1)
		qsort(models, nmodels, sizeof(*models), by_urgency);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "schema_version");
	jsonw_str(&w, "1");
	jsonw_key(&w, "as_of");
	jsonw_date(&w, today);
	jsonw_key(&w, "days");
	jsonw_int(&w, days);
	jsonw_key(&w, "counting");
	jsonw_bool(&w, req->api->usage != NULL);
	jsonw_key(&w, "total");
	jsonw_int(&w, (long long)nmodels);
	jsonw_key(&w, "items");
	jsonw_arr_open(&w);
	for (i = 0; i < nmodels; i++)
		write_model(&w, &models[i], rows);
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	out->text = jsonw_take(&w);
	out->no_cache = 1;
	free(models);
	catalog_usage_rows_free(rows, nrows);
}

/* The models array of a report, or NULL after a 4xx reply. */
static const cJSON *
report_models(const cJSON *doc, struct reply *out)
{
	const cJSON *label = cJSON_GetObjectItemCaseSensitive(doc, "label"),
	    *models = cJSON_GetObjectItemCaseSensitive(doc, "models"), *m, *p;

	if (!cJSON_IsString(label) || !usage_label_ok(label->valuestring)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_label",
		    "label is 1 to %d letters, digits, '.', '_' or '-', "
		    "starting with a letter or digit", USAGE_LABEL_MAX);
		return NULL;
	}
	if (!cJSON_IsArray(models)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_request",
		    "the body must be {\"label\": \"NAME\", \"models\": "
		    "[{\"model\": \"id\", \"provider\": \"slug\"}, ...]}");
		return NULL;
	}
	if (cJSON_GetArraySize(models) > INVENTORY_MODELS_MAX) {
		api_error(out, MHD_HTTP_CONTENT_TOO_LARGE, "too_many_models",
		    "at most %d models in one report", INVENTORY_MODELS_MAX);
		return NULL;
	}
	cJSON_ArrayForEach(m, models) {
		p = cJSON_GetObjectItemCaseSensitive(m, "provider");
		if (!cJSON_IsObject(m) || !cJSON_IsString(
		    cJSON_GetObjectItemCaseSensitive(m, "model")) ||
		    (p != NULL && !cJSON_IsNull(p) && !cJSON_IsString(p))) {
			api_error(out, MHD_HTTP_BAD_REQUEST, "bad_request",
			    "every model must be {\"model\": \"id\"} with an "
			    "optional \"provider\": \"slug\"");
			return NULL;
		}
	}
	return models;
}

/* POST /v1/inventory: the models a project uses, stored under its
 * label. */
void
api_route_inventory(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	const cJSON *models, *m, *p;
	struct usage_count *v = NULL;
	struct answer ans;
	struct jsonw w;
	size_t n = 0, i, fresh = 0;
	char *origin = NULL, *cause = NULL;
	time_t now = time(NULL);
	cJSON *doc = NULL;

	if (api_check_admin(c, req->api, 0, out) < 0)
		return;
	if ((doc = api_json_body(c, req, out)) == NULL)
		return;
	if ((models = report_models(doc, out)) == NULL)
		goto out;
	origin = xasprintf("report:%s", cJSON_GetObjectItemCaseSensitive(doc,
	    "label")->valuestring);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "schema_version");
	jsonw_str(&w, "1");
	jsonw_key(&w, "origin");
	jsonw_str(&w, origin);
	jsonw_key(&w, "unknown");
	jsonw_arr_open(&w);
	v = xcalloc((size_t)cJSON_GetArraySize(models) + 1, sizeof(*v));
	cJSON_ArrayForEach(m, models) {
		p = cJSON_GetObjectItemCaseSensitive(m, "provider");
		answer_resolve(&ans, req->snap, cJSON_GetObjectItemCaseSensitive(
		    m, "model")->valuestring, cJSON_IsString(p) ?
		    p->valuestring : NULL, date_today());
		if (ans.record == NULL) {
			jsonw_str(&w, ans.query);
			continue;
		}
		/* Strings of the request's snapshot: it outlives v. */
		v[n].provider = ans.record->provider;
		v[n].id = ans.record->id;
		v[n].count = 1;
		v[n].first = v[n].last = now;
		n++;
	}
	jsonw_arr_close(&w);
	/* Two names of one model count once. */
	n = usage_unique(v, n);
	if (n > 0 && (req->api->database == NULL || catalog_report_usage(
	    req->api->database, v, n, origin, &fresh, &cause) < 0)) {
		log_err("POST /v1/inventory from %s: %s", origin, cause ?
		    cause : "no database");
		jsonw_free(&w);
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "the report could not be stored; send it again");
		goto out;
	}
	jsonw_key(&w, "recorded");
	jsonw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jsonw_obj_open(&w);
		jsonw_key(&w, "provider");
		jsonw_str(&w, v[i].provider);
		jsonw_key(&w, "id");
		jsonw_str(&w, v[i].id);
		jsonw_obj_close(&w);
	}
	jsonw_arr_close(&w);
	jsonw_key(&w, "new");
	jsonw_int(&w, (long long)fresh);
	jsonw_obj_close(&w);
	out->text = jsonw_take(&w);
	if (n > 0 && req->api->usage_wake != NULL)
		req->api->usage_wake(fresh > 0 ? API_USAGE_REPORTED_NEW :
		    API_USAGE_REPORTED);
out:
	free(cause);
	free(origin);
	free(v);
	cJSON_Delete(doc);
}
