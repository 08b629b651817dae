/*
 * cli.c - check, import, export, version and help.
 *
 * The CLI reads the database only when --db names an existing file;
 * otherwise it answers from the catalog compiled into the binary, so it
 * works on a machine with no daemon, no network and no configuration.
 */
#include "config.h"

#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <microhttpd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "answer.h"
#include "catalog.h"
#include "cli.h"
#include "conf.h"
#include "date.h"
#include "feed.h"
#include "log.h"
#include "fetch.h"
#include "export.h"
#include "snapshot.h"
#include "sync.h"
#include "util.h"

#define FEED_FILE_MAX (64 * 1024 * 1024)

static const char usage_text[] =
"usage: sunset COMMAND [OPTIONS]\n"
"\n"
"Knows which AI models are deprecated, when they stop working and what\n"
"replaces them.\n"
"\n"
"commands:\n"
"  serve    run the daemon (HTTP API on 127.0.0.1:7380 by default)\n"
"  check    say whether model ids are deprecated; exit 1 if any is\n"
"  scan     find deprecated model ids in files; exit 1 if any is found\n"
"  fix      rewrite deprecated ids to their replacements (a diff, or --write)\n"
"  sync     run the configured feeds once and report\n"
"  import   apply a feed document from a file to a database\n"
"  export   print the catalog as a sunset-feed/1 document\n"
"  mcp      answer AI agents over the Model Context Protocol (stdio)\n"
"  version  print the version\n"
"  help     print this help\n"
"\n"
"Run 'sunset COMMAND --help' for a command's options; see sunset(1).\n";

void
cli_usage(void)
{
	fputs(usage_text, stdout);
}

int
cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

static int
bad_usage(const char *help)
{
	fputs(help, stderr);
	return EXIT_TROUBLE;
}

/*
 * The catalog the CLI answers from: the database at db when it names an
 * existing file, else the embedded catalog in a private in-memory database
 * (the same load and merge path as the daemon's), stamped with the time
 * it was written.  Returns NULL with *cause set.
 */
static struct catalog *
open_catalog(const char *db, char **cause)
{
	struct catalog *cat;
	time_t written = sync_embedded_time();
	int embedded = db == NULL || access(db, F_OK) != 0;

	if ((cat = catalog_open(embedded ? ":memory:" : db, cause)) == NULL)
		return NULL;
	if (embedded && sync_apply_embedded(cat, written != 0 ? written :
	    time(NULL), cause) < 0) {
		catalog_close(cat);
		return NULL;
	}
	return cat;
}

/* The snapshot the CLI answers from (open_catalog). */
struct snapshot *
cli_open_snapshot(const char *db)
{
	struct catalog *cat;
	struct snapshot *snap = NULL;
	char *cause = NULL;

	if ((cat = open_catalog(db, &cause)) != NULL)
		snap = catalog_snapshot(cat, &cause);
	if (snap == NULL)
		log_err("%s", cause);
	free(cause);
	catalog_close(cat);
	return snap;
}

int
cli_check_paths(char **paths, int n)
{
	struct stat st;
	int i;

	for (i = 0; i < n; i++) {
		if (stat(paths[i], &st) < 0) {
			log_err("%s: %s", paths[i], strerror(errno));
			return -1;
		}
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
			log_err("%s: not a file or directory", paths[i]);
			return -1;
		}
	}
	return 0;
}

int
cli_parse_at(const char *s, int32_t *as_of)
{
	if (date_parse_iso(s, as_of) < 0) {
		log_err("--at wants a date YYYY-MM-DD, not \"%s\"", s);
		return -1;
	}
	return 0;
}

/* A non-negative number up to 100000 (days, priorities). */
static int
parse_count(const char *s, long *n)
{
	char *end;

	*n = strtol(s, &end, 10);
	return *s < '0' || *s > '9' || *end != '\0' || *n > 100000 ? -1 : 0;
}

int
cli_parse_within(const char *s, long *days)
{
	if (parse_count(s, days) < 0) {
		log_err("--within wants a number of days, not \"%s\"", s);
		return -1;
	}
	return 0;
}

