/*
 * conf.c - sunset.conf reading.
 *
 * Global "key = value" lines, then [feed NAME] sections.  Keys are described
 * by two tables (type, bounds, where the value goes), so every key is
 * checked the same way.  Invariant: a file is applied whole or not at all;
 * the caller's struct is only written after the last line checked out.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addr.h"
#include "catalog.h"
#include "conf.h"
#include "feed.h"
#include "fetch.h"
#include "provider.h"
#include "util.h"

#define CONF_FILE_MAX (1024 * 1024)
#define INTERVAL_MIN 60
#define INTERVAL_MAX (30 * 86400)
#define TIMEOUT_MAX 600
#define SIZE_MIN 1024
#define SIZE_MAX_CONF (1024 * 1024 * 1024)

enum conf_type {
	CONF_PATH,	/* absolute path */
	CONF_SECRET,	/* absolute path, or a systemd credential's name */
	CONF_REGIONS,	/* region names such as us-east-1, separated by
			 * spaces */
	CONF_LISTEN,	/* ADDRESS:PORT */
	CONF_BOOL,	/* yes/no */
	CONF_URL,	/* http(s)://... */
	CONF_FORMAT,	/* a feed format name */
	CONF_SLUG,	/* lower-case provider slug */
	CONF_INTERVAL,	/* 90s, 30m, 6h, 1d: 1m to 30d */
	CONF_TIMEOUT,	/* 10s, 2m: 1s to 10m */
	CONF_PRIORITY,	/* 0 to 1000 */
	CONF_ORIGINS,	/* "*", or origins such as https://a.example:8443 */
	CONF_SIZE,	/* bytes, or with K, M, G (powers of 1024): 1K to 1G */
	CONF_ALERT_FORMAT, /* standard, slack, text */
	CONF_THRESHOLDS, /* days, 1 to 3650, separated by commas */
	CONF_PROVIDERS,	/* provider slugs of the registry */
	CONF_FLUSH,	/* seconds, or 30s, 5m, 1h: 0 (off) to 1d */
};

struct conf_key {
	const char	*name;
	enum conf_type	 type;
	size_t		 offset;
};

static const struct conf_key global_keys[] = {
	{ "listen", CONF_LISTEN, offsetof(struct conf, listen) },
	{ "database", CONF_PATH, offsetof(struct conf, database) },
	{ "admin_token_file", CONF_SECRET,
	    offsetof(struct conf, admin_token_file) },
	{ "embedded_catalog", CONF_BOOL,
	    offsetof(struct conf, embedded_catalog) },
	{ "cors_origins", CONF_ORIGINS, offsetof(struct conf, cors_origins) },
	{ "usage_flush", CONF_FLUSH, offsetof(struct conf, usage_flush_s) },
};

static const struct conf_key feed_keys[] = {
	{ "url", CONF_URL, offsetof(struct conf_feed, url) },
	{ "format", CONF_FORMAT, offsetof(struct conf_feed, format) },
	{ "provider", CONF_SLUG, offsetof(struct conf_feed, provider) },
	{ "interval", CONF_INTERVAL, offsetof(struct conf_feed, interval_s) },
	{ "priority", CONF_PRIORITY, offsetof(struct conf_feed, priority) },
	{ "insecure_http", CONF_BOOL,
	    offsetof(struct conf_feed, insecure_http) },
	{ "timeout", CONF_TIMEOUT, offsetof(struct conf_feed, timeout_s) },
	{ "max_size", CONF_SIZE, offsetof(struct conf_feed, max_size) },
	{ "key_file", CONF_SECRET, offsetof(struct conf_feed, key_file) },
	{ "regions", CONF_REGIONS, offsetof(struct conf_feed, regions) },
};

static const struct conf_key alert_keys[] = {
	{ "url", CONF_URL, offsetof(struct conf_alert, url) },
	{ "url_file", CONF_SECRET, offsetof(struct conf_alert, url_file) },
	{ "format", CONF_ALERT_FORMAT, offsetof(struct conf_alert, format) },
	{ "secret_file", CONF_SECRET,
	    offsetof(struct conf_alert, secret_file) },
	{ "thresholds", CONF_THRESHOLDS,
	    offsetof(struct conf_alert, thresholds) },
	{ "only_used", CONF_BOOL, offsetof(struct conf_alert, only_used) },
	{ "providers", CONF_PROVIDERS, offsetof(struct conf_alert, providers) },
	{ "timeout", CONF_TIMEOUT, offsetof(struct conf_alert, timeout_s) },
};

