/*
 * test_scan.c - what `sunset scan` is made of.  The id automaton
 * (idscan): whole-id boundaries and look-alikes, overlapping ids, case,
 * lines and columns (CRLF, UTF-8).  The walker (walk): a file read in
 * blocks against the same text in one buffer, binary and missing files.
 * The policy (scan): the ids a catalog gives.  And the two ignore files:
 * gitignore patterns, .sunsetignore entries and their expiry.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "date.h"
#include "feed.h"
#include "gitignore.h"
#include "idscan.h"
#include "scan.h"
#include "sunsetignore.h"
#include "tap.h"
#include "util.h"
#include "walk.h"
#include "fixture.h"

/* Matches collected as "line:column:text" joined by spaces. */
struct got {
	char	buf[16384];
	size_t	n;
	size_t	count;
	uint64_t utf16;		/* of the last match */
	uint64_t offset;
};

static void
collect(const struct idscan_match *m, void *arg)
{
	struct got *g = arg;

	if (g->n + 300 < sizeof(g->buf))
		g->n += (size_t)snprintf(g->buf + g->n, sizeof(g->buf) - g->n,
	    "%s%llu:%llu:%.*s", g->count ? " " : "",
	    (unsigned long long)m->line, (unsigned long long)m->column,
	    (int)m->len, m->text);
	g->count++;
	g->utf16 = m->column_utf16;
	g->offset = m->offset;
}

static struct idscan_set *
set_of(const char *const *ids)
{
	struct idscan_set *set = idscan_set_new();

	for (; *ids != NULL; ids++)
		idscan_set_add(set, *ids, *ids);
	idscan_set_compile(set);
	return set;
}

/* text with newlines shown as \\n, for test names. */
static const char *
shown(const char *text)
{
	static char buf[128];
	size_t n = 0;

	for (; *text != '\0' && n < sizeof(buf) - 3; text++) {
		if (*text == '\n' || *text == '\r') {
			buf[n++] = '\\';
			buf[n++] = *text == '\n' ? 'n' : 'r';
		} else
			buf[n++] = *text;
	}
	buf[n] = '\0';
	return buf;
}

/* Scans text with set and compares the matches with want. */
static void
check(const struct idscan_set *set, const char *text, const char *want,
    const char *what)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	idscan_buffer(set, text, strlen(text), collect, &g);
	is_str(g.buf, want, "%s", what);
}

static void
test_boundaries(void)
{
	static const char *ids[] = { "gpt-4", NULL };
	struct idscan_set *set = set_of(ids);

	check(set, "gpt-4", "1:1:gpt-4", "the whole buffer is an id");
	check(set, "gpt-4 and", "1:1:gpt-4", "an id at the start");
	check(set, "use gpt-4", "1:5:gpt-4", "an id at the end");
	check(set, "gpt-4o", "", "gpt-4o is not gpt-4");
	check(set, "gpt-4.1-mini", "", "gpt-4.1-mini is not gpt-4");
	check(set, "gpt-4-turbo", "", "gpt-4-turbo is not gpt-4");
	check(set, "gpt-4-0613", "", "gpt-4-0613 is not gpt-4");
	check(set, "gpt-4_x x_gpt-4 xgpt-4 4gpt-4 .gpt-4 -gpt-4", "",
	    "letters, digits, '.', '-', '_' continue an id");
	check(set, "gpt-4.x gpt-4..", "",
	    "a '.' followed by an id byte continues it");
	check(set, "\"gpt-4\"", "1:2:gpt-4", "in double quotes");
	check(set, "'gpt-4'", "1:2:gpt-4", "in single quotes");
	check(set, "model=gpt-4,", "1:7:gpt-4", "after '=', before ','");
	check(set, "(gpt-4) [gpt-4] {gpt-4}", "1:2:gpt-4 1:10:gpt-4 1:18:gpt-4",
	    "in brackets");
	check(set, "openai/gpt-4:x", "1:8:gpt-4", "after '/', before ':'");
	check(set, "We use gpt-4.", "1:8:gpt-4", "at the end of a sentence");
	check(set, "gpt-4. Then", "1:1:gpt-4", "a sentence ends after it");
	check(set, "gpt-4.\n", "1:1:gpt-4", "a '.' before a newline");
	check(set, "gpt-4gpt-4", "", "two ids run together are neither");
	check(set, "gpt-4 gpt-4\tgpt-4", "1:1:gpt-4 1:7:gpt-4 1:13:gpt-4",
	    "every occurrence");
	check(set, "", "", "an empty buffer");
	check(set, "gpt-", "", "a prefix at the end");
	idscan_set_free(set);
}

