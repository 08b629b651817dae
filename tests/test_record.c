/*
 * test_record.c - the status rules, the record's life cycle,
 * and the field-wise merge of statements (merge.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "merge.h"
#include "record.h"
#include "tap.h"

#define D(y, m, d) date_from_ymd(y, m, d)

/* A record with only a status and a shutdown date. */
static struct record
dated(enum status status, int32_t shutdown_on, enum shutdown_kind kind)
{
	struct record r;

	record_init(&r);
	r.status = status;
	r.shutdown_on = shutdown_on;
	r.shutdown_kind = kind;
	return r;
}

static void
check_status(const struct record *r, int32_t as_of, enum status want,
    const char *what)
{
	char day[11];

	date_format(as_of, day);
	is_str(status_name(record_status(r, as_of)), status_name(want),
	    "%s: status on %s", what, day);
}

static void
check_days(const struct record *r, int32_t as_of, int32_t want,
    const char *what)
{
	int32_t days = 12345;

	is_int(record_days_left(r, as_of, &days), 0, "%s: a date is known",
	    what);
	is_int(days, want, "%s: days left", what);
}

static void
check_no_days(const struct record *r, int32_t as_of, const char *what)
{
	int32_t days = 12345;

	is_int(record_days_left(r, as_of, &days), -1, "%s: no days left",
	    what);
	is_int(days, 12345, "%s: days untouched", what);
}

static void
test_status_rules(void)
{
	int32_t shutdown = D(2026, 7, 23);
	struct record r;

	/* A firm date: deprecated before, retired on and after it. */
	r = dated(STATUS_NONE, shutdown, SHUTDOWN_FIRM);
	check_status(&r, D(2026, 5, 8), STATUS_DEPRECATED, "firm, before");
	check_days(&r, D(2026, 5, 8), 76, "firm, before");
	check_status(&r, D(2026, 7, 22), STATUS_DEPRECATED, "firm, day before");
	check_days(&r, D(2026, 7, 22), 1, "firm, day before");
	check_status(&r, shutdown, STATUS_RETIRED, "firm, on the day");
	check_days(&r, shutdown, 0, "firm, on the day");
	check_status(&r, D(2026, 7, 24), STATUS_RETIRED, "firm, after");
	check_days(&r, D(2026, 7, 24), -1, "firm, after");
	ok(status_is_deprecated(record_status(&r, D(2026, 5, 8))),
	    "deprecated counts as deprecated");
	ok(status_is_deprecated(record_status(&r, D(2026, 7, 24))),
	    "retired counts as deprecated");

	/* A stated "active" does not outweigh a firm date. */
	r = dated(STATUS_ACTIVE, shutdown, SHUTDOWN_FIRM);
	check_status(&r, D(2026, 5, 8), STATUS_DEPRECATED, "active, firm date");
	check_status(&r, D(2026, 8, 1), STATUS_RETIRED, "active, firm passed");

	/* An "earliest" date alone never deprecates, even once passed. */
	r = dated(STATUS_NONE, shutdown, SHUTDOWN_EARLIEST);
	check_status(&r, D(2026, 5, 8), STATUS_ACTIVE, "earliest, before");
	check_status(&r, shutdown, STATUS_ACTIVE, "earliest, on the day");
	check_status(&r, D(2027, 1, 1), STATUS_ACTIVE, "earliest, after");
	check_days(&r, D(2026, 5, 8), 76, "earliest, before");
	ok(!status_is_deprecated(record_status(&r, D(2027, 1, 1))),
	    "active is not deprecated");

	/* An earliest date with a stated deprecation is deprecated. */
	r = dated(STATUS_DEPRECATED, shutdown, SHUTDOWN_EARLIEST);
	check_status(&r, D(2027, 1, 1), STATUS_DEPRECATED,
	    "deprecated, earliest passed");

	/* A stated retirement wins over a future date. */
	r = dated(STATUS_RETIRED, shutdown, SHUTDOWN_FIRM);
	check_status(&r, D(2026, 5, 8), STATUS_RETIRED, "retired, future date");
	check_days(&r, D(2026, 5, 8), 76, "retired, future date");

	/* Stated statuses without a date. */
	r = dated(STATUS_LEGACY, DATE_NONE, SHUTDOWN_NONE);
	check_status(&r, D(2026, 5, 8), STATUS_LEGACY, "legacy");
	ok(!status_is_deprecated(STATUS_LEGACY), "legacy is not deprecated");
	r = dated(STATUS_LEGACY, shutdown, SHUTDOWN_FIRM);
	check_status(&r, D(2026, 5, 8), STATUS_DEPRECATED,
	    "legacy with a firm date");
	r = dated(STATUS_DEPRECATED, DATE_NONE, SHUTDOWN_NONE);
	check_status(&r, D(2026, 5, 8), STATUS_DEPRECATED, "deprecated, no date");
	check_no_days(&r, D(2026, 5, 8), "deprecated, no date");
	r = dated(STATUS_RETIRED, DATE_NONE, SHUTDOWN_NONE);
	check_status(&r, D(2026, 5, 8), STATUS_RETIRED, "retired, no date");
	r = dated(STATUS_NONE, DATE_NONE, SHUTDOWN_NONE);
	check_status(&r, D(2026, 5, 8), STATUS_ACTIVE, "nothing stated");
	check_no_days(&r, D(2026, 5, 8), "nothing stated");
}

