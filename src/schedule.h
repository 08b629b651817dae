/*
 * schedule.h - when each feed runs next: interval with jitter, backoff.
 *
 * Pure arithmetic on times, so the rules are tested without a clock; the
 * caller supplies a uniform random number in [0, 1).
 */
#ifndef SUNSET_SCHEDULE_H
#define SUNSET_SCHEDULE_H

#include <time.h>

/* First retry after a failure; doubles with each failure in a row. */
#define SCHEDULE_BACKOFF_BASE	60

/* now + interval, +/- 10%. */
time_t schedule_after_success(time_t now, int interval_s, double rnd);

/* now + min(interval, SCHEDULE_BACKOFF_BASE * 2^(failures - 1)), +/- 10%:
 * a broken upstream is retried soon, then less and less often, never less
 * often than a healthy one. */
time_t schedule_after_failure(time_t now, int interval_s, int failures,
    double rnd);

/* A uniform random number in [0, 1) for the jitter. */
double schedule_random(void);

#endif
