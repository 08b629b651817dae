/*
 * page_timeline.c - the dashboard's picture of the coming year: the
 * shutdowns of the next 12 months as an SVG drawn here, inline in the
 * page, with no script.
 *
 * One lane per provider, a tick per month, one mark per provider, day
 * and kind of date: a filled circle for a firm shutdown, a hollow
 * diamond for a "not before" date, with a legend, a <title> each and a
 * count where several models share the mark.  The drawing is bounded
 * whatever the catalog holds: at most LANES_MAX lanes of MARKS_MAX marks,
 * and what does not fit is counted ("+N more").
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

#define WIDTH		720
#define PLOT_X0		150	/* lane labels to the left */
#define PLOT_X1		650	/* "+N more" to the right */
#define AXIS_H		38	/* month and year labels */
#define LANE_H		26
#define LEGEND_H	36
#define LANES_MAX	24
#define MARKS_MAX	40	/* per lane */
#define TITLE_IDS	5	/* ids a shared mark's title names */
#define COUNT_W		6.5	/* the width of a digit of a count */
#define LABEL_MAX	20	/* characters of a lane's label */

static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* One provider's shutdowns, in date order. */
struct lane {
	const struct record	*const *recs;
	size_t			 n;
	const char		*name;	/* the provider's, as shown */
};

/* The days the picture covers: [from, to). */
struct window {
	int32_t	from;
	int32_t	to;
};

static int
earliest(const struct record *r)
{
	return r->shutdown_kind == SHUTDOWN_EARLIEST;
}

/* Day, kind, then the snapshot's order (provider, id). */
static int
by_day(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;

	if (x->shutdown_on != y->shutdown_on)
		return x->shutdown_on < y->shutdown_on ? -1 : 1;
	if (earliest(x) != earliest(y))
		return earliest(x) - earliest(y);
	return x < y ? -1 : x > y;
}

/* The soonest first shutdown first. */
static int
by_first_date(const void *a, const void *b)
{
	const struct lane *x = a, *y = b;
	int32_t dx = x->recs[0]->shutdown_on, dy = y->recs[0]->shutdown_on;

	if (dx != dy)
		return dx < dy ? -1 : 1;
	return strcmp(x->recs[0]->provider, y->recs[0]->provider);
}

/* By the name shown, then the slug. */
static int
by_name(const void *a, const void *b)
{
	const struct lane *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->recs[0]->provider,
	    y->recs[0]->provider);
}

/* The same day a year later (28 February for a 29th), or the day after
 * the last one a date may be. */
static int32_t
year_later(int32_t date)
{
	int32_t later;
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	if ((later = date_from_ymd(y + 1, m, d)) == DATE_NONE)
		later = date_from_ymd(9999, 12, 31) + 1;
	return later;
}

static double
x_of(const struct window *w, int32_t date)
{
	return PLOT_X0 + (double)(date - w->from) * (PLOT_X1 - PLOT_X0) /
	    (double)(w->to - w->from);
}

/* A tick and its label at the first of each month inside the window;
 * the year under January and under the first tick. */
static void
put_axis(struct buf *h, const struct window *w, int height)
{
	int32_t d;
	int y, m, day, first = 1;
	double x;

	buf_addf(h, "<line class=\"tick start\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\"/>", PLOT_X0, AXIS_H - 8, PLOT_X0, height - LEGEND_H);
	date_to_ymd(w->from, &y, &m, &day);
	for (;;) {
		if (++m > 12) {
			m = 1;
			y++;
		}
		d = date_from_ymd(y, m, 1);
		if (d == DATE_NONE || d >= w->to)
			break;
		x = x_of(w, d);
		buf_addf(h, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" "
		    "x2=\"%.1f\" y2=\"%d\"/><text class=\"month\" x=\"%.1f\" "
		    "y=\"14\">%s</text>", x, AXIS_H - 8, x, height - LEGEND_H,
		    x + 3, months[m - 1]);
		if (m == 1 || first)
			buf_addf(h, "<text class=\"year\" x=\"%.1f\" y=\"27\">"
			    "%d</text>", x + 3, y);
		first = 0;
	}
}

/* A lane's label, cut to LABEL_MAX characters (not bytes) with an
 * ellipsis, to stay left of the plot. */
static void
put_label(struct buf *h, const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t chars = 0;
	char *cut;

	for (; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80 && ++chars > LABEL_MAX)
			break;
	if (*p == '\0') {
		html_esc(h, name);
		return;
	}
	cut = xstrndup(name, (size_t)((const char *)p - name));
	html_esc(h, cut);
	buf_adds(h, "\xe2\x80\xa6");
	free(cut);
}

