/*
 * date.c - day numbers, strict ISO dates, dates as pages write them,
 * HTTP-dates.
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days,
 * which are exact over the whole proleptic Gregorian calendar.  Nothing here
 * reads the local time zone: every date is a UTC calendar date, and a
 * page's "00:00 (UTC+08:00)" is converted to one.  The free-text
 * reader never reads past the length it is given and never allocates.
 */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "util.h"

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
	int y, m, d;

	/* By hand: answers format several dates each, on the hot path.
	 * Years outside 0..9999 keep their last four digits. */
	date_to_ymd(date, &y, &m, &d);
	y = ((y % 10000) + 10000) % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

void
date_add_json(cJSON *obj, const char *key, int32_t date)
{
	char buf[11];

	if (date == DATE_NONE) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	date_format(date, buf);
	cJSON_AddStringToObject(obj, key, buf);
}

static const char *const wdays[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
	"Tue", "Wed" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void
date_format_http(int32_t date, char *buf)
{
	date_format_http_time((time_t)date_epoch(date), buf);
}

void
date_format_http_time(time_t t, char *buf)
{
	int32_t date = date_from_time(t);
	int64_t sec = (int64_t)t - date_epoch(date);
	char tmp[64];
	size_t n;
	int y, m, d, w;

	date_to_ymd(date, &y, &m, &d);
	/* 1970-01-01 was a Thursday. */
	w = (int)(((int64_t)date % 7 + 7) % 7);
	n = (size_t)snprintf(tmp, sizeof(tmp), "%s, %02d %s %04d "
	    "%02d:%02d:%02d GMT", wdays[w], d, months[m - 1], y,
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
	memcpy(buf, tmp, n < 29 ? n + 1 : 29);
	buf[29] = '\0';
}

/* Sets *t from a date and a time of day, checked; -1 when not real. */
static int
make_time(int y, int m, int d, int hh, int mm, int ss, time_t *t)
{
	int32_t date = date_from_ymd(y, m, d);

	if (date == DATE_NONE || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
	    ss < 0 || ss > 60)
		return -1;
	*t = (time_t)(date_epoch(date) + hh * 3600 + mm * 60 + ss);
	return 0;
}

static int
http_month(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(months); i++)
		if (strncmp(name, months[i], 3) == 0)
			return (int)i + 1;
	return 0;
}

int
date_parse_http_time(const char *s, time_t *t)
{
	char wday[16], mon[4], zone[4];
	int y, d, hh, mm, ss, n = 0;

	/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
	if (sscanf(s, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wday, &d, mon, &y,
	    &hh, &mm, &ss, zone, &n) == 8 && s[n] == '\0' &&
	    strcmp(zone, "GMT") == 0)
		return make_time(y, http_month(mon), d, hh, mm, ss, t);
	/* RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"; two-digit years are
	 * read as 1970 to 2069. */
	if (sscanf(s, "%15[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d %3s%n", wday, &d,
	    mon, &y, &hh, &mm, &ss, zone, &n) == 8 && s[n] == '\0' &&
	    strcmp(zone, "GMT") == 0)
		return make_time(y + (y < 70 ? 2000 : 1900), http_month(mon), d,
		    hh, mm, ss, t);
	/* asctime: "Sun Nov  6 08:49:37 1994" */
	if (sscanf(s, "%3s %3s %2d %2d:%2d:%2d %4d%n", wday, mon, &d, &hh, &mm,
	    &ss, &y, &n) == 7 && s[n] == '\0')
		return make_time(y, http_month(mon), d, hh, mm, ss, t);
	return -1;
}

int
date_parse_time(const char *s, time_t *t)
{
	int y, m, d, hh, mm, ss, n = 0;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &m, &d, &hh, &mm, &ss,
	    &n) != 6 || n != 20 || s[n] != '\0')
		return -1;
	return make_time(y, m, d, hh, mm, ss, t);
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

