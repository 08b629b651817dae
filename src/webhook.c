/*
 * webhook.c - alert payloads, their signatures and their delivery
 * (webhook.h).
 *
 * Everything but webhook_send is pure.  Signatures follow Standard
 * Webhooks: the key is the base64 text after "whsec_", the signed
 * content "id.timestamp.body", the value "v1," and the base64
 * HMAC-SHA256, from OpenSSL's libcrypto.  webhook_send makes one attempt
 * with the caller's curl handle, within the caller's time limit, and is
 * cut short by the caller's stop function: a receiver that stalls holds
 * only the alerts thread, and only until it stops.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "change.h"
#include "date.h"
#include "jsonw.h"
#include "util.h"
#include "webhook.h"

#define CONNECT_TIMEOUT_S	5
#define SECRET_MIN		16	/* bytes of key, at least */
#define SECRET_MAX		512

/* "id (provider)" of r's first replacement, or "none named". */
static void
put_replacement(struct buf *b, const struct record *r)
{
	if (r->nreplacements == 0) {
		buf_adds(b, "no replacement named");
		return;
	}
	buf_addf(b, "replacement: %s", r->replacements[0].id);
	if (r->replacements[0].provider != NULL)
		buf_addf(b, " (%s)", r->replacements[0].provider);
}

/* "shuts down on DATE, N days left" and the like, for r on today. */
static void
put_when(struct buf *b, const struct record *r, int32_t today)
{
	struct answer_state st;
	char date[11];

	if (r->shutdown_on == DATE_NONE) {
		buf_adds(b, "no shutdown date known");
		return;
	}
	answer_state(&st, r, today);
	date_format(r->shutdown_on, date);
	if (r->shutdown_kind == SHUTDOWN_EARLIEST)
		buf_addf(b, "may shut down from %s (not before), %d day%s "
		    "left", date, st.days_left, st.days_left == 1 ? "" : "s");
	else if (st.days_left > 0)
		buf_addf(b, "shuts down on %s, %d day%s left", date,
		    st.days_left, st.days_left == 1 ? "" : "s");
	else if (st.days_left == 0)
		buf_addf(b, "shuts down today, %s", date);
	else
		buf_addf(b, "shut down on %s, %d day%s ago", date,
		    -st.days_left, st.days_left == -1 ? "" : "s");
}

void
webhook_message(struct buf *b, const struct alert_event *e, int32_t today)
{
	const struct record *r = e->record;

	buf_addf(b, "%s (%s)", r->id, r->provider);
	if (e->change != NULL) {
		buf_adds(b, ": ");
		change_describe(b, e->change->change, NULL, e->change->old,
		    e->change->new);
		buf_adds(b, "; ");
	} else if (strcmp(e->event, "past_shutdown") == 0)
		buf_adds(b, " is in use but ");
	else
		buf_adds(b, " ");
	put_when(b, r, today);
	if (e->threshold > 0)
		buf_addf(b, " (%d-day threshold)", e->threshold);
	buf_adds(b, "; ");
	put_replacement(b, r);
}

/* {"provider", "id"} of the first replacement a replacements JSON text
 * names, or null. */
static void
put_json_replacement(struct jsonw *w, const char *json)
{
	cJSON *a = json != NULL ? cJSON_Parse(json) : NULL;
	const cJSON *r = cJSON_GetArrayItem(a, 0), *p, *id;

	p = cJSON_GetObjectItemCaseSensitive(r, "provider");
	id = cJSON_GetObjectItemCaseSensitive(r, "id");
	if (cJSON_IsString(id)) {
		jsonw_obj_open(w);
		jsonw_key(w, "provider");
		jsonw_str(w, cJSON_IsString(p) ? p->valuestring : NULL);
		jsonw_key(w, "id");
		jsonw_str(w, id->valuestring);
		jsonw_obj_close(w);
	} else
		jsonw_null(w);
	cJSON_Delete(a);
}

