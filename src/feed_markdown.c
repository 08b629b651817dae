/*
 * feed_markdown.c - first-party deprecation pages served as markdown.
 *
 * Pages differ in wording, not in shape: tables whose header names a model
 * column and a date column, under headings that may carry the date of the
 * announcement.  Tables are found by the role of each header (a small table
 * of header words), never by page; a few layouts without tables (a list of
 * ids under "the following models will be retired on DATE", a list of
 * plain-text aliases) are read the same generic way, and so are changelog
 * entries (an <Update label="DATE"> block or a "### DATE" heading) whose
 * sentences deprecate models.  Each statement is a
 * row; when a page states a model more than once, the row under the latest
 * announcement is the current word, and rows that agree with it on the
 * shutdown date fill the fields it leaves out.
 *
 * Invariant: the parser is pure (bytes in, records out: no clock, no I/O),
 * reads nothing past len, and emits each (provider, id) once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "feed.h"
#include "provider.h"
#include "util.h"

#define MAX_CELLS	32	/* columns read; more are ignored */
#define LINK_MAX	2048	/* longest link text, URL or HTML tag */
#define ID_MAX		200	/* longest model id */
#define NAMES_MAX	64	/* ids one cell may name */
#define ALIASES_MAX	64	/* aliases one record may have */
#define REPL_MAX	16	/* replacements one record may have */

enum role {
	ROLE_NONE,
	ROLE_MODEL,
	ROLE_SHUTDOWN,
	ROLE_ANNOUNCED,
	ROLE_REPLACEMENT,
	ROLE_STATUS,
	ROLE_VERSION
};

/*
 * Header words, tried in order against the lower-cased header; the first
 * that occurs decides the column's role.  With unless_model set, a header
 * that also names the model and no date is the model column instead
 * ("Deprecated model", "Model being retired").  Headers matching none are
 * model columns when they name the model (see model_score), else ignored.
 */
static const struct header_word {
	const char	*word;
	enum role	 role;
	int		 unless_model;
} header_words[] = {
	{ "replacement", ROLE_REPLACEMENT, 0 },
	{ "substitute", ROLE_REPLACEMENT, 0 },
	{ "alternative", ROLE_REPLACEMENT, 0 },
	{ "upgrade", ROLE_REPLACEMENT, 0 },
	{ "redirect", ROLE_REPLACEMENT, 0 },
	{ "successor", ROLE_REPLACEMENT, 0 },
	{ "migrate", ROLE_REPLACEMENT, 0 },
	{ "price", ROLE_NONE, 0 },
	{ "pricing", ROLE_NONE, 0 },
	{ "cost", ROLE_NONE, 0 },
	{ "token", ROLE_NONE, 0 },
	{ "context", ROLE_NONE, 0 },
	{ "provider", ROLE_NONE, 0 },
	{ "region", ROLE_NONE, 0 },
	{ "release", ROLE_NONE, 0 },
	{ "launch", ROLE_NONE, 0 },
	{ "training", ROLE_NONE, 0 },
	{ "deployment", ROLE_NONE, 0 },
	{ "fine-tun", ROLE_NONE, 0 },
	{ "extended access", ROLE_NONE, 0 },
	{ "parameter", ROLE_NONE, 0 },
	{ "version", ROLE_VERSION, 0 },
	{ "shutdown", ROLE_SHUTDOWN, 1 },
	{ "shut down", ROLE_SHUTDOWN, 1 },
	{ "retire", ROLE_SHUTDOWN, 1 },
	{ "end of life", ROLE_SHUTDOWN, 1 },
	{ "end-of-life", ROLE_SHUTDOWN, 1 },
	{ "eol", ROLE_SHUTDOWN, 1 },
	{ "discontinu", ROLE_SHUTDOWN, 1 },
	{ "sunset", ROLE_SHUTDOWN, 1 },
	{ "removal", ROLE_SHUTDOWN, 1 },
	{ "offline", ROLE_SHUTDOWN, 1 },
	{ "decommission", ROLE_SHUTDOWN, 1 },
	{ "end of support", ROLE_SHUTDOWN, 1 },
	{ "end of service", ROLE_SHUTDOWN, 1 },
	{ "deprecat", ROLE_ANNOUNCED, 1 },
	{ "legacy", ROLE_ANNOUNCED, 1 },
	{ "announce", ROLE_ANNOUNCED, 1 },
	{ "notice", ROLE_ANNOUNCED, 1 },
	{ "status", ROLE_STATUS, 0 },
	{ "state", ROLE_STATUS, 0 },
	{ "lifecycle", ROLE_STATUS, 0 }
};

/* Words of a header that name the model column, with how surely: an id
 * column beats a snapshot column beats a name column. */
static const struct model_word {
	const char	*word;
	int		 score;
} model_words[] = {
	{ "id", 3 }, { "ids", 3 }, { "api", 3 }, { "slug", 3 },
	{ "snapshot", 2 }, { "snapshots", 2 },
	{ "model", 1 }, { "models", 1 }, { "name", 1 }, { "family", 1 },
	{ "system", 1 }, { "engine", 1 }
};

/* Words in prose that mean "stops working" and "is deprecated". */
static const char *shutdown_words[] = {
	"retire", "shutdown", "shut down", "sunset", "discontinu", "removed",
	"end of life", "end-of-life", "offline"
};

/* A page-wide caveat that its dates are floors ("the shutdown dates are
 * the earliest possible dates", "won't be moved to an earlier date"): any
 * of these in a sentence that speaks of dates. */
static const char *soft_caveats[] = {
	"earliest possible", "are the earliest", "earliest shutdown",
	"earliest retirement", "no earlier than", "not earlier than",
	"no sooner than", "not sooner than", "earlier date", "at the earliest"
};

/* In a changelog entry, a clause that deprecates one of these is not
 * about a model ("Deprecating `top_k` parameter for `model-c`"). */
static const char *not_model_words[] = {
	"parameter", "argument", "field", "flag", "option", "setting",
	"header", "endpoint", "feature", "attribute", "property", "value"
};

/* Words after which a changelog clause names replacements, not what it
 * deprecates. */
static const char *clause_ends[] = {
	" in favor of ", " in favour of ", " use ", " replaced by ",
	" migrate ", " instead", " for ", " with ", " to "
};

/* Of clause_ends, those after which the sentence names replacements. */
#define CLAUSE_REPLACEMENTS	5

/* What one heading says about the lines under it. */
struct heading {
	int32_t		 key;		/* its date: latest wins */
	int32_t		 announced;	/* "### YYYY-MM-DD: title" */
	int32_t		 shutdown;	/* "Retirement on May 15, 2026" */
	int		 retired;	/* "Past deprecations", "Retired models" */
	int		 aliases;	/* "Plain-text aliases" */
	int		 entry;		/* "### 2026-06-11": a changelog entry */
};

/* A model id the page states, or one of its aliases. */
struct name {
	char		*id;
	int		 alias;		/* alias of the last non-alias */
};