/*
 * Free-text dates, as pages and feeds write them.  A cell is first reduced
 * to a short lower-case ASCII copy (hyphen look-alikes folded, markup and
 * punctuation dropped, spaces collapsed); the copy is then classified as a
 * stated non-date, stripped of its soft words, and read by one of a few
 * spellings.  Nothing is read past len and nothing is allocated.
 */

#define TEXT_MAX 96		/* no date spelling is longer */

/* Stated non-dates, after normalisation. */
static const char *non_dates[] = {
	"", "n/a", "na", "none", "tbd", "tba", "tbc", "unknown", "pending",
	"not announced", "not yet announced", "to be announced",
	"to be determined", "not applicable", "not scheduled", "no date",
	"not set"
};

/* Soft words, as a prefix or a suffix; longest first. */
static const char *soft_words[] = {
	"earliest possible date", "earliest possible", "not sooner than",
	"no sooner than", "no earlier than", "not earlier than",
	"at the earliest", "at earliest", "or later", "earliest date",
	"earliest", "not before"
};

static const char *month_names[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* The UTF-8 sequence at s (n bytes left) as a replacement character: '-'
 * for hyphens and dashes, ' ' for odd spaces, 0 for anything else; *used
 * is its length. */
static char
fold_utf8(const unsigned char *s, size_t n, size_t *used)
{
	*used = 1;
	if (n >= 2 && s[0] == 0xc2 && s[1] == 0xa0) {
		*used = 2;
		return ' ';		/* U+00A0 */
	}
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x90 &&
	    s[2] <= 0x95) {
		*used = 3;
		return '-';		/* U+2010..U+2015 */
	}
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x88 && s[2] == 0x92) {
		*used = 3;
		return '-';		/* U+2212 */
	}
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0x89 || s[2] == 0xaf)) {
		*used = 3;
		return ' ';		/* U+2009, U+202F */
	}
	return 0;
}

/* Appends c to out (n used of TEXT_MAX), collapsing spaces; -1 when full. */
static int
put(char *out, size_t *n, char c)
{
	if (c == ' ' && (*n == 0 || out[*n - 1] == ' '))
		return 0;
	if (*n + 1 >= TEXT_MAX)
		return -1;
	out[(*n)++] = c;
	return 0;
}

/*
 * Lower-case ASCII copy of s without backticks, stars, underscores,
 * backslashes, parentheses and commas (they carry no date), with hyphen
 * look-alikes folded and spaces collapsed.  Returns the length, or -1 when
 * the text is too long to be a date.
 */
static int
normalise(const char *s, size_t len, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = 0, used;
	char c;

	while (i < len) {
		used = 1;
		if (u[i] >= 0x80) {
			if ((c = fold_utf8(u + i, len - i, &used)) == 0)
				c = (char)u[i];
		} else if (strchr("`*_\\", u[i]) != NULL)
			c = '\0';
		else if (strchr(" \t\r\n\f\v(),", u[i]) != NULL)
			c = ' ';
		else if (u[i] >= 'A' && u[i] <= 'Z')
			c = (char)(u[i] - 'A' + 'a');
		else
			c = (char)u[i];
		i += used;
		if (c != '\0' && put(out, &n, c) < 0)
			return -1;
	}
	while (n > 0 && strchr(" .;:", out[n - 1]) != NULL)
		n--;
	out[n] = '\0';
	return (int)n;
}

static int
is_non_date(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(non_dates); i++)
		if (strcmp(t, non_dates[i]) == 0)
			return 1;
	if (n > 0 && strspn(t, "-") == n)
		return 1;		/* "-", "---", a dash */
	/* "No shutdown date announced", "Not yet announced" */
	return (strncmp(t, "no ", 3) == 0 || strncmp(t, "not ", 4) == 0) &&
	    n > 10 && strcmp(t + n - 10, " announced") == 0;
}