/*
 * A passed earliest date is no shutdown: the status stays what sources say,
 * days left stop at 0 and the record is overdue; only firm dates are due
 * within some days.
 */
static void
test_overdue(void)
{
	int32_t earliest = D(2026, 6, 1);
	struct record r;

	r = dated(STATUS_ACTIVE, earliest, SHUTDOWN_EARLIEST);
	check_status(&r, D(2026, 12, 3), STATUS_ACTIVE, "active, earliest passed");
	check_days(&r, D(2026, 12, 3), 0, "active, earliest passed");
	ok(record_overdue(&r, D(2026, 12, 3)), "active, earliest passed: overdue");
	check_days(&r, earliest, 0, "active, earliest day");
	ok(record_overdue(&r, earliest), "overdue from the earliest day on");
	check_days(&r, D(2026, 5, 31), 1, "active, earliest tomorrow");
	ok(!record_overdue(&r, D(2026, 5, 31)), "not overdue before the day");
	ok(!record_due_within(&r, D(2026, 12, 3), 30),
	    "a passed earliest date is not due within 30 days");
	ok(!record_due_within(&r, D(2026, 5, 31), 30),
	    "nor is a coming one");

	r = dated(STATUS_DEPRECATED, earliest, SHUTDOWN_EARLIEST);
	check_status(&r, D(2026, 12, 3), STATUS_DEPRECATED,
	    "deprecated, earliest passed");
	check_days(&r, D(2026, 12, 3), 0, "deprecated, earliest passed");
	ok(record_overdue(&r, D(2026, 12, 3)),
	    "deprecated, earliest passed: overdue");
	ok(record_earliest_passed(&r, D(2026, 12, 3)), "earliest passed");

	/* A source says it is retired: gone, not "any day". */
	r = dated(STATUS_RETIRED, earliest, SHUTDOWN_EARLIEST);
	check_days(&r, D(2026, 12, 3), 0, "retired, earliest passed");
	ok(!record_overdue(&r, D(2026, 12, 3)), "retired is not overdue");
	ok(record_earliest_passed(&r, D(2026, 12, 3)),
	    "but its earliest date has passed");

	/* Firm dates keep their sign and are never overdue. */
	r = dated(STATUS_NONE, earliest, SHUTDOWN_FIRM);
	check_days(&r, D(2026, 12, 3), -185, "firm, passed");
	check_status(&r, D(2026, 12, 3), STATUS_RETIRED, "firm, passed");
	ok(!record_overdue(&r, D(2026, 12, 3)), "a firm date is never overdue");
	ok(!record_earliest_passed(&r, D(2026, 12, 3)),
	    "nor an earliest date passed");
	ok(record_due_within(&r, D(2026, 5, 2), 30), "firm, 30 days: due");
	ok(!record_due_within(&r, D(2026, 5, 1), 30), "firm, 31 days: not");
	ok(record_due_within(&r, D(2026, 12, 3), 30),
	    "a passed firm date is due within any days");

	r = dated(STATUS_DEPRECATED, DATE_NONE, SHUTDOWN_NONE);
	ok(!record_overdue(&r, D(2026, 12, 3)), "no date: not overdue");
	ok(!record_due_within(&r, D(2026, 12, 3), 100000),
	    "no date: not due within days");
}

