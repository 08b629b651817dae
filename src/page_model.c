/*
 * page_model.c - the page about one model: what happens and when, what to
 * use instead, what a month of tokens costs there, and how to move (quick
 * fix, client errors, where to look in the code, a checklist), the
 * provider's other deprecations and the sources; or, for an id the
 * catalog does not know, the near ids.
 *
 * It renders the same struct answer (answer_resolve) the JSON is written
 * from: the same lookup, the same chain, the same advice.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "advice.h"
#include "answer.h"
#include "cost.h"
#include "date.h"
#include "guide.h"
#include "html.h"
#include "match.h"
#include "page.h"
#include "page_int.h"
#include "provider.h"
#include "util.h"

#define OTHERS_MAX	20	/* same-provider deprecations on a model page */
#define SUGGEST_MAX	10	/* near ids on the unknown-model page */

/* <time datetime="2026-07-23">Thursday, 23 July 2026</time> */
static void
put_long_date(struct buf *h, int32_t date)
{
	static const char *days[] = { "Sunday", "Monday", "Tuesday",
		"Wednesday", "Thursday", "Friday", "Saturday" };
	static const char *months[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September",
		"October", "November", "December" };
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	buf_adds(h, "<time datetime=\"");
	page_put_date(h, date);
	/* 1970-01-01 was a Thursday. */
	buf_addf(h, "\">%s, %d %s %d</time>", days[((date % 7) + 11) % 7], d,
	    months[m - 1], y);
}

/* A price with up to four decimals, at least two: "$0.075", "$2.50". */
static void
put_money(struct buf *h, double v, int sign)
{
	char buf[48], *dot;
	size_t n;

	snprintf(buf, sizeof(buf), "%.4f", v < 0 ? -v : v);
	n = strlen(buf);
	if ((dot = strchr(buf, '.')) != NULL)
		while (buf[n - 1] == '0' && n > (size_t)(dot - buf) + 3)
			buf[--n] = '\0';
	if (sign)
		buf_adds(h, v > 0 ? "+" : v < 0 ? "\xe2\x88\x92" : "\xc2\xb1");
	else if (v < 0)
		buf_adds(h, "\xe2\x88\x92");
	buf_adds(h, "$");
	buf_adds(h, buf);
}

static int
is_http_url(const char *url)
{
	return url != NULL && (strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "http://", 7) == 0);
}

/* "76 days left", "Shuts down today", "Retired 3 days ago", "May stop
 * any day" (an earliest date that has come: never a count of days). */
static void
put_days(struct buf *h, const struct record *r, int32_t as_of, int big)
{
	enum status st = record_status(r, as_of);
	int32_t days;

	if (record_days_left(r, as_of, &days) < 0) {
		buf_adds(h, st == STATUS_RETIRED ? "Retired" :
		    "No shutdown date announced");
		return;
	}
	if (record_overdue(r, as_of))
		buf_adds(h, "May stop any day");
	else if (record_earliest_passed(r, as_of))
		/* Retired by a source; the date only bounds when. */
		buf_adds(h, "Retired");
	else if (days > 0 && st == STATUS_RETIRED)
		/* A source says it is gone before its date. */
		buf_addf(h, "Retired ahead of its date, %ld day%s away",
		    (long)days, days == 1 ? "" : "s");
	else if (days > 0) {
		if (r->shutdown_kind == SHUTDOWN_EARLIEST)
			buf_adds(h, "at least ");
		buf_addf(h, big ? "<strong>%ld</strong> day%s left" :
		    "%ld day%s left", (long)days, days == 1 ? "" : "s");
	} else if (days == 0)
		buf_adds(h, "Shuts down today");
	else
		buf_addf(h, "Retired %ld day%s ago", (long)-days,
		    days == -1 ? "" : "s");
}

/* The shutdown date, and whether it is firm or "not before". */
static void
put_shutdown(struct buf *h, const struct record *r)
{
	if (r->shutdown_on == DATE_NONE) {
		buf_adds(h, "Not announced");
		return;
	}
	if (r->shutdown_kind == SHUTDOWN_EARLIEST) {
		buf_adds(h, "Not before ");
		put_long_date(h, r->shutdown_on);
		buf_adds(h, " <span class=\"tag earliest\">earliest date: it "
		    "may be later</span>");
	} else {
		put_long_date(h, r->shutdown_on);
		buf_adds(h, " <span class=\"tag firm\">firm date</span>");
	}
}

/* Opens <dt>label</dt><dd id=... */
static void
fact(struct buf *h, const char *label, const char *id)
{
	buf_addf(h, "<dt>%s</dt><dd id=\"%s\"", label, id);
}

/* "$0.60 input &middot; $2.40 output per million tokens", each price
 * only when known; 0 and nothing written when neither is. */
static int
put_price_pair(struct buf *h, double input, int has_input, double output,
    int has_output, int sign, const char *unit)
{
	if (!has_input && !has_output)
		return 0;
	if (has_input) {
		put_money(h, input, sign);
		buf_adds(h, " input");
	}
	if (has_input && has_output)
		buf_adds(h, " &middot; ");
	if (has_output) {
		put_money(h, output, sign);
		buf_adds(h, " output");
	}
	buf_addf(h, " per million %s", unit);
	return 1;
}

/* r's text and audio prices, or unknown when it has none (r may be
 * NULL). */
