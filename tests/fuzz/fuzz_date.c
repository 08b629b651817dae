/*
 * fuzz_date.c - libFuzzer target for the date parsers: every spelling of
 * date_parse_text, and the strict ISO one, with their round trip.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), buf[11];
	int32_t d1, d2;
	int earliest;

	memcpy(s, data, size);
	s[size] = '\0';
	(void)date_parse_text((const char *)data, size, &d1, &earliest);
	(void)date_text_unannounced((const char *)data, size);
	if (date_parse_iso(s, &d1) == 0) {
		date_format(d1, buf);
		if (date_parse_iso(buf, &d2) != 0 || d1 != d2)
			abort();	/* an ISO date must round-trip */
	}
	free(s);
	return 0;
}