int
date_text_unannounced(const char *s, size_t len)
{
	char t[TEXT_MAX];
	int got;
	size_t n;

	if ((got = normalise(s, len, t)) < 0)
		return 0;
	n = (size_t)got;
	if (strcmp(t, "tba") == 0 || strcmp(t, "to be announced") == 0)
		return 1;
	return (strncmp(t, "no ", 3) == 0 || strncmp(t, "not ", 4) == 0) &&
	    n > 10 && strcmp(t + n - 10, " announced") == 0;
}

/* Removes soft words at either end of t (length *n); 1 when any was. */
static int
strip_soft(char *t, size_t *n)
{
	size_t i, w, k;
	int found = 0, again = 1;

	while (again) {
		again = 0;
		for (i = 0; i < NELEM(soft_words); i++) {
			w = strlen(soft_words[i]);
			if (*n >= w && strncmp(t, soft_words[i], w) == 0 &&
			    (t[w] == '\0' || strchr(" :", t[w]) != NULL)) {
				k = w + strspn(t + w, " :");
				memmove(t, t + k, *n - k + 1);
				*n -= k;
			} else if (*n >= w &&
			    strcmp(t + *n - w, soft_words[i]) == 0 &&
			    (*n == w || t[*n - w - 1] == ' ')) {
				*n -= w;
				while (*n > 0 && strchr(" :-", t[*n - 1]))
					(*n)--;
				t[*n] = '\0';
			} else
				continue;
			found = again = 1;
		}
	}
	return found;
}

/* n digits at s as a number; -1 when they are not all digits. */
static int
number(const char *s, size_t n)
{
	int v;

	if (n == 0 || n > 9 || digits(s, (int)n, &v) < 0)
		return -1;
	return v;
}

/* 1-12 for a month name, its first three letters or "sept" (with or
 * without a full stop); 0 otherwise. */
static int
month_of(const char *s, size_t n)
{
	size_t i;

	if (n > 0 && s[n - 1] == '.')
		n--;
	for (i = 0; i < NELEM(month_names); i++)
		if ((n == strlen(month_names[i]) || n == 3 ||
		    (i == 8 && n == 4)) &&
		    strncmp(s, month_names[i], n) == 0)
			return (int)i + 1;
	return 0;
}

/* A day of the month: one or two digits, maybe "st", "nd", "rd", "th". */
static int
day_of(const char *s, size_t n)
{
	if (n > 2 && (strncmp(s + n - 2, "st", 2) == 0 ||
	    strncmp(s + n - 2, "nd", 2) == 0 ||
	    strncmp(s + n - 2, "rd", 2) == 0 ||
	    strncmp(s + n - 2, "th", 2) == 0))
		n -= 2;
	return n <= 2 ? number(s, n) : -1;
}

static int
set_ymd(int y, int m, int d, int32_t *date)
{
	int32_t v = date_from_ymd(y, m, d);

	if (v == DATE_NONE)
		return -1;
	*date = v;
	return 0;
}

/* "2026-07-23" (a time of day after it is parse_moment's). */
static int
parse_iso_prefix(const char *t, size_t n, int32_t *date)
{
	int y, m, d;

	if (n != 10 || t[4] != '-' || t[7] != '-' ||
	    (y = number(t, 4)) < 0 || (m = number(t + 5, 2)) < 0 ||
	    (d = number(t + 8, 2)) < 0)
		return -1;
	return set_ymd(y, m, d, date);
}

/* "4/30/2026", "08/16/26": US month/day/year, two-digit years are 20YY. */
static int
parse_us(const char *t, size_t n, int32_t *date)
{
	const char *a = memchr(t, '/', n), *b;
	int m, d, y;

	if (a == NULL || (b = memchr(a + 1, '/', n - (size_t)(a + 1 - t))) ==
	    NULL)
		return -1;
	m = number(t, (size_t)(a - t));
	d = number(a + 1, (size_t)(b - a - 1));
	y = number(b + 1, n - (size_t)(b + 1 - t));
	if (a - t > 2 || b - a - 1 > 2 || m < 0 || d < 0 || y < 0)
		return -1;
	if (n - (size_t)(b + 1 - t) == 2)
		y += 2000;
	else if (n - (size_t)(b + 1 - t) != 4)
		return -1;
	return set_ymd(y, m, d, date);
}

