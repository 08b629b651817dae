/*
 * api_tools.c - the answers for other tools: an iCalendar of shutdowns,
 * shields.io badges, and explaining an error message a client got.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "api_int.h"
#include "date.h"
#include "explain.h"
#include "ical.h"
#include "jsonw.h"
#include "utf8.h"

/*
 * "ID.ext" -> "ID" in buf (MATCH_ID_MAX bytes).  Returns -1 after a reply:
 * 404 with the message form when arg does not end in ext, 400 when ID
 * cannot be a model id.
 */
static int
strip_ext(const char *arg, const char *ext, char *buf, const char *form,
    struct reply *out)
{
	size_t n = strlen(arg), e = strlen(ext);

	if (n <= e || strcmp(arg + n - e, ext) != 0) {
		api_error(out, MHD_HTTP_NOT_FOUND, "not_found", "%s", form);
		return -1;
	}
	if (n - e >= MATCH_ID_MAX)
		return api_check_model_id(arg, out);
	memcpy(buf, arg, n - e);
	buf[n - e] = '\0';
	return 0;
}

/* GET /v1/calendar.ics: every deprecated or retired model with a
 * shutdown date (provider= narrows it). */
void
api_route_calendar(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	const char *provider = api_arg(c, "provider");
	const struct record **v, *r;
	size_t i, n = 0, total = snapshot_count(req->snap);
	int32_t as_of;

	if (api_arg_at(c, out, &as_of) < 0)
		return;
	v = xcalloc(total, sizeof(*v));
	for (i = 0; i < total; i++) {
		r = snapshot_record(req->snap, i);
		if (r->shutdown_on == DATE_NONE ||
		    !status_is_deprecated(record_status(r, as_of)) ||
		    (provider != NULL && strcmp(provider, r->provider) != 0))
			continue;
		v[n++] = r;
	}
	out->text = ical_calendar(v, n, "AI model shutdowns (sunset)", as_of);
	out->content_type = "text/calendar; charset=utf-8";
	free(v);
}

/* GET /v1/calendar/{id}.ics: one model's shutdown. */
void
api_route_calendar_model(struct MHD_Connection *c, struct request *req,
    const char *arg, struct reply *out)
{
	const struct record *r;
	struct lookup l;
	char id[MATCH_ID_MAX], *name;
	int32_t as_of;

	if (api_arg_at(c, out, &as_of) < 0)
		return;
	if (strip_ext(arg, ".ics", id, "a calendar is /v1/calendar/ID.ics",
	    out) < 0)
		return;
	if (snapshot_lookup(req->snap, id, api_arg(c, "provider"), &l) < 0 ||
	    l.record == NULL) {
		api_error(out, MHD_HTTP_NOT_FOUND, "unknown_model",
		    "the catalog does not know this model id");
		return;
	}
	r = l.record;
	if (r->shutdown_on == DATE_NONE) {
		api_error(out, MHD_HTTP_NOT_FOUND, "no_shutdown_date",
		    "no shutdown date is known for %s", r->id);
		return;
	}
	name = xasprintf("%s %s shutdown (sunset)", r->provider, r->id);
	out->text = ical_calendar(&r, 1, name, as_of);
	out->content_type = "text/calendar; charset=utf-8";
	free(name);
}

/* The badge's message and colour for a found answer. */
static void
badge_for(const struct answer *a, char *msg, size_t size, const char **color)
{
	enum status st = a->state.status;
	int32_t days = a->state.has_days ? a->state.days_left : INT32_MAX;
	char date[11];

	if (st == STATUS_RETIRED) {
		snprintf(msg, size, "retired");
		*color = "red";
	} else if (a->state.overdue) {
		/* An earliest date that has come: no count of days. */
		snprintf(msg, size, "%s, may stop any day", status_name(st));
		*color = st == STATUS_DEPRECATED ? "red" : "orange";
	} else if (st == STATUS_DEPRECATED) {
		if (days == INT32_MAX)
			snprintf(msg, size, "deprecated");
		else
			snprintf(msg, size, "deprecated: %ld day%s left",
			    (long)days, days == 1 ? "" : "s");
		*color = days <= 30 ? "red" : days <= 90 ? "orange" : "yellow";
	} else if (st == STATUS_LEGACY) {
		snprintf(msg, size, "legacy");
		*color = "yellowgreen";
	} else if (a->state.has_days) {
		date_format(a->record->shutdown_on, date);
		snprintf(msg, size, "active, not before %s", date);
		*color = "green";
	} else {
		snprintf(msg, size, "active");
		*color = "brightgreen";
	}
}

