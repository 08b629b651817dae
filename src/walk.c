/*
 * walk.c - the files a scan reads: one file, or a directory tree in name
 * order, each regular file streamed through the id automaton in blocks.
 *
 * The walk keeps a stack of .gitignore rule sets, one per directory from
 * the git work tree's top (or the walk's root) down to the directory being
 * read, and the path as names from that top, so each path is matched as
 * git matches it: the deepest .gitignore with a rule for it decides.  Read
 * errors are warned about and counted, and the walk goes on.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitignore.h"
#include "idscan.h"
#include "log.h"
#include "util.h"
#include "walk.h"

/* Where a NUL makes a file binary. */
#define BINARY_PROBE	8192
#define GITIGNORE_MAX	(1024 * 1024)

/* A walk in progress. */
struct level {
	struct gitignore	*rules;
	size_t			 base;	/* segs index of its directory */
};

struct walker {
	const struct walk_skip	*skip;
	struct walk_stats	*stats;
	idscan_fn		 fn;
	void			*arg;
	struct idscan_stream	*stream;
	char			*buf;		/* IDSCAN_BLOCK */
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
	w->levels[w->nlevels].rules = gitignore_parse(text, len);
	w->levels[w->nlevels].base = base;
	w->nlevels++;
	free(text);
	return 1;
}

static void
rules_pop(struct walker *w)
{
	gitignore_free(w->levels[--w->nlevels].rules);
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
		r = gitignore_match(l->rules, w->segs + l->base,
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
	char *buf = w->buf;
	size_t len = 0, probe;
	uint64_t total = 0;
	ssize_t n;
	int eof = 0, first = 1;

	idscan_stream_begin(w->stream, w->path, w->fn, w->arg);
	for (;;) {
		while (len < IDSCAN_BLOCK) {
			n = read(fd, buf + len, IDSCAN_BLOCK - len);
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
			probe = len < BINARY_PROBE ? len : BINARY_PROBE;
			if (memchr(buf, '\0', probe) != NULL) {
				w->stats->binary++;
				return;
			}
			w->stats->files++;
			first = 0;
		}
		len = idscan_stream_block(w->stream, buf, len, eof);
		if (eof) {
			w->stats->bytes += total;
			return;
		}
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
walk_path(const struct idscan_set *set, const char *path,
    const struct walk_skip *skip, struct walk_stats *stats, idscan_fn fn,
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
	w.skip = skip;
	w.stats = stats;
	w.fn = fn;
	w.arg = arg;
	w.stream = idscan_stream_new(set);
	w.buf = xmalloc(IDSCAN_BLOCK);
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
	idscan_stream_free(w.stream);
	return 0;
}

