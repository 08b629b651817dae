/*
 * scan.h - finding deprecated model ids in text files (`sunset scan`).
 *
 * A scan set is an Aho-Corasick automaton over many ids at once, built
 * once and read-only afterwards.  It matches ASCII case-insensitively and
 * only whole ids: the bytes around a match must not be able to continue an
 * id (ASCII letters, digits, '.', '-', '_'; a '.' that is not followed by
 * one of those ends a sentence, not an id).  Where matches overlap, the
 * leftmost wins, then the longest.  scan_buffer() is the pure core (bytes
 * in, matches out); scan_path() walks files and directories the way
 * `sunset scan` does.
 */
#ifndef SUNSET_SCAN_H
#define SUNSET_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "snapshot.h"

/* The longest id a scan set takes, in bytes. */
#define SCAN_ID_MAX 255

struct scan_set;

/* One match; valid during the callback only. */
struct scan_match {
	const char	*path;		/* the file; NULL from scan_buffer */
	uint64_t	 offset;	/* of the first byte matched */
	uint64_t	 line;		/* 1-based */
	uint64_t	 column;	/* 1-based, in bytes */
	uint64_t	 column_utf16;	/* 1-based, in UTF-16 code units (SARIF's
					   default); in bytes when the line is
					   too long to look back over */
	const char	*text;		/* the bytes as found, not folded */
	size_t		 len;
	const void	*data;		/* what scan_set_add was given */
};

/* Called once per match, in text order. */
typedef void (*scan_fn)(const struct scan_match *m, void *arg);

/* An empty set, to add ids to and then compile.  Never NULL. */
struct scan_set *scan_set_new(void);

/*
 * Adds an id to find (ASCII case-insensitively); data comes back with
 * every match of it.  Returns 0; 1 when the set holds the id already (its
 * first data stays); -1 when the id is empty, longer than SCAN_ID_MAX,
 * holds a control character or a space, or the set is compiled.
 */
int scan_set_add(struct scan_set *set, const char *id, const void *data);

/* Builds the automaton; the set is read-only from then on. */
void scan_set_compile(struct scan_set *set);

/*
 * With on, an id made only of letters ("command", "davinci": English words
 * too) counts only where it is quoted (" ' `), or follows '/', or '=' or
 * ':' with blanks between: in code, not in prose.  Off by default;
 * scan_set_from_snapshot turns it on.
 */
void scan_set_quote_words(struct scan_set *set, int on);

/*
 * 1 when r counts against `sunset check` and `sunset scan` on as_of: it is
 * retired, or deprecated and, with within >= 0, has no date or a firm
 * shutdown at most within days away (an earliest date never counts as
 * due within days).
 */
int scan_counts(const struct record *r, int32_t as_of, long within);

/*
 * The compiled set `sunset scan` looks for: every id and alias in snap
 * whose record - the one `sunset check` answers for that spelling, so
 * first-party before platforms - is deprecated or retired on as_of and
 * counts by scan_counts.  The
 * match data are the records (const struct record *), so snap must outlive
 * the set.  The caller frees the set.
 */
struct scan_set *scan_set_from_snapshot(const struct snapshot *snap,
    int32_t as_of, long within);

/* How many ids the set holds; the i-th as added (folded) and its data. */
size_t scan_set_count(const struct scan_set *set);
const char *scan_set_id(const struct scan_set *set, size_t i);
const void *scan_set_data(const struct scan_set *set, size_t i);

/* Size of the compiled automaton: states, and bytes of its tables. */
size_t scan_set_states(const struct scan_set *set);
size_t scan_set_bytes(const struct scan_set *set);

/* Frees set; NULL is a no-op. */
void scan_set_free(struct scan_set *set);

/*
 * The pure core: finds the compiled set's ids in buf (len bytes, need not
 * be NUL-terminated; its ends count as id boundaries) and calls fn for
 * each match in order.  Allocates only to collect candidates.  Returns
 * the number of matches.
 */
size_t scan_buffer(const struct scan_set *set, const char *buf, size_t len,
    scan_fn fn, void *arg);

/* What scan_path skipped and read; the caller zeroes it. */
struct scan_stats {
	uint64_t	files;		/* scanned */
	uint64_t	bytes;		/* scanned */
	uint64_t	binary;		/* skipped: a NUL in the first 8 KiB */
	uint64_t	ignored;	/* skipped by a .gitignore */
	uint64_t	errors;		/* could not be read (warned) */
};

/* A file scan_path never scans (the ignore file in use), or all zero. */
struct scan_skip {
	uint64_t	dev;
	uint64_t	ino;
	int		set;
};

/*
 * Scans path, a file or a directory walked recursively in name order,
 * calling fn for each match (m->path is path joined with the names
 * walked).  Skipped: directories named .git; files named .sunsetignore;
 * what the tree's .gitignore files ignore, and those of the git work tree
 * path is in, if any; binary files (a NUL byte in the first 8 KiB);
 * symbolic links met during the walk; anything that is not a regular file
 * or directory.  path itself is scanned even when ignored, and followed
 * when it is a link.  Files and directories that cannot be read are
 * logged as warnings and counted; the walk goes on.  Reads in large
 * blocks, so files of any size are fine.  Returns 0, or -1 with *cause
 * set (caller frees) when path cannot be scanned at all (missing, or
 * neither a file nor a directory).
 */
int scan_path(const struct scan_set *set, const char *path,
    const struct scan_skip *skip, struct scan_stats *stats, scan_fn fn,
    void *arg, char **cause);

#endif