/* GET /v1/badge/{id}.json: the shields.io endpoint format.  An unknown
 * id is a grey "unknown" badge, still 200, so the badge renders. */
void
api_route_badge(struct MHD_Connection *c, struct request *req,
    const char *arg, struct reply *out)
{
	struct jsonw w;
	struct answer ans;
	char id[MATCH_ID_MAX], msg[64];
	const char *color = "lightgrey";
	int32_t as_of;

	if (api_arg_at(c, out, &as_of) < 0)
		return;
	if (strip_ext(arg, ".json", id, "a badge is /v1/badge/ID.json",
	    out) < 0)
		return;
	snprintf(msg, sizeof(msg), "unknown");
	answer_resolve(&ans, req->snap, id, api_arg(c, "provider"), as_of);
	if (ans.record != NULL)
		badge_for(&ans, msg, sizeof(msg), &color);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "schemaVersion");
	jsonw_int(&w, 1);
	jsonw_key(&w, "label");
	jsonw_str(&w, ans.record != NULL ? ans.record->id : id);
	jsonw_key(&w, "message");
	jsonw_str(&w, msg);
	jsonw_key(&w, "color");
	jsonw_str(&w, color);
	jsonw_obj_close(&w);
	out->text = jsonw_take(&w);
}

/* The error text of a POST /v1/explain body: {"error": "..."} (or
 * "message"), or the body itself when it is not JSON. */
static char *
error_text(const struct request *req)
{
	const cJSON *v;
	cJSON *doc;
	char *text = NULL;

	if (req->body == NULL)
		return NULL;
	doc = cJSON_ParseWithLength(req->body, req->body_len);
	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		return xstrdup(req->body);
	}
	if (cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(doc, "error")) ||
	    cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(doc,
	    "message")))
		text = xstrdup(v->valuestring);
	else if (cJSON_IsObject(v = cJSON_GetObjectItemCaseSensitive(doc,
	    "error")) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v,
	    "message")))
		/* A provider's whole error object pasted in. */
		text = xstrdup(cJSON_GetObjectItemCaseSensitive(v,
		    "message")->valuestring);
	cJSON_Delete(doc);
	return text;
}

/* 1 when an error message cannot be taken: not UTF-8, or a control byte
 * other than the tab and line breaks every pasted traceback has. */
static int
bad_message(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    *p == 0x7f)
			return 1;
	return !utf8_valid(s, strlen(s));
}

/* POST /v1/explain: which catalog model an error message names. */
void
api_route_explain(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	char cand[EXPLAIN_MAX][MATCH_ID_MAX], *text;
	struct jsonw w;
	const char *found;
	struct answer ans;
	size_t n, i;

	if ((text = error_text(req)) == NULL || bad_message(text)) {
		api_error(out, MHD_HTTP_BAD_REQUEST, "bad_request",
		    "the body is {\"error\": \"the message a client got\"} "
		    "in UTF-8, with no control character but tabs and line "
		    "breaks");
		free(text);
		return;
	}
	n = explain_candidates(text, cand, EXPLAIN_MAX);
	found = explain_pick(req->snap, cand, n);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "schema_version");
	jsonw_str(&w, "1");
	jsonw_key(&w, "candidates");
	jsonw_arr_open(&w);
	for (i = 0; i < n; i++)
		jsonw_str(&w, cand[i]);
	jsonw_arr_close(&w);
	jsonw_key(&w, "model");
	if (found != NULL) {
		answer_resolve(&ans, req->snap, found, NULL, date_today());
		api_count_use(req, ans.record);
		answer_write(&w, &ans, 0);
	} else
		jsonw_null(&w);
	jsonw_obj_close(&w);
	out->text = jsonw_take(&w);
	free(text);
}
