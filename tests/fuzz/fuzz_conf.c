/*
 * fuzz_conf.c - libFuzzer target for sunset.conf parsing.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf conf;
	char *text = malloc(size + 1), *cause = NULL;

	memcpy(text, data, size);
	text[size] = '\0';
	conf_init(&conf);
	(void)conf_parse("fuzz.conf", text, &conf, &cause);
	conf_clear(&conf);
	free(cause);
	free(text);
	return 0;
}
