/*
 * alerts.c - the alerts thread (alerts.h).
 *
 * One thread, started and stopped by the daemon's start-up and shutdown
 * (main.c), owns an outbox connection and a curl handle.  Each round it
 * takes a new configuration when one waits, evaluates when woken or when
 * ALERTS_EVAL_S have passed (alert_eval.c), writes new events to the
 * outbox with their payloads and the alert's new watermark in one
 * transaction, then delivers what is due, one event at a time.
 * Invariant: an event enters the outbox under its one id before any
 * attempt, and an attempt is recorded only once it has ended, so a crash
 * at any point at worst sends an event again under the same id.  Stop
 * requests reach a running delivery through curl's progress callback.
 */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alert_eval.h"
#include "alerts.h"
#include "catalog.h"
#include "date.h"
#include "log.h"
#include "outbox.h"
#include "snapshot.h"
#include "util.h"
#include "webhook.h"

/* History rows read per alert and round; more wait for the next. */
#define CHANGES_PAGE		1000
/* Due events taken from the outbox at a time. */
#define DUE_BATCH		16

struct alert_target {
	struct conf_alert	 conf;
	char			*url;		/* from url or url_file */
	unsigned char		*key;		/* NULL: unsigned */
	size_t			 keylen;
};

struct alert_set {
	struct alert_target	*v;
	size_t			 n;
	struct alert_info	*info;
};

static struct {
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	pthread_t		 thread;
	int			 running;
	int			 wake;
	atomic_int		 stop;
	struct alert_set	*pending;	/* a reload's set, not taken */
	struct alert_info	*info;		/* the newest set's, for the API */
	size_t			 ninfo;
	char			*path;
	struct outbox		*ob;
	time_t			 evaluated_at;	/* the last round's end; 0: none */
	unsigned long long	 evaluations;	/* rounds since start */
} alerts = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void
target_clear(struct alert_target *t)
{
	conf_alert_clear(&t->conf);
	if (t->url != NULL)
		explicit_bzero(t->url, strlen(t->url));
	free(t->url);
	if (t->key != NULL)
		explicit_bzero(t->key, t->keylen);
	free(t->key);
}

void
alerts_info_free(struct alert_info *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].format);
		free(v[i].receiver);
		free(v[i].providers);
	}
	free(v);
}

void
alerts_set_free(struct alert_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		target_clear(&set->v[i]);
	free(set->v);
	alerts_info_free(set->info, set->info != NULL ? set->n : 0);
	free(set);
}

/* Reads what t's files hold; 0 or -1 with *cause. */
static int
load_target(struct alert_target *t, char **cause)
{
	const struct conf_alert *a = &t->conf;
	char *text, *why = NULL;
	int rc;

	if (a->url_file != NULL) {
		if ((t->url = conf_read_token(a->url_file, &why)) == NULL)
			goto fail;
		if (conf_alert_url_check(t->url, &why) < 0) {
			set_cause(cause, "alert %s: %s: %s", a->name,
			    a->url_file, why);
			free(why);
			return -1;
		}
	} else
		t->url = xstrdup(a->url);
	if (a->secret_file == NULL)
		return 0;
	if ((text = conf_read_token(a->secret_file, &why)) == NULL)
		goto fail;
	rc = webhook_secret_decode(text, &t->key, &t->keylen, &why);
	explicit_bzero(text, strlen(text));
	free(text);
	if (rc < 0) {
		set_cause(cause, "alert %s: %s: %s", a->name, a->secret_file,
		    why);
		free(why);
		return -1;
	}
	return 0;
fail:
	set_cause(cause, "alert %s: %s", a->name, why);
	free(why);
	return -1;
}

