/*
 * lookup.c - the cost of one snapshot_lookup against a bare reference.
 *
 * Loads the built-in catalog as the daemon does and asks for every
 * record's id as users write it: bare, with its provider's prefix
 * ("azure/..."), upper-cased, and an unknown id for every tenth.  The
 * reference, timed in the same run over the same queries, is the least a
 * lookup could do: lower-case the query and binary-search a sorted array
 * of the ids.  Prints nanoseconds per lookup for both and the ratio.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "snapshot.h"
#include "sync.h"
#include "util.h"

#define ROUNDS	20

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
upper(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int
main(void)
{
	struct catalog *cat;
	struct snapshot *snap;
	struct lookup l;
	char *cause = NULL, **q, **ids, key[256];
	size_t n, nq = 0, i, r, found = 0;
	double t0, t_sunset, t_ref;

	if ((cat = catalog_open(":memory:", &cause)) == NULL ||
	    sync_apply_embedded(cat, time(NULL), &cause) < 0 ||
	    (snap = catalog_snapshot(cat, &cause)) == NULL) {
		fprintf(stderr, "lookup: %s\n", cause);
		return 2;
	}
	n = snapshot_count(snap);
	q = xreallocarray(NULL, 4 * n, sizeof(*q));
	ids = xreallocarray(NULL, n, sizeof(*ids));
	for (i = 0; i < n; i++) {
		const struct record *rec = snapshot_record(snap, i);

		ids[i] = str_lower(xstrdup(rec->id));
		q[nq++] = xstrdup(rec->id);
		q[nq++] = xasprintf("%s/%s", rec->provider, rec->id);
		q[nq++] = upper(xstrdup(rec->id));
		if (i % 10 == 0)
			q[nq++] = xasprintf("no-such-%s", rec->id);
	}
	qsort(ids, n, sizeof(*ids), cmp);

	t0 = now();
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < nq; i++) {
			snapshot_lookup(snap, q[i], NULL, &l);
			found += l.record != NULL;
		}
	t_sunset = (now() - t0) / (double)(ROUNDS * nq);

	t0 = now();
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < nq; i++) {
			const char *k = key;

			snprintf(key, sizeof(key), "%s", q[i]);
			str_lower(key);
			found += bsearch(&k, ids, n, sizeof(*ids), cmp) != NULL;
		}
	t_ref = (now() - t0) / (double)(ROUNDS * nq);

	printf("catalog: %zu records, %zu queries x %d rounds (%zu found)\n",
	    n, nq, ROUNDS, found);
	printf("snapshot_lookup  %8.0f ns\nbsearch floor    %8.0f ns\n"
	    "ratio            %8.2f\n", t_sunset, t_ref, t_sunset / t_ref);
	for (i = 0; i < nq; i++)
		free(q[i]);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(q);
	free(ids);
	snapshot_unref(snap);
	catalog_close(cat);
	return 0;
}
