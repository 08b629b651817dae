/*
 * fuzz_feed.c - libFuzzer target for one feed parser, chosen at build time
 * by FUZZ_FORMAT ("markdown", "litellm", ...): any bytes in, records (and
 * for a model-list API the account's ids and the next page) or an error
 * out, never a crash, a leak or an endless loop.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "feed.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xcjson_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct feed_format *fmt = feed_format_find(FUZZ_FORMAT);
	struct feed_options options = { "fuzz", NULL, NULL, NULL };
	struct feed_account account = { NULL, 0, 0 };
	struct recordset out = { 0 };
	char *cause = NULL, *next = NULL;

	if (fmt == NULL)
		abort();
	/* A model-list API also gives the account's ids and the next page. */
	if (fmt->api != NULL) {
		options.region = "fuzz-1";
		options.account = &account;
		options.next = &next;
	}
	(void)fmt->parse((const char *)data, size, &options, &out, &cause);
	feed_account_clear(&account);
	recordset_clear(&out);
	free(cause);
	free(next);
	return 0;
}
