/*
 * page_dashboard.c - the deprecated and retired models, ordered by
 * urgency, with the counts that matter, the timeline of the coming year
 * and filters that work from the URL alone, a page of rows at a time.
 *
 * The work per request is bounded by what the filters select, not by the
 * catalog: the selected rows are sorted (one pointer and a status each),
 * one page of them is written, and the page goes into a capped buffer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "html.h"
#include "page.h"
#include "page_int.h"
#include "provider.h"
#include "record.h"
#include "util.h"

/* The most a dashboard page may take: a page of rows, the timeline and
 * the frame fit many times over. */
#define DASHBOARD_MAX	((size_t)4 << 20)

/* What the stats line counts: every row the filters select. */
struct counts {
	size_t	deprecated;
	size_t	retired;
	size_t	within30;
	size_t	within90;
};

void
page_filter_init(struct page_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->status = -1;
	f->within_days = -1;
	f->on = DATE_NONE;
	f->page = 1;
}

/* 1 when f says r is in use. */
static int
in_use(const struct page_filter *f, const struct record *r)
{
	return f->in_use != NULL && f->in_use(f->in_use_ctx, r);
}

/* 1 when the dashboard lists r (whose status on as_of is st) under f. */
static int
selects(const struct page_filter *f, const struct record *r,
    enum status st, int32_t as_of)
{
	if (!status_is_deprecated(st))
		return 0;
	if (f->only_used && !in_use(f, r))
		return 0;
	if (f->status >= 0 && (int)st != f->status)
		return 0;
	if (f->provider != NULL && strcmp(f->provider, r->provider) != 0)
		return 0;
	if (f->q != NULL && !record_mentions(r, f->q))
		return 0;
	/* Only firm dates are due within some days. */
	if (f->within_days >= 0 && !record_due_within(r, as_of, f->within_days))
		return 0;
	return f->on == DATE_NONE || r->shutdown_on == f->on;
}

/* The rows f selects, in the snapshot's order (caller frees), and their
 * counts. */
static struct page_row *
select_rows(const struct snapshot *snap, int32_t as_of,
    const struct page_filter *f, size_t *np, struct counts *c)
{
	struct page_row *rows;
	size_t i, n = 0, total = snapshot_count(snap);

	/* Count first: the array holds the selection, not the catalog. */
	for (i = 0; i < total; i++) {
		const struct record *r = snapshot_record(snap, i);

		n += selects(f, r, record_status(r, as_of), as_of);
	}
	rows = xcalloc(n > 0 ? n : 1, sizeof(*rows));
	memset(c, 0, sizeof(*c));
	for (i = 0, n = 0; i < total; i++) {
		const struct record *r = snapshot_record(snap, i);
		enum status st = record_status(r, as_of);

		if (!selects(f, r, st, as_of))
			continue;
		rows[n].r = r;
		rows[n].st = st;
		rows[n].overdue = record_overdue(r, as_of);
		rows[n].in_use = in_use(f, r);
		n++;
		/* Only firm dates are due within some days. */
		if (st == STATUS_RETIRED)
			c->retired++;
		else {
			c->deprecated++;
			c->within30 += record_due_within(r, as_of, 29);
			c->within90 += record_due_within(r, as_of, 89);
		}
	}
	*np = n;
	return rows;
}

static void
put_stats(struct buf *h, const struct counts *c)
{
	buf_addf(h, "<ul class=\"stats\" id=\"stats\">"
	    "<li><strong>%zu</strong> deprecated</li>"
	    "<li class=\"urgency-critical\"><strong>%zu</strong> due "
	    "within 30 days</li><li class=\"urgency-soon\"><strong>%zu"
	    "</strong> within 90 days</li><li><strong>%zu</strong> retired"
	    "</li></ul>\n", c->deprecated, c->within30, c->within90,
	    c->retired);
}

static void
put_option(struct buf *h, const char *value, const char *label,
    const char *chosen)
{
	buf_adds(h, "<option value=\"");
	html_esc(h, value);
	buf_addc(h, '"');
	if (chosen != NULL && strcmp(value, chosen) == 0)
		buf_adds(h, " selected");
	buf_addc(h, '>');
	html_esc(h, label);
	buf_adds(h, "</option>");
}

/* The providers with a deprecated or retired model, one option each. */
static void
put_providers(struct buf *h, const struct snapshot *snap, int32_t as_of,
    const char *chosen)
{
	size_t i, total = snapshot_count(snap);
	const char *last = NULL;
	int seen = chosen == NULL;

	put_option(h, "", "All providers", chosen == NULL ? "" : NULL);
	/* Records come in provider order: one option per run. */
	for (i = 0; i < total; i++) {
		const struct record *r = snapshot_record(snap, i);

		if ((last != NULL && strcmp(last, r->provider) == 0) ||
		    !status_is_deprecated(record_status(r, as_of)))
			continue;
		last = r->provider;
		put_option(h, r->provider, provider_name(r->provider), chosen);
		seen |= strcmp(r->provider, chosen != NULL ? chosen : "") == 0;
	}
	/* A provider from the URL that lists nothing is still the one
	 * asked for. */
	if (!seen)
		put_option(h, chosen, chosen, chosen);
}