static const char check_help[] =
"usage: sunset check [--db PATH] [--at DATE] [--within DAYS] [--provider P]\n"
"                    [--json] MODEL...\n"
"\n"
"Says for each MODEL whether it is deprecated, when it shuts down and what\n"
"replaces it.  Exit status: 0 nothing deprecated, 1 at least one model is\n"
"deprecated, retired or unknown (with --within, deprecated models count\n"
"only when a firm shutdown is at most DAYS away or no date is known; an\n"
"earliest, \"not before\" date is no shutdown), 2 usage or runtime error.\n"
"\n"
"  --db PATH        read this catalog database (default: the built-in catalog)\n"
"  --at DATE        answer as of DATE (YYYY-MM-DD, UTC), not today\n"
"  --within DAYS    only firm shutdowns within DAYS days count as deprecated\n"
"  --provider P     only consider the platform P (openai, azure, ...)\n"
"  --json           print {\"schema_version\":\"1\",\"as_of\":...,\"results\":[...]}\n";

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "at", required_argument, NULL, 'a' },
		{ "within", required_argument, NULL, 'w' },
		{ "provider", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL, *provider = NULL;
	struct jsonw w;
	enum answer_class class;
	struct snapshot *snap;
	struct answer a;
	int32_t as_of = date_today();
	long within = -1;
	int json = 0, ch, i, rc = 0;
	char *words, *text;

	if (cli_wants_help(argc, argv)) {
		fputs(check_help, stdout);
		return 0;
	}
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'a': if (cli_parse_at(optarg, &as_of) < 0) return 2; break;
		case 'w': if (cli_parse_within(optarg, &within) < 0) return 2; break;
		case 'p': provider = optarg; break;
		case 'j': json = 1; break;
		default: return bad_usage(check_help);
		}
	}
	if (optind == argc)
		return bad_usage(check_help);
	if ((snap = cli_open_snapshot(db)) == NULL)
		return EXIT_TROUBLE;
	jsonw_init(&w, BUF_MAX_INTERNAL);
	answer_write_batch_open(&w, as_of);
	for (i = optind; i < argc; i++) {
		answer_resolve(&a, snap, argv[i], provider, as_of);
		words = answer_verdict(&a, within, &class);
		if (class != ANSWER_FINE)
			rc = EXIT_DEPRECATED;
		if (json)
			answer_write(&w, &a, 0);
		else if (a.record == NULL)
			printf("%s: %s\n", argv[i], words);
		else
			printf("%s: %s %s %s\n", argv[i], a.record->provider,
			    a.record->id, words);
		free(words);
	}
	answer_write_batch_close(&w);
	text = jsonw_take(&w);
	if (json && text == NULL) {
		log_err("the answers are too large to print");
		rc = EXIT_TROUBLE;
	} else if (json)
		puts(text);
	free(text);
	snapshot_unref(snap);
	return rc;
}

static const char import_help[] =
"usage: sunset import [--db PATH] --format FORMAT [--provider P]\n"
"                     [--feed NAME] [--url URL] [--priority N]\n"
"                     [--embedded] FILE\n"
"\n"
"Applies a feed document from FILE to the database, as one transaction and\n"
"through the same path as a fetched feed (for air-gapped hosts).  A\n"
"document that does not parse, has no records where the feed had some, or\n"
"fewer than half as many, leaves the database as it was.  Only the\n"
"document goes in: a new database answers from it alone.\n"
"\n"
"  --db PATH        the database (default " CONF_DEFAULT_DATABASE ")\n"
"  --format FORMAT  markdown, modeldeprecations, sunset, deprecations-info,\n"
"                   openrouter, litellm, or a saved page of a model-list\n"
"                   API: openai-models, mistral-models, bedrock-models,\n"
"                   azure-models\n"
"  --provider P     provider for formats whose records do not name one\n"
"                   (markdown)\n"
"  --feed NAME      the feed name to record (default: FILE's base name)\n"
"  --url URL        where the document is published, kept as the source\n"
"  --priority N     merge priority (default: the format's)\n"
"  --embedded       load the built-in catalog too, as its lowest-priority\n"
"                   feed (serve and sync load it by themselves)\n";

