/*
 * api_service.c - the answers about the service: health, readiness, feeds,
 * history, the export for mirrors, the admin sync and the metrics.  Feeds
 * and metrics render the status the main loop published, every key written
 * here from a field; only the history is read from the database, on a
 * connection of its own.  Nothing here writes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alerts.h"
#include "addr.h"
#include "api_int.h"
#include "catalog.h"
#include "date.h"
#include "feed.h"
#include "log.h"

void
api_route_healthz(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	out->body = api_body();
	cJSON_AddStringToObject(out->body, "status", "ok");
}

void
api_route_readyz(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	if (req->snap == NULL) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "not_ready",
		    "the catalog is not loaded yet");
		return;
	}
	out->body = api_body();
	cJSON_AddStringToObject(out->body, "status", "ready");
	cJSON_AddNumberToObject(out->body, "records",
	    (double)snapshot_count(req->snap));
}

/* A new JSON string of s, or null when s is NULL. */
static cJSON *
string_or_null(const char *s)
{
	return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* A new JSON number of n, or null when n is 0 (none). */
static cJSON *
number_or_null(long long n)
{
	return n != 0 ? cJSON_CreateNumber((double)n) : cJSON_CreateNull();
}

/* An RFC 3339 stamp of t in buf, or NULL when t is 0 (never). */
static const char *
stamp_or_null(time_t t, char buf[DATE_TIME_LEN])
{
	if (t == 0)
		return NULL;
	date_format_time(t, buf);
	return buf;
}

/* The GET /v1/feeds item of f: every key written here, from a field. */
static cJSON *
feed_item(const struct api_feed *f)
{
	cJSON *item = cJSON_CreateObject();
	char stamp[DATE_TIME_LEN];

	cJSON_AddStringToObject(item, "name", f->name);
	cJSON_AddItemToObject(item, "url", string_or_null(f->url));
	cJSON_AddItemToObject(item, "format", string_or_null(f->format));
	cJSON_AddItemToObject(item, "provider", string_or_null(f->provider));
	cJSON_AddNumberToObject(item, "priority", f->priority);
	cJSON_AddItemToObject(item, "interval_s",
	    number_or_null(f->interval_s));
	cJSON_AddItemToObject(item, "last_attempt_at",
	    string_or_null(stamp_or_null(f->last_attempt, stamp)));
	cJSON_AddItemToObject(item, "last_success_at",
	    string_or_null(stamp_or_null(f->last_success, stamp)));
	cJSON_AddItemToObject(item, "http_status",
	    number_or_null(f->http_status));
	cJSON_AddItemToObject(item, "last_error",
	    string_or_null(f->last_error));
	cJSON_AddNumberToObject(item, "records", (double)f->records);
	cJSON_AddNumberToObject(item, "failures", f->failures);
	cJSON_AddItemToObject(item, "next_run_at",
	    string_or_null(stamp_or_null(f->next_run, stamp)));
	return item;
}

void
api_route_feeds(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	struct api_feeds *feeds = api_feeds_current(req->api);
	cJSON *items;
	size_t i;

	if (feeds == NULL) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "not_ready",
		    "the feeds' status is not published yet");
		return;
	}
	out->body = api_body();
	items = cJSON_AddArrayToObject(out->body, "items");
	for (i = 0; i < feeds->n; i++)
		cJSON_AddItemToArray(items, feed_item(&feeds->v[i]));
	out->no_cache = 1;
	api_feeds_unref(feeds);
}

void
api_route_changes(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	const char *since = api_arg(c, "since"), *since_time = NULL;
	long long since_seq = 0, next;
	long limit = LIST_LIMIT_DEFAULT, seq = 0;
	char *cause = NULL;
	cJSON *items;

	if (api_arg_uint(c, "limit", LIST_LIMIT_MAX, &limit, out) < 0)
		return;
	if (since != NULL && since[0] >= '0' && since[0] <= '9' &&
	    strchr(since, '-') == NULL) {
		if (api_arg_uint(c, "since", 2000000000L, &seq, out) < 0)
			return;
		since_seq = seq;
	} else if (since != NULL) {
		/* An RFC 3339 time: compared as text with the stored UTC
		 * stamps, so it must have their shape. */
		int32_t day;
		char ymd[11];

		snprintf(ymd, sizeof(ymd), "%s", since);
		if (strlen(since) < 10 || date_parse_iso(ymd, &day) < 0) {
			api_error(out, MHD_HTTP_BAD_REQUEST, "bad_parameter",
			    "since is a change number or an RFC 3339 time");
			return;
		}
		since_time = since;
	}
	if (req->api->database == NULL || (items = catalog_read_changes(
	    req->api->database, since_seq, since_time, (int)limit, &next,
	    &cause)) == NULL) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "the change history cannot be read now");
		log_warn("GET /v1/changes: %s", cause ? cause : "no database");
		free(cause);
		return;
	}
	out->body = api_body();
	cJSON_AddItemToObject(out->body, "items", items);
	cJSON_AddNumberToObject(out->body, "next", (double)next);
	out->no_cache = 1;
}

