/*
 * cost.h - what a month of tokens costs on a model, in whole cents.
 *
 * Token counts are read as people write them ("2000000", "2,000,000",
 * "2M"); prices become whole micro-dollars per million tokens (a
 * picodollar a token); the sum of tokens times prices is exact and is
 * rounded once, half up, to the cent.  No floating point comes between
 * the price list and the cents, so the model page's script, which does
 * the same integer arithmetic, agrees with the server to the cent.
 */
#ifndef SUNSET_COST_H
#define SUNSET_COST_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "record.h"

/* The most tokens one field takes: 1,000T. */
#define COST_TOKENS_MAX		1000000000000000ULL
/* The longest field read, in bytes; longer is not a number. */
#define COST_INPUT_MAX		64
/* The highest price taken, in micro-dollars per million tokens: a
 * dollar a token.  A dearer one is not a sane price. */
#define COST_PRICE_MAX		1000000000000LL

/* What tokens are billed as, in the order of the page's fields. */
enum cost_part {
	COST_INPUT,
	COST_OUTPUT,
	COST_AUDIO_INPUT,
	COST_AUDIO_OUTPUT,
	COST_NPARTS
};

/* Why a token count was refused. */
enum cost_error {
	COST_OK = 0,
	COST_SYNTAX,	/* not a number of tokens */
	COST_FRACTION,	/* not a whole number of tokens */
	COST_RANGE	/* more than COST_TOKENS_MAX */
};

/* "in_tokens", "out_tokens", "audio_in_tokens", "audio_out_tokens": the
 * query parameter of a part. */
const char *cost_param(enum cost_part part);

/* "input", "output", "audio input", "audio output". */
const char *cost_part_name(enum cost_part part);

/* What a refused count is, as a sentence's end: "not a whole number of
 * tokens".  NULL for COST_OK. */
const char *cost_error_text(enum cost_error e);

/*
 * Reads a token count: digits, with commas between groups of three if
 * any ("2,000,000"), an optional fraction, and an optional k, M, B or T
 * (thousand, million, billion, trillion; either case) after optional
 * spaces ("2.5M").  Spaces and tabs around it are ignored; an empty field
 * is 0.  The count must be whole ("1.5k", not "1.5") and at most
 * COST_TOKENS_MAX.  Returns COST_OK with *tokens set, or why not.
 */
enum cost_error cost_parse_tokens(const char *s, uint64_t *tokens);

/* A price in US dollars per million tokens (negative: unknown) in
 * micro-dollars per million tokens, rounded to the nearest; -1 when it
 * is unknown or above COST_PRICE_MAX. */
int64_t cost_price(double per_mtok);

/* r's prices by part, as cost_price() makes them. */
void cost_prices(const struct record *r, int64_t price[COST_NPARTS]);

/*
 * The cost of tokens[part] tokens at price[part] for every part, rounded
 * half up to whole cents, in *cents.  A part without tokens costs
 * nothing, priced or not.  Returns 0, or -1 with *missing set to the
 * first part that has tokens but no price.
 */
int cost_cents(const uint64_t tokens[COST_NPARTS],
    const int64_t price[COST_NPARTS], uint64_t *cents,
    enum cost_part *missing);

/* The change from one cost to another in tenths of a percent, rounded
 * half away from zero, in *tenths.  Returns 0, or -1 when there is no
 * percentage to give: from is 0, or to is over 10,000 times from. */
int cost_change_tenths(uint64_t from, uint64_t to, int64_t *tenths);

/* Appends cents as dollars with thousands grouped: "$1,234.50". */
void cost_put_money(struct buf *b, uint64_t cents);

/* Appends a number with thousands grouped: "1,000,000". */
void cost_put_grouped(struct buf *b, uint64_t n);

#endif
