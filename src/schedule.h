/*
 * schedule.h - the feeds' schedule: when each feed runs next, what its
 * runs came to, and the requests to run one now.
 *
 * The main loop owns the schedule: it seeds it from what the database
 * remembers, asks what is due, reports each attempt's outcome and reads
 * each feed's state to publish it.  HTTP threads only call sched_request.
 * Every time is passed in, so the rules are tested with any clock; the
 * jitter's random numbers come from the function given to sched_new.
 */
#ifndef SUNSET_SCHEDULE_H
#define SUNSET_SCHEDULE_H

#include <stddef.h>
#include <time.h>

/* First retry after a failure; doubles with each failure in a row. */
#define SCHED_BACKOFF_BASE	60

struct sched;

/* What is known of one feed's runs.  Times are Unix seconds, 0: never. */
struct sched_state {
	time_t		 next_run;	/* 0: due at once */
	time_t		 last_attempt;
	time_t		 last_success;	/* applied, or not modified */
	int		 failures;	/* in a row */
	long		 http_status;	/* of the last attempt; 0: none */
	long long	 records;	/* in the last document applied */
	const char	*last_error;	/* NULL unless the last one failed */
};

/* A feed to schedule, with what is remembered of it (seed: NULL when
 * nothing is; its next_run is not used). */
struct sched_feed {
	const char			*name;
	int				 interval_s;
	const struct sched_state	*seed;
};

/* How one attempt ended. */
struct sched_outcome {
	int		 ok;		/* applied, or not modified */
	long		 http_status;	/* 0: no answer */
	long long	 records;	/* applied; < 0: as before */
	const char	*error;		/* why it failed, when !ok */
	/* The wait the upstream asked for (Retry-After) in seconds; 0: it
	 * asked none, or none beyond the backoff. */
	long		 retry_after_s;
};

/* A new, empty schedule drawing jitter from rnd (uniform in [0, 1);
 * NULL: sched_random).  Free with sched_free; sched_free(NULL) is a no-op. */
struct sched *sched_new(double (*rnd)(void));
void sched_free(struct sched *s);

/* Makes feeds (copied) the schedule: a feed already in it (same name) keeps
 * its state and takes the new interval; a new one takes its seed and is
 * due at once; the others are dropped, with their requests. */
void sched_configure(struct sched *s, const struct sched_feed *feeds,
    size_t n);

/* At start: works out every feed's next run at now from its state: due at
 * once when it never ran; last attempt + backoff when it is failing; else
 * last success + interval (jittered; never later than from now). */
void sched_resume(struct sched *s, time_t now);

/* 1 when the feed called name is due at now; 0 when not, or unknown. */
int sched_due(struct sched *s, const char *name, time_t now);

/* Records an attempt of name at now and schedules its next run: now +
 * interval after a success, now + backoff after a failure (both +/- 10%),
 * or the wait the upstream asked for (sched_after_retry).
 * An attempt cut short is not an outcome: don't report it, and the feed
 * stays due.  Unknown names are ignored. */
void sched_done(struct sched *s, const char *name, time_t now,
    const struct sched_outcome *outcome);

/* Sets *when to the earliest next run.  Returns -1 when nothing is
 * scheduled. */
int sched_next(struct sched *s, time_t *when);

/* Copies the state of name into *out; out->last_error stays the
 * schedule's, valid until the next sched_done or sched_configure.
 * Returns -1 when no feed has that name. */
int sched_get(struct sched *s, const char *name, struct sched_state *out);

/* How many feeds failed their last attempt. */
size_t sched_failing(struct sched *s);

/* Asks for name (NULL: every feed) to run soon; safe from any thread.
 * Returns -1 when no feed has that name.  The caller wakes the main loop,
 * which calls sched_take_requests. */
int sched_request(struct sched *s, const char *name);

/* Makes the requested feeds due at once; returns how many were. */
size_t sched_take_requests(struct sched *s);

/* now + interval, +/- 10%. */
time_t sched_after_success(time_t now, int interval_s, double rnd);

/* now + min(interval, SCHED_BACKOFF_BASE * 2^(failures - 1)), +/- 10%:
 * a broken upstream is retried soon, then less and less often, never less
 * often than a healthy one. */
time_t sched_after_failure(time_t now, int interval_s, int failures,
    double rnd);

/* now + the wait an upstream asked for (a 429's or 503's Retry-After),
 * at most the interval, without jitter: it named the time. */
time_t sched_after_retry(time_t now, int interval_s, long retry_after_s);

/* A uniform random number in [0, 1) for the jitter. */
double sched_random(void);

#endif