/* "Jan 20 2027", "July 15th 2025", "20 January 2027" (commas are gone). */
static int
parse_words(const char *t, size_t n, int32_t *date)
{
	const char *w[3];
	size_t len[3], i = 0, k = 0;
	int m, d, y;

	while (i < n && k < 3) {
		w[k] = t + i;
		while (i < n && t[i] != ' ')
			i++;
		len[k] = (size_t)(t + i - w[k]);
		k++;
		if (i < n)
			i++;
	}
	if (k != 3 || i < n || len[2] != 4 || (y = number(w[2], 4)) < 0)
		return -1;
	if ((m = month_of(w[0], len[0])) > 0 && (d = day_of(w[1], len[1])) > 0)
		return set_ymd(y, m, d, date);
	if ((m = month_of(w[1], len[1])) > 0 && (d = day_of(w[0], len[0])) > 0)
		return set_ymd(y, m, d, date);
	return -1;
}

/* Epoch seconds: 9 to 11 digits (1973 to 5138). */
static int
parse_epoch(const char *t, size_t n, int32_t *date)
{
	int64_t v = 0;
	size_t i;

	if (n < 9 || n > 11 || strspn(t, "0123456789") != n)
		return -1;
	for (i = 0; i < n; i++)
		v = v * 10 + (t[i] - '0');
	*date = (int32_t)(v / 86400);
	return 0;
}

/* "2027.1.31", "2027/1/31": year first, then month and day. */
static int
parse_ymd(const char *t, size_t n, int32_t *date)
{
	const char *a, *b;
	int y, m, d;
	char sep;

	if (n < 8 || (t[4] != '.' && t[4] != '/'))
		return -1;
	sep = t[4];
	a = t + 4;
	if ((b = memchr(a + 1, sep, n - 5)) == NULL)
		return -1;
	y = number(t, 4);
	m = number(a + 1, (size_t)(b - a - 1));
	d = number(b + 1, n - (size_t)(b + 1 - t));
	if (y < 0 || m < 0 || d < 0 || b - a - 1 > 2 ||
	    n - (size_t)(b + 1 - t) > 2)
		return -1;
	return set_ymd(y, m, d, date);
}

/* A date without time of day or zone, in any of the spellings above. */
static int
parse_day(const char *t, size_t n, int32_t *date)
{
	return n > 0 && (parse_epoch(t, n, date) == 0 ||
	    parse_iso_prefix(t, n, date) == 0 || parse_us(t, n, date) == 0 ||
	    parse_ymd(t, n, date) == 0 || parse_words(t, n, date) == 0) ?
	    0 : -1;
}

/*
 * Time zones by name, with their offset from UTC in minutes.  us_dst: a
 * US zone named without saying standard or daylight time ("PT"), whose
 * offset is an hour more from the second Sunday of March to the first
 * Sunday of November.  Names with two readings ("CST": China or US
 * Central, "IST") are left out: a date is better unread than misread.
 */
static const struct zone {
	const char	*name;
	int		 offset;
	int		 us_dst;
} zones[] = {
	{ "coordinated universal time", 0, 0 },
	{ "utc", 0, 0 }, { "gmt", 0, 0 }, { "z", 0, 0 },
	{ "beijing time", 480, 0 }, { "china standard time", 480, 0 },
	{ "bjt", 480, 0 }, { "singapore time", 480, 0 }, { "sgt", 480, 0 },
	{ "hkt", 480, 0 }, { "jst", 540, 0 }, { "kst", 540, 0 },
	{ "cet", 60, 0 }, { "cest", 120, 0 },
	{ "pst", -480, 0 }, { "pdt", -420, 0 }, { "mst", -420, 0 },
	{ "mdt", -360, 0 }, { "cdt", -300, 0 }, { "est", -300, 0 },
	{ "edt", -240, 0 },
	{ "pacific time", -480, 1 }, { "pt", -480, 1 },
	{ "mountain time", -420, 1 }, { "mt", -420, 1 },
	{ "central time", -360, 1 }, { "ct", -360, 1 },
	{ "eastern time", -300, 1 }, { "et", -300, 1 }
};