/* The "data" object of the standard payload. */
static void
put_data(struct jsonw *w, const struct alert_event *e, int32_t today,
    const char *message)
{
	const struct record *r = e->record;
	struct answer_state st;

	answer_state(&st, r, today);
	jsonw_obj_open(w);
	jsonw_key(w, "alert");
	jsonw_str(w, e->alert);
	jsonw_key(w, "event");
	jsonw_str(w, e->event);
	jsonw_key(w, "provider");
	jsonw_str(w, r->provider);
	jsonw_key(w, "model");
	jsonw_str(w, r->id);
	jsonw_key(w, "status");
	jsonw_str(w, status_name(st.status));
	jsonw_key(w, "shutdown_on");
	jsonw_date(w, r->shutdown_on);
	jsonw_key(w, "shutdown_kind");
	jsonw_str(w, r->shutdown_on != DATE_NONE ?
	    shutdown_kind_name(r->shutdown_kind) : NULL);
	jsonw_key(w, "days_left");
	if (st.has_days)
		jsonw_int(w, st.days_left);
	else
		jsonw_null(w);
	jsonw_key(w, "threshold");
	if (e->threshold > 0)
		jsonw_int(w, e->threshold);
	else
		jsonw_null(w);
	jsonw_key(w, "replacement");
	if (r->nreplacements > 0) {
		jsonw_obj_open(w);
		jsonw_key(w, "provider");
		jsonw_str(w, r->replacements[0].provider);
		jsonw_key(w, "id");
		jsonw_str(w, r->replacements[0].id);
		jsonw_obj_close(w);
	} else
		jsonw_null(w);
	if (e->change != NULL) {
		jsonw_key(w, "previous");
		if (strcmp(e->change->change, "replacements") == 0)
			put_json_replacement(w, e->change->old);
		else
			jsonw_str(w, e->change->old);
	}
	jsonw_key(w, "usage");
	if (e->use != NULL) {
		jsonw_obj_open(w);
		jsonw_key(w, "last_seen");
		jsonw_str(w, e->use->last_seen);
		jsonw_key(w, "count");
		jsonw_int(w, e->use->count);
		jsonw_obj_close(w);
	} else
		jsonw_null(w);
	jsonw_key(w, "message");
	jsonw_str(w, message);
	jsonw_obj_close(w);
}

/* s with Slack's three control characters escaped, into b. */
static void
put_slack_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		default: buf_addc(b, *s);
		}
}

char *
webhook_body(const char *format, const struct alert_event *e, time_t now,
    const char **content_type)
{
	int32_t today = date_from_time(now);
	struct buf line, esc;
	struct jsonw w;
	char stamp[21], type[64], *out;

	buf_init(&line, BUF_MAX_INTERNAL);
	webhook_message(&line, e, today);
	jsonw_init(&w, BUF_MAX_INTERNAL);
	*content_type = "application/json";
	if (strcmp(format, "text") == 0) {
		buf_addc(&line, '\n');
		*content_type = "text/plain; charset=utf-8";
		out = buf_take(&line, NULL);
	} else if (strcmp(format, "slack") == 0) {
		buf_init(&esc, BUF_MAX_INTERNAL);
		put_slack_text(&esc, buf_str(&line));
		jsonw_obj_open(&w);
		jsonw_key(&w, "text");
		jsonw_str(&w, buf_str(&esc));
		jsonw_obj_close(&w);
		buf_free(&esc);
		out = jsonw_take(&w);
	} else {
		date_format_time(now, stamp);
		snprintf(type, sizeof(type), "sunset.%s", e->event);
		jsonw_obj_open(&w);
		jsonw_key(&w, "type");
		jsonw_str(&w, type);
		jsonw_key(&w, "timestamp");
		jsonw_str(&w, stamp);
		jsonw_key(&w, "data");
		put_data(&w, e, today, buf_str(&line));
		jsonw_obj_close(&w);
		out = jsonw_take(&w);
	}
	buf_free(&line);
	jsonw_free(&w);
	return out;
}