struct alert_set *
alerts_load(const struct conf *conf, char **cause)
{
	struct alert_set *set = xcalloc(1, sizeof(*set));
	struct alert_info *in;
	size_t i;

	set->v = xcalloc(conf->nalerts, sizeof(*set->v));
	set->info = xcalloc(conf->nalerts, sizeof(*set->info));
	for (i = 0; i < conf->nalerts; i++) {
		conf_alert_copy(&set->v[i].conf, &conf->alerts[i]);
		set->n++;
		if (load_target(&set->v[i], cause) < 0) {
			alerts_set_free(set);
			return NULL;
		}
		in = &set->info[i];
		in->name = xstrdup(conf->alerts[i].name);
		in->format = xstrdup(conf->alerts[i].format);
		in->receiver = webhook_redact_url(set->v[i].url);
		in->signed_ = set->v[i].key != NULL;
		in->thresholds = conf->alerts[i].thresholds;
		in->only_used = conf->alerts[i].only_used;
		in->providers = xstrdup_or_null(conf->alerts[i].providers);
	}
	return set;
}

/* A copy of n descriptions. */
static struct alert_info *
copy_info(const struct alert_info *src, size_t n)
{
	struct alert_info *v = xcalloc(n > 0 ? n : 1, sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++) {
		v[i] = src[i];
		v[i].name = xstrdup(src[i].name);
		v[i].format = xstrdup(src[i].format);
		v[i].receiver = xstrdup(src[i].receiver);
		v[i].providers = xstrdup_or_null(src[i].providers);
	}
	return v;
}

/* Publishes set's description for the API, under the lock. */
static void
publish_info(const struct alert_set *set)
{
	alerts_info_free(alerts.info, alerts.ninfo);
	alerts.info = copy_info(set->info, set->n);
	alerts.ninfo = set->n;
}

size_t
alerts_info(struct alert_info **out)
{
	size_t n = 0;

	*out = NULL;
	pthread_mutex_lock(&alerts.lock);
	if (alerts.running && alerts.ninfo > 0) {
		*out = copy_info(alerts.info, alerts.ninfo);
		n = alerts.ninfo;
	}
	pthread_mutex_unlock(&alerts.lock);
	return n;
}

unsigned long long
alerts_evaluated(time_t *at)
{
	unsigned long long n;

	pthread_mutex_lock(&alerts.lock);
	*at = alerts.evaluated_at;
	n = alerts.evaluations;
	pthread_mutex_unlock(&alerts.lock);
	return n;
}

static const struct alert_target *
find_target(const struct alert_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i].conf.name, name) == 0)
			return &set->v[i];
	return NULL;
}

/* A string member of item, or NULL. */
static const char *
text_of(const cJSON *item, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The history rows of items as alert_eval reads them (pointing into
 * items); *n of them, a new array. */
static struct alert_change *
changes_of(const cJSON *items, size_t *n)
{
	struct alert_change *v;
	const cJSON *item, *seq;
	size_t i = 0;

	*n = (size_t)cJSON_GetArraySize(items);
	v = xcalloc(*n > 0 ? *n : 1, sizeof(*v));
	cJSON_ArrayForEach(item, items) {
		seq = cJSON_GetObjectItemCaseSensitive(item, "seq");
		v[i].seq = cJSON_IsNumber(seq) ? (long long)seq->valuedouble : 0;
		v[i].provider = text_of(item, "provider");
		v[i].id = text_of(item, "id");
		v[i].change = text_of(item, "change");
		v[i].old = text_of(item, "old");
		v[i].new = text_of(item, "new");
		i++;
	}
	return v;
}

/* Writes events new to the outbox; 0 or -1 with *cause. */
static int
queue_events(const struct alert_target *t, const struct alert_event *ev,
    size_t n, time_t now, char **cause)
{
	struct outbox_entry e;
	const char *type;
	char *body;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if ((rc = outbox_has(alerts.ob, ev[i].id, cause)) < 0)
			return -1;
		if (rc == 1)
			continue;
		if ((body = webhook_body(t->conf.format, &ev[i], now,
		    &type)) == NULL) {
			set_cause(cause, "the payload of %s is too large",
			    ev[i].id);
			return -1;
		}
		memset(&e, 0, sizeof(e));
		e.id = (char *)ev[i].id;
		e.alert = (char *)ev[i].alert;
		e.provider = ev[i].record->provider;
		e.model = ev[i].record->id;
		e.event = (char *)ev[i].event;
		e.date = (char *)ev[i].date;
		e.threshold = ev[i].threshold;
		e.content_type = (char *)type;
		e.body = body;
		e.len = strlen(body);
		rc = outbox_add(alerts.ob, &e, now, cause);
		free(body);
		if (rc < 0)
			return -1;
		if (rc == 1)
			log_info("alert %s: %s %s/%s (%s) queued as %s",
			    e.alert, e.event, e.provider, e.model, e.date,
			    e.id);
	}
	return 0;
}

