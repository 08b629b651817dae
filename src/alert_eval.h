/*
 * alert_eval.h - which events an alert owes, from the catalog, the
 * usage inventory and the change history.  Pure: no database, no clock,
 * no network; the alerts thread (alerts.c) gathers the inputs and keeps
 * the outbox.
 *
 * Events (sunset.conf(5), [alert NAME]):
 *   threshold      a shutdown date not yet come, at most the largest
 *                  threshold away: one event for the tightest threshold
 *                  the model is inside, keyed by the date;
 *   announced_on, shutdown_on, replacements
 *                  a history row of that kind newer than the alert's
 *                  watermark, when the catalog now says what it says;
 *   past_shutdown  a model in use whose firm shutdown date has come.
 * An alert's providers limit every event; only_used limits every event
 * to models in use (past_shutdown is for models in use whatever it
 * says).
 */
#ifndef SUNSET_ALERT_EVAL_H
#define SUNSET_ALERT_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "snapshot.h"

/* "msg_" and 64 hex digits. */
#define ALERT_ID_LEN	68
/* The longest event key ("date") kept; longer keys are cut. */
#define ALERT_KEY_MAX	160

/* A model in use (the usage table, over the last 30 days). */
struct alert_use {
	char		*provider;
	char		*id;
	char		*last_seen;	/* ISO 8601 UTC */
	long long	 count;
};

/* A history row (sql/002-sync.sql). */
struct alert_change {
	long long	 seq;
	const char	*provider;
	const char	*id;
	const char	*change;
	const char	*old;		/* may be NULL */
	const char	*new;		/* may be NULL */
};

struct alert_event {
	const char		*alert;
	const char		*event;		/* static: "threshold", ... */
	const struct record	*record;	/* in the snapshot */
	/* The key that names the event with alert, provider, model and
	 * event: the shutdown date for threshold and past_shutdown, the
	 * new value for changes (a date, "provider/id" of the first
	 * replacement, or "none"). */
	char			 date[ALERT_KEY_MAX];
	int			 threshold;	/* days; 0 but for threshold */
	const struct alert_change *change;	/* change events; else NULL */
	const struct alert_use	*use;		/* NULL: not known in use */
	char			 id[ALERT_ID_LEN + 1];
};

/*
 * The events alert owes on today: threshold and past_shutdown from snap,
 * change events from changes (the rows after its watermark, oldest
 * first).  uses must be sorted with alert_uses_sort.  Returns how many
 * events it put in *out (a new array the caller frees; NULL when none).
 * The events point into snap, alert, uses and changes.
 */
size_t alert_evaluate(const struct conf_alert *alert,
    const struct snapshot *snap, int32_t today, const struct alert_use *uses,
    size_t nuses, const struct alert_change *changes, size_t nchanges,
    struct alert_event **out);

/* Sorts uses by provider and id, for alert_evaluate's lookups. */
void alert_uses_sort(struct alert_use *uses, size_t n);
void alert_uses_free(struct alert_use *uses, size_t n);

/*
 * The event id of (alert, provider, model, event, date, threshold):
 * "msg_" and the hex SHA-256 of the fields, each ended by a NUL byte,
 * the threshold in decimal last (0 but for threshold events).  The same
 * event always gets the same id.
 */
void alert_event_id(const char *alert, const char *provider,
    const char *model, const char *event, const char *date, int threshold,
    char id[ALERT_ID_LEN + 1]);

#endif