/* "dir/openai-deprecations.md" -> "openai-deprecations". */
static char *
feed_name_of(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name = xstrdup(base != NULL ? base + 1 : path), *dot;

	if ((dot = strrchr(name, '.')) != NULL && dot != name)
		*dot = '\0';
	return name;
}

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "provider", required_argument, NULL, 'p' },
		{ "feed", required_argument, NULL, 'n' },
		{ "url", required_argument, NULL, 'u' },
		{ "priority", required_argument, NULL, 'P' },
		{ "embedded", no_argument, NULL, 'E' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = CONF_DEFAULT_DATABASE, *format = NULL, *name = NULL;
	const char *url = NULL;
	int embedded = 0;
	long priority = -1;
	const struct feed_format *fmt;
	struct feed_options options = { NULL };
	struct catalog_feed feed;
	struct recordset records = { 0 };
	struct catalog *cat = NULL;
	char *buf = NULL, *cause = NULL, *defname = NULL;
	size_t len;
	int ch, rc = EXIT_TROUBLE;

	if (cli_wants_help(argc, argv)) {
		fputs(import_help, stdout);
		return 0;
	}
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		case 'p': options.provider = optarg; break;
		case 'n': name = optarg; break;
		case 'u': url = optarg; break;
		case 'P':
			if (parse_count(optarg, &priority) < 0 ||
			    priority > 1000) {
				log_err("--priority wants 0 to 1000");
				return EXIT_TROUBLE;
			}
			break;
		case 'E': embedded = 1; break;
		default: return bad_usage(import_help);
		}
	}
	if (format == NULL || optind != argc - 1)
		return bad_usage(import_help);
	if ((fmt = feed_format_find(format)) == NULL) {
		log_err("unknown format \"%s\"", format);
		return EXIT_TROUBLE;
	}
	if (fmt->needs_provider && options.provider == NULL) {
		log_err("format %s needs --provider", format);
		return EXIT_TROUBLE;
	}
	if ((buf = read_file(argv[optind], FEED_FILE_MAX, &len, &cause)) ==
	    NULL)
		goto out;
	if (fmt->parse(buf, len, &options, &records, &cause) < 0) {
		set_cause(&cause, "%s: %s", argv[optind], cause);
		goto out;
	}
	if (name == NULL)
		name = defname = feed_name_of(argv[optind]);
	memset(&feed, 0, sizeof(feed));
	feed.name = name;
	feed.format = fmt->name;
	feed.priority = priority >= 0 ? (int)priority : fmt->priority;
	feed.provider = options.provider;
	feed.url = url;
	if ((cat = catalog_open(db, &cause)) == NULL ||
	    (embedded && sync_apply_embedded(cat, time(NULL), &cause) < 0) ||
	    catalog_apply(cat, &feed, NULL, &records, time(NULL), &cause) < 0)
		goto out;
	printf("%s: %zu records applied as feed %s\n", argv[optind],
	    records.n, name);
	rc = 0;
out:
	if (rc != 0)
		log_err("%s", cause);
	catalog_close(cat);
	recordset_clear(&records);
	free(defname);
	free(cause);
	free(buf);
	return rc;
}

static const char sync_help[] =
"usage: sunset sync [-c FILE] [--db PATH] [--feed NAME]\n"
"\n"
"Runs the configured feeds (or only NAME) once against the database, the\n"
"same way the daemon does, and prints one line per feed.  Exit status: 0\n"
"when every feed succeeded, 1 when any failed, 2 on a usage or\n"
"configuration error.\n"
"\n"
"  -c, --config FILE  configuration file (default " CONF_DEFAULT_PATH ")\n"
"  --db PATH          database (default: the configuration's)\n"
"  --feed NAME        only this feed\n";

/*
 * Adds the models each API feed's account may call (accounts[i], of
 * conf's feed i; empty for the others) to the usage inventory, resolved
 * against the catalog as the run left it, built once.  Returns 0, or -1
 * after saying why.
 */
static int
sync_accounts(struct catalog *cat, const struct conf *conf,
    const struct feed_account *accounts)
{
	const struct conf_feed *feed;
	struct snapshot *snap;
	size_t i, known, fresh;
	char *cause = NULL;
	int rc = 0;

	for (i = 0; i < conf->nfeeds && accounts[i].n == 0; i++)
		;
	if (i == conf->nfeeds)
		return 0;
	if ((snap = catalog_snapshot(cat, &cause)) == NULL) {
		printf("FAILED: the accounts' models: %s\n", cause);
		free(cause);
		return -1;
	}
	for (i = 0; i < conf->nfeeds; i++) {
		feed = &conf->feeds[i];
		if (accounts[i].n == 0)
			continue;
		if (account_record(cat, snap, feed->name, feed->provider,
		    &accounts[i], time(NULL), &known, &fresh, &cause) == 0) {
			printf("%s: the account may call %zu models, %zu of "
			    "them in the catalog\n", feed->name,
			    accounts[i].n, known);
			continue;
		}
		printf("%s: FAILED: the account's models: %s\n", feed->name,
		    cause);
		free(cause);
		cause = NULL;
		rc = -1;
	}
	snapshot_unref(snap);
	return rc;
}