/*
 * Evaluates one alert: its events from snap and the history after its
 * watermark, written with the watermark's advance in one transaction.
 * Returns 1 when a full page of history was read (more may wait), 0, or
 * -1 with *cause.
 */
static int
evaluate_one(const struct alert_target *t, const struct snapshot *snap,
    const struct alert_use *uses, size_t nuses, long long newest, time_t now,
    char **cause)
{
	struct alert_event *ev = NULL;
	struct alert_change *changes = NULL;
	cJSON *items = NULL;
	long long mark, next;
	size_t n, nchanges = 0;
	int rc = -1;

	if (outbox_begin(alerts.ob, cause) < 0)
		return -1;
	if (outbox_watermark(alerts.ob, t->conf.name, newest, &mark,
	    cause) < 0)
		goto out;
	next = mark;
	if (mark < newest) {
		if ((items = catalog_read_changes(alerts.path, mark, NULL,
		    CHANGES_PAGE, &next, cause)) == NULL)
			goto out;
		changes = changes_of(items, &nchanges);
	}
	n = alert_evaluate(&t->conf, snap, date_from_time(now), uses, nuses,
	    changes, nchanges, &ev);
	if (queue_events(t, ev, n, now, cause) < 0)
		goto out;
	if (next != mark && outbox_set_watermark(alerts.ob, t->conf.name,
	    next, cause) < 0)
		goto out;
	if (outbox_commit(alerts.ob, cause) < 0)
		goto out;
	rc = nchanges == CHANGES_PAGE;
out:
	if (rc < 0)
		outbox_rollback(alerts.ob);
	free(ev);
	free(changes);
	cJSON_Delete(items);
	return rc;
}

/* Evaluates every alert of set.  Returns 1 when history remains to be
 * read. */
static int
evaluate(const struct alert_set *set, time_t now)
{
	struct snapshot *snap;
	struct alert_use *uses = NULL;
	size_t i, nuses = 0;
	long long newest = 0;
	char *cause = NULL;
	int more = 0, rc;

	if (set == NULL || set->n == 0 ||
	    (snap = snapshot_current()) == NULL)
		return 0;
	if (outbox_used(alerts.ob, now - ALERTS_USED_DAYS * 86400L, &uses,
	    &nuses, &cause) < 0 || outbox_newest_change(alerts.ob, &newest,
	    &cause) < 0) {
		log_warn("alerts: %s; trying again in %d s", cause,
		    ALERTS_EVAL_S);
		goto out;
	}
	alert_uses_sort(uses, nuses);
	for (i = 0; i < set->n && !alerts.stop; i++) {
		rc = evaluate_one(&set->v[i], snap, uses, nuses, newest, now,
		    &cause);
		if (rc < 0) {
			log_warn("alert %s: %s; trying again in %d s",
			    set->v[i].conf.name, cause, ALERTS_EVAL_S);
			free(cause);
			cause = NULL;
		}
		more |= rc == 1;
	}
out:
	free(cause);
	alert_uses_free(uses, nuses);
	snapshot_unref(snap);
	return more;
}

static int
stopping(void)
{
	return alerts.stop;
}

/* One attempt at e to t, recorded.  Returns -1 when it was cut short by
 * a stop: nothing is recorded, and the event stays due. */
