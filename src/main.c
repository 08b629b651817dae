/*
 * main.c - command dispatch, and the daemon's start-up and shutdown order.
 *
 * The daemon's threads are libmicrohttpd's, which only read what this main
 * thread publishes (the catalog snapshot, the feeds' status), and this
 * main thread, which owns the database and the schedule, runs the feeds
 * when they are due and waits for signals with sigtimedwait: no signal
 * handlers run at all, so nothing async-signal-unsafe can happen in one.
 * A fetch in progress watches for SIGHUP, SIGTERM and SIGINT through a
 * signalfd and is cut short by them: the feed is not charged with a
 * failure and stays due, so after a reload it runs again at once.
 * Start-up and shutdown each live in one function below, in the order
 * they must happen.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "account.h"
#include "addr.h"
#include "alerts.h"
#include "api.h"
#include "fetch.h"
#include "schedule.h"
#include "sync.h"
#include "catalog.h"
#include "cli.h"
#include "conf.h"
#include "export.h"
#include "gz.h"
#include "log.h"
#include "modelapi.h"
#include "notify.h"
#include "snapshot.h"
#include "usage.h"
#include "util.h"

/* How long SIGTERM waits for requests in flight. */
#define DRAIN_TIMEOUT_MS 5000
/* Most models the usage counts hold: beyond any catalog's size. */
#define USAGE_MODELS_MAX 100000
/* The window of the models the dashboard marks as in use. */
#define USED_DAYS 30

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "serve", cmd_serve },
	{ "check", cmd_check },
	{ "scan", cmd_scan },
	{ "fix", cmd_fix },
	{ "sync", cmd_sync },
	{ "import", cmd_import },
	{ "export", cmd_export },
	{ "mcp", cmd_mcp },
	{ "version", cmd_version },
	{ "help", cmd_help },
};

/* Everything the daemon holds while it runs. */
struct daemon_state {
	const char		*config_path;	/* NULL: defaults only */
	const char		*listen_arg;	/* command line overrides */
	const char		*database_arg;
	const char		*port_file;	/* --port-file, or NULL */
	int			 port_file_written;
	struct conf		 conf;
	struct catalog		*catalog;
	struct api		*api;
	sigset_t		 signals;
	int			 interrupt_fd;	/* signalfd of the interrupts */
	struct sched		*sched;
	struct catalog_feed_row	*embedded;	/* the built-in catalog's row,
						 * or NULL */
	struct usage		*usage;		/* NULL: usage_flush = 0 */
	time_t			 next_flush;
	time_t			 last_flush;
	int			 flush_failing;	/* logged; quiet until it
						 * works again */
	/* What the model-list API feeds of this round said the accounts
	 * may call, for the inventory once the new catalog is out. */
	struct pending_account	*accounts;
	size_t			 naccounts;
};

struct pending_account {
	const struct conf_feed	*feed;
	struct feed_account	 ids;
};

static const char serve_help[] =
"usage: sunset serve [-c FILE] [--listen ADDR:PORT] [--db PATH]\n"
"                    [--port-file FILE] [-n] [-v]\n"
"\n"
"Runs the daemon: polls the configured feeds into the catalog in DB and\n"
"answers the HTTP API from it, starting with the built-in catalog.\n"
"\n"
"  -c, --config FILE   configuration file (default " CONF_DEFAULT_PATH
    ",\n"
"                      read when it exists)\n"
"  --listen ADDR:PORT  listen address (default " CONF_DEFAULT_LISTEN ")\n"
"  --db PATH           database (default " CONF_DEFAULT_DATABASE ")\n"
"  --port-file FILE    once ready, write the port listened on to FILE (one\n"
"                      line, renamed into place; removed at exit)\n"
"  -n                  check the configuration, print \"configuration OK\"\n"
"                      and exit\n"
"  -v                  log debug messages\n";

/*
 * Sync requests from HTTP threads: the schedule queues them under its
 * lock, then SIGUSR1 wakes the main thread, which waits for it with the
 * other signals.  The schedule outlives the API, so the pointer is good
 * for every request.
 */
static pthread_t main_thread;
static struct sched *sync_requests;

static int
request_sync(const char *feed)
{
	if (sched_request(sync_requests, feed) < 0)
		return -1;
	pthread_kill(main_thread, SIGUSR1);
	return 0;
}

