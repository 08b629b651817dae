/*
 * page_dashboard.c - every deprecated and retired model on one page,
 * ordered by urgency, with the counts that matter and filters that work
 * from the URL alone.
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

char *
page_dashboard(const struct snapshot *snap, int32_t as_of)
{
	struct buf h;
	struct page_ctx x;
	size_t i, j, n = 0, total = snapshot_count(snap);
	size_t within30 = 0, within90 = 0, retired = 0;
	struct page_row *rows = xcalloc(total > 0 ? total : 1, sizeof(*rows));
	const char *last = NULL;
	int32_t days;
	char *lower;

	buf_init(&h, BUF_MAX_INTERNAL);
	page_ctx_init(&x, snap, as_of);
	for (i = 0; i < total; i++) {
		const struct record *r = snapshot_record(snap, i);
		enum status st = record_status(r, as_of);

		if (!status_is_deprecated(st))
			continue;
		rows[n].r = r;
		rows[n].st = st;
		rows[n].overdue = record_overdue(r, as_of);
		n++;
		/* Only firm dates are due within some days. */
		if (st == STATUS_RETIRED)
			retired++;
		else {
			within30 += record_due_within(r, as_of, 29);
			within90 += record_due_within(r, as_of, 89);
		}
	}
	qsort(rows, n, sizeof(*rows), page_by_urgency);

	page_open(&h, &x, "AI model deprecations \xe2\x80\x94 sunset", NULL);
	buf_adds(&h, "<h1>AI model deprecations</h1>\n<ul class=\"stats\" "
	    "id=\"stats\">");
	buf_addf(&h, "<li><strong>%zu</strong> deprecated</li>"
	    "<li class=\"urgency-critical\"><strong>%zu</strong> due "
	    "within 30 days</li><li class=\"urgency-soon\"><strong>%zu"
	    "</strong> within 90 days</li><li><strong>%zu</strong> retired"
	    "</li></ul>\n", n - retired, within30, within90, retired);

	buf_adds(&h, "<form id=\"filters\" class=\"filters\" action=\"/\" "
	    "method=\"get\"><label>Provider<select id=\"filter-provider\" "
	    "name=\"provider\"><option value=\"\">All providers</option>");
	/* Records come in provider order: one option per run. */
	for (i = 0; i < total; i++) {
		const struct record *r = snapshot_record(snap, i);

		if (!status_is_deprecated(record_status(r, as_of)) ||
		    (last != NULL && strcmp(last, r->provider) == 0))
			continue;
		last = r->provider;
		buf_adds(&h, "<option value=\"");
		html_esc(&h, r->provider);
		buf_adds(&h, "\">");
		html_esc(&h, provider_name(r->provider));
		buf_adds(&h, "</option>");
	}
	buf_adds(&h, "</select></label><label>Status<select "
	    "id=\"filter-status\" name=\"status\"><option value=\"\">Any status"
	    "</option><option value=\"deprecated\">Deprecated</option>"
	    "<option value=\"retired\">Retired</option></select></label>"
	    "<label>Model id<input id=\"filter-q\" name=\"q\" type=\"search\" "
	    "placeholder=\"e.g. gpt-4\"></label>");
	if (x.keep_at)
		buf_addf(&h, "<input type=\"hidden\" name=\"at\" "
		    "value=\"%s\">", x.at);
	buf_addf(&h, "</form>\n<p><span id=\"count\">%zu</span> models shown."
	    "<noscript> Filtering needs JavaScript; every model is listed."
	    "</noscript> <a href=\"/v1/calendar.ics\">Subscribe to the "
	    "shutdown calendar</a>.</p>\n", n);

	buf_adds(&h, "<table class=\"models\" id=\"models\"><thead><tr>"
	    "<th>Model</th><th>Provider</th><th>Status</th><th>Shutdown</th>"
	    "<th>Days left</th><th>Replacement</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct record *r = rows[i].r;

		buf_addf(&h, "<tr class=\"model urgency-%s\" data-provider=\"",
		    page_urgency(r, as_of));
		html_esc(&h, r->provider);
		buf_addf(&h, "\" data-status=\"%s\" data-days=\"",
		    status_name(rows[i].st));
		if (record_days_left(r, as_of, &days) == 0)
			buf_addf(&h, "%ld", (long)days);
		buf_adds(&h, "\" data-search=\"");
		lower = str_lower(xstrdup(r->id));
		html_esc(&h, lower);
		free(lower);
		for (j = 0; j < r->naliases; j++) {
			lower = str_lower(xstrdup(r->aliases[j]));
			buf_adds(&h, " ");
			html_esc(&h, lower);
			free(lower);
		}
		buf_adds(&h, "\"><td data-label=\"Model\">");
		page_put_model_link(&h, &x, r->provider, r->id);
		if (r->scope != NULL) {
			buf_adds(&h, " <small>");
			html_esc(&h, r->scope);
			buf_adds(&h, "</small>");
		}
		buf_adds(&h, "</td><td data-label=\"Provider\">");
		html_esc(&h, provider_name(r->provider));
		buf_adds(&h, "</td><td data-label=\"Status\">");
		page_put_badge(&h, rows[i].st, 0);
		buf_adds(&h, "</td><td data-label=\"Shutdown\">");
		if (r->shutdown_on == DATE_NONE)
			buf_adds(&h, "\xe2\x80\x94");
		else {
			if (r->shutdown_kind == SHUTDOWN_EARLIEST)
				buf_adds(&h, "not before ");
			buf_adds(&h, "<time>");
			page_put_date(&h, r->shutdown_on);
			buf_adds(&h, "</time>");
		}
		buf_adds(&h, "</td><td data-label=\"Days left\" "
		    "class=\"num\">");
		if (record_days_left(r, as_of, &days) < 0 ||
		    (record_earliest_passed(r, as_of) &&
		    rows[i].st == STATUS_RETIRED))
			buf_adds(&h, "\xe2\x80\x94");
		else if (rows[i].overdue)
			buf_adds(&h, "any day");
		else if (days >= 0)
			buf_addf(&h, "%ld", (long)days);
		else
			buf_addf(&h, "%ld ago", (long)-days);
		buf_adds(&h, "</td><td data-label=\"Replacement\">");
		if (r->nreplacements > 0)
			page_put_named_link(&h, &x, r->replacements[0].provider,
			    r->replacements[0].id);
		else
			buf_adds(&h, "\xe2\x80\x94");
		buf_adds(&h, "</td></tr>\n");
	}
	buf_adds(&h, "</tbody></table>\n<p id=\"empty\" hidden>No model "
	    "matches these filters.</p>\n");
	free(rows);
	lower = xasprintf("/v1/deprecations%s%s", x.keep_at ? "?at=" : "",
	    x.keep_at ? x.at : "");
	page_close(&h, &x, lower, "assets/dashboard-filters.js");
	free(lower);
	return buf_take(&h, NULL);
}