static void
test_names(void)
{
	static const char *statuses[] = { "active", "legacy", "deprecated",
		"retired" };
	static const char *bad[] = { "", "Active", "ACTIVE", "unknown",
		"deprecated ", "retire", "none" };
	enum status st;
	enum shutdown_kind kind;
	size_t i;

	/* status_parse / status_name round trips and rejections. */
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		st = STATUS_NONE;
		is_int(status_parse(statuses[i], &st), 0, "status \"%s\" parses",
		    statuses[i]);
		is_str(status_name(st), statuses[i], "status \"%s\" round trip",
		    statuses[i]);
	}
	is_int(status_parse("retired", &st), 0, "\"retired\" parses");
	is_int(st, STATUS_RETIRED, "\"retired\" is STATUS_RETIRED");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		st = STATUS_LEGACY;
		is_int(status_parse(bad[i], &st), -1, "status \"%s\" is refused",
		    bad[i]);
		is_int(st, STATUS_LEGACY, "status \"%s\" leaves the output",
		    bad[i]);
	}
	is_str(status_name(STATUS_NONE), NULL, "STATUS_NONE has no name");

	/* shutdown_kind_parse / shutdown_kind_name. */
	is_int(shutdown_kind_parse("firm", &kind), 0, "\"firm\" parses");
	is_int(kind, SHUTDOWN_FIRM, "\"firm\" is SHUTDOWN_FIRM");
	is_str(shutdown_kind_name(kind), "firm", "firm round trip");
	is_int(shutdown_kind_parse("earliest", &kind), 0, "\"earliest\" parses");
	is_int(kind, SHUTDOWN_EARLIEST, "\"earliest\" is SHUTDOWN_EARLIEST");
	is_str(shutdown_kind_name(kind), "earliest", "earliest round trip");
	is_int(shutdown_kind_parse("soft", &kind), -1, "\"soft\" is refused");
	is_int(shutdown_kind_parse("", &kind), -1, "\"\" is refused");
	is_int(shutdown_kind_parse("Firm", &kind), -1, "\"Firm\" is refused");
	is_str(shutdown_kind_name(SHUTDOWN_NONE), NULL,
	    "SHUTDOWN_NONE has no name");
}

/* A record with every field set. */
static void
full_record(struct record *r)
{
	record_init(r);
	r->provider = strdup("openai");
	r->id = strdup("gpt-4-0613");
	record_add_alias(r, "gpt-4");
	record_add_alias(r, "gpt-4-base");
	r->status = STATUS_DEPRECATED;
	r->announced_on = D(2026, 4, 22);
	r->shutdown_on = D(2026, 10, 23);
	r->shutdown_kind = SHUTDOWN_FIRM;
	record_add_replacement(r, "openai", "gpt-5.4", "recommended");
	record_add_replacement(r, "openai", "gpt-5.4-mini", NULL);
	r->kind = strdup("chat");
	r->scope = strdup("us-gov");
	record_add_source(r, "openai", "https://example.com/deprecations",
	    "2026-04-22T00:00:00Z", "2026-05-08T00:00:00Z");
}

/* Overwrites every string r points to, so a shared pointer would show. */
static void
scribble(struct record *r)
{
	size_t i;

	r->provider[0] = 'X';
	r->id[0] = 'X';
	for (i = 0; i < r->naliases; i++)
		r->aliases[i][0] = 'X';
	for (i = 0; i < r->nreplacements; i++) {
		r->replacements[i].provider[0] = 'X';
		r->replacements[i].id[0] = 'X';
		if (r->replacements[i].note != NULL)
			r->replacements[i].note[0] = 'X';
	}
	r->kind[0] = 'X';
	r->scope[0] = 'X';
	r->sources[0].feed[0] = 'X';
	r->sources[0].url[0] = 'X';
	r->sources[0].first_seen[0] = 'X';
	r->sources[0].last_seen[0] = 'X';
}

