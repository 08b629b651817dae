/*
 * date.c - day numbers, strict ISO dates, HTTP-dates.
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days,
 * which are exact over the whole proleptic Gregorian calendar.  Nothing here
 * reads the time zone: every date is a UTC calendar date.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int32_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return DATE_NONE;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void
date_to_ymd(int32_t date, int *year, int *month, int *day)
{
	int64_t z = (int64_t)date + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)d;
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse_iso(const char *s, int32_t *date)
{
	int y, m, d;
	int32_t v;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) < 0 || digits(s + 5, 2, &m) < 0 ||
	    digits(s + 8, 2, &d) < 0)
		return -1;
	if ((v = date_from_ymd(y, m, d)) == DATE_NONE)
		return -1;
	*date = v;
	return 0;
}

void
date_format(int32_t date, char *buf)
{
	char tmp[32];
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(buf, tmp, 10);
	buf[10] = '\0';
}

void
date_format_http(int32_t date, char *buf)
{
	static const char *wday[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
		"Tue", "Wed" };
	static const char *mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char tmp[64];
	size_t n;
	int y, m, d, w;

	date_to_ymd(date, &y, &m, &d);
	/* 1970-01-01 was a Thursday. */
	w = (int)(((int64_t)date % 7 + 7) % 7);
	n = (size_t)snprintf(tmp, sizeof(tmp), "%s, %02d %s %04d 00:00:00 GMT",
	    wday[w], d, mon[m - 1], y);
	memcpy(buf, tmp, n < 29 ? n + 1 : 29);
	buf[29] = '\0';
}

int64_t
date_epoch(int32_t date)
{
	return (int64_t)date * 86400;
}

int32_t
date_from_time(time_t t)
{
	int64_t s = (int64_t)t;

	return (int32_t)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
}

int32_t
date_today(void)
{
	return date_from_time(time(NULL));
}

void
date_format_time(time_t t, char *buf)
{
	int64_t s = (int64_t)t;
	int32_t day = date_from_time(t);
	int64_t sec = s - date_epoch(day);
	char ymd[11], tmp[64];

	date_format(day, ymd);
	snprintf(tmp, sizeof(tmp), "%sT%02d:%02d:%02dZ", ymd,
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
	memcpy(buf, tmp, 20);
	buf[20] = '\0';
}

int
date_parse_text(const char *s, size_t len, int32_t *date, int *earliest)
{
	char buf[11];

	*earliest = 0;
	if (len == 0)
		return 1;
	if (len < 10)
		return -1;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	return date_parse_iso(buf, date);
}
