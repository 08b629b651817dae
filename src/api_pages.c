/*
 * api_pages.c - the HTML routes: GET / (the dashboard) and
 * GET /models/{id} (one model's page).  They read the request's snapshot
 * only and take the same parameters as the JSON routes (provider, at),
 * the model page also its cost calculator's token counts (in_tokens,
 * out_tokens, audio_in_tokens, audio_out_tokens); page.c renders.
 */
#include "config.h"

#include <string.h>

#include "api_int.h"
#include "date.h"
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

void
api_route_page_dashboard(struct MHD_Connection *c, struct request *req,
    const char *arg, struct reply *out)
{
	int32_t as_of;

	if (page_at(c, out, &as_of) < 0)
		return;
	out->text = page_dashboard(req->snap, as_of);
	out->content_type = PAGE_CONTENT_TYPE;
}