static void
put_pricing(struct buf *h, const struct record *r, const char *unknown)
{
	if (r == NULL || !record_has_pricing(r)) {
		buf_adds(h, unknown);
		return;
	}
	if (put_price_pair(h, r->input_per_mtok, r->input_per_mtok >= 0,
	    r->output_per_mtok, r->output_per_mtok >= 0, 0, "tokens") &&
	    (r->audio_input_per_mtok >= 0 || r->audio_output_per_mtok >= 0))
		buf_adds(h, "; ");
	put_price_pair(h, r->audio_input_per_mtok,
	    r->audio_input_per_mtok >= 0, r->audio_output_per_mtok,
	    r->audio_output_per_mtok >= 0, 0, "audio tokens");
}

/* Status, days, dates, replacement, chain, effort, prices. */
static void
write_summary(struct buf *h, const struct page_ctx *x, const struct answer *a)
{
	const struct record *r = a->record, *to = a->to;
	const struct answer_step *resolved = answer_resolved(a);
	const char *chain_error = answer_chain_error_name(a->chain_error);
	const char *effort = a->effort, *kind;
	const struct price_change *pc = &a->price_change;
	size_t i;

	buf_addf(h, "<section class=\"summary urgency-%s\" id=\"summary\">",
	    page_urgency(r, x->as_of));
	page_put_badge(h, a->state.status, 1);
	buf_adds(h, "<p class=\"days\" id=\"days-left\" data-days=\"");
	if (a->state.has_days)
		buf_addf(h, "%ld", (long)a->state.days_left);
	buf_adds(h, "\">");
	put_days(h, r, x->as_of, 1);
	buf_adds(h, "</p>\n<dl class=\"facts\">");

	fact(h, "Shutdown", "shutdown");
	buf_addf(h, " data-kind=\"%s\" data-date=\"",
	    r->shutdown_kind == SHUTDOWN_NONE ? "" :
	    shutdown_kind_name(r->shutdown_kind));
	if (r->shutdown_on != DATE_NONE)
		page_put_date(h, r->shutdown_on);
	buf_adds(h, "\">");
	put_shutdown(h, r);
	if (r->shutdown_on != DATE_NONE) {
		buf_adds(h, " <a class=\"calendar\" href=\"/v1/calendar/");
		html_pct(h, r->id);
		buf_adds(h, ".ics?provider=");
		html_pct(h, r->provider);
		buf_adds(h, "\">Add to calendar</a>");
	}
	buf_adds(h, "</dd>\n");

	if (r->announced_on != DATE_NONE) {
		fact(h, "Announced", "announced");
		buf_adds(h, ">");
		put_long_date(h, r->announced_on);
		buf_adds(h, "</dd>\n");
	}

	fact(h, "Replacement", "replacement");
	buf_adds(h, " data-id=\"");
	if (r->nreplacements > 0)
		html_esc(h, r->replacements[0].id);
	buf_adds(h, "\">");
	if (r->nreplacements == 0)
		buf_adds(h, "None announced");
	for (i = 0; i < r->nreplacements; i++) {
		const struct replacement *rp = &r->replacements[i];

		if (i > 0)
			buf_adds(h, i + 1 == r->nreplacements ? " or " : ", ");
		page_put_named_link(h, x, rp->provider, rp->id);
		if (strcmp(rp->provider, r->provider) != 0) {
			buf_adds(h, " on ");
			html_esc(h, provider_name(rp->provider));
		}
		if (rp->note != NULL) {
			buf_adds(h, " <small>(");
			html_esc(h, rp->note);
			buf_adds(h, ")</small>");
		}
		if (i == 0 && r->nreplacements > 1)
			buf_adds(h, " <small>(recommended)</small>");
	}
	buf_adds(h, "</dd>\n");

	fact(h, "Migrate to", "resolved");
	buf_adds(h, " data-id=\"");
	html_esc(h, resolved != NULL ? resolved->id : NULL);
	buf_adds(h, "\">");
	if (resolved == NULL)
		buf_adds(h, "No replacement announced");
	else {
		page_put_named_link(h, x, resolved->record != NULL ?
		    resolved->record->provider : NULL, resolved->id);
		if (a->nchain > 1) {
			buf_adds(h, "<br><small class=\"chain\">");
			if (to != NULL && to->shutdown_on != DATE_NONE) {
				html_esc(h, to->id);
				buf_adds(h, " is itself ");
				buf_adds(h, status_name(a->to_status));
				buf_adds(h, " (shutdown ");
				page_put_date(h, to->shutdown_on);
				buf_adds(h, "): ");
			}
			buf_adds(h, "chain ");
			html_esc(h, r->id);
			for (i = 0; i < a->nchain; i++) {
				buf_adds(h, " &rarr; ");
				html_esc(h, a->chain[i].id);
			}
			buf_adds(h, "</small>");
		}
		if (chain_error != NULL) {
			buf_adds(h, "<br><small class=\"chain-error\">The "
			    "chain stops here: ");
			html_esc(h, chain_error);
			buf_adds(h, ".</small>");
		}
	}
	buf_adds(h, "</dd>\n");

	fact(h, "Effort", "effort");
	buf_adds(h, " data-effort=\"");
	html_esc(h, effort);
	buf_adds(h, "\">");
	if (effort == NULL)
		buf_adds(h, "Unknown: no replacement is announced");
	else {
		buf_addf(h, "<span class=\"tag effort-%s\">%s</span> ", effort,
		    effort);
		if (strcmp(effort, "trivial") == 0)
			buf_adds(h, "an id swap: same provider, same kind of "
			    "model");
		else if (to == NULL)
			buf_adds(h, "the catalog does not know the "
			    "replacement");
		else if (strcmp(to->provider, r->provider) != 0) {
			buf_adds(h, "the replacement is served by ");
			html_esc(h, provider_name(to->provider));
		} else {
			kind = advice_kind(to);
			buf_adds(h, "the replacement is another kind of model");
			if (kind != NULL) {
				buf_adds(h, " (");
				html_esc(h, kind);
				buf_adds(h, ")");
			}
		}
	}
	buf_adds(h, "</dd>\n");

	fact(h, "Pricing", "pricing");
	buf_adds(h, ">");
	put_pricing(h, r, "Not known");
	buf_adds(h, "</dd>\n");

	fact(h, "Price change", "price-change");
	if (a->has_price_change) {
		buf_addf(h, " data-input=\"%g\" data-output=\"%g\"", pc->input,
		    pc->output);
		if (pc->has_audio_input)
			buf_addf(h, " data-audio-input=\"%g\"",
			    pc->audio_input);
		if (pc->has_audio_output)
			buf_addf(h, " data-audio-output=\"%g\"",
			    pc->audio_output);
		buf_adds(h, ">");
		put_price_pair(h, pc->input, 1, pc->output, 1, 1, "tokens");
		if (pc->has_audio_input || pc->has_audio_output)
			buf_adds(h, "; ");
		put_price_pair(h, pc->audio_input, pc->has_audio_input,
		    pc->audio_output, pc->has_audio_output, 1,
		    "audio tokens");
		buf_adds(h, " moving to ");
		html_esc(h, to->id);
	} else
		buf_adds(h, ">Not known (the catalog needs both models' "
		    "prices)");
	buf_adds(h, "</dd>\n</dl>\n</section>\n");
}