/*
 * The usage inventory's news from HTTP threads, the same way: a flag,
 * then SIGUSR1.  The main loop flushes early (at most once a second) when
 * a model is counted for the first time since start, and republishes the
 * models in use after a report.
 */
static atomic_int usage_flush_wanted, usage_used_stale, usage_fresh;

static void
usage_wake(enum api_usage_event event)
{
	switch (event) {
	case API_USAGE_FIRST_COUNT:
		atomic_store(&usage_flush_wanted, 1);
		break;
	case API_USAGE_REPORTED_NEW:
		atomic_store(&usage_fresh, 1);
		/* FALLTHROUGH */
	case API_USAGE_REPORTED:
		atomic_store(&usage_used_stale, 1);
		break;
	}
	pthread_kill(main_thread, SIGUSR1);
}

/* The signals that end a round of feeds and cut a fetch short: SIGTERM
 * and SIGINT (stop starting new work), SIGHUP (reload first). */
static const int interrupts[] = { SIGTERM, SIGINT, SIGHUP };

/* 1 when one of the interrupts waits. */
static int
interrupt_pending(void)
{
	sigset_t pending;
	size_t i;

	if (sigpending(&pending) < 0)
		return 0;
	for (i = 0; i < NELEM(interrupts); i++)
		if (sigismember(&pending, interrupts[i]) == 1)
			return 1;
	return 0;
}

/* Publishes a fresh snapshot of the catalog, with its export written
 * once.  Logs and returns -1 on error, leaving the old snapshot
 * answering. */
static int
publish(struct daemon_state *st)
{
	struct snapshot *snap;
	char *cause = NULL, *text, *gz;
	time_t changed_at;
	size_t gzlen = 0;

	if ((snap = catalog_snapshot(st->catalog, &cause)) == NULL) {
		log_err("loading the catalog: %s", cause);
		free(cause);
		return -1;
	}
	if ((text = export_write(st->catalog, snap, time(NULL), 0,
	    &changed_at, &cause)) == NULL) {
		log_err("writing the export: %s", cause);
		free(cause);
		snapshot_unref(snap);
		return -1;
	}
	/* Compressed once here, not per request: mirrors ask for gzip. */
	gz = gz_compress(text, strlen(text), &gzlen);
	snapshot_set_export(snap, text, gz, gzlen, changed_at);
	log_info("catalog loaded: %zu models", snapshot_count(snap));
	snapshot_publish(snap);
	/* A new catalog may owe alerts. */
	alerts_wake();
#ifdef __GLIBC__
	/* Building a snapshot frees as much as it keeps; give it back. */
	malloc_trim(0);
#endif
	return 0;
}

/* Sends STATUS= with a one-line summary. */
static void
notify_status(struct daemon_state *st)
{
	struct snapshot *snap = snapshot_current();
	char status[160];

	snprintf(status, sizeof(status), "STATUS=%zu models; %zu feeds, %zu "
	    "failing; port %u", snap != NULL ? snapshot_count(snap) : 0,
	    st->conf.nfeeds, sched_failing(st->sched),
	    st->api ? api_port(st->api) : 0);
	snapshot_unref(snap);
	notify_send(status);
}

/* The row called name in rows, or NULL. */
static struct catalog_feed_row *
find_row(struct catalog_feed_row *rows, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	return NULL;
}

/* What the database remembers of a feed's runs, as the schedule's state
 * (row keeps the strings). */
static void
remembered(const struct catalog_feed_row *row, struct sched_state *out)
{
	memset(out, 0, sizeof(*out));
	out->last_attempt = row->last_attempt;
	out->last_success = row->last_success;
	out->failures = row->failures;
	out->http_status = row->http_status;
	out->records = row->records;
	out->last_error = row->last_error;
}

/*
 * Makes st->conf's feeds the schedule, seeding feeds new to it from what
 * the database remembers of their runs, and keeps the built-in catalog's
 * row for the status.  At start (resume), each feed's next run follows
 * from its last attempt or success; on a reload, new feeds are due at
 * once.  Returns 0, or -1 with *cause set when the database cannot be
 * read; the feeds are scheduled all the same, as if they never ran.
 */
