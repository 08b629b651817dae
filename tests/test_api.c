/*
 * test_api.c - the HTTP API, started in-process on port 0 and queried with
 * libcurl, the way libmicrohttpd's own testcurl does.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "buf.h"
#include "date.h"
#include "feed.h"
#include "snapshot.h"
#include "gunzip.h"
#include "tap.h"
#include "util.h"

static const char fixture[] =
"{\"format\": \"sunset-feed/1\", \"models\": ["
" {\"provider\": \"openai\", \"id\": \"gpt-4o-mini-realtime-preview-2024-12-17\","
"  \"status\": \"deprecated\", \"announced_on\": \"2026-04-22\","
"  \"shutdown_on\": \"2026-07-23\", \"shutdown_kind\": \"firm\","
"  \"replacements\": [{\"provider\": \"openai\", \"id\": \"gpt-realtime-mini\"}],"
"  \"kind\": \"realtime\","
"  \"sources\": [{\"url\": \"https://example.com/openai/deprecations\"}]},"
" {\"provider\": \"openai\", \"id\": \"gpt-realtime-mini\","
"  \"announced_on\": \"2026-07-20\", \"shutdown_on\": \"2027-01-20\","
"  \"replacements\": [{\"id\": \"gpt-realtime-2.1-mini\"}]},"
" {\"provider\": \"openai\", \"id\": \"gpt-realtime-2.1-mini\", \"status\": \"active\"},"
" {\"provider\": \"openai\", \"id\": \"gpt-4-0613\", \"aliases\": [\"gpt-4\"],"
"  \"shutdown_on\": \"2026-10-23\"},"
" {\"provider\": \"azure\", \"id\": \"gpt-4-0613\", \"shutdown_on\": \"2026-06-06\"},"
" {\"provider\": \"openai\", \"id\": \"far-future-model\", \"shutdown_on\": \"2099-01-01\"},"
" {\"provider\": \"anthropic\", \"id\": \"claude-sonnet-4-5-20250929\","
"  \"shutdown_on\": \"2026-09-29\", \"shutdown_kind\": \"earliest\"},"
" {\"provider\": \"anthropic\", \"id\": \"claude-3-opus-20240229\","
"  \"status\": \"retired\", \"shutdown_on\": \"2026-01-05\"}"
"]}";

/* Earliest ("not before") dates that have come by 2026-12-03 (and by any
 * day the test runs: /metrics reads the clock), beside firm ones. */
static const char overdue_fixture[] =
"{\"format\": \"sunset-feed/1\", \"models\": ["
" {\"provider\": \"google\", \"id\": \"gemini-2.0-flash\","
"  \"status\": \"deprecated\", \"shutdown_on\": \"2026-06-01\","
"  \"shutdown_kind\": \"earliest\","
"  \"replacements\": [{\"id\": \"gemini-2.5-flash\"}]},"
" {\"provider\": \"vertex\", \"id\": \"gemini-2.0-flash\","
"  \"status\": \"active\", \"shutdown_on\": \"2026-02-28\","
"  \"shutdown_kind\": \"earliest\"},"
" {\"provider\": \"openai\", \"id\": \"gpt-4-0613\","
"  \"shutdown_on\": \"2026-12-20\"},"
" {\"provider\": \"openai\", \"id\": \"far-future-model\","
"  \"shutdown_on\": \"2099-01-01\"},"
" {\"provider\": \"anthropic\", \"id\": \"claude-2.1\","
"  \"status\": \"deprecated\"}"
"]}";

struct reply {
	long	 status;
	char	*body;
	size_t	 len;
	char	 headers[4096];
	size_t	 hlen;
	long	 connects;
};

static CURL *curl;
static char base[64];

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct reply *r = arg;

	r->body = realloc(r->body, r->len + size * n + 1);
	memcpy(r->body + r->len, p, size * n);
	r->len += size * n;
	r->body[r->len] = '\0';
	return size * n;
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct reply *r = arg;
	size_t len = size * n;

	if (r->hlen + len < sizeof(r->headers)) {
		memcpy(r->headers + r->hlen, p, len);
		r->hlen += len;
		r->headers[r->hlen] = '\0';
	}
	return len;
}

/* Performs method on path (appended to base) with an optional body. */
static void
request(const char *method, const char *path, const char *body,
    struct reply *r)
{
	char *url = malloc(strlen(base) + strlen(path) + 1);

	strcpy(url, base);
	strcat(url, path);
	memset(r, 0, sizeof(*r));
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	if (body == NULL)
		curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
	if (curl_easy_perform(curl) != CURLE_OK)
		r->status = -1;
	else {
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status);
		curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &r->connects);
	}
	curl_easy_setopt(curl, CURLOPT_NOBODY, 0L);
	free(url);
}

static cJSON *
get_json(const char *path, long want_status, struct reply *r)
{
	cJSON *doc;

	request("GET", path, NULL, r);
	is_int(r->status, want_status, "GET %.60s -> %ld", path, want_status);
	doc = cJSON_Parse(r->body != NULL ? r->body : "");
	ok(doc != NULL, "GET %.60s answers JSON", path);
	return doc;
}