/*
 * The cost calculator: what a month of tokens costs on the model and on
 * the model its replacement chain ends at, and the difference.  The
 * server works it out from the form's fields (a GET form: it works
 * without script); assets/cost-calculator.js does the same integer
 * arithmetic from the prices in the fields' data attributes as the user
 * types, and writes the same words.
 */
struct calc {
	const struct record	*from;
	const struct record	*to;		/* NULL: not in the catalog */
	const char		*to_id;		/* NULL: no replacement */
	int			 shown[COST_NPARTS];
	const char		*raw[COST_NPARTS];	/* as the user wrote */
	enum cost_error		 err[COST_NPARTS];
	uint64_t		 tokens[COST_NPARTS];
	int64_t			 from_price[COST_NPARTS];
	int64_t			 to_price[COST_NPARTS];
	int			 bad;		/* a field is refused */
};

static const char *cost_labels[COST_NPARTS] = {
	"Input tokens", "Output tokens", "Audio input tokens",
	"Audio output tokens"
};

/* What a field holds when the request names none. */
#define COST_DEFAULT	"1,000,000"

static int
kind_is_audio(const struct record *r)
{
	const char *kind = advice_kind(r);

	return kind != NULL && (strcmp(kind, "realtime") == 0 ||
	    strcmp(kind, "audio") == 0);
}

static void
calc_init(struct calc *c, const struct answer *a,
    const struct page_cost_args *args)
{
	const struct answer_step *resolved = answer_resolved(a);
	int part, given = 0, audio;

	memset(c, 0, sizeof(*c));
	c->from = a->record;
	if (resolved != NULL) {
		c->to = resolved->record;
		c->to_id = resolved->id;
	}
	cost_prices(c->from, c->from_price);
	for (part = 0; part < COST_NPARTS; part++)
		c->to_price[part] = -1;
	if (c->to != NULL)
		cost_prices(c->to, c->to_price);
	audio = kind_is_audio(c->from) || (c->to != NULL &&
	    kind_is_audio(c->to));
	for (part = 0; part < COST_NPARTS; part++) {
		c->shown[part] = part == COST_INPUT || part == COST_OUTPUT ||
		    audio || c->from_price[part] >= 0 ||
		    c->to_price[part] >= 0;
		if (args != NULL && args->tokens[part] != NULL &&
		    c->shown[part])
			given = 1;
	}
	for (part = 0; part < COST_NPARTS; part++) {
		if (!c->shown[part])
			continue;
		c->raw[part] = !given ? COST_DEFAULT :
		    args->tokens[part] != NULL ? args->tokens[part] : "";
		c->err[part] = cost_parse_tokens(c->raw[part],
		    &c->tokens[part]);
		if (c->err[part] != COST_OK)
			c->bad = 1;
	}
}

