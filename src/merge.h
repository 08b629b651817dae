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
	EVIDENCE_NONE = 0,
	EVIDENCE_SNAPSHOT = 10,	/* a sunset catalog that says no more */
	EVIDENCE_PRICE_LIST = 20,	/* LiteLLM: says what is sold */
	EVIDENCE_THIRD_PARTY = 30,	/* a tracker citing a third party */
	EVIDENCE_SCRAPED = 40,		/* a tracker scraping the providers */
	EVIDENCE_CITED = 50,		/* a tracker citing only the provider's
					 * own documentation */
	EVIDENCE_FIRST_PARTY = 60	/* the provider's own page or API */
};

/* A sunset catalog (the embedded one, a mirrored daemon) relays evidence
 * it names: it ranks just below that evidence, live. */
#define EVIDENCE_RELAYED(e)	((e) - 5)

/*
 * Weighs statement s as a feed of format states it: sets s->evidence
 * and s->field_evidence.  For the sunset format, the evidence the document
 * names for each field (in s->field_evidence), relayed; a field it names
 * none for, as a catalog citing the provider's own documentation relays a
 * tracker that cites it, or as a bare snapshot.  For trackers, the
 * sources' URLs are the citations.
 */
void merge_weigh(const char *format, struct record *s);

/* The name of an evidence class ("first-party", "cited", "scraped",
 * "third-party", "price-list", "snapshot"); a relayed class has the name
 * of what it relays.  NULL for EVIDENCE_NONE. */
const char *merge_evidence_name(int evidence);
/* Parses such a name; returns 0, or -1 for an unknown name. */
int merge_evidence_parse(const char *name, int *evidence);

/*
 * Merges statements (each with its evidence and priority set) into one
 * record per model and provider, appended to out.  Statements of one
 * provider are one model when one names the other: the same id, an alias
 * that is another's id (from a source at least as strong as every
 * statement of that id), or an id that is another's with a platform
 * version suffix or vendor part ("claude-3-opus@20240229",
 * "mistralai/codestral-2@001").  The record takes the id of its strongest
 * statement and every other id as an alias; each field comes from the
 * strongest statement that states it (a stated "no shutdown date
 * announced" clears weaker dates), and other values stated for the
 * status, dates and replacement become disputes.  Sources are the union.
 * A date announced on or after the shutdown day is no announcement.  The
 * record keeps the evidence of each field's winner.  The output depends
 * only on the statements, not on their order.
 * Consumes statements and leaves the set empty.
 */
void merge_statements(struct recordset *statements, struct recordset *out);

#endif
