/*
 * feed_deprecations_info.c - deprecations.info /v1/deprecations.json.
 *
 * The document is an array of deprecation notices in one of two schemas:
 * the old one (model_id, model_name, replacement_model as one string) and
 * the new one (replacement_models as a list, deprecation_date,
 * first_observed).  Every notice states a deprecation, so every record says
 * "deprecated"; the shutdown date decides whether it is retired by now.
 * announcement_date is when the scraper first saw the notice, not when the
 * provider announced it: announced_on comes from deprecation_date alone,
 * and what deprecation_date means depends on the provider (the table
 * deprecation_meanings below).
 *
 * Ids are scraped text: one model_id may list several ids ("a, b, c"),
 * replacement strings run ids together ("gpt-5orgpt-4.1*") or name models
 * by display name ("Claude Sonnet 4.5").  Only id-like tokens (no blanks)
 * become records or replacements; notices whose model_id is a display name
 * name no model a request could send and are left out.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "feed.h"
#include "feed_util.h"
#include "provider.h"
#include "util.h"

/* More ids than this in one field is not a list of ids; the rest are
 * ignored, which also bounds the work a hostile document can cause. */
#define IDLIST_MAX 64

struct idlist {
	char	**v;
	size_t	  n;
};

static void
idlist_clear(struct idlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
is_trim(char c)
{
	return isspace((unsigned char)c) || c == '`' || c == '*' ||
	    c == '"' || c == '\'' || c == '.';
}

/* Adds s[0..n) to l once, without decoration (backticks, quotes,
 * footnote stars, a closing full stop); tokens with blanks inside are
 * display names or prose, not ids, and are dropped. */
static void
idlist_add(struct idlist *l, const char *s, size_t n)
{
	size_t i;
	char *id;

	if (l->n >= IDLIST_MAX)
		return;
	while (n > 0 && is_trim(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_trim(s[n - 1]))
		n--;
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (isspace((unsigned char)s[i]) || s[i] == '\0')
			return;
	id = xstrndup(s, n);
	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], id) == 0) {
			free(id);
			return;
		}
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = id;
}

static int
starts_with(const char *s, size_t n, const char *prefix, size_t plen)
{
	return n >= plen && strncmp(s, prefix, plen) == 0;
}

/*
 * Adds one blank-free word, splitting ids run together by a lost space:
 * "gpt-5orgpt-4.1*" is "gpt-5" or "gpt-4.1".  A split needs "or"/"and"
 * followed by the word's own leading "family-" part, so ids that merely
 * contain "or" ("orpheus", "Core") stay whole.
 */
static void
add_word(struct idlist *l, const char *w, size_t n)
{
	const char *dash;
	size_t plen, i, sep;

	dash = memchr(w, '-', n);
	plen = dash != NULL ? (size_t)(dash - w) + 1 : 0;
	for (i = plen; plen >= 3 && i < n; i++) {
		if (starts_with(w + i, n - i, "or", 2))
			sep = 2;
		else if (starts_with(w + i, n - i, "and", 3))
			sep = 3;
		else
			continue;
		if (!starts_with(w + i + sep, n - i - sep, w, plen))
			continue;
		/* The rest starts with the same family prefix, so plen holds
		 * for it too. */
		idlist_add(l, w, i);
		w += i + sep;
		n -= i + sep;
		i = plen - 1;
	}
	idlist_add(l, w, n);
}

static int
is_joiner(const char *w, size_t n)
{
	return (n == 2 && strncasecmp(w, "or", 2) == 0) ||
	    (n == 3 && strncasecmp(w, "and", 3) == 0) ||
	    (n == 1 && *w == '&');
}

/* Adds the words of s[0..n) between joiners ("a or b"); a group of more
 * than one word is a display name and is dropped. */
static void
add_piece(struct idlist *l, const char *s, size_t n)
{
	const char *p = s, *e = s + n, *w = NULL, *first = NULL;
	size_t words = 0, wn = 0;

	for (;;) {
		while (p < e && isspace((unsigned char)*p))
			p++;
		w = p;
		while (p < e && !isspace((unsigned char)*p))
			p++;
		if (p == w || is_joiner(w, (size_t)(p - w))) {
			if (words == 1)
				add_word(l, first, wn);
			words = 0;
			if (p == w)
				break;
			continue;
		}
		if (words++ == 0) {
			first = w;
			wn = (size_t)(p - w);
		}
	}
}

