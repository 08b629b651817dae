/*
 * ciformat.h - escaping for CI outputs: GitHub Actions workflow
 * commands, Markdown table cells, and the fingerprint of a finding.
 */
#ifndef SUNSET_CIFORMAT_H
#define SUNSET_CIFORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Appends s as a workflow command's data (after "::"): % CR LF encoded. */
void ci_escape_data(struct buf *b, const char *s);
/* Appends s as a workflow command property value: also ':' and ','. */
void ci_escape_property(struct buf *b, const char *s);
/* Appends s as one Markdown table cell: '|', '\\' and the inline
 * specials backslash-escaped, line ends as spaces. */
void ci_markdown_cell(struct buf *b, const char *s);
/*
 * The fingerprint of a finding, 16 hex digits and a NUL into out: FNV-1a
 * 64 over the rule id, the path from the root, the bytes matched folded to
 * lower case, and which occurrence of that rule in that file it is (from
 * 0).  No line or column, so edits elsewhere in a file keep it.
 */
void ci_fingerprint(char out[17], const char *rule, const char *path,
    const char *text, size_t len, uint64_t occurrence);

#endif
