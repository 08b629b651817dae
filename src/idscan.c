/*
 * idscan.c - many ids found in one Aho-Corasick pass over every byte,
 * whatever the number of ids.
 *
 * The automaton is a full DFA over byte classes: the bytes that occur in
 * ids each get a class (an upper-case letter shares its lower-case one's,
 * which is all the case folding there is) and every other byte is class 0,
 * so a row has a few dozen entries, not 256.  Entries are premultiplied
 * row offsets and the states that end an id are numbered last, so the
 * inner loop is one table load and one compare per byte.  Candidates are
 * checked for id boundaries where they end; the survivors of a block are
 * sorted and reported leftmost-longest without overlaps.
 *
 * A stream takes a text in blocks of IDSCAN_BLOCK bytes.  A block is
 * scanned for matches that start before its limit, the longest id, one
 * byte and WORD_TAIL short of its end, so every such match and the bytes
 * after it that decide it (a '.' and what follows, the end of a plain
 * word's value) lie inside the block; the next block starts over
 * from the root state at the limit, with the bytes before it kept for the
 * left boundary and the column.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "idscan.h"
#include "util.h"

/* How much of a long line is kept before a block to count UTF-16 columns
 * over. */
#define LOOKBACK	(64 * 1024)
/* Below this many bytes a block is scanned in one pass, not two halves
 * side by side (small, so that the tests' short texts take both paths). */
#define SPLIT_MIN	128
/* Bound on the sum of id lengths, which bounds the states (the catalog's
 * come to about 10 KiB). */
#define TOTAL_MAX	(1024 * 1024)
/* How far past a plain word the end of its value is looked for. */
#define WORD_TAIL	64

#define NONE UINT32_MAX

struct id {
	char		*text;		/* folded, NUL-terminated */
	size_t		 len;
	const void	*data;
	int		 word;		/* only letters: an English word too */
};

struct idscan_set {
	struct id	*ids;
	size_t		 nids;
	size_t		 capids;
	size_t		 total;		/* sum of id lengths */
	uint32_t	*hash;		/* open addressing: id index + 1 */
	size_t		 hashcap;
	int		 compiled;
	int		 quote_words;	/* see idscan_set_quote_words */

	size_t		 maxlen;
	uint8_t		 cls[256];
	size_t		 nclass;
	size_t		 nstates;
	uint32_t	*delta;		/* nstates rows of nclass: next row
					   offset (state * nclass) */
	uint32_t	 out_base;	/* row offset of the first state that
					   ends an id */
	uint32_t	*out_first;	/* per such state: index into outs */
	uint32_t	*outs;		/* ids ending there, longest first,
					   NONE-terminated */
	size_t		 nouts;
};