static void
test_copy(void)
{
	struct record orig, copy;

	/* record_copy is deep: changing, then freeing, the original. */
	full_record(&orig);
	record_copy(&copy, &orig);
	scribble(&orig);
	record_clear(&orig);
	is_str(orig.id, NULL, "record_clear leaves the record empty");
	is_int(orig.naliases, 0, "record_clear empties the aliases");
	is_int(orig.shutdown_on, DATE_NONE, "record_clear resets the dates");

	is_str(copy.provider, "openai", "copy: provider");
	is_str(copy.id, "gpt-4-0613", "copy: id");
	is_int(copy.naliases, 2, "copy: two aliases");
	is_str(copy.aliases[0], "gpt-4", "copy: first alias");
	is_str(copy.aliases[1], "gpt-4-base", "copy: second alias");
	ok(record_has_alias(&copy, "gpt-4"), "copy: has alias gpt-4");
	ok(!record_has_alias(&copy, "GPT-4"), "record_has_alias is exact");
	is_int(copy.status, STATUS_DEPRECATED, "copy: status");
	is_int(copy.announced_on, D(2026, 4, 22), "copy: announced_on");
	is_int(copy.shutdown_on, D(2026, 10, 23), "copy: shutdown_on");
	is_int(copy.shutdown_kind, SHUTDOWN_FIRM, "copy: shutdown_kind");
	is_int(copy.nreplacements, 2, "copy: two replacements");
	is_str(copy.replacements[0].provider, "openai",
	    "copy: replacement provider");
	is_str(copy.replacements[0].id, "gpt-5.4", "copy: first replacement");
	is_str(copy.replacements[0].note, "recommended", "copy: its note");
	is_str(copy.replacements[1].id, "gpt-5.4-mini",
	    "copy: second replacement");
	is_str(copy.replacements[1].note, NULL, "copy: NULL note stays NULL");
	is_str(copy.kind, "chat", "copy: kind");
	is_str(copy.scope, "us-gov", "copy: scope");
	is_int(copy.nsources, 1, "copy: one source");
	is_str(copy.sources[0].feed, "openai", "copy: source feed");
	is_str(copy.sources[0].url, "https://example.com/deprecations",
	    "copy: source url");
	is_str(copy.sources[0].first_seen, "2026-04-22T00:00:00Z",
	    "copy: first_seen");
	is_str(copy.sources[0].last_seen, "2026-05-08T00:00:00Z",
	    "copy: last_seen");
	record_clear(&copy);
}

static void
test_recordset(void)
{
	struct recordset set = { 0 };
	struct record *r;
	char id[32];
	int i, good = 1;

	/* recordset_add hands out initialised records and keeps them. */
	for (i = 0; i < 200; i++) {
		r = recordset_add(&set);
		if (r->id != NULL || r->shutdown_on != DATE_NONE ||
		    r->announced_on != DATE_NONE || r->naliases != 0)
			good = 0;
		snprintf(id, sizeof(id), "model-%d", i);
		r->provider = strdup("openai");
		r->id = strdup(id);
		record_add_alias(r, "alias");
	}
	ok(good, "every added record starts empty");
	is_int(set.n, 200, "200 records added");
	is_str(set.v[0].id, "model-0", "first record survives growth");
	is_str(set.v[199].id, "model-199", "last record");
	recordset_clear(&set);
	is_int(set.n, 0, "recordset_clear empties the set");
	ok(set.v == NULL, "recordset_clear frees the array");
	recordset_clear(&set);
	is_int(set.n, 0, "clearing an empty set is harmless");
}

/* A statement: what one feed said about provider/id, with the evidence
 * and priority a feed of that name (its format) has by default. */
static struct record *
statement(struct recordset *set, const char *provider, const char *id,
    const char *feed)
{
	static const struct {
		const char	*feed;
		int		 evidence;
		int		 priority;
	} feeds[] = {
		{ "markdown", EVIDENCE_FIRST_PARTY, 100 },
		{ "modeldeprecations", EVIDENCE_CITED, 80 },
		{ "tracker", EVIDENCE_THIRD_PARTY, 80 },
		{ "deprecations-info", EVIDENCE_SCRAPED, 60 },
		{ "litellm", EVIDENCE_PRICE_LIST, 30 },
		{ "embedded", EVIDENCE_RELAYED(EVIDENCE_CITED), 10 },
	};
	struct record *r = recordset_add(set);
	size_t i, j;

	r->provider = strdup(provider);
	r->id = strdup(id);
	record_add_source(r, feed, NULL, NULL, NULL);
	for (i = 0; i < sizeof(feeds) / sizeof(feeds[0]); i++)
		if (strcmp(feeds[i].feed, feed) == 0) {
			r->evidence = feeds[i].evidence;
			r->priority = feeds[i].priority;
			for (j = 0; j < FIELD_N; j++)
				r->field_evidence[j] = r->evidence;
		}
	return r;
}

