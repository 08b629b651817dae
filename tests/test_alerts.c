/*
 * test_alerts.c - the pure parts of the alerts: which events an alert
 * owes (the tightest threshold, change rows the catalog agrees with,
 * past shutdown for models in use, the filters), stable event ids, the
 * receiver's URL without its secrets, Standard Webhooks signatures
 * against the specification's published vector, payload shapes, the
 * retry schedule, and [alert NAME] sections.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert_eval.h"
#include "conf.h"
#include "date.h"
#include "fixture.h"
#include "outbox.h"
#include "tap.h"
#include "webhook.h"

/* Today in the fixtures: 2026-05-08. */
static int32_t today;

static struct conf_alert
rule(const char *name, int only_used, const char *providers)
{
	struct conf conf;
	struct conf_alert a;
	char *text, *cause = NULL;

	conf_init(&conf);
	text = xasprintf("[alert %s]\nurl = https://hooks.example/x\n"
	    "format = text\nonly_used = %s\n%s%s%s", name,
	    only_used ? "yes" : "no", providers ? "providers = " : "",
	    providers ? providers : "", providers ? "\n" : "");
	if (!ok(conf_parse("t.conf", text, &conf, &cause) == 0,
	    "alert section parses"))
		printf("#   %s\n", cause);
	conf_alert_copy(&a, &conf.alerts[0]);
	conf_clear(&conf);
	free(text);
	free(cause);
	return a;
}

/* The event of evs for model and event, or NULL; *count how many. */
static const struct alert_event *
find(const struct alert_event *evs, size_t n, const char *model,
    const char *event, int *count)
{
	const struct alert_event *e = NULL;
	size_t i;

	*count = 0;
	for (i = 0; i < n; i++)
		if (strcmp(evs[i].record->id, model) == 0 &&
		    strcmp(evs[i].event, event) == 0) {
			e = &evs[i];
			(*count)++;
		}
	return e;
}

static void
test_thresholds(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"five\", \"status\": "
	    "\"deprecated\", \"shutdown_on\": \"2026-05-13\", \"shutdown_kind\":"
	    " \"firm\", \"replacements\": [{\"provider\": \"openai\", \"id\": "
	    "\"new\"}]},"
	    "{\"provider\": \"openai\", \"id\": \"one\", \"shutdown_on\": "
	    "\"2026-05-09\", \"shutdown_kind\": \"firm\"},"
	    "{\"provider\": \"openai\", \"id\": \"far\", \"shutdown_on\": "
	    "\"2026-12-31\", \"shutdown_kind\": \"firm\"},"
	    "{\"provider\": \"openai\", \"id\": \"past\", \"shutdown_on\": "
	    "\"2026-05-01\", \"shutdown_kind\": \"firm\"},"
	    "{\"provider\": \"anthropic\", \"id\": \"claude-x\", \"shutdown_on\":"
	    " \"2026-06-01\", \"shutdown_kind\": \"earliest\"},"
	    "{\"provider\": \"anthropic\", \"id\": \"claude-gone\", "
	    "\"shutdown_on\": \"2026-04-01\", \"shutdown_kind\": \"firm\"}");
	struct conf_alert all = rule("all", 0, NULL), used = rule("used", 1,
	    NULL), oa = rule("oa", 0, "openai");
	struct alert_use *uses = xcalloc(2, sizeof(*uses));
	struct alert_event *evs, *again;
	const struct alert_event *e;
	size_t n, m, i;
	int count, same = 1;

	uses[0].provider = xstrdup("openai");
	uses[0].id = xstrdup("past");
	uses[0].last_seen = xstrdup("2026-05-07T00:00:00Z");
	uses[0].count = 4;
	uses[1].provider = xstrdup("openai");
	uses[1].id = xstrdup("five");
	uses[1].last_seen = xstrdup("2026-05-07T00:00:00Z");
	uses[1].count = 9;
	alert_uses_sort(uses, 2);
	n = alert_evaluate(&all, snap, today, uses, 2, NULL, 0, &evs);
	e = find(evs, n, "five", "threshold", &count);
	is_int(count, 1, "5 days out: one threshold event");
	ok(e != NULL && e->threshold == 7, "the tightest threshold: 7");
	is_str(e ? e->date : NULL, "2026-05-13", "keyed by the shutdown date");
	ok(e != NULL && e->use != NULL && e->use->count == 9,
	    "the usage is known");
	e = find(evs, n, "one", "threshold", &count);
	ok(e != NULL && e->threshold == 1, "1 day out: the 1-day event");
	find(evs, n, "far", "threshold", &count);
	is_int(count, 0, "237 days out: no event");
	e = find(evs, n, "claude-x", "threshold", &count);
	ok(e != NULL && e->threshold == 30, "an earliest date 24 days out: 30");
	find(evs, n, "past", "threshold", &count);
	is_int(count, 0, "a passed date makes no threshold event");
	e = find(evs, n, "past", "past_shutdown", &count);
	ok(count == 1 && e != NULL && strcmp(e->date, "2026-05-01") == 0,
	    "a used model past its shutdown: past_shutdown");
	find(evs, n, "claude-gone", "past_shutdown", &count);
	is_int(count, 0, "past_shutdown only for models in use, even with "
	    "only_used = no");

	m = alert_evaluate(&all, snap, today, uses, 2, NULL, 0, &again);
	for (i = 0; i < n && i < m; i++)
		same &= strcmp(evs[i].id, again[i].id) == 0;
	ok(n == m && same, "evaluating again gives the same ids");
	ok(strncmp(evs[0].id, "msg_", 4) == 0 && strlen(evs[0].id) ==
	    ALERT_ID_LEN, "ids are msg_ and 64 hex digits");
	free(again);
	free(evs);

	n = alert_evaluate(&all, snap, today + 3, uses, 2, NULL, 0, &evs);
	e = find(evs, n, "five", "threshold", &count);
	ok(e != NULL && e->threshold == 7, "2 days out: still the 7-day one");
	free(evs);
	n = alert_evaluate(&all, snap, today + 4, uses, 2, NULL, 0, &evs);
	e = find(evs, n, "five", "threshold", &count);
	ok(e != NULL && e->threshold == 1, "1 day out: the 1-day one");
	free(evs);

	n = alert_evaluate(&used, snap, today, uses, 2, NULL, 0, &evs);
	for (i = 0, same = 1; i < n; i++)
		same &= evs[i].use != NULL;
	ok(n == 2 && same, "only_used: only the used models' events");
	free(evs);
	n = alert_evaluate(&oa, snap, today, uses, 2, NULL, 0, &evs);
	for (i = 0, same = 1; i < n; i++)
		same &= strcmp(evs[i].record->provider, "openai") == 0;
	ok(n == 3 && same, "providers = openai: openai's events only");
	free(evs);
	conf_alert_clear(&all);
	conf_alert_clear(&used);
	conf_alert_clear(&oa);
	alert_uses_free(uses, 2);
	snapshot_unref(snap);
}