/* Bytes that can continue an id. */
static const uint8_t idchar[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

struct idscan_set *
idscan_set_new(void)
{
	return xcalloc(1, sizeof(struct idscan_set));
}

static uint32_t
hash_of(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

/* The hash slot holding s, or the empty slot where it would go. */
static uint32_t *
hash_slot(const struct idscan_set *set, const char *s, size_t len)
{
	size_t mask = set->hashcap - 1, i = hash_of(s, len) & mask;
	const struct id *id;

	for (;; i = (i + 1) & mask) {
		if (set->hash[i] == 0)
			return &set->hash[i];
		id = &set->ids[set->hash[i] - 1];
		if (id->len == len && memcmp(id->text, s, len) == 0)
			return &set->hash[i];
	}
}

static void
hash_grow(struct idscan_set *set)
{
	size_t i;

	free(set->hash);
	set->hashcap = set->hashcap ? set->hashcap * 2 : 1024;
	set->hash = xcalloc(set->hashcap, sizeof(*set->hash));
	for (i = 0; i < set->nids; i++)
		*hash_slot(set, set->ids[i].text, set->ids[i].len) =
		    (uint32_t)i + 1;
}

int
idscan_set_add(struct idscan_set *set, const char *id, const void *data)
{
	size_t len = strlen(id), i;
	uint32_t *slot;
	char *text;

	if (set->compiled || len == 0 || len > IDSCAN_ID_MAX ||
	    set->total + len > TOTAL_MAX)
		return -1;
	for (i = 0; i < len; i++)
		if ((unsigned char)id[i] <= ' ' || id[i] == 0x7f)
			return -1;
	text = str_lower(xstrdup(id));
	if (2 * (set->nids + 1) > set->hashcap)
		hash_grow(set);
	slot = hash_slot(set, text, len);
	if (*slot != 0) {
		free(text);
		return 1;
	}
	if (set->nids == set->capids) {
		set->capids = set->capids ? set->capids * 2 : 256;
		set->ids = xreallocarray(set->ids, set->capids,
		    sizeof(*set->ids));
	}
	set->ids[set->nids].text = text;
	set->ids[set->nids].len = len;
	set->ids[set->nids].data = data;
	set->ids[set->nids].word = strspn(text,
	    "abcdefghijklmnopqrstuvwxyz") == len;
	*slot = (uint32_t)++set->nids;
	set->total += len;
	if (len > set->maxlen)
		set->maxlen = len;
	return 0;
}

/* Gives each byte that occurs in an id a class; upper-case letters share
 * the lower-case ones'. */
static void
make_classes(struct idscan_set *set)
{
	uint8_t used[256] = { 0 };
	size_t i, j;
	int b;

	for (i = 0; i < set->nids; i++)
		for (j = 0; j < set->ids[i].len; j++)
			used[(uint8_t)set->ids[i].text[j]] = 1;
	memset(set->cls, 0, sizeof(set->cls));
	set->nclass = 1;
	for (b = 0; b < 256; b++)
		if (used[b])
			set->cls[b] = (uint8_t)set->nclass++;
	for (b = 'A'; b <= 'Z'; b++)
		set->cls[b] = set->cls[b + ('a' - 'A')];
}

void
idscan_set_compile(struct idscan_set *set)
{
	uint32_t *tr, *term, *fail, *dict, *queue, *renum, s, t, x;
	size_t nc, ns, cap, i, j, c, qh, qt, k, nout, o;

	if (set->compiled)
		return;
	set->compiled = 1;
	make_classes(set);
	nc = set->nclass;

	/* The trie, in rows that become the DFA's: 0 means no child (no
	 * edge of a trie leads back to the root). */
	cap = 1024;
	tr = xcalloc(cap * nc, sizeof(*tr));
	term = xmalloc(cap * sizeof(*term));
	term[0] = NONE;
	ns = 1;
	for (i = 0; i < set->nids; i++) {
		s = 0;
		for (j = 0; j < set->ids[i].len; j++) {
			c = set->cls[(uint8_t)set->ids[i].text[j]];
			if (tr[s * nc + c] == 0) {
				if (ns == cap) {
					tr = xreallocarray(tr, cap * 2 * nc,
					    sizeof(*tr));
					memset(tr + cap * nc, 0,
					    cap * nc * sizeof(*tr));
					term = xreallocarray(term, cap * 2,
					    sizeof(*term));
					cap *= 2;
				}
				term[ns] = NONE;
				tr[s * nc + c] = (uint32_t)ns++;
			}
			s = tr[s * nc + c];
		}
		term[s] = (uint32_t)i;
	}

	/* Breadth first: failure links, the missing transitions filled in
	 * from the failure state's (complete, being shallower) row, and
	 * the nearest shorter id ending at each state (dict). */
	fail = xcalloc(ns, sizeof(*fail));
	dict = xmalloc(ns * sizeof(*dict));
	queue = xmalloc(ns * sizeof(*queue));
	dict[0] = NONE;
	queue[0] = 0;
	qt = 1;
	for (c = 0; c < nc; c++)
		if ((t = tr[c]) != 0) {
			fail[t] = 0;
			queue[qt++] = t;
		}
	qh = 1;
	while (qh < qt) {
		s = queue[qh++];
		dict[s] = term[fail[s]] != NONE ? fail[s] : dict[fail[s]];
		for (c = 0; c < nc; c++) {
			t = tr[s * nc + c];
			if (t != 0) {
				fail[t] = tr[fail[s] * nc + c];
				queue[qt++] = t;
			} else
				tr[s * nc + c] = tr[fail[s] * nc + c];
		}
	}

	/* Number the states that report nothing first, in breadth-first
	 * order (the hot, shallow rows together), then the others. */
	renum = xmalloc(ns * sizeof(*renum));
	k = 0;
	for (i = 0; i < ns; i++)
		if (term[queue[i]] == NONE && dict[queue[i]] == NONE)
			renum[queue[i]] = (uint32_t)k++;
	nout = ns - k;
	for (i = 0; i < ns; i++)
		if (term[queue[i]] != NONE || dict[queue[i]] != NONE)
			renum[queue[i]] = (uint32_t)k++;
	set->nstates = ns;
	set->delta = xmalloc(ns * nc * sizeof(*set->delta));
	for (i = 0; i < ns; i++)
		for (c = 0; c < nc; c++)
			set->delta[renum[i] * nc + c] =
			    (uint32_t)(renum[tr[i * nc + c]] * nc);
	set->out_base = (uint32_t)((ns - nout) * nc);

	/* Each reporting state's ids: its own, then along dict. */
	o = 0;
	for (i = 0; i < ns; i++) {
		o += term[i] != NONE;
		for (x = dict[i]; x != NONE; x = dict[x])
			o++;
	}
	set->outs = xmalloc((o + nout) * sizeof(*set->outs));
	set->out_first = xmalloc((nout + 1) * sizeof(*set->out_first));
	o = 0;
	for (i = 0; i < ns; i++) {
		s = queue[i];
		if (term[s] == NONE && dict[s] == NONE)
			continue;
		set->out_first[renum[s] - (ns - nout)] = (uint32_t)o;
		if (term[s] != NONE)
			set->outs[o++] = term[s];
		for (x = dict[s]; x != NONE; x = dict[x])
			set->outs[o++] = term[x];
		set->outs[o++] = NONE;
	}
	set->nouts = o;
	free(renum);
	free(queue);
	free(dict);
	free(fail);
	free(term);
	free(tr);
}

void
idscan_set_quote_words(struct idscan_set *set, int on)
{
	set->quote_words = on;
}

size_t
idscan_set_count(const struct idscan_set *set)
{
	return set->nids;
}

const char *
idscan_set_id(const struct idscan_set *set, size_t i)
{
	return set->ids[i].text;
}

const void *
idscan_set_data(const struct idscan_set *set, size_t i)
{
	return set->ids[i].data;
}

size_t
idscan_set_states(const struct idscan_set *set)
{
	return set->nstates;
}

size_t
idscan_set_bytes(const struct idscan_set *set)
{
	return set->nstates * set->nclass * sizeof(*set->delta) +
	    set->nouts * sizeof(*set->outs) + sizeof(set->cls);
}

void
idscan_set_free(struct idscan_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nids; i++)
		free(set->ids[i].text);
	free(set->ids);
	free(set->hash);
	free(set->delta);
	free(set->out_first);
	free(set->outs);
	free(set);
}

/* A match that passed the boundary test, by index in the block. */
struct cand {
	size_t		start;
	uint32_t	len;
	uint32_t	id;
};

/* Where a scan of one text (a buffer or a stream) is. */
struct text {
	const struct idscan_set	*set;
	const char		*path;
	idscan_fn			 fn;
	void			*arg;
	struct cand		*cands;		/* of the current block */
	size_t			 ncands;
	size_t			 capcands;
	uint64_t		 base;		/* text offset of block[0] */
	size_t			 counted;	/* lines counted up to here */
	uint64_t		 line;		/* the line at counted */
	uint64_t		 line_start;	/* its text offset */
	uint64_t		 last_end;	/* after the last match */
	size_t			 nmatches;
};

static void
text_init(struct text *t, const struct idscan_set *set, const char *path,
    idscan_fn fn, void *arg)
{
	struct cand *cands = t->cands;
	size_t cap = t->capcands;

	memset(t, 0, sizeof(*t));
	t->cands = cands;
	t->capcands = cap;
	t->set = set;
	t->path = path;
	t->fn = fn;
	t->arg = arg;
	t->line = 1;
}

/*
 * A plain word, an id made only of letters ("command", "classify",
 * "davinci"), is an English word as well, so it counts only where it is
 * the whole of a value, as code writes ids:
 *
 *   - the whole of a string literal: the bytes before and after it are
 *     the same quote (" ' `), so "command" counts and "Classify the
 *     sentiment" does not;
 *   - the whole of a config value: after a key and '=' or ':' (blanks
 *     around them), up to the end of the line or a comment (# ; // after
 *     a blank): model: command, MODEL=command;
 *   - either of those after a platform's '/': "cohere/command",
 *     model: cohere/command.
 *
 * The end of a value is looked for at most WORD_TAIL bytes past the word,
 * which a stream keeps in its tail, so blocks do not change the answer.
 */
static int
value_ends(const uint8_t *p, size_t e, size_t len, int eof)
{
	size_t k;

	for (k = e; k < len && k - e < WORD_TAIL &&
	    (p[k] == ' ' || p[k] == '\t'); k++)
		continue;
	if (k == len)
		return eof;
	if (p[k] == '\n' || p[k] == '\r')
		return 1;
	return k > e && (p[k] == '#' || p[k] == ';' ||
	    (p[k] == '/' && k + 1 < len && p[k + 1] == '/'));
}

static int
whole_value(const uint8_t *p, size_t start, size_t e, size_t len, int eof)
{
	size_t i = start;
	uint8_t q;

	if (i == 0)
		return 0;
	q = p[i - 1];
	if (q == '"' || q == '\'' || q == '`')
		return e < len && p[e] == q;
	if (q == '/') {
		if (i < 2 || !idchar[p[i - 2]])
			return 0;
		return (e < len && (p[e] == '"' || p[e] == '\'' ||
		    p[e] == '`')) || value_ends(p, e, len, eof);
	}
	while (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t'))
		i--;
	if (i == 0 || (p[i - 1] != '=' && p[i - 1] != ':'))
		return 0;
	for (i--; i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t'); i--)
		continue;
	if (i == 0 || !(idchar[p[i - 1]] || p[i - 1] == '"' ||
	    p[i - 1] == '\'' || p[i - 1] == ']'))
		return 0;
	return value_ends(p, e, len, eof);
}

/*
 * The ids ending at p[e] (exclusive) in state s, checked for boundaries:
 * the byte before must not continue an id (p[0] is the start of the text
 * or, when from > 0, context), nor the byte after, except a '.' that the
 * byte after it does not continue.  Past len is a boundary at eof only.
 */
static void
collect(struct text *t, const uint8_t *p, size_t e, uint32_t s,
    size_t limit, size_t len, int eof)
{
	const struct idscan_set *set = t->set;
	const uint32_t *o = set->outs +
	    set->out_first[(s - set->out_base) / set->nclass];
	size_t start, l;
	int right;

	if (e < len) {
		right = !idchar[p[e]] || (p[e] == '.' &&
		    (e + 1 < len ? !idchar[p[e + 1]] : eof));
	} else
		right = eof;
	if (!right)
		return;
	for (; *o != NONE; o++) {
		l = set->ids[*o].len;
		start = e - l;
		if (start >= limit || (start > 0 && idchar[p[start - 1]]))
			continue;
		if (set->quote_words && set->ids[*o].word &&
		    !whole_value(p, start, e, len, eof))
			continue;
		if (t->ncands == t->capcands) {
			t->capcands = t->capcands ? t->capcands * 2 : 64;
			t->cands = xreallocarray(t->cands, t->capcands,
			    sizeof(*t->cands));
		}
		t->cands[t->ncands].start = start;
		t->cands[t->ncands].len = (uint32_t)l;
		t->cands[t->ncands].id = *o;
		t->ncands++;
	}
}

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->len > y->len ? -1 : x->len < y->len;
}

/* Counts lines in p[t->counted, upto). */
static void
count_lines(struct text *t, const uint8_t *p, size_t upto)
{
	const uint8_t *q = p + t->counted, *end = p + upto, *nl;

	while (q < end && (nl = memchr(q, '\n', (size_t)(end - q))) != NULL) {
		t->line++;
		q = nl + 1;
		t->line_start = t->base + (uint64_t)(q - p);
	}
	t->counted = upto;
}

static void
report(struct text *t, const uint8_t *p, const struct cand *c)
{
	struct idscan_match m;
	uint64_t at = t->base + c->start, u;
	size_t i;

	count_lines(t, p, c->start);
	m.path = t->path;
	m.offset = at;
	m.line = t->line;
	m.column = at - t->line_start + 1;
	m.column_utf16 = m.column;
	if (t->line_start >= t->base) {
		/* Continuation bytes add nothing; a 4-byte lead, two units. */
		for (u = 1, i = (size_t)(t->line_start - t->base);
		    i < c->start; i++)
			u += (p[i] & 0xc0) != 0x80 ? 1 + (p[i] >= 0xf0) : 0;
		m.column_utf16 = u;
	}
	m.text = (const char *)p + c->start;
	m.len = c->len;
	m.data = t->set->ids[c->id].data;
	t->last_end = at + c->len;
	t->nmatches++;
	t->fn(&m, t->arg);
}

/*
 * Scans p[from, len) from the root state for matches starting before
 * limit, and reports them.  p[0, from) is context: already scanned.
 *
 * A long stretch is cut in two halves scanned side by side, each from the
 * root state: the loop is bound by the latency of one table load per
 * byte, and two independent chains of loads run in the time of one.  The
 * first half takes the matches that start in it (and may run past its
 * end to finish them), the second the rest, so together they find
 * exactly what one pass would.
 */
static void
search_block(struct text *t, const uint8_t *p, size_t from, size_t limit,
    size_t len, int eof)
{
	const struct idscan_set *set = t->set;
	const uint32_t *delta = set->delta;
	const uint8_t *cls = set->cls;
	const uint32_t ob = set->out_base;
	size_t i, j, k, n, mid, end = len, end_a;
	uint32_t s = 0, sb = 0;

	t->ncands = 0;
	if (set->nids == 0)
		return;
	if (!eof && limit + set->maxlen < len)
		end = limit + set->maxlen;
	i = from;
	if (limit - from >= SPLIT_MIN) {
		mid = from + (limit - from) / 2;
		end_a = mid + set->maxlen < end ? mid + set->maxlen : end;
		n = end_a - from < end - mid ? end_a - from : end - mid;
		for (k = 0, j = mid; k < n; k++, i++, j++) {
			s = delta[s + cls[p[i]]];
			sb = delta[sb + cls[p[j]]];
			if (s >= ob)
				collect(t, p, i + 1, s, mid, len, eof);
			if (sb >= ob)
				collect(t, p, j + 1, sb, limit, len, eof);
		}
		/* What is left of either half. */
		for (; i < end_a; i++) {
			s = delta[s + cls[p[i]]];
			if (s >= ob)
				collect(t, p, i + 1, s, mid, len, eof);
		}
		i = j;
		s = sb;
	}
	for (; i < end; i++) {
		s = delta[s + cls[p[i]]];
		if (s >= ob)
			collect(t, p, i + 1, s, limit, len, eof);
	}
	if (t->ncands > 1)
		qsort(t->cands, t->ncands, sizeof(*t->cands), cand_cmp);
	for (i = 0; i < t->ncands; i++)
		if (t->base + t->cands[i].start >= t->last_end)
			report(t, p, &t->cands[i]);
}

size_t
idscan_buffer(const struct idscan_set *set, const char *buf, size_t len,
    idscan_fn fn, void *arg)
{
	struct text t;

	t.cands = NULL;
	t.capcands = 0;
	text_init(&t, set, NULL, fn, arg);
	search_block(&t, (const uint8_t *)buf, 0, len, len, 1);
	free(t.cands);
	return t.nmatches;
}

struct idscan_stream {
	struct text	 t;
	size_t		 from;		/* buf[0, from) was scanned before */
};

struct idscan_stream *
idscan_stream_new(const struct idscan_set *set)
{
	struct idscan_stream *st = xcalloc(1, sizeof(*st));

	st->t.set = set;
	return st;
}

void
idscan_stream_begin(struct idscan_stream *st, const char *path,
    idscan_fn fn, void *arg)
{
	text_init(&st->t, st->t.set, path, fn, arg);
	st->from = 0;
}

size_t
idscan_stream_block(struct idscan_stream *st, char *buf, size_t len,
    int eof)
{
	struct text *t = &st->t;
	const uint8_t *p = (const uint8_t *)buf;
	size_t limit, keep, ls;

	limit = eof ? len : len - (t->set->maxlen + 1 + WORD_TAIL);
	search_block(t, p, st->from, limit, len, eof);
	if (eof)
		return 0;
	/* Keep the context: the byte before the limit, or the current line
	 * when it is not too long. */
	count_lines(t, p, limit);
	keep = limit - 1;
	if (t->line_start >= t->base) {
		ls = (size_t)(t->line_start - t->base);
		if (ls < keep && limit - ls <= LOOKBACK)
			keep = ls;
	}
	memmove(buf, buf + keep, len - keep);
	st->from = limit - keep;
	t->counted -= keep;
	t->base += keep;
	return len - keep;
}

void
idscan_stream_free(struct idscan_stream *st)
{
	if (st == NULL)
		return;
	free(st->t.cands);
	free(st);
}