/* One side's cost: "$12.34 a month", or why it is not known. */
static int
put_side_cost(struct buf *h, const char *dd_id, const struct calc *c,
    const char *id, const int64_t *price, uint64_t *cents)
{
	enum cost_part missing;
	int known = 0, priced = 0, part;

	for (part = 0; part < COST_NPARTS; part++)
		if (price[part] >= 0)
			priced = 1;

	buf_addf(h, "<dd id=\"%s\" data-cents=\"", dd_id);
	if (!c->bad && id != NULL &&
	    cost_cents(c->tokens, price, cents, &missing) == 0) {
		known = 1;
		buf_addf(h, "%llu", (unsigned long long)*cents);
	}
	buf_adds(h, "\">");
	if (c->bad)
		buf_adds(h, "&mdash;");
	else if (id == NULL)
		buf_adds(h, "No replacement is announced.");
	else if (known) {
		cost_put_money(h, *cents);
		buf_adds(h, " a month");
	} else {
		/* Which price, when the model has some. */
		if (priced)
			buf_addf(h, "No %s price known for ",
			    cost_part_name(missing));
		else
			buf_adds(h, "No price known for ");
		html_esc(h, id);
		buf_adds(h, ".");
	}
	buf_adds(h, "</dd>\n");
	return known;
}

/* "More: +$1.23 a month (+10.0%)", "Less: ...", "Same: ...". */
static void
put_difference(struct buf *h, uint64_t from, uint64_t to)
{
	const char *verdict, *sign;
	uint64_t diff = to > from ? to - from : from - to, mag;
	int64_t tenths;
	int pct = cost_change_tenths(from, to, &tenths) == 0;

	if (to > from) {
		verdict = "more";
		sign = "+";
	} else if (to < from) {
		verdict = "less";
		sign = "\xe2\x88\x92";
	} else {
		verdict = "same";
		sign = "\xc2\xb1";
	}
	buf_addf(h, "<dd id=\"cost-diff\" data-verdict=\"%s\" data-cents=\"%s"
	    "%llu\" data-tenths=\"", verdict, to < from ? "-" : "",
	    (unsigned long long)diff);
	if (pct)
		buf_addf(h, "%lld", (long long)tenths);
	buf_addf(h, "\">%s: %s", to > from ? "More" : to < from ? "Less" :
	    "Same", sign);
	cost_put_money(h, diff);
	buf_adds(h, " a month");
	if (pct) {
		mag = (uint64_t)(tenths < 0 ? -tenths : tenths);
		buf_addf(h, " (%s", sign);
		cost_put_grouped(h, mag / 10);
		buf_addf(h, ".%u%%)", (unsigned)(mag % 10));
	}
	buf_adds(h, "</dd>\n");
}

/* One field: label, input with its part's prices, and its error. */
static void
put_cost_field(struct buf *h, const struct calc *c, int part)
{
	const char *param = cost_param((enum cost_part)part);
	const char *err = cost_error_text(c->err[part]);

	buf_addf(h, "<div class=\"field\"><label for=\"cost-%s\">%s a month"
	    "</label><input id=\"cost-%s\" name=\"%s\" type=\"text\" "
	    "inputmode=\"decimal\" autocomplete=\"off\" spellcheck=\"false\" "
	    "data-label=\"%s\" data-part=\"%s\" data-from=\"", param,
	    cost_labels[part], param, param, cost_labels[part],
	    cost_part_name((enum cost_part)part));
	if (c->from_price[part] >= 0)
		buf_addf(h, "%lld", (long long)c->from_price[part]);
	buf_adds(h, "\" data-to=\"");
	if (c->to_price[part] >= 0)
		buf_addf(h, "%lld", (long long)c->to_price[part]);
	buf_addf(h, "\" aria-describedby=\"cost-%s-error\"%s value=\"", param,
	    err != NULL ? " aria-invalid=\"true\"" : "");
	html_esc(h, c->raw[part]);
	buf_addf(h, "\"><p class=\"error\" id=\"cost-%s-error\"%s>", param,
	    err != NULL ? "" : " hidden");
	if (err != NULL)
		buf_addf(h, "%s: %s.", cost_labels[part], err);
	buf_adds(h, "</p></div>\n");
}

/* <code>from</code>, and <code>to</code> after and when there is one. */
static void
put_ids(struct buf *h, const struct calc *c, const char *and)
{
	buf_adds(h, "<code>");
	html_esc(h, c->from->id);
	buf_adds(h, "</code>");
	if (c->to_id != NULL) {
		buf_adds(h, and);
		buf_adds(h, "<code>");
		html_esc(h, c->to_id);
		buf_adds(h, "</code>");
	}
}

