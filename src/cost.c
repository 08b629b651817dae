/*
 * cost.c - token counts, prices in a fixed unit, and exact cents.
 *
 * A cost is tokens (at most 10^15) times a price (at most 10^12
 * micro-dollars per million tokens): up to 2^90 picodollars a part, more
 * than 64 bits hold.  The sums are kept in two 64-bit halves and
 * divided down to cents once, so the rounding is the same whatever the
 * machine's floating point does.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cost.h"

/* Picodollars in a cent: tokens times micro-dollars per million tokens
 * are picodollars. */
#define PICO_PER_CENT	10000000000ULL

/* An unsigned 128-bit number. */
struct wide {
	uint64_t	hi;
	uint64_t	lo;
};

static const char *params[COST_NPARTS] = {
	"in_tokens", "out_tokens", "audio_in_tokens", "audio_out_tokens"
};

static const char *part_names[COST_NPARTS] = {
	"input", "output", "audio input", "audio output"
};

const char *
cost_param(enum cost_part part)
{
	return params[part];
}

const char *
cost_part_name(enum cost_part part)
{
	return part_names[part];
}

const char *
cost_error_text(enum cost_error e)
{
	switch (e) {
	case COST_SYNTAX:
		return "not a number of tokens (write 2000000, 2,000,000 or "
		    "2M)";
	case COST_FRACTION:
		return "not a whole number of tokens";
	case COST_RANGE:
		return "more than 1,000T tokens";
	default:
		return NULL;
	}
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Reads the digits of the whole part into *n (capped just above
 * COST_TOKENS_MAX: more is out of range anyway); commas, when there are
 * any, must part groups of three after a first group of one to three.
 * Returns the bytes read, 0 when they are not digits so grouped.
 */
static size_t
whole_part(const char *s, uint64_t *n)
{
	size_t i = 0, first;

	*n = 0;
	while (is_digit(s[i])) {
		if (*n <= COST_TOKENS_MAX)
			*n = *n * 10 + (uint64_t)(s[i] - '0');
		i++;
	}
	first = i;
	if (first == 0 || s[i] != ',')
		return i;
	if (first > 3)
		return 0;
	while (s[i] == ',') {
		if (!is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
		    !is_digit(s[i + 3]) || is_digit(s[i + 4]))
			return 0;
		for (i++; is_digit(s[i]); i++)
			if (*n <= COST_TOKENS_MAX)
				*n = *n * 10 + (uint64_t)(s[i] - '0');
	}
	return i;
}

/* The power of ten a suffix stands for; -1 when c is none. */
static int
suffix_power(char c)
{
	switch (c) {
	case 'k': case 'K':
		return 3;
	case 'm': case 'M':
		return 6;
	case 'b': case 'B':
		return 9;
	case 't': case 'T':
		return 12;
	default:
		return -1;
	}
}

enum cost_error
cost_parse_tokens(const char *s, uint64_t *tokens)
{
	const char *frac = NULL, *end;
	uint64_t whole, scale = 1, part = 0;
	size_t len, nfrac = 0, i;
	int power = 0;

	*tokens = 0;
	if (s == NULL)
		return COST_OK;
	if (strlen(s) > COST_INPUT_MAX)
		return COST_SYNTAX;
	while (is_blank(*s))
		s++;
	for (end = s + strlen(s); end > s && is_blank(end[-1]); end--)
		;
	if (end == s)
		return COST_OK;
	if ((len = whole_part(s, &whole)) == 0)
		return COST_SYNTAX;
	s += len;
	if (*s == '.') {
		frac = ++s;
		while (is_digit(*s))
			s++;
		if ((nfrac = (size_t)(s - frac)) == 0)
			return COST_SYNTAX;
	}
	while (s < end && is_blank(*s))
		s++;
	if (s < end) {
		if ((power = suffix_power(*s)) < 0 || s + 1 != end)
			return COST_SYNTAX;
	}
	/* Trailing zeros of a fraction say nothing. */
	while (nfrac > 0 && frac[nfrac - 1] == '0')
		nfrac--;
	if (nfrac > (size_t)power)
		return COST_FRACTION;
	for (i = 0; i < (size_t)power; i++)
		scale *= 10;
	for (i = 0; i < (size_t)power; i++)
		part = part * 10 + (i < nfrac ? (uint64_t)(frac[i] - '0') : 0);
	if (whole > COST_TOKENS_MAX / scale ||
	    whole * scale > COST_TOKENS_MAX - part)
		return COST_RANGE;
	*tokens = whole * scale + part;
	return COST_OK;
}

int64_t
cost_price(double per_mtok)
{
	double v;

	if (!(per_mtok >= 0))
		return -1;
	v = per_mtok * 1e6 + 0.5;
	if (!(v < (double)COST_PRICE_MAX + 1))
		return -1;
	return (int64_t)v;
}

void
cost_prices(const struct record *r, int64_t price[COST_NPARTS])
{
	price[COST_INPUT] = cost_price(r->input_per_mtok);
	price[COST_OUTPUT] = cost_price(r->output_per_mtok);
	price[COST_AUDIO_INPUT] = cost_price(r->audio_input_per_mtok);
	price[COST_AUDIO_OUTPUT] = cost_price(r->audio_output_per_mtok);
}

/* a * b, in full. */
static struct wide
wide_mul(uint64_t a, uint64_t b)
{
	uint64_t a0 = a & 0xffffffff, a1 = a >> 32;
	uint64_t b0 = b & 0xffffffff, b1 = b >> 32;
	uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
	struct wide w;

	w.lo = (mid << 32) | (p00 & 0xffffffff);
	w.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
	return w;
}

static void
wide_add(struct wide *a, struct wide b)
{
	a->lo += b.lo;
	a->hi += b.hi + (a->lo < b.lo);
}

/* a / d, rounded down, one bit a step; d > 0.  The callers' quotients
 * fit in 64 bits. */
static uint64_t
wide_div(struct wide a, uint64_t d)
{
	uint64_t q = 0, r = 0, bit;
	int i, carry;

	for (i = 127; i >= 0; i--) {
		bit = i >= 64 ? (a.hi >> (i - 64)) & 1 : (a.lo >> i) & 1;
		carry = (int)(r >> 63);
		r = (r << 1) | bit;
		q <<= 1;
		/* With carry, r is really r + 2^64, above any d. */
		if (carry || r >= d) {
			r -= d;
			q |= 1;
		}
	}
	return q;
}

/* 1 when a > b. */
static int
wide_gt(struct wide a, struct wide b)
{
	return a.hi != b.hi ? a.hi > b.hi : a.lo > b.lo;
}

int
cost_cents(const uint64_t tokens[COST_NPARTS],
    const int64_t price[COST_NPARTS], uint64_t *cents,
    enum cost_part *missing)
{
	struct wide sum = { 0, PICO_PER_CENT / 2 };
	int part;

	*cents = 0;
	for (part = 0; part < COST_NPARTS; part++) {
		if (tokens[part] == 0)
			continue;
		if (price[part] < 0) {
			*missing = (enum cost_part)part;
			return -1;
		}
		wide_add(&sum, wide_mul(tokens[part], (uint64_t)price[part]));
	}
	*cents = wide_div(sum, PICO_PER_CENT);
	return 0;
}

int
cost_change_tenths(uint64_t from, uint64_t to, int64_t *tenths)
{
	uint64_t diff = to > from ? to - from : from - to;
	struct wide n;

	*tenths = 0;
	if (from == 0 || wide_gt(wide_mul(diff, 1), wide_mul(from, 10000)))
		return -1;
	/* diff * 1000 / from, half up: (2000 diff + from) / (2 from). */
	n = wide_mul(diff, 2000);
	wide_add(&n, wide_mul(from, 1));
	*tenths = (int64_t)wide_div(n, from * 2);
	if (to < from)
		*tenths = -*tenths;
	return 0;
}

void
cost_put_grouped(struct buf *b, uint64_t n)
{
	char digits[24];
	size_t len, i;

	len = (size_t)snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_adds(b, ",");
		buf_add(b, digits + i, 1);
	}
}

void
cost_put_money(struct buf *b, uint64_t cents)
{
	buf_adds(b, "$");
	cost_put_grouped(b, cents / 100);
	buf_addf(b, ".%02u", (unsigned)(cents % 100));
}
