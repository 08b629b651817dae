/*
 * answer.h - the answer: what sunset says about a model on a day, worked
 * out once.
 *
 * answer_resolve() is the one place that applies the status and days rules
 * (docs/design.md, "Rules of days") to a query's record and follows its replacement chain
 * (answer_state() the rules alone, for one record of a list); the JSON
 * API, the model page, `sunset check`, `sunset scan`, badges and calendars
 * render a struct answer, so every surface says the same thing.
 * An answer is plain data that points into its snapshot: it needs no
 * freeing, fits on the stack, and is valid while the caller holds the
 * snapshot (and, for query and provider, those strings).
 */
#ifndef SUNSET_ANSWER_H
#define SUNSET_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "advice.h"
#include "jsonw.h"
#include "snapshot.h"

/* How far the chain follows replacements before it gives up. */
#define ANSWER_CHAIN_MAX 16
/* The same model on other platforms, at most (struct lookup's). */
#define ANSWER_OTHERS_MAX 16

/* A record on a day: its status (retired, deprecated, legacy or active,
 * first that holds), days to a firm shutdown, and whether a passed "not
 * before" date leaves it overdue. */
struct answer_state {
	enum status	 status;	/* never STATUS_NONE */
	int		 has_days;	/* a shutdown date is known */
	int32_t		 days_left;	/* record_days_left, when has_days */
	int		 overdue;	/* record_overdue: may stop any day */
	int		 earliest_passed; /* record_earliest_passed */
};

/* One step of the replacement chain. */
struct answer_step {
	const struct record	*record;	/* NULL: not in the catalog */
	const char		*id;	/* record's id, or the id named */
	enum status		 status;	/* record's; STATUS_NONE without */
};

/* Why the chain stopped before a model in service. */
enum answer_chain_error {
	ANSWER_CHAIN_OK = 0,
	ANSWER_CHAIN_CYCLE,		/* the next step was seen before */
	ANSWER_CHAIN_TOO_LONG		/* ANSWER_CHAIN_MAX steps taken */
};

struct answer_other {
	const struct record	*record;
	struct answer_state	 state;
};

struct answer {
	const struct record	*record;	/* NULL: unknown */
	const char		*query;		/* as asked; NULL for a record */
	const char		*provider;	/* the platform asked for, or NULL */
	enum match_how		 match;		/* MATCH_EXACT for a record */
	int32_t			 as_of;
	/* The rest only when record is not NULL. */
	struct answer_state	 state;
	int			 disputed;	/* losing sources say otherwise */
	const char		*replacement;	/* the first one's id, or NULL */
	/* The record of the first replacement (advice_replacement) and its
	 * status (STATUS_NONE without one). */
	const struct record	*to;
	enum status		 to_status;
	/*
	 * Where the replacements lead: the first replacement, followed while
	 * it is itself deprecated or retired.  The last step is "resolved";
	 * chain_error says why it stopped early.
	 */
	struct answer_step	 chain[ANSWER_CHAIN_MAX];
	size_t			 nchain;
	enum answer_chain_error	 chain_error;
	const char		*effort;	/* advice_effort; NULL: none */
	int			 has_price_change;
	struct price_change	 price_change;
	/* Empty for a record reached without a query. */
	struct answer_other	 others[ANSWER_OTHERS_MAX];
	size_t			 nothers;
};

/* Fills *st with r's status, days left and overdue on as_of. */
void answer_state(struct answer_state *st, const struct record *r,
    int32_t as_of);

/*
 * Answers query (provider, when not NULL or empty, restricts it to that
 * platform) on as_of: a->record is NULL when the catalog does not know the
 * id, or the query is not a possible id.  Never fails, never allocates.
 */
void answer_resolve(struct answer *a, const struct snapshot *snap,
    const char *query, const char *provider, int32_t as_of);

/* The answer about r itself, reached without a query (list items, scan
 * findings): no query, no others. */
void answer_resolve_record(struct answer *a, const struct snapshot *snap,
    const struct record *r, int32_t as_of);

/* The last step of the chain, or NULL when it is empty. */
const struct answer_step *answer_resolved(const struct answer *a);

/* "cycle", "too long", or NULL for ANSWER_CHAIN_OK. */
const char *answer_chain_error_name(enum answer_chain_error e);

/*
 * Writes answer_resolve's answer to w as the JSON object of docs/api.md:
 * "found": false and nothing else when a->record is NULL.  With schema
 * set, the object also carries "schema_version".
 */
void answer_write(struct jsonw *w, const struct answer *a, int schema);

/* Writes the fields of a found answer as an object without query, match,
 * others and as_of (list items). */
void answer_write_record(struct jsonw *w, const struct answer *a);

/* Opens and closes the document of a batch of answers (POST /v1/query,
 * `sunset check --json`); the answers go between, written with
 * answer_write. */
void answer_write_batch_open(struct jsonw *w, int32_t as_of);
void answer_write_batch_close(struct jsonw *w);

/* How `sunset check` and `sunset scan` count an answer. */
enum answer_class {
	ANSWER_FINE = 0,	/* in service, or due beyond the window */
	ANSWER_DEPRECATED,
	ANSWER_RETIRED,
	ANSWER_UNKNOWN
};

/*
 * What `sunset check` and `sunset scan` say about an answer, after the
 * model: "deprecated, shuts down 2026-07-23 (76 days left), use
 * gpt-realtime-mini (then gpt-realtime-2.1-mini)", "retired", "unknown".
 * Returns the words (caller frees) and sets *class, when class is not
 * NULL: a known model counts by scan_counts (within >= 0 counts a
 * deprecated model only when a firm shutdown is at most within days away
 * or no date is known; an earliest date is no shutdown), an unknown one
 * always.
 */
char *answer_verdict(const struct answer *a, long within,
    enum answer_class *class);

#endif