struct names {
	struct name	*v;
	size_t		 n;
};

#define ROW_REPLACEMENT	0x1	/* the row states its replacements */
#define ROW_ALIASES	0x2	/* the row only adds aliases */

/* One statement of the page about one model. */
struct row {
	struct record	 rec;
	int32_t		 key;		/* announcement date, for latest-wins */
	size_t		 order;		/* place in the page */
	int		 flags;
};

/* "the following models will be retired on DATE:" and its list. */
struct lead {
	int		 active;
	int32_t		 shutdown;	/* DATE_NONE: a deprecation, no date */
};

struct parser {
	char		*provider;
	struct heading	 headings[7];	/* by level; [0] unused */
	int		 level;		/* deepest heading seen */
	struct lead	 lead;
	int		 soft;		/* the page calls its dates earliest */
	int32_t		 update;	/* date of the open <Update label=...>
					 * block, or DATE_NONE */
	int		 found;		/* deprecation tables and lists */
	struct row	*rows;
	size_t		 nrows;
	size_t		 caprows;
};

/* What a table row or list item states, before it is split by model. */
struct statement {
	struct names	 names;
	enum status	 status;
	int32_t		 announced;
	int32_t		 shutdown;
	enum shutdown_kind kind;
	struct record	 repl;		/* only its replacements are used */
	int		 flags;
};

enum tok { TOK_ID, TOK_WORD, TOK_PAREN, TOK_PIPE, TOK_SEP };

/* A token of a cleaned cell: s/n is its text (inside backticks or
 * parentheses), from/to its extent in the cell. */
struct token {
	enum tok	 type;
	const char	*s;
	size_t		 n;
	const char	*from;
	const char	*to;
};

struct tokens {
	struct token	*v;
	size_t		 n;
	size_t		 cap;
};