static void
test_merge(void)
{
	struct recordset in = { 0 }, out = { 0 };
	struct record *r;
	const struct record *m;

	/* Three statements for one model, highest priority first. */
	r = statement(&in, "openai", "gpt-4-0613", "markdown");
	r->shutdown_on = D(2026, 10, 23);
	r->shutdown_kind = SHUTDOWN_FIRM;
	record_add_alias(r, "gpt-4");

	r = statement(&in, "openai", "gpt-4-0613", "modeldeprecations");
	r->status = STATUS_DEPRECATED;
	r->announced_on = D(2026, 4, 22);
	r->shutdown_on = D(2026, 12, 1);
	r->shutdown_kind = SHUTDOWN_EARLIEST;
	record_add_alias(r, "gpt-4");
	record_add_alias(r, "gpt-4-0613");
	record_add_alias(r, "gpt-4-snapshot");
	record_add_replacement(r, "openai", "gpt-5.4", NULL);
	r->kind = strdup("chat");

	r = statement(&in, "openai", "gpt-4-0613", "litellm");
	r->status = STATUS_ACTIVE;
	r->announced_on = D(2025, 1, 1);
	record_add_replacement(r, "openai", "gpt-4o", NULL);
	record_add_replacement(r, "openai", "gpt-4.1", NULL);
	r->kind = strdup("completion");
	r->scope = strdup("GlobalBatch");
	record_add_alias(r, "gpt-4-latest");

	/* A different model right after it. */
	r = statement(&in, "openai", "gpt-4o", "litellm");
	r->status = STATUS_ACTIVE;

	merge_statements(&in, &out);
	is_int(out.n, 2, "two models give two records");
	m = &out.v[0];
	is_str(m->provider, "openai", "merged provider");
	is_str(m->id, "gpt-4-0613", "merged id");
	is_int(m->shutdown_on, D(2026, 10, 23),
	    "shutdown_on from the highest priority");
	is_int(m->shutdown_kind, SHUTDOWN_FIRM,
	    "shutdown_kind goes with that date");
	is_int(m->status, STATUS_DEPRECATED,
	    "status from the first statement that has one");
	is_int(m->announced_on, D(2026, 4, 22),
	    "announced_on from the first statement that has one");
	is_str(m->kind, "chat", "kind from the first statement that has one");
	is_str(m->scope, "GlobalBatch", "scope from the only statement with one");
	is_int(m->naliases, 3, "aliases unioned, once each, without the id");
	ok(record_has_alias(m, "gpt-4"), "alias gpt-4");
	ok(record_has_alias(m, "gpt-4-snapshot"), "alias gpt-4-snapshot");
	ok(record_has_alias(m, "gpt-4-latest"), "alias gpt-4-latest");
	ok(!record_has_alias(m, "gpt-4-0613"), "the id is not its own alias");
	is_int(m->nreplacements, 1,
	    "replacements from one statement, not mixed");
	is_str(m->replacements[0].id, "gpt-5.4",
	    "replacements from the first statement that has any");
	is_int(m->nsources, 3, "every source kept");
	is_str(m->sources[0].feed, "markdown", "sources in priority order");
	is_str(m->sources[2].feed, "litellm", "lowest priority source last");

	m = &out.v[1];
	is_str(m->id, "gpt-4o", "second record is the other model");
	is_int(m->status, STATUS_ACTIVE, "second record's own status");
	is_int(m->nsources, 1, "second record's own source");
	is_int(m->naliases, 0, "no aliases leak between models");

	/* The same id on two providers stays two records. */
	recordset_clear(&in);
	recordset_clear(&out);
	statement(&in, "azure", "gpt-4o", "azure");
	statement(&in, "openai", "gpt-4o", "openai");
	merge_statements(&in, &out);
	is_int(out.n, 2, "same id on two providers: two records");
	is_str(out.v[0].provider, "azure", "first provider");
	is_str(out.v[1].provider, "openai", "second provider");

	/* Nothing in, nothing out. */
	recordset_clear(&in);
	recordset_clear(&out);
	merge_statements(&in, &out);
	is_int(out.n, 0, "no statements, no records");
	recordset_clear(&out);
}

