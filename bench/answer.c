/*
 * answer.c - the cost of one answer as GET /v1/models/{id} builds it.
 *
 * Loads the built-in catalog as the daemon does and, for every record,
 * resolves its id and writes the JSON answer into a fresh writer, as
 * api_route_model does (a tenth of the queries are unknown ids).  Prints
 * nanoseconds per answer; under callgrind, one_answer is the function to
 * count (--toggle-collect=one_answer) for instructions per answer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer.h"
#include "cli.h"
#include "date.h"
#include "jsonw.h"
#include "snapshot.h"
#include "util.h"

#define ROUNDS	20

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* One answer, resolved and written; returns its length. */
__attribute__((noinline)) static size_t
one_answer(const struct snapshot *snap, const char *id, int32_t as_of)
{
	struct answer a;
	struct jsonw w;
	char *text;
	size_t n;

	answer_resolve(&a, snap, id, NULL, as_of);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	answer_write(&w, &a, 1);
	if ((text = jsonw_take(&w)) == NULL)
		abort();
	n = strlen(text);
	free(text);
	return n;
}

int
main(int argc, char **argv)
{
	struct snapshot *snap;
	char **q;
	size_t n, nq = 0, i, r, bytes = 0;
	int rounds = argc > 1 ? atoi(argv[1]) : ROUNDS;
	int32_t as_of = date_today();
	double t0, t;

	xcjson_init();
	if ((snap = cli_open_snapshot(NULL)) == NULL)
		return 2;
	n = snapshot_count(snap);
	q = xreallocarray(NULL, 2 * n, sizeof(*q));
	for (i = 0; i < n; i++) {
		q[nq++] = xstrdup(snapshot_record(snap, i)->id);
		if (i % 10 == 0)
			q[nq++] = xasprintf("no-such-%s",
			    snapshot_record(snap, i)->id);
	}
	t0 = now();
	for (r = 0; r < (size_t)rounds; r++)
		for (i = 0; i < nq; i++)
			bytes += one_answer(snap, q[i], as_of);
	t = (now() - t0) / (double)((size_t)rounds * nq);
	printf("catalog: %zu records, %zu queries x %d rounds, %zu bytes\n",
	    n, nq, rounds, bytes);
	printf("answer_resolve + answer_write  %8.0f ns\n", t);
	for (i = 0; i < nq; i++)
		free(q[i]);
	free(q);
	snapshot_unref(snap);
	return 0;
}