static void
test_overlaps(void)
{
	static const char *ids[] = { "gpt-4", "gpt-4-0613", NULL };
	static const char *platform[] = { "claude-3-opus",
	    "claude-3-opus@20240229", "llama-3", "meta-llama/llama-3",
	    "b/c", "a/b", NULL };
	struct idscan_set *set = set_of(ids);

	check(set, "gpt-4-0613", "1:1:gpt-4-0613",
	    "gpt-4-0613 is reported, not gpt-4 in it");
	check(set, "gpt-4 gpt-4-0613,gpt-4", "1:1:gpt-4 1:7:gpt-4-0613 1:18:gpt-4",
	    "side by side, each once");
	idscan_set_free(set);

	set = set_of(platform);
	check(set, "claude-3-opus@20240229", "1:1:claude-3-opus@20240229",
	    "the longest of two ids at one place wins");
	check(set, "claude-3-opus@2024", "1:1:claude-3-opus",
	    "the shorter when the longer is not there");
	check(set, "meta-llama/llama-3", "1:1:meta-llama/llama-3",
	    "an id inside a longer one is not reported again");
	check(set, "x/llama-3", "1:3:llama-3", "on its own it is");
	check(set, "a/b/c", "1:1:a/b", "the leftmost of overlapping ids wins");
	idscan_set_free(set);
}

static void
test_case(void)
{
	static const char *ids[] = { "gpt-4-0613", "Claude-2", NULL };
	struct idscan_set *set = set_of(ids);

	check(set, "GPT-4-0613 Gpt-4-0613 claude-2 CLAUDE-2",
	    "1:1:GPT-4-0613 1:12:Gpt-4-0613 1:23:claude-2 1:32:CLAUDE-2",
	    "any case matches; the text is reported as found");
	check(set, "GPT-4-0613O", "", "case does not change boundaries");
	idscan_set_free(set);
}

static void
test_lines(void)
{
	static const char *ids[] = { "gpt-4", NULL };
	struct idscan_set *set = set_of(ids);
	struct got g;

	check(set, "a\nb gpt-4\n\n  gpt-4\n", "2:3:gpt-4 4:3:gpt-4",
	    "lines and columns are 1-based");
	check(set, "x\r\ngpt-4\r\n  gpt-4\r\n", "2:1:gpt-4 3:3:gpt-4",
	    "CRLF: the CR ends the id and the line counts once");
	check(set, "\n\n\ngpt-4", "4:1:gpt-4", "the last line has no newline");
	memset(&g, 0, sizeof(g));
	idscan_buffer(set, "\xc3\xa9 gpt-4", 8, collect, &g);
	is_str(g.buf, "1:4:gpt-4", "columns count bytes");
	is_int(g.utf16, 3, "UTF-16 columns count characters");
	memset(&g, 0, sizeof(g));
	idscan_buffer(set, "\xf0\x9f\x98\x80 gpt-4", 10, collect, &g);
	is_int(g.utf16, 4, "a character past U+FFFF is two UTF-16 units");
	is_int(g.offset, 5, "the offset is in bytes");
	idscan_set_free(set);
}

static void
test_set(void)
{
	struct idscan_set *set = idscan_set_new();
	char longid[IDSCAN_ID_MAX + 2];

	is_int(idscan_set_add(set, "gpt-4", "a"), 0, "an id is added");
	is_int(idscan_set_add(set, "GPT-4", "b"), 1, "the same id in another "
	    "case is a duplicate");
	is_int(idscan_set_add(set, "", NULL), -1, "an empty id is refused");
	is_int(idscan_set_add(set, "a b", NULL), -1, "an id with a space is "
	    "refused");
	is_int(idscan_set_add(set, "a\nb", NULL), -1,
	    "so is one with a newline");
	memset(longid, 'a', sizeof(longid) - 1);
	longid[sizeof(longid) - 1] = '\0';
	is_int(idscan_set_add(set, longid, NULL), -1, "an id longer than "
	    "IDSCAN_ID_MAX is refused");
	longid[IDSCAN_ID_MAX] = '\0';
	is_int(idscan_set_add(set, longid, NULL), 0,
	    "one of IDSCAN_ID_MAX is not");
	idscan_set_compile(set);
	is_int(idscan_set_add(set, "later", NULL), -1, "a compiled set takes "
	    "no more ids");
	is_int(idscan_set_count(set), 2, "two ids");
	is_str(idscan_set_id(set, 0), "gpt-4", "ids are kept folded");
	is_str(idscan_set_data(set, 0), "a", "the first data stays");
	idscan_set_free(set);

	set = idscan_set_new();
	idscan_set_compile(set);
	check(set, "gpt-4", "", "an empty set finds nothing");
	idscan_set_free(set);
	idscan_set_free(NULL);
}

