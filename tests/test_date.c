/*
 * test_date.c - day numbers, strict ISO dates, dates as pages write them,
 * HTTP-dates and times.
 *
 * The day-number conversions are checked against an independent count:
 * walking every day from 1600 to 2500 with our own month lengths.  The
 * free-text reader is checked on every spelling the real pages use.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>

#include "date.h"
#include "tap.h"
#include "util.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Day number of y-01-01 for y >= 1600, by adding up year lengths. */
static int32_t
count_to_year(int y)
{
	int32_t n = 0;
	int i;

	for (i = 1970; i < y; i++)
		n += leap(i) ? 366 : 365;
	for (i = y; i < 1970; i++)
		n -= leap(i) ? 366 : 365;
	return n;
}

/* Walks every day of [from, to] and checks both conversions; diagnoses
 * the first difference only. */
static void
walk(int from, int to)
{
	int32_t want = count_to_year(from);
	int y, m, d, gy, gm, gd, bad = 0, invalid_ok = 1;

	for (y = from; y <= to; y++)
		for (m = 1; m <= 12; m++) {
			if (date_from_ymd(y, m, 0) != DATE_NONE ||
			    date_from_ymd(y, m, days_in_month(y, m) + 1) !=
			    DATE_NONE)
				invalid_ok = 0;
			for (d = 1; d <= days_in_month(y, m); d++, want++) {
				date_to_ymd(want, &gy, &gm, &gd);
				if (!bad && (date_from_ymd(y, m, d) != want ||
				    gy != y || gm != m || gd != d)) {
					printf("# first mismatch at %04d-%02d-%02d"
					    " (day %d): from_ymd %d, to_ymd "
					    "%04d-%02d-%02d\n", y, m, d, want,
					    date_from_ymd(y, m, d), gy, gm, gd);
					bad = 1;
				}
			}
		}
	ok(!bad, "every day %d..%d round-trips and matches the count", from,
	    to);
	ok(invalid_ok, "day 0 and the day after each month end are invalid, "
	    "%d..%d", from, to);
}

static void
check_ymd(int y, int m, int d, int32_t want)
{
	int gy, gm, gd;

	is_int(date_from_ymd(y, m, d), want, "%04d-%02d-%02d is day %d", y, m,
	    d, want);
	date_to_ymd(want, &gy, &gm, &gd);
	ok(gy == y && gm == m && gd == d, "day %d is %04d-%02d-%02d", want, y,
	    m, d);
}

static void
check_parse(const char *s, int32_t want)
{
	int32_t got = 12345;

	is_int(date_parse_iso(s, &got), 0, "\"%s\" parses", s);
	is_int(got, want, "\"%s\" is day %d", s, want);
}

static void
check_reject(const char *s)
{
	int32_t got = 12345;

	is_int(date_parse_iso(s, &got), -1, "\"%s\" is refused", s);
	is_int(got, 12345, "\"%s\" leaves the output alone", s);
}

static void
check_format(int32_t date, const char *iso, const char *http)
{
	char buf[64];

	memset(buf, 'x', sizeof(buf));
	date_format(date, buf);
	is_str(buf, iso, "date_format(%d)", date);
	memset(buf, 'x', sizeof(buf));
	date_format_http(date, buf);
	is_str(buf, http, "date_format_http(%s)", iso);
}

/* HTTP-dates with a time of day: written, and read in all three forms;
 * RFC 3339 stamps read back. */
static void
check_http_time(void)
{
	static const char *bad[] = { "", "Sun, 06 Nov 1994 08:49:37",
		"Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
		"Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
		"Sun, 06 Nov 1994 08:49:37 GMT junk", "1994-11-06T08:49:37Z",
		"yesterday" };
	char buf[64];
	time_t t = 0;
	size_t i;

	date_format_http_time(784111777, buf);
	is_str(buf, "Sun, 06 Nov 1994 08:49:37 GMT", "date_format_http_time");
	date_format_http_time(1795564799, buf);
	is_str(buf, "Tue, 24 Nov 2026 23:59:59 GMT",
	    "date_format_http_time, the last second of a day");
	ok(date_parse_http_time("Sun, 06 Nov 1994 08:49:37 GMT", &t) == 0 &&
	    t == 784111777, "IMF-fixdate read");
	t = 0;
	ok(date_parse_http_time("Sunday, 06-Nov-94 08:49:37 GMT", &t) == 0 &&
	    t == 784111777, "RFC 850 date read");
	t = 0;
	ok(date_parse_http_time("Sun Nov  6 08:49:37 1994", &t) == 0 &&
	    t == 784111777, "asctime date read");
	for (i = 0; i < NELEM(bad); i++)
		is_int(date_parse_http_time(bad[i], &t), -1,
		    "\"%s\" is not an HTTP-date", bad[i]);
	ok(date_parse_time("2026-11-25T06:00:00Z", &t) == 0 &&
	    t == 1795586400, "date_parse_time");
	is_int(date_parse_time("2026-11-25T06:00:00", &t), -1,
	    "date_parse_time wants the Z");
	is_int(date_parse_time("2026-11-25 06:00:00Z", &t), -1,
	    "date_parse_time wants the T");
}

