/*
 * record.h - the model record (design section 2) and the status rules
 * (section 3).
 *
 * A record is plain data: one model as served by one provider.  Parsers
 * produce records, the catalog stores what each feed said, the merge turns
 * those statements into one record per (provider, id), and the answers are
 * rendered from records.  Every string a record holds is its own.
 */
#ifndef SUNSET_RECORD_H
#define SUNSET_RECORD_H

#include <stddef.h>
#include <stdint.h>

/* What a source states about a model.  STATUS_NONE: it says nothing. */
enum status {
	STATUS_NONE = 0,
	STATUS_ACTIVE,
	STATUS_LEGACY,
	STATUS_DEPRECATED,
	STATUS_RETIRED
};

enum shutdown_kind {
	SHUTDOWN_NONE = 0,	/* no date known */
	SHUTDOWN_FIRM,
	SHUTDOWN_EARLIEST,	/* "not sooner than" */
	/* The source says no shutdown date is announced (shutdown_on is
	 * DATE_NONE): a statement that clears weaker sources' dates. */
	SHUTDOWN_UNANNOUNCED
};

struct replacement {
	char	*provider;
	char	*id;
	char	*note;		/* may be NULL */
};

struct source {
	char	*feed;		/* feed name; may be NULL in a parsed document */
	char	*url;		/* may be NULL */
	char	*first_seen;	/* RFC 3339 or NULL */
	char	*last_seen;
};

/* The lifecycle fields whose evidence is weighed one by one. */
enum field {
	FIELD_STATUS,
	FIELD_ANNOUNCED,
	FIELD_SHUTDOWN,		/* shutdown_on with shutdown_kind */
	FIELD_REPLACEMENTS,
	FIELD_N
};

/* A value a losing source states for a field (design section 4, rule 5). */
struct dispute {
	const char	*field;		/* "status", "shutdown_on", ... (static) */
	char		*value;		/* as the answer writes it; may be NULL */
	char		*feed;
	char		*url;		/* may be NULL */
};

struct record {
	char			*provider;
	char			*id;
	char			**aliases;
	size_t			 naliases;
	enum status		 status;	/* as stated by the source */
	int32_t			 announced_on;	/* DATE_NONE when unknown */
	int32_t			 shutdown_on;
	enum shutdown_kind	 shutdown_kind;
	struct replacement	*replacements;	/* ordered, first recommended */
	size_t			 nreplacements;
	char			*kind;		/* NULL when unknown */
	char			*scope;
	/* US dollars per million tokens where a feed states a price
	 * (LiteLLM), of text and of audio tokens; negative when unknown. */
	double			 input_per_mtok;
	double			 output_per_mtok;
	double			 audio_input_per_mtok;
	double			 audio_output_per_mtok;
	struct source		*sources;
	size_t			 nsources;
	/* Merged records: what losing sources state instead. */
	struct dispute		*disputes;
	size_t			 ndisputes;
	/* The strength of the evidence (merge.h): of the whole statement,
	 * and of each lifecycle field (0: as the whole).  A sunset document
	 * states them per field; a merged record keeps its winners'. */
	int			 evidence;
	int			 field_evidence[FIELD_N];
	/* Statements only: their feed's priority, for the merge. */
	int			 priority;
};

/* A growable array of records that owns them. */
struct recordset {
	struct record	*v;
	size_t		 n;
	size_t		 cap;
};

/* "status", "announced_on", "shutdown_on", "replacements". */
const char *field_name(enum field f);
const char *status_name(enum status status);
/* Parses "active" etc.; returns 0 or -1 (unknown name). */
int status_parse(const char *name, enum status *status);
const char *shutdown_kind_name(enum shutdown_kind kind);
int shutdown_kind_parse(const char *name, enum shutdown_kind *kind);

/* The status on as_of by the rules of design section 3; never STATUS_NONE. */
enum status record_status(const struct record *r, int32_t as_of);

/* Sets *days to shutdown_on - as_of and returns 0; -1 when no date is
 * known.  An earliest date never gives a negative count: once it has come,
 * *days is 0 (nobody said the model stopped, see record_overdue). */
int record_days_left(const struct record *r, int32_t as_of, int32_t *days);

/* 1 when r's shutdown date is an earliest ("not before") one on or before
 * as_of, whatever the status. */
int record_earliest_passed(const struct record *r, int32_t as_of);

/* 1 when an earliest date has come and the model is not retired: it "may
 * stop any day, not before" that date.  Such a date is no shutdown: it
 * counts as 0 days left, not as due within any number of days. */
int record_overdue(const struct record *r, int32_t as_of);

/* 1 when r has a firm shutdown date at most days after as_of (a passed
 * one included): what "within N days" counts.  An earliest date never
 * does. */
int record_due_within(const struct record *r, int32_t as_of, long days);

/* 1 when the record states a price (either direction, text or audio). */
int record_has_pricing(const struct record *r);

/* 1 when status is deprecated or retired. */
int status_is_deprecated(enum status status);

/* Initialises an empty record (no dates, no lists). */
void record_init(struct record *r);
/* Frees what r holds (not r itself); r is left empty. */
void record_clear(struct record *r);
/* Deep copy of src into dst (dst uninitialised). */
void record_copy(struct record *dst, const struct record *src);
void record_add_alias(struct record *r, const char *alias);
void record_add_replacement(struct record *r, const char *provider,
    const char *id, const char *note);
void record_add_source(struct record *r, const char *feed, const char *url,
    const char *first_seen, const char *last_seen);
void record_add_dispute(struct record *r, const char *field,
    const char *value, const char *feed, const char *url);
/* 1 when r lists alias (exactly). */
int record_has_alias(const struct record *r, const char *alias);
/* 1 when text is part of r's id or of one of its aliases, in any case. */
int record_mentions(const struct record *r, const char *text);

/* Appends an initialised record to set and returns it; the pointer is valid
 * until the next append. */
struct record *recordset_add(struct recordset *set);
/* Frees every record and the array; set is left empty. */
void recordset_clear(struct recordset *set);

#endif