static const char *
str(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

static double
num(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNumber(item) ? item->valuedouble : -99999;
}

/* How often s occurs in text. */
static int
count_of(const char *text, const char *s)
{
	int n = 0;

	while (text != NULL && (text = strstr(text, s)) != NULL) {
		n++;
		text += strlen(s);
	}
	return n;
}

static const char *
error_code(const cJSON *doc)
{
	return str(cJSON_GetObjectItemCaseSensitive(doc, "error"), "code");
}

/* Asserts that path answers status with a JSON error of code. */
static void
expect_error(const char *method, const char *path, const char *body,
    long status, const char *code)
{
	struct reply r;
	cJSON *doc;

	request(method, path, body, &r);
	is_int(r.status, status, "%s %.50s -> %ld", method, path, status);
	doc = cJSON_Parse(r.body != NULL ? r.body : "");
	is_str(error_code(doc), code, "error code %s", code);
	is_str(str(doc, "schema_version"), "1", "error has schema_version");
	cJSON_Delete(doc);
	free(r.body);
}

static void
test_not_ready(void)
{
	struct reply r;
	cJSON *doc;

	doc = get_json("/healthz", 200, &r);
	is_str(str(doc, "status"), "ok", "healthz before the catalog loads");
	cJSON_Delete(doc);
	free(r.body);
	expect_error("GET", "/readyz", NULL, 503, "not_ready");
	expect_error("GET", "/v1/models/gpt-4", NULL, 503, "not_ready");
}

static void
test_model(void)
{
	struct reply r;
	cJSON *doc, *chain;

	doc = get_json("/v1/models/gpt-4o-mini-realtime-preview-2024-12-17"
	    "?at=2026-05-08", 200, &r);
	is_str(str(doc, "status"), "deprecated", "seed deprecated on 05-08");
	is_int(num(doc, "days_left"), 76, "seed has 76 days left on 05-08");
	is_str(str(doc, "match"), "exact", "exact match");
	is_str(str(doc, "replacement"), "gpt-realtime-mini", "replacement");
	is_str(str(doc, "resolved"), "gpt-realtime-2.1-mini",
	    "resolved follows the deprecated replacement");
	chain = cJSON_GetObjectItemCaseSensitive(doc, "chain");
	is_int(cJSON_GetArraySize(chain), 2, "chain has two steps");
	is_str(str(doc, "as_of"), "2026-05-08", "as_of is the at= date");
	is_str(str(doc, "schema_version"), "1", "schema_version");
	ok(strstr(r.headers, "Sunset: Thu, 23 Jul 2026 00:00:00 GMT\r\n") !=
	    NULL, "Sunset header is the HTTP-date of the shutdown day");
	ok(strstr(r.headers, "Deprecation: @1776816000\r\n") != NULL,
	    "Deprecation header is the announcement day");
	ok(strstr(r.headers, "Link: <https://example.com/openai/deprecations>;"
	    " rel=\"deprecation\"") != NULL, "Link names the source");
	ok(strstr(r.headers, "Content-Type: application/json") != NULL,
	    "JSON content type");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/models/gpt-4o-mini-realtime-preview-2024-12-17"
	    "?at=2026-07-23", 200, &r);
	is_str(str(doc, "status"), "retired", "retired on the shutdown day");
	is_int(num(doc, "days_left"), 0, "0 days left on the shutdown day");
	ok(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "deprecated")),
	    "deprecated: true when retired");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/models/OpenAI%2Fgpt-4o-mini-realtime-preview-"
	    "2024-12-17?at=2026-05-08", 200, &r);
	is_str(str(doc, "match"), "normalized", "percent-encoded prefix");
	is_str(str(doc, "id"), "gpt-4o-mini-realtime-preview-2024-12-17",
	    "normalized query reaches the record");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/models/gpt-4?at=2026-05-08", 200, &r);
	is_str(str(doc, "match"), "alias", "alias match");
	is_str(str(doc, "provider"), "openai", "first-party answers first");
	is_int(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc,
	    "others")), 1, "others lists the azure row");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/models/gpt-4-0613?provider=azure&at=2026-05-08",
	    200, &r);
	is_str(str(doc, "provider"), "azure", "provider= selects a platform");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/models/claude-sonnet-4-5-20250929?at=2026-10-01",
	    200, &r);
	is_str(str(doc, "status"), "active", "an earliest date never "
	    "deprecates");
	ok(strstr(r.headers, "Sunset:") == NULL,
	    "no Sunset header for an earliest date");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/models/gpt-4o", 404, &r);
	is_str(error_code(doc), "unknown_model", "unknown id is 404");
	ok(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(doc, "found")),
	    "unknown answer says found: false");
	cJSON_Delete(doc);
	free(r.body);
}

static void
test_bad_requests(void)
{
	char *path;
	struct reply r;

	expect_error("GET", "/v1/models/gpt%zz4", NULL, 400, "bad_request");
	expect_error("GET", "/v1/models/gpt%4", NULL, 400, "bad_request");
	expect_error("GET", "/v1/models/gpt%00-4", NULL, 400, "bad_request");
	expect_error("GET", "/v1/models/gpt-4?provider=%0a", NULL, 400,
	    "bad_request");
	expect_error("GET", "/v1/models/gpt-4?at=2026-02-30", NULL, 400,
	    "bad_date");
	expect_error("GET", "/v1/models/gpt-4?at=tomorrow", NULL, 400,
	    "bad_date");
	expect_error("POST", "/v1/models/gpt-4", "{}", 405,
	    "method_not_allowed");
	request("DELETE", "/healthz", NULL, &r);
	ok(strstr(r.headers, "Allow: GET, HEAD") != NULL, "405 says Allow");
	free(r.body);
	expect_error("GET", "/v2/models/gpt-4", NULL, 404, "not_found");

	path = malloc(API_URI_MAX + 64);
	strcpy(path, "/v1/models/");
	memset(path + strlen(path), 'a', API_URI_MAX);
	path[API_URI_MAX + 11] = '\0';
	expect_error("GET", path, NULL, 414, "uri_too_long");
	free(path);

	path = malloc(API_BODY_MAX + 2);
	memset(path, 'x', API_BODY_MAX + 1);
	path[API_BODY_MAX + 1] = '\0';
	expect_error("PUT", "/healthz", path, 413, "body_too_large");
	free(path);

	expect_error("GET", "/v1/deprecations?limit=1001", NULL, 400,
	    "bad_parameter");
	expect_error("GET", "/v1/deprecations?limit=-1", NULL, 400,
	    "bad_parameter");
	expect_error("GET", "/v1/deprecations?status=gone", NULL, 400,
	    "bad_parameter");

	/* After all of that, it still answers. */
	request("GET", "/healthz", NULL, &r);
	is_int(r.status, 200, "still serving after bad requests");
	free(r.body);
}

static void
test_deprecations(void)
{
	struct reply r, r2;
	cJSON *doc, *doc2, *items;

	doc = get_json("/v1/deprecations?at=2026-05-08", 200, &r);
	items = cJSON_GetObjectItemCaseSensitive(doc, "items");
	/* seed, gpt-realtime-mini, openai gpt-4-0613, azure gpt-4-0613,
	 * far-future-model, claude-3-opus (retired); not the active or
	 * earliest ones. */
	is_int(num(doc, "total"), 6, "deprecated and retired by default");
	is_str(str(cJSON_GetArrayItem(items, 0), "id"),
	    "gpt-4-0613", "soonest shutdown to come first");
	is_str(str(cJSON_GetArrayItem(items, 5), "id"),
	    "claude-3-opus-20240229", "the retired after the dated ones");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-05-08&sort=shutdown_on", 200,
	    &r);
	items = cJSON_GetObjectItemCaseSensitive(doc, "items");
	is_str(str(cJSON_GetArrayItem(items, 0), "id"),
	    "claude-3-opus-20240229", "sort=shutdown_on: earliest date first");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/deprecations?at=2026-05-08&provider=openai"
	    "&within_days=90", 200, &r);
	is_int(num(doc, "total"), 1, "provider and within_days filter");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/deprecations?at=2026-05-08&status=retired", 200,
	    &r);
	is_int(num(doc, "total"), 1, "status filter");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/deprecations?at=2026-05-08&status=active,legacy",
	    200, &r);
	is_int(num(doc, "total"), 2, "status comma list");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/deprecations?at=2026-05-08&limit=2&offset=4",
	    200, &r);
	items = cJSON_GetObjectItemCaseSensitive(doc, "items");
	is_int(num(doc, "total"), 6, "total ignores paging");
	is_int(cJSON_GetArraySize(items), 2, "limit and offset page");
	doc2 = get_json("/v1/deprecations?at=2026-05-08&limit=2&offset=5",
	    200, &r2);
	is_int(cJSON_GetArraySize(cJSON_GetObjectItem(doc2, "items")), 1,
	    "the last page is short");
	cJSON_Delete(doc2);
	free(r2.body);
	cJSON_Delete(doc);
	free(r.body);
}

static void
test_keep_alive(void)
{
	struct reply r;

	request("GET", "/healthz", NULL, &r);
	free(r.body);
	request("GET", "/healthz", NULL, &r);
	is_int(r.connects, 0, "a second request reuses the connection");
	ok(strstr(r.headers, "Connection: close") == NULL,
	    "answers keep the connection alive");
	free(r.body);
}

/* Performs method on path with extra request headers (NULL-terminated). */
static void
request_with(const char *method, const char *path, const char *body,
    const char **headers, struct reply *r)
{
	struct curl_slist *list = NULL;

	for (; headers != NULL && *headers != NULL; headers++)
		list = curl_slist_append(list, *headers);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
	request(method, path, body, r);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(list);
}

