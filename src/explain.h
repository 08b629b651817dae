/*
 * explain.h - the model ids an error message names.
 *
 * "The model `gpt-4-0613` does not exist or you do not have access to it"
 * names gpt-4-0613.  explain_candidates is a pure function of the text;
 * explain_pick looks the candidates up in a snapshot.
 */
#ifndef SUNSET_EXPLAIN_H
#define SUNSET_EXPLAIN_H

#include <stddef.h>

#include "match.h"
#include "snapshot.h"

#define EXPLAIN_MAX 32	/* candidates looked at, at most */

/*
 * Fills out with the words of text that could be model ids, most likely
 * first: quoted ones (`x`, 'x', "x"), then id-shaped words (letters and a
 * digit or a hyphen: "models/gemini-1.0-pro").  Returns how many.
 */
size_t explain_candidates(const char *text, char out[][MATCH_ID_MAX],
    size_t max);

/*
 * The first of the n candidates the snapshot knows (not as a mere family
 * member), or the last path part of one ("models/gemini-1.0-pro"), or
 * NULL.  The result points into cand.
 */
const char *explain_pick(const struct snapshot *snap,
    char cand[][MATCH_ID_MAX], size_t n);

#endif