static const char *const alert_formats[] = { "standard", "slack", "text" };

void
conf_init(struct conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->listen = xstrdup(CONF_DEFAULT_LISTEN);
	conf->database = xstrdup(CONF_DEFAULT_DATABASE);
	conf->embedded_catalog = 1;
	conf->usage_flush_s = CONF_DEFAULT_USAGE_FLUSH;
}

static void
feed_clear(struct conf_feed *f)
{
	free(f->name);
	free(f->url);
	free(f->format);
	free(f->provider);
	free(f->key_file);
	free(f->regions);
}

void
conf_alert_clear(struct conf_alert *a)
{
	free(a->name);
	free(a->url);
	free(a->url_file);
	free(a->format);
	free(a->secret_file);
	free(a->providers);
	memset(a, 0, sizeof(*a));
}

void
conf_alert_copy(struct conf_alert *dst, const struct conf_alert *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->url = xstrdup_or_null(src->url);
	dst->url_file = xstrdup_or_null(src->url_file);
	dst->format = xstrdup_or_null(src->format);
	dst->secret_file = xstrdup_or_null(src->secret_file);
	dst->providers = xstrdup_or_null(src->providers);
}

void
conf_clear(struct conf *conf)
{
	size_t i;

	free(conf->listen);
	free(conf->database);
	free(conf->admin_token_file);
	free(conf->cors_origins);
	for (i = 0; i < conf->nfeeds; i++)
		feed_clear(&conf->feeds[i]);
	free(conf->feeds);
	for (i = 0; i < conf->nalerts; i++)
		conf_alert_clear(&conf->alerts[i]);
	free(conf->alerts);
	memset(conf, 0, sizeof(*conf));
}

static void
conf_copy(struct conf *dst, const struct conf *src)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	dst->listen = xstrdup(src->listen);
	dst->database = xstrdup(src->database);
	dst->admin_token_file = xstrdup_or_null(src->admin_token_file);
	dst->cors_origins = xstrdup_or_null(src->cors_origins);
	dst->embedded_catalog = src->embedded_catalog;
	dst->usage_flush_s = src->usage_flush_s;
	dst->nfeeds = src->nfeeds;
	dst->feeds = xcalloc(src->nfeeds, sizeof(*dst->feeds));
	for (i = 0; i < src->nfeeds; i++) {
		dst->feeds[i] = src->feeds[i];
		dst->feeds[i].name = xstrdup(src->feeds[i].name);
		dst->feeds[i].url = xstrdup_or_null(src->feeds[i].url);
		dst->feeds[i].format = xstrdup_or_null(src->feeds[i].format);
		dst->feeds[i].provider =
		    xstrdup_or_null(src->feeds[i].provider);
		dst->feeds[i].key_file =
		    xstrdup_or_null(src->feeds[i].key_file);
		dst->feeds[i].regions =
		    xstrdup_or_null(src->feeds[i].regions);
	}
	dst->nalerts = src->nalerts;
	dst->alerts = xcalloc(src->nalerts, sizeof(*dst->alerts));
	for (i = 0; i < src->nalerts; i++)
		conf_alert_copy(&dst->alerts[i], &src->alerts[i]);
}

/* The alert called name, or NULL. */
static const struct conf_alert *
find_alert(const struct conf *conf, const char *name)
{
	size_t i;

	for (i = 0; i < conf->nalerts; i++)
		if (strcmp(conf->alerts[i].name, name) == 0)
			return &conf->alerts[i];
	return NULL;
}

const struct conf_feed *
conf_find_feed(const struct conf *conf, const char *name)
{
	size_t i;

	for (i = 0; i < conf->nfeeds; i++)
		if (strcmp(conf->feeds[i].name, name) == 0)
			return &conf->feeds[i];
	return NULL;
}