/* The value of header name in r, into buf ("" when absent). */
static const char *
header(const struct reply *r, const char *name, char *buf, size_t size)
{
	const char *p = r->headers;
	size_t n = strlen(name), len;

	buf[0] = '\0';
	while ((p = strcasestr(p, name)) != NULL) {
		if ((p == r->headers || p[-1] == '\n') && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			len = strcspn(p, "\r\n");
			if (len >= size)
				len = size - 1;
			memcpy(buf, p, len);
			buf[len] = '\0';
			break;
		}
		p += n;
	}
	return buf;
}

static void
test_etag(void)
{
	struct reply r;
	char etag[64], line[128], cc[64];
	const char *h[2] = { line, NULL };

	request("GET", "/v1/models/gpt-4?at=2026-05-08", NULL, &r);
	header(&r, "ETag", etag, sizeof(etag));
	ok(etag[0] == '"' && etag[strlen(etag) - 1] == '"' && strlen(etag) > 2,
	    "a GET answer has a strong ETag (%s)", etag);
	ok(strcmp(header(&r, "Cache-Control", cc, sizeof(cc)),
	    "public, max-age=60") == 0, "and a Cache-Control (%s)", cc);
	free(r.body);
	snprintf(line, sizeof(line), "If-None-Match: %s", etag);
	request_with("GET", "/v1/models/gpt-4?at=2026-05-08", NULL, h, &r);
	is_int(r.status, 304, "If-None-Match with the ETag is 304");
	ok(r.len == 0, "with no body");
	ok(strstr(r.headers, etag) != NULL, "and the ETag again");
	free(r.body);
	request_with("GET", "/v1/models/gpt-4?at=2026-05-09", NULL, h, &r);
	is_int(r.status, 200, "another answer has another ETag");
	free(r.body);
	snprintf(line, sizeof(line), "If-None-Match: \"0000\"");
	request_with("GET", "/v1/models/gpt-4?at=2026-05-08", NULL, h, &r);
	is_int(r.status, 200, "a stale ETag gets the answer");
	free(r.body);
	request("GET", "/v1/models/nope-nope", NULL, &r);
	ok(strcmp(header(&r, "Cache-Control", cc, sizeof(cc)), "no-store") ==
	    0 && strstr(r.headers, "ETag:") == NULL,
	    "errors are not cached and have no ETag");
	free(r.body);
}

static struct api *the_api;

static void
expect_auth(const char *header, long status, const char *code)
{
	const char *h[2] = { header, NULL };
	struct reply r;
	cJSON *doc;

	request_with("POST", "/v1/sync", "", h, &r);
	is_int(r.status, status, "POST /v1/sync with %s -> %ld",
	    header ? header : "no Authorization", status);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_str(error_code(doc), code, "error code %s", code);
	cJSON_Delete(doc);
	free(r.body);
}

static void
test_admin(void)
{
	api_set_admin_token(the_api, "s3cret-token");
	expect_auth(NULL, 401, "unauthorized");
	expect_auth("Authorization: Basic czNjcmV0LXRva2Vu", 403, "forbidden");
	expect_auth("Authorization: Bearer s3cret-toke", 403, "forbidden");
	expect_auth("Authorization: Bearer s3cret-tokenn", 403, "forbidden");
	expect_auth("Authorization: Bearer S3CRET-TOKEN", 403, "forbidden");
	/* The right token passes; this server has no feeds to sync. */
	expect_auth("Authorization: Bearer s3cret-token", 503, "unavailable");
	api_set_admin_token(the_api, NULL);
}

static void
test_query(void)
{
	static const char *json_type[] = {
		"Content-Type: application/json", NULL };
	static const char *text_type[] = { "Content-Type: text/plain", NULL };
	struct reply r;
	cJSON *doc, *results;
	char *big, *p;
	int i;

	request_with("POST", "/v1/query", "{\"models\": [\"gpt-4\", "
	    "\"nope-nope\", \"openai/gpt-4o-mini-realtime-preview-2024-12-17\""
	    "], \"at\": \"2026-05-08\"}", json_type, &r);
	is_int(r.status, 200, "POST /v1/query answers");
	doc = cJSON_Parse(r.body ? r.body : "");
	results = cJSON_GetObjectItem(doc, "results");
	is_int(cJSON_GetArraySize(results), 3, "one result per id");
	is_str(str(cJSON_GetArrayItem(results, 0), "id"), "gpt-4-0613",
	    "in input order: first");
	ok(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetArrayItem(results, 1),
	    "found")), "an unknown id is found: false, kept in place");
	is_int(num(cJSON_GetArrayItem(results, 2), "days_left"), 76,
	    "the third with its days left on at");
	is_str(str(doc, "as_of"), "2026-05-08", "as_of from the body");
	cJSON_Delete(doc);
	free(r.body);

	expect_error("POST", "/v1/query", "{\"models\": [", 400, "bad_json");
	expect_error("POST", "/v1/query", "[1, 2]", 400, "bad_json");
	expect_error("POST", "/v1/query", "{\"models\": \"gpt-4\"}", 400,
	    "bad_request");
	expect_error("POST", "/v1/query", "{\"models\": [1]}", 400,
	    "bad_request");
	expect_error("POST", "/v1/query", "{\"models\": [], \"at\": \"May\"}",
	    400, "bad_date");
	expect_error("GET", "/v1/query", NULL, 405, "method_not_allowed");
	expect_error("POST", "/v1/sync", "", 403, "admin_disabled");
	test_admin();
	request_with("POST", "/v1/query", "{\"models\": []}", text_type, &r);
	is_int(r.status, 415, "a body that says it is not JSON is 415");
	free(r.body);

	/* 1001 ids: 413. */
	big = malloc(16 * 1001 + 64);
	p = big + sprintf(big, "{\"models\": [");
	for (i = 0; i < 1001; i++)
		p += sprintf(p, "%s\"m%d\"", i ? "," : "", i);
	sprintf(p, "]}");
	expect_error("POST", "/v1/query", big, 413, "too_many_models");
	/* 1000 ids: fine. */
	p = strrchr(big, ',');
	strcpy(p, "]}");
	request("POST", "/v1/query", big, &r);
	is_int(r.status, 200, "1000 ids are answered");
	free(r.body);
	free(big);
}

static void
test_lists(void)
{
	struct reply r;
	cJSON *doc, *items, *first;

	doc = get_json("/v1/deprecations?at=2026-05-08&q=GPT-4", 200, &r);
	is_int(num(doc, "total"), 3, "q matches ids and aliases, any case");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-05-08&sort=id&order=desc",
	    200, &r);
	items = cJSON_GetObjectItem(doc, "items");
	is_str(str(cJSON_GetArrayItem(items, 0), "id"), "gpt-realtime-mini",
	    "sort=id order=desc");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-05-08&sort=provider", 200,
	    &r);
	items = cJSON_GetObjectItem(doc, "items");
	is_str(str(cJSON_GetArrayItem(items, 0), "provider"), "anthropic",
	    "sort=provider");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-05-08&sort=days_left&order="
	    "desc&status=deprecated", 200, &r);
	items = cJSON_GetObjectItem(doc, "items");
	is_str(str(cJSON_GetArrayItem(items, 0), "id"), "far-future-model",
	    "sort=days_left order=desc: the furthest shutdown first");
	cJSON_Delete(doc);
	free(r.body);
	expect_error("GET", "/v1/deprecations?sort=colour", NULL, 400,
	    "bad_parameter");
	expect_error("GET", "/v1/deprecations?order=up", NULL, 400,
	    "bad_parameter");

	doc = get_json("/v1/providers?at=2026-05-08", 200, &r);
	items = cJSON_GetObjectItem(doc, "items");
	is_int(cJSON_GetArraySize(items), 3, "three providers");
	first = cJSON_GetArrayItem(items, 0);
	is_str(str(first, "provider"), "anthropic", "in order");
	is_int(num(first, "total"), 2, "anthropic has two models");
	is_int(num(cJSON_GetObjectItem(first, "by_status"), "retired"), 1,
	    "one retired");
	is_int(num(cJSON_GetObjectItem(first, "by_status"), "active"), 1,
	    "one active");
	cJSON_Delete(doc);
	free(r.body);
}