/*
 * Splits scraped text into ids: at ',', ';' and '|', at the words "or",
 * "and" and "&", and at run-together "or"; parenthesised notes are
 * dropped.
 */
static void
split_ids(const char *text, struct idlist *l)
{
	char *copy = xstrdup(text), *p, *q, *start;
	int depth = 0;

	/* Parenthesised notes go first: they may hold commas. */
	for (p = q = copy; *p != '\0'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			*q++ = *p;
	}
	*q = '\0';
	for (start = p = copy;; p++) {
		if (*p == ',' || *p == ';' || *p == '|' || *p == '\0') {
			add_piece(l, start, (size_t)(p - start));
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
	free(copy);
}

/*
 * What deprecation_date holds, by provider, as read from the whole
 * 2026-07-24 document against each provider's own page:
 *
 *   openai, anthropic, groq  the date of the page's notice: the announcement
 *   vertex                   the deprecation date of the partner-model page
 *   bedrock                  the "Legacy date" of the lifecycle table
 *   cohere                   the date of the page's section, which is the
 *                            announcement or, for "Effective <date>, the
 *                            following models will be retired", the
 *                            shutdown day itself (then it equals
 *                            shutdown_date)
 *   google                   the shutdown date of the deprecations table
 *                            (equal to shutdown_date); rows taken from the
 *                            release notes carry the note's date instead
 *   azure, xai               the retirement date, copied (always equal to
 *                            shutdown_date)
 *
 * Whatever the provider, a date on or after the shutdown, or after the
 * notice was first seen, is no announcement (Groq's old notices carry the
 * scrape day there).  A provider not listed is read as DEP_ANNOUNCED.
 */
enum deprecation_meaning {
	DEP_ANNOUNCED,	/* the announcement */
	DEP_SHUTDOWN	/* the shutdown day, unless it is earlier than
			 * shutdown_date; stands in for an absent one (not
			 * for one stated as "TBD") */
};

static const struct {
	const char			*provider;	/* slug */
	enum deprecation_meaning	 meaning;
} deprecation_meanings[] = {
	{ "openai", DEP_ANNOUNCED },
	{ "anthropic", DEP_ANNOUNCED },
	{ "groq", DEP_ANNOUNCED },
	{ "vertex", DEP_ANNOUNCED },
	{ "bedrock", DEP_ANNOUNCED },
	{ "cohere", DEP_ANNOUNCED },
	{ "google", DEP_SHUTDOWN },
	{ "azure", DEP_SHUTDOWN },
	{ "xai", DEP_SHUTDOWN }
};

static enum deprecation_meaning
deprecation_meaning(const char *slug)
{
	size_t i;

	for (i = 0; i < NELEM(deprecation_meanings); i++)
		if (strcmp(deprecation_meanings[i].provider, slug) == 0)
			return deprecation_meanings[i].meaning;
	return DEP_ANNOUNCED;
}

/*
 * Sets tmpl's announced_on (and, for DEP_SHUTDOWN providers whose notice
 * has no shutdown_date, shutdown_on) from deprecation_date, read as its provider
 * writes it (deprecation_meanings).
 */
static void
read_deprecation_date(struct record *tmpl, const char *deprecated,
    int shutdown_stated, const char *first_seen)
{
	int32_t date, seen;
	enum shutdown_kind kind;

	tmpl->announced_on = DATE_NONE;
	if (feed_date(deprecated, &date, &kind) < 0 || date == DATE_NONE)
		return;
	if (deprecation_meaning(tmpl->provider) == DEP_SHUTDOWN) {
		if (tmpl->shutdown_on == DATE_NONE) {
			if (shutdown_stated)
				return;
			tmpl->shutdown_on = date;
			tmpl->shutdown_kind = kind;
			return;
		}
		if (date >= tmpl->shutdown_on)
			return;
	}
	if (tmpl->shutdown_on != DATE_NONE && date >= tmpl->shutdown_on)
		return;
	if (feed_date(first_seen, &seen, NULL) == 0 && seen != DATE_NONE &&
	    date > seen)
		return;
	tmpl->announced_on = date;
}

/* Of two notices for one model, the later announcement is the current
 * word; without one, the first notice (the feed lists newest first). */
static int
later_notice(const struct record *a, const struct record *b)
{
	return a->announced_on != DATE_NONE &&
	    (b->announced_on == DATE_NONE || a->announced_on > b->announced_on);
}

/*
 * Reads one notice into tmpl (everything but the id) and its ids.  Returns
 * 0, or -1 with *why set when the entry is malformed.
 */
static int
parse_notice(const cJSON *e, struct record *tmpl, struct idlist *ids,
    char **why)
{
	const cJSON *list, *item;
	const char *provider, *model_id, *model_name, *shutdown, *deprecated,
	    *first_seen, *observed, *replacement, *url;
	struct idlist repl = { NULL, 0 };
	enum shutdown_kind kind;
	size_t i;

	if (!cJSON_IsObject(e)) {
		set_cause(why, "not an object");
		return -1;
	}
	if (feed_json_string(e, "provider", &provider) < 0 ||
	    feed_json_string(e, "model_id", &model_id) < 0 ||
	    feed_json_string(e, "model_name", &model_name) < 0 ||
	    feed_json_string(e, "shutdown_date", &shutdown) < 0 ||
	    feed_json_string(e, "deprecation_date", &deprecated) < 0 ||
	    feed_json_string(e, "announcement_date", &first_seen) < 0 ||
	    feed_json_string(e, "first_observed", &observed) < 0 ||
	    feed_json_string(e, "replacement_model", &replacement) < 0 ||
	    feed_json_string(e, "url", &url) < 0) {
		set_cause(why, "a field that must be a string is not");
		return -1;
	}
	if (model_id == NULL)
		model_id = model_name;
	if (provider == NULL || model_id == NULL) {
		set_cause(why, "no provider or model_id");
		return -1;
	}
	if ((tmpl->provider = provider_slug(provider)) == NULL) {
		set_cause(why, "empty provider");
		return -1;
	}
	split_ids(model_id, ids);
	tmpl->status = STATUS_DEPRECATED;

	/* A date the parser cannot read is left unknown: the notice still
	 * states a deprecation. */
	if (feed_date(shutdown, &tmpl->shutdown_on, &kind) == 0)
		tmpl->shutdown_kind = kind;
	read_deprecation_date(tmpl, deprecated, shutdown != NULL,
	    observed != NULL ? observed : first_seen);

	list = cJSON_GetObjectItemCaseSensitive(e, "replacement_models");
	if (list != NULL && !cJSON_IsNull(list)) {
		if (!cJSON_IsArray(list)) {
			set_cause(why, "replacement_models is not a list");
			return -1;
		}
		cJSON_ArrayForEach(item, list) {
			if (cJSON_IsNull(item))
				continue;
			if (!cJSON_IsString(item)) {
				idlist_clear(&repl);
				set_cause(why, "replacement_models holds a "
				    "non-string");
				return -1;
			}
			split_ids(item->valuestring, &repl);
		}
	} else if (replacement != NULL)
		split_ids(replacement, &repl);
	for (i = 0; i < repl.n; i++) {
		/* A model is not its own successor. */
		if (ids->n == 1 && strcmp(repl.v[i], ids->v[0]) == 0)
			continue;
		record_add_replacement(tmpl, tmpl->provider, repl.v[i], NULL);
	}
	idlist_clear(&repl);
	if (url != NULL)
		record_add_source(tmpl, NULL, url, NULL, NULL);
	return 0;
}

/* One notice: a record per id it names (Cohere lists nine in one). */
static int
notice_entry(const cJSON *e, struct recordset *out, char **why)
{
	struct idlist ids = { NULL, 0 };
	struct record tmpl, *r;
	size_t i;
	int rc;

	record_init(&tmpl);
	if ((rc = parse_notice(e, &tmpl, &ids, why)) == 0)
		for (i = 0; i < ids.n; i++) {
			r = recordset_add(out);
			record_copy(r, &tmpl);
			free(r->id);
			r->id = ids.v[i];
			ids.v[i] = NULL;
		}
	record_clear(&tmpl);
	idlist_clear(&ids);
	return rc;
}

int
feed_deprecations_info_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	cJSON *doc;
	int rc = -1;

	(void)options;
	if ((doc = feed_json_parse(buf, len, cause)) == NULL)
		return -1;
	if (!cJSON_IsArray(doc))
		set_cause(cause, "expected an array of deprecations");
	else
		rc = feed_parse_entries(doc, NULL, notice_entry, "deprecations",
		    later_notice, out, cause);
	cJSON_Delete(doc);
	return rc;
}