/* The host part of an http(s) URL, into buf. */
static int
url_host(const char *url, char *buf, size_t size)
{
	const char *p = strstr(url, "://"), *end;
	size_t n;

	if (p == NULL)
		return -1;
	p += 3;
	if (*p == '[') {
		if ((end = strchr(p, ']')) == NULL)
			return -1;
		p++;
	} else
		end = p + strcspn(p, ":/?#");
	n = (size_t)(end - p);
	if (n == 0 || n >= size)
		return -1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 0;
}

int
conf_url_loopback(const char *url)
{
	char host[256];

	if (url_host(url, host, sizeof(host)) < 0)
		return 0;
	str_lower(host);
	return strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 ||
	    strncmp(host, "127.", 4) == 0;
}

int
conf_feed_allows_http(const struct conf_feed *feed)
{
	return feed->insecure_http || conf_url_loopback(feed->url);
}

int
conf_alert_url_check(const char *url, char **cause)
{
	char host[256];

	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0) {
		set_cause(cause, "an alert's URL must be an http(s) URL");
		return -1;
	}
	if (url_host(url, host, sizeof(host)) < 0) {
		set_cause(cause, "an alert's URL names no host");
		return -1;
	}
	if (strncmp(url, "http://", 7) == 0 && !conf_url_loopback(url)) {
		set_cause(cause, "an alert's URL is https, or plain http "
		    "only to a loopback host");
		return -1;
	}
	return 0;
}

/* Cuts a "#" comment: at the start of the line or after whitespace, so a
 * URL's "#fragment" survives. */
static void
cut_comment(char *line)
{
	char *p;

	for (p = line; *p != '\0'; p++)
		if (*p == '#' && (p == line || isspace((unsigned char)p[-1]))) {
			*p = '\0';
			return;
		}
}

static int
parse_duration(const char *s, long min, long max, int *out)
{
	char *end;
	long v, unit;

	v = strtol(s, &end, 10);
	if (end == s || *s < '0' || *s > '9')
		return -1;
	switch (*end) {
	case 's': unit = 1; break;
	case 'm': unit = 60; break;
	case 'h': unit = 3600; break;
	case 'd': unit = 86400; break;
	default: return -1;
	}
	if (end[1] != '\0' || v > max / unit || v * unit < min ||
	    v * unit > max)
		return -1;
	*out = (int)(v * unit);
	return 0;
}

/* 1 when o (lower-cased) is an origin as browsers send it: http or
 * https, a host name or [IPv6 address], an optional port, nothing else. */
static int
valid_origin(const char *o)
{
	const char *p, *host;
	long port;
	char *end;

	if (strncmp(o, "https://", 8) == 0)
		p = o + 8;
	else if (strncmp(o, "http://", 7) == 0)
		p = o + 7;
	else
		return 0;
	host = p;
	if (*p == '[') {
		p += 1 + strspn(p + 1, "0123456789abcdef:.");
		if (*p++ != ']' || p - host < 4)
			return 0;
	} else {
		p += strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789.-");
		if (p == host || *host == '.' || *host == '-')
			return 0;
	}
	if (*p == '\0')
		return 1;
	if (*p != ':' || p[1] < '0' || p[1] > '9')
		return 0;
	port = strtol(p + 1, &end, 10);
	return *end == '\0' && port > 0 && port <= 65535;
}

/*
 * The words of text (which this frees) separated by spaces or commas,
 * each one valid() takes, into a new string of them separated by one
 * space.  NULL with *cause set, "KEY: "word" BAD", for the first it does
 * not take, or "KEY names no NOUN" when there is none.
 */
static char *
parse_words(char *text, const char *key, int (*valid)(const char *),
    const char *bad, const char *noun, char **cause)
{
	char *p = text, *w, *out = NULL, *next;

	while ((w = strsep(&p, " \t,")) != NULL) {
		if (*w == '\0')
			continue;
		if (!valid(w)) {
			set_cause(cause, "%s: \"%s\" %s", key, w, bad);
			free(out);
			free(text);
			return NULL;
		}
		next = out == NULL ? xstrdup(w) : xasprintf("%s %s", out, w);
		free(out);
		out = next;
	}
	free(text);
	if (out == NULL)
		set_cause(cause, "%s names no %s", key, noun);
	return out;
}

