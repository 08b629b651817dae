/*
 * alerts.h - the alerts thread: evaluates the [alert NAME] sections
 * against the published catalog, the usage inventory and the change
 * history, keeps the events in the outbox and delivers them.
 *
 * It runs apart from the main loop and the HTTP threads, with its own
 * database connection and curl handle, so a receiver that fails, stalls
 * or closes never slows a query or a feed sync.  It evaluates when woken
 * (alerts_wake: after a new catalog is published, when a model is first
 * used, after a reload) and at least every ALERTS_EVAL_S seconds.
 */
#ifndef SUNSET_ALERTS_H
#define SUNSET_ALERTS_H

#include <stddef.h>
#include <time.h>

#include "conf.h"

/* The longest wait between two evaluations, in seconds. */
#define ALERTS_EVAL_S		60
/* Days a model counts as in use after its usage row was last seen. */
#define ALERTS_USED_DAYS	30

/* The configured alerts with what their files hold. */
struct alert_set;

/*
 * Builds the alerts conf names: reads each url_file and secret_file
 * (which no one but their owner may read, as the admin token file) and
 * checks what they hold.  Returns a new set, or NULL with *cause set.
 */
struct alert_set *alerts_load(const struct conf *conf, char **cause);
void alerts_set_free(struct alert_set *set);

/*
 * Starts the thread on the database at path (migrated already) with set
 * (taken over).  Returns 0, or -1 with *cause set (set is freed).
 */
int alerts_start(const char *path, struct alert_set *set, char **cause);

/* Replaces the running set with set (taken over): a reload.  The thread
 * evaluates the new alerts at once. */
void alerts_configure(struct alert_set *set);

/* Asks the thread to evaluate soon.  Any thread may call it; it does
 * nothing while the thread does not run. */
void alerts_wake(void);

/* Stops the thread, cutting a delivery in progress short, and frees
 * what it holds.  A no-op when it does not run. */
void alerts_stop(void);

/* One configured alert as GET /v1/alerts shows it: the receiver's URL
 * without its path, query or user (webhook_redact_url). */
struct alert_info {
	char			*name;
	char			*format;
	char			*receiver;
	int			 signed_;	/* a secret signs its payloads */
	struct conf_thresholds	 thresholds;
	int			 only_used;
	char			*providers;	/* NULL: all */
	/* Its events in the outbox by state, as the thread last counted
	 * them (after each round). */
	long long		 pending;
	long long		 delivered;
	long long		 failed;
};

/* Sets *v to a copy of the configured alerts (none while the thread does
 * not run); returns how many.  Free with alerts_info_free. */
size_t alerts_info(struct alert_info **v);
void alerts_info_free(struct alert_info *v, size_t n);

/* How many rounds of evaluation ended since the thread started, and when
 * the last one did (*at: 0 when none has). */
unsigned long long alerts_evaluated(time_t *at);

#endif
