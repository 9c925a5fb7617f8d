/* calendar: iCalendar files of the events (see calendar.h). */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"

/* ---- lines ---- */

/* NAME:value, the value escaped as TEXT, folded, CRLF */
static void text_line(buf *out, const char *name, const char *v, size_t n)
{
	size_t from = out->len;
	buf_puts(out, name);
	buf_putc(out, ':');
	esc_ical_text(out, v, n);
	esc_ical_fold(out, from);
	buf_puts(out, "\r\n");
}

/* NAME:value as given (URIs, dates), folded, CRLF */
static void raw_line(buf *out, const char *name, const char *v)
{
	size_t from = out->len;
	buf_puts(out, name);
	buf_putc(out, ':');
	buf_puts(out, v);
	esc_ical_fold(out, from);
	buf_puts(out, "\r\n");
}

static void ymd(char out[9], qdate d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	/* dates are four-digit years (date.h) */
	snprintf(out, 9, "%04u%02u%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)day % 100u);
}

typedef struct cal {
	const view_ctx *vc;
	const char *host;
	arena *a;
	buf out;
} cal;

static void vevent(cal *c, const event *e)
{
	buf *out = &c->out;
	const site *s = c->vc->s;
	char d[9], dend[9], stamp[9];
	buf_puts(out, "BEGIN:VEVENT\r\n");
	buf t = BUF_INIT;
	buf_printf(&t, "%s@%s", e->id, c->host);
	text_line(out, "UID", t.ptr, t.len);
	/* 00:00 Beijing time of the event's day, in UTC */
	ymd(stamp, e->date - 1);
	buf_reset(&t);
	buf_printf(&t, "%sT160000Z", stamp);
	raw_line(out, "DTSTAMP", t.ptr);
	ymd(d, e->date);
	int start = 0, end = 0;
	int clock = e->end_date == DATE_NONE || e->end_date == e->date ? date_clock_parse(e->time, &start, &end) : 0;
	buf_reset(&t);
	if (clock) {
		buf_printf(&t, "%sT%02d%02d00", d, start / 60, start % 60);
		raw_line(out, "DTSTART;TZID=Asia/Shanghai", t.ptr);
		if (clock == 2) {
			buf_reset(&t);
			buf_printf(&t, "%sT%02d%02d00", d, end / 60, end % 60);
			raw_line(out, "DTEND;TZID=Asia/Shanghai", t.ptr);
		}
	} else {
		raw_line(out, "DTSTART;VALUE=DATE", d);
		qdate last = e->end_date != DATE_NONE && e->end_date > e->date ? e->end_date : e->date;
		ymd(dend, last + 1);
		raw_line(out, "DTEND;VALUE=DATE", dend);
	}
	text_line(out, "SUMMARY", e->title, strlen(e->title));
	buf_reset(&t);
	if (e->venue)
		buf_puts(&t, e->venue);
	const char *place = e->street ? e->street->name : NULL;
	if (e->district && (!e->venue || !strstr(e->venue, e->district->name))) {
		if (t.len)
			buf_puts(&t, "，");
		buf_puts(&t, e->district->name);
		if (place)
			buf_puts(&t, place);
	} else if (place && (!e->venue || !strstr(e->venue, place))) {
		if (t.len)
			buf_puts(&t, "，");
		buf_puts(&t, place);
	}
	if (t.len)
		text_line(out, "LOCATION", t.ptr, t.len);
	const char *url = url_absolute(c->a, s->base_url, s->base_path, c->vc->event_url[e->idx]);
	buf_reset(&t);
	if (e->time && !clock) {
		buf_puts(&t, "时间：");
		buf_puts(&t, e->time);
		buf_putc(&t, '\n');
	}
	if (e->nlists)
		buf_printf(&t, "发布清单 %zu 份\n", e->nlists);
	buf_puts(&t, "详情：");
	buf_puts(&t, url);
	text_line(out, "DESCRIPTION", t.ptr, t.len);
	raw_line(out, "URL", url);
	buf_free(&t);
	buf_puts(out, "END:VEVENT\r\n");
}

static bool timed(const event *e)
{
	int a, b;
	return (e->end_date == DATE_NONE || e->end_date == e->date) && date_clock_parse(e->time, &a, &b) > 0;
}

static int write_cal(cal *c, output_writer *w, const char *name, event *const *v, size_t n, const char *loc)
{
	buf *out = &c->out;
	buf_reset(out);
	buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//qingdan//qingdan//ZH\r\nCALSCALE:GREGORIAN\r\n"
		      "METHOD:PUBLISH\r\n");
	text_line(out, "X-WR-CALNAME", name, strlen(name));
	raw_line(out, "X-WR-TIMEZONE", "Asia/Shanghai");
	bool any_timed = false;
	for (size_t i = 0; i < n && !any_timed; i++)
		any_timed = timed(v[i]);
	if (any_timed)
		buf_puts(out, "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
			      "TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
	for (size_t i = 0; i < n; i++)
		vevent(c, v[i]);
	buf_puts(out, "END:VCALENDAR\r\n");
	return output_put(w, loc, out->ptr, out->len);
}

int calendar_write(const view_ctx *vc, output_writer *w)
{
	const site *s = vc->s;
	const site_index *ix = vc->ix;
	arena a;
	arena_init(&a);
	cal c = { .vc = vc, .host = url_host(&a, s->base_url), .a = &a, .out = BUF_INIT };
	int rc = 0;
	/* a calendar has at least one event (RFC 5545: one component or more) */
	if (ix->events.n)
		rc = write_cal(&c, w, arena_printf(&a, "%s · 活动", s->title), ix->events.v, ix->events.n,
			       url_file_of(&a, "", URL_CAL_ALL, NULL));
	for (size_t i = 0; i < s->ndistricts && rc == 0; i++) {
		const eventset *es = &ix->district_events[i];
		if (es->n)
			rc = write_cal(&c, w, arena_printf(&a, "%s · %s活动", s->title, s->districts[i]->name), es->v,
				       es->n, url_file_of(&a, "", URL_CAL_DISTRICT, s->districts[i]->id));
	}
	for (size_t i = 0; i < s->nevents && rc == 0; i++)
		rc = write_cal(&c, w, s->events[i]->title, &s->events[i], 1,
			       url_file_of(&a, "", URL_CAL_EVENT, s->events[i]->id));
	buf_free(&c.out);
	arena_free(&a);
	return rc;
}