static void
write_cost(struct buf *h, const struct page_ctx *x, const struct answer *a,
    const struct page_cost_args *args)
{
	struct calc c;
	uint64_t from = 0, to = 0;
	int part, has_from, has_to;

	calc_init(&c, a, args);
	buf_adds(h, "<section id=\"cost\">\n<h2>");
	buf_adds(h, c.to_id != NULL ? "Will this migration cost more?" :
	    "What it costs");
	buf_adds(h, "</h2>\n<p>");
	if (!record_has_pricing(c.from) && (c.to == NULL ||
	    !record_has_pricing(c.to))) {
		buf_adds(h, "The catalog knows no price for ");
		put_ids(h, &c, " nor for ");
		buf_adds(h, ", so it cannot say what a month of tokens "
		    "costs.</p>\n</section>\n");
		return;
	}
	buf_adds(h, "What a month of tokens costs on ");
	put_ids(h, &c, " and on ");
	if (c.to_id != NULL)
		buf_adds(h, ", where its replacements lead");
	buf_adds(h, ", at the catalog's list prices in US dollars (cached "
	    "input and batch discounts aside). Write counts as 2000000, "
	    "2,000,000 or 2M (k, M, B, T).</p>\n"
	    "<form id=\"cost-form\" class=\"cost\" method=\"get\" "
	    "action=\"/models/");
	html_pct(h, c.from->id);
	buf_adds(h, "#cost\" data-from-id=\"");
	html_esc(h, c.from->id);
	buf_adds(h, "\" data-to-id=\"");
	html_esc(h, c.to_id);
	buf_adds(h, "\">\n<input type=\"hidden\" name=\"provider\" value=\"");
	html_esc(h, c.from->provider);
	buf_adds(h, "\">");
	if (x->keep_at)
		buf_addf(h, "<input type=\"hidden\" name=\"at\" value=\"%s\">",
		    x->at);
	buf_adds(h, "\n");
	for (part = 0; part < COST_NPARTS; part++)
		if (c.shown[part])
			put_cost_field(h, &c, part);
	buf_adds(h, "<button type=\"submit\">Compare</button>\n</form>\n"
	    "<dl class=\"facts cost-result\" id=\"cost-result\" "
	    "aria-live=\"polite\">\n<dt>");
	html_esc(h, c.from->id);
	buf_adds(h, " <small>now</small></dt>");
	has_from = put_side_cost(h, "cost-from", &c, c.from->id,
	    c.from_price, &from);
	buf_adds(h, "<dt>");
	if (c.to_id != NULL) {
		html_esc(h, c.to_id);
		if (c.to != NULL && strcmp(c.to->provider,
		    c.from->provider) != 0) {
			buf_adds(h, " on ");
			html_esc(h, provider_name(c.to->provider));
		}
		buf_adds(h, " <small>after</small>");
	} else
		buf_adds(h, "Replacement");
	buf_adds(h, "</dt>");
	has_to = put_side_cost(h, "cost-to", &c, c.to_id, c.to_price, &to);
	buf_adds(h, "<dt>Difference</dt>");
	if (has_from && has_to)
		put_difference(h, from, to);
	else {
		buf_adds(h, "<dd id=\"cost-diff\" data-verdict=\"\" "
		    "data-cents=\"\" data-tenths=\"\">");
		buf_adds(h, c.bad ? "Fix the token counts above." :
		    c.to_id == NULL ? "Nothing to compare with." :
		    "Not known without both prices.");
		buf_adds(h, "</dd>\n");
	}
	buf_adds(h, "</dl>\n");
	buf_adds(h, "<p class=\"muted\" id=\"cost-prices\"><code>");
	html_esc(h, c.from->id);
	buf_adds(h, "</code>: ");
	put_pricing(h, c.from, "no price known");
	if (c.to_id != NULL) {
		buf_adds(h, "<br><code>");
		html_esc(h, c.to_id);
		buf_adds(h, "</code>: ");
		put_pricing(h, c.to, "no price known");
	}
	buf_adds(h, "</p>\n</section>\n");
	page_put_script(h, "assets/cost-calculator.js");
}

static void
put_code_block(struct buf *h, const char *cls, const char *text)
{
	buf_addf(h, "<div class=\"code\"><pre><code class=\"%s\">", cls);
	html_esc(h, text);
	buf_adds(h, "</code></pre></div>");
}

static void
write_quick_fix(struct buf *h, const struct answer *a, const char *to_id)
{
	const struct record *r = a->record;
	struct guide_fix fix;
	int lang;

	guide_quick_fix(r, advice_kind(r), to_id, &fix);
	buf_adds(h, "<section id=\"quick-fix\">\n<h2>Quick fix</h2>\n<p>");
	if (to_id == NULL)
		buf_adds(h, "No replacement is announced yet. When you pick "
		    "one, this is the call to change");
	else {
		buf_adds(h, "Change <code>");
		html_esc(h, r->id);
		buf_adds(h, "</code> to <code class=\"to\">");
		html_esc(h, to_id);
		buf_adds(h, "</code>");
		if (r->nreplacements > 0 &&
		    strcmp(r->replacements[0].id, to_id) != 0) {
			buf_adds(h, ". The announced replacement, <code>");
			html_esc(h, r->replacements[0].id);
			buf_adds(h, "</code>, is itself ");
			buf_adds(h, a->to != NULL ? status_name(a->to_status) :
			    "deprecated");
			buf_adds(h, ", so this goes straight to the end of the "
			    "chain");
		}
	}
	buf_adds(h, " (");
	html_esc(h, fix.api);
	buf_adds(h, ").</p>\n");
	if (fix.note != NULL) {
		buf_adds(h, "<p class=\"note\">");
		html_esc_code(h, fix.note);
		buf_adds(h, "</p>\n");
	}
	for (lang = 0; lang < GUIDE_NLANGS; lang++) {
		buf_addf(h, "<details class=\"lang\" data-lang=\"%s\"%s>"
		    "<summary>%s</summary><div class=\"fix\">",
		    guide_lang_name(lang), lang == 0 ? " open" : "",
		    guide_lang_name(lang));
		buf_adds(h, "<figure><figcaption>Before</figcaption>");
		put_code_block(h, "before", fix.before[lang]);
		buf_adds(h, "</figure>");
		if (fix.after[lang] != NULL) {
			buf_adds(h, "<figure><figcaption>After</figcaption>");
			put_code_block(h, "after", fix.after[lang]);
			buf_adds(h, "</figure>");
		}
		buf_adds(h, "</div></details>\n");
	}
	buf_adds(h, "</section>\n");
	guide_fix_clear(&fix);
}

