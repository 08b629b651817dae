/*
 * cli_fix.c - `sunset fix`: the deprecated ids `sunset scan` finds whose
 * migration is a plain id swap, rewritten to the end of their replacement
 * chain in the spelling the code used; a unified diff, or the files
 * rewritten in place with --write.
 *
 * The scan machinery finds the ids (walk.h, scan.h); rewrite.h spells the
 * replacement; this file decides which findings can be swapped, reads each
 * file with findings once more, and writes the diff or the file.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "answer.h"
#include "cli.h"
#include "date.h"
#include "idscan.h"
#include "log.h"
#include "match.h"
#include "provider.h"
#include "rewrite.h"
#include "scan.h"
#include "snapshot.h"
#include "sunsetignore.h"
#include "util.h"
#include "walk.h"

/* How many lines of context a hunk carries; and how far into a file a
 * "generated" marker counts. */
#define FIX_CONTEXT		3
#define FIX_MARKER_LINES	5

static const char fix_help[] =
"usage: sunset fix [--write] [--db PATH] [--at DATE] [--within DAYS] PATH...\n"
"\n"
"Rewrites the deprecated model ids 'sunset scan' finds under each PATH to\n"
"their replacements, where the migration is a plain id swap: effort\n"
"trivial, one replacement, and a replacement chain that ends in a model in\n"
"service.  The id becomes the end of the chain, written the way the code\n"
"wrote the old one (platform prefix, Bedrock region profile, upper case),\n"
"and only when the catalog knows that spelling on the same platform.\n"
"Findings it cannot swap are listed on standard error with the reason.\n"
"Without --write it prints a unified diff (for git apply or patch -p1).\n"
"Never touches binary, .gitignore'd, generated (a \"generated\" or \"do not\n"
"edit\" marker in the first lines, lockfiles) or .git files; honours\n"
".sunsetignore.  Exit status: 0 nothing left to fix, 1 a diff or findings\n"
"remain, 2 usage or runtime error.\n"
"\n"
"  --write          rewrite the files in place (each atomically, mode kept,\n"
"                   and only when it has not changed since it was read)\n"
"  --db PATH        read this catalog database (default: the built-in catalog)\n"
"  --at DATE        as of DATE (YYYY-MM-DD, UTC), not today\n"
"  --within DAYS    deprecated models count only when a firm shutdown is at\n"
"                   most DAYS away or no date is known\n";

/* One finding of the walk. */
struct finding {
	const char		*path;		/* shared by a file's findings */
	uint64_t		 offset;
	uint64_t		 line;
	uint64_t		 column;
	char			 text[IDSCAN_ID_MAX + 1];
	size_t			 len;
	const struct record	*record;
};

/* One id to swap in a file's text. */
struct edit {
	size_t	offset;
	size_t	len;
	char	text[MATCH_ID_MAX];
};

struct fix {
	const struct snapshot		*snap;
	int32_t				 as_of;
	long				 within;
	int				 write;
	const struct sunsetignore	*ignore;	/* of the current PATH */
	struct finding			*v;
	size_t				 n, cap;
	char				*last_path;
	size_t				 edits;		/* ids rewritten */
	size_t				 left;		/* findings left */
	int				 trouble;
};

static void
on_match(const struct idscan_match *m, void *arg)
{
	struct fix *fx = arg;
	const struct record *r = m->data;
	struct finding *f;

	if (fx->ignore != NULL && sunsetignore_hides(fx->ignore, r,
	    fx->as_of))
		return;
	if (fx->n == fx->cap) {
		fx->cap = fx->cap ? fx->cap * 2 : 64;
		fx->v = xreallocarray(fx->v, fx->cap, sizeof(*fx->v));
	}
	if (fx->last_path == NULL || strcmp(fx->last_path, m->path) != 0)
		fx->last_path = xstrdup(m->path);
	f = &fx->v[fx->n++];
	f->path = fx->last_path;
	f->offset = m->offset;
	f->line = m->line;
	f->column = m->column;
	memcpy(f->text, m->text, m->len);
	f->text[m->len] = '\0';
	f->len = m->len;
	f->record = r;
}

/* A finding that stays, and why. */
static void
leave(struct fix *fx, const struct finding *f, const char *why,
    const char *arg)
{
	fprintf(stderr, "%s:%" PRIu64 ":%" PRIu64 ": %s: %s%s%s\n", f->path,
	    f->line, f->column, f->text, why, arg != NULL ? " " : "",
	    arg != NULL ? arg : "");
	fx->left++;
}

