/*
 * sigv4_sign.c - signs one request and prints the headers, for
 * tests/sigv4.test to check against another implementation.
 *
 * usage: sigv4_sign METHOD URL REGION SERVICE KEY-ID SECRET TOKEN EPOCH
 * [BODY]; TOKEN "-" is none.  Prints one header a line; on error, the
 * cause on stderr and exit 1.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigv4.h"

int
main(int argc, char **argv)
{
	struct sigv4_request req;
	struct sigv4_key key;
	char **headers, **h, *cause = NULL;

	if (argc != 9 && argc != 10) {
		fprintf(stderr, "usage: sigv4_sign method url region service "
		    "key-id secret token|- epoch [body]\n");
		return 2;
	}
	memset(&req, 0, sizeof(req));
	req.method = argv[1];
	req.url = argv[2];
	req.region = argv[3];
	req.service = argv[4];
	req.now = (time_t)strtoll(argv[8], NULL, 10);
	if (argc == 10) {
		req.body = argv[9];
		req.body_len = strlen(argv[9]);
	}
	key.access_key_id = argv[5];
	key.secret_access_key = argv[6];
	key.session_token = strcmp(argv[7], "-") == 0 ? NULL : argv[7];
	if (sigv4_sign(&req, &key, &headers, &cause) == -1) {
		fprintf(stderr, "sigv4_sign: %s\n", cause);
		free(cause);
		return 1;
	}
	for (h = headers; *h != NULL; h++)
		printf("%s\n", *h);
	sigv4_headers_free(headers);
	return 0;
}