/* A text of about size bytes of source-like lines, with ids planted at
 * offsets around every 1 MiB block edge. */
static char *
big_text(size_t size, size_t *len)
{
	static const char *words[] = { "return", "model", "=", "gpt-4o",
	    "gpt-4-0613", "\"gpt-4\",", "x", "if", "(gpt-4)", "\xc3\xa9",
	    "GPT-4.1", "foo_gpt-4", "gpt-4.", "command", "\"command\"",
	    "=command", "'command" };
	char *t = malloc(size + 64);
	size_t n = 0, i = 0, block = 1024 * 1024, edge;
	unsigned seed = 7;

	while (n < size) {
		seed = seed * 1103515245u + 12345u;
		n += (size_t)sprintf(t + n, "%s%s", words[(seed >> 16) %
		    (sizeof(words) / sizeof(words[0]))],
		    (seed >> 8) % 9 == 0 ? "\n" : (seed >> 8) % 17 == 0 ?
		    "\r\n" : " ");
		i++;
	}
	/* Ids, and plain words whose value ends a line, across the places
	 * where blocks are cut. */
	for (edge = block; edge + 300 < size; edge += block - 300)
		for (i = 0; i < 40; i++)
			memcpy(t + edge - 270 + i * 13, i % 2 ?
			    "k:command  \n" : " gpt-4-0613 ", 12);
	*len = n;
	return t;
}

