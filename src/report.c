/*
 * report.c - POST /v1/inventory from the command line.
 *
 * The request is small and the answer capped; redirects are not followed
 * (a POST is not replayed elsewhere), and plain http is only for a daemon
 * on this machine, so a token never crosses a network in the clear.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "addr.h"
#include "buf.h"
#include "jsonw.h"
#include "report.h"
#include "usage.h"
#include "util.h"

#define ANSWER_MAX	(1024 * 1024)
#define TIMEOUT_S	60
#define ROUTE		"/v1/inventory"

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;

	if (buf_add(b, data, size * n) < 0)
		return 0;	/* past the cap: CURLE_WRITE_ERROR */
	return size * n;
}

/* The URL to post to, or NULL with *cause: https anywhere, http only to
 * loopback.  Caller frees. */
static char *
target(const char *url, char **cause)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *hostport = NULL, *out = NULL;
	size_t n = strlen(url);

	if (u == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		set_cause(cause, "\"%s\" is not a URL such as "
		    "http://127.0.0.1:7380", url);
		goto out;
	}
	hostport = xasprintf("%s:0", host);
	if (strcmp(scheme, "https") != 0 && (strcmp(scheme, "http") != 0 ||
	    (strcmp(host, "localhost") != 0 && !addr_is_loopback(hostport)))) {
		set_cause(cause, "\"%s\" is neither https nor http to this "
		    "machine (127.0.0.1, [::1], localhost)", url);
		goto out;
	}
	if (n >= strlen(ROUTE) && strcmp(url + n - strlen(ROUTE), ROUTE) == 0)
		out = xstrdup(url);
	else
		out = xasprintf("%.*s" ROUTE, (int)(n > 0 &&
		    url[n - 1] == '/' ? n - 1 : n), url);
out:
	curl_free(scheme);
	curl_free(host);
	free(hostport);
	curl_url_cleanup(u);
	return out;
}

int
report_check_url(const char *url, char **cause)
{
	char *to = target(url, cause);

	free(to);
	return to != NULL ? 0 : -1;
}

static char *
report_body(const char *label, const struct report_model *models, size_t n)
{
	struct jsonw w;
	size_t i;

	jsonw_init(&w, BUF_MAX_INTERNAL);
	jsonw_obj_open(&w);
	jsonw_key(&w, "label");
	jsonw_str(&w, label);
	jsonw_key(&w, "models");
	jsonw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jsonw_obj_open(&w);
		jsonw_key(&w, "model");
		jsonw_str(&w, models[i].id);
		jsonw_key(&w, "provider");
		jsonw_str(&w, models[i].provider);
		jsonw_obj_close(&w);
	}
	jsonw_arr_close(&w);
	jsonw_obj_close(&w);
	return jsonw_take(&w);
}

/* The size of the array called key in doc, or 0. */
static size_t
array_size(const cJSON *doc, const char *key)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(doc, key);

	return cJSON_IsArray(a) ? (size_t)cJSON_GetArraySize(a) : 0;
}

int
report_post(const char *url, const char *label, const char *token,
    const struct report_model *models, size_t n, size_t *recorded,
    size_t *unknown, char **cause)
{
	struct curl_slist *headers = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", *to, *body = NULL, *h, *text;
	const cJSON *msg;
	cJSON *doc = NULL;
	struct buf answer;
	long status = 0;
	CURLcode rc;
	CURL *curl = NULL;
	int ret = -1;

	buf_init(&answer, ANSWER_MAX);
	if ((to = target(url, cause)) == NULL)
		return -1;
	if ((body = report_body(label, models, n)) == NULL) {
		set_cause(cause, "the report is too large");
		goto out;
	}
	if ((curl = curl_easy_init()) == NULL) {
		set_cause(cause, "cannot start a transfer");
		goto out;
	}
	headers = curl_slist_append(headers, "Content-Type: application/json");
	if (token != NULL) {
		h = xasprintf("Authorization: Bearer %s", token);
		headers = curl_slist_append(headers, h);
		explicit_bzero(h, strlen(h));
		free(h);
	}
	curl_easy_setopt(curl, CURLOPT_URL, to);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)TIMEOUT_S);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "sunset/" PACKAGE_VERSION);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)strlen(body));
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK) {
		set_cause(cause, "%s: %s", to, errbuf[0] != '\0' ? errbuf :
		    curl_easy_strerror(rc));
		goto out;
	}
	text = buf_take(&answer, NULL);
	doc = text != NULL ? cJSON_Parse(text) : NULL;
	free(text);
	if (status < 200 || status > 299) {
		msg = cJSON_GetObjectItemCaseSensitive(
		    cJSON_GetObjectItemCaseSensitive(doc, "error"), "message");
		set_cause(cause, "%s: HTTP status %ld%s%s", to, status,
		    cJSON_IsString(msg) ? ": " : "",
		    cJSON_IsString(msg) ? msg->valuestring : "");
		goto out;
	}
	if (recorded != NULL)
		*recorded = array_size(doc, "recorded");
	if (unknown != NULL)
		*unknown = array_size(doc, "unknown");
	ret = 0;
out:
	cJSON_Delete(doc);
	buf_free(&answer);
	curl_slist_free_all(headers);
	curl_easy_cleanup(curl);
	free(body);
	free(to);
	return ret;
}

/* The last component of path, without trailing slashes; into path. */
static const char *
base_name(char *path)
{
	char *slash;
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	slash = strrchr(path, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

char *
report_default_label(const char *path)
{
	char *dir, *git, *p, *label;
	const char *base;
	struct stat st;

	if ((dir = realpath(path, NULL)) == NULL)
		dir = xstrdup(path);
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    (p = strrchr(dir, '/')) != NULL)
		*(p == dir ? p + 1 : p) = '\0';
	/* The git top level, when there is one above. */
	for (p = dir + strlen(dir); p > dir; ) {
		git = xasprintf("%.*s/.git", (int)(p - dir), dir);
		if (stat(git, &st) == 0) {
			*p = '\0';
			free(git);
			break;
		}
		free(git);
		while (--p > dir && *p != '/')
			;
	}
	base = base_name(dir);
	label = xstrdup(base);
	for (p = label; *p != '\0'; p++)
		if (!usage_label_char((unsigned char)*p, 0))
			*p = '-';
	while (*label != '\0' && !usage_label_char((unsigned char)*label, 1))
		memmove(label, label + 1, strlen(label));
	if (strlen(label) > USAGE_LABEL_MAX)
		label[USAGE_LABEL_MAX] = '\0';
	if (*label == '\0') {
		free(label);
		label = xstrdup("scan");
	}
	free(dir);
	return label;
}
