/*
 * test_conf.c - sunset.conf: defaults, every key, comments,
 * errors that name file:line, and a failed parse leaving the old values.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "tap.h"
#include "util.h"

/* Parses text into conf, which must succeed. */
static void
parse_ok(const char *text, struct conf *conf, const char *what)
{
	char *cause = NULL;

	if (!ok(conf_parse("test.conf", text, conf, &cause) == 0,
	    "%s parses", what))
		printf("#   cause: %s\n", cause);
	free(cause);
}

/* Parses text into a conf holding known values; the parse must fail with
 * a cause starting with where ("test.conf:N:") and containing needle, and
 * leave the conf exactly as it was. */
static void
check_error(const char *text, const char *where, const char *needle,
    const char *what)
{
	struct conf conf;
	char *cause = NULL, *listen, *database;

	conf_init(&conf);
	parse_ok("listen = 10.0.0.1:80\nadmin_token_file = /etc/token\n"
	    "embedded_catalog = no\n", &conf, "the starting values");
	listen = conf.listen;
	database = conf.database;
	is_int(conf_parse("test.conf", text, &conf, &cause), -1,
	    "%s is an error", what);
	if (!ok(cause != NULL && strncmp(cause, where, strlen(where)) == 0 &&
	    strstr(cause, needle) != NULL, "%s: cause names %s and \"%s\"",
	    what, where, needle))
		printf("#   cause: %s\n", cause != NULL ? cause : "(null)");
	ok(conf.listen == listen && conf.database == database,
	    "%s: the strings are the same ones", what);
	is_str(conf.listen, "10.0.0.1:80", "%s: listen unchanged", what);
	is_str(conf.database, CONF_DEFAULT_DATABASE, "%s: database unchanged",
	    what);
	is_str(conf.admin_token_file, "/etc/token",
	    "%s: admin_token_file unchanged", what);
	is_int(conf.embedded_catalog, 0, "%s: embedded_catalog unchanged",
	    what);
	free(cause);
	conf_clear(&conf);
}

static void
test_defaults(void)
{
	struct conf conf;

	/* conf_init, and an empty file that keeps every default. */
	conf_init(&conf);
	is_str(conf.listen, "127.0.0.1:7380", "default listen");
	is_str(conf.database, "/var/lib/sunset/catalog.db", "default database");
	is_str(conf.admin_token_file, NULL, "no admin token by default");
	is_int(conf.embedded_catalog, 1, "embedded_catalog yes by default");
	parse_ok("", &conf, "an empty file");
	parse_ok("# only a comment\n\n   \n\t# indented comment\n", &conf,
	    "comments and blank lines");
	is_str(conf.listen, "127.0.0.1:7380", "listen still the default");
	is_str(conf.database, "/var/lib/sunset/catalog.db",
	    "database still the default");
	is_str(conf.admin_token_file, NULL, "still no admin token");
	is_int(conf.embedded_catalog, 1, "embedded_catalog still yes");
	conf_clear(&conf);
	is_str(conf.listen, NULL, "conf_clear empties the conf");
}

static void
test_keys(void)
{
	struct conf conf;

	/* Every key, with comments, spacing and CRLF around them. */
	conf_init(&conf);
	parse_ok("# sunset.conf\n"
	    "\n"
	    "listen = 0.0.0.0:8080   # all interfaces\n"
	    "  database=/srv/sunset/catalog.db\n"
	    "admin_token_file =\t/etc/sunset/admin.token\r\n"
	    "embedded_catalog = no\n", &conf, "every key");
	is_str(conf.listen, "0.0.0.0:8080", "listen");
	is_str(conf.database, "/srv/sunset/catalog.db", "database");
	is_str(conf.admin_token_file, "/etc/sunset/admin.token",
	    "admin_token_file, CRLF line");
	is_int(conf.embedded_catalog, 0, "embedded_catalog = no");

	/* Values that are only valid in another spelling or family. */
	parse_ok("listen = [::1]:7380\nembedded_catalog = true\n", &conf,
	    "an IPv6 listen address");
	is_str(conf.listen, "[::1]:7380", "IPv6 listen");
	is_int(conf.embedded_catalog, 1, "embedded_catalog = true");
	is_str(conf.database, "/srv/sunset/catalog.db",
	    "keys a file does not set keep their values");
	parse_ok("embedded_catalog = false", &conf, "a last line without "
	    "newline");
	is_int(conf.embedded_catalog, 0, "embedded_catalog = false");
	parse_ok("embedded_catalog = yes\n", &conf, "embedded_catalog = yes");
	is_int(conf.embedded_catalog, 1, "embedded_catalog = yes");
	conf_clear(&conf);
}