/* The filters as a GET form: it works without script, which only
 * sends it as soon as a choice changes. */
static void
put_form(struct buf *h, const struct page_ctx *x, const struct snapshot *snap,
    const struct page_filter *f)
{
	char date[11];

	buf_adds(h, "<form id=\"filters\" class=\"filters\" action=\"/\" "
	    "method=\"get\"><label>Provider<select id=\"filter-provider\" "
	    "name=\"provider\">");
	put_providers(h, snap, x->as_of, f->provider);
	buf_adds(h, "</select></label><label>Status<select "
	    "id=\"filter-status\" name=\"status\">");
	put_option(h, "", "Any status", f->status < 0 ? "" : NULL);
	put_option(h, "deprecated", "Deprecated",
	    f->status == STATUS_DEPRECATED ? "deprecated" : NULL);
	put_option(h, "retired", "Retired",
	    f->status == STATUS_RETIRED ? "retired" : NULL);
	buf_adds(h, "</select></label><label>Model id<input id=\"filter-q\" "
	    "name=\"q\" type=\"search\" placeholder=\"e.g. gpt-4\" value=\"");
	html_esc(h, f->q);
	buf_adds(h, "\"></label><label>Due within days<input "
	    "id=\"filter-within\" name=\"within_days\" type=\"number\" "
	    "min=\"0\" max=\"100000\" value=\"");
	if (f->within_days >= 0)
		buf_addf(h, "%ld", f->within_days);
	buf_adds(h, "\"></label><label>Shutdown on<input id=\"filter-on\" "
	    "name=\"on\" type=\"date\" value=\"");
	if (f->on != DATE_NONE) {
		date_format(f->on, date);
		buf_adds(h, date);
	}
	buf_addf(h, "\"></label><label><input id=\"filter-used\" name=\"used\" "
	    "type=\"checkbox\" value=\"1\"%s> In use only</label>",
	    f->only_used ? " checked" : "");
	if (x->keep_at)
		buf_addf(h, "<input type=\"hidden\" name=\"at\" "
		    "value=\"%s\">", x->at);
	buf_adds(h, "<button id=\"filter-submit\" type=\"submit\">Filter"
	    "</button></form>\n");
}

/* "Models 201-400 of 2913", and the links to the other pages; id is
 * the element's. */
static void
put_pager(struct buf *h, const struct page_ctx *x,
    const struct page_filter *f, long page, long pages, size_t n,
    const char *id)
{
	size_t first = (size_t)(page - 1) * PAGE_DASHBOARD_ROWS;
	size_t last = first + PAGE_DASHBOARD_ROWS < n ?
	    first + PAGE_DASHBOARD_ROWS : n;

	buf_addf(h, "<nav class=\"pager\" id=\"%s\" aria-label=\"Pages\">"
	    "<p>Models "
	    "<span class=\"first\">%zu</span>&ndash;<span class=\"last\">%zu"
	    "</span> of <strong class=\"total\">%zu</strong> &middot; page "
	    "<span class=\"page\">%ld</span> of <span class=\"pages\">%ld"
	    "</span></p><p>", id, n > 0 ? first + 1 : 0, last, n, page,
	    pages);
	if (page > 1) {
		buf_adds(h, "<a rel=\"first\" href=\"");
		page_put_dashboard_href(h, x, f, 1);
		buf_adds(h, "\">First</a> <a rel=\"prev\" href=\"");
		page_put_dashboard_href(h, x, f, page - 1);
		buf_adds(h, "\">Previous</a> ");
	}
	if (page < pages) {
		buf_adds(h, "<a rel=\"next\" href=\"");
		page_put_dashboard_href(h, x, f, page + 1);
		buf_adds(h, "\">Next</a> <a rel=\"last\" href=\"");
		page_put_dashboard_href(h, x, f, pages);
		buf_adds(h, "\">Last</a>");
	}
	buf_adds(h, "</p></nav>\n");
}