int
cmd_sync(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "feed", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *db = NULL, *only = NULL;
	struct feed_account *accounts = NULL;
	struct catalog *cat = NULL;
	struct sync_result r;
	struct conf conf;
	char *cause = NULL;
	size_t i;
	int ch, rc = EXIT_TROUBLE, failed = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(sync_help, stdout);
		return 0;
	}
	while ((ch = getopt_long(argc, argv, "c:", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': config = optarg; break;
		case 'd': db = optarg; break;
		case 'f': only = optarg; break;
		default: return bad_usage(sync_help);
		}
	}
	if (optind != argc)
		return bad_usage(sync_help);
	if (conf_read(config, NULL, db, &conf, &cause) < 0) {
		log_err("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	if (only != NULL && conf_find_feed(&conf, only) == NULL) {
		log_err("no feed called %s is configured", only);
		goto out;
	}
	if (conf.nfeeds == 0) {
		if (config == NULL && access(CONF_DEFAULT_PATH, F_OK) != 0)
			log_err("no feeds are configured: %s does not exist "
			    "(name a configuration with -c FILE)",
			    CONF_DEFAULT_PATH);
		else
			log_err("no feeds are configured in %s",
			    config != NULL ? config : CONF_DEFAULT_PATH);
		goto out;
	}
	if ((cat = catalog_open(conf.database, &cause)) == NULL ||
	    sync_configure(cat, &conf, &cause) < 0 ||
	    (conf.embedded_catalog &&
	    sync_apply_embedded(cat, time(NULL), &cause) < 0)) {
		log_err("%s", cause);
		goto out;
	}
	fetch_init();
	accounts = xcalloc(conf.nfeeds, sizeof(*accounts));
	for (i = 0; i < conf.nfeeds; i++) {
		if (only != NULL && strcmp(only, conf.feeds[i].name) != 0)
			continue;
		switch (sync_feed(cat, &conf.feeds[i], time(NULL), &r)) {
		case SYNC_UPDATED:
			printf("%s: updated, %zu records\n",
			    conf.feeds[i].name, r.records);
			if (feed_format_find(conf.feeds[i].format)->api !=
			    NULL) {
				accounts[i] = r.account;
				memset(&r.account, 0, sizeof(r.account));
			}
			break;
		case SYNC_UNCHANGED:
			printf("%s: not modified\n", conf.feeds[i].name);
			break;
		case SYNC_FAILED:
		case SYNC_ABORTED:	/* never: no tick is set */
			printf("%s: FAILED: %s\n", conf.feeds[i].name,
			    r.error);
			failed = 1;
			break;
		}
		free(r.error);
		feed_account_clear(&r.account);
	}
	fetch_cleanup();
	if (sync_accounts(cat, &conf, accounts) < 0)
		failed = 1;
	rc = failed ? 1 : 0;
out:
	for (i = 0; accounts != NULL && i < conf.nfeeds; i++)
		feed_account_clear(&accounts[i]);
	free(accounts);
	catalog_close(cat);
	free(cause);
	conf_clear(&conf);
	return rc;
}

static const char export_help[] =
"usage: sunset export [--db PATH] [--pretty]\n"
"\n"
"Prints the merged catalog as a sunset-feed/1 document, which another\n"
"sunset can read as a feed of format sunset: compact JSON, the same bytes\n"
"GET /v1/export serves, stamped with the time the catalog last changed.\n"
"\n"
"  --db PATH   read this database (default: the built-in catalog)\n"
"  --pretty    indent with tabs, one member a line (data/catalog.json)\n";

int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "pretty", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL;
	struct catalog *cat;
	struct snapshot *snap = NULL;
	char *text = NULL, *cause = NULL;
	time_t changed_at;
	int ch, pretty = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(export_help, stdout);
		return 0;
	}
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': db = optarg; break;
		case 'p': pretty = 1; break;
		default: return bad_usage(export_help);
		}
	}
	if (optind != argc)
		return bad_usage(export_help);
	if ((cat = open_catalog(db, &cause)) != NULL &&
	    (snap = catalog_snapshot(cat, &cause)) != NULL)
		text = export_write(cat, snap, time(NULL), pretty, &changed_at,
		    &cause);
	catalog_close(cat);
	snapshot_unref(snap);
	if (text == NULL) {
		log_err("%s", cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	puts(text);
	free(text);
	return 0;
}

int
cmd_version(int argc, char **argv)
{
	printf("sunset %s\n", PACKAGE_VERSION);
	printf("libmicrohttpd %s, %s, SQLite %s, cJSON %s\n",
	    MHD_get_version(), curl_version(), sqlite3_libversion(),
	    cJSON_Version());
	return 0;
}

int
cmd_help(int argc, char **argv)
{
	cli_usage();
	return 0;
}