/* The gauge is the seconds to 00:00 UTC on the shutdown day, and its HELP
 * says so: days_left is the value over 86400, rounded up. */
static void
time_left_is_days_left(const char *body)
{
	const char *key = "sunset_model_time_left_seconds{provider=\"openai\","
	    "id=\"far-future-model\",kind=\"firm\"} ", *p;
	long long secs = -1, days;
	int32_t shut;

	if (body != NULL && (p = strstr(body, key)) != NULL)
		secs = strtoll(p + strlen(key), NULL, 10);
	date_parse_iso("2099-01-01", &shut);
	days = shut - date_today();
	ok(secs > (days - 1) * 86400 && secs <= days * 86400,
	    "the gauge is the seconds to 00:00 UTC on the shutdown day "
	    "(%lld for %lld days left)", secs, days);
	ok(body != NULL && strstr(body, "# HELP sunset_model_time_left_seconds "
	    "Seconds from now to 00:00 UTC on the shutdown day") != NULL,
	    "its HELP says so");
}

static void
test_metrics(void)
{
	struct reply r;
	char ct[128];

	request("GET", "/metrics", NULL, &r);
	is_int(r.status, 200, "GET /metrics");
	ok(strncmp(header(&r, "Content-Type", ct, sizeof(ct)), "text/plain; "
	    "version=0.0.4", 25) == 0, "in the text format (%s)", ct);
	ok(r.body && strstr(r.body, "sunset_catalog_models{provider=\"openai\","
	    "status=\"deprecated\"}") != NULL, "catalog size by provider and "
	    "status");
	ok(r.body && strstr(r.body, "sunset_model_time_left_seconds{provider=\"openai\","
	    "id=\"far-future-model\",kind=\"firm\"}") != NULL,
	    "time left per deprecated model");
	time_left_is_days_left(r.body);
	ok(r.body && strstr(r.body, "sunset_http_requests_total{route="
	    "\"/v1/query\",code=\"413\"} 1") != NULL,
	    "requests by route and code");
	ok(r.body && strstr(r.body, "sunset_http_requests_total{route="
	    "\"other\",code=\"404\"}") != NULL, "unmatched requests too");
	free(r.body);
}

/* GET /v1/feeds and the feed gauges render the published status, each key
 * from a field, nulls where there is nothing; a newer status replaces it. */
static void
test_feeds(void)
{
	const struct api_feed feeds[] = {
		{ "embedded", NULL, "sunset", NULL, 10, 0, 1784764800,
		    1784764800, 0, NULL, 2913, 0, 0 },
		{ "openai", "https://example.com/deprecations.md", "markdown",
		    "openai", 100, 21600, 1784764803, 1784764803, 304, NULL,
		    112, 0, 1784785721 },
		{ "down", "http://127.0.0.1:9/x", "sunset", NULL, 70, 3600,
		    1784764810, 0, 0, "Couldn't connect to server", 0, 3,
		    1784765050 },
	};
	struct reply r;

	expect_error("GET", "/v1/feeds", NULL, 503, "not_ready");
	request("GET", "/metrics", NULL, &r);
	ok(r.status == 200 && r.body && strstr(r.body, "sunset_feed_") ==
	    NULL, "/metrics before a status is published: no feed gauges");
	free(r.body);

	api_publish_feeds(the_api, feeds, sizeof(feeds) / sizeof(feeds[0]));
	request("GET", "/v1/feeds", NULL, &r);
	is_int(r.status, 200, "GET /v1/feeds");
	is_str(r.body, "{\"schema_version\":\"1\",\"items\":["
	    "{\"name\":\"openai\","
	    "\"url\":\"https://example.com/deprecations.md\","
	    "\"format\":\"markdown\",\"provider\":\"openai\","
	    "\"priority\":100,\"interval_s\":21600,"
	    "\"last_attempt_at\":\"2026-07-23T00:00:03Z\","
	    "\"last_success_at\":\"2026-07-23T00:00:03Z\","
	    "\"http_status\":304,\"last_error\":null,\"records\":112,"
	    "\"failures\":0,\"next_run_at\":\"2026-07-23T05:48:41Z\"},"
	    "{\"name\":\"down\",\"url\":\"http://127.0.0.1:9/x\","
	    "\"format\":\"sunset\",\"provider\":null,\"priority\":70,"
	    "\"interval_s\":3600,"
	    "\"last_attempt_at\":\"2026-07-23T00:00:10Z\","
	    "\"last_success_at\":null,\"http_status\":null,"
	    "\"last_error\":\"Couldn't connect to server\",\"records\":0,"
	    "\"failures\":3,\"next_run_at\":\"2026-07-23T00:04:10Z\"},"
	    "{\"name\":\"embedded\",\"url\":null,\"format\":\"sunset\","
	    "\"provider\":null,\"priority\":10,\"interval_s\":null,"
	    "\"last_attempt_at\":\"2026-07-23T00:00:00Z\","
	    "\"last_success_at\":\"2026-07-23T00:00:00Z\","
	    "\"http_status\":null,\"last_error\":null,\"records\":2913,"
	    "\"failures\":0,\"next_run_at\":null}]}",
	    "the items, highest priority first, keys and nulls as documented");
	free(r.body);

	request("GET", "/metrics", NULL, &r);
	ok(r.body && strstr(r.body, "sunset_feed_last_success_timestamp_"
	    "seconds{feed=\"openai\"} 1784764803\n") != NULL &&
	    strstr(r.body, "sunset_feed_last_success_timestamp_seconds{"
	    "feed=\"down\"}") == NULL, "last success per feed, none for a "
	    "feed that never succeeded");
	ok(r.body && strstr(r.body, "sunset_feed_consecutive_failures{"
	    "feed=\"down\"} 3\n") != NULL && strstr(r.body,
	    "sunset_feed_records{feed=\"embedded\"} 2913\n") != NULL,
	    "failures and records per feed");
	free(r.body);

	api_publish_feeds(the_api, feeds + 2, 1);
	request("GET", "/v1/feeds", NULL, &r);
	ok(r.body && count_of(r.body, "\"name\"") == 1 &&
	    strstr(r.body, "\"down\"") != NULL,
	    "a newer status replaces the old");
	free(r.body);
}

