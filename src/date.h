/*
 * date.h - calendar dates as day numbers, and the days-left arithmetic.
 *
 * A date is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar, UTC.  Day numbers never go through time_t or struct tm, so dates
 * before 1970 and after 2038 work the same as any other.
 */
#ifndef SUNSET_DATE_H
#define SUNSET_DATE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* "No date known". */
#define DATE_NONE INT32_MIN

/* Day number of a valid y-m-d (years 1 to 9999); DATE_NONE when invalid. */
int32_t date_from_ymd(int year, int month, int day);

/* Splits a day number into year, month (1-12) and day (1-31). */
void date_to_ymd(int32_t date, int *year, int *month, int *day);

/* Parses a strict "YYYY-MM-DD".  Returns 0 and sets *date, or -1. */
int date_parse_iso(const char *s, int32_t *date);

/*
 * Parses a date as feeds and pages write it: "2026-07-23", with U+2010,
 * U+2011, U+2013 or U+2212 for hyphens, "Jan 20, 2027", "January 20, 2027",
 * "Sept. 3, 2026", "July 15th, 2025", "20 January 2027", "4/30/2026" and
 * "08/16/26" (US month/day/year; two-digit years are 20YY), epoch seconds
 * (9 to 11 digits), "2027.1.31" and "2027/1/31" (year first).  A time of
 * day ("00:00:00", "12:00 PM", ISO "T05:22:17Z") and a time zone in any
 * order around the date ("UTC", "(UTC+08:00)", "GMT-5", "PST", "PT",
 * "Beijing Time", "+08:00") give the UTC calendar date of that moment; a
 * time without a zone is UTC, a zone without a time leaves the date.
 * Zone names with two readings ("CST", "IST") are refused.  Soft words
 * before or after the date ("Not sooner than", "No earlier than",
 * "at earliest", "at the earliest", "or later", "earliest possible",
 * "Earliest:") set *earliest to 1.  Whitespace, backticks, footnote stars,
 * **bold** and parentheses are ignored.  Reads len bytes of s (need not be
 * NUL-terminated); allocates nothing.  Returns 0 with *date and *earliest
 * set; 1 for a stated non-date ("N/A", "-", "---", a dash, "TBD", "TBA",
 * "None", "Not announced", "No shutdown date announced", empty); -1 for
 * anything else, leaving *date alone.
 */
int date_parse_text(const char *s, size_t len, int32_t *date, int *earliest);

/*
 * 1 when the len bytes of s say that no date is announced ("No shutdown
 * date announced", "Not yet announced", "To be announced", "TBA"): a
 * statement, where "N/A", "TBD" or a dash only say nothing.  0 otherwise.
 */
int date_text_unannounced(const char *s, size_t len);

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void date_format(int32_t date, char *buf);

/*
 * Adds key: "YYYY-MM-DD" to the cJSON object obj, or key: null when date
 * is DATE_NONE.  As with cJSON_AddStringToObject, the key is left out
 * when cJSON cannot allocate.
 */
struct cJSON;
void date_add_json(struct cJSON *obj, const char *key, int32_t date);

/* Writes the RFC 9110 HTTP-date of 00:00:00 GMT on date into buf (at least
 * 30 bytes): "Thu, 23 Jul 2026 00:00:00 GMT". */
void date_format_http(int32_t date, char *buf);

/* Writes the RFC 9110 HTTP-date of t into buf (at least 30 bytes). */
void date_format_http_time(time_t t, char *buf);

/* Parses an HTTP-date in any of its three forms (IMF-fixdate, RFC 850,
 * asctime) into *t.  Returns 0, or -1 when s is not one. */
int date_parse_http_time(const char *s, time_t *t);

/* Parses RFC 3339 UTC "2026-11-25T06:00:00Z", as date_format_time writes
 * it, into *t.  Returns 0, or -1. */
int date_parse_time(const char *s, time_t *t);

/* Seconds since the epoch at 00:00:00 UTC on date. */
int64_t date_epoch(int32_t date);

/* The UTC date of a time_t. */
int32_t date_from_time(time_t t);

/* Today's date, UTC. */
int32_t date_today(void);

/* The size of date_format_time's text, with its NUL. */
#define DATE_TIME_LEN	21

/* Writes t as RFC 3339 UTC "2026-11-25T06:00:00Z" into buf (>=
 * DATE_TIME_LEN bytes). */
void date_format_time(time_t t, char *buf);

#endif