static int
configure_schedule(struct daemon_state *st, int resume, char **cause)
{
	struct catalog_feed_row *rows = NULL, *row, *embedded = NULL;
	struct sched_state *seeds;
	struct sched_feed *feeds;
	size_t i, nrows = 0;
	int rc;

	rc = catalog_feeds(st->catalog, &rows, &nrows, cause);
	seeds = xcalloc(st->conf.nfeeds, sizeof(*seeds));
	feeds = xcalloc(st->conf.nfeeds, sizeof(*feeds));
	for (i = 0; i < st->conf.nfeeds; i++) {
		feeds[i].name = st->conf.feeds[i].name;
		feeds[i].interval_s = st->conf.feeds[i].interval_s;
		if ((row = find_row(rows, nrows, feeds[i].name)) == NULL)
			continue;
		remembered(row, &seeds[i]);
		feeds[i].seed = &seeds[i];
	}
	sched_configure(st->sched, feeds, st->conf.nfeeds);
	if (resume)
		sched_resume(st->sched, time(NULL));
	if (rc == 0) {
		row = find_row(rows, nrows, CATALOG_EMBEDDED_FEED);
		if (row != NULL) {
			/* Moved out whole: the rest are freed below. */
			embedded = xmalloc(sizeof(*embedded));
			*embedded = *row;
			*row = rows[--nrows];
		}
		catalog_feed_rows_free(st->embedded, st->embedded ? 1 : 0);
		st->embedded = embedded;
	}
	catalog_feed_rows_free(rows, nrows);
	free(feeds);
	free(seeds);
	return rc;
}

/* One feed's status from its configuration and its state. */
static void
feed_status(struct api_feed *f, const struct conf_feed *cf,
    const struct sched_state *ss)
{
	f->name = cf->name;
	f->url = cf->url;
	f->format = cf->format;
	f->provider = cf->provider;
	f->priority = cf->priority;
	f->interval_s = cf->interval_s;
	f->last_attempt = ss->last_attempt;
	f->last_success = ss->last_success;
	f->http_status = ss->http_status;
	f->last_error = ss->last_error;
	f->records = ss->records;
	f->failures = ss->failures;
	f->next_run = ss->next_run;
}

/*
 * Publishes the feeds' status for GET /v1/feeds and /metrics: the
 * configured feeds as the schedule knows them, and the built-in catalog
 * as the database has it (it never runs on a schedule).
 */
static void
publish_feeds(struct daemon_state *st)
{
	const struct catalog_feed_row *e = st->embedded;
	struct conf_feed builtin;
	struct sched_state ss;
	struct api_feed *v;
	size_t i, n = 0;

	v = xcalloc(st->conf.nfeeds + 1, sizeof(*v));
	for (i = 0; i < st->conf.nfeeds; i++)
		if (sched_get(st->sched, st->conf.feeds[i].name, &ss) == 0)
			feed_status(&v[n++], &st->conf.feeds[i], &ss);
	if (e != NULL) {
		memset(&builtin, 0, sizeof(builtin));
		builtin.name = e->name;
		builtin.url = e->url;
		builtin.format = e->format;
		builtin.provider = e->provider;
		builtin.priority = e->priority;
		builtin.interval_s = e->interval_s;
		remembered(e, &ss);
		feed_status(&v[n++], &builtin, &ss);
	}
	api_publish_feeds(st->api, v, n);
	free(v);
}

/*
 * Runs one feed, logs its outcome and tells the schedule.  Returns 1 when
 * a new document was applied.  A fetch cut short by a signal is no
 * outcome: the feed stays due, with its failures as they were.
 */
