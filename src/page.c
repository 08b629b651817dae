/*
 * page.c - what every HTML page shares: the frame (head, style sheet,
 * header and footer), links that keep the as_of date, dates, badges and
 * the order of urgency; and the short message page.
 *
 * Invariant of every page (page.c, page_model.c, page_dashboard.c): each
 * string that comes from a feed or a request reaches the page through
 * html_esc() (text and attribute values, always double-quoted) or
 * html_pct() (URL parts), and only http(s) URLs become links; nothing
 * dynamic goes into the inline style and scripts (data/assets), which
 * read their data from the DOM.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "advice.h"
#include "date.h"
#include "embedded.h"
#include "html.h"
#include "page.h"
#include "page_int.h"
#include "snapshot.h"
#include "util.h"

void
page_put_date(struct buf *h, int32_t date)
{
	char buf[11];

	date_format(date, buf);
	buf_adds(h, buf);
}

/* "?at=..." (first) or "&amp;at=..." when the page keeps a date. */
void
page_put_at(struct buf *h, const struct page_ctx *x, int first)
{
	if (x == NULL || !x->keep_at)
		return;
	buf_adds(h, first ? "?at=" : "&amp;at=");
	buf_adds(h, x->at);
}

/* The href of a model page; provider may be NULL. */
void
page_put_model_href(struct buf *h, const struct page_ctx *x,
    const char *provider, const char *id)
{
	buf_adds(h, "/models/");
	html_pct(h, id);
	if (provider != NULL && *provider != '\0') {
		buf_adds(h, "?provider=");
		html_pct(h, provider);
		page_put_at(h, x, 0);
	} else
		page_put_at(h, x, 1);
}

/* <a class="id" href="...">id</a> */
void
page_put_model_link(struct buf *h, const struct page_ctx *x,
    const char *provider, const char *id)
{
	buf_adds(h, "<a class=\"id\" href=\"");
	page_put_model_href(h, x, provider, id);
	buf_adds(h, "\">");
	html_esc(h, id);
	buf_adds(h, "</a>");
}

void
page_put_named_link(struct buf *h, const struct page_ctx *x,
    const char *provider, const char *id)
{
	struct replacement rp;
	const struct record *to = NULL;
	struct lookup l;

	rp.provider = (char *)provider;
	rp.id = (char *)id;
	rp.note = NULL;
	if (provider != NULL)
		to = advice_target(x->snap, &rp);
	if (to != NULL) {
		buf_adds(h, "<a class=\"id\" href=\"");
		page_put_model_href(h, x, to->provider, to->id);
		buf_adds(h, "\">");
		html_esc(h, id);
		buf_adds(h, "</a>");
	} else if (snapshot_lookup(x->snap, id, NULL, &l) == 0 &&
	    l.record != NULL && l.how != MATCH_FAMILY)
		page_put_model_link(h, x, NULL, id);
	else {
		buf_adds(h, "<span class=\"id\">");
		html_esc(h, id);
		buf_adds(h, "</span>");
	}
}

/* One query parameter of a dashboard href. */
static void
put_param(struct buf *h, int *first, const char *key, const char *value)
{
	buf_adds(h, *first ? "?" : "&amp;");
	*first = 0;
	buf_adds(h, key);
	buf_addc(h, '=');
	html_pct(h, value);
}

/* The href of the dashboard with the filters f, on page (from 1). */
void
page_put_dashboard_href(struct buf *h, const struct page_ctx *x,
    const struct page_filter *f, long page)
{
	char num[24], date[11];
	int first = 1;

	buf_addc(h, '/');
	if (f->provider != NULL)
		put_param(h, &first, "provider", f->provider);
	if (f->status >= 0)
		put_param(h, &first, "status", status_name(f->status));
	if (f->q != NULL)
		put_param(h, &first, "q", f->q);
	if (f->within_days >= 0) {
		snprintf(num, sizeof(num), "%ld", f->within_days);
		put_param(h, &first, "within_days", num);
	}
	if (f->on != DATE_NONE) {
		date_format(f->on, date);
		put_param(h, &first, "on", date);
	}
	if (f->only_used)
		put_param(h, &first, "used", "1");
	if (x->keep_at)
		put_param(h, &first, "at", x->at);
	if (page > 1) {
		snprintf(num, sizeof(num), "%ld", page);
		put_param(h, &first, "page", num);
	}
}

/*
 * An asset from data/assets, inlined.  Each line break goes, with the
 * indentation after it: the files are laid out for people, the pages
 * carry each as one line.
 */
static void
put_asset(struct buf *h, const char *name)
{
	const char *p = embedded_find(name)->data, *nl;

	while ((nl = strchr(p, '\n')) != NULL) {
		buf_add(h, p, (size_t)(nl - p));
		p = nl + 1 + strspn(nl + 1, " \t");
	}
	buf_adds(h, p);
}

