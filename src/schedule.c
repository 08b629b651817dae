/*
 * schedule.c - the feeds' schedule.
 *
 * Invariant: every configured feed has exactly one entry, and its next run
 * follows from its own outcomes only; an interrupted attempt changes
 * nothing.  Jitter spreads a fleet's polls so a thousand sidecars started
 * together do not hit one upstream in the same second.  One lock guards
 * the entries, since HTTP threads queue requests while the main loop runs.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "schedule.h"
#include "util.h"

struct entry {
	char		*name;
	int		 interval_s;
	time_t		 next_run;
	time_t		 last_attempt;
	time_t		 last_success;
	int		 failures;
	long		 http_status;
	long long	 records;
	char		*last_error;
	int		 requested;
};

struct sched {
	pthread_mutex_t	  lock;
	double		(*rnd)(void);
	struct entry	 *v;
	size_t		  n;
};

struct sched *
sched_new(double (*rnd)(void))
{
	struct sched *s = xcalloc(1, sizeof(*s));

	pthread_mutex_init(&s->lock, NULL);
	s->rnd = rnd != NULL ? rnd : sched_random;
	return s;
}

static void
clear_entries(struct entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].last_error);
	}
	free(v);
}

void
sched_free(struct sched *s)
{
	if (s == NULL)
		return;
	clear_entries(s->v, s->n);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* The entry called name, or NULL; the lock is held. */
static struct entry *
find(struct sched *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].name != NULL && strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	return NULL;
}

void
sched_configure(struct sched *s, const struct sched_feed *feeds, size_t n)
{
	struct entry *v = xcalloc(n, sizeof(*v)), *e, *old;
	const struct sched_state *seed;
	size_t i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < n; i++) {
		e = &v[i];
		if ((old = find(s, feeds[i].name)) != NULL) {
			*e = *old;
			old->name = NULL;
			old->last_error = NULL;
		} else {
			e->name = xstrdup(feeds[i].name);
			if ((seed = feeds[i].seed) != NULL) {
				e->last_attempt = seed->last_attempt;
				e->last_success = seed->last_success;
				e->failures = seed->failures;
				e->http_status = seed->http_status;
				e->records = seed->records;
				e->last_error = xstrdup_or_null(
				    seed->last_error);
			}
		}
		e->interval_s = feeds[i].interval_s;
	}
	clear_entries(s->v, s->n);
	s->v = v;
	s->n = n;
	pthread_mutex_unlock(&s->lock);
}

void
sched_resume(struct sched *s, time_t now)
{
	struct entry *e;
	time_t from, at_most;
	double rnd;
	size_t i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n; i++) {
		e = &s->v[i];
		rnd = s->rnd();
		if (e->failures > 0 && e->last_attempt != 0) {
			from = sched_after_failure(e->last_attempt,
			    e->interval_s, e->failures, rnd);
			at_most = sched_after_failure(now, e->interval_s,
			    e->failures, rnd);
		} else if (e->last_success != 0) {
			from = sched_after_success(e->last_success,
			    e->interval_s, rnd);
			at_most = sched_after_success(now, e->interval_s, rnd);
		} else {
			e->next_run = 0;
			continue;
		}
		/* A stamp from the future (the clock was set back) must not
		 * push the next run further out than a run now would. */
		e->next_run = from < at_most ? from : at_most;
	}
	pthread_mutex_unlock(&s->lock);
}

int
sched_due(struct sched *s, const char *name, time_t now)
{
	struct entry *e;
	int due;

	pthread_mutex_lock(&s->lock);
	due = (e = find(s, name)) != NULL && e->next_run <= now;
	pthread_mutex_unlock(&s->lock);
	return due;
}

void
sched_done(struct sched *s, const char *name, time_t now,
    const struct sched_outcome *o)
{
	struct entry *e;

	pthread_mutex_lock(&s->lock);
	if ((e = find(s, name)) == NULL)
		goto out;
	e->last_attempt = now;
	e->http_status = o->http_status;
	free(e->last_error);
	e->last_error = NULL;
	if (o->ok) {
		e->last_success = now;
		e->failures = 0;
		if (o->records >= 0)
			e->records = o->records;
		e->next_run = sched_after_success(now, e->interval_s,
		    s->rnd());
	} else {
		e->failures++;
		e->last_error = xstrdup(o->error != NULL ? o->error :
		    "unknown error");
		e->next_run = o->retry_after_s > 0 ?
		    sched_after_retry(now, e->interval_s, o->retry_after_s) :
		    sched_after_failure(now, e->interval_s, e->failures,
		    s->rnd());
	}
out:
	pthread_mutex_unlock(&s->lock);
}

time_t
sched_after_retry(time_t now, int interval_s, long retry_after_s)
{
	return now + (retry_after_s < interval_s ? retry_after_s :
	    interval_s);
}

int
sched_next(struct sched *s, time_t *when)
{
	size_t i;
	int rc = -1;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n; i++)
		if (rc < 0 || s->v[i].next_run < *when) {
			*when = s->v[i].next_run;
			rc = 0;
		}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int
sched_get(struct sched *s, const char *name, struct sched_state *out)
{
	struct entry *e;
	int rc = -1;

	pthread_mutex_lock(&s->lock);
	if ((e = find(s, name)) != NULL) {
		out->next_run = e->next_run;
		out->last_attempt = e->last_attempt;
		out->last_success = e->last_success;
		out->failures = e->failures;
		out->http_status = e->http_status;
		out->records = e->records;
		out->last_error = e->last_error;
		rc = 0;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

size_t
sched_failing(struct sched *s)
{
	size_t i, n = 0;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n; i++)
		n += s->v[i].failures > 0;
	pthread_mutex_unlock(&s->lock);
	return n;
}

int
sched_request(struct sched *s, const char *name)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n; i++)
		if (name == NULL || strcmp(s->v[i].name, name) == 0) {
			s->v[i].requested = 1;
			found = 1;
		}
	pthread_mutex_unlock(&s->lock);
	return found || name == NULL ? 0 : -1;
}

size_t
sched_take_requests(struct sched *s)
{
	size_t i, n = 0;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->n; i++)
		if (s->v[i].requested) {
			s->v[i].requested = 0;
			s->v[i].next_run = 0;
			n++;
		}
	pthread_mutex_unlock(&s->lock);
	return n;
}

static time_t
jitter(time_t now, double delay, double rnd)
{
	double d = delay * (0.9 + 0.2 * rnd);

	return now + (time_t)(d < 1 ? 1 : d);
}

time_t
sched_after_success(time_t now, int interval_s, double rnd)
{
	return jitter(now, interval_s, rnd);
}

time_t
sched_after_failure(time_t now, int interval_s, int failures, double rnd)
{
	double delay = SCHED_BACKOFF_BASE;
	int i;

	for (i = 1; i < failures && delay < interval_s; i++)
		delay *= 2;
	if (delay > interval_s)
		delay = interval_s;
	return jitter(now, delay, rnd);
}

double
sched_random(void)
{
	static int seeded;
	unsigned short seed[3];

	if (!seeded) {
		if (getrandom(seed, sizeof(seed), GRND_NONBLOCK) !=
		    (ssize_t)sizeof(seed)) {
			seed[0] = (unsigned short)time(NULL);
			seed[1] = (unsigned short)clock();
			seed[2] = 0x5eed;
		}
		seed48(seed);
		seeded = 1;
	}
	return drand48();
}