/* "*", or exact origins separated by spaces or commas, into a new string
 * of the lower-cased origins separated by one space. */
static char *
parse_origins(const char *value, char **cause)
{
	char *copy = str_lower(xstrdup(value));

	if (strcmp(copy, "*") == 0)
		return copy;
	return parse_words(copy, "cors_origins", valid_origin, "is not an "
	    "origin such as https://dash.example.com or "
	    "http://localhost:8080, nor \"*\" alone", "origin", cause);
}

/* "8M", "64M", "1G", "512K" or a number of bytes, from min to max. */
static int
parse_size(const char *s, long min, long max, int *out)
{
	char *end;
	long v, unit;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *s < '0' || *s > '9' || errno != 0)
		return -1;
	switch (*end) {
	case '\0': unit = 1; break;
	case 'K': unit = 1024; break;
	case 'M': unit = 1024 * 1024; break;
	case 'G': unit = 1024 * 1024 * 1024; break;
	default: return -1;
	}
	if ((*end != '\0' && end[1] != '\0') || v > max / unit ||
	    v * unit < min)
		return -1;
	*out = (int)(v * unit);
	return 0;
}

/* "90,30,7,1": days from 1 to 3650 in any order, into t largest first,
 * without repeats. */
static int
parse_thresholds(const char *value, struct conf_thresholds *t, char **cause)
{
	struct conf_thresholds out;
	char *copy = xstrdup(value), *p = copy, *s, *end;
	size_t i, j;
	long v;
	int rc = -1, tmp;

	memset(&out, 0, sizeof(out));
	while ((s = strsep(&p, ",")) != NULL) {
		s = str_trim(s);
		errno = 0;
		v = strtol(s, &end, 10);
		if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 ||
		    v < 1 || v > CONF_THRESHOLD_DAYS_MAX) {
			set_cause(cause, "thresholds are days from 1 to %d "
			    "separated by commas, such as 90,30,7,1; not "
			    "\"%s\"", CONF_THRESHOLD_DAYS_MAX, s);
			goto out;
		}
		for (i = 0; i < out.n && out.v[i] != v; i++)
			;
		if (i < out.n)
			continue;
		if (out.n == CONF_THRESHOLDS_MAX) {
			set_cause(cause, "at most %d thresholds",
			    CONF_THRESHOLDS_MAX);
			goto out;
		}
		out.v[out.n++] = (int)v;
	}
	for (i = 1; i < out.n; i++)
		for (j = i; j > 0 && out.v[j - 1] < out.v[j]; j--) {
			tmp = out.v[j];
			out.v[j] = out.v[j - 1];
			out.v[j - 1] = tmp;
		}
	*t = out;
	rc = 0;
out:
	free(copy);
	return rc;
}

static int
known_provider(const char *slug)
{
	return provider_find(slug) != NULL;
}

/* Provider slugs the registry knows, separated by commas or spaces, into
 * a new string of them separated by one space. */
static char *
parse_providers(const char *value, char **cause)
{
	return parse_words(xstrdup(value), "providers", known_provider,
	    "is no provider slug sunset knows, such as openai or anthropic",
	    "provider", cause);
}

static int valid_name(const char *);

/* A region's name: lower-case letters, digits and '-', such as
 * us-east-1. */
static int
valid_region(const char *s)
{
	return *s != '\0' && strlen(s) <= 32 &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(s);
}

/* Region names separated by spaces or commas, into a new string of them
 * separated by one space. */
static char *
parse_regions(const char *value, char **cause)
{
	return parse_words(xstrdup(value), "regions", valid_region,
	    "is no region name such as us-east-1", "region", cause);
}