static int
run_feed(struct daemon_state *st, const struct conf_feed *feed, time_t now)
{
	struct sync_result r;
	struct sched_outcome o;

	switch (sync_feed(st->catalog, feed, now, &r)) {
	case SYNC_UPDATED:
		log_info("feed %s: %zu records applied", feed->name,
		    r.records);
		break;
	case SYNC_UNCHANGED:
		log_debug("feed %s: not modified", feed->name);
		break;
	case SYNC_FAILED:
		log_warn("feed %s: %s; the catalog keeps its last good state",
		    feed->name, r.error);
		break;
	case SYNC_ABORTED:
		log_info("feed %s: fetch cut short by a signal; it runs again "
		    "once that is handled", feed->name);
		free(r.error);
		return 0;
	}
	memset(&o, 0, sizeof(o));
	o.ok = r.outcome != SYNC_FAILED;
	o.http_status = r.http_status;
	o.records = r.outcome == SYNC_UPDATED ? (long long)r.records : -1;
	o.error = r.error;
	o.retry_after_s = r.retry_after;
	sched_done(st->sched, feed->name, now, &o);
	free(r.error);
	if (r.outcome == SYNC_UPDATED &&
	    feed_format_find(feed->format)->api != NULL) {
		st->accounts = xreallocarray(st->accounts, st->naccounts + 1,
		    sizeof(*st->accounts));
		st->accounts[st->naccounts].feed = feed;
		st->accounts[st->naccounts++].ids = r.account;
	} else
		feed_account_clear(&r.account);
	return r.outcome == SYNC_UPDATED;
}

static void publish_used(struct daemon_state *);

/*
 * Adds the models the accounts of this round's API feeds may call to the
 * usage inventory, resolved against the catalog just published (which
 * holds what those feeds said).  Logs what fails; the next run tries
 * again.
 */
static void
record_accounts(struct daemon_state *st)
{
	struct pending_account *p;
	struct snapshot *snap = snapshot_current();
	size_t i, known, fresh, any_fresh = 0;
	char *cause = NULL;

	for (i = 0; i < st->naccounts; i++) {
		p = &st->accounts[i];
		if (snap != NULL && account_record(st->catalog, snap,
		    p->feed->name, p->feed->provider, &p->ids, time(NULL),
		    &known, &fresh, &cause) < 0) {
			log_err("feed %s: storing the account's %zu models in "
			    "the usage inventory: %s", p->feed->name,
			    p->ids.n, cause);
			free(cause);
			cause = NULL;
		} else if (snap != NULL) {
			log_info("feed %s: the account may call %zu models, "
			    "%zu of them in the catalog", p->feed->name,
			    p->ids.n, known);
			any_fresh += fresh;
		}
		feed_account_clear(&p->ids);
	}
	free(st->accounts);
	st->accounts = NULL;
	st->naccounts = 0;
	snapshot_unref(snap);
	publish_used(st);
	/* A model new to the inventory may owe alerts. */
	if (any_fresh > 0)
		alerts_wake();
}

/* Runs every feed that is due, until a signal wants the loop; then
 * publishes what changed. */
static void
run_due(struct daemon_state *st)
{
	const struct conf_feed *feed;
	time_t now;
	size_t i;
	int updated = 0, ran = 0;

	for (i = 0; i < st->conf.nfeeds && !interrupt_pending(); i++) {
		feed = &st->conf.feeds[i];
		now = time(NULL);
		if (!sched_due(st->sched, feed->name, now))
			continue;
		updated |= run_feed(st, feed, now);
		ran = 1;
	}
	/* The catalog first: a feed never shows a success the answers do
	 * not have yet. */
	if (updated)
		publish(st);
	if (st->naccounts > 0)
		record_accounts(st);
	if (ran) {
		publish_feeds(st);
		notify_status(st);
	}
}

/* Publishes the models used within USED_DAYS for the dashboard.  Logs
 * and leaves the last list on error. */
static void
publish_used(struct daemon_state *st)
{
	struct catalog_usage_row *rows = NULL;
	const char **providers, **ids;
	char *cause = NULL;
	size_t n = 0, i, m = 0;

	if (catalog_read_usage(st->conf.database, time(NULL) -
	    USED_DAYS * 86400, &rows, &n, &cause) < 0) {
		log_warn("reading the usage inventory: %s", cause);
		free(cause);
		return;
	}
	providers = xcalloc(n + 1, sizeof(*providers));
	ids = xcalloc(n + 1, sizeof(*ids));
	/* Rows come by provider and id: one entry per model. */
	for (i = 0; i < n; i++)
		if (m == 0 || strcmp(rows[i].provider, providers[m - 1]) ||
		    strcmp(rows[i].id, ids[m - 1])) {
			providers[m] = rows[i].provider;
			ids[m++] = rows[i].id;
		}
	api_publish_used(st->api, providers, ids, m);
	free(providers);
	free(ids);
	catalog_usage_rows_free(rows, n);
}

