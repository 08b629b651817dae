/*
 * test_buf.c - capped buffers and UTF-8 validation.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "tap.h"

static void
test_append(void)
{
	struct buf b;
	char *s;
	size_t len;
	int i;

	buf_init(&b, 1 << 20);
	is_str(buf_str(&b), "", "an empty buffer reads as \"\"");
	is_int(buf_add(&b, "ab", 2), 0, "add");
	is_int(buf_addc(&b, 'c'), 0, "addc");
	is_int(buf_adds(&b, "def"), 0, "adds");
	is_int(buf_addf(&b, "-%d-%s", 42, "x"), 0, "addf");
	is_str(buf_str(&b), "abcdef-42-x", "the bytes in order");
	is_int(buf_len(&b), 11, "length");
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%04d", i);
	is_int(buf_len(&b), 4011, "grows past its first allocation");
	ok(memcmp(buf_str(&b) + 4007, "0999", 5) == 0,
	    "formatted appends across growth, NUL-terminated");
	s = buf_take(&b, &len);
	is_int(len, 4011, "take gives the length");
	is_str(buf_str(&b), "", "take empties the buffer");
	free(s);
	s = buf_take(&b, NULL);
	is_str(s, "", "take of an empty buffer is \"\", not NULL");
	free(s);
	buf_free(&b);
}

static void
test_cap(void)
{
	struct buf b;
	char big[64];

	memset(big, 'x', sizeof(big));
	buf_init(&b, 10);
	is_int(buf_add(&b, big, 10), 0, "exactly the cap fits");
	is_int(buf_addc(&b, 'y'), -1, "one byte past the cap fails");
	ok(buf_failed(&b), "and the buffer is marked failed");
	is_str(buf_str(&b), "", "a failed buffer holds nothing");
	is_int(buf_adds(&b, "a"), -1, "a failed buffer refuses appends");
	ok(buf_take(&b, NULL) == NULL, "take of a failed buffer is NULL");
	is_int(buf_adds(&b, "ok"), 0, "take resets a failure");
	is_int(buf_addf(&b, "%s", "0123456789"), -1,
	    "a formatted append past the cap fails");
	buf_reset(&b);
	is_int(buf_addf(&b, "%s", "0123456789"), 0,
	    "reset clears the failure");
	is_str(buf_str(&b), "0123456789", "formatted append up to the cap");
	buf_free(&b);
	buf_init(&b, 0);
	is_int(buf_add(&b, "", 0), 0, "nothing fits a zero cap");
	is_int(buf_addc(&b, 'a'), -1, "anything else does not");
	buf_free(&b);
}

static void
test_utf8(void)
{
	static const struct {
		const char *s;
		int valid;
		const char *what;
	} cases[] = {
		{ "plain ASCII", 1, "ASCII" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 1,
		    "two, three and four bytes" },
		{ "\xc0\xaf", 0, "overlong two-byte form" },
		{ "\xe0\x80\xaf", 0, "overlong three-byte form" },
		{ "\xed\xa0\x80", 0, "a surrogate" },
		{ "\xf4\x90\x80\x80", 0, "past U+10FFFF" },
		{ "\xc3", 0, "truncated sequence" },
		{ "\x80", 0, "a lone continuation byte" },
		{ "\xff", 0, "a byte that is never UTF-8" },
	};
	size_t i;

	for (i = 0; i < NELEM(cases); i++)
		is_int(utf8_valid(cases[i].s, strlen(cases[i].s)),
		    cases[i].valid, "utf8: %s", cases[i].what);
	is_int(utf8_len((const unsigned char *)"\xe2\x82\xac", 2), 0,
	    "a sequence longer than the bytes left is not UTF-8");
	is_int(utf8_len((const unsigned char *)"\xe2\x82\xac", 3), 3,
	    "the euro sign is three bytes");
}

int
main(void)
{
	test_append();
	test_cap();
	test_utf8();
	return tap_done();
}
