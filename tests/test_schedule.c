/*
 * test_schedule.c - the feeds' schedule with a clock and a jitter of the
 * test's choosing: what is due when, backoff after failures, the seeding
 * from what the database remembers, reloads and sync requests.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "schedule.h"
#include "tap.h"

#define NOW	1784764800	/* 2026-07-23 */
#define HOUR	3600

static double jitter = 0.5;	/* the middle: no jitter at all */

static double
fixed(void)
{
	return jitter;
}

static time_t
next_of(struct sched *s, const char *name)
{
	struct sched_state st;

	return sched_get(s, name, &st) == 0 ? st.next_run : -1;
}

static int
failures_of(struct sched *s, const char *name)
{
	struct sched_state st;

	return sched_get(s, name, &st) == 0 ? st.failures : -1;
}

static void
done(struct sched *s, const char *name, time_t now, int ok, long records)
{
	struct sched_outcome o;

	memset(&o, 0, sizeof(o));
	o.ok = ok;
	o.http_status = ok ? 200 : 503;
	o.records = records;
	o.error = ok ? NULL : "HTTP status 503";
	sched_done(s, name, now, &o);
}

static void
test_arithmetic(void)
{
	time_t t;

	t = sched_after_success(NOW, HOUR, 0.5);
	is_int(t - NOW, HOUR, "the middle of the jitter is the interval");
	ok(sched_after_success(NOW, HOUR, 0.0) - NOW == 3240 &&
	    sched_after_success(NOW, HOUR, 0.999999) - NOW <= 3960,
	    "jitter stays within 10%%");
	is_int(sched_after_failure(NOW, 6 * HOUR, 1, 0.5) - NOW,
	    SCHED_BACKOFF_BASE, "the first retry comes soon");
	is_int(sched_after_failure(NOW, 6 * HOUR, 3, 0.5) - NOW,
	    SCHED_BACKOFF_BASE * 4, "and backs off exponentially");
	is_int(sched_after_failure(NOW, 6 * HOUR, 30, 0.5) - NOW, 6 * HOUR,
	    "never beyond the interval");
	is_int(sched_after_retry(NOW, HOUR, 2) - NOW, 2,
	    "an upstream's Retry-After is the wait, without jitter");
	is_int(sched_after_retry(NOW, HOUR, 86400) - NOW, HOUR,
	    "but never beyond the interval");
	ok(sched_random() >= 0 && sched_random() < 1,
	    "random numbers in [0, 1)");
}

