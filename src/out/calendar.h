/* calendar: the events as iCalendar files (RFC 5545): all events
 * (calendar/all.ics), each district's (for a district that has events)
 * and each event on its own (添加到日历). An event is an all-day entry
 * (DTSTART;VALUE=DATE, DTEND the day after its last day) unless its
 * `time` gives a clock time (date.h: date_clock_parse) on a one-day
 * event: then DTSTART (and DTEND when a range is given) is local time in
 * Asia/Shanghai, defined by the calendar's VTIMEZONE. UID is the event's
 * id at the site's host, stable from build to build; DTSTAMP is the
 * event's day (never the build clock), so calendars are reproducible.
 * Text is escaped and every line folded at 75 octets (escape.h). */
#ifndef QD_CALENDAR_H
#define QD_CALENDAR_H
#include "output.h"
#include "view.h"

/* Write every calendar through w. Returns 0, or -1 after reporting. */
int calendar_write(const view_ctx *vc, output_writer *w);
#endif