/* The document written once for the snapshot: a poll that finds it
 * unchanged costs a lookup, not a rendering of the catalog. */
void
api_route_export(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	if ((out->shared = snapshot_export(req->snap)) == NULL) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "not_ready",
		    "the export of this catalog is not written yet");
		return;
	}
	out->last_modified = out->shared->changed_at;
}

/* Compares in time independent of where the strings differ. */
static int
token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char diff = la != lb;

	for (i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return diff == 0;
}

int
api_check_admin(struct MHD_Connection *c, struct api *api, int required,
    struct reply *out)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	const union MHD_ConnectionInfo *info;
	int allowed = 0, configured;

	pthread_mutex_lock(&api->token_lock);
	configured = api->admin_token != NULL;
	if (configured && auth != NULL && strncmp(auth, "Bearer ", 7) == 0)
		allowed = token_equal(auth + 7, api->admin_token);
	pthread_mutex_unlock(&api->token_lock);
	if (!configured && !required) {
		/* Open without a token, but only to this host: a daemon
		 * listening beyond loopback takes writes from others only
		 * with the token. */
		info = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (info != NULL && addr_sa_is_loopback(info->client_addr))
			return 0;
		api_error(out, MHD_HTTP_FORBIDDEN, "admin_disabled",
		    "without an admin_token_file, only clients on this "
		    "host's loopback may use this endpoint");
		return -1;
	}
	if (!configured) {
		api_error(out, MHD_HTTP_FORBIDDEN, "admin_disabled",
		    "admin endpoints are off: no admin_token_file is "
		    "configured");
		return -1;
	}
	if (auth == NULL) {
		api_error(out, MHD_HTTP_UNAUTHORIZED, "unauthorized",
		    "this endpoint needs Authorization: Bearer TOKEN");
		out->auth_challenge = 1;
		return -1;
	}
	if (!allowed) {
		api_error(out, MHD_HTTP_FORBIDDEN, "forbidden",
		    "the token is not the admin token");
		return -1;
	}
	return 0;
}

void
api_route_sync(struct MHD_Connection *c, struct request *req, const char *a,
    struct reply *out)
{
	const char *feed = api_arg(c, "feed");

	if (api_check_admin(c, req->api, 1, out) < 0)
		return;
	if (req->api->request_sync == NULL) {
		api_error(out, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		    "this server does not sync feeds");
		return;
	}
	if (req->api->request_sync(feed) < 0) {
		api_error(out, MHD_HTTP_NOT_FOUND, "unknown_feed",
		    "no feed called %s is configured", feed);
		return;
	}
	out->status = MHD_HTTP_ACCEPTED;
	out->body = api_body();
	cJSON_AddStringToObject(out->body, "status", "queued");
	if (feed != NULL)
		cJSON_AddStringToObject(out->body, "feed", feed);
	else
		cJSON_AddNullToObject(out->body, "feed");
}

/* A label value with \, " and newlines escaped, as the text format
 * wants; into buf. */
static const char *
label(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 3 < size; s++) {
		if (*s == '\\' || *s == '"') {
			buf[n++] = '\\';
			buf[n++] = *s;
		} else if (*s == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else
			buf[n++] = *s;
	}
	buf[n] = '\0';
	return buf;
}