/*
 * Adds the counts in memory to the usage table, in one transaction.  When
 * the write fails (a full disk), the counts go back to memory for the
 * next flush; the failure is logged once until a flush works again.
 * Returns 1 when the table got a model it never had, else 0.
 */
static int
flush_usage(struct daemon_state *st)
{
	struct usage_count *v;
	size_t n, fresh = 0;
	char *cause = NULL;

	st->last_flush = time(NULL);
	if (st->usage == NULL ||
	    (n = usage_pending(st->usage, 1, &v)) == 0)
		return 0;
	if (catalog_add_usage(st->catalog, v, n, "query", &fresh,
	    &cause) < 0) {
		usage_restore(st->usage, v, n);
		if (!st->flush_failing)
			log_err("storing the usage counts of %zu models in %s: "
			    "%s; kept in memory for the next flush", n,
			    st->conf.database, cause);
		st->flush_failing = 1;
		free(cause);
		free(v);
		return 0;
	}
	if (st->flush_failing)
		log_notice("usage counts stored again");
	st->flush_failing = 0;
	log_debug("usage: counts of %zu models stored, %zu new", n, fresh);
	free(v);
	return fresh > 0;
}

/* At exit: says how many counts the last flush could not store. */
static void
lost_usage(struct daemon_state *st)
{
	struct usage_count *v;
	unsigned long long uses = 0;
	size_t n, i;

	if (st->usage == NULL || (n = usage_pending(st->usage, 0, &v)) == 0)
		return;
	for (i = 0; i < n; i++)
		uses += v[i].count;
	log_err("%llu uses of %zu models counted since the last flush are "
	    "lost: the usage table could not be written", uses, n);
	free(v);
}

/*
 * The usage inventory's work in the main loop: the flush when it is due,
 * early when a model was used for the first time (rate-limited to one a
 * second), and the list of models in use republished after it or after a
 * report.
 */
static void
run_usage(struct daemon_state *st)
{
	time_t now = time(NULL);
	int fresh = 0, publish_now = 0;

	if (atomic_exchange(&usage_flush_wanted, 0) && st->usage != NULL &&
	    st->next_flush > st->last_flush + 1)
		st->next_flush = st->last_flush + 1;
	if (st->usage != NULL && now >= st->next_flush) {
		fresh = flush_usage(st);
		st->next_flush = now + st->conf.usage_flush_s;
		publish_now = 1;
	}
	if (atomic_exchange(&usage_fresh, 0))
		fresh = 1;
	if (atomic_exchange(&usage_used_stale, 0))
		publish_now = 1;
	if (publish_now)
		publish_used(st);
	/* A model was used for the first time: the alerts about models in
	 * use are evaluated at once. */
	if (fresh)
		alerts_wake();
}

/* Reads the admin token the configuration names, or NULL (off). */
static int
read_token(const struct conf *conf, char **token, char **cause)
{
	*token = NULL;
	if (conf->admin_token_file == NULL)
		return 0;
	return (*token = conf_read_token(conf->admin_token_file, cause)) ==
	    NULL ? -1 : 0;
}

/*
 * Reads each model-list API feed's key once, to say at start and reload
 * what would make the feed fail, not hours later at its run.  A key that
 * does not read is no reason to stop answering: the feed fails, naming
 * its file, until it is fixed.  Each key is wiped at once.
 */
static void
check_keys(const struct conf *conf)
{
	const struct feed_format *fmt;
	struct modelapi_key key;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < conf->nfeeds; i++) {
		fmt = feed_format_find(conf->feeds[i].format);
		if (fmt->api == NULL)
			continue;
		if (modelapi_read_key(&conf->feeds[i], fmt->api, &key,
		    &cause) < 0) {
			log_warn("feed %s: %s; the feed fails until its key "
			    "reads", conf->feeds[i].name, cause);
			free(cause);
			cause = NULL;
		}
		modelapi_key_clear(&key);
	}
}

/*
 * SIGHUP: builds the new configuration and token first, and swaps them in
 * only when both are whole; a broken file leaves the running one.
 */
