/*
 * walk.h - the files `sunset scan` reads: a file, or a directory tree in
 * name order, skipping what git ignores.
 */
#ifndef SUNSET_WALK_H
#define SUNSET_WALK_H

#include <stdint.h>

#include "idscan.h"

/* What walk_path skipped and read; the caller zeroes it. */
struct walk_stats {
	uint64_t	files;		/* scanned */
	uint64_t	bytes;		/* scanned */
	uint64_t	binary;		/* skipped: a NUL in the first 8 KiB */
	uint64_t	ignored;	/* skipped by a .gitignore */
	uint64_t	errors;		/* could not be read (warned) */
};

/* A file walk_path never scans (the ignore file in use), or all zero. */
struct walk_skip {
	uint64_t	dev;
	uint64_t	ino;
	int		set;
};

/*
 * Scans path with the compiled set, a file or a directory walked
 * recursively in name order, calling fn for each match (m->path is path
 * joined with the names walked).  Skipped: directories named .git; files
 * named .sunsetignore; what the tree's .gitignore files ignore, and those
 * of the git work tree path is in, if any; binary files (a NUL byte in the
 * first 8 KiB); symbolic links met during the walk; anything that is not a
 * regular file or directory.  path itself is scanned even when ignored,
 * and followed when it is a link.  Files and directories that cannot be
 * read are logged as warnings and counted; the walk goes on.  Reads in
 * blocks, so files of any size are fine.  Returns 0, or -1 with *cause set
 * (caller frees) when path cannot be scanned at all (missing, or neither a
 * file nor a directory).
 */
int walk_path(const struct idscan_set *set, const char *path,
    const struct walk_skip *skip, struct walk_stats *stats, idscan_fn fn,
    void *arg, char **cause);

#endif