int
webhook_secret_decode(const char *secret, unsigned char **key, size_t *len,
    char **cause)
{
	const char *text;
	size_t n, pad = 0;
	unsigned char *out;
	int got;

	if (strncmp(secret, WEBHOOK_SECRET_PREFIX,
	    strlen(WEBHOOK_SECRET_PREFIX)) != 0) {
		set_cause(cause, "the secret does not start with \"%s\"",
		    WEBHOOK_SECRET_PREFIX);
		return -1;
	}
	text = secret + strlen(WEBHOOK_SECRET_PREFIX);
	n = strlen(text);
	if (n == 0 || n % 4 != 0 || n > SECRET_MAX ||
	    strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/=") != n) {
		set_cause(cause, "the secret after \"%s\" is not base64",
		    WEBHOOK_SECRET_PREFIX);
		return -1;
	}
	if (text[n - 1] == '=')
		pad += 1 + (text[n - 2] == '=');
	out = xmalloc(n);
	if ((got = EVP_DecodeBlock(out, (const unsigned char *)text,
	    (int)n)) < 0 || (size_t)got < pad ||
	    (size_t)got - pad < SECRET_MIN) {
		free(out);
		set_cause(cause, got < 0 ? "the secret is not base64" :
		    "the secret is shorter than %d bytes", SECRET_MIN);
		return -1;
	}
	*key = out;
	*len = (size_t)got - pad;
	return 0;
}

char *
webhook_sign(const unsigned char *key, size_t keylen, const char *id,
    long long timestamp, const char *body, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *content, *out;
	size_t head;

	content = xasprintf("%s.%lld.", id, timestamp);
	head = strlen(content);
	content = xreallocarray(content, head + len + 1, 1);
	memcpy(content + head, body, len);
	if (HMAC(EVP_sha256(), key, (int)keylen, (unsigned char *)content,
	    head + len, md, &mdlen) == NULL)
		abort();
	free(content);
	out = xmalloc(3 + 4 * ((mdlen + 2) / 3) + 1);
	memcpy(out, "v1,", 3);
	EVP_EncodeBlock((unsigned char *)out + 3, md, (int)mdlen);
	return out;
}

char *
webhook_redact_url(const char *url)
{
	const char *p = strstr(url, "://"), *host, *end, *at;

	if (p == NULL)
		return xstrdup("…");
	host = p + 3;
	end = host + strcspn(host, "/?#");
	/* A user (and password) before the host is a secret too. */
	for (at = end; at > host && at[-1] != '@'; at--)
		;
	if (at > host)
		host = at;
	return xasprintf("%.*s%.*s%s", (int)(p + 3 - url), url,
	    (int)(end - host), host, *end != '\0' ? "/…" : "");
}

/* Reads and drops the answer's body. */
static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	return size * n;
}

static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	const struct webhook_post *p = arg;

	return p->stop != NULL && p->stop();
}

int
webhook_send(void *handle, const struct webhook_post *p,
    struct webhook_result *r)
{
	CURL *curl = handle;
	struct curl_slist *headers = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", *h, *sig;
	long long ts = (long long)time(NULL);
	CURLcode rc;

	memset(r, 0, sizeof(*r));
	curl_easy_reset(curl);
	h = xasprintf("Content-Type: %s", p->content_type);
	headers = curl_slist_append(headers, h);
	free(h);
	h = xasprintf("webhook-id: %s", p->id);
	headers = curl_slist_append(headers, h);
	free(h);
	h = xasprintf("webhook-timestamp: %lld", ts);
	headers = curl_slist_append(headers, h);
	free(h);
	if (p->key != NULL) {
		sig = webhook_sign(p->key, p->keylen, p->id, ts, p->body,
		    p->len);
		h = xasprintf("webhook-signature: %s", sig);
		headers = curl_slist_append(headers, h);
		free(h);
		free(sig);
	}
	headers = curl_slist_append(headers, "Expect:");
	curl_easy_setopt(curl, CURLOPT_URL, p->url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR,
	    strncmp(p->url, "http://", 7) == 0 ? "http" : "https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)(p->timeout_s <
	    CONNECT_TIMEOUT_S ? p->timeout_s : CONNECT_TIMEOUT_S));
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)p->timeout_s);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "sunset/" PACKAGE_VERSION);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, p->body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)p->len);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(curl, CURLOPT_XFERINFODATA, (void *)p);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(headers);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	if (rc != CURLE_OK) {
		snprintf(r->error, sizeof(r->error), "%s",
		    rc == CURLE_ABORTED_BY_CALLBACK ? "cut short by shutdown" :
		    errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
		return -1;
	}
	if (r->status < 200 || r->status > 299) {
		snprintf(r->error, sizeof(r->error), "HTTP %ld", r->status);
		return -1;
	}
	return 0;
}