static int
set_value(void *base, const struct conf_key *k, const char *value,
    char **cause)
{
	struct sockaddr_storage ss;
	/* The offsets come from offsetof on the right members. */
	char **str = (char **)(void *)((char *)base + k->offset);
	int *num = (int *)(void *)((char *)base + k->offset);
	const char *p;
	char *end;
	long v;

	switch (k->type) {
	case CONF_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
			*num = 1;
		else if (strcmp(value, "no") == 0 ||
		    strcmp(value, "false") == 0)
			*num = 0;
		else {
			set_cause(cause, "%s must be yes or no", k->name);
			return -1;
		}
		return 0;
	case CONF_INTERVAL:
		if (parse_duration(value, INTERVAL_MIN, INTERVAL_MAX, num) < 0) {
			set_cause(cause, "%s must be a duration from 1m to 30d "
			    "such as 30m, 6h or 1d, not \"%s\"", k->name,
			    value);
			return -1;
		}
		return 0;
	case CONF_TIMEOUT:
		if (parse_duration(value, 1, TIMEOUT_MAX, num) < 0) {
			set_cause(cause, "%s must be a duration from 1s to 10m "
			    "such as 30s or 2m, not \"%s\"", k->name, value);
			return -1;
		}
		return 0;
	case CONF_ORIGINS:
		if ((end = parse_origins(value, cause)) == NULL)
			return -1;
		free(*str);
		*str = end;
		return 0;
	case CONF_SIZE:
		if (parse_size(value, SIZE_MIN, SIZE_MAX_CONF, num) < 0) {
			set_cause(cause, "%s must be a size from 1K to 1G such "
			    "as 8M, 64M or 1G (or bytes), not \"%s\"", k->name,
			    value);
			return -1;
		}
		return 0;
	case CONF_THRESHOLDS:
		return parse_thresholds(value,
		    (struct conf_thresholds *)(void *)((char *)base +
		    k->offset), cause);
	case CONF_PROVIDERS:
		if ((end = parse_providers(value, cause)) == NULL)
			return -1;
		free(*str);
		*str = end;
		return 0;
	case CONF_ALERT_FORMAT:
		for (v = 0; v < (long)NELEM(alert_formats); v++)
			if (strcmp(value, alert_formats[v]) == 0)
				break;
		if (v == (long)NELEM(alert_formats)) {
			set_cause(cause, "format must be standard, slack or "
			    "text, not \"%s\"", value);
			return -1;
		}
		break;
	case CONF_FLUSH:
		v = strtol(value, &end, 10);
		if (*value >= '0' && *value <= '9' && *end == '\0' &&
		    v <= 86400)
			*num = (int)v;
		else if (parse_duration(value, 0, 86400, num) < 0) {
			set_cause(cause, "%s must be a number of seconds from "
			    "0 (off) to 86400, or a duration such as 30s or "
			    "5m, not \"%s\"", k->name, value);
			return -1;
		}
		return 0;
	case CONF_PRIORITY:
		v = strtol(value, &end, 10);
		if (*value < '0' || *value > '9' || *end != '\0' || v > 1000) {
			set_cause(cause, "%s must be a number from 0 to 1000",
			    k->name);
			return -1;
		}
		*num = (int)v;
		return 0;
	case CONF_LISTEN:
		if (addr_parse(value, &ss, cause) < 0)
			return -1;
		break;
	case CONF_PATH:
		if (value[0] != '/') {
			set_cause(cause, "%s must be an absolute path",
			    k->name);
			return -1;
		}
		break;
	case CONF_SECRET:
		if (value[0] != '/' && !valid_name(value)) {
			set_cause(cause, "%s must be an absolute path, or the "
			    "name of a systemd credential (LoadCredential=)",
			    k->name);
			return -1;
		}
		break;
	case CONF_REGIONS:
		if ((end = parse_regions(value, cause)) == NULL)
			return -1;
		free(*str);
		*str = end;
		return 0;
	case CONF_URL:
		if (strncmp(value, "https://", 8) != 0 &&
		    strncmp(value, "http://", 7) != 0) {
			set_cause(cause, "%s must be an http(s) URL", k->name);
			return -1;
		}
		break;
	case CONF_FORMAT:
		if (feed_format_find(value) == NULL) {
			set_cause(cause, "unknown format \"%s\"", value);
			return -1;
		}
		break;
	case CONF_SLUG:
		for (p = value; *p != '\0'; p++)
			if (!islower((unsigned char)*p) &&
			    !isdigit((unsigned char)*p) && *p != '-' &&
			    *p != '_' && *p != '.') {
				set_cause(cause, "%s must be a lower-case slug "
				    "such as openai", k->name);
				return -1;
			}
		break;
	}
	free(*str);
	*str = xstrdup(value);
	return 0;
}

