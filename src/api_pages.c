/*
 * api_pages.c - the HTML routes: GET / (the dashboard) and
 * GET /models/{id} (one model's page).  They read the request's snapshot
 * only and take the same parameters as the JSON routes (provider, at;
 * the dashboard also the filters of /v1/deprecations, a day and a page;
 * the model page its cost calculator's token counts: in_tokens,
 * out_tokens, audio_in_tokens, audio_out_tokens); the page modules
 * render.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "date.h"
#include "log.h"
#include "match.h"
#include "page.h"

/* The as_of date from ?at=, or today; -1 after an HTML 400 reply. */
static int
page_at(struct MHD_Connection *c, struct reply *out, int32_t *as_of)
{
	const char *at = api_arg(c, "at");

	if (at == NULL) {
		*as_of = date_today();
		return 0;
	}
	if (date_parse_iso(at, as_of) == 0)
		return 0;
	out->status = MHD_HTTP_BAD_REQUEST;
	out->content_type = PAGE_CONTENT_TYPE;
	out->text = page_message("Bad date",
	    "at= must be a calendar date written YYYY-MM-DD.");
	return -1;
}

void
api_route_page_model(struct MHD_Connection *c, struct request *req,
    const char *id, struct reply *out)
{
	const char *q = api_arg(c, "q");
	struct page_cost_args cost;
	int32_t as_of;
	int found, part;

	if (page_at(c, out, &as_of) < 0)
		return;
	/* /models/?q=ID is what a search form without script sends. */
	if (*id == '\0' && q != NULL)
		id = q;
	if (strlen(id) >= MATCH_ID_MAX) {
		out->status = MHD_HTTP_BAD_REQUEST;
		out->content_type = PAGE_CONTENT_TYPE;
		out->text = page_message("Bad model id",
		    "A model id is 1 to 255 bytes.");
		return;
	}
	for (part = 0; part < COST_NPARTS; part++)
		cost.tokens[part] = api_arg(c, cost_param(part));
	out->text = page_model(req->snap, id, api_arg(c, "provider"), as_of,
	    &cost, &found);
	out->content_type = PAGE_CONTENT_TYPE;
	if (!found)
		out->status = MHD_HTTP_NOT_FOUND;
}

/* A whole number from 0 to max in s; -1 when it is not one. */
static long
page_number(const char *s, long max)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return *end != '\0' || errno != 0 || v > max ? -1 : v;
}

/* The dashboard's filters from the URL; an empty value (what a form
 * sends for "any") is no filter.  Returns a message for a bad one. */
static const char *
page_filters(struct MHD_Connection *c, struct page_filter *f)
{
	const char *v;
	enum status st;

	page_filter_init(f);
	if ((v = api_arg(c, "provider")) != NULL && *v != '\0')
		f->provider = v;
	if ((v = api_arg(c, "q")) != NULL && *v != '\0')
		f->q = v;
	if ((v = api_arg(c, "status")) != NULL && *v != '\0') {
		if (status_parse(v, &st) < 0 || !status_is_deprecated(st))
			return "status= is deprecated or retired.";
		f->status = (int)st;
	}
	if ((v = api_arg(c, "within_days")) != NULL && *v != '\0' &&
	    (f->within_days = page_number(v, 100000)) < 0)
		return "within_days= is a number of days from 0 to 100000.";
	if ((v = api_arg(c, "on")) != NULL && *v != '\0' &&
	    date_parse_iso(v, &f->on) < 0)
		return "on= must be a calendar date written YYYY-MM-DD.";
	if ((v = api_arg(c, "used")) != NULL && *v != '\0') {
		if (strcmp(v, "1") != 0)
			return "used= is 1, for the models in use only.";
		f->only_used = 1;
	}
	if ((v = api_arg(c, "page")) != NULL && *v != '\0' &&
	    (f->page = page_number(v, 1000000)) < 1)
		return "page= is a page number from 1.";
	return NULL;
}

/* page_filter's in_use over the published models in use. */
static int
used_has(const void *ctx, const struct record *r)
{
	return api_used_has(ctx, r->provider, r->id);
}

void
api_route_page_dashboard(struct MHD_Connection *c, struct request *req,
    const char *arg, struct reply *out)
{
	struct page_filter f;
	struct api_used *used;
	const char *bad;
	int32_t as_of;

	if (page_at(c, out, &as_of) < 0)
		return;
	out->content_type = PAGE_CONTENT_TYPE;
	if ((bad = page_filters(c, &f)) != NULL) {
		out->status = MHD_HTTP_BAD_REQUEST;
		out->text = page_message("Bad filter", bad);
		return;
	}
	if ((used = api_used_current(req->api)) != NULL) {
		f.in_use = used_has;
		f.in_use_ctx = used;
	}
	out->text = page_dashboard(req->snap, as_of, &f);
	api_used_unref(used);
	if (out->text == NULL) {
		log_warn("dashboard: the page passed its size cap");
		out->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		out->text = page_message("Too big",
		    "This page would be too big; narrow the filters.");
	}
}
