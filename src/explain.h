/*
 * explain.h - the model ids an error message names.
 *
 * "The model `gpt-4-0613` does not exist or you do not have access to it"
 * names gpt-4-0613.  A pure function of the text; the caller looks the
 * candidates up.
 */
#ifndef SUNSET_EXPLAIN_H
#define SUNSET_EXPLAIN_H

#include <stddef.h>

#include "match.h"

#define EXPLAIN_MAX 32	/* candidates looked at, at most */

/*
 * Fills out with the words of text that could be model ids, most likely
 * first: quoted ones (`x`, 'x', "x"), then id-shaped words (letters and a
 * digit or a hyphen: "models/gemini-1.0-pro").  Returns how many.
 */
size_t explain_candidates(const char *text, char out[][MATCH_ID_MAX],
    size_t max);

#endif
