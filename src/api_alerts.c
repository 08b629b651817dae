/*
 * api_alerts.c - GET /v1/alerts: the configured alerts and the outbox.
 *
 * The alerts come from what the alerts thread publishes (alerts_info),
 * receivers already redacted to scheme and host: a Slack URL's path is
 * its secret, and no key of this answer ever holds a path, a query or a
 * secret.  The outbox is read on a connection of its own, newest first.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "api_int.h"
#include "date.h"
#include "jsonw.h"
#include "log.h"
#include "outbox.h"

#define OUTBOX_SHOWN	200

/* A number, or null when it is 0 (none). */
static void
put_count_or_null(struct jsonw *w, const char *key, long long v)
{
	jsonw_key(w, key);
	if (v > 0)
		jsonw_int(w, v);
	else
		jsonw_null(w);
}

static void
put_alert(struct jsonw *w, const struct alert_info *a,
    const struct outbox_count *counts, size_t ncounts)
{
	const struct outbox_count *c = NULL;
	const char *p, *end;
	char *slug;
	size_t i;

	for (i = 0; i < ncounts; i++)
		if (strcmp(counts[i].alert, a->name) == 0)
			c = &counts[i];
	jsonw_obj_open(w);
	jsonw_key(w, "name");
	jsonw_str(w, a->name);
	jsonw_key(w, "format");
	jsonw_str(w, a->format);
	jsonw_key(w, "receiver");
	jsonw_str(w, a->receiver);
	jsonw_key(w, "signed");
	jsonw_bool(w, a->signed_);
	jsonw_key(w, "thresholds");
	jsonw_arr_open(w);
	for (i = 0; i < a->thresholds.n; i++)
		jsonw_int(w, a->thresholds.v[i]);
	jsonw_arr_close(w);
	jsonw_key(w, "only_used");
	jsonw_bool(w, a->only_used);
	jsonw_key(w, "providers");
	if (a->providers == NULL)
		jsonw_null(w);
	else {
		jsonw_arr_open(w);
		for (p = a->providers; *p != '\0'; p = end + (*end == ' ')) {
			end = p + strcspn(p, " ");
			slug = xstrndup(p, (size_t)(end - p));
			jsonw_str(w, slug);
			free(slug);
		}
		jsonw_arr_close(w);
	}
	jsonw_key(w, "pending");
	jsonw_int(w, c != NULL ? c->pending : 0);
	jsonw_key(w, "delivered");
	jsonw_int(w, c != NULL ? c->delivered : 0);
	jsonw_key(w, "failed");
	jsonw_int(w, c != NULL ? c->failed : 0);
	jsonw_obj_close(w);
}

static void
put_row(struct jsonw *w, const struct outbox_row *r)
{
	jsonw_obj_open(w);
	jsonw_key(w, "id");
	jsonw_str(w, r->id);
	jsonw_key(w, "alert");
	jsonw_str(w, r->alert);
	jsonw_key(w, "event");
	jsonw_str(w, r->event);
	jsonw_key(w, "provider");
	jsonw_str(w, r->provider);
	jsonw_key(w, "model");
	jsonw_str(w, r->model);
	jsonw_key(w, "date");
	jsonw_str(w, r->date);
	put_count_or_null(w, "threshold", r->threshold);
	jsonw_key(w, "state");
	jsonw_str(w, r->state);
	jsonw_key(w, "attempts");
	jsonw_int(w, r->attempts);
	jsonw_key(w, "next_attempt_at");
	jsonw_str(w, r->next_attempt);
	put_count_or_null(w, "last_status", r->last_status);
	jsonw_key(w, "last_error");
	jsonw_str(w, r->last_error);
	jsonw_key(w, "created_at");
	jsonw_str(w, r->created);
	jsonw_key(w, "delivered_at");
	jsonw_str(w, r->delivered_at);
	jsonw_obj_close(w);
}

void
api_route_alerts(struct MHD_Connection *c, struct request *req,
    const char *arg, struct reply *out)
{
	struct alert_info *alerts = NULL;
	struct outbox_row *rows = NULL;
	struct outbox_count *counts = NULL;
	size_t nalerts, nrows = 0, ncounts = 0, i;
	char *cause = NULL, when[DATE_TIME_LEN];
	unsigned long long evaluations;
	time_t evaluated_at;
	struct jsonw w;

	if (req->api->database == NULL || outbox_read(req->api->database,
	    OUTBOX_SHOWN, &rows, &nrows, &counts, &ncounts, &cause) < 0) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "the alerts' outbox cannot be read now");
		log_warn("GET /v1/alerts: %s", cause ? cause : "no database");
		free(cause);
		return;
	}
	nalerts = alerts_info(&alerts);
	evaluations = alerts_evaluated(&evaluated_at);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "schema_version");
	jsonw_str(&w, "1");
	/* When the alerts were last weighed against the catalog and the
	 * inventory, and how many times since start. */
	jsonw_key(&w, "evaluated_at");
	if (evaluated_at > 0) {
		date_format_time(evaluated_at, when);
		jsonw_str(&w, when);
	} else
		jsonw_null(&w);
	jsonw_key(&w, "evaluations");
	jsonw_int(&w, (long long)evaluations);
	jsonw_key(&w, "alerts");
	jsonw_arr_open(&w);
	for (i = 0; i < nalerts; i++)
		put_alert(&w, &alerts[i], counts, ncounts);
	jsonw_arr_close(&w);
	jsonw_key(&w, "outbox");
	jsonw_arr_open(&w);
	for (i = 0; i < nrows; i++)
		put_row(&w, &rows[i]);
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	out->text = jsonw_take(&w);
	out->no_cache = 1;
	jsonw_free(&w);
	alerts_info_free(alerts, nalerts);
	outbox_rows_free(rows, nrows, counts, ncounts);
}