/* Checks the keys of a model-list API feed; fills in its URL and
 * provider. */
static int
check_api_feed(struct conf_feed *f, const struct feed_api *api,
    char **cause)
{
	int regional = api->auth == FEED_AUTH_SIGV4;

	if (f->key_file == NULL) {
		set_cause(cause, "feed %s: format %s needs key_file (never the "
		    "key itself in sunset.conf)", f->name, f->format);
		return -1;
	}
	if (f->provider != NULL && strcmp(f->provider, api->provider) != 0) {
		set_cause(cause, "feed %s: format %s is %s's own API; provider "
		    "cannot be %s", f->name, f->format, api->provider,
		    f->provider);
		return -1;
	}
	if (f->provider == NULL)
		f->provider = xstrdup(api->provider);
	if (f->url == NULL && api->default_url == NULL) {
		set_cause(cause, "feed %s: format %s needs url (the resource's "
		    "endpoint)", f->name, f->format);
		return -1;
	}
	if (f->url == NULL)
		f->url = xstrdup(api->default_url);
	if (regional && f->regions == NULL) {
		set_cause(cause, "feed %s: format %s needs regions (such as "
		    "us-east-1)", f->name, f->format);
		return -1;
	}
	if (!regional && f->regions != NULL) {
		set_cause(cause, "feed %s: format %s has no regions", f->name,
		    f->format);
		return -1;
	}
	if (regional && strchr(f->regions, ' ') != NULL &&
	    strstr(f->url, "{region}") == NULL) {
		set_cause(cause, "feed %s: with several regions, url must say "
		    "where each goes with {region}", f->name);
		return -1;
	}
	return 0;
}

/* Checks a finished feed section; fills in defaults. */
static int
check_feed(struct conf_feed *f, char **cause)
{
	const struct feed_format *fmt;

	if (f->format == NULL) {
		set_cause(cause, "feed %s needs format", f->name);
		return -1;
	}
	fmt = feed_format_find(f->format);
	if (fmt->api != NULL && check_api_feed(f, fmt->api, cause) < 0)
		return -1;
	if (fmt->api == NULL && (f->key_file != NULL || f->regions != NULL)) {
		set_cause(cause, "feed %s: %s is only for the model-list API "
		    "formats", f->name, f->key_file != NULL ? "key_file" :
		    "regions");
		return -1;
	}
	if (f->url == NULL) {
		set_cause(cause, "feed %s needs url", f->name);
		return -1;
	}
	if (fmt->needs_provider && f->provider == NULL) {
		set_cause(cause, "feed %s: format %s needs provider", f->name,
		    f->format);
		return -1;
	}
	if (f->priority < 0)
		f->priority = fmt->priority;
	if (f->max_size == 0)
		f->max_size = fmt->max_size;
	if (strncmp(f->url, "http://", 7) == 0 && !conf_feed_allows_http(f)) {
		set_cause(cause, "feed %s: plain http is only for loopback "
		    "hosts unless insecure_http = yes", f->name);
		return -1;
	}
	return 0;
}

/* Checks a finished alert section; fills in defaults. */
static int
check_alert(struct conf_alert *a, char **cause)
{
	char *why = NULL;

	if ((a->url == NULL) == (a->url_file == NULL)) {
		set_cause(cause, "alert %s needs url or url_file, not both",
		    a->name);
		return -1;
	}
	if (a->url != NULL && conf_alert_url_check(a->url, &why) < 0) {
		set_cause(cause, "alert %s: %s", a->name, why);
		free(why);
		return -1;
	}
	if (a->format == NULL)
		a->format = xstrdup("standard");
	if (strcmp(a->format, "standard") == 0 && a->secret_file == NULL) {
		set_cause(cause, "alert %s: format standard needs secret_file",
		    a->name);
		return -1;
	}
	return 0;
}