static void
test_runs(void)
{
	const struct sched_feed feeds[] = {
		{ "a", HOUR, NULL }, { "b", 6 * HOUR, NULL },
	};
	struct sched *s = sched_new(fixed);
	struct sched_outcome o;
	struct sched_state st;
	time_t when;
	int i;

	is_int(sched_next(s, &when), -1, "an empty schedule has no next run");
	sched_configure(s, feeds, 2);
	ok(sched_due(s, "a", NOW) && sched_due(s, "b", NOW),
	    "feeds that never ran are due at once");
	ok(!sched_due(s, "nobody", NOW), "an unknown feed is never due");
	ok(sched_next(s, &when) == 0 && when == 0, "the next run is now");

	done(s, "a", NOW, 1, 12);
	is_int(next_of(s, "a") - NOW, HOUR, "a success runs again after the "
	    "interval");
	ok(!sched_due(s, "a", NOW + HOUR - 1) && sched_due(s, "a",
	    NOW + HOUR), "due exactly then");
	ok(sched_get(s, "a", &st) == 0 && st.last_attempt == NOW &&
	    st.last_success == NOW && st.records == 12 &&
	    st.http_status == 200 && st.last_error == NULL,
	    "the success is remembered");

	/* b fails five times in a row: 1, 2, 4, 8, 16 minutes. */
	for (i = 0; i < 5; i++) {
		done(s, "b", NOW + i, 0, -1);
		is_int(next_of(s, "b") - (NOW + i), SCHED_BACKOFF_BASE << i,
		    "failure %d backs off %d s", i + 1,
		    SCHED_BACKOFF_BASE << i);
	}
	ok(sched_get(s, "b", &st) == 0 && st.failures == 5 &&
	    st.last_success == 0 && st.last_error != NULL &&
	    strcmp(st.last_error, "HTTP status 503") == 0 &&
	    st.http_status == 503, "failures, error and status are kept");
	is_int(sched_failing(s), 1, "one feed is failing");
	for (i = 5; i < 12; i++)
		done(s, "b", NOW, 0, -1);
	is_int(next_of(s, "b") - NOW, 6 * HOUR,
	    "the backoff stops at the interval");
	ok(sched_next(s, &when) == 0 && when == NOW + HOUR,
	    "the next run of all is a's");

	done(s, "b", NOW + 10, 1, -1);
	ok(sched_get(s, "b", &st) == 0 && st.failures == 0 &&
	    st.last_error == NULL && st.last_success == NOW + 10,
	    "a success clears the failures and the error");
	is_int(sched_failing(s), 0, "nothing is failing");

	jitter = 0.0;
	done(s, "a", NOW, 1, -1);
	is_int(next_of(s, "a") - NOW, HOUR * 9 / 10, "jitter comes from the "
	    "function given");
	jitter = 0.5;
	ok(sched_get(s, "a", &st) == 0 && st.records == 12,
	    "a success with nothing applied (a 304) keeps the records");

	/* A 429 that says when: that wait, not the backoff. */
	memset(&o, 0, sizeof(o));
	o.http_status = 429;
	o.records = -1;
	o.error = "HTTP status 429";
	o.retry_after_s = 30;
	sched_done(s, "b", NOW, &o);
	is_int(next_of(s, "b") - NOW, 30, "a Retry-After of 30 s is the wait");
	o.retry_after_s = 7 * 86400;
	sched_done(s, "b", NOW, &o);
	is_int(next_of(s, "b") - NOW, 6 * HOUR,
	    "a Retry-After beyond the interval waits the interval");
	is_int(failures_of(s, "b"), 2, "and counts as a failure");

	done(s, "nobody", NOW, 0, -1);
	is_int(failures_of(s, "nobody"), -1, "an outcome for an unknown feed "
	    "is ignored");
	sched_free(s);
	sched_free(NULL);
}

static void
test_resume(void)
{
	/* What the database remembers after the last run of each. */
	const struct sched_state never = { 0 },
	    recent = { 0, NOW - 600, NOW - 600, 0, 304, 40, NULL },
	    old = { 0, NOW - 7200, NOW - 7200, 0, 200, 40, NULL },
	    failing = { 0, NOW - 30, NOW - 86400, 3, 0, 40,
		"connection refused" },
	    future = { 0, NOW + 86400, NOW + 86400, 0, 200, 1, NULL },
	    future_failing = { 0, NOW + 86400, 0, 2, 500, 0, "HTTP 500" };
	const struct sched_feed feeds[] = {
		{ "unseeded", HOUR, NULL },
		{ "never", HOUR, &never },
		{ "recent", HOUR, &recent },
		{ "old", HOUR, &old },
		{ "failing", HOUR, &failing },
		{ "future", HOUR, &future },
		{ "future-failing", HOUR, &future_failing },
	};
	struct sched *s = sched_new(fixed);
	struct sched_state st;

	sched_configure(s, feeds, 7);
	sched_resume(s, NOW);
	ok(sched_due(s, "unseeded", NOW) && sched_due(s, "never", NOW),
	    "a feed that never synced is due at once");
	is_int(next_of(s, "recent"), NOW - 600 + HOUR,
	    "one that synced recently is due at last success + interval");
	ok(!sched_due(s, "recent", NOW), "so it is not due now");
	ok(sched_due(s, "old", NOW), "one whose interval passed is due");
	is_int(next_of(s, "failing"), NOW - 30 + 4 * SCHED_BACKOFF_BASE,
	    "a failing feed keeps its backoff: last attempt + 4 minutes "
	    "after 3 failures");
	ok(sched_get(s, "failing", &st) == 0 && st.failures == 3 &&
	    st.last_success == NOW - 86400 && st.records == 40 &&
	    st.last_error != NULL &&
	    strcmp(st.last_error, "connection refused") == 0,
	    "and its failures, last success, records and error");
	done(s, "failing", NOW + 210, 0, -1);
	is_int(next_of(s, "failing") - (NOW + 210), 8 * SCHED_BACKOFF_BASE,
	    "its next failure backs off from there (8 minutes)");
	is_int(next_of(s, "future"), NOW + HOUR,
	    "a success stamped in the future waits no longer than one now");
	is_int(next_of(s, "future-failing"), NOW + 2 * SCHED_BACKOFF_BASE,
	    "nor does a failure stamped in the future");

	jitter = 0.0;
	sched_resume(s, NOW);
	is_int(next_of(s, "recent"), NOW - 600 + HOUR * 9 / 10,
	    "seeded runs are jittered too");
	jitter = 0.5;
	sched_free(s);
}