/* date_add_json: a date as "YYYY-MM-DD", no date as null. */
static void
check_add_json(void)
{
	cJSON *obj = cJSON_CreateObject();
	char *text;

	date_add_json(obj, "shutdown_on", 20657);
	date_add_json(obj, "announced_on", DATE_NONE);
	date_add_json(obj, "old", -719162);
	text = cJSON_PrintUnformatted(obj);
	is_str(text, "{\"shutdown_on\":\"2026-07-23\",\"announced_on\":null,"
	    "\"old\":\"0001-01-01\"}", "date_add_json writes dates and nulls");
	free(text);
	cJSON_Delete(obj);
}

static void
check_time(time_t t, int32_t date, const char *stamp)
{
	char buf[64];

	is_int(date_from_time(t), date, "date_from_time(%lld)", (long long)t);
	memset(buf, 'x', sizeof(buf));
	date_format_time(t, buf);
	is_str(buf, stamp, "date_format_time(%lld)", (long long)t);
}

/* date_parse_text on all of s: rc, and when rc is 0 the date and kind. */
static void
check_text(const char *s, int want_rc, const char *want, int want_earliest)
{
	int32_t got = 12345, day = DATE_NONE;
	int earliest = -1, rc;

	rc = date_parse_text(s, strlen(s), &got, &earliest);
	is_int(rc, want_rc, "text \"%s\" gives %d", s, want_rc);
	if (want_rc != 0) {
		is_int(got, 12345, "text \"%s\" leaves the date alone", s);
		return;
	}
	if (date_parse_iso(want, &day) < 0)
		day = DATE_NONE;
	is_int(got, day, "text \"%s\" is %s", s, want);
	is_int(earliest, want_earliest, "text \"%s\" is %s", s,
	    want_earliest ? "earliest" : "firm");
}

/* A text that must not be read past n bytes. */
static void
check_text_len(const char *s, size_t n, int want_rc, const char *want)
{
	int32_t got = 12345, day = DATE_NONE;
	int earliest, rc;

	rc = date_parse_text(s, n, &got, &earliest);
	is_int(rc, want_rc, "first %zu bytes of \"%s\" give %d", n, s, want_rc);
	if (want_rc == 0 && date_parse_iso(want, &day) == 0)
		is_int(got, day, "first %zu bytes of \"%s\" are %s", n, s, want);
}

/* Today, allowing for midnight passing between the calls. */
static void
check_today(void)
{
	int32_t before = date_from_time(time(NULL)), today = date_today(),
	    after = date_from_time(time(NULL));

	ok(today == before || today == after, "date_today is the UTC date "
	    "of now");
}

