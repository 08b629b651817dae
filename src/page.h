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

/*
 * The dashboard: every deprecated and retired model, deprecated first by
 * shutdown date (soonest first), then retired ones (most recent first),
 * coloured by urgency, with a provider and status filter and a search box
 * that also read their first values from the URL (?provider=, ?status=,
 * ?q=).  Returns the page, which the caller frees.
 */
char *page_dashboard(const struct snapshot *snap, int32_t as_of);

/* A short page with a heading and one paragraph (errors such as a bad
 * ?at=).  Returns the page, which the caller frees. */
char *page_message(const char *title, const char *text);

#endif
