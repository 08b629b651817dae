/*
 * page_int.h - what the page modules share: the link context and the
 * pieces every page is built from.  Not for use outside page*.c.
 */
#ifndef SUNSET_PAGE_INT_H
#define SUNSET_PAGE_INT_H

#include <stdint.h>

#include "buf.h"
#include "page.h"
#include "record.h"

struct snapshot;

/* What every link needs: the date to keep in ?at=, if any, and the
 * snapshot a link to a named model must resolve in. */
struct page_ctx {
	int32_t			 as_of;
	int			 keep_at;
	char			 at[11];
	const struct snapshot	*snap;
};

/* One row of a list ordered by urgency. */
struct page_row {
	const struct record	*r;
	enum status		 st;
	int			 overdue;	/* record_overdue() */
	int			 in_use;	/* page_filter's in_use */
};

/* A date as YYYY-MM-DD. */
void page_put_date(struct buf *h, int32_t date);

/* "?at=..." (first) or "&amp;at=..." when the page keeps a date. */
void page_put_at(struct buf *h, const struct page_ctx *x, int first);

/* The href of a model page; provider may be NULL. */
void page_put_model_href(struct buf *h, const struct page_ctx *x,
    const char *provider, const char *id);

/* <a class="id" href="...">id</a> */
void page_put_model_link(struct buf *h, const struct page_ctx *x,
    const char *provider, const char *id);

/*
 * The model a record names (a replacement, a step of its chain; provider
 * may be NULL): a link to the record it resolves to, as the answer
 * resolves it, else to the bare id when that alone finds a record, else
 * the id as text.  No link leads to a page that does not exist.
 */
void page_put_named_link(struct buf *h, const struct page_ctx *x,
    const char *provider, const char *id);

/* Everything before <main>: title (text, escaped here) and the header
 * with the search box. */
void page_open(struct buf *h, const struct page_ctx *x, const char *title,
    const char *search);

/* <script> with the asset from data/assets called name, inlined. */
void page_put_script(struct buf *h, const char *name);

/* The footer, and the script from data/assets called script, if any. */
void page_close(struct buf *h, const struct page_ctx *x,
    const char *api_path, const char *script);

/* The context of a page about as_of in snap: keeps ?at= unless it is
 * today. */
void page_ctx_init(struct page_ctx *x, const struct snapshot *snap,
    int32_t as_of);

/* urgency-* class of a record on as_of: how soon it stops working.  An
 * earliest date that has come is "overdue": any day, no count. */
const char *page_urgency(const struct record *r, int32_t as_of);

/* The status badge; with_id, it is the page's element id="status". */
void page_put_badge(struct buf *h, enum status st, int with_id);

/* Deprecated before retired; deprecated by shutdown, soonest first, then
 * the overdue ones (an earliest date that has come); retired most recent
 * first; no date last; then provider and id. */
int page_by_urgency(const void *a, const void *b);

/* The href of the dashboard with the filters f, on page (from 1). */
void page_put_dashboard_href(struct buf *h, const struct page_ctx *x,
    const struct page_filter *f, long page);

/*
 * The shutdowns among rows (n of them, in the snapshot's order: provider,
 * then id) on the 12 months from x->as_of, as an inline SVG: one lane per
 * provider, a mark per day, firm and "not before" dates told apart by
 * shape, fill and a legend; a mark links to its model page, or to the
 * dashboard of that day (f narrowed to it) when several models share it.
 * Lanes and marks are capped; what does not fit is counted.  A sentence
 * when nothing falls in the window.
 */
void page_put_timeline(struct buf *h, const struct page_ctx *x,
    const struct page_filter *f, const struct page_row *rows, size_t n);

#endif