static int
attempt(const struct alert_target *t, const struct outbox_entry *e,
    void *curl)
{
	struct webhook_post p;
	struct webhook_result r;
	enum outbox_state state;
	time_t now, next = 0;
	char *cause = NULL;
	int ok;

	memset(&p, 0, sizeof(p));
	p.url = t->url;
	p.id = e->id;
	p.content_type = e->content_type;
	p.body = e->body;
	p.len = e->len;
	p.key = t->key;
	p.keylen = t->keylen;
	p.timeout_s = t->conf.timeout_s;
	p.stop = stopping;
	ok = webhook_send(curl, &p, &r) == 0;
	if (alerts.stop && !ok)
		return -1;
	now = time(NULL);
	if (ok) {
		state = OUTBOX_DELIVERED;
		log_info("alert %s: %s delivered (HTTP %ld)", e->alert, e->id,
		    r.status);
	} else if (outbox_retry_at(e->created, e->attempts + 1, now,
	    &next) == 0) {
		state = OUTBOX_PENDING;
		log_warn("alert %s: %s: %s; trying again in %lld s", e->alert,
		    e->id, r.error, (long long)(next - now));
	} else {
		state = OUTBOX_FAILED;
		log_err("alert %s: %s: %s; giving up after %d attempts",
		    e->alert, e->id, r.error, e->attempts + 1);
	}
	if (outbox_attempted(alerts.ob, e->id, now, r.status, ok ? NULL :
	    r.error, state, next, &cause) < 0) {
		log_err("alert %s: %s: %s", e->alert, e->id, cause);
		free(cause);
	}
	return 0;
}

/* 1 when the thread should stop delivering: a stop, a wake, a new
 * configuration, or an evaluation due at next_eval. */
static int
interrupted(time_t next_eval)
{
	int yes;

	if (alerts.stop || time(NULL) >= next_eval)
		return 1;
	pthread_mutex_lock(&alerts.lock);
	yes = alerts.wake || alerts.pending != NULL;
	pthread_mutex_unlock(&alerts.lock);
	return yes;
}

/*
 * Delivers what is due, until nothing is, a stop comes, or an evaluation
 * is due (next_eval or a wake): receivers that stall hold up the
 * deliveries of the thread, never its evaluations for longer than one
 * attempt.
 */
static void
deliver(const struct alert_set *set, void *curl, time_t next_eval)
{
	const struct alert_target *t;
	struct outbox_entry *v;
	size_t i, n;
	char *cause = NULL;
	int progress = 1;

	while (progress && !interrupted(next_eval)) {
		if (outbox_due(alerts.ob, time(NULL), DUE_BATCH, &v, &n,
		    &cause) < 0) {
			log_warn("alerts: %s", cause);
			free(cause);
			return;
		}
		progress = n > 0;
		for (i = 0; i < n && !interrupted(next_eval); i++) {
			t = set != NULL ? find_target(set, v[i].alert) : NULL;
			if (t == NULL) {
				/* Its alert is no longer configured: it
				 * waits, in case the alert comes back. */
				outbox_postpone(alerts.ob, v[i].id, time(NULL) +
				    ALERTS_EVAL_S, NULL);
				continue;
			}
			if (attempt(t, &v[i], curl) < 0)
				progress = 0;
		}
		outbox_entries_free(v, n);
	}
}

/* Counts the outbox's events for the API's description. */
static void
publish_counts(void)
{
	struct outbox_count *v;
	size_t i, j, n;

	if (outbox_counts(alerts.ob, &v, &n, NULL) < 0)
		return;
	pthread_mutex_lock(&alerts.lock);
	for (i = 0; i < alerts.ninfo; i++) {
		alerts.info[i].pending = 0;
		alerts.info[i].delivered = 0;
		alerts.info[i].failed = 0;
		for (j = 0; j < n; j++)
			if (strcmp(v[j].alert, alerts.info[i].name) == 0) {
				alerts.info[i].pending = v[j].pending;
				alerts.info[i].delivered = v[j].delivered;
				alerts.info[i].failed = v[j].failed;
			}
	}
	pthread_mutex_unlock(&alerts.lock);
	outbox_rows_free(NULL, 0, v, n);
}

/* The time to wake at: the next evaluation or the next due event. */
static time_t
wake_at(time_t next_eval)
{
	time_t due;

	if (outbox_next_due(alerts.ob, &due, NULL) == 1 && due < next_eval)
		return due;
	return next_eval;
}