/* <script> with the asset called name, inlined. */
void
page_put_script(struct buf *h, const char *name)
{
	buf_adds(h, "<script>");
	put_asset(h, name);
	buf_adds(h, "</script>\n");
}

/* Everything before <main>: title (text, escaped here) and the header
 * with the search box. */
void
page_open(struct buf *h, const struct page_ctx *x, const char *title,
    const char *search)
{
	buf_adds(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n"
	    "<title>");
	html_esc(h, title);
	buf_adds(h, "</title>\n<style>");
	put_asset(h, "assets/page.css");
	buf_adds(h, "</style>\n</head>\n<body>\n<header class=\"top\">"
	    "<a class=\"brand\" href=\"/");
	page_put_at(h, x, 1);
	buf_adds(h, "\">sunset</a>"
	    "<form class=\"search\" action=\"/\" method=\"get\" "
	    "role=\"search\"><input type=\"search\" name=\"q\" "
	    "aria-label=\"Model id\" placeholder=\"Find a model id\" value=\"");
	html_esc(h, search);
	buf_adds(h, "\">");
	if (x != NULL && x->keep_at)
		buf_addf(h, "<input type=\"hidden\" name=\"at\" value=\"%s\">",
		    x->at);
	buf_adds(h, "<button type=\"submit\">Search</button></form></header>\n"
	    "<main>\n");
}

/* The footer, and the script from data/assets called script, if any. */
void
page_close(struct buf *h, const struct page_ctx *x,
    const char *api_path, const char *script)
{
	buf_adds(h, "</main>\n<footer><p>");
	if (x != NULL) {
		buf_adds(h, "As of <span id=\"as-of\">");
		page_put_date(h, x->as_of);
		buf_adds(h, "</span>");
		if (api_path != NULL) {
			buf_adds(h, " &middot; JSON: <a href=\"");
			buf_adds(h, api_path);
			buf_adds(h, "\">");
			buf_adds(h, api_path);
			buf_adds(h, "</a>");
		}
		buf_adds(h, " &middot; ");
	}
	buf_adds(h, "Dates are UTC calendar days. Served by sunset, from the "
	    "providers' own deprecation notices.</p></footer>\n");
	if (script != NULL)
		page_put_script(h, script);
	buf_adds(h, "</body>\n</html>\n");
}

void
page_ctx_init(struct page_ctx *x, const struct snapshot *snap,
    int32_t as_of)
{
	x->snap = snap;
	x->as_of = as_of;
	x->keep_at = as_of != date_today();
	date_format(as_of, x->at);
}

/* urgency-* class of a record on as_of: how soon it stops working.  An
 * earliest date that has come is "overdue": any day, no count. */
const char *
page_urgency(const struct record *r, int32_t as_of)
{
	enum status st = record_status(r, as_of);
	int32_t days;

	if (st == STATUS_RETIRED)
		return "retired";
	if (record_overdue(r, as_of))
		return "overdue";
	if (!status_is_deprecated(st))
		return "ok";
	if (record_days_left(r, as_of, &days) < 0)
		return "unknown";
	return days < 30 ? "critical" : days < 90 ? "soon" : "later";
}

void
page_put_badge(struct buf *h, enum status st, int with_id)
{
	buf_addf(h, "<span%s class=\"badge %s\" data-status=\"%s\">%s</span>",
	    with_id ? " id=\"status\"" : "", status_name(st),
	    status_name(st), status_name(st));
}

/* Deprecated before retired; deprecated by shutdown, soonest first, then
 * the overdue ones (an earliest date that has come); retired most recent
 * first; no date last; then provider and id. */
int
page_by_urgency(const void *a, const void *b)
{
	const struct page_row *x = a, *y = b;
	int32_t dx = x->r->shutdown_on, dy = y->r->shutdown_on;
	int gx = x->st == STATUS_RETIRED, gy = y->st == STATUS_RETIRED, c;

	if (gx != gy)
		return gx - gy;
	if (x->overdue != y->overdue && dx != DATE_NONE && dy != DATE_NONE)
		return x->overdue - y->overdue;
	if (dx != dy) {
		if (dx == DATE_NONE)
			return 1;
		if (dy == DATE_NONE)
			return -1;
		return (dx < dy ? -1 : 1) * (gx ? -1 : 1);
	}
	c = strcmp(x->r->provider, y->r->provider);
	return c != 0 ? c : strcmp(x->r->id, y->r->id);
}

char *
page_message(const char *title, const char *text)
{
	struct buf h;

	buf_init(&h, BUF_MAX_INTERNAL);
	page_open(&h, NULL, title, NULL);
	buf_adds(&h, "<h1>");
	html_esc(&h, title);
	buf_adds(&h, "</h1>\n<p id=\"message\">");
	html_esc(&h, text);
	buf_adds(&h, "</p>\n<p><a href=\"/\">Every deprecation</a></p>\n");
	page_close(&h, NULL, NULL, NULL);
	return buf_take(&h, NULL);
}