/* usage_flush: seconds or a duration, 0 turns counting off. */
static void
test_usage_flush(void)
{
	static const struct {
		const char	*value;
		int		 seconds;
	} good[] = {
		{ "0", 0 }, { "1", 1 }, { "60", 60 }, { "30s", 30 },
		{ "5m", 300 }, { "1h", 3600 }, { "86400", 86400 }, { "1d", 86400 },
	};
	static const char *const bad[] = {
		"-1", "86401", "2d", "soon", "1.5", "60 s", "0x10",
	};
	struct conf conf;
	char *text, *name;
	size_t i;

	conf_init(&conf);
	is_int(conf.usage_flush_s, 60, "usage_flush is 60 s by default");
	for (i = 0; i < NELEM(good); i++) {
		text = xasprintf("usage_flush = %s\n", good[i].value);
		name = xasprintf("usage_flush = %s", good[i].value);
		parse_ok(text, &conf, name);
		is_int(conf.usage_flush_s, good[i].seconds, "%s: %d s", name,
		    good[i].seconds);
		free(text);
		free(name);
	}
	conf_clear(&conf);
	for (i = 0; i < NELEM(bad); i++) {
		text = xasprintf("\nusage_flush = %s\n", bad[i]);
		name = xasprintf("usage_flush = %s", bad[i]);
		check_error(text, "test.conf:2:", "usage_flush", name);
		free(text);
		free(name);
	}
}

static void
test_errors(void)
{
	/* Each error names the file and the line, counting every line. */
	check_error("# comment\n\nlisten = 127.0.0.1:1\nfrobnicate = 1\n",
	    "test.conf:4:", "frobnicate", "an unknown key");
	check_error("listen 127.0.0.1:7380\n", "test.conf:1:", "=",
	    "a line without =");
	check_error("listen = 127.0.0.1:1\n# again\nlisten = 127.0.0.1:2\n",
	    "test.conf:3:", "listen", "a duplicate key");
	check_error("embedded_catalog = maybe\n", "test.conf:1:",
	    "embedded_catalog", "a bad bool");
	check_error("embedded_catalog = 1\n", "test.conf:1:",
	    "embedded_catalog", "a numeric bool");
	check_error("\nlisten = localhost\n", "test.conf:2:", "localhost",
	    "a listen address without port");
	check_error("database = var/lib/sunset.db\n", "test.conf:1:",
	    "database", "a relative database path");
	check_error("admin_token_file = etc/token\n", "test.conf:1:",
	    "systemd credential", "a relative token path");
	check_error("database =\n", "test.conf:1:", "database",
	    "an empty value");
	check_error("database =   # nothing\n", "test.conf:1:", "database",
	    "a value that is only a comment");
	check_error("listen = 127.0.0.1:1\n[section]\nurl = x\n",
	    "test.conf:2:", "[feed NAME]", "a section other than [feed NAME]");

	/* Values before the bad line are not applied either. */
	check_error("listen = 127.0.0.1:9\ndatabase = /tmp/x.db\n"
	    "embedded_catalog = yes\nadmin_token_file = /t\nbogus = 1\n",
	    "test.conf:5:", "bogus", "an error after good lines");
}

