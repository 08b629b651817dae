/*
 * schedule.c - due times for feeds.
 *
 * Jitter spreads a fleet's polls so a thousand sidecars started together do
 * not hit one upstream in the same second.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/random.h>

#include "schedule.h"

static time_t
jitter(time_t now, double delay, double rnd)
{
	double d = delay * (0.9 + 0.2 * rnd);

	return now + (time_t)(d < 1 ? 1 : d);
}

time_t
schedule_after_success(time_t now, int interval_s, double rnd)
{
	return jitter(now, interval_s, rnd);
}

time_t
schedule_after_failure(time_t now, int interval_s, int failures, double rnd)
{
	double delay = SCHEDULE_BACKOFF_BASE;
	int i;

	for (i = 1; i < failures && delay < interval_s; i++)
		delay *= 2;
	if (delay > interval_s)
		delay = interval_s;
	return jitter(now, delay, rnd);
}

double
schedule_random(void)
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
