/*
 * outbox.h - the alerts' SQLite side (sql/007-alerts.sql): the outbox of
 * events to deliver, each alert's watermark in the history, and the
 * usage inventory the alerts read.
 *
 * The alerts thread opens its own connection (outbox_open) and uses it
 * alone; GET /v1/alerts reads on short-lived read-only connections
 * (outbox_read).  Times are Unix seconds here and ISO 8601 UTC in the
 * database.
 */
#ifndef SUNSET_OUTBOX_H
#define SUNSET_OUTBOX_H

#include <stddef.h>
#include <time.h>

#include "alert_eval.h"

struct outbox;

/* Delivery retries: 5 s after the first failure, doubling, at most an
 * hour apart; an event not delivered 3 days after it was made fails. */
#define OUTBOX_RETRY_FIRST_S	5
#define OUTBOX_RETRY_MAX_S	3600
#define OUTBOX_GIVE_UP_S	(3 * 86400)

enum outbox_state { OUTBOX_PENDING, OUTBOX_DELIVERED, OUTBOX_FAILED };

/* An event in the outbox. */
struct outbox_entry {
	char		*id;
	char		*alert;
	char		*provider;
	char		*model;
	char		*event;
	char		*date;
	int		 threshold;	/* 0: none */
	char		*content_type;
	char		*body;		/* the exact payload */
	size_t		 len;
	time_t		 created;
	int		 attempts;
};

/* Opens the database at path (migrated already by catalog_open) on a
 * connection of the caller's thread.  NULL with *cause on error. */
struct outbox *outbox_open(const char *path, char **cause);
void outbox_close(struct outbox *ob);

/* One transaction around many calls; 0 or -1 with *cause. */
int outbox_begin(struct outbox *ob, char **cause);
int outbox_commit(struct outbox *ob, char **cause);
void outbox_rollback(struct outbox *ob);

/* Sets *seq to the newest history row's number (0: none). */
int outbox_newest_change(struct outbox *ob, long long *seq, char **cause);

/* Sets *seq to alert's watermark; an alert seen for the first time
 * gets newest, stored.  0 or -1 with *cause. */
int outbox_watermark(struct outbox *ob, const char *alert, long long newest,
    long long *seq, char **cause);
int outbox_set_watermark(struct outbox *ob, const char *alert,
    long long seq, char **cause);

/* 1 when the outbox holds id, 0 when not, -1 with *cause. */
int outbox_has(struct outbox *ob, const char *id, char **cause);

/* Adds e (body and all) as pending and due at now, unless its id is
 * there already.  Returns 1 when added, 0 when it was there, -1 with
 * *cause. */
int outbox_add(struct outbox *ob, const struct outbox_entry *e, time_t now,
    char **cause);

/* Sets *v to at most max pending events due at now (*n of them, the
 * longest due first; free with outbox_entries_free).  0 or -1. */
int outbox_due(struct outbox *ob, time_t now, size_t max,
    struct outbox_entry **v, size_t *n, char **cause);
void outbox_entries_free(struct outbox_entry *v, size_t n);

/* Sets *when to the earliest next attempt of a pending event; returns 1,
 * or 0 when none is pending, -1 with *cause. */
int outbox_next_due(struct outbox *ob, time_t *when, char **cause);

/*
 * Records an attempt at id made at now: its HTTP status (0: none) and
 * error (NULL after a success), its new state, and when the next is due
 * (pending only).  0 or -1 with *cause.
 */
int outbox_attempted(struct outbox *ob, const char *id, time_t now,
    long status, const char *error, enum outbox_state state, time_t next,
    char **cause);

/* Moves id's next attempt to next without counting an attempt: its alert
 * is not configured now.  0 or -1 with *cause. */
int outbox_postpone(struct outbox *ob, const char *id, time_t next,
    char **cause);

/*
 * After the attempts-th failed attempt at an event made at created, at
 * now: sets *next to when to try again and returns 0, or returns -1 when
 * it is time to give up (OUTBOX_GIVE_UP_S).
 */
int outbox_retry_at(time_t created, int attempts, time_t now, time_t *next);

/* Sets *uses to the models in use since since (last_seen in the usage
 * table), one per (provider, id) with the newest last_seen and the sum of
 * counts; *n of them (free with alert_uses_free).  0 or -1 with *cause;
 * a database without the usage table has none. */
int outbox_used(struct outbox *ob, time_t since, struct alert_use **uses,
    size_t *n, char **cause);

/* An outbox row as GET /v1/alerts shows it; every string its own. */
struct outbox_row {
	char		*id;
	char		*alert;
	char		*event;
	char		*provider;
	char		*model;
	char		*date;
	int		 threshold;
	char		*state;
	int		 attempts;
	char		*next_attempt;	/* NULL unless pending */
	long		 last_status;	/* 0: none */
	char		*last_error;
	char		*created;
	char		*delivered_at;
};

/* Events by state for one alert. */
struct outbox_count {
	char		*alert;
	long long	 pending;
	long long	 delivered;
	long long	 failed;
};

/* The events by alert and state, on the thread's connection, into *v
 * (*n of them; free with outbox_rows_free).  0 or -1 with *cause. */
int outbox_counts(struct outbox *ob, struct outbox_count **v, size_t *n,
    char **cause);

/*
 * Reads the outbox at path on a short-lived read-only connection: the
 * newest limit rows (newest first) into *rows (*nrows), and the counts by
 * alert into *counts (*ncounts).  Free with outbox_rows_free.  0 or -1
 * with *cause.
 */
int outbox_read(const char *path, int limit, struct outbox_row **rows,
    size_t *nrows, struct outbox_count **counts, size_t *ncounts,
    char **cause);
void outbox_rows_free(struct outbox_row *rows, size_t nrows,
    struct outbox_count *counts, size_t ncounts);

#endif
