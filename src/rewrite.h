/*
 * rewrite.h - a deprecated id rewritten to its replacement in the spelling
 * the code used.
 *
 * Pure string functions: the id as found, the catalog id of the model it
 * names and the id of the replacement in, the new spelling or the reason
 * there is none out.  The caller checks that the catalog knows the new
 * spelling on the same platform.
 */
#ifndef SUNSET_REWRITE_H
#define SUNSET_REWRITE_H

#include <stddef.h>

/*
 * Writes into out (size bytes) the replacement for the len bytes found,
 * which spell the model from_id: the part of found that is from_id (ASCII
 * case-insensitively) becomes to_id, and what stands before it stays (a
 * Bedrock region profile "us.", a path "azure/", "us-east-1/").  Written
 * all in upper case, the new id is too.  Returns 0, or -1 with *reason a
 * static phrase when found does not contain from_id, something follows
 * it (a version of the old model: "@20240229", ":1"), or the result does
 * not fit.
 */
int rewrite_spelling(const char *found, size_t len, const char *from_id,
    const char *to_id, char *out, size_t size, const char **reason);

/*
 * The platform prefix written just before offset in the line starting at
 * line (offset bytes before the match): "openrouter/openai/" of
 * "openrouter/openai/gpt-4".  Returns its length, 0 when the byte before
 * the match is not '/'.
 */
size_t rewrite_prefix(const char *line, size_t offset);

#endif