/* Checks the section that ends, when there is one. */
static int
check_section(struct conf *work, int kind, char **cause)
{
	if (kind == 'f')
		return check_feed(&work->feeds[work->nfeeds - 1], cause);
	if (kind == 'a')
		return check_alert(&work->alerts[work->nalerts - 1], cause);
	return 0;
}

/* A section name: letters, digits, '-', '_' and '.'. */
static int
valid_name(const char *name)
{
	const char *p;

	for (p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' &&
		    *p != '.')
			return 0;
	return *name != '\0';
}

/* Opens a [feed NAME] or [alert NAME] section; sets *kind to 'f' or
 * 'a'. */
static int
open_section(struct conf *work, char *line, int *kind, char **cause)
{
	struct conf_feed *f;
	struct conf_alert *a;
	char *end = strchr(line, ']'), *name;
	const char *what;

	if (end != NULL && end[1] == '\0' && strncmp(line, "[feed ", 6) == 0) {
		*kind = 'f';
		what = "feed";
	} else if (end != NULL && end[1] == '\0' &&
	    strncmp(line, "[alert ", 7) == 0) {
		*kind = 'a';
		what = "alert";
	} else {
		set_cause(cause, "expected [feed NAME] or [alert NAME]");
		return -1;
	}
	*end = '\0';
	name = str_trim(line + strlen(what) + 2);
	if (!valid_name(name)) {
		set_cause(cause, "a%s %s name is letters, digits, '-', '_' "
		    "and '.'", *kind == 'a' ? "n" : "", what);
		return -1;
	}
	if (*kind == 'a') {
		if (find_alert(work, name) != NULL) {
			set_cause(cause, "alert %s is defined twice", name);
			return -1;
		}
		work->alerts = xreallocarray(work->alerts, work->nalerts + 1,
		    sizeof(*work->alerts));
		a = &work->alerts[work->nalerts++];
		memset(a, 0, sizeof(*a));
		a->name = xstrdup(name);
		a->only_used = 1;
		a->timeout_s = CONF_DEFAULT_ALERT_TIMEOUT;
		parse_thresholds(CONF_DEFAULT_THRESHOLDS, &a->thresholds,
		    NULL);
		return 0;
	}
	if (strcmp(name, CATALOG_EMBEDDED_FEED) == 0 ||
	    conf_find_feed(work, name) != NULL) {
		set_cause(cause, "feed %s is %s", name,
		    conf_find_feed(work, name) != NULL ? "defined twice" :
		    "reserved");
		return -1;
	}
	work->feeds = xreallocarray(work->feeds, work->nfeeds + 1,
	    sizeof(*work->feeds));
	f = &work->feeds[work->nfeeds++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->interval_s = CONF_DEFAULT_INTERVAL;
	f->timeout_s = FETCH_DEFAULT_TIMEOUT;
	f->priority = -1;
	return 0;
}

int
conf_parse(const char *name, const char *text, struct conf *conf,
    char **cause)
{
	struct conf work;
	const struct conf_key *keys = global_keys, *k;
	char *copy = xstrdup(text), *p = copy, *line, *eq, *key, *value;
	char *why = NULL;
	size_t nkeys = NELEM(global_keys), lineno = 0, section_line = 0, i;
	unsigned seen = 0;
	void *base;
	int rc = -1, kind = 0;

	conf_copy(&work, conf);
	/* A file says which feeds and alerts exist: it replaces the
	 * lists. */
	for (i = 0; i < work.nfeeds; i++)
		feed_clear(&work.feeds[i]);
	work.nfeeds = 0;
	for (i = 0; i < work.nalerts; i++)
		conf_alert_clear(&work.alerts[i]);
	work.nalerts = 0;
	while ((line = strsep(&p, "\n")) != NULL) {
		lineno++;
		cut_comment(line);
		line = str_trim(line);
		if (*line == '\0')
			continue;
		if (*line == '[') {
			if (check_section(&work, kind, &why) < 0)
				goto bad_section;
			if (open_section(&work, line, &kind, &why) < 0)
				goto bad;
			keys = kind == 'a' ? alert_keys : feed_keys;
			nkeys = kind == 'a' ? NELEM(alert_keys) :
			    NELEM(feed_keys);
			seen = 0;
			section_line = lineno;
			continue;
		}
		if ((eq = strchr(line, '=')) == NULL) {
			set_cause(&why, "expected key = value");
			goto bad;
		}
		*eq = '\0';
		key = str_trim(line);
		value = str_trim(eq + 1);
		for (k = NULL, i = 0; i < nkeys; i++)
			if (strcmp(keys[i].name, key) == 0)
				k = &keys[i];
		if (k == NULL) {
			set_cause(&why, "unknown key \"%s\"%s", key,
			    kind == 'f' ? " in a feed section" :
			    kind == 'a' ? " in an alert section" : "");
			goto bad;
		}
		if (seen & (1u << (k - keys))) {
			set_cause(&why, "%s is set twice", key);
			goto bad;
		}
		seen |= 1u << (k - keys);
		if (*value == '\0') {
			set_cause(&why, "%s has no value", key);
			goto bad;
		}
		base = kind == 'f' ? (void *)&work.feeds[work.nfeeds - 1] :
		    kind == 'a' ? (void *)&work.alerts[work.nalerts - 1] :
		    (void *)&work;
		if (set_value(base, k, value, &why) < 0)
			goto bad;
	}
	if (check_section(&work, kind, &why) < 0)
		goto bad_section;
	conf_clear(conf);
	*conf = work;
	memset(&work, 0, sizeof(work));
	rc = 0;
	goto out;
bad_section:
	lineno = section_line;
bad:
	set_cause(cause, "%s:%zu: %s", name, lineno, why);
out:
	conf_clear(&work);
	free(why);
	free(copy);
	return rc;
}

int
conf_load(const char *path, struct conf *conf, char **cause)
{
	char *text;
	int rc;

	if ((text = read_file(path, CONF_FILE_MAX, NULL, cause)) == NULL)
		return -1;
	rc = conf_parse(path, text, conf, cause);
	free(text);
	return rc;
}

int
conf_read(const char *path, const char *listen, const char *database,
    struct conf *conf, char **cause)
{
	struct sockaddr_storage ss;

	conf_init(conf);
	if (path == NULL && access(CONF_DEFAULT_PATH, F_OK) == 0)
		path = CONF_DEFAULT_PATH;
	if (path != NULL && conf_load(path, conf, cause) < 0)
		goto fail;
	if (listen != NULL) {
		if (addr_parse(listen, &ss, cause) < 0)
			goto fail;
		free(conf->listen);
		conf->listen = xstrdup(listen);
	}
	if (database != NULL) {
		free(conf->database);
		conf->database = xstrdup(database);
	}
	return 0;
fail:
	conf_clear(conf);
	return -1;
}

char *
conf_secret_path(const char *name, char **cause)
{
	const char *dir;

	if (name[0] == '/')
		return xstrdup(name);
	if ((dir = getenv("CREDENTIALS_DIRECTORY")) == NULL || *dir == '\0') {
		set_cause(cause, "%s names a systemd credential, but "
		    "$CREDENTIALS_DIRECTORY is not set (LoadCredential=%s:PATH "
		    "in the unit)", name, name);
		return NULL;
	}
	return xasprintf("%s/%s", dir, name);
}

char *
conf_read_secret(const char *name, size_t max, size_t *len, char **cause)
{
	struct stat sb;
	char *path, *text = NULL;
	int fd;

	if ((path = conf_secret_path(name, cause)) == NULL)
		return NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) < 0) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		set_cause(cause, "%s: group or others may read it; "
		    "chmod 600 it", path);
		goto out;
	}
	text = read_file(path, max, len, cause);
out:
	free(path);
	return text;
}

char *
conf_read_token(const char *path, char **cause)
{
	char *text, *token;

	if ((text = conf_read_secret(path, 4096, NULL, cause)) == NULL)
		return NULL;
	text[strcspn(text, "\r\n")] = '\0';
	token = *str_trim(text) != '\0' ? xstrdup(str_trim(text)) : NULL;
	explicit_bzero(text, strlen(text));
	free(text);
	if (token == NULL)
		set_cause(cause, "%s: the token is empty", path);
	return token;
}