static void
test_cors(void)
{
	struct conf conf;

	conf_init(&conf);
	is_str(conf.cors_origins, NULL, "CORS is off by default");
	parse_ok("cors_origins = *\n", &conf, "cors_origins = *");
	is_str(conf.cors_origins, "*", "any origin");
	parse_ok("cors_origins = https://Dash.Example.com, "
	    "http://127.0.0.1:8080  http://[::1]:3000\n", &conf,
	    "a list of origins");
	is_str(conf.cors_origins, "https://dash.example.com "
	    "http://127.0.0.1:8080 http://[::1]:3000",
	    "lower-cased, one space between");
	conf_clear(&conf);

	check_error("\ncors_origins = https://dash.example.com/\n",
	    "test.conf:2:", "https://dash.example.com/", "an origin with a path");
	check_error("cors_origins = dash.example.com\n", "test.conf:1:",
	    "dash.example.com", "an origin without scheme");
	check_error("cors_origins = ftp://dash.example.com\n", "test.conf:1:",
	    "ftp://", "an origin of another scheme");
	check_error("cors_origins = https://a.example *\n", "test.conf:1:",
	    "\"*\" alone", "* among origins");
	check_error("cors_origins = null\n", "test.conf:1:", "null",
	    "the null origin");
	check_error("cors_origins = http://a.example:0\n", "test.conf:1:",
	    "a.example:0", "port 0");
	check_error("cors_origins = http://a.example:99999\n", "test.conf:1:",
	    "a.example:99999", "a port past 65535");
	check_error("cors_origins = http://user@a.example\n", "test.conf:1:",
	    "user@", "user information");
	check_error("cors_origins = ,\n", "test.conf:1:", "no origin",
	    "only a separator");
}

static void
test_load(void)
{
	struct conf conf;
	char *cause = NULL;

	/* conf_load of a missing file names the file. */
	conf_init(&conf);
	is_int(conf_load("/nonexistent/sunset.conf", &conf, &cause), -1,
	    "a missing file is an error");
	ok(cause != NULL && strstr(cause, "/nonexistent/sunset.conf") != NULL,
	    "the cause names the file");
	is_str(conf.listen, CONF_DEFAULT_LISTEN, "the defaults are kept");
	free(cause);
	conf_clear(&conf);
}