static void
write_errors(struct buf *h, const struct record *r, const struct page_ctx *x)
{
	const struct guide_error *e;
	const char *note = guide_errors_note(r->provider);
	char *text;
	size_t i, n;

	e = guide_errors(r->provider, &n);
	buf_adds(h, "<section id=\"errors\">\n<h2>What clients see after the "
	    "shutdown</h2>\n<p>");
	if (r->shutdown_on != DATE_NONE &&
	    r->shutdown_kind == SHUTDOWN_EARLIEST) {
		/* Only a bound on the day: no "since" for it. */
		buf_adds(h, record_overdue(r, x->as_of) ? "Once it is shut "
		    "down (any day now, not before " : "Once it is shut down "
		    "(not before ");
		page_put_date(h, r->shutdown_on);
		buf_adds(h, "), ");
	} else if (r->shutdown_on != DATE_NONE) {
		buf_adds(h, r->shutdown_on < x->as_of ? "Since " : "From ");
		page_put_date(h, r->shutdown_on);
		buf_adds(h, ", ");
	} else
		buf_adds(h, "Once it is shut down, ");
	buf_adds(h, "calls to <code>");
	html_esc(h, r->id);
	buf_adds(h, "</code> on ");
	html_esc(h, provider_name(r->provider));
	buf_adds(h, " fail with errors like these.");
	if (note != NULL) {
		buf_adds(h, " ");
		html_esc_code(h, note);
	}
	buf_adds(h, " Paste an error a client got into <code>POST "
	    "/v1/explain</code> to learn which model it is about.</p>\n"
	    "<ul class=\"plain errors\">\n");
	for (i = 0; i < n; i++) {
		buf_addf(h, "<li data-status=\"%u\"><p><span "
		    "class=\"http\">HTTP %u</span> <code class=\"code-name\">",
		    e[i].status, e[i].status);
		html_esc(h, e[i].code);
		buf_adds(h, "</code></p><p class=\"message\">");
		text = guide_expand(e[i].message, r->id);
		html_esc_code(h, text);
		free(text);
		buf_adds(h, "</p><p class=\"when muted\">");
		text = guide_expand(e[i].when, r->id);
		html_esc_code(h, text);
		free(text);
		buf_adds(h, "</p></li>\n");
	}
	buf_adds(h, "</ul>\n</section>\n");
}

static void
write_find(struct buf *h, const struct record *r)
{
	char *cmd, *quoted;

	buf_adds(h, "<section id=\"find\">\n<h2>Find every use</h2>\n"
	    "<p>Whole words, fixed strings: the id");
	if (r->naliases > 0)
		buf_adds(h, " and its aliases");
	buf_adds(h, ", in every file under the current directory.</p>\n");
	cmd = guide_grep(r);
	put_code_block(h, "grep", cmd);
	free(cmd);
	cmd = guide_rg(r);
	put_code_block(h, "rg", cmd);
	free(cmd);
	buf_adds(h, "\n<p>Or check a whole tree for every deprecated id in the "
	    "catalog, and one id from a script or CI:</p>\n");
	put_code_block(h, "scan", GUIDE_SCAN);
	quoted = guide_shell_quote(r->id);
	cmd = xasprintf("sunset check %s", quoted);
	put_code_block(h, "check", cmd);
	free(cmd);
	free(quoted);
	buf_adds(h, "\n</section>\n");
}

static void
write_checklist(struct buf *h, const struct record *r)
{
	const char *kind = advice_kind(r), *title;
	const char *const *items = guide_checklist(kind, &title);

	buf_adds(h, "<section id=\"checklist\" data-kind=\"");
	html_esc(h, kind);
	buf_adds(h, "\">\n<h2>Migration checklist: ");
	html_esc(h, title);
	buf_adds(h, "</h2>\n<ul class=\"plain checklist\">\n");
	for (; *items != NULL; items++) {
		buf_adds(h, "<li><label><input type=\"checkbox\"><span>");
		html_esc_code(h, *items);
		buf_adds(h, "</span></label></li>\n");
	}
	buf_adds(h, "</ul>\n</section>\n");
}

/* One <li> of a list of models: link, status, date, days. */
static void
put_model_item(struct buf *h, const struct page_ctx *x, const struct record *o,
    int with_provider)
{
	int32_t days;

	buf_addf(h, "<li class=\"urgency-%s\" data-provider=\"", page_urgency(o,
	    x->as_of));
	html_esc(h, o->provider);
	buf_adds(h, "\" data-days=\"");
	if (record_days_left(o, x->as_of, &days) == 0)
		buf_addf(h, "%ld", (long)days);
	buf_adds(h, "\">");
	page_put_model_link(h, x, o->provider, o->id);
	if (with_provider) {
		buf_adds(h, " <span>");
		html_esc(h, provider_name(o->provider));
		buf_adds(h, "</span>");
	}
	buf_adds(h, " ");
	page_put_badge(h, record_status(o, x->as_of), 0);
	if (o->shutdown_on != DATE_NONE) {
		buf_adds(h, " <span>");
		if (o->shutdown_kind == SHUTDOWN_EARLIEST)
			buf_adds(h, "not before ");
		page_put_date(h, o->shutdown_on);
		buf_adds(h, "</span>");
	}
	buf_adds(h, " <span class=\"num\">");
	put_days(h, o, x->as_of, 0);
	buf_adds(h, "</span></li>\n");
}