static void
reload(struct daemon_state *st)
{
	struct conf conf;
	struct alert_set *alerts;
	char *cause = NULL, *token = NULL;

	notify_send("RELOADING=1");
	if (conf_read(st->config_path, st->listen_arg, st->database_arg,
	    &conf, &cause) < 0) {
		log_err("reload: %s; keeping the running configuration",
		    cause);
		goto out;
	}
	if (read_token(&conf, &token, &cause) < 0 ||
	    (alerts = alerts_load(&conf, &cause)) == NULL) {
		log_err("reload: %s; keeping the running configuration",
		    cause);
		conf_clear(&conf);
		goto out;
	}
	if (strcmp(conf.database, st->conf.database) != 0 ||
	    strcmp(conf.listen, st->conf.listen) != 0)
		log_warn("reload: listen and database changes take effect "
		    "at the next start");
	free(conf.database);
	conf.database = xstrdup(st->conf.database);
	free(conf.listen);
	conf.listen = xstrdup(st->conf.listen);
	if ((conf.usage_flush_s == 0) != (st->usage == NULL)) {
		log_warn("reload: usage_flush turns counting %s at the next "
		    "start", conf.usage_flush_s == 0 ? "off" : "on");
		conf.usage_flush_s = st->conf.usage_flush_s;
	}
	conf_clear(&st->conf);
	st->conf = conf;
	api_set_admin_token(st->api, token);
	api_set_cors(st->api, st->conf.cors_origins);
	alerts_configure(alerts);
	if (sync_configure(st->catalog, &st->conf, &cause) < 0) {
		log_err("reload: %s", cause);
		free(cause);
		cause = NULL;
	}
	if (configure_schedule(st, 0, &cause) < 0)
		log_err("reload: %s; new feeds start afresh", cause);
	check_keys(&st->conf);
	publish(st);
	publish_feeds(st);
	log_notice("reload: %zu feeds, %zu alerts configured",
	    st->conf.nfeeds, st->conf.nalerts);
out:
	if (token != NULL)
		explicit_bzero(token, strlen(token));
	free(token);
	free(cause);
	notify_send("READY=1");
}

/* The systemd watchdog: pinged at half its interval from the main loop
 * and from running fetches (fetch_tick). */
static unsigned long long watchdog_usec;

