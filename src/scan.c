/*
 * scan.c - which records count as findings, and the ids a scan looks for.
 *
 * A record counts when it is retired, or deprecated and, when a window is
 * asked for, due within it.  Each spelling in the set carries the record
 * `sunset check` answers for it, so a scan and a check agree; the one
 * exception is a platform's retirement of a model its maker still serves,
 * found under the platform's prefixes and, bare, as a note.
 */
#include "config.h"

#include <stdlib.h>

#include "date.h"
#include "idscan.h"
#include "provider.h"
#include "record.h"
#include "scan.h"
#include "util.h"

int
scan_counts(const struct record *r, int32_t as_of, long within)
{
	enum status st = record_status(r, as_of);

	if (st == STATUS_RETIRED)
		return 1;
	if (st != STATUS_DEPRECATED)
		return 0;
	return within < 0 || r->shutdown_on == DATE_NONE ||
	    record_due_within(r, as_of, within);
}

/* Adds key when the record check answers for it counts. */
static void
add_key(struct idscan_set *set, const struct snapshot *snap,
    const char *key, int32_t as_of, long within)
{
	struct lookup lk;

	if (snapshot_lookup(snap, key, NULL, &lk) < 0 || lk.record == NULL ||
	    !scan_counts(lk.record, as_of, within))
		return;
	idscan_set_add(set, key, lk.record);
}

/*
 * Adds key as check answers it bare.  When a bare key answers another
 * record (the maker's, design section 4 rule 3), r's retirement is its
 * platform's alone: r is a finding only where code names the platform
 * ("azure/gpt-4o-2024-08-06"), and the bare id, when the maker's record
 * does not count, a note scoped to the platform (the output tells a note
 * from a finding by the bare id answering another record).
 */
static void
add_keys(struct idscan_set *set, const struct snapshot *snap,
    const struct record *r, const char *key, int32_t as_of, long within)
{
	const char *prefixes[8];
	struct lookup lk;
	char *spelt;
	size_t i, n;
	int counts;

	if (snapshot_lookup(snap, key, NULL, &lk) < 0 || lk.record == NULL)
		return;
	if ((counts = scan_counts(lk.record, as_of, within)))
		idscan_set_add(set, key, lk.record);
	if (lk.record == r || !scan_counts(r, as_of, within))
		return;
	if (!counts)
		(void)idscan_set_add(set, key, r);
	n = provider_prefixes(r->provider, prefixes, NELEM(prefixes));
	for (i = 0; i < n; i++) {
		spelt = xasprintf("%s/%s", prefixes[i], key);
		add_key(set, snap, spelt, as_of, within);
		free(spelt);
	}
}

struct idscan_set *
scan_set_from_snapshot(const struct snapshot *snap, int32_t as_of,
    long within)
{
	struct idscan_set *set = idscan_set_new();
	const struct record *r;
	size_t i, j;

	for (i = 0; i < snapshot_count(snap); i++) {
		r = snapshot_record(snap, i);
		add_keys(set, snap, r, r->id, as_of, within);
		for (j = 0; j < r->naliases; j++)
			add_keys(set, snap, r, r->aliases[j], as_of, within);
	}
	idscan_set_quote_words(set, 1);
	idscan_set_compile(set);
	return set;
}