static void
test_feeds(void)
{
	static const struct {
		const char	*value;
		const char	*what;
	} bad_sizes[] = {
		{ "2G", "a max_size over 1G" },
		{ "100", "a max_size under 1K" },
		{ "8 MB", "a max_size in words" },
		{ "99999999999999999999", "a max_size past a long" },
	};
	struct conf conf;
	const struct conf_feed *f;
	char text[128];
	size_t i;

	conf_init(&conf);
	parse_ok("listen = 127.0.0.1:7380\n"
	    "[feed openai]\n"
	    "url = https://example.com/deprecations.md#top\n"
	    "format = markdown\nprovider = openai\ninterval = 30m\n"
	    "\n[feed mirror]\nurl = http://127.0.0.1:7380/v1/export\n"
	    "format = sunset   # another sunset\n"
	    "[feed other]\nurl = http://feeds.example.com/x.json\n"
	    "format = litellm\ninsecure_http = yes\npriority = 5\n"
	    "interval = 1d\ntimeout = 20s\nmax_size = 20000000\n", &conf,
	    "three feeds");
	is_int(conf.nfeeds, 3, "three feeds are known");
	f = conf_find_feed(&conf, "openai");
	ok(f != NULL, "conf_find_feed finds openai");
	if (f != NULL) {
		is_str(f->url, "https://example.com/deprecations.md#top",
		    "a '#' inside a URL is not a comment");
		is_str(f->provider, "openai", "provider");
		is_int(f->interval_s, 1800, "interval 30m");
		is_int(f->priority, 100, "markdown's default priority");
		is_int(f->max_size, 8 * 1024 * 1024,
		    "max_size defaults to 8M");
		ok(!conf_feed_allows_http(f), "https feed: no plain http");
	}
	f = conf_find_feed(&conf, "mirror");
	if (ok(f != NULL, "the mirror feed")) {
		is_int(f->interval_s, CONF_DEFAULT_INTERVAL,
		    "interval defaults to 6h");
		is_int(f->priority, 70, "sunset's default priority");
		is_int(f->timeout_s, 60, "timeout defaults to 60s");
		is_int(f->max_size, 64 * 1024 * 1024,
		    "a sunset feed's max_size defaults to 64M");
		ok(conf_feed_allows_http(f), "http to loopback is allowed");
	}
	f = conf_find_feed(&conf, "other");
	if (ok(f != NULL, "the other feed")) {
		is_int(f->priority, 5, "priority = 5");
		is_int(f->interval_s, 86400, "interval 1d");
		is_int(f->timeout_s, 20, "timeout 20s");
		is_int(f->max_size, 20000000, "max_size in bytes");
		ok(conf_feed_allows_http(f), "insecure_http = yes");
	}
	ok(conf_find_feed(&conf, "nope") == NULL, "no feed nope");
	parse_ok("[feed a]\nurl = https://x/y\nformat = sunset\n"
	    "max_size = 512K\n[feed b]\nurl = https://x/z\n"
	    "format = sunset\nmax_size = 1G\n", &conf, "max_size 512K, 1G");
	is_int(conf.feeds[0].max_size, 512 * 1024, "512K");
	is_int(conf.feeds[1].max_size, 1024 * 1024 * 1024, "1G");
	parse_ok("listen = 127.0.0.1:7380\n", &conf, "a file without feeds");
	is_int(conf.nfeeds, 0, "a new file replaces the feed list");
	conf_clear(&conf);

	check_error("[feed a]\nurl = https://x/y\nformat = sunset\ncolour = "
	    "red\n", "test.conf:4:", "colour", "an unknown key in a feed");
	check_error("[feed a]\nformat = sunset\n[feed b]\n", "test.conf:1:",
	    "needs url", "a feed without url");
	check_error("[feed a]\nurl = https://x/y\n", "test.conf:1:",
	    "needs format", "a feed without format");
	check_error("[feed a]\nurl = https://x/y\nformat = yaml\n",
	    "test.conf:3:", "yaml", "an unknown format");
	check_error("\n[feed a]\nurl = https://x/y\nformat = markdown\n",
	    "test.conf:2:", "needs provider", "markdown without provider");
	check_error("[feed a]\nurl = https://x/y\nformat = sunset\n"
	    "[feed a]\nurl = https://x/z\nformat = sunset\n",
	    "test.conf:4:", "twice", "a feed defined twice");
	check_error("[feed embedded]\n", "test.conf:1:", "reserved",
	    "the reserved feed name");
	check_error("[feed a b]\n", "test.conf:1:", "feed name",
	    "a feed name with a space");
	check_error("[feed a]\ninterval = 10s\n", "test.conf:2:", "interval",
	    "an interval under a minute");
	check_error("[feed a]\ninterval = 6 hours\n", "test.conf:2:",
	    "interval", "an interval in words");
	check_error("[feed a]\ntimeout = 0s\n", "test.conf:2:", "timeout",
	    "a zero timeout");
	check_error("[feed a]\ntimeout = 1h\n", "test.conf:2:", "timeout",
	    "a timeout over ten minutes");
	for (i = 0; i < NELEM(bad_sizes); i++) {
		snprintf(text, sizeof(text), "[feed a]\nmax_size = %s\n",
		    bad_sizes[i].value);
		check_error(text, "test.conf:2:", "max_size", bad_sizes[i].what);
	}
	check_error("[feed a]\npriority = 1001\n", "test.conf:2:",
	    "priority", "a priority over 1000");
	check_error("[feed a]\nurl = ftp://x/y\n", "test.conf:2:", "URL",
	    "a URL that is not http(s)");
	check_error("[feed a]\nurl = http://example.com/x\nformat = sunset\n",
	    "test.conf:1:", "plain http", "plain http to another host");
	check_error("[feed a]\nprovider = OpenAI\n", "test.conf:2:",
	    "slug", "a provider that is not a slug");
	check_error("[feed a]\nurl = https://x/y\nformat = sunset\n"
	    "listen = 127.0.0.1:1\n", "test.conf:4:", "in a feed section",
	    "a global key inside a feed section");
}