/* 1 when q, or what follows one of its '/', is to's id or an alias of
 * it in any letter case: no normalising, no family match. */
static int
spells(const char *q, const struct record *to)
{
	const char *s;
	size_t i;

	for (s = q; s != NULL; s = strchr(s, '/'), s = s != NULL ? s + 1 :
	    NULL) {
		if (strcasecmp(s, to->id) == 0)
			return 1;
		for (i = 0; i < to->naliases; i++)
			if (strcasecmp(s, to->aliases[i]) == 0)
				return 1;
	}
	return 0;
}

/*
 * The spelling found as an alias of r rather than its id ("gpt-4" of
 * gpt-4-0613, Vertex's "claude-3-5-haiku@20241022"): the replacement's id,
 * or for a versioned alias its versioned alias, in its place.  0, or -1
 * with *reason.
 */
static int
by_alias(const struct finding *f, const struct record *r,
    const struct record *to, char *out, size_t size, const char **reason)
{
	const char *from = NULL, *toid = NULL;
	size_t i, n;

	for (i = 0; i < r->naliases && from == NULL; i++) {
		n = strlen(r->aliases[i]);
		if (n <= f->len &&
		    strcasecmp(f->text + f->len - n, r->aliases[i]) == 0)
			from = r->aliases[i];
	}
	if (from == NULL)
		return -1;
	if (strchr(from, '@') == NULL)
		toid = to->id;
	else if (strchr(to->id, '@') != NULL)
		toid = to->id;
	for (i = 0; i < to->naliases && toid == NULL; i++)
		if (strchr(to->aliases[i], '@') != NULL)
			toid = to->aliases[i];
	if (toid == NULL) {
		*reason = "review: the replacement has no @ version";
		return -1;
	}
	return rewrite_spelling(f->text, f->len, from, toid, out, size,
	    reason);
}

/*
 * The swap for finding f, whose line starts at line (f->offset - lineoff
 * bytes before it): fills e and returns 1; returns 0 when the spelling
 * names a model that does not count (a platform serving it still) or the
 * finding stays (said why).
 */
static int
plan(struct fix *fx, const struct finding *f, const char *line,
    size_t lineoff, struct edit *e)
{
	struct answer a;
	const struct answer_step *end;
	const struct record *r = f->record, *to;
	struct lookup lk;
	struct match_key key;
	const char *reason;
	char *q;
	size_t plen = rewrite_prefix(line, lineoff);
	char spelled[MATCH_ID_MAX];
	int rc;

	/* The model the code names: a platform prefix before the bytes
	 * found ("azure/", "openrouter/openai/") selects the platform's. */
	q = xasprintf("%.*s%s", (int)plen, line + lineoff - plen, f->text);
	if (plen > 0 && snapshot_lookup(fx->snap, q, NULL, &lk) == 0 &&
	    lk.record != NULL && lk.record != r) {
		r = lk.record;
		if (!scan_counts(r, fx->as_of, fx->within)) {
			free(q);
			return 0;
		}
	}
	answer_resolve_record(&a, fx->snap, r, fx->as_of);
	end = answer_resolved(&a);
	if (a.effort == NULL || end == NULL) {
		leave(fx, f, "review: no replacement", NULL);
		goto stay;
	}
	if (strcmp(a.effort, "trivial") != 0) {
		leave(fx, f, "review: effort", a.effort);
		goto stay;
	}
	if (r->nreplacements != 1) {
		leave(fx, f, "review: more than one replacement", NULL);
		goto stay;
	}
	if (a.chain_error != ANSWER_CHAIN_OK) {
		leave(fx, f, "review: replacement chain",
		    answer_chain_error_name(a.chain_error));
		goto stay;
	}
	to = end->record;
	if (to == NULL || strcmp(to->provider, r->provider) != 0) {
		leave(fx, f, "replacement not offered on", r->provider);
		goto stay;
	}
	if (status_is_deprecated(end->status) ||
	    end->status == STATUS_RETIRED) {
		leave(fx, f, "review: replacement deprecated too:", to->id);
		goto stay;
	}
	if (rewrite_spelling(f->text, f->len, r->id, to->id, spelled,
	    sizeof(spelled), &reason) < 0 &&
	    by_alias(f, r, to, spelled, sizeof(spelled), &reason) < 0) {
		leave(fx, f, reason, NULL);
		goto stay;
	}
	/* The new spelling must name the replacement on the same platform,
	 * as a query of it would answer. */
	free(q);
	q = xasprintf("%.*s%s", (int)plen, line + lineoff - plen, spelled);
	rc = snapshot_lookup(fx->snap, q, NULL, &lk);
	if (rc < 0 || lk.record != to || !spells(q, to)) {
		leave(fx, f, "replacement not offered on",
		    match_key(q, &key) == 0 && key.provider[0] != '\0' ?
		    key.provider : r->provider);
		goto stay;
	}
	free(q);
	e->offset = (size_t)f->offset;
	e->len = f->len;
	snprintf(e->text, sizeof(e->text), "%s", spelled);
	return 1;
stay:
	free(q);
	return 0;
}

