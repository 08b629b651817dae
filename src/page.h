/*
 * page.h - the HTML pages: one page per model (what happens, when, what
 * to use instead and how to move) and the dashboard of every deprecation.
 *
 * Pages are rendered from a snapshot, the way answers are, and say the
 * same thing: the model page asks answer.c for the replacement chain and
 * advice.c for the effort and price change.  They are self-contained
 * (inline CSS and script, nothing fetched from the network), and every
 * string that comes from a feed or a query is HTML-escaped.  Links keep
 * the as_of date (?at=) when it is not today's.
 */
#ifndef SUNSET_PAGE_H
#define SUNSET_PAGE_H

#include <stdint.h>

#include "cost.h"
#include "snapshot.h"

#define PAGE_CONTENT_TYPE "text/html; charset=utf-8"

/* The cost calculator's fields as the request spells them (?in_tokens=,
 * ?out_tokens=, ...: cost_param()), by part; NULL when absent. */
struct page_cost_args {
	const char	*tokens[COST_NPARTS];
};

/*
 * The page about the model query names (matched as the API matches it;
 * provider may be NULL or empty), on as_of, with the cost calculator
 * filled from cost (NULL, or no field given: a million tokens in each
 * field).  A bad field is said beside it on the page.  Sets *found to 1,
 * or to 0 when the catalog does not know the id, and then the page is
 * the "unknown model" page with a search box (served with 404).  Returns
 * the page, which the caller frees.
 */
char *page_model(const struct snapshot *snap, const char *query,
    const char *provider, int32_t as_of, const struct page_cost_args *cost,
    int *found);

/* What the dashboard lists: its filters (from the URL) and the page. */
struct page_filter {
	const char	*provider;	/* NULL: every provider */
	const char	*q;		/* part of an id or alias; NULL: any */
	int		 status;	/* STATUS_DEPRECATED, STATUS_RETIRED,
					 * or -1 for both */
	long		 within_days;	/* a firm date at most this far; -1 */
	int32_t		 on;		/* shutdown on this day; DATE_NONE */
	long		 page;		/* from 1; past the last, the last */
	/* Which models are in use (the usage inventory): marked "in use";
	 * NULL: none is. */
	int		(*in_use)(const void *ctx, const struct record *r);
	const void	*in_use_ctx;
	int		 only_used;	/* used=1: only the models in use */
};

/* Rows on one page of the dashboard. */
#define PAGE_DASHBOARD_ROWS	200

/* No filter, the first page. */
void page_filter_init(struct page_filter *f);

/*
 * The dashboard: the deprecated and retired models that f selects,
 * deprecated first by shutdown date (soonest first), then retired ones
 * (most recent first), coloured by urgency, PAGE_DASHBOARD_ROWS to a
 * page; the counts, the total and the timeline of the next 12 months
 * cover every model f selects, not only the page's.  The filter form
 * and the page links carry the filters in the URL.  Returns the page,
 * which the caller frees, or NULL when it would pass its size cap.
 */
char *page_dashboard(const struct snapshot *snap, int32_t as_of,
    const struct page_filter *f);

/* A short page with a heading and one paragraph (errors such as a bad
 * ?at=).  Returns the page, which the caller frees. */
char *page_message(const char *title, const char *text);

#endif
