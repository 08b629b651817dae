/*
 * merge.h - who may say what: one record per model and provider from what
 * several feeds said (design section 4, "Authority").
 */
#ifndef SUNSET_MERGE_H
#define SUNSET_MERGE_H

#include "record.h"

/*
 * The strength of a statement's evidence, strongest last.  A tie goes to
 * the feed priority, then to the newest sighting.
 */
enum evidence {
	EVIDENCE_SNAPSHOT = 10,	/* a sunset catalog citing no first party */
	EVIDENCE_PRICE_LIST = 20,	/* LiteLLM: says what is sold */
	EVIDENCE_THIRD_PARTY = 30,	/* a tracker citing a third party */
	EVIDENCE_SCRAPED = 40,		/* a tracker scraping the providers */
	EVIDENCE_SNAPSHOT_CITED = 45,	/* a sunset catalog citing the
					 * provider's own documentation */
	EVIDENCE_CITED = 50,		/* a tracker citing only that */
	EVIDENCE_FIRST_PARTY = 60	/* the provider's own page or API */
};

/* The evidence of statement s, as a feed of format states it; its
 * sources' URLs are its citations. */
enum evidence merge_evidence(const char *format, const struct record *s);

/*
 * Merges statements (each with its evidence and priority set) into one
 * record per model and provider, appended to out.  Statements of one
 * provider are one model when one names the other: an id or alias in
 * common, or an id that is another's with a platform version suffix
 * ("claude-3-opus@20240229").  The record takes the id of its strongest
 * statement and every other id as an alias; each field comes from the
 * strongest statement that states it (a stated "no shutdown date
 * announced" clears weaker dates), and other values stated for the
 * status, dates and replacement become disputes.  Sources are the union.
 * The output depends only on the statements, not on their order.
 * Consumes statements and leaves the set empty.
 */
void merge_statements(struct recordset *statements, struct recordset *out);

#endif