static void
test_changes(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"moved\", \"shutdown_on\": "
	    "\"2026-09-01\", \"shutdown_kind\": \"firm\", \"replacements\": "
	    "[{\"provider\": \"openai\", \"id\": \"b\"}]}");
	struct conf_alert all = rule("all", 0, NULL);
	struct alert_change changes[] = {
		{ 7, "openai", "moved", "shutdown_on", "2026-08-01",
		    "2026-09-01" },
		/* A weaker feed's word the catalog does not say. */
		{ 8, "openai", "moved", "shutdown_on", "2026-08-01",
		    "2026-10-01" },
		{ 9, "openai", "moved", "replacements",
		    "[{\"provider\":\"openai\",\"id\":\"a\",\"note\":null}]",
		    "[{\"provider\":\"openai\",\"id\":\"b\",\"note\":null}]" },
		{ 10, "openai", "moved", "status", "active", "deprecated" },
		{ 11, "openai", "unknown", "shutdown_on", NULL, "2026-09-01" },
	};
	struct alert_event *evs;
	const struct alert_event *e;
	struct buf b;
	size_t n;
	int count;

	n = alert_evaluate(&all, snap, today, NULL, 0, changes,
	    NELEM(changes), &evs);
	e = find(evs, n, "moved", "shutdown_on", &count);
	ok(count == 1 && e != NULL && strcmp(e->date, "2026-09-01") == 0 &&
	    e->change == &changes[0], "a moved date the catalog says: one "
	    "shutdown_on event keyed by the new date");
	e = find(evs, n, "moved", "replacements", &count);
	ok(count == 1 && e != NULL && strcmp(e->date, "openai/b") == 0,
	    "a new replacement: keyed by it");
	find(evs, n, "moved", "status", &count);
	is_int(count, 0, "a status row is no alert");
	is_int(n, 2, "nothing for a model the catalog does not know");
	buf_init(&b, 4096);
	webhook_message(&b, find(evs, n, "moved", "shutdown_on", &count),
	    today);
	is_str(buf_str(&b), "moved (openai): shutdown date moved from "
	    "2026-08-01 to 2026-09-01; shuts down on 2026-09-01, 116 days "
	    "left; replacement: b (openai)", "the message says the change as "
	    "the change feeds do");
	buf_free(&b);
	free(evs);
	conf_alert_clear(&all);
	snapshot_unref(snap);
}