static void
test_reload(void)
{
	const struct sched_state seen = { 0, NOW - 60, NOW - 60, 0, 200, 7,
	    NULL }, broken = { 0, NOW - 60, 0, 4, 0, 0, "refused" };
	const struct sched_feed before[] = {
		{ "keep", HOUR, NULL }, { "drop", HOUR, NULL },
	}, after[] = {
		{ "new", HOUR, &seen }, { "keep", 2 * HOUR, NULL },
		{ "broken", HOUR, &broken },
	};
	struct sched *s = sched_new(fixed);
	struct sched_state st;

	sched_configure(s, before, 2);
	done(s, "keep", NOW, 0, -1);
	done(s, "keep", NOW + 60, 0, -1);
	done(s, "drop", NOW, 1, 3);
	is_int(sched_request(s, "drop"), 0, "a request for drop is taken");
	sched_configure(s, after, 3);
	ok(sched_get(s, "keep", &st) == 0 && st.failures == 2 &&
	    st.next_run == NOW + 60 + 2 * SCHED_BACKOFF_BASE &&
	    st.last_error != NULL, "a feed that stays keeps its state");
	done(s, "keep", NOW + 200, 1, -1);
	is_int(next_of(s, "keep") - (NOW + 200), 2 * HOUR,
	    "and runs at its new interval");
	is_int(failures_of(s, "drop"), -1, "a removed feed is dropped");
	is_int(sched_request(s, "drop"), -1, "with its requests");
	ok(sched_due(s, "new", NOW), "a new feed is due at once");
	ok(sched_get(s, "new", &st) == 0 && st.last_success == NOW - 60 &&
	    st.records == 7, "with what its seed remembers");
	ok(sched_due(s, "broken", NOW) && failures_of(s, "broken") == 4,
	    "a failing new feed is due at once too, its failures counted");
	is_int(sched_take_requests(s), 0, "no request survived the reload");
	sched_free(s);
}

static void
test_requests(void)
{
	const struct sched_feed feeds[] = {
		{ "a", HOUR, NULL }, { "b", HOUR, NULL },
	};
	struct sched *s = sched_new(fixed);

	sched_configure(s, feeds, 2);
	done(s, "a", NOW, 1, 1);
	done(s, "b", NOW, 1, 1);
	is_int(sched_request(s, "nobody"), -1, "a request for no feed fails");
	is_int(sched_request(s, "a"), 0, "a request for a is queued");
	ok(!sched_due(s, "a", NOW), "a is not due before the request is "
	    "taken");
	is_int(sched_take_requests(s), 1, "one request taken");
	ok(sched_due(s, "a", NOW) && !sched_due(s, "b", NOW),
	    "a is due now, b is not");
	is_int(sched_take_requests(s), 0, "a request is taken once");
	done(s, "a", NOW, 1, 1);
	is_int(sched_request(s, NULL), 0, "a request for every feed");
	is_int(sched_take_requests(s), 2, "takes both");
	ok(sched_due(s, "a", NOW) && sched_due(s, "b", NOW), "both are due");
	sched_free(s);
}

int
main(void)
{
	test_arithmetic();
	test_runs();
	test_resume();
	test_reload();
	test_requests();
	return tap_done();
}