struct span {
	const char	*s;
	size_t		 n;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static struct span
trim(const char *s, size_t n)
{
	struct span sp;

	while (n > 0 && is_space(*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space(s[n - 1]))
		n--;
	sp.s = s;
	sp.n = n;
	return sp;
}

static int
has_word(const char *lower, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(lower, words[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Where needle next occurs at or after s, remembered so that a line full
 * of "[" or "<" costs one pass, not one search per character.
 */
struct ahead {
	const char	*needle;
	const char	*at;		/* NULL: not searched yet */
};

static const char *
next_of(struct ahead *a, const char *s, const char *end)
{
	if (a->at == NULL || (a->at < s && a->at != end)) {
		a->at = memmem(s, (size_t)(end - s), a->needle,
		    strlen(a->needle));
		if (a->at == NULL)
			a->at = end;
	}
	return a->at != end && a->at - s <= LINK_MAX ? a->at : NULL;
}

struct markup {
	const char	*end;
	struct ahead	 close_tag, close_sup, close_text, close_url;
};

/* The end of an HTML tag at s ("<sup>1</sup>" whole), or NULL. */
static const char *
tag_end(struct markup *m, const char *s)
{
	const char *p, *q;

	if (*s != '<' || s + 1 >= m->end || !(s[1] == '/' || s[1] == '!' ||
	    ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z')) ||
	    (p = next_of(&m->close_tag, s, m->end)) == NULL)
		return NULL;
	if (m->end - s >= 5 && memcmp(s, "<sup>", 5) == 0 &&
	    (q = next_of(&m->close_sup, s, m->end)) != NULL)
		p = q + 5;
	return p + 1;
}

/* For "[text](url)" at s: *text_end at "](", and the end past ")". */
static const char *
link_end(struct markup *m, const char *s, const char **text_end)
{
	const char *p, *q;

	if (*s != '[' || (p = next_of(&m->close_text, s, m->end)) == NULL ||
	    (q = next_of(&m->close_url, p, m->end)) == NULL)
		return NULL;
	*text_end = p;
	return q + 1;
}

/*
 * Markup cleaning: links become their text; images, HTML tags and <sup>
 * footnote marks go; backslash escapes become the character ("\|" a pipe
 * that the tokenizer then reads as an alias separator); "**" goes.
 * Backticks, parentheses and single stars stay, since they tell ids and
 * notes apart.  Returns a new, trimmed string the caller frees.
 */
static char *
clean(const char *s, size_t n)
{
	struct markup m = { s + n, { ">", NULL }, { "</sup>", NULL },
		{ "](", NULL }, { ")", NULL } };
	char *out = xmalloc(n + 1), *o = out;
	const char *skip = NULL, *resume = NULL, *p, *t;
	struct span sp;

	while (s < m.end) {
		if (skip != NULL && s >= skip) {
			if (s < resume)
				s = resume;	/* a link's "](url)" */
			skip = NULL;
		} else if (*s == '\\' && s + 1 < m.end && !is_alnum(s[1]) &&
		    !is_space(s[1])) {
			*o++ = s[1];
			s += 2;
		} else if (*s == '*' && s + 1 < m.end && s[1] == '*')
			s += 2;
		else if ((p = tag_end(&m, s)) != NULL)
			s = p;
		else if (*s == '!' && s + 1 < m.end &&
		    (p = link_end(&m, s + 1, &t)) != NULL)
			s = p;			/* an image */
		else if (skip == NULL && (p = link_end(&m, s, &t)) != NULL) {
			skip = t;
			resume = p;
			s++;
		} else
			*o++ = *s++;
	}
	sp = trim(out, (size_t)(o - out));
	memmove(out, sp.s, sp.n);
	out[sp.n] = '\0';
	return out;
}

static char *
clean_lower(const char *s, size_t n)
{
	return str_lower(clean(s, n));
}

/* Tokens: `id`, (note), "|", "," ";" "&" "or" "and", and bare words. */
static void
push_token(struct tokens *t, enum tok type, const char *s, size_t n,
    const char *from, const char *to)
{
	struct token *k;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	k = &t->v[t->n++];
	k->type = type;
	k->s = s;
	k->n = n;
	k->from = from;
	k->to = to;
}

static const char *
paren_end(const char *s, const char *end)
{
	int depth = 0;

	for (; s < end; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && --depth == 0)
			return s;
	}
	return end;
}

static void
tokenize(const char *s, size_t n, struct tokens *t)
{
	const char *end = s + n, *p, *w;
	struct span sp;

	t->n = 0;
	while (s < end) {
		if (is_space(*s))
			s++;
		else if (*s == '`' && (p = memchr(s + 1, '`',
		    (size_t)(end - s - 1))) != NULL) {
			sp = trim(s + 1, (size_t)(p - s - 1));
			push_token(t, TOK_ID, sp.s, sp.n, s, p + 1);
			s = p + 1;
		} else if (*s == '(') {
			p = paren_end(s, end);
			sp = trim(s + 1, (size_t)(p - s - 1));
			push_token(t, TOK_PAREN, sp.s, sp.n, s,
			    p < end ? p + 1 : end);
			s = p < end ? p + 1 : end;
		} else if (*s == '|') {
			push_token(t, TOK_PIPE, s, 1, s, s + 1);
			s++;
		} else if (*s == ',' || *s == ';' || *s == '&') {
			push_token(t, TOK_SEP, s, 1, s, s + 1);
			s++;
		} else {
			for (w = s; s < end && !is_space(*s) &&
			    strchr("`(|,;", *s) == NULL; s++)
				;
			if (s == w)
				s++;		/* a lone backtick */
			else if (strspn(w, "*") >= (size_t)(s - w))
				;		/* footnote stars */
			else if ((s - w == 2 && strncasecmp(w, "or", 2) == 0) ||
			    (s - w == 3 && strncasecmp(w, "and", 3) == 0))
				push_token(t, TOK_SEP, w, (size_t)(s - w), w, s);
			else
				push_token(t, TOK_WORD, w, (size_t)(s - w), w, s);
		}
	}
}

/*
 * How much a token looks like a model id: 2 surely (in backticks, or with
 * a digit or id punctuation), 1 maybe (a bare lower-case word, an id only
 * when it stands alone), 0 not (prose, endpoints, URLs).  *n loses
 * footnote stars and, for bare words, trailing punctuation.
 */
static int
id_strength(const struct token *k, size_t *n)
{
	const char *s = k->s;
	size_t i;
	int punct = 0, lower = 1;

	*n = k->n;
	if (k->type != TOK_ID && k->type != TOK_WORD)
		return 0;
	while (*n > 0 && (s[*n - 1] == '*' || (k->type == TOK_WORD &&
	    strchr(".:", s[*n - 1]) != NULL)))
		(*n)--;
	if (*n == 0 || *n > ID_MAX || !is_alnum(s[0]) ||
	    memmem(s, *n, "://", 3) != NULL)
		return 0;
	for (i = 0; i < *n; i++) {
		if (strchr("-._/:@+", s[i]) != NULL || (s[i] >= '0' &&
		    s[i] <= '9'))
			punct = 1;
		else if (!is_alnum(s[i]))
			return 0;
		else if (s[i] < 'a' || s[i] > 'z')
			lower = 0;
	}
	if (k->type == TOK_ID || punct)
		return 2;
	return lower ? 1 : 0;
}

/* Whether token k is an id in a run of words non-parenthesised tokens:
 * a bare lower-case word only counts when it stands alone. */
static int
is_id(const struct token *k, size_t words, size_t *n)
{
	int strength = id_strength(k, n);

	return strength == 2 || (strength == 1 && words == 1);
}

static void
names_add(struct names *names, const char *s, size_t n, int alias)
{
	size_t i;

	if (names->n == NAMES_MAX)
		return;
	for (i = 0; i < names->n; i++)
		if (strlen(names->v[i].id) == n &&
		    memcmp(names->v[i].id, s, n) == 0)
			return;
	names->v = xreallocarray(names->v, names->n + 1, sizeof(*names->v));
	names->v[names->n].id = xstrndup(s, n);
	names->v[names->n].alias = alias;
	names->n++;
}

static void
names_clear(struct names *names)
{
	size_t i;

	for (i = 0; i < names->n; i++)
		free(names->v[i].id);
	free(names->v);
	names->v = NULL;
	names->n = 0;
}

/* Backticked ids inside a parenthesised note: prose aliases, as in
 * "(including `a` and `b`, which point to this snapshot)". */
static void
paren_aliases(const struct token *paren, struct names *names)
{
	struct tokens t = { 0 };
	size_t i, n;

	tokenize(paren->s, paren->n, &t);
	for (i = 0; i < t.n; i++)
		if (t.v[i].type == TOK_ID && id_strength(&t.v[i], &n) == 2)
			names_add(names, t.v[i].s, n, 1);
	free(t.v);
}

/*
 * The models a cell names: "`a` \| `b`, `c`" is a with aliases b and c;
 * without a pipe, "`a`, `b`" are two models.  A cell with any word that is
 * not an id is prose and names nothing ("Videos API", "New fine-tuning
 * training on `babbage-002`").
 */
static void
read_names(const char *cell, struct names *names)
{
	struct tokens t = { 0 };
	size_t i, n, words = 0;
	int pipe = 0, primary = 0;

	tokenize(cell, strlen(cell), &t);
	for (i = 0; i < t.n; i++) {
		if (t.v[i].type == TOK_PIPE)
			pipe = 1;
		if (t.v[i].type == TOK_ID || t.v[i].type == TOK_WORD)
			words++;
	}
	for (i = 0; i < t.n; i++) {
		if (t.v[i].type != TOK_ID && t.v[i].type != TOK_WORD)
			continue;
		if (!is_id(&t.v[i], words, &n)) {
			names_clear(names);
			break;
		}
		names_add(names, t.v[i].s, n, pipe && primary);
		primary = 1;
		if (i + 1 < t.n && t.v[i + 1].type == TOK_PAREN)
			paren_aliases(&t.v[i + 1], names);
	}
	free(t.v);
}

/* Text of [from, to) without backticks, spaces collapsed; NULL when
 * empty. */
static char *
note_text(const char *from, const char *to)
{
	char *note = xmalloc((size_t)(to - from) + 1), *o = note;
	struct span sp;

	for (; from < to; from++)
		if (*from != '`' && !(is_space(*from) && (o == note ||
		    o[-1] == ' ')))
			*o++ = is_space(*from) ? ' ' : *from;
	sp = trim(note, (size_t)(o - note));
	if (sp.n == 0) {
		free(note);
		return NULL;
	}
	note[sp.n] = '\0';
	return note;
}

/* The note made of tokens [a, b): a lone parenthesis gives its inside. */
static char *
note_of(const struct token *a, const struct token *b)
{
	if (a == b)
		return NULL;
	if (b - a == 1 && a->type == TOK_PAREN)
		return note_text(a->s, a->s + a->n);
	return note_text(a->from, b[-1].to);
}

static void
add_replacement(struct record *r, const char *provider, const char *s,
    size_t n, char *note)
{
	char *id = xstrndup(s, n);
	size_t i;

	for (i = 0; i < r->nreplacements; i++)
		if (strcmp(r->replacements[i].id, id) == 0)
			break;
	if (i == r->nreplacements && i < REPL_MAX)
		record_add_replacement(r, provider, id, note);
	free(id);
	free(note);
}

/* One item of a replacement list: ids, each maybe with a (note), or one
 * id followed by words that become its note ("`grok-4.3` with `low`
 * reasoning effort").  Items that start with prose are dropped. */
static void
read_item(const struct token *a, const struct token *b,
    const char *provider, struct record *r)
{
	const struct token *k;
	size_t n, words = 0;
	int all = 1;

	for (k = a; k < b; k++)
		if (k->type != TOK_PAREN)
			words++;
	for (k = a; k < b; k++)
		if (k->type != TOK_PAREN && !is_id(k, words, &n))
			all = 0;
	if (a == b || !is_id(a, words, &n))
		return;
	if (!all) {
		add_replacement(r, provider, a->s, n, note_of(a + 1, b));
		return;
	}
	for (k = a; k < b; k++) {
		if (k->type == TOK_PAREN)
			continue;
		is_id(k, words, &n);
		add_replacement(r, provider, k->s, n,
		    k + 1 < b && k[1].type == TOK_PAREN ? note_of(k + 1, k + 2) :
		    NULL);
	}
}

/* Replacements joined by "or", ",", "and": in order, first recommended. */
static void
read_replacements(const char *cell, const char *provider, struct record *r)
{
	struct tokens t = { 0 };
	size_t i, start = 0;

	tokenize(cell, strlen(cell), &t);
	for (i = 0; i <= t.n; i++) {
		if (i < t.n && t.v[i].type != TOK_SEP &&
		    t.v[i].type != TOK_PIPE)
			continue;
		read_item(t.v + start, t.v + i, provider, r);
		start = i + 1;
	}
	free(t.v);
}

/* read_replacements on n bytes of s, backticked ids only: prose around
 * them is no replacement. */
static void
read_replacements_span(const char *s, size_t n, const char *provider,
    struct record *r)
{
	struct tokens t = { 0 };
	size_t i, len;

	tokenize(s, n, &t);
	for (i = 0; i < t.n; i++)
		if (t.v[i].type == TOK_ID && id_strength(&t.v[i], &len) == 2)
			add_replacement(r, provider, t.v[i].s, len, NULL);
	free(t.v);
}

/* "---", "N/A", "None", a dash: a cell that says "nothing".  These are
 * the date parser's stated non-dates, which are the same words. */
static int
stated_none(const char *cell)
{
	int32_t date;
	int earliest;

	return date_parse_text(cell, strlen(cell), &date, &earliest) == 1;
}

/* A status cell: "Active", "Retired", "Deprecated (…)", "EOL". */
static enum status
read_status(const char *cell)
{
	static const struct {
		const char *word;
		enum status status;
	} words[] = {
		{ "active", STATUS_ACTIVE }, { "legacy", STATUS_LEGACY },
		{ "deprecated", STATUS_DEPRECATED }, { "retired", STATUS_RETIRED },
		{ "shut", STATUS_RETIRED }, { "eol", STATUS_RETIRED },
		{ "end-of-life", STATUS_RETIRED }, { "end of life", STATUS_RETIRED },
		{ "discontinued", STATUS_RETIRED }, { "removed", STATUS_RETIRED }
	};
	char *lower = str_lower(xstrdup(cell));
	enum status status = STATUS_NONE;
	size_t i;

	for (i = 0; i < NELEM(words); i++)
		if (strncmp(lower, words[i].word, strlen(words[i].word)) == 0) {
			status = words[i].status;
			break;
		}
	free(lower);
	return status;
}

/*
 * The first date in prose ("Effective May 15, 2026 at 12:00 PM PT"): the
 * shortest run of up to four words from some word on that parses.  Bare
 * numbers are not taken for epoch seconds here.
 */
static int
find_date(const char *s, size_t n, int32_t *date, int *earliest)
{
	const char *end = s + n, *w, *e;
	int words;

	for (w = s; w < end; w++) {
		if (is_space(*w) || (w > s && !is_space(w[-1])))
			continue;
		for (e = w, words = 0; e < end && words < 4; words++) {
			while (e < end && is_space(*e))
				e++;
			while (e < end && !is_space(*e))
				e++;
			if (words == 0 && strspn(w, "0123456789") >=
			    (size_t)(e - w))
				continue;
			if (date_parse_text(w, (size_t)(e - w), date,
			    earliest) == 0)
				return 0;
		}
	}
	return -1;
}

static struct heading context(const struct parser *p);

/* Whether the page's caveat makes the dates here floors: not under a
 * "Retired models" heading, whose dates are when the models stopped. */
static int
page_soft(const struct parser *p)
{
	return p->soft && !context(p).retired;
}

/*
 * A date cell: *date and *kind, or DATE_NONE for a stated non-date
 * (SHUTDOWN_UNANNOUNCED when it says no date is announced).  A cell
 * that is neither ("May 15, 2026 at noon") gives the first date inside it.
 */
static void
read_date(const struct parser *p, const char *cell, int32_t *date,
    enum shutdown_kind *kind)
{
	int earliest = 0;

	*date = DATE_NONE;
	*kind = SHUTDOWN_NONE;
	switch (date_parse_text(cell, strlen(cell), date, &earliest)) {
	case 0:
		break;
	case 1:
		if (date_text_unannounced(cell, strlen(cell)))
			*kind = SHUTDOWN_UNANNOUNCED;
		return;
	default:
		if (find_date(cell, strlen(cell), date, &earliest) < 0) {
			*date = DATE_NONE;
			return;
		}
	}
	*kind = earliest || page_soft(p) ? SHUTDOWN_EARLIEST : SHUTDOWN_FIRM;
}

/* The headings above the current line, deepest last, merged. */
static struct heading
context(const struct parser *p)
{
	struct heading c = { DATE_NONE, DATE_NONE, DATE_NONE, 0, 0, 0 };
	int i;

	for (i = 1; i <= p->level; i++) {
		if (p->headings[i].key != DATE_NONE)
			c.key = p->headings[i].key;
		if (p->headings[i].announced != DATE_NONE)
			c.announced = p->headings[i].announced;
		if (p->headings[i].shutdown != DATE_NONE)
			c.shutdown = p->headings[i].shutdown;
		c.retired |= p->headings[i].retired;
		c.aliases |= p->headings[i].aliases;
		c.entry |= p->headings[i].entry;
	}
	if (p->update != DATE_NONE) {
		c.key = c.announced = p->update;
		c.entry = 1;
	}
	return c;
}

static struct row *
add_row(struct parser *p)
{
	struct row *row;

	if (p->nrows == p->caprows) {
		p->caprows = p->caprows ? p->caprows * 2 : 64;
		p->rows = xreallocarray(p->rows, p->caprows, sizeof(*p->rows));
	}
	row = &p->rows[p->nrows];
	record_init(&row->rec);
	row->order = p->nrows++;
	return row;
}

/* Adds alias to r unless it is r's id, listed, or one too many. */
static void
add_alias(struct record *r, const char *alias)
{
	if (strcmp(alias, r->id) != 0 && r->naliases < ALIASES_MAX &&
	    !record_has_alias(r, alias))
		record_add_alias(r, alias);
}

/* One row per model a statement names, its aliases attached. */
static void
emit(struct parser *p, const struct statement *st)
{
	struct heading c = context(p);
	struct row *row = NULL;
	size_t i, j;

	for (i = 0; i < st->names.n; i++) {
		if (st->names.v[i].alias) {
			if (row != NULL)
				add_alias(&row->rec, st->names.v[i].id);
			continue;
		}
		row = add_row(p);
		row->rec.provider = xstrdup(p->provider);
		row->rec.id = xstrdup(st->names.v[i].id);
		row->rec.status = st->status;
		row->rec.announced_on = st->announced;
		row->rec.shutdown_on = st->shutdown;
		row->rec.shutdown_kind = st->kind;
		for (j = 0; j < st->repl.nreplacements; j++)
			if (strcmp(st->repl.replacements[j].id, row->rec.id) != 0)
				record_add_replacement(&row->rec, p->provider,
				    st->repl.replacements[j].id,
				    st->repl.replacements[j].note);
		row->key = c.key != DATE_NONE ? c.key : st->announced;
		row->flags = st->flags;
	}
}

static void
statement_init(struct statement *st, const struct heading *c)
{
	memset(st, 0, sizeof(*st));
	st->status = STATUS_NONE;
	st->announced = c->announced;
	st->shutdown = DATE_NONE;
	st->kind = SHUTDOWN_NONE;
	record_init(&st->repl);
}

static void
statement_clear(struct statement *st)
{
	names_clear(&st->names);
	record_clear(&st->repl);
}

/* Rows under "Past deprecations" or "Retired models" without a firm date
 * of their own are retired by the page's word. */
static void
statement_finish(struct statement *st, const struct heading *c)
{
	if (st->status == STATUS_NONE && c->retired &&
	    st->kind != SHUTDOWN_FIRM)
		st->status = STATUS_RETIRED;
	/* A notice dated the day the models stop ("### 2026-04-04: ...
	 * Effective April 4th, 2026, the following models will be retired")
	 * is dated by its effect, not by its announcement. */
	if (st->announced != DATE_NONE && st->announced == c->announced &&
	    st->announced == st->shutdown)
		st->announced = DATE_NONE;
}

/* ------------------------------------------------------------------ */
/* Tables. */

struct table {
	int		 col[ROLE_VERSION + 1];	/* column of each role, or -1 */
	int		 score;			/* of the model column */
};

/* Splits a table line into at most MAX_CELLS cells at unescaped pipes;
 * returns how many. */
static size_t
split_cells(const char *s, size_t n, struct span *cells)
{
	struct span line = trim(s, n);
	const char *p = line.s, *end = line.s + line.n, *start;
	size_t k = 0;

	if (p < end && *p == '|')
		p++;
	if (end > p && end[-1] == '|' && !(end - 1 > p && end[-2] == '\\'))
		end--;
	for (start = p; p <= end && k < MAX_CELLS; p++) {
		if (p < end && (*p != '|' || (p > start && p[-1] == '\\')))
			continue;
		cells[k++] = trim(start, (size_t)(p - start));
		start = p + 1;
	}
	return k;
}

/* "|---|:--:|": the line under a table's header. */
static int
is_delimiter(const char *s, size_t n)
{
	size_t i, dashes = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dashes++;
		else if (s[i] == '\0' || strchr("|: \t\r", s[i]) == NULL)
			return 0;
	}
	return dashes > 0 && memchr(s, '|', n) != NULL;
}

/* How surely a header names the model column (model_words); 0: not. */
static int
model_score(const char *lower)
{
	const char *s = lower, *w;
	size_t i, n;
	int best = 0;

	while (*s != '\0') {
		while (*s != '\0' && !is_alnum(*s))
			s++;
		for (w = s; is_alnum(*s); s++)
			;
		n = (size_t)(s - w);
		for (i = 0; i < NELEM(model_words); i++)
			if (n == strlen(model_words[i].word) &&
			    strncmp(w, model_words[i].word, n) == 0 &&
			    model_words[i].score > best)
				best = model_words[i].score;
	}
	return best;
}

static enum role
header_role(const char *lower, int *score)
{
	size_t i;

	*score = model_score(lower);
	for (i = 0; i < NELEM(header_words); i++) {
		if (strstr(lower, header_words[i].word) == NULL)
			continue;
		if (header_words[i].unless_model && *score > 0 &&
		    strstr(lower, "date") == NULL)
			break;
		return header_words[i].role;
	}
	return *score > 0 ? ROLE_MODEL : ROLE_NONE;
}

/* Reads a header line into t; 1 when the table is about deprecations. */
static int
read_header(const char *s, size_t n, const struct heading *c,
    struct table *t)
{
	struct span cells[MAX_CELLS];
	size_t i, k = split_cells(s, n, cells);
	enum role role;
	char *lower;
	int score, stop_time = 0;

	for (i = 0; i < NELEM(t->col); i++)
		t->col[i] = -1;
	t->score = 0;
	for (i = 0; i < k; i++) {
		lower = clean_lower(cells[i].s, cells[i].n);
		role = header_role(lower, &score);
		if (role == ROLE_ANNOUNCED && t->col[role] < 0)
			stop_time = strstr(lower, "time") != NULL;
		free(lower);
		if (role == ROLE_MODEL && score > t->score) {
			t->col[ROLE_MODEL] = (int)i;
			t->score = score;
		} else if (role != ROLE_MODEL && role != ROLE_NONE &&
		    t->col[role] < 0)
			t->col[role] = (int)i;
	}
	/* "Deprecation time" (Alibaba) is when the model goes offline, when
	 * no other column says so. */
	if (t->col[ROLE_SHUTDOWN] < 0 && stop_time) {
		t->col[ROLE_SHUTDOWN] = t->col[ROLE_ANNOUNCED];
		t->col[ROLE_ANNOUNCED] = -1;
	}
	return t->col[ROLE_MODEL] >= 0 && (t->col[ROLE_SHUTDOWN] >= 0 ||
	    t->col[ROLE_ANNOUNCED] >= 0 || t->col[ROLE_STATUS] >= 0 ||
	    (t->col[ROLE_REPLACEMENT] >= 0 && c->shutdown != DATE_NONE));
}

/* The cleaned text of the cell with role, or NULL when there is none. */
static char *
cell_of(const struct table *t, enum role role, const struct span *cells,
    size_t k)
{
	int i = t->col[role];

	if (i < 0 || (size_t)i >= k)
		return NULL;
	return clean(cells[i].s, cells[i].n);
}

/* Azure lists a model and its version apart: the id is name-version when
 * the version is a date ("gpt-4o" + "2024-11-20"). */
static void
apply_version(struct names *names, const char *version)
{
	int32_t date;
	size_t i, n;
	char *id;

	if (version == NULL || date_parse_iso(version, &date) < 0)
		return;
	for (i = 0; i < names->n; i++) {
		n = strlen(names->v[i].id);
		if (names->v[i].alias || (n > 10 &&
		    strcmp(names->v[i].id + n - 10, version) == 0))
			continue;
		id = xasprintf("%s-%s", names->v[i].id, version);
		free(names->v[i].id);
		names->v[i].id = id;
	}
}

static void
read_row(struct parser *p, const struct table *t, const char *s, size_t n)
{
	struct heading c = context(p);
	struct span cells[MAX_CELLS];
	struct statement st;
	size_t k = split_cells(s, n, cells);
	enum shutdown_kind kind;
	char *cell;
	int32_t date;

	statement_init(&st, &c);
	if ((cell = cell_of(t, ROLE_MODEL, cells, k)) != NULL)
		read_names(cell, &st.names);
	free(cell);
	if (st.names.n == 0)
		goto out;
	cell = cell_of(t, ROLE_VERSION, cells, k);
	apply_version(&st.names, cell);
	free(cell);
	if ((cell = cell_of(t, ROLE_SHUTDOWN, cells, k)) != NULL)
		read_date(p, cell, &st.shutdown, &st.kind);
	else if (c.shutdown != DATE_NONE) {
		st.shutdown = c.shutdown;
		st.kind = page_soft(p) ? SHUTDOWN_EARLIEST : SHUTDOWN_FIRM;
	}
	free(cell);
	if ((cell = cell_of(t, ROLE_ANNOUNCED, cells, k)) != NULL) {
		read_date(p, cell, &date, &kind);
		if (date != DATE_NONE && kind == SHUTDOWN_FIRM)
			st.announced = date;
	}
	free(cell);
	if ((cell = cell_of(t, ROLE_STATUS, cells, k)) != NULL)
		st.status = read_status(cell);
	free(cell);
	if ((cell = cell_of(t, ROLE_REPLACEMENT, cells, k)) != NULL &&
	    *cell != '\0') {
		st.flags |= ROW_REPLACEMENT;
		if (!stated_none(cell))
			read_replacements(cell, p->provider, &st.repl);
	}
	free(cell);
	statement_finish(&st, &c);
	emit(p, &st);
out:
	statement_clear(&st);
}

/* ------------------------------------------------------------------ */
/* Lines. */

struct cursor {
	const char	*buf;
	size_t		 len;
	size_t		 pos;
};

/* The next line (without its end of line) in *s, *n; 0 at the end. */
static int
next_line(struct cursor *cur, const char **s, size_t *n)
{
	const char *p, *start = cur->buf + cur->pos;
	size_t left = cur->len - cur->pos;

	if (cur->pos >= cur->len)
		return 0;
	p = memchr(start, '\n', left);
	*s = start;
	*n = p != NULL ? (size_t)(p - start) : left;
	cur->pos += *n + (p != NULL);
	if (*n > 0 && start[*n - 1] == '\r')
		(*n)--;
	return 1;
}

static int
peek_line(const struct cursor *cur, const char **s, size_t *n)
{
	struct cursor copy = *cur;

	return next_line(&copy, s, n);
}

static int
is_blank(const char *s, size_t n)
{
	return trim(s, n).n == 0;
}

/* A table: its header, delimiter and rows, read whole. */
static void
on_table(struct parser *p, struct cursor *cur, const char *s, size_t n)
{
	struct heading c = context(p);
	struct table t;
	int wanted = read_header(s, n, &c, &t);

	p->lead.active = 0;
	p->found += wanted;
	next_line(cur, &s, &n);			/* the delimiter */
	while (peek_line(cur, &s, &n) && !is_blank(s, n) &&
	    memchr(s, '|', n) != NULL) {
		next_line(cur, &s, &n);
		if (wanted)
			read_row(p, &t, s, n);
	}
}

/* Forgets the headings of level and deeper. */
static void
clear_headings(struct parser *p, int level)
{
	static const struct heading none = { DATE_NONE, DATE_NONE, DATE_NONE,
		0, 0, 0 };
	int i;

	for (i = level; i < (int)NELEM(p->headings); i++)
		p->headings[i] = none;
}

/*
 * A heading: "### 2026-06-11: title" gives the rows under it their
 * announcement date (any date before the colon orders them, as Groq's
 * "August 16, 2026: title"); "Grok Model Retirement on May 15, 2026"
 * gives a shutdown date to tables without a date column.
 */
static void
on_heading(struct parser *p, const char *s, size_t n)
{
	struct heading h = { DATE_NONE, DATE_NONE, DATE_NONE, 0, 0, 0 };
	char *text, *colon;
	int level = 0, earliest;
	int32_t date;

	while (level < (int)n && s[level] == '#')
		level++;
	text = clean_lower(s + level, n - (size_t)level);
	if ((colon = strchr(text, ':')) != NULL &&
	    date_parse_text(text, (size_t)(colon - text), &date,
	    &earliest) == 0) {
		h.key = date;
		if (strspn(text, "0123456789") == 4)
			h.announced = date;	/* year first: ISO */
	} else if (date_parse_text(text, strlen(text), &date,
	    &earliest) == 0 && !earliest) {
		h.key = h.announced = date;	/* "### 2026-06-11" */
		h.entry = 1;
	} else if (has_word(text, shutdown_words, NELEM(shutdown_words)) &&
	    find_date(text, strlen(text), &date, &earliest) == 0)
		h.shutdown = date;
	h.retired = strncmp(text, "past ", 5) == 0 ||
	    strncmp(text, "retired", 7) == 0;
	h.aliases = strstr(text, "alias") != NULL;
	free(text);
	clear_headings(p, level);
	p->headings[level] = h;
	p->level = level;
	p->lead.active = 0;
}

static int
has_whole_word(const char *lower, const char *word)
{
	const char *at;
	size_t n = strlen(word);

	for (at = strstr(lower, word); at != NULL; at = strstr(at + 1, word))
		if ((at == lower || !is_alnum(at[-1])) && !is_alnum(at[n]))
			return 1;
	return 0;
}

/* Where the clause that starts at from (in lower) ends: at a full stop,
 * a semicolon or colon, the next "deprecat", or a clause_ends word,
 * whose index goes to *why (-1 for the others). */
static const char *
clause_end(const char *from, int *why)
{
	const char *end, *p;
	size_t i;

	*why = -1;
	for (end = from; *end != '\0'; end++)
		if ((*end == '.' && (end[1] == '\0' || is_space(end[1]))) ||
		    *end == ';' || *end == ':')
			break;
	if ((p = strstr(from, "deprecat")) != NULL && p < end)
		end = p;
	for (i = 0; i < NELEM(clause_ends); i++)
		if ((p = strstr(from, clause_ends[i])) != NULL && p < end) {
			end = p;
			*why = (int)i;
		}
	return end;
}

/* Adds the backticked ids of text[from, to) to names. */
static void
entry_ids(const char *text, size_t from, size_t to, struct names *names)
{
	struct tokens t = { 0 };
	size_t i, n;

	tokenize(text + from, to - from, &t);
	for (i = 0; i < t.n; i++)
		if (t.v[i].type == TOK_ID && id_strength(&t.v[i], &n) == 2)
			names_add(names, t.v[i].s, n, 0);
	free(t.v);
}

/* Whether lower[from, to) names something that is not a model. */
static int
about_non_model(const char *lower, size_t from, size_t to)
{
	char *part = xstrndup(lower + from, to - from);
	size_t i;
	int found = 0;

	for (i = 0; i < NELEM(not_model_words) && !found; i++)
		found = has_whole_word(part, not_model_words[i]) ||
		    (strlen(not_model_words[i]) > 4 && strstr(part,
		    not_model_words[i]) != NULL);
	free(part);
	return found;
}

/*
 * A line of a changelog entry (an <Update label="2025-10-14"> block, or
 * the lines under "### 2025-10-14"): "**Deprecated `model-a` and
 * `model-b`**", "We are deprecating `model-c` in favor of `model-d`",
 * "`model-e` is now deprecated".  Each model named deprecated gets the
 * entry's date as its announcement; a clause about a parameter, a field
 * or an endpoint ("Deprecating `top_k` parameter for `model-f`")
 * deprecates no model.  A date after a shutdown word on the same line is
 * the shutdown.
 */
static void
on_entry(struct parser *p, const char *s, size_t n)
{
	struct heading c = context(p);
	struct statement st;
	char *text = clean(s, n), *lower = str_lower(xstrdup(text));
	const char *at, *end, *start, *rest;
	size_t from, to;
	int32_t date;
	int why, earliest;

	for (at = strstr(lower, "deprecat"); at != NULL;
	    at = strstr(at + 8, "deprecat")) {
		statement_init(&st, &c);
		from = (size_t)(at - lower);
		/* Past the word itself and a colon after it ("Deprecated:"). */
		for (end = at + 8; is_alnum(*end); end++)
			;
		while (is_space(*end))
			end++;
		end = clause_end(end + (*end == ':'), &why);
		to = (size_t)(end - lower);
		if (!about_non_model(lower, from, to))
			entry_ids(text, from, to, &st.names);
		if (st.names.n == 0) {
			/* "`model-e` is now deprecated": the ids before. */
			for (start = at; start > lower && !(start[-1] == ';' ||
			    (start[-1] == ' ' && start - 1 > lower &&
			    start[-2] == '.')); start--)
				;
			if (!about_non_model(lower, (size_t)(start - lower),
			    from))
				entry_ids(text, (size_t)(start - lower), from,
				    &st.names);
		}
		if (st.names.n == 0) {
			statement_clear(&st);
			continue;
		}
		if (why >= 0 && why < CLAUSE_REPLACEMENTS) {
			rest = clause_end(end + 1, &why);
			read_replacements_span(text + (end - lower),
			    (size_t)(rest - end), p->provider, &st.repl);
			st.flags |= ROW_REPLACEMENT;
		}
		rest = at + 8;
		if (has_word(rest, shutdown_words, NELEM(shutdown_words)) &&
		    find_date(rest, strlen(rest), &date, &earliest) == 0) {
			st.shutdown = date;
			st.kind = earliest || page_soft(p) ?
			    SHUTDOWN_EARLIEST : SHUTDOWN_FIRM;
		}
		st.status = STATUS_DEPRECATED;
		p->found++;
		statement_finish(&st, &c);
		emit(p, &st);
		statement_clear(&st);
	}
	free(lower);
	free(text);
}

/*
 * Prose.  "the following models will be retired on DATE:" starts a list
 * of retiring models ("... the following deprecations ...": deprecated,
 * no date); a short label such as "Deprecated Models:" keeps it going;
 * anything else ends it.  A caveat that the page's dates are floors
 * (soft_caveats; Google's note above its tables, Vertex's "won't be moved
 * to an earlier date") makes every date after it a "not sooner than".
 * In a changelog entry, sentences that deprecate models are read too.
 */
static void
on_prose(struct parser *p, const char *s, size_t n)
{
	char *text = clean_lower(s, n);
	size_t len = strlen(text);
	int32_t date;
	int earliest, retire;

	if (has_word(text, soft_caveats, NELEM(soft_caveats)) &&
	    (has_whole_word(text, "date") || has_whole_word(text, "dates")))
		p->soft = 1;
	retire = has_word(text, shutdown_words, NELEM(shutdown_words));
	if (strstr(text, "following") != NULL && (retire ||
	    strstr(text, "deprecat") != NULL) &&
	    find_date(text, len, &date, &earliest) == 0) {
		p->lead.active = 1;
		p->lead.shutdown = retire ? date : DATE_NONE;
	} else if (context(p).entry && strstr(text, "following") != NULL &&
	    strstr(text, "deprecat") != NULL && !retire) {
		/* "The following models are deprecated:" in a dated entry. */
		p->lead.active = 1;
		p->lead.shutdown = DATE_NONE;
	} else if (!(len > 0 && len < 40 && text[len - 1] == ':' &&
	    strstr(text, "model") != NULL && (retire ||
	    strstr(text, "deprecat") != NULL)))
		p->lead.active = 0;
	free(text);
	if (context(p).entry && !p->lead.active)
		on_entry(p, s, n);
}

/* A list item: a model of the current lead, or a plain-text alias line
 * ("- gpt-4-0613 | gpt-4, gpt-4-completions") under an alias heading. */
static void
on_item(struct parser *p, const char *s, size_t n)
{
	struct heading c = context(p);
	struct statement st;
	struct span item = trim(s + 1, n - 1);
	char *text;

	if (!c.aliases && !p->lead.active) {
		if (c.entry)
			on_entry(p, item.s, item.n);
		return;
	}
	while (item.n > 0 && item.s[item.n - 1] == '.')
		item.n--;
	text = clean(item.s, item.n);
	statement_init(&st, &c);
	if (c.aliases || *text == '`')
		read_names(text, &st.names);
	if (c.aliases)
		st.flags = ROW_ALIASES;
	else if ((st.shutdown = p->lead.shutdown) != DATE_NONE)
		st.kind = page_soft(p) ? SHUTDOWN_EARLIEST : SHUTDOWN_FIRM;
	else
		st.status = STATUS_DEPRECATED;
	if (!c.aliases && st.names.n > 0)
		p->found++;
	statement_finish(&st, &c);
	emit(p, &st);
	statement_clear(&st);
	free(text);
}

static int
is_fence(const char *s, size_t n)
{
	struct span sp = trim(s, n);

	return sp.n >= 3 && (strncmp(sp.s, "```", 3) == 0 ||
	    strncmp(sp.s, "~~~", 3) == 0);
}

static int
is_heading(const char *s, size_t n)
{
	size_t level = 0;

	while (level < n && s[level] == '#')
		level++;
	return level >= 1 && level <= 6 && (level == n || s[level] == ' ' ||
	    s[level] == '\t');
}

/* A top-level list item ("* ", "- ", "+ "); nested items are not read. */
static int
is_item(const char *s, size_t n)
{
	return n >= 2 && (s[0] == '*' || s[0] == '-' || s[0] == '+') &&
	    s[1] == ' ';
}

/*
 * MDX changelog blocks: '<Update label="2025-10-14" ...>' opens an entry
 * dated by its label, '</Update>' closes it.  Returns 1 when the line is
 * such a tag.
 */
static int
on_update_tag(struct parser *p, const char *s, size_t n)
{
	struct span sp = trim(s, n);
	const char *q, *e, *end = sp.s + sp.n;
	int32_t date;
	int earliest;

	if (sp.n >= 9 && strncasecmp(sp.s, "</update>", 9) == 0) {
		p->update = DATE_NONE;
		return 1;
	}
	if (sp.n < 8 || strncasecmp(sp.s, "<update", 7) != 0 ||
	    !(is_space(sp.s[7]) || sp.s[7] == '>'))
		return 0;
	p->update = DATE_NONE;
	p->lead.active = 0;
	q = memmem(sp.s, sp.n, "label=", 6);
	if (q != NULL && q + 7 < end && (q[6] == '"' || q[6] == '\'') &&
	    (e = memchr(q + 7, q[6], (size_t)(end - q - 7))) != NULL &&
	    date_parse_text(q + 7, (size_t)(e - q - 7), &date,
	    &earliest) == 0)
		p->update = date;
	if (memmem(sp.s, sp.n, "</Update>", 9) != NULL)
		p->update = DATE_NONE;		/* opened and closed */
	return 1;
}

/* An indented line inside an <Update> block: MDX indents the block's
 * content, which is prose or a list all the same. */
static void
on_indented(struct parser *p, const char *s, size_t n)
{
	struct span sp = trim(s, n);

	if (is_item(sp.s, sp.n))
		on_item(p, sp.s, sp.n);
	else if (is_heading(sp.s, sp.n))
		;
	else
		on_prose(p, sp.s, sp.n);
}

static void
read_page(struct parser *p, const char *buf, size_t len)
{
	struct cursor cur = { buf, len, 0 };
	const char *s, *next;
	size_t n, nn;
	int code = 0;

	while (next_line(&cur, &s, &n)) {
		if (is_fence(s, n))
			code = !code;
		else if (code || is_blank(s, n))
			continue;
		else if (on_update_tag(p, s, n))
			continue;
		else if (is_heading(s, n))
			on_heading(p, s, n);
		else if (memchr(s, '|', n) != NULL &&
		    peek_line(&cur, &next, &nn) && is_delimiter(next, nn))
			on_table(p, &cur, s, n);
		else if (is_item(s, n))
			on_item(p, s, n);
		else if (!is_space(*s))
			on_prose(p, s, n);
		else if (p->update != DATE_NONE)
			on_indented(p, s, n);
	}
}

/* ------------------------------------------------------------------ */
/* One record per model: the latest word, gaps filled. */

static int
by_id(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int c = strcmp(x->rec.id, y->rec.id);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
by_order(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

/* Adds what from states and into leaves out: aliases always; the rest
 * only when both state the same shutdown, so the same notice. */
static void
fill(struct row *into, const struct row *from)
{
	const struct record *f = &from->rec;
	struct record *r = &into->rec;
	size_t i;

	for (i = 0; i < f->naliases; i++)
		add_alias(r, f->aliases[i]);
	if ((from->flags & ROW_ALIASES) || f->shutdown_on != r->shutdown_on)
		return;
	if (r->status == STATUS_NONE)
		r->status = f->status;
	if (r->announced_on == DATE_NONE)
		r->announced_on = f->announced_on;
	if (!(into->flags & ROW_REPLACEMENT) && (from->flags & ROW_REPLACEMENT)) {
		for (i = 0; i < f->nreplacements; i++)
			record_add_replacement(r, f->replacements[i].provider,
			    f->replacements[i].id, f->replacements[i].note);
		into->flags |= ROW_REPLACEMENT;
	}
}

/* The current word among rows [a, b) about one model: the latest key,
 * the first in the page on a tie; NULL when all only add aliases. */
static struct row *
winner(struct row **a, struct row **b)
{
	struct row *best = NULL, **r;

	for (r = a; r < b; r++)
		if (!((*r)->flags & ROW_ALIASES) && (best == NULL ||
		    (*r)->key > best->key))
			best = *r;
	return best;
}

static int
cmp_id(const void *key, const void *elem)
{
	return strcmp(key, (*(struct row *const *)elem)->rec.id);
}

/* Drops aliases that are the id of another record (sorted by id). */
static void
drop_shadowed(struct record *r, struct row **sorted, size_t n)
{
	size_t i, j = 0;

	for (i = 0; i < r->naliases; i++)
		if (bsearch(r->aliases[i], sorted, n, sizeof(*sorted),
		    cmp_id) == NULL)
			r->aliases[j++] = r->aliases[i];
		else
			free(r->aliases[i]);
	r->naliases = j;
}

/* Moves one record per model into out, in the order of first mention. */
static void
resolve(struct parser *p, struct recordset *out)
{
	struct row **all, **win, *w;
	size_t i, j, k, nwin = 0;

	all = xreallocarray(NULL, p->nrows, sizeof(*all));
	win = xreallocarray(NULL, p->nrows, sizeof(*win));
	for (i = 0; i < p->nrows; i++)
		all[i] = &p->rows[i];
	qsort(all, p->nrows, sizeof(*all), by_id);
	for (i = 0; i < p->nrows; i = j) {
		for (j = i + 1; j < p->nrows &&
		    strcmp(all[j]->rec.id, all[i]->rec.id) == 0; j++)
			;
		if ((w = winner(all + i, all + j)) == NULL)
			continue;
		for (k = i; k < j; k++)
			if (all[k] != w)
				fill(w, all[k]);
		w->order = all[i]->order;
		win[nwin++] = w;
	}
	for (i = 0; i < nwin; i++)
		drop_shadowed(&win[i]->rec, win, nwin);
	qsort(win, nwin, sizeof(*win), by_order);
	for (i = 0; i < nwin; i++) {
		*recordset_add(out) = win[i]->rec;
		record_init(&win[i]->rec);
	}
	free(win);
	free(all);
}

static void
parser_free(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->nrows; i++)
		record_clear(&p->rows[i].rec);
	free(p->rows);
	free(p->provider);
}

static size_t
models_stated(const struct parser *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->nrows; i++)
		n += !(p->rows[i].flags & ROW_ALIASES);
	return n;
}

int
feed_markdown_parse(const char *buf, size_t len,
    const struct feed_options *options, struct recordset *out, char **cause)
{
	struct parser p;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	clear_headings(&p, 0);
	p.update = DATE_NONE;
	if (options == NULL ||
	    (p.provider = provider_slug(options->provider)) == NULL) {
		set_cause(cause, "format markdown needs a provider");
		return -1;
	}
	read_page(&p, buf, len);
	if (p.found == 0)
		set_cause(cause, "no deprecation tables found");
	else if (models_stated(&p) == 0)
		set_cause(cause, "the deprecation tables name no models");
	else {
		resolve(&p, out);
		rc = 0;
	}
	parser_free(&p);
	return rc;
}