/* Text and audio prices: unknown until stated, copied, and merged from
 * one statement. */
static void
test_pricing(void)
{
	struct recordset in = { 0 }, out = { 0 };
	struct record r, copy, *s;
	const struct record *m;

	record_init(&r);
	ok(r.audio_input_per_mtok < 0 && r.audio_output_per_mtok < 0,
	    "pricing: audio prices start unknown");
	ok(!record_has_pricing(&r), "pricing: none stated");
	r.audio_output_per_mtok = 20;
	ok(record_has_pricing(&r), "pricing: an audio price alone counts");
	r.audio_input_per_mtok = 10;
	record_copy(&copy, &r);
	ok(copy.audio_input_per_mtok == 10 && copy.audio_output_per_mtok == 20,
	    "pricing: record_copy keeps the audio prices");
	record_clear(&copy);
	record_clear(&r);

	/* The only priced statement gives all four prices. */
	statement(&in, "openai", "gpt-4o-realtime-preview", "markdown");
	s = statement(&in, "openai", "gpt-4o-realtime-preview", "litellm");
	s->input_per_mtok = 5;
	s->output_per_mtok = 20;
	s->audio_input_per_mtok = 40;
	s->audio_output_per_mtok = 80;
	merge_statements(&in, &out);
	m = &out.v[0];
	ok(out.n == 1 && m->input_per_mtok == 5 && m->output_per_mtok == 20 &&
	    m->audio_input_per_mtok == 40 && m->audio_output_per_mtok == 80,
	    "pricing: text and audio prices merged");
	recordset_clear(&out);

	/* A stronger statement's prices are not mixed with a weaker one's
	 * audio prices. */
	s = statement(&in, "openai", "gpt-4o-realtime-preview", "markdown");
	s->input_per_mtok = 6;
	s->output_per_mtok = 24;
	s = statement(&in, "openai", "gpt-4o-realtime-preview", "litellm");
	s->input_per_mtok = 5;
	s->output_per_mtok = 20;
	s->audio_input_per_mtok = 40;
	s->audio_output_per_mtok = 80;
	merge_statements(&in, &out);
	m = &out.v[0];
	ok(out.n == 1 && m->input_per_mtok == 6 &&
	    m->audio_input_per_mtok < 0 && m->audio_output_per_mtok < 0,
	    "pricing: prices from one statement, not mixed");
	recordset_clear(&out);

	/* Audio prices alone are that statement's pricing. */
	s = statement(&in, "openai", "gpt-4o-realtime-preview", "markdown");
	s->audio_output_per_mtok = 80;
	s = statement(&in, "openai", "gpt-4o-realtime-preview", "litellm");
	s->input_per_mtok = 5;
	s->output_per_mtok = 20;
	merge_statements(&in, &out);
	m = &out.v[0];
	ok(out.n == 1 && m->audio_output_per_mtok == 80 &&
	    m->input_per_mtok < 0 && m->output_per_mtok < 0,
	    "pricing: an audio price alone is priced");
	recordset_clear(&out);
}

/* Design section 4, "Authority": evidence before priority, absence is no
 * statement, one record for ids that name each other, disputes shown. */
