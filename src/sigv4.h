/*
 * sigv4.h - AWS Signature Version 4 for one request sent with headers
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html),
 * as Amazon Bedrock's ListFoundationModels needs it.
 *
 * A pure module: the time is passed in and nothing is sent.  The caller
 * sends the request with exactly the URL, method and body it signed,
 * plus the headers sigv4_sign returns; curl's own Host header is the one
 * signed here (the host, and ":port" when the URL names a port that is
 * not the scheme's default).
 */
#ifndef SUNSET_SIGV4_H
#define SUNSET_SIGV4_H

#include <stddef.h>
#include <time.h>

struct sigv4_key {
	const char	*access_key_id;
	const char	*secret_access_key;
	const char	*session_token;		/* NULL: none */
};

struct sigv4_request {
	const char	*method;		/* "GET" */
	const char	*url;			/* absolute http(s) URL as sent */
	const char	*body;			/* NULL for none */
	size_t		 body_len;
	const char	*region;		/* "us-east-1" */
	const char	*service;		/* "bedrock" */
	time_t		 now;
};

/*
 * Signs req with key.  Sets *headers to a new NULL-terminated array of
 * "Name: value" strings to send with the request: X-Amz-Date,
 * X-Amz-Security-Token when the key has a session token, and
 * Authorization; free it with sigv4_headers_free.  Returns 0, or -1 with
 * *cause set (a URL it cannot parse, a method, key id, region, service or
 * token it cannot put in a header); *cause never holds the secret, nor
 * the URL, which may carry a password.
 */
int sigv4_sign(const struct sigv4_request *req, const struct sigv4_key *key,
    char ***headers, char **cause);

/* Frees what sigv4_sign returned; NULL is a no-op. */
void sigv4_headers_free(char **headers);

#endif