static void
test_blocks(void)
{
	static const char *ids[] = { "gpt-4", "gpt-4-0613", "x",
	    "\xc3\xa9", "command", NULL };
	struct idscan_set *set = set_of(ids);
	struct walk_stats stats;
	struct got *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	char dir[] = "/tmp/test_scan.XXXXXX", path[64], *text, *cause = NULL;
	size_t len, n;
	FILE *f;

	/* The same text through walk_path (blocks) and idscan_buffer (one):
	 * the same matches, in the same places. */
	idscan_set_quote_words(set, 1);
	text = big_text(3 * 1024 * 1024 + 12345, &len);
	if (!ok(mkdtemp(dir) != NULL, "a temporary directory"))
		return;
	snprintf(path, sizeof(path), "%s/big.txt", dir);
	f = fopen(path, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	memset(&stats, 0, sizeof(stats));
	n = idscan_buffer(set, text, len, collect, a);
	is_int(walk_path(set, path, NULL, &stats, collect, b, &cause), 0,
	    "walk_path reads a 3 MiB file");
	ok(n > 10000, "many matches (%zu)", n);
	is_int(b->count, a->count, "blocks find as many matches as one buffer");
	is_int(b->offset, a->offset, "up to the same last one");
	is_int(b->utf16, a->utf16, "with the same UTF-16 column");
	is_int(stats.files, 1, "one file scanned");
	is_int(stats.bytes, len, "every byte read");
	unlink(path);

	/* A NUL in the first 8 KiB makes a file binary. */
	snprintf(path, sizeof(path), "%s/bin.dat", dir);
	f = fopen(path, "wb");
	fwrite("gpt-4\n\0gpt-4", 1, 12, f);
	fclose(f);
	memset(b, 0, sizeof(*b));
	memset(&stats, 0, sizeof(stats));
	walk_path(set, path, NULL, &stats, collect, b, &cause);
	is_int(b->count, 0, "a binary file is not scanned");
	is_int(stats.binary, 1, "and counted as binary");
	unlink(path);
	is_int(walk_path(set, path, NULL, &stats, collect, b, &cause), -1,
	    "a missing path fails");
	ok(cause != NULL && strstr(cause, "No such file") != NULL,
	    "and says why");
	free(cause);
	rmdir(dir);
	free(text);
	free(a);
	free(b);
	idscan_set_free(set);
}

/* The reference: at each place a match may start, left to right, the
 * longest id with boundaries on both sides, skipping overlaps. */
static void
naive(char ids[][8], size_t nids, const char *t, size_t len, struct got *g)
{
	static const char idb[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
	size_t s, i, l, best, last_end = 0, line = 1, ls = 0, k;
	struct idscan_match m;
	int right;

	for (s = 0; s < len; s++) {
		best = 0;
		for (i = 0; i < nids; i++) {
			l = strlen(ids[i]);
			if (s < last_end || l > len - s ||
			    strncasecmp(t + s, ids[i], l) != 0 ||
			    (s > 0 && strchr(idb, t[s - 1]) != NULL))
				continue;
			right = s + l == len || strchr(idb, t[s + l]) == NULL ||
			    (t[s + l] == '.' && (s + l + 1 == len ||
			    strchr(idb, t[s + l + 1]) == NULL));
			if (right && l > best)
				best = l;
		}
		if (best == 0)
			continue;
		for (k = ls; k < s; k++)
			if (t[k] == '\n') {
				line++;
				ls = k + 1;
			}
		memset(&m, 0, sizeof(m));
		m.line = line;
		m.column = s - ls + 1;
		m.text = t + s;
		m.len = best;
		collect(&m, g);
		last_end = s + best;
	}
}

static void
test_random(void)
{
	static const char alpha[] = "ab-./A";
	static const char talpha[] = "abAB-./ \n_";
	char ids[6][8], text[640];
	struct idscan_set *set;
	struct got a, b;
	size_t nids, i, j, len, same = 0, found = 0;
	unsigned seed = 12345;
	int iter;

#define RND(n) (seed = seed * 1103515245u + 12345u, (seed >> 16) % (n))
	for (iter = 0; iter < 3000; iter++) {
		set = idscan_set_new();
		nids = 1 + RND(6);
		for (i = 0; i < nids; i++) {
			len = 1 + RND(5);
			for (j = 0; j < len; j++)
				ids[i][j] = alpha[RND(sizeof(alpha) - 1)];
			ids[i][len] = '\0';
			idscan_set_add(set, ids[i], ids[i]);
		}
		idscan_set_compile(set);
		/* Long ones take the two-halves path of a block. */
		len = iter % 3 == 0 ? RND(600) : RND(60);
		for (j = 0; j < len; j++)
			text[j] = talpha[RND(sizeof(talpha) - 1)];
		text[len] = '\0';
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		idscan_buffer(set, text, len, collect, &a);
		naive(ids, nids, text, len, &b);
		if (strcmp(a.buf, b.buf) == 0)
			same++;
		else
			printf("#   \"%s\": got \"%s\", want \"%s\"\n",
			    shown(text), a.buf, b.buf);
		found += b.count;
		idscan_set_free(set);
	}
#undef RND
	is_int(same, 3000, "3000 random sets and texts: the automaton finds "
	    "what the obvious search finds (%zu matches)", found);
}

static const char catalog[] =
    "{\"provider\": \"openai\", \"id\": \"gpt-4-0613\", \"aliases\": "
    "[\"gpt-4\"], \"shutdown_on\": \"2026-10-23\", \"shutdown_kind\": "
    "\"firm\", \"replacements\": [{\"id\": \"gpt-5\"}]},"
    "{\"provider\": \"azure\", \"id\": \"gpt-4\", \"shutdown_on\": "
    "\"2026-06-01\", \"shutdown_kind\": \"firm\"},"
    "{\"provider\": \"openai\", \"id\": \"gpt-4o\"},"
    "{\"provider\": \"azure\", \"id\": \"gpt-4o\", \"shutdown_on\": "
    "\"2026-03-01\", \"shutdown_kind\": \"firm\"},"
    "{\"provider\": \"openai\", \"id\": \"text-davinci-003\", "
    "\"status\": \"retired\"},"
    "{\"provider\": \"openai\", \"id\": \"babbage\", "
    "\"status\": \"deprecated\"},"
    "{\"provider\": \"openai\", \"id\": \"gpt-5\"}";

/* How many ids the scan of text finds. */
static size_t
count_in(const struct idscan_set *set, const char *text)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	return idscan_buffer(set, text, strlen(text), collect, &g);
}

/* Plain-word ids (babbage) count as the whole of a value, not in prose
 * nor as a word in a sentence. */
static void
check_words(const struct idscan_set *set)
{
	static const struct {
		const char	*text;
		int		 want;
		const char	*name;
	} cases[] = {
		{ "the babbage engine was never built", 0, "in prose" },
		{ "babbage", 0, "a bare word on its own" },
		{ "model=\"babbage\"", 1, "a whole double-quoted literal" },
		{ "m = 'babbage'", 1, "a whole single-quoted literal" },
		{ "use `babbage`", 1, "a whole backticked literal" },
		{ "{\"model\": \"babbage\"}", 1, "a JSON value" },
		{ "model = babbage", 1, "a TOML/INI value" },
		{ "model:  babbage", 1, "a YAML value" },
		{ "MODEL=babbage", 1, "a .env value" },
		{ "model: babbage  # old", 1, "a value before a comment" },
		{ "model = babbage ; old", 1, "a value before an INI comment" },
		{ "model: babbage\r\nx: 1\r\n", 1, "a value at a CRLF" },
		{ "model: \"babbage\"\r\n", 1, "a quoted value at a CRLF" },
		{ "see openai/babbage for more", 0, "after '/' in prose" },
		{ "\"openai/babbage\"", 1, "a literal after a platform's '/'" },
		{ "model: openai/babbage\n", 1, "a value after a platform's '/'" },
		{ "\"Babbage the sentiment of this review\"", 0,
		    "the first word of a sentence in a string" },
		{ "p = \"Please babbage it\"", 0, "a word inside a string" },
		{ "p = 'the babbage'", 0, "the last word of a string" },
		{ "note: babbage was slow\n", 0, "the first word of a value" },
		{ "\"babbage'", 0, "between quotes that do not match" },
		{ "x == babbage\n", 0, "a comparison is not a value" },
		{ "model: babbage.\n", 0, "a sentence's last word" },
		{ "model = babbage, n = 1\n", 0, "a value with more after it" },
		{ "f(model=babbage)", 0, "a variable passed as an argument" },
		{ "\xc3\xa9t\xc3\xa9 = \"babbage\"", 1,
		    "UTF-8 before a whole literal" },
		{ "\"\xc3\xa9 babbage\"", 0, "UTF-8 before a word in a string" },
		{ "s = \"babbage the text\"; m = \"babbage\"", 1,
		    "a mixed line: the whole literal only" },
		{ "the text-davinci-003 model", 1,
		    "an id with a digit or '-' counts in prose too" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(count_in(set, cases[i].text), cases[i].want, "%s",
		    cases[i].name);
}

/* The openai-python SDK's example: "Classify the sentiment" is a sentence,
 * not Cohere's classify; the value model: classify is the id. */
static void
test_sentence_words(void)
{
	struct idscan_set *set = idscan_set_new();
	static const char sdk[] =
	    "completion = client.chat.completions.create(\n"
	    "    model=\"gpt-4o\",\n"
	    "    messages=[{\"role\": \"user\", \"content\": "
	    "\"Classify the sentiment of this review: ...\"}],\n"
	    ")\n"
	    "# Classify, command, summarize: prose\n";
	static const char conf[] =
	    "[cohere]\r\nmodel = classify\r\n"
	    "prompt = \"classify this\"\r\n";

	idscan_set_add(set, "classify", "c");
	idscan_set_add(set, "command", "c");
	idscan_set_add(set, "summarize", "c");
	idscan_set_quote_words(set, 1);
	idscan_set_compile(set);
	is_int(count_in(set, sdk), 0,
	    "a prompt starting with Classify is not Cohere's classify");
	is_int(count_in(set, conf), 1, "model = classify (CRLF) is");
	is_int(count_in(set, "{\"model\": \"command\", \"task\": "
	    "\"summarize the text\"}"), 1,
	    "JSON: the model value, not the sentence");
	idscan_set_free(set);
}

/* The record of the first match of text, or NULL. */
static const struct record *
record_of(const struct idscan_set *set, const char *text)
{
	struct got g;
	const struct record *r = NULL;
	char quoted[300];
	size_t i;

	/* Quoted, as code writes ids: plain-word ids need it. */
	snprintf(quoted, sizeof(quoted), "\"%s\"", text);
	memset(&g, 0, sizeof(g));
	if (idscan_buffer(set, quoted, strlen(quoted), collect, &g) == 0)
		return NULL;
	for (i = 0; i < idscan_set_count(set); i++)
		if (strcasecmp(idscan_set_id(set, i), text) == 0)
			r = idscan_set_data(set, i);
	return r;
}

static int32_t
day(const char *s)
{
	int32_t d;

	date_parse_iso(s, &d);
	return d;
}

static void
test_catalog(void)
{
	struct snapshot *snap = snapshot_of(catalog);
	struct idscan_set *set;
	const struct record *r;

	set = scan_set_from_snapshot(snap, day("2026-08-21"), -1);
	/* azure's gpt-4 and gpt-4o under each of azure's three prefixes,
	 * and bare gpt-4o for a note (its maker's record is active). */
	is_int(idscan_set_count(set), 11, "ids: gpt-4-0613, its alias gpt-4, "
	    "text-davinci-003, babbage, azure's two under its prefixes, and "
	    "gpt-4o");
	r = record_of(set, "gpt-4");
	ok(r != NULL && strcmp(r->provider, "openai") == 0 &&
	    strcmp(r->id, "gpt-4-0613") == 0,
	    "gpt-4 is openai's gpt-4-0613 (first party), not azure's gpt-4");
	r = record_of(set, "gpt-4o");
	ok(r != NULL && strcmp(r->provider, "azure") == 0,
	    "bare gpt-4o, active first-party, is kept as azure's note");
	r = record_of(set, "azure/gpt-4o");
	ok(r != NULL && strcmp(r->provider, "azure") == 0,
	    "azure/gpt-4o names azure's, and is found");
	ok(record_of(set, "gpt-5") == NULL, "an active model is not looked for");
	ok(record_of(set, "text-davinci-003") != NULL, "a retired one is");
	idscan_set_free(set);

	set = scan_set_from_snapshot(snap, day("2026-08-21"), 30);
	ok(record_of(set, "gpt-4-0613") == NULL,
	    "--within 30: a shutdown 63 days away does not count");
	ok(record_of(set, "babbage") != NULL,
	    "--within: deprecated without a date counts");
	ok(record_of(set, "text-davinci-003") != NULL,
	    "--within: retired always counts");
	check_words(set);
	idscan_set_free(set);

	set = scan_set_from_snapshot(snap, day("2026-10-01"), 30);
	ok(record_of(set, "gpt-4-0613") != NULL,
	    "--within 30: 22 days away counts");
	idscan_set_free(set);
	snapshot_unref(snap);
}

static void
rule_is(const char *text, const char *path, int is_dir, int want)
{
	struct gitignore *rules = gitignore_parse(text, strlen(text));
	const char *segs[16];
	char buf[256], *p, *save = NULL;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, "/", &save); p != NULL && n < 16;
	    p = strtok_r(NULL, "/", &save))
		segs[n++] = p;
	is_int(gitignore_match(rules, segs, n, is_dir), want,
	    "gitignore \"%s\" on %s%s", shown(text), path,
	    is_dir ? "/" : "");
	gitignore_free(rules);
}

static void
test_gitignore(void)
{
	struct gitignore *rules;
	const char *text = "# comment\n\n   \n*.log\n";

	rules = gitignore_parse(text, strlen(text));
	is_int(gitignore_count(rules), 1, "comments, blank lines and "
	    "lines of spaces are no rules");
	gitignore_free(rules);

	rule_is("*.log", "a.log", 0, 1);
	rule_is("*.log", "deep/er/a.log", 0, 1);
	rule_is("*.log", "a.log.txt", 0, 0);
	rule_is("*.log", ".log", 0, 1);
	rule_is("/build", "build", 1, 1);
	rule_is("/build", "src/build", 1, 0);
	rule_is("build/", "build", 1, 1);
	rule_is("build/", "build", 0, 0);
	rule_is("build/", "src/build", 1, 1);
	rule_is("doc/*.txt", "doc/a.txt", 0, 1);
	rule_is("doc/*.txt", "doc/sub/a.txt", 0, 0);
	rule_is("doc/*.txt", "x/doc/a.txt", 0, 0);
	rule_is("**/foo", "foo", 0, 1);
	rule_is("**/foo", "a/b/foo", 0, 1);
	rule_is("a/**/b", "a/b", 0, 1);
	rule_is("a/**/b", "a/x/y/b", 0, 1);
	rule_is("a/**/b", "a/x/y/c", 0, 0);
	rule_is("abc/**", "abc/x", 0, 1);
	rule_is("abc/**", "abc/x/y", 0, 1);
	rule_is("abc/**", "abc", 1, 0);
	rule_is("*.log\n!keep.log", "keep.log", 0, -1);
	rule_is("*.log\n!keep.log", "other.log", 0, 1);
	rule_is("!keep.log\n*.log", "keep.log", 0, 1);
	rule_is("fo?", "foo", 0, 1);
	rule_is("fo?", "fooo", 0, 0);
	rule_is("[abc].c", "b.c", 0, 1);
	rule_is("[abc].c", "d.c", 0, 0);
	rule_is("[!abc].c", "d.c", 0, 1);
	rule_is("[a-c]x", "bx", 0, 1);
	rule_is("a*b", "a/b", 0, 0);
	rule_is("a?b", "a/b", 0, 0);
	rule_is("\\#x", "#x", 0, 1);
	rule_is("\\!x", "!x", 0, 1);
	rule_is("foo   ", "foo", 0, 1);
	rule_is("foo\\ ", "foo ", 0, 1);
	rule_is("foo\r\n", "foo", 0, 1);
	rule_is("secret", "a/secret", 1, 1);
	rule_is("", "a", 0, 0);
}

static void
test_sunsetignore(void)
{
	struct snapshot *snap = snapshot_of(catalog);
	struct sunsetignore m;
	const struct sunsetignore_entry *e;
	const struct record *gpt4, *azure;
	char *cause = NULL;
	const char *text =
	    "# models we keep for now\n"
	    "\n"
	    "GPT-4 until=2026-09-01 reason=migrating in Q3 # not a comment\n"
	    "  azure/gpt-4o   # for good\n"
	    "text-davinci-003 reason=\n";

	gpt4 = snapshot_find(snap, "openai", "gpt-4-0613");
	azure = snapshot_find(snap, "azure", "gpt-4o");
	if (!ok(sunsetignore_parse(&m, snap, "x", text, strlen(text),
	    &cause) == 0, "a .sunsetignore parses"))
		printf("#   %s\n", cause);
	is_int(m.n, 3, "three entries");
	ok(m.v[0].record == gpt4, "GPT-4 resolves like check: openai "
	    "gpt-4-0613");
	is_int(m.v[0].line, 3, "the entry knows its line");
	is_str(m.v[0].reason, "migrating in Q3 # not a comment",
	    "a reason runs to the end of the line");
	ok(m.v[1].record == azure, "a platform prefix picks the platform");
	ok(m.v[1].until == DATE_NONE, "no until: for good");
	is_str(m.v[2].reason, "", "an empty reason");

	e = sunsetignore_hides(&m, gpt4, day("2026-08-31"));
	ok(e != NULL && e == &m.v[0], "hidden the day before until");
	ok(sunsetignore_hides(&m, gpt4, day("2026-09-01")) == NULL,
	    "shown again from the until day on");
	ok(sunsetignore_hides(&m, azure, day("2099-01-01")) != NULL,
	    "an entry without until hides for good");
	ok(sunsetignore_hides(&m, snapshot_find(snap, "azure", "gpt-4"),
	    day("2026-08-01")) == NULL, "other records are not hidden");
	sunsetignore_clear(&m);

#define BAD(text, want, what) do {					\
	cause = NULL;							\
	is_int(sunsetignore_parse(&m, snap, "f", text, strlen(text),	\
	    &cause), -1, what);						\
	ok(cause != NULL && strstr(cause, want) != NULL,		\
	    what ": \"%s\"", cause ? cause : "(null)");			\
	free(cause);							\
	is_int(m.n, 0, what ": nothing is kept");			\
} while (0)
	BAD("no-such-model", "f:1: unknown model \"no-such-model\"",
	    "an unknown model is an error");
	BAD("# c\ngpt-4 until=2026-13-01", "f:2: until= wants a date",
	    "a bad date is an error with its line");
	BAD("gpt-4\ngpt-4 until=2026-01-01 until=2026-02-01",
	    "f:2: until= given twice", "two untils");
	BAD("gpt-4 because", "f:1: unexpected \"because\"",
	    "an unknown word is an error");
#undef BAD
	snapshot_unref(snap);
}

int
main(void)
{
	xcjson_init();
	test_boundaries();
	test_overlaps();
	test_case();
	test_lines();
	test_set();
	test_blocks();
	test_random();
	test_catalog();
	test_sentence_words();
	test_gitignore();
	test_sunsetignore();
	return tap_done();
}