/* Other deprecations of the same provider, soonest first, and the same
 * model on other platforms. */
static void
write_others(struct buf *h, const struct page_ctx *x,
    const struct snapshot *snap, const struct answer *a)
{
	const struct record *r = a->record;
	size_t i, n = 0, total = snapshot_count(snap);
	struct page_row *rows = xcalloc(total > 0 ? total : 1, sizeof(*rows));

	for (i = 0; i < total; i++) {
		const struct record *o = snapshot_record(snap, i);
		enum status st;

		if (o == r || strcmp(o->provider, r->provider) != 0)
			continue;
		st = record_status(o, x->as_of);
		if (st != STATUS_DEPRECATED)
			continue;
		rows[n].r = o;
		rows[n].st = st;
		rows[n].overdue = record_overdue(o, x->as_of);
		n++;
	}
	qsort(rows, n, sizeof(*rows), page_by_urgency);
	buf_adds(h, "<section id=\"others\">\n<h2>Other ");
	html_esc(h, provider_name(r->provider));
	buf_adds(h, " deprecations</h2>\n");
	if (n == 0)
		buf_adds(h, "<p>No other model of this provider is scheduled "
		    "for shutdown.</p>\n");
	else {
		buf_addf(h, "<p><span id=\"others-count\">%zu</span> other "
		    "model%s scheduled to shut down, soonest first", n,
		    n == 1 ? "" : "s");
		if (n > OTHERS_MAX)
			buf_addf(h, " (the first %d here)", OTHERS_MAX);
		buf_adds(h, ". <a href=\"/?provider=");
		html_pct(h, r->provider);
		buf_adds(h, "&amp;status=deprecated");
		page_put_at(h, x, 0);
		buf_adds(h, "\">All of them on the dashboard</a>.</p>\n"
		    "<ul class=\"plain others\">\n");
		for (i = 0; i < n && i < OTHERS_MAX; i++)
			put_model_item(h, x, rows[i].r, 0);
		buf_adds(h, "</ul>\n");
	}
	if (a->nothers > 0) {
		buf_adds(h, "<h3 id=\"platforms\">The same model on other "
		    "platforms</h3>\n<ul class=\"plain others\">\n");
		for (i = 0; i < a->nothers; i++)
			put_model_item(h, x, a->others[i].record, 1);
		buf_adds(h, "</ul>\n");
	}
	buf_adds(h, "</section>\n");
	free(rows);
}

static void
write_sources(struct buf *h, const struct record *r)
{
	size_t i;

	buf_adds(h, "<section id=\"sources\">\n<h2>Sources</h2>\n");
	if (r->nsources == 0)
		buf_adds(h, "<p>No source is recorded for this model.</p>\n");
	else
		buf_adds(h, "<ul>\n");
	for (i = 0; i < r->nsources; i++) {
		const struct source *s = &r->sources[i];

		buf_adds(h, "<li>");
		if (is_http_url(s->url)) {
			buf_adds(h, "<a rel=\"noopener noreferrer\" href=\"");
			html_esc(h, s->url);
			buf_adds(h, "\">");
			html_esc(h, s->url);
			buf_adds(h, "</a>");
		} else if (s->url != NULL) {
			buf_adds(h, "<span class=\"id\">");
			html_esc(h, s->url);
			buf_adds(h, "</span>");
		} else
			buf_adds(h, "(no URL)");
		if (s->feed != NULL) {
			buf_adds(h, " <small>feed ");
			html_esc(h, s->feed);
			buf_adds(h, "</small>");
		}
		if (s->last_seen != NULL) {
			buf_adds(h, " <small>last seen ");
			html_esc(h, s->last_seen);
			buf_adds(h, "</small>");
		}
		buf_adds(h, "</li>\n");
	}
	if (r->nsources > 0)
		buf_adds(h, "</ul>\n");
	buf_adds(h, "</section>\n");
}

/* The "/v1/models/..." link of the answer this page shows. */
static char *
api_path(const struct page_ctx *x, const char *query, const char *provider)
{
	struct buf p;

	buf_init(&p, BUF_MAX_INTERNAL);
	buf_adds(&p, "/v1/models/");
	html_pct(&p, query);
	if (provider != NULL && *provider != '\0') {
		buf_adds(&p, "?provider=");
		html_pct(&p, provider);
		page_put_at(&p, x, 0);
	} else
		page_put_at(&p, x, 1);
	return buf_take(&p, NULL);
}

static const char *match_words[] = {
	[MATCH_NONE] = "",
	[MATCH_EXACT] = "exact",
	[MATCH_ALIAS] = "an alias",
	[MATCH_NORMALIZED] = "a normalized spelling",
	[MATCH_FAMILY] = "its model family",
	[MATCH_FINE_TUNE] = "the base model of a fine-tune",
};

