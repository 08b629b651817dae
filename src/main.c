/*
 * main.c - command dispatch, and the daemon's start-up and shutdown order.
 *
 * The daemon's threads are libmicrohttpd's, which only read published
 * snapshots, and this main thread, which owns the database and waits for
 * signals with sigtimedwait: no signal handlers run at all, so nothing
 * async-signal-unsafe can happen in one.  Start-up and shutdown each live
 * in one function below, in the order they must happen.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api.h"
#include "catalog.h"
#include "cli.h"
#include "conf.h"
#include "log.h"
#include "notify.h"
#include "snapshot.h"
#include "util.h"

/* How long SIGTERM waits for requests in flight. */
#define DRAIN_TIMEOUT_MS 5000

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "serve", cmd_serve },
	{ "check", cmd_check },
	{ "import", cmd_import },
	{ "export", cmd_export },
	{ "version", cmd_version },
	{ "help", cmd_help },
};

/* Everything the daemon holds while it runs. */
struct daemon_state {
	struct conf	 conf;
	struct catalog	*catalog;
	struct api	*api;
	sigset_t	 signals;
};

static const char serve_help[] =
"usage: sunset serve [-c FILE] [--listen ADDR:PORT] [--db PATH] [-n] [-v]\n"
"\n"
"Runs the daemon: answers the HTTP API from the catalog in DB, loading the\n"
"built-in catalog into it when configured to (the default).\n"
"\n"
"  -c, --config FILE   configuration file (default " CONF_DEFAULT_PATH
    ",\n"
"                      read when it exists)\n"
"  --listen ADDR:PORT  listen address (default " CONF_DEFAULT_LISTEN ")\n"
"  --db PATH           database (default " CONF_DEFAULT_DATABASE ")\n"
"  -n                  check the configuration, print \"configuration OK\"\n"
"                      and exit\n"
"  -v                  log debug messages\n";

/* Publishes a fresh snapshot of the catalog.  Logs and returns -1 on
 * error, leaving the old snapshot answering. */
static int
publish(struct daemon_state *st)
{
	struct snapshot *snap;
	char *cause = NULL, status[128];

	if ((snap = catalog_snapshot(st->catalog, &cause)) == NULL) {
		log_err("loading the catalog: %s", cause);
		free(cause);
		return -1;
	}
	snprintf(status, sizeof(status), "STATUS=serving %zu models",
	    snapshot_count(snap));
	log_info("catalog loaded: %zu models", snapshot_count(snap));
	snapshot_publish(snap);
	notify_send(status);
	return 0;
}

static int
startup(struct daemon_state *st)
{
	char *cause = NULL, ready[64];
	int applied;

	/*
	 * Block the signals this thread waits for before any thread exists,
	 * so libmicrohttpd's threads inherit the mask and never take them.
	 */
	sigemptyset(&st->signals);
	sigaddset(&st->signals, SIGTERM);
	sigaddset(&st->signals, SIGINT);
	sigaddset(&st->signals, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &st->signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((st->catalog = catalog_open(st->conf.database, &cause)) == NULL)
		goto fail;
	if (st->conf.embedded_catalog) {
		applied = catalog_apply_embedded(st->catalog, time(NULL),
		    &cause);
		if (applied < 0)
			goto fail;
		if (applied)
			log_info("built-in catalog applied");
	}
	if (publish(st) < 0)
		return -1;
	if ((st->api = api_start(st->conf.listen, &cause)) == NULL)
		goto fail;
	log_notice("listening on %s (port %u)", st->conf.listen,
	    api_port(st->api));
	snprintf(ready, sizeof(ready), "READY=1\nSTATUS=listening on port %u",
	    api_port(st->api));
	notify_send(ready);
	return 0;
fail:
	log_err("%s", cause);
	free(cause);
	return -1;
}

static void
shutdown_daemon(struct daemon_state *st)
{
	notify_send("STOPPING=1");
	api_stop(st->api, DRAIN_TIMEOUT_MS);
	st->api = NULL;
	catalog_close(st->catalog);
	st->catalog = NULL;
	snapshot_publish(NULL);
	conf_clear(&st->conf);
}

/* Waits for signals until SIGTERM or SIGINT; SIGHUP reloads the catalog. */
static void
run(struct daemon_state *st)
{
	int sig;

	for (;;) {
		sig = sigwaitinfo(&st->signals, NULL);
		if (sig < 0) {
			if (errno != EINTR)
				log_warn("sigwaitinfo: %s", strerror(errno));
			continue;
		}
		if (sig == SIGHUP) {
			notify_send("RELOADING=1");
			log_notice("SIGHUP: reloading the catalog");
			publish(st);
			notify_send("READY=1");
			continue;
		}
		log_notice("%s: shutting down", sig == SIGTERM ? "SIGTERM" :
		    "SIGINT");
		return;
	}
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, 'l' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon_state st;
	struct sockaddr_storage ss;
	const char *config = NULL, *listen = NULL, *db = NULL;
	char *cause = NULL;
	int ch, check_only = 0, verbose = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(serve_help, stdout);
		return 0;
	}
	while ((ch = getopt_long(argc, argv, "c:nv", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': config = optarg; break;
		case 'l': listen = optarg; break;
		case 'd': db = optarg; break;
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
	memset(&st, 0, sizeof(st));
	conf_init(&st.conf);
	if (config == NULL && access(CONF_DEFAULT_PATH, F_OK) == 0)
		config = CONF_DEFAULT_PATH;
	if (config != NULL && conf_load(config, &st.conf, &cause) < 0) {
		log_err("%s", cause);
		free(cause);
		conf_clear(&st.conf);
		return EXIT_TROUBLE;
	}
	if (listen != NULL) {
		free(st.conf.listen);
		st.conf.listen = xstrdup(listen);
	}
	if (db != NULL) {
		free(st.conf.database);
		st.conf.database = xstrdup(db);
	}
	if (listen != NULL && api_parse_listen(st.conf.listen, &ss,
	    &cause) < 0) {
		log_err("--listen: %s", cause);
		free(cause);
		conf_clear(&st.conf);
		return EXIT_TROUBLE;
	}
	if (check_only) {
		printf("configuration OK\n");
		conf_clear(&st.conf);
		return 0;
	}
	log_init(LOG_STYLE_DAEMON, verbose);
	if (startup(&st) < 0) {
		shutdown_daemon(&st);
		return EXIT_FAILURE;
	}
	run(&st);
	shutdown_daemon(&st);
	log_notice("stopped");
	return 0;
}

int
main(int argc, char **argv)
{
	size_t i;

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