static void
watchdog_ping(void)
{
	static struct timespec last;
	struct timespec now;
	unsigned long long elapsed;

	if (watchdog_usec == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (unsigned long long)(now.tv_sec - last.tv_sec) * 1000000ULL +
	    (unsigned long long)((now.tv_nsec - last.tv_nsec) / 1000);
	if (last.tv_sec != 0 && elapsed < watchdog_usec / 2)
		return;
	notify_send("WATCHDOG=1");
	last = now;
}

/* What a running fetch calls at least once a second and as soon as a
 * signal of interrupt_fd's arrives: pings the watchdog, and cuts the fetch
 * short when a signal wants the main loop. */
static int
fetch_tick(void)
{
	watchdog_ping();
	return interrupt_pending();
}

/*
 * Writes the port to path through a temporary file renamed over it, so a
 * reader sees the whole line or no file.  Returns 0, or -1 with *cause.
 */
static int
write_port_file(const char *path, unsigned port, char **cause)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	FILE *f = NULL;
	int fd, rc = -1;

	if ((fd = mkstemp(tmp)) < 0) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		set_cause(cause, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	(void)fchmod(fd, 0644);
	fprintf(f, "%u\n", port);
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

/* Takes the hard limit on descriptors as the soft one: connections are
 * capped below it (api.c). */
static void
raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int
startup(struct daemon_state *st)
{
	struct api_options options;
	struct alert_set *alerts = NULL;
	sigset_t wanted;
	size_t i;
	char *cause = NULL, ready[64], *token = NULL;
	int applied, started;

	/*
	 * The daemon holds the providers' keys while it reads their APIs: no
	 * core dump, and no ptrace by the same user, may ever show them.
	 */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		log_warn("prctl(PR_SET_DUMPABLE): %s", strerror(errno));
	/*
	 * Block the signals this thread waits for before any thread exists,
	 * so libmicrohttpd's threads inherit the mask and never take them.
	 */
	main_thread = pthread_self();
	sigemptyset(&st->signals);
	sigaddset(&st->signals, SIGTERM);
	sigaddset(&st->signals, SIGINT);
	sigaddset(&st->signals, SIGHUP);
	sigaddset(&st->signals, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &st->signals, NULL);
	/* Readable while a signal that should cut a fetch short waits; the
	 * main loop still takes it with sigtimedwait. */
	sigemptyset(&wanted);
	for (i = 0; i < NELEM(interrupts); i++)
		sigaddset(&wanted, interrupts[i]);
	if ((st->interrupt_fd = signalfd(-1, &wanted, SFD_NONBLOCK |
	    SFD_CLOEXEC)) < 0)
		log_warn("signalfd: %s; a fetch notices signals within a "
		    "second", strerror(errno));
	signal(SIGPIPE, SIG_IGN);
	/* A file size limit makes writes fail with EFBIG, which SQLite
	 * reports and the catalog survives; the signal would kill us. */
	signal(SIGXFSZ, SIG_IGN);
	raise_fd_limit();
	fetch_init();

	if (read_token(&st->conf, &token, &cause) < 0)
		goto fail;
	check_keys(&st->conf);
	/* The alerts' files are read before the database is touched. */
	if ((alerts = alerts_load(&st->conf, &cause)) == NULL)
		goto fail;
	if ((st->catalog = catalog_open(st->conf.database, &cause)) == NULL)
		goto fail;
	if (st->conf.embedded_catalog) {
		applied = sync_apply_embedded(st->catalog, time(NULL),
		    &cause);
		if (applied < 0)
			goto fail;
		if (applied)
			log_info("built-in catalog applied");
	}
	if (sync_configure(st->catalog, &st->conf, &cause) < 0)
		goto fail;
	st->sched = sync_requests = sched_new(NULL);
	if (configure_schedule(st, 1, &cause) < 0)
		goto fail;
	if (publish(st) < 0)
		goto fail_logged;
	/* Its own thread and connection: receivers never hold up the
	 * answers or the feeds. */
	started = alerts_start(st->conf.database, alerts, &cause);
	alerts = NULL;		/* taken over */
	if (started < 0)
		goto fail;
	memset(&options, 0, sizeof(options));
	options.listen = st->conf.listen;
	options.listen_fd = notify_listen_fd();
	options.database = st->conf.database;
	options.request_sync = request_sync;
	if (st->conf.usage_flush_s > 0) {
		st->usage = usage_new(USAGE_MODELS_MAX);
		options.usage = st->usage;
		st->last_flush = time(NULL);
		st->next_flush = st->last_flush + st->conf.usage_flush_s;
	}
	options.usage_wake = usage_wake;
	if ((st->api = api_start(&options, &cause)) == NULL)
		goto fail;
	api_set_admin_token(st->api, token);
	api_set_cors(st->api, st->conf.cors_origins);
	publish_feeds(st);
	publish_used(st);
	if (options.listen_fd > 0)
		log_notice("listening on the socket systemd passed (port %u), "
		    "%zu feeds", api_port(st->api), st->conf.nfeeds);
	else {
		if (!addr_is_loopback(st->conf.listen))
			log_warn("listening beyond loopback on %s: every host "
			    "that reaches it can read the catalog",
			    st->conf.listen);
		log_notice("listening on %s (port %u), %zu feeds",
		    st->conf.listen, api_port(st->api), st->conf.nfeeds);
	}
	watchdog_usec = notify_watchdog_usec();
	if (watchdog_usec > 0)
		log_info("systemd watchdog every %llu ms", watchdog_usec / 1000);
	sync_set_tick(fetch_tick, st->interrupt_fd);
	if (st->port_file != NULL) {
		if (write_port_file(st->port_file, api_port(st->api),
		    &cause) < 0)
			goto fail;
		st->port_file_written = 1;
	}
	snprintf(ready, sizeof(ready), "READY=1\nSTATUS=listening on port %u",
	    api_port(st->api));
	notify_send(ready);
	free(token);
	return 0;
fail:
	log_err("%s", cause);
fail_logged:
	alerts_set_free(alerts);
	free(cause);
	free(token);
	return -1;
}

static void
shutdown_daemon(struct daemon_state *st)
{
	notify_send("STOPPING=1");
	if (st->port_file_written)
		unlink(st->port_file);
	api_stop(st->api, DRAIN_TIMEOUT_MS);
	st->api = NULL;
	/* Before the catalog: it reads the snapshot and the database, and
	 * cuts a delivery in progress short. */
	alerts_stop();
	/* Nothing counts any more: the last counts go in before the
	 * catalog closes.  No alerts are evaluated while stopping. */
	if (st->catalog != NULL)
		(void)flush_usage(st);
	lost_usage(st);
	usage_free(st->usage);
	st->usage = NULL;
	catalog_close(st->catalog);
	st->catalog = NULL;
	snapshot_publish(NULL);
	sync_requests = NULL;
	sched_free(st->sched);
	st->sched = NULL;
	catalog_feed_rows_free(st->embedded, st->embedded ? 1 : 0);
	st->embedded = NULL;
	conf_clear(&st->conf);
	sync_set_tick(NULL, -1);
	if (st->interrupt_fd >= 0)
		close(st->interrupt_fd);
	st->interrupt_fd = -1;
	fetch_cleanup();
}

/*
 * The main loop: runs due feeds, then waits for a signal or the next due
 * time.  Returns on SIGTERM or SIGINT.
 */
static void
run(struct daemon_state *st)
{
	struct timespec wait;
	time_t next, now;
	int sig;

	for (;;) {
		run_due(st);
		run_usage(st);
		watchdog_ping();
		now = time(NULL);
		if (sched_next(st->sched, &next) < 0)
			next = now + 3600;
		if (st->usage != NULL && st->next_flush < next)
			next = st->next_flush;
		wait.tv_sec = next > now ? next - now : 0;
		if (wait.tv_sec > 3600)
			wait.tv_sec = 3600;
		wait.tv_nsec = 0;
		/* Wake for the watchdog too: a quarter of its interval. */
		if (watchdog_usec > 0 &&
		    (unsigned long long)wait.tv_sec > watchdog_usec / 4000000) {
			wait.tv_sec = (time_t)(watchdog_usec / 4000000);
			wait.tv_nsec = (long)(watchdog_usec / 4 % 1000000) * 1000;
		}
		sig = sigtimedwait(&st->signals, NULL, &wait);
		if (sig < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_warn("sigtimedwait: %s", strerror(errno));
			continue;
		}
		if (sig == SIGHUP) {
			log_notice("SIGHUP: reloading %s", st->config_path ?
			    st->config_path : "the defaults");
			reload(st);
		} else if (sig == SIGUSR1) {
			sched_take_requests(st->sched);
		} else {
			log_notice("%s: shutting down", sig == SIGTERM ?
			    "SIGTERM" : "SIGINT");
			return;
		}
	}
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, 'l' },
		{ "db", required_argument, NULL, 'd' },
		{ "port-file", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon_state st;
	char *cause = NULL;
	int ch, check_only = 0, verbose = 0, rc = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(serve_help, stdout);
		return 0;
	}
	memset(&st, 0, sizeof(st));
	st.interrupt_fd = -1;
	while ((ch = getopt_long(argc, argv, "c:nv", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': st.config_path = optarg; break;
		case 'l': st.listen_arg = optarg; break;
		case 'd': st.database_arg = optarg; break;
		case 'p': st.port_file = optarg; break;
		case 'n': check_only = 1; break;
		case 'v': verbose = 1; break;
		default:
			fputs(serve_help, stderr);
			return EXIT_TROUBLE;
		}
	}
	if (optind != argc) {
		fputs(serve_help, stderr);
		return EXIT_TROUBLE;
	}
	if (st.config_path == NULL && access(CONF_DEFAULT_PATH, F_OK) == 0)
		st.config_path = CONF_DEFAULT_PATH;
	if (conf_read(st.config_path, st.listen_arg, st.database_arg, &st.conf,
	    &cause) < 0) {
		log_err("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	if (check_only) {
		printf("configuration OK\n");
		conf_clear(&st.conf);
		return 0;
	}
	log_init(verbose);
	if (startup(&st) < 0)
		rc = EXIT_FAILURE;
	else
		run(&st);
	shutdown_daemon(&st);
	if (rc == 0)
		log_notice("stopped");
	return rc;
}

int
main(int argc, char **argv)
{
	size_t i;

	xcjson_init();
	log_init(0);
	if (argc < 2) {
		cli_usage();
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(argc - 1, argv + 1);
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	for (i = 0; i < NELEM(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	log_err("unknown command \"%s\"; try 'sunset help'", argv[1]);
	return EXIT_TROUBLE;
}