static void *
run(void *arg)
{
	struct alert_set *set = arg, *taken;
	struct timespec until;
	time_t now, next_eval = 0;
	CURL *curl;
	int woke, more = 0;

	if ((curl = curl_easy_init()) == NULL) {
		log_err("alerts: cannot make a curl handle; no alerts are "
		    "delivered");
		alerts_set_free(set);
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&alerts.lock);
		taken = alerts.pending;
		alerts.pending = NULL;
		woke = alerts.wake || taken != NULL || more;
		alerts.wake = 0;
		pthread_mutex_unlock(&alerts.lock);
		if (taken != NULL) {
			alerts_set_free(set);
			set = taken;
		}
		if (alerts.stop)
			break;
		now = time(NULL);
		if (woke || now >= next_eval) {
			more = evaluate(set, now);
			next_eval = now + ALERTS_EVAL_S;
			pthread_mutex_lock(&alerts.lock);
			alerts.evaluated_at = time(NULL);
			alerts.evaluations++;
			pthread_mutex_unlock(&alerts.lock);
		}
		deliver(set, curl, next_eval);
		publish_counts();
		until.tv_sec = wake_at(next_eval);
		until.tv_nsec = 0;
		pthread_mutex_lock(&alerts.lock);
		while (!alerts.wake && alerts.pending == NULL && !alerts.stop &&
		    !more && time(NULL) < until.tv_sec)
			if (pthread_cond_timedwait(&alerts.cond, &alerts.lock,
			    &until) == ETIMEDOUT)
				break;
		pthread_mutex_unlock(&alerts.lock);
	}
	curl_easy_cleanup(curl);
	alerts_set_free(set);
	return NULL;
}

int
alerts_start(const char *path, struct alert_set *set, char **cause)
{
	int err;

	if ((alerts.ob = outbox_open(path, cause)) == NULL) {
		alerts_set_free(set);
		return -1;
	}
	pthread_cond_init(&alerts.cond, NULL);
	alerts.path = xstrdup(path);
	alerts.stop = 0;
	alerts.wake = 1;
	pthread_mutex_lock(&alerts.lock);
	publish_info(set);
	pthread_mutex_unlock(&alerts.lock);
	if ((err = pthread_create(&alerts.thread, NULL, run, set)) != 0) {
		set_cause(cause, "alerts thread: %s", strerror(err));
		alerts_set_free(set);
		outbox_close(alerts.ob);
		alerts.ob = NULL;
		free(alerts.path);
		alerts.path = NULL;
		return -1;
	}
	pthread_mutex_lock(&alerts.lock);
	alerts.running = 1;
	pthread_mutex_unlock(&alerts.lock);
	return 0;
}

void
alerts_configure(struct alert_set *set)
{
	pthread_mutex_lock(&alerts.lock);
	if (!alerts.running) {
		pthread_mutex_unlock(&alerts.lock);
		alerts_set_free(set);
		return;
	}
	alerts_set_free(alerts.pending);
	alerts.pending = set;
	publish_info(set);
	pthread_cond_signal(&alerts.cond);
	pthread_mutex_unlock(&alerts.lock);
}

void
alerts_wake(void)
{
	pthread_mutex_lock(&alerts.lock);
	if (alerts.running) {
		alerts.wake = 1;
		pthread_cond_signal(&alerts.cond);
	}
	pthread_mutex_unlock(&alerts.lock);
}

void
alerts_stop(void)
{
	pthread_mutex_lock(&alerts.lock);
	if (!alerts.running) {
		pthread_mutex_unlock(&alerts.lock);
		return;
	}
	alerts.stop = 1;
	pthread_cond_signal(&alerts.cond);
	pthread_mutex_unlock(&alerts.lock);
	pthread_join(alerts.thread, NULL);
	pthread_mutex_lock(&alerts.lock);
	alerts.running = 0;
	alerts_set_free(alerts.pending);
	alerts.pending = NULL;
	alerts_info_free(alerts.info, alerts.ninfo);
	alerts.info = NULL;
	alerts.ninfo = 0;
	pthread_mutex_unlock(&alerts.lock);
	outbox_close(alerts.ob);
	alerts.ob = NULL;
	free(alerts.path);
	alerts.path = NULL;
	pthread_cond_destroy(&alerts.cond);
}