/* The model-list API feeds: keys from files, never in the file. */
static void
test_api_feeds(void)
{
	struct conf conf;
	char *cause = NULL, *path;

	conf_init(&conf);
	parse_ok("[feed o]\nformat = openai-models\nkey_file = "
	    "/etc/sunset/openai.key\n\n[feed a]\nformat = anthropic-models\n"
	    "key_file = anthropic-key\n\n[feed b]\nformat = bedrock-models\n"
	    "regions = us-east-1, eu-west-1\nkey_file = /etc/sunset/aws\n"
	    "\n[feed z]\nformat = azure-models\nurl = https://r.openai."
	    "azure.com/openai/models?api-version=2024-10-21\nkey_file = "
	    "/etc/sunset/azure.key\n", &conf, "four API feeds");
	if (ok(conf.nfeeds == 4, "four feeds")) {
		is_str(conf.feeds[0].url, "https://api.openai.com/v1/models",
		    "openai-models: OpenAI's URL by default");
		is_str(conf.feeds[0].provider, "openai",
		    "and OpenAI's provider");
		is_str(conf.feeds[0].key_file, "/etc/sunset/openai.key",
		    "key_file: a path");
		is_str(conf.feeds[1].key_file, "anthropic-key",
		    "key_file: a credential's name");
		is_str(conf.feeds[2].regions, "us-east-1 eu-west-1",
		    "regions: separated by one space");
		is_str(conf.feeds[2].url,
		    "https://bedrock.{region}.amazonaws.com/foundation-models",
		    "bedrock-models: a URL for each region");
		is_str(conf.feeds[3].provider, "azure", "azure-models: azure");
	}
	conf_clear(&conf);

	check_error("[feed o]\nformat = openai-models\n", "test.conf:1:",
	    "needs key_file", "an API feed without key_file");
	check_error("[feed o]\nformat = openai-models\nkey_file = keys/o\n",
	    "test.conf:3:", "absolute path, or the name of a systemd "
	    "credential", "a relative key_file");
	check_error("[feed z]\nformat = azure-models\nkey_file = /k\n",
	    "test.conf:1:", "needs url", "azure-models without url");
	check_error("[feed b]\nformat = bedrock-models\nkey_file = /k\n",
	    "test.conf:1:", "needs regions", "bedrock-models without regions");
	check_error("[feed b]\nformat = bedrock-models\nkey_file = /k\n"
	    "regions = us-east-1 us-west-2\nurl = https://x/models\n",
	    "test.conf:1:", "{region}", "two regions, one URL");
	check_error("[feed b]\nformat = bedrock-models\nregions = US-EAST-1\n",
	    "test.conf:3:", "US-EAST-1", "a region in capitals");
	check_error("[feed o]\nformat = openai-models\nregions = us-east-1\n"
	    "key_file = /k\n", "test.conf:1:", "has no regions",
	    "regions for OpenAI");
	check_error("[feed m]\nurl = https://x/y\nformat = markdown\n"
	    "provider = openai\nkey_file = /k\n", "test.conf:1:",
	    "only for the model-list API formats", "a key for a page");
	check_error("[feed o]\nformat = openai-models\nkey_file = /k\n"
	    "provider = anthropic\n", "test.conf:1:", "provider cannot be",
	    "another provider's API");

	unsetenv("CREDENTIALS_DIRECTORY");
	path = conf_secret_path("/etc/k", NULL);
	is_str(path, "/etc/k", "an absolute path is itself");
	free(path);
	path = conf_secret_path("openai-key", &cause);
	ok(path == NULL && cause != NULL &&
	    strstr(cause, "$CREDENTIALS_DIRECTORY is not set") != NULL &&
	    strstr(cause, "LoadCredential=openai-key:") != NULL,
	    "a credential without $CREDENTIALS_DIRECTORY: says what to set");
	free(cause);
	cause = NULL;
	setenv("CREDENTIALS_DIRECTORY", "/run/credentials/sunset.service", 1);
	path = conf_secret_path("openai-key", &cause);
	is_str(path, "/run/credentials/sunset.service/openai-key",
	    "a credential is read from $CREDENTIALS_DIRECTORY");
	free(path);
	unsetenv("CREDENTIALS_DIRECTORY");
}

int
main(void)
{
	test_defaults();
	test_keys();
	test_errors();
	test_usage_flush();
	test_feeds();
	test_api_feeds();
	test_cors();
	test_load();
	return tap_done();
}