/* 1 when name is a lockfile: written by a package manager, not by hand. */
static int
is_lockfile(const char *path)
{
	static const char *names[] = {
		"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml",
		"go.sum",
	};
	const char *base = strrchr(path, '/');
	size_t i, n;

	base = base != NULL ? base + 1 : path;
	for (i = 0; i < NELEM(names); i++)
		if (strcmp(base, names[i]) == 0)
			return 1;
	n = strlen(base);
	return n > 5 && strcmp(base + n - 5, ".lock") == 0;
}

/* 1 when the first lines of text say a tool generated it. */
static int
is_generated(const char *text, size_t len)
{
	static const char *markers[] = { "generated", "do not edit" };
	size_t end = 0, lines = 0, i, j, n;

	while (end < len && lines < FIX_MARKER_LINES)
		if (text[end++] == '\n')
			lines++;
	for (i = 0; i < NELEM(markers); i++) {
		n = strlen(markers[i]);
		for (j = 0; j + n <= end; j++)
			if (strncasecmp(text + j, markers[i], n) == 0)
				return 1;
	}
	return 0;
}

/* Reads the whole file fd (st from fstat) into a new buffer; NULL and
 * errno when it cannot. */
static char *
read_all(int fd, size_t size, size_t *got)
{
	char *buf = xmalloc(size + 1);
	ssize_t r;

	*got = 0;
	for (;;) {
		if (*got == size) {
			/* Grown since fstat: the caller sees the change. */
			buf = xreallocarray(buf, size * 2 + 64, 1);
			size = size * 2 + 63;
		}
		r = read(fd, buf + *got, size - *got);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return NULL;
		}
		if (r == 0)
			return buf;
		*got += (size_t)r;
	}
}