static void
catalog_metrics(const struct snapshot *snap, struct buf *b)
{
	static const enum status statuses[] = { STATUS_ACTIVE, STATUS_LEGACY,
		STATUS_DEPRECATED, STATUS_RETIRED };
	size_t i, j, k, n = snapshot_count(snap), counts[4];
	time_t now = time(NULL);
	int32_t today = date_from_time(now), days;
	int64_t left;
	const struct record *r;
	char l1[512], l2[512];

	buf_addf(b, "# HELP sunset_catalog_models Models in the "
	    "catalog, by provider and status today.\n"
	    "# TYPE sunset_catalog_models gauge\n");
	for (i = 0; i < n; i = j) {
		r = snapshot_record(snap, i);
		memset(counts, 0, sizeof(counts));
		for (j = i; j < n && strcmp(snapshot_record(snap, j)->provider,
		    r->provider) == 0; j++)
			counts[record_status(snapshot_record(snap, j), today) -
			    STATUS_ACTIVE]++;
		for (k = 0; k < NELEM(statuses); k++)
			buf_addf(b, "sunset_catalog_models{"
			    "provider=\"%s\",status=\"%s\"} %zu\n",
			    label(r->provider, l1, sizeof(l1)),
			    status_name(statuses[k]), counts[k]);
	}
	/* Prometheus wants base units: the seconds from now to 00:00 UTC
	 * on the shutdown day (days left is that over 86400, rounded up).
	 * An earliest date that has come is "any day": 0, never below. */
	buf_addf(b, "# HELP sunset_model_time_left_seconds Seconds from "
	    "now to 00:00 UTC on the shutdown day of each deprecated model "
	    "with a date (kind earliest: not before that day); 0 once the "
	    "day has come.\n"
	    "# TYPE sunset_model_time_left_seconds gauge\n");
	for (i = 0; i < n; i++) {
		r = snapshot_record(snap, i);
		if (record_status(r, today) != STATUS_DEPRECATED ||
		    record_days_left(r, today, &days) < 0)
			continue;
		left = date_epoch(r->shutdown_on) - now;
		buf_addf(b, "sunset_model_time_left_seconds{"
		    "provider=\"%s\",id=\"%s\",kind=\"%s\"} %lld\n",
		    label(r->provider, l1, sizeof(l1)), label(r->id, l2,
		    sizeof(l2)), shutdown_kind_name(r->shutdown_kind),
		    left > 0 ? (long long)left : 0LL);
	}
}

enum feed_gauge { GAUGE_LAST_SUCCESS, GAUGE_FAILURES, GAUGE_RECORDS };

static void
feed_metrics(const struct api_feeds *feeds, struct buf *b)
{
	static const struct {
		const char	*name;
		const char	*help;
		enum feed_gauge	 which;
	} gauges[] = {
		{ "sunset_feed_last_success_timestamp_seconds",
		    "When the feed last succeeded (Unix time).",
		    GAUGE_LAST_SUCCESS },
		{ "sunset_feed_consecutive_failures",
		    "Failed attempts of the feed in a row.", GAUGE_FAILURES },
		{ "sunset_feed_records",
		    "Records in the feed's last document applied.",
		    GAUGE_RECORDS },
	};
	const struct api_feed *f;
	char l[512];
	size_t g, i;
	long long value;

	for (g = 0; g < NELEM(gauges); g++) {
		buf_addf(b, "# HELP %s %s\n# TYPE %s gauge\n",
		    gauges[g].name, gauges[g].help, gauges[g].name);
		for (i = 0; i < feeds->n; i++) {
			f = &feeds->v[i];
			switch (gauges[g].which) {
			case GAUGE_LAST_SUCCESS:
				if (f->last_success == 0)
					continue;
				value = (long long)f->last_success;
				break;
			case GAUGE_FAILURES:
				value = f->failures;
				break;
			default:
				value = f->records;
				break;
			}
			buf_addf(b, "%s{feed=\"%s\"} %lld\n",
			    gauges[g].name, label(f->name, l, sizeof(l)),
			    value);
		}
	}
}

/* The alerts' events by state, as the alerts thread last counted them. */
static void
alert_metrics(struct buf *b)
{
	static const char name[] = "sunset_alert_events";
	struct alert_info *v;
	size_t i, n = alerts_info(&v);
	char l[512];

	if (n == 0)
		return;
	buf_addf(b, "# HELP %s Events in the alerts' outbox, by alert and "
	    "state.\n# TYPE %s gauge\n", name, name);
	for (i = 0; i < n; i++) {
		label(v[i].name, l, sizeof(l));
		buf_addf(b, "%s{alert=\"%s\",state=\"pending\"} %lld\n", name,
		    l, v[i].pending);
		buf_addf(b, "%s{alert=\"%s\",state=\"delivered\"} %lld\n",
		    name, l, v[i].delivered);
		buf_addf(b, "%s{alert=\"%s\",state=\"failed\"} %lld\n", name,
		    l, v[i].failed);
	}
	alerts_info_free(v, n);
}

void
api_route_metrics(struct MHD_Connection *c, struct request *req,
    const char *a, struct reply *out)
{
	struct api_feeds *feeds = api_feeds_current(req->api);
	struct buf b;

	buf_init(&b, BUF_MAX_INTERNAL);
	if (req->snap != NULL)
		catalog_metrics(req->snap, &b);
	if (feeds != NULL)
		feed_metrics(feeds, &b);
	api_feeds_unref(feeds);
	alert_metrics(&b);
	api_write_request_metrics(req->api, &b);
	out->text = buf_take(&b, NULL);
	out->content_type = "text/plain; version=0.0.4; charset=utf-8";
	out->no_cache = 1;
}