static void
test_authority(void)
{
	struct recordset in = { 0 }, out = { 0 };
	struct record *r;
	const struct record *m;
	size_t i;

	/* A price list with a higher priority than the page still loses. */
	r = statement(&in, "vertex", "text-embedding-004", "litellm");
	r->priority = 1000;
	r->shutdown_on = D(2026, 1, 14);
	r->shutdown_kind = SHUTDOWN_FIRM;
	r->input_per_mtok = 0.1;
	r = statement(&in, "vertex", "text-embedding-004", "embedded");
	r->shutdown_on = D(2027, 4, 1);
	r->shutdown_kind = SHUTDOWN_FIRM;
	merge_statements(&in, &out);
	is_int(out.n, 1, "one model, one record");
	m = &out.v[0];
	is_int(m->shutdown_on, D(2027, 4, 1),
	    "the cited date beats a price list whatever its priority");
	ok(m->input_per_mtok > 0.09, "the price list still gives the price");
	is_int(m->ndisputes, 1, "the losing date is a dispute");
	is_str(m->ndisputes ? m->disputes[0].field : "", "shutdown_on",
	    "dispute field");
	is_str(m->ndisputes ? m->disputes[0].value : "", "2026-01-14",
	    "dispute value");
	is_str(m->ndisputes ? m->disputes[0].feed : "", "litellm",
	    "dispute feed");
	recordset_clear(&out);

	/* A tracker citing a third party loses to a scraped first-party
	 * page, though its priority is higher. */
	r = statement(&in, "google", "gemini-1.5-pro", "tracker");
	r->shutdown_on = D(2026, 6, 17);
	r->shutdown_kind = SHUTDOWN_FIRM;
	r = statement(&in, "google", "gemini-1.5-pro", "deprecations-info");
	r->shutdown_on = D(2025, 9, 29);
	r->shutdown_kind = SHUTDOWN_FIRM;
	merge_statements(&in, &out);
	is_int(out.v[0].shutdown_on, D(2025, 9, 29),
	    "a scraped first-party date beats a third party's");
	recordset_clear(&out);

	/* "No shutdown date announced" on the page clears weaker dates. */
	r = statement(&in, "google", "gemini-2.5-pro", "markdown");
	r->status = STATUS_ACTIVE;
	r->shutdown_kind = SHUTDOWN_UNANNOUNCED;
	r = statement(&in, "google", "gemini-2.5-pro", "modeldeprecations");
	r->shutdown_on = D(2026, 6, 17);
	r->shutdown_kind = SHUTDOWN_EARLIEST;
	merge_statements(&in, &out);
	is_int(out.v[0].shutdown_on, DATE_NONE,
	    "an unannounced date on the page clears a tracker's");
	is_int(out.v[0].shutdown_kind, SHUTDOWN_NONE, "and its kind");
	is_int(out.v[0].ndisputes, 1, "the cleared date is a dispute");
	recordset_clear(&out);

	/* gpt-4 and gpt-4-0613 name each other: one record, the page's. */
	r = statement(&in, "openai", "gpt-4", "litellm");
	r->kind = strdup("chat");
	r->input_per_mtok = 30;
	r = statement(&in, "openai", "gpt-4-0613", "litellm");
	r->kind = strdup("completion");
	r = statement(&in, "openai", "gpt-4-0613", "markdown");
	record_add_alias(r, "gpt-4");
	r->shutdown_on = D(2026, 10, 23);
	r->shutdown_kind = SHUTDOWN_FIRM;
	/* A Vertex @version key joins the Vertex record of the model. */
	statement(&in, "vertex", "claude-3-opus@20240229", "litellm");
	r = statement(&in, "vertex", "claude-3-opus", "embedded");
	r->status = STATUS_RETIRED;
	/* Two versions with no plain record stay two. */
	statement(&in, "vertex", "claude-x@1", "litellm");
	statement(&in, "vertex", "claude-x@2", "litellm");
	merge_statements(&in, &out);
	is_int(out.n, 4, "aliases and versions join; lone versions do not");
	for (i = 0, m = NULL; i < out.n; i++)
		if (strcmp(out.v[i].id, "gpt-4-0613") == 0)
			m = &out.v[i];
	ok(m != NULL && m->naliases == 1 &&
	    strcmp(m->aliases[0], "gpt-4") == 0,
	    "gpt-4-0613 keeps gpt-4 as its alias");
	ok(m != NULL && m->shutdown_on == D(2026, 10, 23) &&
	    m->input_per_mtok == 30, "the one record has every fact");
	for (i = 0, m = NULL; i < out.n; i++)
		if (strcmp(out.v[i].id, "claude-3-opus") == 0)
			m = &out.v[i];
	ok(m != NULL && m->status == STATUS_RETIRED && m->naliases == 1 &&
	    strcmp(m->aliases[0], "claude-3-opus@20240229") == 0,
	    "the @version key is an alias of the Vertex record");
	recordset_clear(&out);

	/* A tracker naming two snapshots the page keeps apart as aliases
	 * does not fold them, but what it states counts for both. */
	statement(&in, "google", "gemini-2.0-flash", "markdown");
	r = statement(&in, "google", "gemini-2.0-flash-001", "markdown");
	r->shutdown_on = D(2026, 6, 1);
	r->shutdown_kind = SHUTDOWN_EARLIEST;
	r = statement(&in, "google", "gemini-2.0-flash", "modeldeprecations");
	record_add_alias(r, "gemini-2.0-flash-001");
	r->status = STATUS_RETIRED;
	merge_statements(&in, &out);
	is_int(out.n, 2, "two snapshots stay two records");
	ok(out.n == 2 && out.v[0].status == STATUS_RETIRED &&
	    out.v[1].status == STATUS_RETIRED,
	    "the tracker's status reaches both");
	ok(out.n == 2 && strcmp(out.v[1].id, "gemini-2.0-flash-001") == 0 &&
	    out.v[0].naliases == 0 && out.v[1].naliases == 0,
	    "each keeps its own id and lists no alias the other owns");
	ok(out.n == 2 && out.v[1].shutdown_on == D(2026, 6, 1),
	    "and the page's own date");
	recordset_clear(&out);

	/* An "announcement" on the shutdown day is an effective date. */
	r = statement(&in, "cohere", "embed-english-v2.0", "markdown");
	r->shutdown_on = D(2026, 4, 4);
	r->shutdown_kind = SHUTDOWN_FIRM;
	statement(&in, "cohere", "embed-english-v2.0",
	    "modeldeprecations")->announced_on = D(2026, 4, 4);
	statement(&in, "cohere", "embed-english-v2.0",
	    "deprecations-info")->announced_on = D(2026, 1, 20);
	merge_statements(&in, &out);
	is_int(out.v[0].announced_on, D(2026, 1, 20),
	    "an announcement on the shutdown day loses to an earlier one");
	ok(out.v[0].ndisputes == 1 &&
	    strcmp(out.v[0].disputes[0].field, "announced_on") == 0,
	    "and is shown as disputed");
	recordset_clear(&out);

	/* A catalog relays each field at the strength it had: its date
	 * from the page beats a live tracker's, its tracker-given
	 * replacement does not. */
	r = statement(&in, "alibaba", "qwen3-32b", "embedded");
	r->shutdown_on = D(2026, 10, 10);
	r->shutdown_kind = SHUTDOWN_FIRM;
	record_add_replacement(r, "alibaba", "qwen3.7-plus", NULL);
	r->field_evidence[FIELD_SHUTDOWN] = EVIDENCE_RELAYED(
	    EVIDENCE_FIRST_PARTY);
	r->field_evidence[FIELD_REPLACEMENTS] = EVIDENCE_RELAYED(
	    EVIDENCE_THIRD_PARTY);
	r = statement(&in, "alibaba", "qwen3-32b", "modeldeprecations");
	r->shutdown_on = D(2026, 9, 1);
	r->shutdown_kind = SHUTDOWN_FIRM;
	record_add_replacement(r, "alibaba", "qwen3.6-flash", NULL);
	merge_statements(&in, &out);
	is_int(out.v[0].shutdown_on, D(2026, 10, 10),
	    "the relayed first-party date beats a live tracker's");
	is_str(out.v[0].nreplacements ? out.v[0].replacements[0].id : "",
	    "qwen3.6-flash", "a relayed third party's replacement does not");
	is_int(out.v[0].field_evidence[FIELD_SHUTDOWN],
	    EVIDENCE_RELAYED(EVIDENCE_FIRST_PARTY),
	    "the record keeps each winner's evidence");
	recordset_clear(&out);

	/* The order statements come in changes nothing. */
	statement(&in, "openai", "o1", "litellm")->status = STATUS_ACTIVE;
	statement(&in, "openai", "o1", "markdown")->status = STATUS_RETIRED;
	merge_statements(&in, &out);
	is_int(out.v[0].status, STATUS_RETIRED, "strongest first");
	recordset_clear(&out);
	statement(&in, "openai", "o1", "markdown")->status = STATUS_RETIRED;
	statement(&in, "openai", "o1", "litellm")->status = STATUS_ACTIVE;
	merge_statements(&in, &out);
	is_int(out.v[0].status, STATUS_RETIRED, "in either order");
	recordset_clear(&out);
}

int
main(void)
{
	test_status_rules();
	test_overdue();
	test_names();
	test_copy();
	test_recordset();
	test_merge();
	test_authority();
	test_pricing();
	return tap_done();
}