int
main(void)
{
	xcjson_init();
	/* An independent count over nine centuries. */
	walk(1600, 2500);

	/* Fixed points: the epoch, before it, after 2038, the ends. */
	check_ymd(1970, 1, 1, 0);
	check_ymd(1969, 12, 31, -1);
	check_ymd(1900, 3, 1, -25508);
	check_ymd(1900, 2, 28, -25509);
	check_ymd(2038, 1, 19, 24855);
	check_ymd(2038, 1, 20, 24856);
	check_ymd(2100, 2, 28, 47540);
	check_ymd(2100, 3, 1, 47541);
	check_ymd(9999, 12, 31, 2932896);
	check_ymd(1, 1, 1, -719162);
	check_ymd(2026, 7, 23, 20657);

	/* Leap years and month ends. */
	is_int(date_from_ymd(2024, 2, 29), 19782, "2024-02-29 is valid");
	is_int(date_from_ymd(2000, 2, 29), 11016, "2000-02-29 is valid");
	is_int(date_from_ymd(2023, 2, 29), DATE_NONE, "2023-02-29 is invalid");
	is_int(date_from_ymd(1900, 2, 29), DATE_NONE, "1900-02-29 is invalid");
	is_int(date_from_ymd(2100, 2, 29), DATE_NONE, "2100-02-29 is invalid");
	is_int(date_from_ymd(2026, 4, 31), DATE_NONE, "2026-04-31 is invalid");
	ok(date_from_ymd(2026, 1, 31) != DATE_NONE, "2026-01-31 is valid");
	is_int(date_from_ymd(0, 1, 1), DATE_NONE, "year 0 is invalid");
	is_int(date_from_ymd(10000, 1, 1), DATE_NONE, "year 10000 is invalid");
	is_int(date_from_ymd(2026, 0, 1), DATE_NONE, "month 0 is invalid");
	is_int(date_from_ymd(2026, 13, 1), DATE_NONE, "month 13 is invalid");

	/* date_parse_iso: strict YYYY-MM-DD. */
	check_parse("2026-07-23", 20657);
	check_parse("1969-12-31", -1);
	check_parse("2024-02-29", 19782);
	check_parse("9999-12-31", 2932896);
	check_reject("2026-7-23");
	check_reject("2026-07-23x");
	check_reject(" 2026-07-23");
	check_reject("2026-07-23 ");
	check_reject("2026/07/23");
	check_reject("");
	check_reject("0000-01-01");
	check_reject("2026-00-10");
	check_reject("2026-13-01");
	check_reject("2026-02-30");
	check_reject("2023-02-29");
	check_reject("2026-04-31");
	check_reject("+026-07-23");
	check_reject("2026-07-2a");
	check_reject("20260723");

	/* date_format and date_format_http, weekdays on both sides of 1970. */
	check_format(20657, "2026-07-23", "Thu, 23 Jul 2026 00:00:00 GMT");
	check_format(0, "1970-01-01", "Thu, 01 Jan 1970 00:00:00 GMT");
	check_format(-1, "1969-12-31", "Wed, 31 Dec 1969 00:00:00 GMT");
	check_format(-165, "1969-07-20", "Sun, 20 Jul 1969 00:00:00 GMT");
	check_format(-25508, "1900-03-01", "Thu, 01 Mar 1900 00:00:00 GMT");
	check_format(24856, "2038-01-20", "Wed, 20 Jan 2038 00:00:00 GMT");
	check_format(47541, "2100-03-01", "Mon, 01 Mar 2100 00:00:00 GMT");
	check_format(2932896, "9999-12-31", "Fri, 31 Dec 9999 00:00:00 GMT");
	check_format(-719162, "0001-01-01", "Mon, 01 Jan 0001 00:00:00 GMT");

	check_add_json();
	check_http_time();

	/* date_epoch: seconds at midnight UTC, 64-bit on both sides. */
	is_int(date_epoch(0), 0, "epoch of 1970-01-01");
	is_int(date_epoch(20657), 1784764800LL, "epoch of 2026-07-23");
	is_int(date_epoch(-1), -86400, "epoch of 1969-12-31");
	is_int(date_epoch(24856), 24856LL * 86400, "epoch of 2038-01-20 "
	    "does not wrap");

	/* date_from_time and date_format_time, negative times included. */
	check_time(0, 0, "1970-01-01T00:00:00Z");
	check_time(-1, -1, "1969-12-31T23:59:59Z");
	check_time(-86400, -1, "1969-12-31T00:00:00Z");
	check_time(-86401, -2, "1969-12-30T23:59:59Z");
	check_time(86399, 0, "1970-01-01T23:59:59Z");
	check_time(1784764800, 20657, "2026-07-23T00:00:00Z");
	check_time(1784764800 + 6 * 3600 + 7 * 60 + 8, 20657,
	    "2026-07-23T06:07:08Z");
	if (sizeof(time_t) >= 8)
		check_time((time_t)24856 * 86400 + 1, 24856,
		    "2038-01-20T00:00:01Z");
	check_today();

	/* date_parse_text: every spelling the pages use. */
	check_text("2026-07-23", 0, "2026-07-23", 0);
	check_text("2026\u2011" "07\u2011" "23", 0, "2026-07-23", 0);
	check_text("2026\u2010" "07\u2010" "23", 0, "2026-07-23", 0);
	check_text("2026\u2013" "07\u2013" "23", 0, "2026-07-23", 0);
	check_text("2026\u2212" "07\u2212" "23", 0, "2026-07-23", 0);
	check_text("Jan 20, 2027", 0, "2027-01-20", 0);
	check_text("January 20, 2027", 0, "2027-01-20", 0);
	check_text("Sept. 3, 2026", 0, "2026-09-03", 0);
	check_text("Sep 3, 2026", 0, "2026-09-03", 0);
	check_text("October 23, 2026", 0, "2026-10-23", 0);
	check_text("July 15th, 2025", 0, "2025-07-15", 0);
	check_text("May 1st, 2026", 0, "2026-05-01", 0);
	check_text("March 2nd 2026", 0, "2026-03-02", 0);
	check_text("April 3rd, 2026", 0, "2026-04-03", 0);
	check_text("20 January 2027", 0, "2027-01-20", 0);
	check_text("4/30/2026", 0, "2026-04-30", 0);
	check_text("08/16/26", 0, "2026-08-16", 0);
	check_text("1/6/25", 0, "2025-01-06", 0);
	check_text("1784764800", 0, "2026-07-23", 0);
	check_text("1784851199", 0, "2026-07-23", 0);
	check_text("2026-07-23T05:22:17.6+00:00", 0, "2026-07-23", 0);
	check_text("2026-07-23T23:59:59Z", 0, "2026-07-23", 0);
	check_text("2026-07-23 05:22:17", 0, "2026-07-23", 0);

	/* Soft words. */
	check_text("Not sooner than September 29, 2026", 0, "2026-09-29", 1);
	check_text("No sooner than May 20, 2028", 0, "2028-05-20", 1);
	check_text("No earlier than 2026-04-14", 0, "2026-04-14", 1);
	check_text("No earlier than February 28, 2026", 0, "2026-02-28", 1);
	check_text("at earliest 2024-06-13", 0, "2024-06-13", 1);
	check_text("2024-06-13 at the earliest", 0, "2024-06-13", 1);
	check_text("2024-06-13 (at earliest)", 0, "2024-06-13", 1);
	check_text("July 21, 2027 or later", 0, "2027-07-21", 1);
	check_text("earliest possible: 2026-10-01", 0, "2026-10-01", 1);
	check_text("2026-10-01 (earliest possible)", 0, "2026-10-01", 1);
	check_text("Earliest: Jan 20, 2027", 0, "2027-01-20", 1);
	check_text("**Not sooner than** `2026-09-29`", 0, "2026-09-29", 1);

	/* Times of day and zones: the UTC calendar date of the moment. */
	check_text("October 10, 2026, 00:00:00", 0, "2026-10-10", 0);
	check_text("October 10, 2026, 23:59:59", 0, "2026-10-10", 0);
	check_text("August 20, 2025, 00:00:00 (UTC+08:00)", 0, "2025-08-19",
	    0);
	check_text("August 20, 2025, 08:00:00 (UTC+08:00)", 0, "2025-08-20",
	    0);
	check_text("Beijing Time 2027.1.31 00:00", 0, "2027-01-30", 0);
	check_text("2027.1.31 09:30 Beijing Time", 0, "2027-01-31", 0);
	check_text("2027.1.31", 0, "2027-01-31", 0);
	check_text("2027/01/31", 0, "2027-01-31", 0);
	check_text("2026-10-10 07:59 UTC+8", 0, "2026-10-09", 0);
	check_text("2026-10-10 08:00 UTC+8", 0, "2026-10-10", 0);
	check_text("2026-10-10 00:00 GMT+0530", 0, "2026-10-09", 0);
	check_text("2026-10-10 00:00 (UTC)", 0, "2026-10-10", 0);
	check_text("2026-10-10 (UTC)", 0, "2026-10-10", 0);
	check_text("2026-10-10 UTC+8", 0, "2026-10-10", 0);
	check_text("May 15, 2026 at 12:00 PM PT", 0, "2026-05-15", 0);
	check_text("May 15, 2026 at 5:00 PM PT", 0, "2026-05-16", 0);
	check_text("January 15, 2026 at 4:00 PM PT", 0, "2026-01-16", 0);
	check_text("January 15, 2026 at 3:59 PM PT", 0, "2026-01-15", 0);
	check_text("January 15, 2026 16:00 PST", 0, "2026-01-16", 0);
	check_text("January 15, 2026 16:00 PDT", 0, "2026-01-15", 0);
	check_text("2026-03-08 17:00 Pacific Time", 0, "2026-03-09", 0);
	check_text("2026-03-07 16:00 Pacific Time", 0, "2026-03-08", 0);
	check_text("2026-11-01 17:00 PT", 0, "2026-11-02", 0);
	check_text("Oct 10, 2026 12:00 AM EDT", 0, "2026-10-10", 0);
	check_text("Oct 10, 2026 12:30am", 0, "2026-10-10", 0);
	check_text("Oct 10, 2026 11:30 pm", 0, "2026-10-10", 0);
	check_text("Oct 10, 2026 10:00 JST", 0, "2026-10-10", 0);
	check_text("Oct 10, 2026 08:59 JST", 0, "2026-10-09", 0);
	check_text("2026-07-23T01:00:00+08:00", 0, "2026-07-22", 0);
	check_text("2026-07-23T20:00:00-05:00", 0, "2026-07-24", 0);
	check_text("2026-07-23T20:00:00-0500", 0, "2026-07-24", 0);
	check_text("Not sooner than October 10, 2026, 00:00:00 UTC+8", 0,
	    "2026-10-09", 1);
	check_text("00:00", -1, NULL, 0);
	check_text("UTC", -1, NULL, 0);
	check_text("Beijing Time", -1, NULL, 0);
	check_text("2026-10-10 25:00", -1, NULL, 0);
	check_text("2026-10-10 00:00 UTC+15", -1, NULL, 0);
	check_text("2026-10-10 13:00 pm", -1, NULL, 0);
	check_text("2026-10-10 00:00 CST", -1, NULL, 0);
	check_text("2026-10-10 00:00 00:00", -1, NULL, 0);
	check_text("2027.13.31", -1, NULL, 0);
	check_text("1.5.2027", -1, NULL, 0);

	/* Markup and whitespace around a date. */
	check_text("  2026-07-23  ", 0, "2026-07-23", 0);
	check_text("`2026-07-23`", 0, "2026-07-23", 0);
	check_text("2026-07-23*", 0, "2026-07-23", 0);
	check_text("2026-07-23\\*", 0, "2026-07-23", 0);
	check_text("**Jan 20, 2027**", 0, "2027-01-20", 0);
	check_text("\tJan\xc2\xa0" "20, 2027\t", 0, "2027-01-20", 0);
	check_text("JANUARY 20, 2027.", 0, "2027-01-20", 0);

	/* Stated non-dates. */
	check_text("", 1, NULL, 0);
	check_text("   ", 1, NULL, 0);
	check_text("N/A", 1, NULL, 0);
	check_text("n/a", 1, NULL, 0);
	check_text("\u2014", 1, NULL, 0);
	check_text("\u2013", 1, NULL, 0);
	check_text("-", 1, NULL, 0);
	check_text("---", 1, NULL, 0);
	check_text("TBD", 1, NULL, 0);
	check_text("TBA", 1, NULL, 0);
	check_text("None", 1, NULL, 0);
	check_text("Not announced", 1, NULL, 0);
	check_text("No shutdown date announced", 1, NULL, 0);
	check_text("No retirement date announced", 1, NULL, 0);
	check_text("*N/A*", 1, NULL, 0);
	check_text("earliest: TBD", 1, NULL, 0);

	/* Anything else is refused. */
	check_text("August 2026", -1, NULL, 0);
	check_text("Not sooner than", -1, NULL, 0);
	check_text("soon", -1, NULL, 0);
	check_text("2026-02-30", -1, NULL, 0);
	check_text("February 29, 2023", -1, NULL, 0);
	check_text("13/01/2026", -1, NULL, 0);
	check_text("4/30/202", -1, NULL, 0);
	check_text("4//2026", -1, NULL, 0);
	check_text("123/4/2026", -1, NULL, 0);
	check_text("Jan 20", -1, NULL, 0);
	check_text("Jan 20, 2027 at noon", -1, NULL, 0);
	check_text("Janu 20, 2027", -1, NULL, 0);
	check_text("Jan 32, 2027", -1, NULL, 0);
	check_text("20 20 2027", -1, NULL, 0);
	check_text("12345678", -1, NULL, 0);
	check_text("123456789012", -1, NULL, 0);
	check_text("2026-07-23Tnoon", -1, NULL, 0);
	check_text("2026-07-23T", -1, NULL, 0);
	check_text("At base model retirement", -1, NULL, 0);
	check_text("In June 2024 or later, probably, once the replacement "
	    "models have been generally available for long enough", -1, NULL,
	    0);

	/* Only len bytes are read. */
	check_text_len("2026-07-23", 9, -1, NULL);
	check_text_len("2026-07-23", 0, 1, NULL);
	check_text_len("Jan 20, 2027xyz", 12, 0, "2027-01-20");
	check_text_len("08/16/2699", 8, 0, "2026-08-16");
	check_text_len("2026-07-23\xe2\x80", 12, -1, NULL);
	check_text_len("2026\xe2\x80\x91" "07\xe2\x80\x91" "23\xe2", 14, 0,
	    "2026-07-23");

	return tap_done();
}
