/*
 * ical.h - shutdown days as an iCalendar (RFC 5545) document.
 *
 * One all-day event per model with a shutdown date, with alarms 30, 7 and
 * 1 days before (none for an earliest date that has come).  Lines end in
 * CRLF and are folded at 75 octets, text is escaped; the output depends
 * only on the records and the stamp day, so the same catalog gives the
 * same bytes (and ETag).
 */
#ifndef SUNSET_ICAL_H
#define SUNSET_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "record.h"

/* Renders the calendar of records v[0..n) named name; stamp is the day
 * the calendar is made for (as_of), written as DTSTAMP.  An earliest date
 * on or before stamp gets no alarms.  Returns the text, which the caller
 * frees, or NULL when it would pass BUF_MAX_INTERNAL. */
char *ical_calendar(const struct record *const *v, size_t n, const char *name,
    int32_t stamp);

#endif
