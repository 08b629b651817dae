/*
 * scan.h - what `sunset scan` and `sunset check` count as a finding.
 *
 * The policy, apart from the means: idscan.h finds ids in text and walk.h
 * walks the files; this module says which records count on a day and
 * builds the id set a scan looks for from a snapshot.
 */
#ifndef SUNSET_SCAN_H
#define SUNSET_SCAN_H

#include <stdint.h>

#include "idscan.h"
#include "snapshot.h"

/*
 * 1 when r counts against `sunset check` and `sunset scan` on as_of: it is
 * retired, or deprecated and, with within >= 0, has no date or a firm
 * shutdown at most within days away (an earliest date never counts as
 * due within days).
 */
int scan_counts(const struct record *r, int32_t as_of, long within);

/*
 * The compiled set `sunset scan` looks for: every id and alias in snap
 * whose record - the one `sunset check` answers for that spelling, so
 * first-party before platforms - is deprecated or retired on as_of and
 * counts by scan_counts; plain-word ids only as whole values
 * (idscan_set_quote_words).  The match data are the records (const struct
 * record *), so snap must outlive the set.  The caller frees the set
 * (idscan_set_free).
 */
struct idscan_set *scan_set_from_snapshot(const struct snapshot *snap,
    int32_t as_of, long within);

#endif