/* The page for an id the catalog does not know. */
static char *
unknown_page(const struct snapshot *snap, const struct page_ctx *x,
    const char *query, const char *provider)
{
	struct buf h;
	struct match_key key;
	char family[MATCH_ID_MAX], *title;
	size_t i, n = 0, total = snapshot_count(snap);
	int have_key = query != NULL && match_key(query, &key) == 0;
	int have_family = have_key &&
	    match_family(key.id, family, sizeof(family)) == 0;

	buf_init(&h, BUF_MAX_INTERNAL);
	title = xasprintf("Unknown model: %s \xe2\x80\x94 sunset",
	    query != NULL ? query : "");
	page_open(&h, x, title, query);
	free(title);
	buf_adds(&h, "<h1 id=\"model\">Unknown model</h1>\n<section "
	    "id=\"unknown\"><p>The catalog has never heard of <code "
	    "class=\"query\">");
	html_esc(&h, query);
	buf_adds(&h, "</code>");
	if (provider != NULL && *provider != '\0') {
		buf_adds(&h, " on ");
		html_esc(&h, provider_name(provider));
	}
	buf_adds(&h, ". That does not mean it is active: check the spelling, "
	    "or search the catalog.</p>\n"
	    "<form id=\"search\" class=\"search\" action=\"/\" method=\"get\" "
	    "role=\"search\"><input type=\"search\" name=\"q\" "
	    "aria-label=\"Model id\" value=\"");
	html_esc(&h, have_key ? key.id : query);
	buf_adds(&h, "\">");
	if (x->keep_at)
		buf_addf(&h, "<input type=\"hidden\" name=\"at\" "
		    "value=\"%s\">", x->at);
	buf_adds(&h, "<button type=\"submit\">Search deprecations</button>"
	    "</form>\n");
	for (i = 0; have_key && *key.id != '\0' && i < total &&
	    n < SUGGEST_MAX; i++) {
		const struct record *r = snapshot_record(snap, i);

		if (strcasestr(r->id, key.id) == NULL && (!have_family ||
		    strcasestr(r->id, family) == NULL))
			continue;
		if (n++ == 0)
			buf_adds(&h, "<h2>Similar ids</h2>\n<ul "
			    "id=\"suggestions\" class=\"plain others\">\n");
		put_model_item(&h, x, r, 1);
	}
	if (n > 0)
		buf_adds(&h, "</ul>\n");
	buf_adds(&h, "<p><a href=\"/");
	page_put_at(&h, x, 1);
	buf_adds(&h, "\">Every deprecation</a></p></section>\n");
	page_close(&h, x, NULL, NULL);
	return buf_take(&h, NULL);
}

char *
page_model(const struct snapshot *snap, const char *query,
    const char *provider, int32_t as_of, const struct page_cost_args *cost,
    int *found)
{
	struct buf h;
	struct page_ctx x;
	struct answer a;
	const struct record *r;
	const struct answer_step *resolved;
	const char *to_id;
	char *title, *path;
	size_t i;

	buf_init(&h, BUF_MAX_INTERNAL);
	page_ctx_init(&x, snap, as_of);
	a.record = NULL;
	if (query != NULL)
		answer_resolve(&a, snap, query, provider, as_of);
	if ((r = a.record) == NULL) {
		*found = 0;
		return unknown_page(snap, &x, query, provider);
	}
	*found = 1;

	title = xasprintf("%s (%s): %s \xe2\x80\x94 sunset", r->id,
	    provider_name(r->provider), status_name(a.state.status));
	page_open(&h, &x, title, NULL);
	free(title);

	buf_adds(&h, "<h1 id=\"model\" class=\"id\">");
	html_esc(&h, r->id);
	buf_adds(&h, "</h1>\n<p class=\"meta\"><a id=\"provider\" "
	    "data-provider=\"");
	html_esc(&h, r->provider);
	buf_adds(&h, "\" href=\"/?provider=");
	html_pct(&h, r->provider);
	page_put_at(&h, &x, 0);
	buf_adds(&h, "\">");
	html_esc(&h, provider_name(r->provider));
	buf_adds(&h, "</a>");
	if (advice_kind(r) != NULL) {
		buf_adds(&h, " &middot; <span id=\"kind\">");
		html_esc(&h, advice_kind(r));
		buf_adds(&h, "</span>");
	}
	if (r->scope != NULL) {
		buf_adds(&h, " &middot; scope <span id=\"scope\">");
		html_esc(&h, r->scope);
		buf_adds(&h, "</span>");
	}
	buf_adds(&h, "</p>\n");
	if (r->naliases > 0) {
		buf_adds(&h, "<p id=\"aliases\">Also called ");
		for (i = 0; i < r->naliases; i++) {
			if (i > 0)
				buf_adds(&h, ", ");
			buf_adds(&h, "<code>");
			html_esc(&h, r->aliases[i]);
			buf_adds(&h, "</code>");
		}
		buf_adds(&h, "</p>\n");
	}
	if (a.match != MATCH_EXACT) {
		buf_adds(&h, "<p class=\"muted\" id=\"match\" data-match=\"");
		buf_adds(&h, match_words[a.match]);
		buf_adds(&h, "\">You asked for <code>");
		html_esc(&h, query);
		buf_adds(&h, "</code>; this record matches it by ");
		buf_adds(&h, match_words[a.match]);
		buf_adds(&h, ".</p>\n");
	}

	write_summary(&h, &x, &a);
	write_cost(&h, &x, &a, cost);
	resolved = answer_resolved(&a);
	to_id = resolved != NULL ? resolved->id : a.replacement;
	write_quick_fix(&h, &a, to_id);
	write_errors(&h, r, &x);
	write_find(&h, r);
	write_checklist(&h, r);
	write_others(&h, &x, snap, &a);
	write_sources(&h, r);

	path = api_path(&x, query, provider);
	page_close(&h, &x, path, "assets/copy-buttons.js");
	free(path);
	return buf_take(&h, NULL);
}