/* "+8", "+08", "+08:00", "+0800", "-5:30": minutes east of UTC in *off. */
static int
parse_offset(const char *s, size_t n, int *off)
{
	int sign, h, m = 0;

	if (n < 2 || (s[0] != '+' && s[0] != '-'))
		return -1;
	sign = s[0] == '-' ? -1 : 1;
	s++;
	n--;
	if (n <= 2)
		h = number(s, n);
	else if (n == 4 && strchr(s, ':') == NULL) {
		h = number(s, 2);
		m = number(s + 2, 2);
	} else if (n >= 4 && n <= 5 && s[n - 3] == ':') {
		h = number(s, n - 3);
		m = number(s + n - 2, 2);
	} else
		return -1;
	if (h < 0 || h > 14 || m < 0 || m > 59)
		return -1;
	*off = sign * (h * 60 + m);
	return 0;
}

/*
 * The zone named by the words at t (n bytes left, at a word start):
 * its length in *used, its offset (for us_dst zones, the standard one) in
 * *off.  "utc+8" and "gmt-5" carry their own offset.
 */
static const struct zone *
zone_at(const char *t, size_t n, size_t *used, int *off)
{
	static const struct zone fixed = { "utc", 0, 0 };
	size_t i, w, k;

	for (i = 0; i < NELEM(zones); i++) {
		w = strlen(zones[i].name);
		if (n < w || strncmp(t, zones[i].name, w) != 0)
			continue;
		if (w == n || t[w] == ' ') {
			*used = w;
			*off = zones[i].offset;
			return &zones[i];
		}
		if (zones[i].offset == 0 && w == 3 &&
		    (t[w] == '+' || t[w] == '-')) {
			for (k = w; k < n && t[k] != ' '; k++)
				;
			if (parse_offset(t + w, k - w, off) == 0) {
				*used = k;
				return &fixed;
			}
		}
	}
	return NULL;
}

/* Whether date (a local calendar day) falls in US daylight time. */
static int
us_dst(int32_t date)
{
	int y, m, d;
	int32_t start, end;

	date_to_ymd(date, &y, &m, &d);
	/* Day 0 was a Thursday: (day + 4) % 7 is 0 on Sundays. */
	start = date_from_ymd(y, 3, 8);
	start += (7 - (int32_t)(((int64_t)start + 4) % 7 + 7) % 7) % 7;
	end = date_from_ymd(y, 11, 1);
	end += (7 - (int32_t)(((int64_t)end + 4) % 7 + 7) % 7) % 7;
	return date >= start && date < end;
}

/*
 * A time of day at s: "00:00", "12:00:00", "05:22:17.6", with "am"/"pm",
 * "z" or an offset ("+08:00") glued on.  Sets *min (minutes after
 * midnight, before any am/pm the next word may add), *ampm (0, 'a', 'p')
 * and, for a glued zone, *zoned and *off.
 */
static int
parse_clock(const char *s, size_t n, int *min, int *ampm, int *zoned,
    int *off)
{
	size_t i = 0, j;
	int h, m;

	*ampm = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i > 2 || i >= n || s[i] != ':' || n - i < 3 ||
	    (h = number(s, i)) < 0 || (m = number(s + i + 1, 2)) < 0 ||
	    h > 23 || m > 59)
		return -1;
	i += 3;
	if (i < n && s[i] == ':') {		/* seconds, maybe fractions */
		if (n - i < 3 || number(s + i + 1, 2) < 0)
			return -1;
		i += 3;
		if (i < n && s[i] == '.') {
			for (j = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
			if (i == j)
				return -1;
		}
	}
	*min = h * 60 + m;
	if (i == n)
		return 0;
	if (n - i == 1 && s[i] == 'z') {
		*zoned = 1;
		*off = 0;
		return 0;
	}
	if (n - i == 2 && (s[i] == 'a' || s[i] == 'p') && s[i + 1] == 'm') {
		*ampm = s[i];
		return 0;
	}
	if (parse_offset(s + i, n - i, off) == 0) {
		*zoned = 1;
		return 0;
	}
	return -1;
}