static void
put_row(struct buf *h, const struct page_ctx *x, const struct page_row *row)
{
	const struct record *r = row->r;
	int32_t as_of = x->as_of, days;
	size_t j;
	char *lower;

	buf_addf(h, "<tr class=\"model urgency-%s\" data-provider=\"",
	    page_urgency(r, as_of));
	html_esc(h, r->provider);
	buf_addf(h, "\" data-status=\"%s\" data-days=\"", status_name(row->st));
	if (record_days_left(r, as_of, &days) == 0)
		buf_addf(h, "%ld", (long)days);
	buf_adds(h, "\"");
	if (row->in_use)
		buf_adds(h, " data-used=\"1\"");
	buf_adds(h, " data-search=\"");
	lower = str_lower(xstrdup(r->id));
	html_esc(h, lower);
	free(lower);
	for (j = 0; j < r->naliases; j++) {
		lower = str_lower(xstrdup(r->aliases[j]));
		buf_adds(h, " ");
		html_esc(h, lower);
		free(lower);
	}
	buf_adds(h, "\"><td data-label=\"Model\">");
	page_put_model_link(h, x, r->provider, r->id);
	if (r->scope != NULL) {
		buf_adds(h, " <small>");
		html_esc(h, r->scope);
		buf_adds(h, "</small>");
	}
	if (row->in_use)
		buf_adds(h, " <span class=\"tag in-use\" title=\"Asked about "
		    "or reported in the last 30 days\">in use</span>");
	buf_adds(h, "</td><td data-label=\"Provider\">");
	html_esc(h, provider_name(r->provider));
	buf_adds(h, "</td><td data-label=\"Status\">");
	page_put_badge(h, row->st, 0);
	buf_adds(h, "</td><td data-label=\"Shutdown\">");
	if (r->shutdown_on == DATE_NONE)
		buf_adds(h, "\xe2\x80\x94");
	else {
		if (r->shutdown_kind == SHUTDOWN_EARLIEST)
			buf_adds(h, "not before ");
		buf_adds(h, "<time>");
		page_put_date(h, r->shutdown_on);
		buf_adds(h, "</time>");
	}
	buf_adds(h, "</td><td data-label=\"Days left\" class=\"num\">");
	if (record_days_left(r, as_of, &days) < 0 ||
	    (record_earliest_passed(r, as_of) && row->st == STATUS_RETIRED))
		buf_adds(h, "\xe2\x80\x94");
	else if (row->overdue)
		buf_adds(h, "any day");
	else if (days >= 0)
		buf_addf(h, "%ld", (long)days);
	else
		buf_addf(h, "%ld ago", (long)-days);
	buf_adds(h, "</td><td data-label=\"Replacement\">");
	if (r->nreplacements > 0)
		page_put_named_link(h, x, r->replacements[0].provider,
		    r->replacements[0].id);
	else
		buf_adds(h, "\xe2\x80\x94");
	buf_adds(h, "</td></tr>\n");
}

/* The rows of one page, in a table. */
static void
put_table(struct buf *h, const struct page_ctx *x,
    const struct page_row *rows, size_t n)
{
	size_t i;

	buf_adds(h, "<table class=\"models\" id=\"models\"><thead><tr>"
	    "<th>Model</th><th>Provider</th><th>Status</th><th>Shutdown</th>"
	    "<th>Days left</th><th>Replacement</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++)
		put_row(h, x, &rows[i]);
	buf_adds(h, "</tbody></table>\n");
}

char *
page_dashboard(const struct snapshot *snap, int32_t as_of,
    const struct page_filter *f)
{
	struct buf h;
	struct page_ctx x;
	struct counts c;
	struct page_row *rows;
	size_t n, first;
	long page, pages;
	char *title, *api;

	page_ctx_init(&x, snap, as_of);
	rows = select_rows(snap, as_of, f, &n, &c);
	pages = n > 0 ? (long)((n - 1) / PAGE_DASHBOARD_ROWS) + 1 : 1;
	page = f->page < 1 ? 1 : f->page > pages ? pages : f->page;
	first = (size_t)(page - 1) * PAGE_DASHBOARD_ROWS;

	buf_init(&h, DASHBOARD_MAX);
	title = pages > 1 ? xasprintf("AI model deprecations, page %ld of %ld "
	    "\xe2\x80\x94 sunset", page, pages) :
	    xstrdup("AI model deprecations \xe2\x80\x94 sunset");
	page_open(&h, &x, title, NULL);
	free(title);
	buf_adds(&h, "<h1>AI model deprecations</h1>\n");
	put_stats(&h, &c);
	put_form(&h, &x, snap, f);
	page_put_timeline(&h, &x, f, rows, n);
	qsort(rows, n, sizeof(*rows), page_by_urgency);
	buf_adds(&h, "<p><a href=\"/v1/calendar.ics\">Subscribe to the "
	    "shutdown calendar</a>.</p>\n");
	put_pager(&h, &x, f, page, pages, n, "pager");
	if (n == 0)
		buf_adds(&h, "<p id=\"empty\">No model matches these filters."
		    "</p>\n");
	else {
		put_table(&h, &x, rows + first, n - first <
		    PAGE_DASHBOARD_ROWS ? n - first : PAGE_DASHBOARD_ROWS);
		if (pages > 1)
			put_pager(&h, &x, f, page, pages, n, "pager-end");
	}
	free(rows);
	api = xasprintf("/v1/deprecations%s%s", x.keep_at ? "?at=" : "",
	    x.keep_at ? x.at : "");
	page_close(&h, &x, api, "assets/dashboard-filters.js");
	free(api);
	return buf_take(&h, NULL);
}