/* A path as a diff names it: without leading "./". */
static const char *
diff_name(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

/* Writes line i of text (starts[i] to starts[i + 1]) after tag. */
static void
put_line(char tag, const char *text, size_t len, const size_t *starts,
    size_t i)
{
	size_t a = starts[i], b = starts[i + 1];

	putchar(tag);
	fwrite(text + a, 1, b - a, stdout);
	if (b == a || text[b - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", stdout);
	(void)len;
}

/* The starts of text's lines, and one past the end: *n lines. */
static size_t *
line_starts(const char *text, size_t len, size_t *n)
{
	size_t *v, i, k = 0, cap = 64;

	v = xreallocarray(NULL, cap, sizeof(*v));
	v[k++] = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n' && i + 1 < len) {
			if (k + 1 >= cap) {
				cap *= 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[k++] = i + 1;
		}
	*n = len > 0 ? k : 0;
	v[k] = len;
	return v;
}

/* 1 when line i differs between the two texts. */
static int
changed(const char *a, const size_t *as, const char *b, const size_t *bs,
    size_t i)
{
	return as[i + 1] - as[i] != bs[i + 1] - bs[i] ||
	    memcmp(a + as[i], b + bs[i], as[i + 1] - as[i]) != 0;
}

/* Prints the unified diff of path from old to new (same lines count). */
static void
print_diff(const char *path, const char *old, size_t oldlen,
    const char *new, size_t newlen)
{
	size_t *os, *ns, n, n2, i, start, end, j, last;

	os = line_starts(old, oldlen, &n);
	ns = line_starts(new, newlen, &n2);
	printf("--- a/%s\n+++ b/%s\n", diff_name(path), diff_name(path));
	for (i = 0; i < n; i++) {
		if (!changed(old, os, new, ns, i))
			continue;
		/* A hunk: changed lines less than two contexts apart. */
		start = i > FIX_CONTEXT ? i - FIX_CONTEXT : 0;
		last = i;
		for (j = i + 1; j < n && j <= last + 2 * FIX_CONTEXT; j++)
			if (changed(old, os, new, ns, j))
				last = j;
		end = last + FIX_CONTEXT + 1 < n ? last + FIX_CONTEXT + 1 : n;
		printf("@@ -%zu,%zu +%zu,%zu @@\n", start + 1, end - start,
		    start + 1, end - start);
		for (j = start; j < end; j++)
			if (changed(old, os, new, ns, j)) {
				put_line('-', old, oldlen, os, j);
				put_line('+', new, newlen, ns, j);
			} else
				put_line(' ', old, oldlen, os, j);
		i = end - 1;
	}
	(void)n2;
	free(os);
	free(ns);
}

/*
 * Runs the command in SUNSET_TEST_BEFORE_REPLACE, when set, with the file
 * as $1: the one point where a test can change a file between its read
 * and its replacement without racing the clock.
 */
static void
test_hook(const char *path)
{
	const char *cmd = getenv("SUNSET_TEST_BEFORE_REPLACE");
	pid_t pid;
	int status;

	if (cmd == NULL || *cmd == '\0')
		return;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
}

/* 1 when path still has the size, mtime and bytes read as old. */
static int
unchanged(const char *path, const struct stat *was, const char *old,
    size_t oldlen)
{
	struct stat st;
	size_t got;
	char *now;
	int fd, same;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (fstat(fd, &st) < 0 || st.st_size != was->st_size ||
	    st.st_mtim.tv_sec != was->st_mtim.tv_sec ||
	    st.st_mtim.tv_nsec != was->st_mtim.tv_nsec ||
	    st.st_ino != was->st_ino ||
	    (now = read_all(fd, (size_t)st.st_size, &got)) == NULL) {
		close(fd);
		return 0;
	}
	close(fd);
	same = got == oldlen && memcmp(now, old, oldlen) == 0;
	free(now);
	return same;
}

/* Replaces path with text atomically: a temporary file in its directory,
 * its mode, renamed over it once path is seen unchanged.  0, 1 when path
 * changed (left alone), -1 on error (logged). */
static int
replace_file(const char *path, const struct stat *st, const char *old,
    size_t oldlen, const char *text, size_t len)
{
	char *tmp = xasprintf("%s.sunset-fix.XXXXXX", path);
	size_t off = 0;
	ssize_t w;
	int fd, rc = -1;

	if ((fd = mkstemp(tmp)) < 0) {
		log_err("%s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, st->st_mode & 07777) < 0)
		goto fail;
	while (off < len) {
		if ((w = write(fd, text + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	test_hook(path);
	if (!unchanged(path, st, old, oldlen)) {
		unlink(tmp);
		free(tmp);
		return 1;
	}
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	log_err("%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return rc;
}

/* Fixes the findings v[0..n) of one file. */
static void
fix_file(struct fix *fx, const struct finding *v, size_t n)
{
	const char *path = v[0].path, *why = NULL;
	struct edit *edits;
	struct stat st;
	size_t len, i, ne = 0, ls, newlen, at, k;
	char *text = NULL, *new;
	int fd = -1, rc;

	if (is_lockfile(path))
		why = "lockfile, left alone";
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0 ||
	    (text = read_all(fd, (size_t)st.st_size, &len)) == NULL) {
		log_err("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		fx->trouble = 1;
		return;
	} else {
		close(fd);
		if (is_generated(text, len))
			why = "generated file, left alone";
	}
	if (why != NULL) {
		for (i = 0; i < n; i++)
			leave(fx, &v[i], why, NULL);
		free(text);
		return;
	}
	edits = xcalloc(n, sizeof(*edits));
	for (i = 0; i < n; i++) {
		if (v[i].offset + v[i].len > len ||
		    memcmp(text + v[i].offset, v[i].text, v[i].len) != 0) {
			leave(fx, &v[i], "changed while read, left alone",
			    NULL);
			continue;
		}
		for (ls = (size_t)v[i].offset; ls > 0 && text[ls - 1] != '\n';
		    ls--)
			;
		if (plan(fx, &v[i], text + ls, (size_t)v[i].offset - ls,
		    &edits[ne]))
			ne++;
	}
	if (ne == 0) {
		free(edits);
		free(text);
		return;
	}
	newlen = len;
	for (i = 0; i < ne; i++)
		newlen = newlen - edits[i].len + strlen(edits[i].text);
	new = xmalloc(newlen + 1);
	for (i = 0, at = 0, k = 0; i < ne; i++) {
		memcpy(new + k, text + at, edits[i].offset - at);
		k += edits[i].offset - at;
		memcpy(new + k, edits[i].text, strlen(edits[i].text));
		k += strlen(edits[i].text);
		at = edits[i].offset + edits[i].len;
	}
	memcpy(new + k, text + at, len - at);
	if (!fx->write) {
		print_diff(path, text, len, new, newlen);
		fx->edits += ne;
	} else if ((rc = replace_file(path, &st, text, len, new, newlen)) ==
	    0) {
		printf("%s: %zu id%s rewritten\n", path, ne, ne == 1 ? "" :
		    "s");
		fx->edits += ne;
	} else if (rc == 1) {
		fprintf(stderr, "%s: changed since it was read, left alone\n",
		    path);
		fx->left += ne;
	} else
		fx->trouble = 1;
	free(new);
	free(edits);
	free(text);
}

static int
parse_options(int argc, char **argv, const char **db, int32_t *as_of,
    long *within, int *write)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "at", required_argument, NULL, 'a' },
		{ "within", required_argument, NULL, 'w' },
		{ "write", no_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': *db = optarg; break;
		case 'a':
			if (cli_parse_at(optarg, as_of) < 0)
				return -1;
			break;
		case 'w':
			if (cli_parse_within(optarg, within) < 0)
				return -1;
			break;
		case 'W': *write = 1; break;
		default:
			fputs(fix_help, stderr);
			return -1;
		}
	}
	if (optind == argc) {
		fputs(fix_help, stderr);
		return -1;
	}
	return 0;
}

/* PATH's .sunsetignore, when PATH is a directory with one: 0, 1 when
 * read into *si, -1 on error (logged). */
static int
read_ignore(const struct snapshot *snap, const char *dir,
    struct sunsetignore *si, struct walk_skip *skip)
{
	struct stat st;
	char *path, *cause = NULL;
	int rc = 0;

	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;
	path = xasprintf("%s%s.sunsetignore", dir,
	    dir[strlen(dir) - 1] == '/' ? "" : "/");
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		if (sunsetignore_read(si, snap, path, &cause) < 0) {
			log_err("%s", cause);
			free(cause);
			rc = -1;
		} else
			rc = 1;
		(void)skip;
	}
	free(path);
	return rc;
}

int
cmd_fix(int argc, char **argv)
{
	const char *db = NULL;
	struct snapshot *snap = NULL;
	struct idscan_set *set = NULL;
	struct sunsetignore si;
	struct walk_stats stats;
	struct walk_skip skip;
	struct fix fx;
	int32_t as_of = date_today();
	long within = -1;
	int write = 0, i, npaths, rc = EXIT_TROUBLE, has;
	char *cause = NULL, **paths, *prev = NULL;
	size_t a, b;

	if (cli_wants_help(argc, argv)) {
		fputs(fix_help, stdout);
		return 0;
	}
	if (parse_options(argc, argv, &db, &as_of, &within, &write) < 0)
		return EXIT_TROUBLE;
	paths = argv + optind;
	npaths = argc - optind;
	if (cli_check_paths(paths, npaths) < 0)
		return EXIT_TROUBLE;
	if ((snap = cli_open_snapshot(db)) == NULL)
		return EXIT_TROUBLE;
	set = scan_set_from_snapshot(snap, as_of, within);
	memset(&fx, 0, sizeof(fx));
	memset(&skip, 0, sizeof(skip));
	memset(&stats, 0, sizeof(stats));
	fx.snap = snap;
	fx.as_of = as_of;
	fx.within = within;
	fx.write = write;
	for (i = 0; i < npaths; i++) {
		memset(&si, 0, sizeof(si));
		if ((has = read_ignore(snap, paths[i], &si, &skip)) < 0) {
			fx.trouble = 1;
			continue;
		}
		fx.ignore = has ? &si : NULL;
		if (walk_path(set, paths[i], &skip, &stats, on_match, &fx,
		    &cause) < 0) {
			log_err("%s", cause);
			free(cause);
			cause = NULL;
			fx.trouble = 1;
		}
		sunsetignore_clear(&si);
	}
	fx.ignore = NULL;
	for (a = 0; a < fx.n; a = b) {
		for (b = a + 1; b < fx.n && fx.v[b].path == fx.v[a].path; b++)
			;
		fix_file(&fx, &fx.v[a], b - a);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_err("writing the output failed");
		fx.trouble = 1;
	}
	if (fx.trouble)
		rc = EXIT_TROUBLE;
	else if (fx.left > 0 || (!write && fx.edits > 0))
		rc = EXIT_DEPRECATED;
	else
		rc = 0;
	for (a = 0; a < fx.n; a++)
		if (fx.v[a].path != prev) {
			prev = (char *)fx.v[a].path;
			free(prev);
		}
	free(fx.v);
	idscan_set_free(set);
	snapshot_unref(snap);
	return rc;
}
