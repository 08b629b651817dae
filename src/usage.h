/*
 * usage.h - which catalog models the daemon's answers resolved to,
 * counted in memory.
 *
 * The HTTP threads count one use per answer (usage_count); the main
 * thread takes the counts every usage_flush seconds and adds them to the
 * database's usage table (catalog_add_usage), giving them back when the
 * write fails.  A (provider, id) once counted keeps its slot until
 * usage_free, so the table is bounded by the models the catalogs named,
 * and by max.  Thread-safe.
 */
#ifndef SUNSET_USAGE_H
#define SUNSET_USAGE_H

#include <stddef.h>
#include <time.h>

struct usage;

/* Counts of one (provider, id) not yet in the database.  The strings
 * point into the table: valid until usage_free. */
struct usage_count {
	const char		*provider;
	const char		*id;
	unsigned long long	 count;
	time_t			 first;		/* first use counted */
	time_t			 last;		/* last use counted */
};

/* What usage_count did. */
enum usage_counted {
	USAGE_FULL = -1,	/* max models already counted: dropped */
	USAGE_AGAIN = 0,	/* counted; seen before since start */
	USAGE_FIRST = 1		/* counted; its first use since start */
};

/* A new table for at most max distinct models.  Never fails. */
struct usage *usage_new(size_t max);
/* usage_free(NULL) is a no-op. */
void usage_free(struct usage *u);

/* Counts one use of (provider, id) at now.  Allocates only the first
 * time a model is counted. */
enum usage_counted usage_count(struct usage *u, const char *provider,
    const char *id, time_t now);

/*
 * Sets *out to the models with counts not yet in the database (caller
 * frees *out; NULL when none) and returns how many.  With take, their
 * counts start again from zero: the caller now holds them, and gives them
 * back with usage_restore when it cannot store them.
 */
size_t usage_pending(struct usage *u, int take, struct usage_count **out);

/* Adds counts taken with usage_pending back, keeping the earliest first
 * and the latest last use. */
void usage_restore(struct usage *u, const struct usage_count *v, size_t n);

/* Sorts v by (provider, id) and folds the entries of one model into the
 * first of them (two names of one model count once).  Returns how many
 * are left. */
size_t usage_unique(struct usage_count *v, size_t n);

/* The longest label of an inventory report (origin "report:LABEL"). */
#define USAGE_LABEL_MAX 64

/* 1 when byte c may be in a label: a letter, a digit, '.', '_' or '-';
 * with first, when it may start one: a letter or a digit. */
int usage_label_char(int c, int first);
/* 1 when label is 1 to USAGE_LABEL_MAX bytes usage_label_char takes. */
int usage_label_ok(const char *label);

#endif
