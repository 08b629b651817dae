/*
 * test_modelapi.c - the model-list API requests: keys from their files
 * (AWS credentials too), the URL of each region and page, and the headers
 * that authenticate them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "feed.h"
#include "modelapi.h"
#include "tap.h"
#include "util.h"

static char dir[] = "/tmp/sunset-modelapi-XXXXXX";

/* Writes text to dir/name with mode; returns the path (caller frees). */
static char *
write_key(const char *name, const char *text, mode_t mode)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	chmod(path, mode);
	return path;
}

static const struct feed_api *
api_of(const char *format)
{
	return feed_format_find(format)->api;
}

static void
test_urls(void)
{
	char *u;

	u = modelapi_url("https://api.anthropic.com/v1/models",
	    api_of("anthropic-models"), NULL, NULL);
	is_str(u, "https://api.anthropic.com/v1/models?limit=1000",
	    "Anthropic: the first page asks for the largest page");
	free(u);
	u = modelapi_url("https://api.anthropic.com/v1/models",
	    api_of("anthropic-models"), NULL, "claude x/y");
	is_str(u, "https://api.anthropic.com/v1/models?limit=1000&"
	    "after_id=claude%20x%2Fy", "the next page: after_id, encoded");
	free(u);
	u = modelapi_url("https://r.openai.azure.com/openai/models?"
	    "api-version=2024-10-21", api_of("azure-models"), NULL, NULL);
	is_str(u, "https://r.openai.azure.com/openai/models?"
	    "api-version=2024-10-21", "Azure: the URL as configured");
	free(u);
	u = modelapi_url("https://bedrock.{region}.amazonaws.com/"
	    "foundation-models", api_of("bedrock-models"), "eu-west-1", NULL);
	is_str(u, "https://bedrock.eu-west-1.amazonaws.com/foundation-models",
	    "Bedrock: the region in its place");
	free(u);
	u = modelapi_url("https://api.openai.com/v1/models",
	    api_of("openai-models"), NULL, "ignored");
	is_str(u, "https://api.openai.com/v1/models",
	    "OpenAI: one page, no cursor");
	free(u);
}

/* 1 when list holds line exactly. */
static int
has(char **list, const char *line)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(*list, line) == 0)
			return 1;
	return 0;
}

