/*
 * fuzz_feed.c - libFuzzer target for one feed parser, chosen at build time
 * by FUZZ_FORMAT ("markdown", "litellm", ...): any bytes in, records or an
 * error out, never a crash, a leak or an endless loop.
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
	struct feed_options options = { "fuzz" };
	struct recordset out = { 0 };
	char *cause = NULL;

	if (fmt == NULL)
		abort();
	(void)fmt->parse((const char *)data, size, &options, &out, &cause);
	recordset_clear(&out);
	free(cause);
	return 0;
}
