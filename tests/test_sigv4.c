/*
 * test_sigv4.c - AWS Signature Version 4 against AWS's published test
 * suite (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html,
 * kept with the AWS Common Runtime as aws-c-auth's
 * tests/aws-signing-test-suite/v4), the headers it returns, and what it
 * refuses.
 *
 * Every suite case signs with AKIDEXAMPLE's example secret at
 * 2015-08-30T12:36:00Z for us-east-1 and service "service" on
 * example.amazonaws.com; the expected signatures are AWS's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sigv4.h"
#include "tap.h"
#include "util.h"

#define SECRET	"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define WHEN	((time_t)1440938160)	/* 20150830T123600Z */
#define CRED	"Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" \
	"20150830/us-east-1/service/aws4_request, "
#define TOKEN	"6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"

static const struct {
	const char	*name;
	const char	*url;
	const char	*token;
	const char	*sig;
} suite[] = {
	{ "get-vanilla", "https://example.amazonaws.com/", NULL,
	  "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
	{ "get-vanilla-query-order-key-case",
	  "https://example.amazonaws.com/?Param2=value2&Param1=value1", NULL,
	  "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
	{ "get-vanilla-query-order-encoded",
	  "https://example.amazonaws.com/?Param-3=Value3&Param=Value2&"
	  "%E1%88%B4=Value1", NULL,
	  "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac" },
	{ "get-vanilla-query-unreserved",
	  "https://example.amazonaws.com/?-._~0123456789ABCDEFGHIJKLMNOPQRSTU"
	  "VWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRST"
	  "UVWXYZabcdefghijklmnopqrstuvwxyz", NULL,
	  "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197" },
	{ "get-vanilla-empty-query-key",
	  "https://example.amazonaws.com/?Param1=value1", NULL,
	  "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
	{ "get-utf8", "https://example.amazonaws.com/\xe1\x88\xb4", NULL,
	  "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
	{ "get-space-normalized",
	  "https://example.amazonaws.com/example space/", NULL,
	  "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741" },
	{ "get-slashes-normalized", "https://example.amazonaws.com//example//",
	  NULL,
	  "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84" },
	{ "get-relative-relative-normalized",
	  "https://example.amazonaws.com/example1/example2/../..", NULL,
	  "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
	{ "get-vanilla-with-session-token", "https://example.amazonaws.com/",
	  TOKEN,
	  "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8" },
};

static int
sign(const char *method, const char *url, const char *token,
    char ***headers, char **cause)
{
	struct sigv4_request req = { .method = method, .url = url,
	    .region = "us-east-1", .service = "service", .now = WHEN };
	struct sigv4_key key = { .access_key_id = "AKIDEXAMPLE",
	    .secret_access_key = SECRET, .session_token = token };

	return sigv4_sign(&req, &key, headers, cause);
}

static size_t
count(char **headers)
{
	size_t n = 0;

	while (headers != NULL && headers[n] != NULL)
		n++;
	return n;
}

static void
test_suite(void)
{
	char **h, *cause, *want;
	size_t i;

	for (i = 0; i < NELEM(suite); i++) {
		cause = NULL;
		if (!ok(sign("GET", suite[i].url, suite[i].token, &h,
		    &cause) == 0, "%s: signed", suite[i].name)) {
			printf("#   %s\n", cause);
			free(cause);
			continue;
		}
		want = xasprintf(CRED "SignedHeaders=%s, Signature=%s",
		    suite[i].token != NULL ?
		    "host;x-amz-date;x-amz-security-token" :
		    "host;x-amz-date", suite[i].sig);
		is_int(count(h), suite[i].token != NULL ? 3 : 2,
		    "%s: header count", suite[i].name);
		is_str(h[count(h) - 1], want, "%s: AWS's signature",
		    suite[i].name);
		free(want);
		sigv4_headers_free(h);
	}
}

static void
test_headers(void)
{
	char **h, *cause = NULL;

	ok(sign("GET", "https://example.amazonaws.com/", NULL, &h,
	    &cause) == 0, "signed without a token");
	is_int(count(h), 2, "two headers without a token");
	is_str(h[0], "X-Amz-Date: 20150830T123600Z", "X-Amz-Date first");
	ok(strncmp(h[1], CRED "SignedHeaders=host;x-amz-date, Signature=",
	    strlen(CRED) + 41) == 0 && strlen(h[1]) == strlen(CRED) + 41 + 64,
	    "Authorization with the scope");
	ok(strstr(h[1], SECRET) == NULL, "no secret in Authorization");
	sigv4_headers_free(h);

	ok(sign("GET", "https://example.amazonaws.com/", "tok/en+=", &h,
	    &cause) == 0, "signed with a token");
	is_int(count(h), 3, "three headers with a token");
	is_str(h[1], "X-Amz-Security-Token: tok/en+=",
	    "X-Amz-Security-Token as given");
	ok(strstr(h[2], "SignedHeaders=host;x-amz-date;"
	    "x-amz-security-token, ") != NULL, "the token is signed");
	sigv4_headers_free(h);
	sigv4_headers_free(NULL);
}

/* The same request told two ways signs the same; a different one
 * doesn't. */
static void
test_equivalent(void)
{
	static const char *same[][2] = {
		{ "https://example.amazonaws.com/?b=2&a=1&a=0",
		  "https://example.amazonaws.com/?a=0&a=1&b=2" },
		{ "https://example.amazonaws.com:443/?x=a%2fb",
		  "https://EXAMPLE.amazonaws.com/?x=a/b" },
		{ "http://user:pw@example.amazonaws.com:80/a/./b/../c",
		  "http://example.amazonaws.com/a/c#frag" },
		{ "https://example.amazonaws.com/?flag&a=%7e",
		  "https://example.amazonaws.com/?a=~&flag=" },
		{ "https://example.amazonaws.com",
		  "https://example.amazonaws.com/" },
	};
	static const char *differ[][2] = {
		{ "https://example.amazonaws.com:8443/",
		  "https://example.amazonaws.com/" },
		{ "http://example.amazonaws.com:443/",
		  "http://example.amazonaws.com/" },
		{ "https://example.amazonaws.com/a%2Fb",
		  "https://example.amazonaws.com/a/b" },
		{ "https://example.amazonaws.com/?a=1+2",
		  "https://example.amazonaws.com/?a=1%202" },
		{ "https://example.amazonaws.com/a/",
		  "https://example.amazonaws.com/a" },
	};
	char **h1, **h2, *cause = NULL;
	size_t i;

	for (i = 0; i < NELEM(same) + NELEM(differ); i++) {
		const char **pair = i < NELEM(same) ? same[i] :
		    differ[i - NELEM(same)];

		if (!ok(sign("GET", pair[0], NULL, &h1, &cause) == 0 &&
		    sign("GET", pair[1], NULL, &h2, &cause) == 0,
		    "signed %s", pair[0])) {
			printf("#   %s\n", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		if (i < NELEM(same))
			is_str(h1[1], h2[1], "%s signs as %s", pair[0],
			    pair[1]);
		else
			ok(strcmp(h1[1], h2[1]) != 0, "%s signs unlike %s",
			    pair[0], pair[1]);
		sigv4_headers_free(h1);
		sigv4_headers_free(h2);
	}
}

static void
test_refused(void)
{
	static const char *bad[] = {
		"example.amazonaws.com/",
		"ftp://example.amazonaws.com/",
		"https:///foundation-models",
		"https://example.amazonaws.com:99999/",
		"https://example.amazonaws.com:4x3/",
		"https://[::1/",
		"https://example.amazonaws.com/?a=%zz",
		"https://example.amazonaws.com/?a=%0",
		"https://example.amazonaws.com/?a=%00",
		"https://example.amazonaws.com/\r\nX-Evil: 1",
		"https://u:" SECRET "@exa mple.amazonaws.com/",
	};
	char **h, *cause;
	size_t i;

	for (i = 0; i < NELEM(bad); i++) {
		cause = NULL;
		h = (char **)&cause;
		ok(sign("GET", bad[i], NULL, &h, &cause) == -1 &&
		    h == NULL && cause != NULL && *cause != '\0',
		    "refused URL %zu", i);
		ok(cause == NULL || (strstr(cause, SECRET) == NULL &&
		    strstr(cause, "amazonaws") == NULL),
		    "URL %zu: the cause names neither secret nor URL", i);
		free(cause);
	}
	cause = NULL;
	ok(sign("GET", "https://example.amazonaws.com/", "a\r\nX-Evil: 1",
	    &h, &cause) == -1 && cause != NULL, "a token with CR LF refused");
	free(cause);
	cause = NULL;
	ok(sign("get x", "https://example.amazonaws.com/", NULL, &h,
	    &cause) == -1 && cause != NULL, "a method with a space refused");
	free(cause);
}

int
main(void)
{
	test_suite();
	test_headers();
	test_equivalent();
	test_refused();
	return tap_done();
}