static void
test_calendar(void)
{
	struct reply r;
	char ct[128], *line, *save, *copy;
	int lines = 0, long_lines = 0, bare_lf = 0, alarms = 0, events = 0;
	size_t i;

	request("GET", "/v1/calendar.ics?at=2026-05-08", NULL, &r);
	is_int(r.status, 200, "GET /v1/calendar.ics");
	ok(strncmp(header(&r, "Content-Type", ct, sizeof(ct)),
	    "text/calendar", 13) == 0, "text/calendar (%s)", ct);
	for (i = 0; r.body != NULL && r.body[i] != '\0'; i++)
		if (r.body[i] == '\n' && (i == 0 || r.body[i - 1] != '\r'))
			bare_lf++;
	is_int(bare_lf, 0, "every line ends in CRLF");
	copy = strdup(r.body ? r.body : "");
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		lines++;
		long_lines += strlen(line) > 76;	/* 75 octets + CR */
		events += strncmp(line, "BEGIN:VEVENT", 12) == 0;
		alarms += strncmp(line, "TRIGGER:-P", 10) == 0;
	}
	free(copy);
	is_int(long_lines, 0, "no line is longer than 75 octets");
	/* Deprecated or retired with a date on 05-08: seed, realtime-mini,
	 * two gpt-4-0613, far-future, claude-3-opus. */
	is_int(events, 6, "one event per shutdown");
	is_int(alarms, 18, "alarms 30, 7 and 1 days before each");
	ok(r.body && strstr(r.body, "DTSTART;VALUE=DATE:20260723\r\n") &&
	    strstr(r.body, "DTEND;VALUE=DATE:20260724\r\n"),
	    "all-day events on the shutdown day");
	ok(r.body && strstr(r.body, "\r\n ") != NULL, "long lines are folded");
	ok(r.body && strstr(r.body, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") ==
	    r.body && strstr(r.body, "END:VCALENDAR\r\n") != NULL,
	    "a whole VCALENDAR");
	free(r.body);

	request("GET", "/v1/calendar/gpt-4o-mini-realtime-preview-2024-12-17"
	    ".ics?at=2026-05-08", NULL, &r);
	is_int(r.status, 200, "a model's own calendar");
	ok(r.body && strstr(r.body, "UID:openai/gpt-4o-mini-realtime-preview-"
	    "2024-12-17@sunset") != NULL, "with a stable UID");
	free(r.body);
	expect_error("GET", "/v1/calendar/nope-nope.ics", NULL, 404,
	    "unknown_model");
	expect_error("GET", "/v1/calendar/gpt-realtime-2.1-mini.ics", NULL,
	    404, "no_shutdown_date");
}