/* The tooltip of a mark for recs[0..n). */
static void
put_title(struct buf *h, const struct record *const *recs, size_t n)
{
	const struct record *r = recs[0];
	const char *when = earliest(r) ? "not before" : "shutdown";
	size_t i;

	buf_adds(h, "<title>");
	if (n == 1) {
		html_esc(h, r->id);
		buf_adds(h, " (");
		html_esc(h, provider_name(r->provider));
		buf_addf(h, "): %s ", when);
		page_put_date(h, r->shutdown_on);
	} else {
		buf_addf(h, "%zu models (", n);
		html_esc(h, provider_name(r->provider));
		buf_addf(h, "), %s ", when);
		page_put_date(h, r->shutdown_on);
		buf_adds(h, ": ");
		for (i = 0; i < n && i < TITLE_IDS; i++) {
			if (i > 0)
				buf_adds(h, ", ");
			html_esc(h, recs[i]->id);
		}
		if (n > TITLE_IDS)
			buf_addf(h, " and %zu more", n - TITLE_IDS);
	}
	buf_adds(h, "</title>");
}

/* One mark for recs[0..n), which share provider, day and kind: a link
 * to the model's page, or to the dashboard of that day. */
static void
put_mark(struct buf *h, const struct page_ctx *x,
    const struct page_filter *f, const struct window *w, int y,
    double *edges, const struct record *const *recs, size_t n)
{
	const struct record *r = recs[0];
	struct page_filter day = *f;
	double at = x_of(w, r->shutdown_on);
	char num[24];
	int row;

	buf_adds(h, "<a href=\"");
	if (n == 1)
		page_put_model_href(h, x, r->provider, r->id);
	else {
		day.provider = r->provider;
		day.on = r->shutdown_on;
		page_put_dashboard_href(h, x, &day, 1);
	}
	buf_adds(h, "\">");
	put_title(h, recs, n);
	buf_addf(h, "<g class=\"mark %s\" transform=\"translate(%.1f,%d)\" "
	    "data-date=\"", earliest(r) ? "earliest" : "firm", at, y);
	page_put_date(h, r->shutdown_on);
	buf_addf(h, "\" data-count=\"%zu\">", n);
	if (earliest(r))
		buf_adds(h, "<path d=\"M0-6L6 0L0 6L-6 0Z\"/>");
	else
		buf_adds(h, "<circle r=\"5\"/>");
	/* The count goes above the mark, else below, where it does not run
	 * into the count before it; else only the title says it. */
	snprintf(num, sizeof(num), "%zu", n);
	for (row = 0; n > 1 && row < 2; row++) {
		if (at + 6 < edges[row] + 3)
			continue;
		buf_addf(h, "<text class=\"count\" x=\"6\" y=\"%d\">%s</text>",
		    row == 0 ? -5 : 13, num);
		edges[row] = at + 6 + COUNT_W * (double)strlen(num);
		break;
	}
	buf_adds(h, "</g></a>");
}

/* The lane of one provider, recs[0..n): its marks, up to MARKS_MAX, and
 * how many models did not fit. */
static void
put_lane(struct buf *h, const struct page_ctx *x,
    const struct page_filter *f, const struct window *w, int lane,
    const struct record *const *recs, size_t n)
{
	int y = AXIS_H + lane * LANE_H + LANE_H / 2;
	double edges[2] = { 0, 0 };	/* where the counts so far end */
	size_t i, j, marks = 0;

	buf_addf(h, "<g class=\"lane\" data-provider=\"");
	html_esc(h, recs[0]->provider);
	buf_addf(h, "\"><line class=\"rule\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\"/><text class=\"provider\" x=\"%d\" y=\"%d\">",
	    PLOT_X0, y, PLOT_X1, y, PLOT_X0 - 8, y + 4);
	put_label(h, provider_name(recs[0]->provider));
	buf_adds(h, "</text>");
	for (i = 0; i < n && marks < MARKS_MAX; i = j, marks++) {
		for (j = i + 1; j < n &&
		    recs[j]->shutdown_on == recs[i]->shutdown_on &&
		    earliest(recs[j]) == earliest(recs[i]); j++)
			;
		put_mark(h, x, f, w, y, edges, recs + i, j - i);
	}
	if (i < n)
		buf_addf(h, "<text class=\"more\" x=\"%d\" y=\"%d\">+%zu more"
		    "</text>", PLOT_X1 + 10, y + 4, n - i);
	buf_adds(h, "</g>");
}