static void
test_keys(void)
{
	char name[] = "o";
	struct conf_feed feed;
	struct modelapi_key key;
	char *cause = NULL, **h;
	size_t i;

	memset(&feed, 0, sizeof(feed));
	feed.name = name;
	feed.key_file = write_key("openai.key", "  sk-test-123  \nsecond\n",
	    0600);
	ok(modelapi_read_key(&feed, api_of("openai-models"), &key,
	    &cause) == 0, "a key file of mode 0600 is read");
	is_str(key.key, "sk-test-123", "its first line, trimmed");
	h = modelapi_headers(api_of("openai-models"), &key,
	    "https://api.openai.com/v1/models", NULL, 0, &cause);
	ok(has(h, "Authorization: Bearer sk-test-123"), "OpenAI: a bearer key");
	modelapi_headers_free(h);
	h = modelapi_headers(api_of("anthropic-models"), &key,
	    "https://api.anthropic.com/v1/models", NULL, 0, &cause);
	ok(has(h, "x-api-key: sk-test-123") &&
	    has(h, "anthropic-version: 2023-06-01"),
	    "Anthropic: x-api-key and anthropic-version");
	modelapi_headers_free(h);
	h = modelapi_headers(api_of("azure-models"), &key,
	    "https://r.openai.azure.com/openai/models", NULL, 0, &cause);
	ok(has(h, "api-key: sk-test-123"), "Azure: api-key");
	modelapi_headers_free(h);
	modelapi_key_clear(&key);
	ok(key.key == NULL, "a cleared key holds nothing");
	free(feed.key_file);

	feed.key_file = write_key("shared.key", "sk-shared\n", 0640);
	ok(modelapi_read_key(&feed, api_of("openai-models"), &key,
	    &cause) < 0 && strstr(cause, "group or others may read it") !=
	    NULL && strstr(cause, feed.key_file) != NULL &&
	    strstr(cause, "sk-shared") == NULL,
	    "a group-readable key file is refused, naming it, not the key");
	free(cause);
	cause = NULL;
	free(feed.key_file);

	feed.key_file = write_key("aws", "# sunset's\n[default]\n"
	    "aws_access_key_id = AKIDEXAMPLE\naws_secret_access_key=s3cr3t/x\n"
	    "aws_session_token = tok==\nregion = us-east-1\n", 0600);
	ok(modelapi_read_key(&feed, api_of("bedrock-models"), &key,
	    &cause) == 0, "an AWS credentials file is read");
	ok(key.access_key_id != NULL && key.secret_access_key != NULL &&
	    key.session_token != NULL &&
	    strcmp(key.access_key_id, "AKIDEXAMPLE") == 0 &&
	    strcmp(key.secret_access_key, "s3cr3t/x") == 0 &&
	    strcmp(key.session_token, "tok==") == 0,
	    "its key id, secret and session token");
	h = modelapi_headers(api_of("bedrock-models"), &key,
	    "https://bedrock.eu-west-1.amazonaws.com/foundation-models",
	    "eu-west-1", 1440000000, &cause);
	ok(h != NULL && h[0] != NULL, "Bedrock: signed headers");
	ok(has(h, "X-Amz-Date: 20150819T160000Z") &&
	    has(h, "X-Amz-Security-Token: tok=="),
	    "the time of the signature and the session token");
	for (i = 0; h != NULL && h[i] != NULL; i++)
		if (strncmp(h[i], "Authorization: ", 15) == 0)
			break;
	ok(h != NULL && h[i] != NULL && strncmp(h[i], "Authorization: "
	    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150819/eu-west-1/"
	    "bedrock/aws4_request, SignedHeaders=host;x-amz-date;"
	    "x-amz-security-token, Signature=", 158) == 0,
	    "an AWS4-HMAC-SHA256 signature for bedrock in the region asked");
	ok(h != NULL && h[i] != NULL && strstr(h[i], "s3cr3t") == NULL,
	    "which never holds the secret");
	modelapi_headers_free(h);
	modelapi_key_clear(&key);
	free(feed.key_file);

	feed.key_file = write_key("aws2", "[a]\naws_access_key_id = A\n"
	    "aws_secret_access_key = hidden-secret\n[b]\n"
	    "aws_access_key_id = B\n", 0600);
	ok(modelapi_read_key(&feed, api_of("bedrock-models"), &key,
	    &cause) < 0 && strstr(cause, "line 4") != NULL &&
	    strstr(cause, "second profile") != NULL &&
	    strstr(cause, "hidden-secret") == NULL,
	    "two profiles are refused, naming the line, not the values");
	free(cause);
	cause = NULL;
	free(feed.key_file);

	feed.key_file = write_key("aws3", "aws_access_key_id = A\n", 0600);
	ok(modelapi_read_key(&feed, api_of("bedrock-models"), &key,
	    &cause) < 0 && strstr(cause, "aws_secret_access_key") != NULL,
	    "a key id without its secret is refused");
	free(cause);
	cause = NULL;
	free(feed.key_file);

	setenv("CREDENTIALS_DIRECTORY", dir, 1);
	feed.key_file = xstrdup("openai.key");
	ok(modelapi_read_key(&feed, api_of("openai-models"), &key,
	    &cause) == 0 && strcmp(key.key, "sk-test-123") == 0,
	    "a credential's name is read from $CREDENTIALS_DIRECTORY");
	modelapi_key_clear(&key);
	free(feed.key_file);
	unsetenv("CREDENTIALS_DIRECTORY");
}

int
main(void)
{
	char *cmd;

	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp: cannot make %s\n", dir);
		return 1;
	}
	test_urls();
	test_keys();
	cmd = xasprintf("rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	free(cmd);
	return tap_done();
}