static void
test_badge(void)
{
	struct reply r;
	cJSON *doc;

	request("GET", "/v1/badge/gpt-4o-mini-realtime-preview-2024-12-17.json"
	    "?at=2026-05-08", NULL, &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_int(num(doc, "schemaVersion"), 1, "shields.io endpoint format");
	is_str(str(doc, "message"), "deprecated: 76 days left", "badge text");
	is_str(str(doc, "color"), "orange", "76 days is orange");
	cJSON_Delete(doc);
	free(r.body);
	request("GET", "/v1/badge/gpt-4o-mini-realtime-preview-2024-12-17.json"
	    "?at=2026-07-01", NULL, &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_str(str(doc, "color"), "red", "22 days is red");
	cJSON_Delete(doc);
	free(r.body);
	request("GET", "/v1/badge/claude-sonnet-4-5-20250929.json?at=2026-05-08",
	    NULL, &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_str(str(doc, "message"), "active, not before 2026-09-29",
	    "an earliest date is not a deprecation");
	cJSON_Delete(doc);
	free(r.body);
	request("GET", "/v1/badge/nope-nope.json", NULL, &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_int(r.status, 200, "an unknown id still renders");
	is_str(str(doc, "message"), "unknown", "as unknown");
	cJSON_Delete(doc);
	free(r.body);
}

static void
test_explain(void)
{
	struct reply r;
	cJSON *doc, *model;

	request("POST", "/v1/explain", "{\"error\": \"The model "
	    "`gpt-4o-mini-realtime-preview-2024-12-17` does not exist or you "
	    "do not have access to it.\"}", &r);
	is_int(r.status, 200, "POST /v1/explain");
	doc = cJSON_Parse(r.body ? r.body : "");
	model = cJSON_GetObjectItem(doc, "model");
	is_str(str(model, "id"), "gpt-4o-mini-realtime-preview-2024-12-17",
	    "names the model the message quotes");
	is_str(str(model, "replacement"), "gpt-realtime-mini",
	    "with its replacement");
	cJSON_Delete(doc);
	free(r.body);
	request("POST", "/v1/explain", "{\"error\": {\"type\": "
	    "\"not_found_error\", \"message\": \"model: claude-3-opus-20240229"
	    "\"}}", &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_str(str(cJSON_GetObjectItem(doc, "model"), "id"),
	    "claude-3-opus-20240229", "a provider's error object pasted in");
	cJSON_Delete(doc);
	free(r.body);
	request("POST", "/v1/explain", "404 models/gpt-4 is not found", &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_str(str(cJSON_GetObjectItem(doc, "model"), "id"), "gpt-4-0613",
	    "plain text, a path-like id");
	cJSON_Delete(doc);
	free(r.body);
	request("POST", "/v1/explain", "{\"error\": \"rate limit exceeded\"}",
	    &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	ok(cJSON_IsNull(cJSON_GetObjectItem(doc, "model")),
	    "a message naming no model explains nothing");
	cJSON_Delete(doc);
	free(r.body);
	expect_error("POST", "/v1/explain", "", 400, "bad_request");
}

/* The ids of a list answer's items, comma-separated, into buf. */
static const char *
item_ids(const cJSON *doc, char *buf, size_t size)
{
	const cJSON *item;

	buf[0] = '\0';
	cJSON_ArrayForEach(item, cJSON_GetObjectItem(doc, "items")) {
		if (buf[0] != '\0')
			strncat(buf, ",", size - strlen(buf) - 1);
		strncat(buf, str(item, "provider"), size - strlen(buf) - 1);
		strncat(buf, "/", size - strlen(buf) - 1);
		strncat(buf, str(item, "id"), size - strlen(buf) - 1);
	}
	return buf;
}

/* What promtool says of body: 1 when it passes, -1 without promtool. */
static int
promtool_check(const char *body)
{
	char path[] = "/tmp/sunset-metrics.XXXXXX", *cmd;
	FILE *f;
	int fd, rc;

	if (system("command -v promtool >/dev/null 2>&1") != 0)
		return -1;
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return 0;
	fputs(body, f);
	fclose(f);
	cmd = malloc(strlen(path) + 64);
	sprintf(cmd, "promtool check metrics <%s >&2", path);
	rc = system(cmd);
	free(cmd);
	unlink(path);
	return rc == 0;
}

/* A passed earliest date everywhere: answers, lists, within_days,
 * metrics, badges, calendars. */
static void
test_overdue(void)
{
	struct recordset records = { 0 };
	struct reply r;
	cJSON *doc, *other;
	char ids[512], line[256];
	int promtool;

	ok(feed_sunset_parse(overdue_fixture, strlen(overdue_fixture), NULL,
	    &records, NULL) == 0, "the overdue fixture parses");
	snapshot_publish(snapshot_new(&records));

	doc = get_json("/v1/models/gemini-2.0-flash?at=2026-12-03", 200, &r);
	is_str(str(doc, "status"), "deprecated",
	    "a passed earliest date does not retire");
	is_int(num(doc, "days_left"), 0, "days_left 0, never negative");
	ok(cJSON_IsTrue(cJSON_GetObjectItem(doc, "overdue")), "overdue: true");
	ok(strstr(r.headers, "Sunset:") == NULL, "and no Sunset header");
	other = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "others"), 0);
	ok(other != NULL && strcmp(str(other, "status"), "active") == 0 &&
	    num(other, "days_left") == 0 &&
	    cJSON_IsTrue(cJSON_GetObjectItem(other, "overdue")),
	    "others: the active vertex row is overdue too");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/models/gpt-4-0613?at=2026-12-03", 200, &r);
	ok(cJSON_IsFalse(cJSON_GetObjectItem(doc, "overdue")),
	    "a firm date: overdue false");
	cJSON_Delete(doc);
	free(r.body);

	doc = get_json("/v1/deprecations?at=2026-12-03", 200, &r);
	is_str(item_ids(doc, ids, sizeof(ids)), "openai/gpt-4-0613,"
	    "openai/far-future-model,google/gemini-2.0-flash,"
	    "anthropic/claude-2.1", "by default: to come, overdue, then no "
	    "date");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-12-03&sort=shutdown_on", 200,
	    &r);
	is_str(item_ids(doc, ids, sizeof(ids)), "openai/gpt-4-0613,"
	    "openai/far-future-model,google/gemini-2.0-flash,"
	    "anthropic/claude-2.1", "sort=shutdown_on: overdue after the firm "
	    "dates, then no date");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-12-03&sort=days_left&"
	    "order=desc", 200, &r);
	is_str(item_ids(doc, ids, sizeof(ids)), "openai/far-future-model,"
	    "openai/gpt-4-0613,google/gemini-2.0-flash,anthropic/claude-2.1",
	    "order=desc: the firm dates reversed, overdue still after them");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-12-03&within_days=30", 200,
	    &r);
	is_str(item_ids(doc, ids, sizeof(ids)), "openai/gpt-4-0613",
	    "within_days counts firm dates only");
	cJSON_Delete(doc);
	free(r.body);
	doc = get_json("/v1/deprecations?at=2026-12-03&status=active&"
	    "within_days=100000", 200, &r);
	is_int(num(doc, "total"), 0, "an overdue active model is not due");
	cJSON_Delete(doc);
	free(r.body);

	request("GET", "/metrics", NULL, &r);
	snprintf(line, sizeof(line), "\nsunset_model_time_left_seconds{"
	    "provider=\"google\",id=\"gemini-2.0-flash\",kind=\"earliest\"}"
	    " 0\n");
	ok(r.body && strstr(r.body, line) != NULL,
	    "metrics: an overdue earliest date is 0, kind=\"earliest\"");
	ok(r.body && strstr(r.body, "\nsunset_model_time_left_seconds{"
	    "provider=\"openai\",id=\"far-future-model\",kind=\"firm\"} ") !=
	    NULL, "a firm date has kind=\"firm\"");
	ok(r.body && strstr(r.body, "} -") == NULL, "no gauge is negative");
	if ((promtool = promtool_check(r.body ? r.body : "")) < 0)
		ok(1, "promtool check metrics # SKIP promtool not installed");
	else
		ok(promtool, "promtool check metrics accepts /metrics");
	free(r.body);

	request("GET", "/v1/badge/gemini-2.0-flash.json?at=2026-12-03", NULL,
	    &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_str(str(doc, "message"), "deprecated, may stop any day",
	    "badge: may stop any day, no negative days");
	is_str(str(doc, "color"), "red", "in red");
	cJSON_Delete(doc);
	free(r.body);
	request("GET", "/v1/badge/gemini-2.0-flash.json?provider=vertex&"
	    "at=2026-12-03", NULL, &r);
	doc = cJSON_Parse(r.body ? r.body : "");
	is_str(str(doc, "message"), "active, may stop any day",
	    "badge: an active model may stop any day too");
	cJSON_Delete(doc);
	free(r.body);

	request("GET", "/v1/calendar.ics?at=2026-12-03", NULL, &r);
	ok(r.body && strstr(r.body, "SUMMARY:google gemini-2.0-flash earliest "
	    "shutdown (not before this day)\r\n") != NULL,
	    "calendar: an earliest date says not before");
	ok(r.body && strstr(r.body, "may stop answering any day") != NULL,
	    "and that it may stop any day");
	is_int(count_of(r.body, "TRIGGER:"), 6,
	    "alarms for the two firm dates only, none in the past for the "
	    "overdue one");
	free(r.body);
	request("GET", "/v1/calendar/gemini-2.0-flash.ics?provider=vertex&"
	    "at=2026-01-01", NULL, &r);
	ok(r.body && strstr(r.body, "not before") != NULL &&
	    count_of(r.body, "TRIGGER:") == 3 && strstr(r.body,
	    "may shut down at the earliest in 7 days") != NULL,
	    "a coming earliest date has alarms that say at the earliest");
	free(r.body);
}

/* Publishes a catalog of n deprecated models, the first shutting down on
 * first_shutdown: enough for answers of tens of kilobytes. */
static void
publish_many(int n, const char *first_shutdown)
{
	struct recordset records = { 0 };
	struct buf b;
	int i;

	buf_init(&b, BUF_MAX_INTERNAL);
	buf_adds(&b, "{\"format\": \"sunset-feed/1\", \"models\": [");
	for (i = 0; i < n; i++)
		buf_addf(&b, "%s{\"provider\": \"openai\", \"id\": "
		    "\"bulk-model-%04d\", \"status\": \"deprecated\", "
		    "\"shutdown_on\": \"%s\", \"sources\": [{\"url\": "
		    "\"https://example.com/deprecations#m%d\"}]}",
		    i ? "," : "", i, i == 0 ? first_shutdown : "2027-03-01",
		    i);
	buf_adds(&b, "]}");
	ok(feed_sunset_parse(buf_str(&b), buf_len(&b), NULL, &records,
	    NULL) == 0, "a catalog of %d models parses", n);
	snapshot_publish(snapshot_new(&records));
	buf_free(&b);
}

/* The value of a counter in /metrics, or -1. */
static long
metric(const char *name)
{
	struct reply r;
	char sample[128];
	const char *p;
	long v = -1;

	snprintf(sample, sizeof(sample), "\n%s ", name);
	request("GET", "/metrics", NULL, &r);
	if (r.body != NULL && (p = strstr(r.body, sample)) != NULL)
		v = strtol(p + strlen(sample), NULL, 10);
	free(r.body);
	return v;
}

/* GET path with Accept-Encoding ae: the answer must decompress to exactly
 * the identity body plain, under an ETag of its own.  Returns the gzip
 * bytes (caller frees) and fills etag. */
static char *
expect_gzip(const char *path, const char *ae, const struct reply *plain,
    char *etag, size_t size, size_t *gzlen)
{
	struct reply r;
	char line[128], ce[32], vary[64], plain_etag[64];
	const char *h[2] = { line, NULL };
	char *back;
	size_t backlen;

	snprintf(line, sizeof(line), "Accept-Encoding: %s", ae);
	request_with("GET", path, NULL, h, &r);
	is_int(r.status, 200, "GET %s with %s", path, line);
	is_str(header(&r, "Content-Encoding", ce, sizeof(ce)), "gzip",
	    "Content-Encoding: gzip");
	ok(strstr(header(&r, "Vary", vary, sizeof(vary)), "Accept-Encoding")
	    != NULL, "Vary: Accept-Encoding (%s)", vary);
	header(&r, "ETag", etag, size);
	header(plain, "ETag", plain_etag, sizeof(plain_etag));
	ok(etag[0] == '"' && strcmp(etag, plain_etag) != 0,
	    "a strong ETag of its own (%s, not %s)", etag, plain_etag);
	back = gunzip(r.body, r.len, &backlen);
	ok(back != NULL && backlen == plain->len &&
	    memcmp(back, plain->body, backlen) == 0,
	    "decompresses to exactly the identity body (%zu bytes from %zu)",
	    plain->len, r.len);
	ok(r.len * 4 < plain->len, "and is much smaller");
	free(back);
	*gzlen = r.len;
	return r.body;
}

static void
test_gzip(void)
{
	const char *path = "/v1/deprecations?limit=1000&at=2026-05-08";
	struct reply plain, r;
	char etag[64], etag2[64], line[128], line2[192], buf[128];
	const char *h[3] = { line, line2, NULL };
	char *gz, *gz2, *back;
	size_t gzlen, gzlen2;
	long hits, misses;

	publish_many(400, "2026-09-01");
	request("GET", path, NULL, &plain);
	is_int(plain.status, 200, "a large list");
	ok(plain.len > 50000, "of %zu bytes", plain.len);
	ok(strstr(header(&plain, "Vary", buf, sizeof(buf)),
	    "Accept-Encoding") != NULL,
	    "an identity answer that could be gzip says Vary too");
	is_str(header(&plain, "Content-Encoding", buf, sizeof(buf)), "",
	    "no Content-Encoding without Accept-Encoding");

	hits = metric("sunset_http_compressed_cache_hits_total");
	misses = metric("sunset_http_compressed_cache_misses_total");
	ok(hits >= 0 && misses >= 0, "/metrics counts the gzip cache");
	gz = expect_gzip(path, "gzip", &plain, etag, sizeof(etag), &gzlen);
	is_int(metric("sunset_http_compressed_cache_misses_total"),
	    misses + 1, "the first gzip request compresses");
	gz2 = expect_gzip(path, "br;q=1.0, gzip;q=0.8", &plain, etag2,
	    sizeof(etag2), &gzlen2);
	is_int(metric("sunset_http_compressed_cache_hits_total"), hits + 1,
	    "the second is served from the snapshot's cache");
	is_int(metric("sunset_http_compressed_cache_misses_total"),
	    misses + 1, "without compressing again");
	ok(gzlen == gzlen2 && memcmp(gz, gz2, gzlen) == 0 &&
	    strcmp(etag, etag2) == 0, "the same bytes under the same ETag");
	free(gz2);

	/* q=0 refuses; a coding the server lacks gets identity. */
	snprintf(line, sizeof(line), "Accept-Encoding: gzip;q=0, br");
	h[1] = NULL;
	request_with("GET", path, NULL, h, &r);
	ok(r.status == 200 && r.len == plain.len &&
	    memcmp(r.body, plain.body, r.len) == 0 &&
	    strstr(r.headers, "Content-Encoding") == NULL,
	    "gzip;q=0 gets the identity body");
	free(r.body);
	snprintf(line, sizeof(line), "Accept-Encoding: *");
	request_with("GET", path, NULL, h, &r);
	is_str(header(&r, "Content-Encoding", buf, sizeof(buf)), "gzip",
	    "* accepts gzip");
	free(r.body);

	/* HEAD says what GET would send. */
	snprintf(line, sizeof(line), "Accept-Encoding: gzip");
	request_with("HEAD", path, NULL, h, &r);
	ok(r.status == 200 && r.len == 0 &&
	    strcmp(header(&r, "ETag", buf, sizeof(buf)), etag) == 0,
	    "HEAD with gzip: the gzip ETag");
	ok(strcmp(header(&r, "Content-Encoding", buf, sizeof(buf)), "gzip")
	    == 0 && strtoul(header(&r, "Content-Length", buf, sizeof(buf)),
	    NULL, 10) == gzlen, "and the gzip length (%s)", buf);
	free(r.body);

	/* Each form revalidates with its own ETag. */
	h[1] = line2;
	snprintf(line2, sizeof(line2), "If-None-Match: %s", etag);
	request_with("GET", path, NULL, h, &r);
	is_int(r.status, 304, "the gzip ETag with gzip: 304");
	ok(r.len == 0 && strcmp(header(&r, "ETag", buf, sizeof(buf)), etag)
	    == 0 && strstr(r.headers, "Vary: Accept-Encoding") != NULL,
	    "with the ETag and Vary and no body");
	free(r.body);
	header(&plain, "ETag", buf, sizeof(buf));
	snprintf(line2, sizeof(line2), "If-None-Match: %s", buf);
	h[0] = line2;
	h[1] = NULL;
	request_with("GET", path, NULL, h, &r);
	is_int(r.status, 304, "the identity ETag without gzip: 304");
	free(r.body);
	h[0] = line;
	h[1] = line2;
	request_with("GET", path, NULL, h, &r);
	is_int(r.status, 200, "the identity ETag asking for gzip: the gzip "
	    "answer");
	free(r.body);
	h[1] = NULL;

	/* Another day is another body, never the other day's gzip. */
	request("GET", "/v1/deprecations?limit=1000&at=2026-05-09", NULL, &r);
	free(expect_gzip("/v1/deprecations?limit=1000&at=2026-05-09", "gzip",
	    &r, etag2, sizeof(etag2), &gzlen2));
	ok(strcmp(etag, etag2) != 0, "another as_of, another gzip ETag");
	free(r.body);

	/* A small answer stays as it is: no Vary, no lock, no gzip. */
	request_with("GET", "/v1/models/bulk-model-0001", NULL, h, &r);
	ok(r.status == 200 && r.len < 1024 &&
	    strstr(r.headers, "Content-Encoding") == NULL &&
	    strstr(r.headers, "Vary") == NULL,
	    "a model's answer is never gzip and does not vary");
	free(r.body);

	/* A POST answer is compressed on its own. */
	request_with("POST", "/v1/query", "{\"models\":[\"bulk-model-0001\","
	    "\"bulk-model-0002\",\"bulk-model-0003\",\"bulk-model-0004\","
	    "\"bulk-model-0005\",\"bulk-model-0006\",\"bulk-model-0007\"]}",
	    h, &r);
	back = gunzip(r.body, r.len, &gzlen2);
	ok(r.status == 200 && strcmp(header(&r, "Content-Encoding", buf,
	    sizeof(buf)), "gzip") == 0 && back != NULL,
	    "a large POST /v1/query answer is gzip too");
	free(back);
	free(r.body);

	/* A new snapshot: the cache went with the old one. */
	misses = metric("sunset_http_compressed_cache_misses_total");
	publish_many(400, "2026-10-01");
	request("GET", path, NULL, &r);
	ok(r.len != plain.len || memcmp(r.body, plain.body, r.len) != 0,
	    "the changed catalog changes the list");
	gz2 = expect_gzip(path, "gzip", &r, etag2, sizeof(etag2), &gzlen2);
	ok(strcmp(etag, etag2) != 0 && (gzlen != gzlen2 ||
	    memcmp(gz, gz2, gzlen) != 0),
	    "a new snapshot's list has a new gzip body and ETag");
	is_int(metric("sunset_http_compressed_cache_misses_total"),
	    misses + 1, "compressed anew for the new snapshot");
	free(gz2);
	free(r.body);
	free(gz);
	free(plain.body);
}

/* GET or OPTIONS (a preflight) path from origin (NULL: none). */
static void
cors_request(const char *method, const char *path, const char *origin,
    struct reply *r)
{
	char line[128];
	const char *h[3] = { line, "Access-Control-Request-Method: GET", NULL };

	snprintf(line, sizeof(line), "Origin: %s", origin);
	if (strcmp(method, "OPTIONS") != 0)
		h[1] = NULL;
	request_with(method, path, NULL, origin != NULL ? h : NULL, r);
}

static void
test_cors(void)
{
	struct reply r;
	char buf[256], etag[64], line[128];
	const char *h[3] = { "Origin: http://a.example", line, NULL };

	cors_request("GET", "/v1/models/bulk-model-0001", "http://a.example",
	    &r);
	ok(r.status == 200 && strstr(r.headers, "Access-Control") == NULL,
	    "CORS is off until configured");
	free(r.body);
	cors_request("OPTIONS", "/v1/deprecations", "http://a.example", &r);
	ok(r.status == 204 && strstr(r.headers, "Access-Control") == NULL,
	    "OPTIONS: 204 without CORS headers when off");
	is_str(header(&r, "Allow", buf, sizeof(buf)), "GET, HEAD, OPTIONS",
	    "and Allow");
	free(r.body);

	api_set_cors(the_api, "*");
	cors_request("GET", "/v1/models/bulk-model-0001", "http://a.example",
	    &r);
	is_str(header(&r, "Access-Control-Allow-Origin", buf, sizeof(buf)),
	    "*", "*: any origin may read");
	ok(strstr(header(&r, "Access-Control-Expose-Headers", buf,
	    sizeof(buf)), "ETag") != NULL && strstr(buf, "Sunset") != NULL &&
	    strstr(buf, "Deprecation") != NULL && strstr(buf, "Link") !=
	    NULL, "and its script may read ETag, Sunset, Deprecation, Link");
	ok(strstr(r.headers, "Vary") == NULL, "the same for all: no Vary");
	header(&r, "ETag", etag, sizeof(etag));
	free(r.body);
	snprintf(line, sizeof(line), "If-None-Match: %s", etag);
	request_with("GET", "/v1/models/bulk-model-0001", NULL, h, &r);
	ok(r.status == 304 && strcmp(header(&r,
	    "Access-Control-Allow-Origin", buf, sizeof(buf)), "*") == 0,
	    "a 304 carries it too");
	free(r.body);
	cors_request("GET", "/v1/models/no-such-model", "http://a.example",
	    &r);
	ok(r.status == 404 && strcmp(header(&r,
	    "Access-Control-Allow-Origin", buf, sizeof(buf)), "*") == 0,
	    "so does an error");
	free(r.body);
	cors_request("OPTIONS", "/v1/models/x", "http://a.example", &r);
	is_int(r.status, 204, "a preflight is 204");
	is_str(header(&r, "Access-Control-Allow-Methods", buf, sizeof(buf)),
	    "GET, HEAD", "GET and HEAD on a GET route");
	ok(strstr(header(&r, "Access-Control-Allow-Headers", buf,
	    sizeof(buf)), "If-None-Match") != NULL, "If-None-Match may be "
	    "sent");
	ok(atoi(header(&r, "Access-Control-Max-Age", buf, sizeof(buf))) > 0,
	    "a preflight may be kept (%s s)", buf);
	free(r.body);
	cors_request("OPTIONS", "/v1/query", "http://a.example", &r);
	ok(r.status == 204 && strcmp(header(&r,
	    "Access-Control-Allow-Methods", buf, sizeof(buf)), "POST") == 0 &&
	    strstr(header(&r, "Access-Control-Allow-Headers", buf,
	    sizeof(buf)), "Content-Type") != NULL,
	    "the read-only POST /v1/query may be called with JSON");
	free(r.body);
	cors_request("OPTIONS", "/v1/sync", "http://a.example", &r);
	ok(r.status == 204 && strstr(r.headers, "Access-Control") == NULL,
	    "never a preflight for /v1/sync");
	free(r.body);
	request_with("POST", "/v1/sync", "", h, &r);
	ok(r.status == 403 && strstr(r.headers, "Access-Control") == NULL,
	    "nor CORS on its answers");
	free(r.body);

	api_set_cors(the_api, "https://dash.example http://a.example");
	cors_request("GET", "/v1/deprecations", "http://a.example", &r);
	is_str(header(&r, "Access-Control-Allow-Origin", buf, sizeof(buf)),
	    "http://a.example", "a listed origin is named back");
	ok(strstr(header(&r, "Vary", buf, sizeof(buf)), "Origin") != NULL,
	    "with Vary: Origin (%s)", buf);
	free(r.body);
	cors_request("GET", "/v1/deprecations", "http://evil.example", &r);
	ok(strstr(r.headers, "Access-Control-Allow-Origin") == NULL &&
	    strstr(header(&r, "Vary", buf, sizeof(buf)), "Origin") != NULL,
	    "another origin is not, and the answer still says Vary: Origin");
	free(r.body);
	cors_request("OPTIONS", "/v1/deprecations", "http://evil.example", &r);
	ok(strstr(r.headers, "Access-Control-Allow") == NULL,
	    "nor is its preflight");
	free(r.body);
	cors_request("GET", "/v1/deprecations", NULL, &r);
	ok(strstr(r.headers, "Access-Control-Allow-Origin") == NULL &&
	    strstr(header(&r, "Vary", buf, sizeof(buf)), "Origin") != NULL,
	    "no Origin: no CORS, Vary: Origin");
	free(r.body);

	api_set_cors(the_api, NULL);
	cors_request("GET", "/v1/deprecations", "http://a.example", &r);
	ok(strstr(r.headers, "Access-Control") == NULL &&
	    strstr(r.headers, "Origin") == NULL, "off again");
	free(r.body);
}

int
main(void)

{
	struct recordset records = { 0 };
	struct api *api;
	char *cause = NULL;

	xcjson_init();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	curl = curl_easy_init();
	struct api_options options = { .listen = "127.0.0.1:0" };

	api = api_start(&options, &cause);
	ok(api != NULL, "API starts on port 0 (%s)", cause ? cause : "");
	if (api == NULL)
		return tap_done();
	ok(api_port(api) != 0, "the kernel picked a port");
	the_api = api;
	snprintf(base, sizeof(base), "http://127.0.0.1:%u", api_port(api));
	options.listen = "127.0.0.1:70000";
	ok(api_start(&options, &cause) == NULL,
	    "a bad listen address is refused");
	free(cause);

	test_not_ready();
	test_feeds();
	ok(feed_sunset_parse(fixture, strlen(fixture), NULL, &records,
	    NULL) == 0, "fixture parses");
	snapshot_publish(snapshot_new(&records));
	test_model();
	test_bad_requests();
	test_deprecations();
	test_keep_alive();
	test_etag();
	test_query();
	test_lists();
	test_metrics();
	test_calendar();
	test_badge();
	test_explain();
	test_overdue();
	test_gzip();
	test_cors();

	api_stop(api, 1000);
	snapshot_publish(NULL);
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	return tap_done();
}
