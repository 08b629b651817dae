/*
 * ical.c - RFC 5545 text: content lines, escaping, folding.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "buf.h"
#include "date.h"
#include "html.h"
#include "ical.h"
#include "util.h"

#define FOLD 75		/* octets per line, CRLF excluded */

/* Appends one content line, folded: a CRLF and a space before every
 * further 74 octets, never inside a UTF-8 sequence. */
static void
line(struct buf *b, const char *text)
{
	size_t n = strlen(text), i = 0, room = FOLD, take;

	while (i < n) {
		take = n - i < room ? n - i : room;
		/* Back off to the start of a UTF-8 sequence. */
		while (take > 0 && i + take < n &&
		    ((unsigned char)text[i + take] & 0xc0) == 0x80)
			take--;
		if (i > 0)
			buf_addc(b, ' ');
		buf_add(b, text + i, take);
		buf_add(b, "\r\n", 2);
		i += take;
		room = FOLD - 1;
	}
}

/* "NAME:" followed by text escaped as RFC 5545 TEXT. */
static void
text_line(struct buf *b, const char *name, const char *text)
{
	size_t n = strlen(name);
	/* Escaping at most doubles the text. */
	char *s = xmalloc(n + 2 + 2 * strlen(text)), *q = s + n;
	const char *p;

	memcpy(s, name, n);
	*q++ = ':';
	for (p = text; *p != '\0'; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			*q++ = '\\';
			*q++ = *p;
		} else if (*p == '\n') {
			*q++ = '\\';
			*q++ = 'n';
		} else if ((unsigned char)*p >= 0x20)
			*q++ = *p;
	}
	*q = '\0';
	line(b, s);
	free(s);
}

/* YYYYMMDD */
static void
basic_date(int32_t date, char *buf)
{
	char iso[11];

	date_format(date, iso);
	memcpy(buf, iso, 4);
	memcpy(buf + 4, iso + 5, 2);
	memcpy(buf + 6, iso + 8, 2);
	buf[8] = '\0';
}

/*
 * One all-day event on the shutdown day.  An earliest date says so in the
 * summary; once it has come (on or before as_of) the event keeps its day
 * but has no alarms: nobody announced a shutdown to be reminded of.
 */
static void
event(struct buf *b, const struct record *r, int32_t as_of,
    const char *stamp)
{
	static const int alarms[] = { 30, 7, 1 };
	int earliest = r->shutdown_kind == SHUTDOWN_EARLIEST;
	struct answer_state st;
	struct buf u;
	char day[9], next[9], *s, *t;
	size_t i;

	answer_state(&st, r, as_of);
	basic_date(r->shutdown_on, day);
	basic_date(r->shutdown_on + 1, next);
	line(b, "BEGIN:VEVENT");
	s = xasprintf("%s/%s@sunset", r->provider, r->id);
	text_line(b, "UID", s);
	free(s);
	s = xasprintf("DTSTAMP:%sT000000Z", stamp);
	line(b, s);
	free(s);
	s = xasprintf("DTSTART;VALUE=DATE:%s", day);
	line(b, s);
	free(s);
	s = xasprintf("DTEND;VALUE=DATE:%s", next);
	line(b, s);
	free(s);
	s = xasprintf("%s %s %s", r->provider, r->id, earliest ?
	    "earliest shutdown (not before this day)" : "shuts down");
	text_line(b, "SUMMARY", s);
	free(s);
	if (!earliest)
		s = xasprintf("%s %s stops answering on this day.",
		    r->provider, r->id);
	else if (st.overdue)
		s = xasprintf("%s %s may stop answering any day from this day "
		    "on; no shutdown date is announced.", r->provider, r->id);
	else
		s = xasprintf("%s %s stops answering no earlier than this "
		    "day.", r->provider, r->id);
	if (r->nreplacements > 0) {
		t = xasprintf("%s Replacement: %s.", s, r->replacements[0].id);
		free(s);
		s = t;
	}
	text_line(b, "DESCRIPTION", s);
	free(s);
	if (r->nsources > 0 && r->sources[0].url != NULL) {
		/* A URI value, not TEXT: percent-encoded, not escaped. */
		buf_init(&u, BUF_MAX_INTERNAL);
		buf_adds(&u, "URL:");
		html_uri(&u, r->sources[0].url);
		if ((s = buf_take(&u, NULL)) != NULL)
			line(b, s);
		free(s);
	}
	line(b, "TRANSP:TRANSPARENT");
	for (i = 0; i < NELEM(alarms) && !st.earliest_passed; i++) {
		line(b, "BEGIN:VALARM");
		line(b, "ACTION:DISPLAY");
		s = xasprintf("TRIGGER:-P%dD", alarms[i]);
		line(b, s);
		free(s);
		s = xasprintf("%s %s %s in %d day%s", r->provider, r->id,
		    earliest ? "may shut down at the earliest" : "shuts down",
		    alarms[i], alarms[i] == 1 ? "" : "s");
		text_line(b, "DESCRIPTION", s);
		free(s);
		line(b, "END:VALARM");
	}
	line(b, "END:VEVENT");
}

char *
ical_calendar(const struct record *const *v, size_t n, const char *name,
    int32_t stamp)
{
	struct buf b;
	char day[9];
	size_t i;

	buf_init(&b, BUF_MAX_INTERNAL);
	basic_date(stamp, day);
	line(&b, "BEGIN:VCALENDAR");
	line(&b, "VERSION:2.0");
	line(&b, "PRODID:-//sunset//sunset " PACKAGE_VERSION "//EN");
	line(&b, "CALSCALE:GREGORIAN");
	line(&b, "METHOD:PUBLISH");
	text_line(&b, "X-WR-CALNAME", name);
	for (i = 0; i < n; i++)
		if (v[i]->shutdown_on != DATE_NONE)
			event(&b, v[i], stamp, day);
	line(&b, "END:VCALENDAR");
	return buf_take(&b, NULL);
}
