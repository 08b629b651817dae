/*
 * scan.c - deprecated model ids in text files: one Aho-Corasick pass over
 * every byte, whatever the number of ids.
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
 * Files are read in blocks of SCAN_BLOCK bytes.  A block is scanned for
 * matches that start before its limit, the longest id and one byte short
 * of its end, so every such match and the two bytes after it (a '.' and
 * what follows) lie inside the block; the next block starts over from the
 * root state at the limit, with the bytes before it kept for the left
 * boundary and the column.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "ignore.h"
#include "log.h"
#include "provider.h"
#include "record.h"
#include "scan.h"
#include "util.h"

/* Bytes read at a time, and how much of a long line is kept before a
 * block to count UTF-16 columns over. */
#define SCAN_BLOCK	(1024 * 1024)
#define SCAN_LOOKBACK	(64 * 1024)
/* Below this many bytes a block is scanned in one pass, not two halves
 * side by side (small, so that the tests' short texts take both paths). */
#define SCAN_SPLIT_MIN	128
/* Where a NUL makes a file binary. */
#define SCAN_BINARY_PROBE 8192
/* Bound on the sum of id lengths, which bounds the states (the catalog's
 * come to about 10 KiB). */
#define SCAN_TOTAL_MAX	(1024 * 1024)
#define GITIGNORE_MAX	(1024 * 1024)

#define NONE UINT32_MAX

struct id {
	char		*text;		/* folded, NUL-terminated */
	size_t		 len;
	const void	*data;
	int		 word;		/* only letters: an English word too */
};