static void
put_legend(struct buf *h, int height)
{
	int y = height - LEGEND_H / 2;

	buf_addf(h, "<g class=\"legend\" transform=\"translate(%d,%d)\">"
	    "<g class=\"key firm\"><circle r=\"5\"/></g>"
	    "<text x=\"12\" y=\"4\">firm shutdown</text>"
	    "<g class=\"key earliest\" transform=\"translate(150,0)\">"
	    "<path d=\"M0-6L6 0L0 6L-6 0Z\"/></g>"
	    "<text x=\"162\" y=\"4\">not before (may come later)</text>"
	    "<text class=\"count\" x=\"370\" y=\"4\">3</text>"
	    "<text x=\"382\" y=\"4\">models on one day</text></g>",
	    PLOT_X0, y);
}

/* The open of the figure: the SVG and its label, for m models in
 * lanes lanes. */
static void
put_open(struct buf *h, const struct window *w, int height, size_t m,
    size_t lanes)
{
	char to[11];

	date_format(w->to - 1, to);
	buf_addf(h, "<figure class=\"timeline\" id=\"timeline\"><svg "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"Shutdowns "
	    "from ", WIDTH, height, WIDTH, height);
	page_put_date(h, w->from);
	buf_addf(h, " to %s: %zu models of %zu providers; firm dates are "
	    "filled circles, not-before dates hollow diamonds\">", to, m,
	    lanes);
}

/*
 * The lanes of recs[0..m), in provider order, each sorted here by day:
 * *nlanes of them (caller frees).  When there are more than LANES_MAX,
 * those whose first shutdown is soonest are drawn; the drawn ones come
 * first, in the order of the providers' names.
 */
static struct lane *
make_lanes(const struct record **recs, size_t m, size_t *nlanes)
{
	struct lane *lanes;
	size_t i, j, n = 0;

	for (i = 0; i < m; i++)
		n += i == 0 || strcmp(recs[i]->provider,
		    recs[i - 1]->provider) != 0;
	lanes = xcalloc(n, sizeof(*lanes));
	for (i = 0, n = 0; i < m; i = j, n++) {
		for (j = i + 1; j < m &&
		    strcmp(recs[j]->provider, recs[i]->provider) == 0; j++)
			;
		qsort(recs + i, j - i, sizeof(*recs), by_day);
		lanes[n].recs = recs + i;
		lanes[n].n = j - i;
		lanes[n].name = provider_name(recs[i]->provider);
	}
	if (n > LANES_MAX)
		qsort(lanes, n, sizeof(*lanes), by_first_date);
	qsort(lanes, n < LANES_MAX ? n : LANES_MAX, sizeof(*lanes), by_name);
	*nlanes = n;
	return lanes;
}

void
page_put_timeline(struct buf *h, const struct page_ctx *x,
    const struct page_filter *f, const struct page_row *rows, size_t n)
{
	struct window w;
	const struct record **recs;
	struct lane *lanes;
	size_t i, m = 0, nlanes, hidden_models = 0;
	int height;

	w.from = x->as_of;
	w.to = year_later(x->as_of);
	recs = xcalloc(n > 0 ? n : 1, sizeof(*recs));
	for (i = 0; i < n; i++) {
		const struct record *r = rows[i].r;

		if (r->shutdown_on != DATE_NONE && r->shutdown_on >= w.from &&
		    r->shutdown_on < w.to)
			recs[m++] = r;
	}
	buf_adds(h, "<h2 id=\"timeline-heading\">The next 12 months</h2>\n");
	if (m == 0) {
		buf_adds(h, "<p id=\"timeline-empty\">No shutdown from ");
		page_put_date(h, w.from);
		buf_adds(h, " to ");
		page_put_date(h, w.to - 1);
		buf_adds(h, ".</p>\n");
		free(recs);
		return;
	}
	lanes = make_lanes(recs, m, &nlanes);
	height = AXIS_H + (int)(nlanes <= LANES_MAX ? nlanes : LANES_MAX + 1) *
	    LANE_H + LEGEND_H;
	put_open(h, &w, height, m, nlanes);
	put_axis(h, &w, height);
	for (i = 0; i < nlanes && i < LANES_MAX; i++)
		put_lane(h, x, f, &w, (int)i, lanes[i].recs, lanes[i].n);
	for (; i < nlanes; i++)
		hidden_models += lanes[i].n;
	if (nlanes > LANES_MAX)
		buf_addf(h, "<text class=\"more\" x=\"%d\" y=\"%d\">+%zu more "
		    "providers (%zu models)</text>", PLOT_X0,
		    AXIS_H + LANES_MAX * LANE_H + LANE_H / 2 + 4,
		    nlanes - LANES_MAX, hidden_models);
	put_legend(h, height);
	buf_adds(h, "</svg></figure>\n");
	free(lanes);
	free(recs);
}