static void
test_ids(void)
{
	char a[ALERT_ID_LEN + 1], b[ALERT_ID_LEN + 1];

	alert_event_id("ops", "openai", "m", "threshold", "2026-05-13", 7, a);
	alert_event_id("ops", "openai", "m", "threshold", "2026-05-13", 7, b);
	is_str(a, b, "one event, one id");
	alert_event_id("ops", "openai", "m", "threshold", "2026-05-14", 7, b);
	ok(strcmp(a, b) != 0, "a moved date: another id");
	alert_event_id("ops", "openai", "m", "threshold", "2026-05-13", 1, b);
	ok(strcmp(a, b) != 0, "another threshold: another id");
	alert_event_id("ops2", "openai", "m", "threshold", "2026-05-13", 7, b);
	ok(strcmp(a, b) != 0, "another alert: another id");
	/* Fields end with a NUL: no two splits of one text meet. */
	alert_event_id("ab", "c", "m", "e", "d", 0, a);
	alert_event_id("a", "bc", "m", "e", "d", 0, b);
	ok(strcmp(a, b) != 0, "fields cannot run into each other");
}

static void
test_redact(void)
{
	static const struct {
		const char *url, *want;
	} cases[] = {
		{ "https://hooks.slack.com/services/T000/B000/XXXX",
		    "https://hooks.slack.com/…" },
		{ "https://user:pw@example.com:8443/hook?token=s",
		    "https://example.com:8443/…" },
		{ "http://127.0.0.1:9000", "http://127.0.0.1:9000" },
		{ "http://[::1]:9000/x#frag", "http://[::1]:9000/…" },
		{ "https://h.example?k=v", "https://h.example/…" },
	};
	size_t i;
	char *got;

	for (i = 0; i < NELEM(cases); i++) {
		got = webhook_redact_url(cases[i].url);
		is_str(got, cases[i].want, "redacted: %s", cases[i].url);
		free(got);
	}
}

static void
test_signature(void)
{
	unsigned char *key = NULL;
	size_t len = 0;
	char *sig, *cause = NULL;
	const char *body = "{\"test\": 2432232314}";

	/* The specification's published test vector. */
	ok(webhook_secret_decode("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
	    &key, &len, &cause) == 0 && len == 24, "the vector's secret "
	    "decodes to 24 bytes");
	sig = webhook_sign(key, len, "msg_p5jXN8AQM9LWM0D4loKWxJek",
	    1614265330, body, strlen(body));
	is_str(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
	    "the specification's signature");
	free(sig);
	free(key);
	ok(webhook_secret_decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", &key,
	    &len, &cause) < 0 && strstr(cause, "whsec_") != NULL,
	    "a secret without whsec_ is refused");
	free(cause);
	cause = NULL;
	ok(webhook_secret_decode("whsec_c2hvcnQ=", &key, &len, &cause) < 0,
	    "a short key is refused");
	free(cause);
	cause = NULL;
	ok(webhook_secret_decode("whsec_not*base64*", &key, &len, &cause) < 0,
	    "a key that is not base64 is refused");
	free(cause);
}

static void
test_bodies(void)
{
	struct snapshot *snap = snapshot_of(
	    "{\"provider\": \"openai\", \"id\": \"a<b>&c\", \"shutdown_on\": "
	    "\"2026-05-13\", \"shutdown_kind\": \"firm\"}");
	struct conf_alert all = rule("all", 0, NULL);
	struct alert_event *evs;
	const char *type;
	char *body;
	cJSON *j;
	size_t n;

	n = alert_evaluate(&all, snap, today, NULL, 0, NULL, 0, &evs);
	is_int(n, 1, "one event");
	body = webhook_body("standard", &evs[0], date_epoch(today), &type);
	j = cJSON_Parse(body);
	is_str(type, "application/json", "standard: JSON");
	is_str(cJSON_GetStringValue(cJSON_GetObjectItem(j, "type")),
	    "sunset.threshold", "standard: type");
	ok(cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(j,
	    "data"), "threshold")) == 7, "standard: data.threshold");
	ok(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "data"),
	    "replacement")), "standard: no replacement is null");
	cJSON_Delete(j);
	free(body);
	body = webhook_body("slack", &evs[0], date_epoch(today), &type);
	j = cJSON_Parse(body);
	ok(cJSON_IsString(cJSON_GetObjectItem(j, "text")) &&
	    strstr(cJSON_GetObjectItem(j, "text")->valuestring,
	    "a&lt;b&gt;&amp;c (openai) shuts down on 2026-05-13, 5 days left "
	    "(7-day threshold)") != NULL, "slack: {\"text\"} with &, <, > "
	    "escaped");
	cJSON_Delete(j);
	free(body);
	body = webhook_body("text", &evs[0], date_epoch(today), &type);
	ok(strncmp(type, "text/plain", 10) == 0 && body[strlen(body) - 1] ==
	    '\n' && strchr(body, '\n') == body + strlen(body) - 1,
	    "text: one line");
	free(body);
	free(evs);
	conf_alert_clear(&all);
	snapshot_unref(snap);
}