/*
 * A date with a time of day and a time zone, in any order, as one moment:
 * "October 10 2026 00:00:00", "august 20 2025 00:00:00 utc+08:00",
 * "beijing time 2027.1.31 00:00", "may 15 2026 at 12:00 pm pt",
 * "2026-07-23t05:22:17.6+00:00" (t already lower-case, commas and
 * parentheses gone).  The words that are neither time nor zone must be a
 * date; the result is the UTC calendar date of that moment.  A time
 * without a zone is UTC; a zone without a time leaves the date as it is.
 */
static int
parse_moment(const char *t, size_t n, int32_t *date)
{
	char rest[TEXT_MAX];
	const struct zone *zone = NULL, *z;
	size_t i = 0, k, r = 0, used;
	int min = -1, ampm = 0, zoned = 0, off = 0, zoff, total;
	int32_t day;

	while (i < n) {
		for (k = i; k < n && t[k] != ' '; k++)
			;
		if (k - i > 11 && t[i + 10] == 't' && t[i + 4] == '-' &&
		    t[i + 7] == '-')
			k = i + 10;		/* ISO "dateTtime" */
		if (min < 0 && parse_clock(t + i, k - i, &min, &ampm, &zoned,
		    &off) == 0) {
			if (zoned)
				zone = &zones[1];
		} else if (min >= 0 && ampm == 0 && k - i == 2 &&
		    (t[i] == 'a' || t[i] == 'p') && t[i + 1] == 'm')
			ampm = t[i];
		else if (min >= 0 && zone == NULL &&
		    parse_offset(t + i, k - i, &off) == 0)
			zone = &zones[1];
		else if (zone == NULL && (z = zone_at(t + i, n - i, &used,
		    &zoff)) != NULL && (r > 0 || min >= 0 || i + used < n)) {
			zone = z;
			off = zoff;
			k = i + used;
		} else if (k - i == 2 && strncmp(t + i, "at", 2) == 0)
			;
		else {
			if (r > 0)
				rest[r++] = ' ';
			memcpy(rest + r, t + i, k - i);
			r += k - i;
		}
		i = k;
		if (i < n && t[i] == 't')
			i++;			/* the ISO "T" */
		while (i < n && t[i] == ' ')
			i++;
	}
	if ((min < 0 && zone == NULL) || parse_day(rest, r, &day) < 0)
		return -1;
	if (ampm != 0) {
		if (min >= 13 * 60)
			return -1;
		if (min >= 12 * 60)
			min -= 12 * 60;
		if (ampm == 'p')
			min += 12 * 60;
	}
	if (min >= 0) {		/* a zone without a time: the day */
		if (zone == NULL)
			off = 0;
		else if (zone->us_dst && us_dst(day))
			off += 60;
		total = min - off;
		day += total < 0 ? -1 : total >= 24 * 60 ? 1 : 0;
	}
	*date = day;
	return 0;
}

int
date_parse_text(const char *s, size_t len, int32_t *date, int *earliest)
{
	char t[TEXT_MAX];
	int got, soft;
	size_t n;

	*earliest = 0;
	if ((got = normalise(s, len, t)) < 0)
		return -1;
	n = (size_t)got;
	if (is_non_date(t, n))
		return 1;
	soft = strip_soft(t, &n);
	if (n > 0 && is_non_date(t, n))
		return 1;		/* "earliest: TBD" */
	if (parse_day(t, n, date) == 0 || parse_moment(t, n, date) == 0) {
		*earliest = soft;
		return 0;
	}
	return -1;
}
