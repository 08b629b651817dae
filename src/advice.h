/*
 * advice.h - what a migration off a model involves: the model's kind, how
 * much work the swap is, and how the price changes.
 *
 * Pure functions of a snapshot and a record; the answer objects and the
 * model page say the same thing because they both ask here.
 */
#ifndef SUNSET_ADVICE_H
#define SUNSET_ADVICE_H

#include "record.h"
#include "snapshot.h"

/* The kind a feed states, or one read from the id ("...-realtime-..." is
 * realtime, "text-embedding-..." embedding, "dall-e-3" image, ...); NULL
 * when neither says. */
const char *advice_kind(const struct record *r);

/* The record a replacement names (same provider, any spelling the matcher
 * accepts but a family match), or NULL when the catalog does not know it. */
const struct record *advice_target(const struct snapshot *snap,
    const struct replacement *rp);

/* The record of r's first replacement, or NULL when it has none or the
 * catalog does not know it. */
const struct record *advice_replacement(const struct snapshot *snap,
    const struct record *r);

/*
 * "trivial" when the first replacement, to (advice_replacement; may be
 * NULL), is served by the same provider and is of the same kind, so the
 * change is an id swap; "review" otherwise; NULL when r has no
 * replacement.
 */
const char *advice_effort(const struct record *r, const struct record *to);

/* A price change in US dollars per million tokens, new minus old. */
struct price_change {
	double	input;
	double	output;
	double	audio_input;	/* valid when has_audio_input */
	double	audio_output;	/* valid when has_audio_output */
	int	has_audio_input;
	int	has_audio_output;
};

/*
 * The price change to the first replacement, to (to minus r), in *pc: the
 * text prices, and each audio price both models state.  Returns 0, or -1
 * when the catalog does not know both text prices of both models.
 */
int advice_price_change(const struct record *r, const struct record *to,
    struct price_change *pc);

#endif
