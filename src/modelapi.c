/*
 * modelapi.c - the key, URLs and headers of the model-list API requests.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "feed.h"
#include "html.h"
#include "modelapi.h"
#include "sigv4.h"
#include "util.h"

/* The largest key file read: an AWS credentials file with a session
 * token is about 1.5 KiB. */
#define KEY_FILE_MAX	(64 * 1024)

void
modelapi_key_clear(struct modelapi_key *key)
{
	wipe_free(key->key);
	wipe_free(key->access_key_id);
	wipe_free(key->secret_access_key);
	wipe_free(key->session_token);
	memset(key, 0, sizeof(*key));
}

/*
 * Reads an AWS credentials file in text (a copy the caller wipes): "name
 * = value" lines, "#" and ";" comments, at most one "[profile]" line.
 * Returns 0, or -1 with *cause set; what *why says names a line, never a
 * value.
 */
static int
parse_aws(char *text, struct modelapi_key *key, char **why)
{
	char *p = text, *line, *eq, *name, *value, **slot;
	int lineno = 0, profiles = 0;

	while ((line = strsep(&p, "\n")) != NULL) {
		lineno++;
		line = str_trim(line);
		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if (*line == '[') {
			if (++profiles > 1) {
				set_cause(why, "line %d: a second profile; "
				    "keep the one sunset should use", lineno);
				return -1;
			}
			continue;
		}
		if ((eq = strchr(line, '=')) == NULL) {
			set_cause(why, "line %d: expected name = value",
			    lineno);
			return -1;
		}
		*eq = '\0';
		name = str_trim(line);
		value = str_trim(eq + 1);
		if (strcmp(name, "aws_access_key_id") == 0)
			slot = &key->access_key_id;
		else if (strcmp(name, "aws_secret_access_key") == 0)
			slot = &key->secret_access_key;
		else if (strcmp(name, "aws_session_token") == 0)
			slot = &key->session_token;
		else
			continue;	/* region, output: not ours */
		wipe_free(*slot);
		*slot = *value != '\0' ? xstrdup(value) : NULL;
	}
	if (key->access_key_id == NULL || key->secret_access_key == NULL) {
		set_cause(why, "it needs aws_access_key_id and "
		    "aws_secret_access_key");
		return -1;
	}
	return 0;
}

int
modelapi_read_key(const struct conf_feed *feed, const struct feed_api *api,
    struct modelapi_key *key, char **cause)
{
	char *text, *why = NULL, *path;
	size_t len;
	int rc = 0;

	memset(key, 0, sizeof(*key));
	if (api->auth != FEED_AUTH_SIGV4) {
		key->key = conf_read_token(feed->key_file, cause);
		return key->key != NULL ? 0 : -1;
	}
	if ((text = conf_read_secret(feed->key_file, KEY_FILE_MAX, &len,
	    cause)) == NULL)
		return -1;
	if (parse_aws(text, key, &why) < 0) {
		path = conf_secret_path(feed->key_file, NULL);
		set_cause(cause, "%s: %s", path != NULL ? path :
		    feed->key_file, why);
		free(path);
		modelapi_key_clear(key);
		rc = -1;
	}
	explicit_bzero(text, len);
	free(text);
	free(why);
	return rc;
}

char *
modelapi_url(const char *url, const struct feed_api *api,
    const char *region, const char *cursor)
{
	const char *at;
	struct buf b;
	char sep;

	buf_init(&b, BUF_MAX_INTERNAL);
	if (region != NULL && (at = strstr(url, "{region}")) != NULL) {
		buf_add(&b, url, (size_t)(at - url));
		buf_adds(&b, region);
		buf_adds(&b, at + strlen("{region}"));
	} else
		buf_adds(&b, url);
	sep = strchr(url, '?') != NULL ? '&' : '?';
	if (api->page_size != NULL) {
		buf_addf(&b, "%c%s", sep, api->page_size);
		sep = '&';
	}
	if (api->page_param != NULL && cursor != NULL) {
		buf_addf(&b, "%c%s=", sep, api->page_param);
		html_pct(&b, cursor);
	}
	return buf_take(&b, NULL);
}

/* Appends a copy of s to the NULL-terminated list *v of *n. */
static void
push(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 2, sizeof(**v));
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

char **
modelapi_headers(const struct feed_api *api, const struct modelapi_key *key,
    const char *url, const char *region, time_t now, char **cause)
{
	struct sigv4_request req;
	struct sigv4_key sk;
	char **v = NULL, **signed_headers, **h;
	size_t n = 0;

	push(&v, &n, xstrdup("Accept: application/json"));
	if (api->header != NULL)
		push(&v, &n, xstrdup(api->header));
	switch (api->auth) {
	case FEED_AUTH_BEARER:
		push(&v, &n, xasprintf("Authorization: Bearer %s", key->key));
		break;
	case FEED_AUTH_X_API_KEY:
		push(&v, &n, xasprintf("x-api-key: %s", key->key));
		break;
	case FEED_AUTH_API_KEY:
		push(&v, &n, xasprintf("api-key: %s", key->key));
		break;
	case FEED_AUTH_SIGV4:
		memset(&req, 0, sizeof(req));
		req.method = "GET";
		req.url = url;
		req.region = region;
		req.service = api->sigv4_service;
		req.now = now;
		sk.access_key_id = key->access_key_id;
		sk.secret_access_key = key->secret_access_key;
		sk.session_token = key->session_token;
		if (sigv4_sign(&req, &sk, &signed_headers, cause) < 0) {
			modelapi_headers_free(v);
			return NULL;
		}
		for (h = signed_headers; *h != NULL; h++)
			push(&v, &n, xstrdup(*h));
		sigv4_headers_free(signed_headers);
		break;
	}
	return v;
}

void
modelapi_headers_free(char **headers)
{
	wipe_strv(headers);
}