static void
test_retry(void)
{
	time_t next = 0, t0 = 1000000;

	ok(outbox_retry_at(t0, 1, t0, &next) == 0 && next == t0 + 5,
	    "first retry after 5 s");
	ok(outbox_retry_at(t0, 2, t0, &next) == 0 && next == t0 + 10,
	    "then 10 s");
	ok(outbox_retry_at(t0, 20, t0, &next) == 0 && next == t0 + 3600,
	    "never more than an hour apart");
	ok(outbox_retry_at(t0, 9, t0 + 3 * 86400, &next) < 0,
	    "given up 3 days after the event was made");
}

static void
test_conf(void)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "[alert a]\nurl = https://h/x\nurl_file = /x\n",
		    "t.conf:1: alert a needs url or url_file, not both" },
		{ "[alert a]\n", "t.conf:1: alert a needs url or url_file" },
		{ "[alert a]\nurl = https://h/x\n",
		    "t.conf:1: alert a: format standard needs secret_file" },
		{ "\n[alert a]\nurl = http://example.com/x\nformat = text\n",
		    "t.conf:2: alert a: an alert's URL is https, or plain "
		    "http only to a loopback host" },
		{ "[alert a]\nformat = xml\n", "t.conf:2: format must be" },
		{ "[alert a]\nthresholds = 90,0\n", "t.conf:2: thresholds are" },
		{ "[alert a]\nthresholds = 3651\n", "t.conf:2: thresholds are" },
		{ "[alert a]\nproviders = openai, nosuch\n",
		    "t.conf:2: providers: \"nosuch\"" },
		{ "[alert a]\nurl_file = some/relative\n",
		    "t.conf:2: url_file must be an absolute path, or the name "
		    "of a systemd credential" },
		{ "[alert a]\nfrequency = 1\n",
		    "t.conf:2: unknown key \"frequency\" in an alert section" },
		{ "[alert a]\nurl = https://h/x\nformat = text\n[alert a]\n",
		    "t.conf:4: alert a is defined twice" },
	};
	struct conf conf;
	char *cause;
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		cause = NULL;
		conf_init(&conf);
		if (!ok(conf_parse("t.conf", bad[i].text, &conf, &cause) < 0 &&
		    cause != NULL && strncmp(cause, bad[i].want,
		    strlen(bad[i].want)) == 0, "refused: %s", bad[i].want))
			printf("#   got %s\n", cause ? cause : "(none)");
		free(cause);
		conf_clear(&conf);
	}
	cause = NULL;
	conf_init(&conf);
	ok(conf_parse("t.conf", "[alert s]\nurl_file = /etc/hook\n"
	    "format = slack\nthresholds = 7, 90,30 ,7\nonly_used = no\n"
	    "providers = anthropic,openai\n", &conf, &cause) == 0 &&
	    conf.nalerts == 1, "a slack alert from a file");
	ok(conf.alerts[0].thresholds.n == 3 &&
	    conf.alerts[0].thresholds.v[0] == 90 &&
	    conf.alerts[0].thresholds.v[2] == 7, "thresholds: largest first, "
	    "once each");
	is_str(conf.alerts[0].providers, "anthropic openai", "providers");
	ok(!conf.alerts[0].only_used && conf.alerts[0].timeout_s == 15,
	    "only_used = no; the default timeout");
	conf_clear(&conf);
	conf_init(&conf);
	ok(conf_parse("t.conf", "[alert d]\nurl = http://localhost:9/x\n"
	    "secret_file = /etc/s\n", &conf, &cause) == 0 &&
	    strcmp(conf.alerts[0].format, "standard") == 0 &&
	    conf.alerts[0].only_used && conf.alerts[0].thresholds.n == 4,
	    "defaults: standard, only_used, 90,30,7,1; http to loopback");
	conf_clear(&conf);
	free(cause);
}

int
main(void)
{
	today = date_from_ymd(2026, 5, 8);
	test_thresholds();
	test_changes();
	test_ids();
	test_redact();
	test_signature();
	test_bodies();
	test_retry();
	test_conf();
	return tap_done();
}