struct scan_set {
	struct id	*ids;
	size_t		 nids;
	size_t		 capids;
	size_t		 total;		/* sum of id lengths */
	uint32_t	*hash;		/* open addressing: id index + 1 */
	size_t		 hashcap;
	int		 compiled;
	int		 quote_words;	/* see scan_set_quote_words */

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

struct scan_set *
scan_set_new(void)
{
	return xcalloc(1, sizeof(struct scan_set));
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
hash_slot(const struct scan_set *set, const char *s, size_t len)
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
hash_grow(struct scan_set *set)
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
scan_set_add(struct scan_set *set, const char *id, const void *data)
{
	size_t len = strlen(id), i;
	uint32_t *slot;
	char *text;

	if (set->compiled || len == 0 || len > SCAN_ID_MAX ||
	    set->total + len > SCAN_TOTAL_MAX)
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
make_classes(struct scan_set *set)
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
scan_set_compile(struct scan_set *set)
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
add_key(struct scan_set *set, const struct snapshot *snap, const char *key,
    int32_t as_of, long within)
{
	struct lookup lk;

	if (snapshot_lookup(snap, key, NULL, &lk) < 0 || lk.record == NULL ||
	    !scan_counts(lk.record, as_of, within))
		return;
	scan_set_add(set, key, lk.record);
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
add_keys(struct scan_set *set, const struct snapshot *snap,
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
		scan_set_add(set, key, lk.record);
	if (lk.record == r || !scan_counts(r, as_of, within))
		return;
	if (!counts)
		(void)scan_set_add(set, key, r);
	n = provider_prefixes(r->provider, prefixes, NELEM(prefixes));
	for (i = 0; i < n; i++) {
		spelt = xasprintf("%s/%s", prefixes[i], key);
		add_key(set, snap, spelt, as_of, within);
		free(spelt);
	}
}

struct scan_set *
scan_set_from_snapshot(const struct snapshot *snap, int32_t as_of,
    long within)
{
	struct scan_set *set = scan_set_new();
	const struct record *r;
	size_t i, j;

	for (i = 0; i < snapshot_count(snap); i++) {
		r = snapshot_record(snap, i);
		add_keys(set, snap, r, r->id, as_of, within);
		for (j = 0; j < r->naliases; j++)
			add_keys(set, snap, r, r->aliases[j], as_of, within);
	}
	scan_set_quote_words(set, 1);
	scan_set_compile(set);
	return set;
}

void
scan_set_quote_words(struct scan_set *set, int on)
{
	set->quote_words = on;
}

size_t
scan_set_count(const struct scan_set *set)
{
	return set->nids;
}

const char *
scan_set_id(const struct scan_set *set, size_t i)
{
	return set->ids[i].text;
}

const void *
scan_set_data(const struct scan_set *set, size_t i)
{
	return set->ids[i].data;
}

size_t
scan_set_states(const struct scan_set *set)
{
	return set->nstates;
}

size_t
scan_set_bytes(const struct scan_set *set)
{
	return set->nstates * set->nclass * sizeof(*set->delta) +
	    set->nouts * sizeof(*set->outs) + sizeof(set->cls);
}

void
scan_set_free(struct scan_set *set)
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

/* Where a scan of one text (a buffer or a file) is. */
struct text {
	const struct scan_set	*set;
	const char		*path;
	scan_fn			 fn;
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
text_init(struct text *t, const struct scan_set *set, const char *path,
    scan_fn fn, void *arg)
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

/* 1 when the word at p[start] is quoted or follows = : / (blanks
 * allowed after = and :). */
static int
quoted(const uint8_t *p, size_t start)
{
	size_t i = start;

	if (i > 0 && strchr("\"'`/", p[i - 1]) != NULL && p[i - 1] != '\0')
		return 1;
	while (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t'))
		i--;
	return i > 0 && (p[i - 1] == '=' || p[i - 1] == ':');
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
	const struct scan_set *set = t->set;
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
		/* "command", "davinci": as bare words these are prose; as
		 * ids they are quoted or follow = : / (model="command",
		 * model: command, cohere/command). */
		if (set->quote_words && set->ids[*o].word &&
		    !quoted(p, start))
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
	struct scan_match m;
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
scan_block(struct text *t, const uint8_t *p, size_t from, size_t limit,
    size_t len, int eof)
{
	const struct scan_set *set = t->set;
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
	if (limit - from >= SCAN_SPLIT_MIN) {
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
scan_buffer(const struct scan_set *set, const char *buf, size_t len,
    scan_fn fn, void *arg)
{
	struct text t;

	t.cands = NULL;
	t.capcands = 0;
	text_init(&t, set, NULL, fn, arg);
	scan_block(&t, (const uint8_t *)buf, 0, len, len, 1);
	free(t.cands);
	return t.nmatches;
}

/* A walk in progress. */
struct level {
	struct ignore_rules	*rules;
	size_t			 base;	/* segs index of its directory */
};

struct walker {
	const struct scan_set	*set;
	const struct scan_skip	*skip;
	struct scan_stats	*stats;
	scan_fn			 fn;
	void			*arg;
	struct text		 t;
	uint8_t			*buf;		/* SCAN_BLOCK */
	char			*path;		/* as shown */
	size_t			 pathlen;
	size_t			 pathcap;
	const char		**segs;		/* from the rules' root */
	size_t			 nsegs;
	size_t			 capsegs;
	struct level		*levels;
	size_t			 nlevels;
	size_t			 caplevels;
	char			**owned;	/* segs above the walk */
	size_t			 nowned;
};

static void
path_set(struct walker *w, size_t len)
{
	w->pathlen = len;
	w->path[len] = '\0';
}

static void
path_push(struct walker *w, const char *name)
{
	size_t n = strlen(name), sep = w->pathlen > 0 &&
	    w->path[w->pathlen - 1] != '/';

	if (w->pathlen + sep + n + 1 > w->pathcap) {
		w->pathcap = (w->pathlen + sep + n + 1) * 2;
		w->path = xreallocarray(w->path, w->pathcap, 1);
	}
	if (sep)
		w->path[w->pathlen++] = '/';
	memcpy(w->path + w->pathlen, name, n + 1);
	w->pathlen += n;
}

static void
seg_push(struct walker *w, const char *name)
{
	if (w->nsegs == w->capsegs) {
		w->capsegs = w->capsegs ? w->capsegs * 2 : 32;
		w->segs = xreallocarray(w->segs, w->capsegs,
		    sizeof(*w->segs));
	}
	w->segs[w->nsegs++] = name;
}

/* Reads the .gitignore at path (if it can) as the rules of the
 * directory at segs index base.  Returns 1 when rules were pushed. */
static int
rules_push(struct walker *w, const char *path, size_t base)
{
	char *text, *cause = NULL;
	size_t len;

	if ((text = read_file(path, GITIGNORE_MAX, &len, &cause)) == NULL) {
		log_warn("%s", cause);
		free(cause);
		w->stats->errors++;
		return 0;
	}
	if (w->nlevels == w->caplevels) {
		w->caplevels = w->caplevels ? w->caplevels * 2 : 16;
		w->levels = xreallocarray(w->levels, w->caplevels,
		    sizeof(*w->levels));
	}
	w->levels[w->nlevels].rules = ignore_rules_parse(text, len);
	w->levels[w->nlevels].base = base;
	w->nlevels++;
	free(text);
	return 1;
}

static void
rules_pop(struct walker *w)
{
	ignore_rules_free(w->levels[--w->nlevels].rules);
}

/* 1 when the path in segs is ignored: the deepest .gitignore with a
 * matching rule decides. */
static int
ignored(const struct walker *w, int is_dir)
{
	const struct level *l;
	size_t i;
	int r;

	for (i = w->nlevels; i-- > 0;) {
		l = &w->levels[i];
		r = ignore_rules_match(l->rules, w->segs + l->base,
		    w->nsegs - l->base, is_dir);
		if (r != 0)
			return r > 0;
	}
	return 0;
}

/* Scans the open regular file fd (at w->path). */
static void
scan_fd(struct walker *w, int fd)
{
	struct text *t = &w->t;
	uint8_t *buf = w->buf;
	size_t len = 0, from = 0, limit, keep, ls, probe;
	uint64_t total = 0;
	ssize_t n;
	int eof = 0, first = 1;

	text_init(t, w->set, w->path, w->fn, w->arg);
	for (;;) {
		while (len < SCAN_BLOCK) {
			n = read(fd, buf + len, SCAN_BLOCK - len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				log_warn("%s: %s", w->path, strerror(errno));
				w->stats->errors++;
				return;
			}
			if (n == 0) {
				eof = 1;
				break;
			}
			len += (size_t)n;
			total += (uint64_t)n;
		}
		if (first) {
			probe = len < SCAN_BINARY_PROBE ? len :
			    SCAN_BINARY_PROBE;
			if (memchr(buf, '\0', probe) != NULL) {
				w->stats->binary++;
				return;
			}
			w->stats->files++;
			first = 0;
		}
		limit = eof ? len : len - (w->set->maxlen + 1);
		scan_block(t, buf, from, limit, len, eof);
		if (eof) {
			w->stats->bytes += total;
			return;
		}
		/* Keep the context: the byte before the limit, or the
		 * current line when it is not too long. */
		count_lines(t, buf, limit);
		keep = limit - 1;
		if (t->line_start >= t->base) {
			ls = (size_t)(t->line_start - t->base);
			if (ls < keep && limit - ls <= SCAN_LOOKBACK)
				keep = ls;
		}
		memmove(buf, buf + keep, len - keep);
		len -= keep;
		from = limit - keep;
		t->counted -= keep;
		t->base += keep;
	}
}

/* Scans the file at w->path; follow: the path may be a link. */
static void
scan_file(struct walker *w, int follow)
{
	struct stat st;
	int fd;

	fd = open(w->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW));
	if (fd < 0) {
		if (errno != ELOOP) {
			log_warn("%s: %s", w->path, strerror(errno));
			w->stats->errors++;
		}
		return;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    !(w->skip != NULL && w->skip->set &&
	    (uint64_t)st.st_dev == w->skip->dev &&
	    (uint64_t)st.st_ino == w->skip->ino))
		scan_fd(w, fd);
	close(fd);
}

struct entry {
	char		*name;
	unsigned char	 type;
};

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/* The entries of the directory at w->path, sorted; NULL (warned) when it
 * cannot be read. */
static struct entry *
read_dir(struct walker *w, size_t *n)
{
	struct entry *v = NULL;
	struct dirent *de;
	size_t cap = 0;
	DIR *dir;

	*n = 0;
	if ((dir = opendir(w->path)) == NULL) {
		log_warn("%s: %s", w->path, strerror(errno));
		w->stats->errors++;
		return NULL;
	}
	while ((errno = 0, de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[*n].name = xstrdup(de->d_name);
		v[*n].type = de->d_type;
		(*n)++;
	}
	if (errno != 0) {
		log_warn("%s: %s", w->path, strerror(errno));
		w->stats->errors++;
	}
	closedir(dir);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), entry_cmp);
	return v == NULL ? xcalloc(1, sizeof(*v)) : v;
}

static unsigned char
type_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return DT_UNKNOWN;
	return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG :
	    S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
}

static void
walk_dir(struct walker *w)
{
	struct entry *v;
	size_t n, i, len = w->pathlen;
	int pushed = 0;
	unsigned char type;

	if ((v = read_dir(w, &n)) == NULL)
		return;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, ".gitignore") == 0 &&
		    v[i].type != DT_DIR && v[i].type != DT_LNK) {
			path_push(w, ".gitignore");
			pushed = rules_push(w, w->path, w->nsegs);
			path_set(w, len);
		}
	for (i = 0; i < n; i++) {
		path_push(w, v[i].name);
		seg_push(w, v[i].name);
		type = v[i].type;
		if (type == DT_UNKNOWN)
			type = type_of(w->path);
		if (type == DT_DIR && strcmp(v[i].name, ".git") != 0) {
			if (ignored(w, 1))
				w->stats->ignored++;
			else
				walk_dir(w);
		} else if (type == DT_REG &&
		    strcmp(v[i].name, ".sunsetignore") != 0) {
			if (ignored(w, 0))
				w->stats->ignored++;
			else
				scan_file(w, 0);
		}
		w->nsegs--;
		path_set(w, len);
	}
	if (pushed)
		rules_pop(w);
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* dir/name, without doubling the '/' of "/". */
static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	return xasprintf("%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/",
	    name);
}

/*
 * When the directory at path lies inside a git work tree, pushes the
 * .gitignore rules of the directories from the work tree's top down to
 * path's parent, and path's names below the top as segs, so that paths
 * are matched from the top as git matches them.
 */
static void
enclosing_rules(struct walker *w, const char *path)
{
	char *real, *top, *dir, *file, *p, *slash;
	struct stat st;
	size_t base;
	int found = 0;

	if ((real = realpath(path, NULL)) == NULL)
		return;
	top = xstrdup(real);
	for (;;) {
		file = join(top, ".git");
		found = lstat(file, &st) == 0;
		free(file);
		if (found || strcmp(top, "/") == 0 ||
		    (slash = strrchr(top, '/')) == NULL)
			break;
		slash[slash == top] = '\0';
	}
	if (!found || strcmp(top, real) == 0)
		goto out;
	/* real is top/a/b/c: the rules of top, top/a and top/a/b (c's are
	 * the walk's), and the names a, b, c. */
	dir = xstrdup(top);
	p = real + strlen(top) + (strcmp(top, "/") != 0);
	for (base = 0; *p != '\0'; base++) {
		if ((slash = strchr(p, '/')) != NULL)
			*slash = '\0';
		file = join(dir, ".gitignore");
		if (lstat(file, &st) == 0 && S_ISREG(st.st_mode))
			rules_push(w, file, base);
		free(file);
		w->owned = xreallocarray(w->owned, w->nowned + 1,
		    sizeof(*w->owned));
		w->owned[w->nowned] = xstrdup(p);
		seg_push(w, w->owned[w->nowned++]);
		file = join(dir, p);
		free(dir);
		dir = file;
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	free(dir);
out:
	free(top);
	free(real);
}

int
scan_path(const struct scan_set *set, const char *path,
    const struct scan_skip *skip, struct scan_stats *stats, scan_fn fn,
    void *arg, char **cause)
{
	struct walker w;
	struct stat st;
	size_t len = strlen(path), i;

	if (stat(path, &st) < 0) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		set_cause(cause, "%s: not a file or directory", path);
		return -1;
	}
	memset(&w, 0, sizeof(w));
	w.set = set;
	w.skip = skip;
	w.stats = stats;
	w.fn = fn;
	w.arg = arg;
	w.buf = xmalloc(SCAN_BLOCK);
	while (len > 1 && path[len - 1] == '/')
		len--;
	w.pathcap = len + 256;
	w.path = xmalloc(w.pathcap);
	memcpy(w.path, path, len);
	path_set(&w, len);
	if (S_ISREG(st.st_mode))
		scan_file(&w, 1);
	else {
		enclosing_rules(&w, path);
		walk_dir(&w);
	}
	while (w.nlevels > 0)
		rules_pop(&w);
	for (i = 0; i < w.nowned; i++)
		free(w.owned[i]);
	free(w.owned);
	free(w.levels);
	free(w.segs);
	free(w.path);
	free(w.buf);
	free(w.t.cands);
	return 0;
}
