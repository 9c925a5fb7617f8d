/* What a reader follows and reuses: the time of day an event gives
 * (date_clock_parse, which calendars and JSON-LD use), the QR code's
 * drawing (qr.h: read back module by module and compared with
 * libqrencode's own matrix), and JSON-LD that stays inside its <script>
 * whatever a record holds (jsonld.h). The files themselves (feeds,
 * calendars, CSV, Excel, JSON) are read back by real parsers in
 * tests/site/check_follow.py. */
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jsonld.h"
#include "qr.h"
#include "t.h"

extern QRcode *QRcode_encodeMask(QRinput *input, int mask);

static int clock1(const char *s, int *start, int *end)
{
	*start = *end = -1;
	return date_clock_parse(s, start, end);
}

TEST(clock_times_as_content_writes_them)
{
	int s, e;
	CHECK_INT(clock1("上午9:30", &s, &e), 1);
	CHECK_INT(s, 9 * 60 + 30);
	CHECK_INT(clock1("14:00", &s, &e), 1);
	CHECK_INT(s, 14 * 60);
	CHECK_INT(clock1("下午2:30", &s, &e), 1);
	CHECK_INT(s, 14 * 60 + 30);
	CHECK_INT(clock1("晚上7点半", &s, &e), 1);
	CHECK_INT(s, 19 * 60 + 30);
	CHECK_INT(clock1("9：00—11：30", &s, &e), 2); /* full-width colon and dash */
	CHECK_INT(s, 9 * 60);
	CHECK_INT(e, 11 * 60 + 30);
	/* 下午2:00-4:00 ends at 16:00, not 4 in the morning */
	CHECK_INT(clock1("下午2:00-4:00", &s, &e), 2);
	CHECK_INT(s, 14 * 60);
	CHECK_INT(e, 16 * 60);
	/* 12 noon stays 12 after 下午 */
	CHECK_INT(clock1("下午12:15", &s, &e), 1);
	CHECK_INT(s, 12 * 60 + 15);
	/* no clock time: an all-day event */
	CHECK_INT(clock1("下午", &s, &e), 0);
	CHECK_INT(clock1("全天", &s, &e), 0);
	CHECK_INT(clock1("", &s, &e), 0);
	CHECK_INT(date_clock_parse(NULL, &s, &e), 0);
	/* not times: out of range, or digits without a clock mark */
	CHECK_INT(clock1("25:00", &s, &e), 0);
	CHECK_INT(clock1("9:75", &s, &e), 0);
	CHECK_INT(clock1("2024年", &s, &e), 0);
	/* an end before the start is not an end */
	CHECK_INT(clock1("10:00-9:00", &s, &e), 1);
}

/* the dark modules of qr_svg's path, read back: "M x y.5" then runs
 * "h n" and relative moves "m dx dy" (see qr.c) */
static unsigned char *modules_of(const char *svg, int *size)
{
	const char *vb = strstr(svg, "viewBox=\"0 0 ");
	if (!vb)
		return NULL;
	*size = atoi(vb + 13);
	unsigned char *m = calloc((size_t)*size * (size_t)*size, 1);
	const char *d = strstr(svg, " d=\"");
	if (!d)
		return m;
	d += 4;
	double x = 0, y = 0;
	while (*d && *d != '"') {
		char op = *d++;
		char *end;
		double a = strtod(d, &end);
		d = end;
		if (op == 'h') {
			for (int i = 0; i < (int)a; i++)
				m[(int)y * *size + (int)x + i] = 1;
			x += a;
			continue;
		}
		double b = strtod(d, &end);
		d = end;
		if (op == 'M')
			x = a, y = b;
		else if (op == 'm')
			x += a, y += b;
		else
			return m;
	}
	return m;
}

TEST(qr_drawing_is_the_code)
{
	const char *urls[] = {
		"https://example.org/qingdan/lists/2020-bailianchi-needs/1.html",
		"https://example.org/jihui/events/2025-chenghua-partners-fair.html",
		"https://example.org/",
	};
	for (size_t k = 0; k < sizeof urls / sizeof *urls; k++) {
		buf b = BUF_INIT;
		CHECK_INT(qr_svg(&b, urls[k], "本页<二维码>"), 0);
		/* the same code, as qr.c asks libqrencode for it */
		QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
		QRinput_append(in, QR_MODE_8, (int)strlen(urls[k]), (const unsigned char *)urls[k]);
		QRcode *q = QRcode_encodeMask(in, 2);
		QRinput_free(in);
		int size = 0;
		unsigned char *m = modules_of(b.ptr, &size);
		CHECK(m != NULL);
		CHECK_INT(size, q->width + 8); /* a quiet zone of 4 */
		int wrong = 0, dark = 0;
		for (int y = 0; m && y < size; y++)
			for (int x = 0; x < size; x++) {
				int inside = x >= 4 && y >= 4 && x < size - 4 && y < size - 4;
				int want = inside ? q->data[(y - 4) * q->width + (x - 4)] & 1 : 0;
				wrong += m[y * size + x] != want;
				dark += want;
			}
		CHECK_INT(wrong, 0);
		CHECK(dark > 100);
		/* the label is escaped, the drawing has an accessible name */
		CHECK(strstr(b.ptr, "aria-label=\"本页&lt;二维码&gt;\"") != NULL);
		CHECK(strstr(b.ptr, "role=\"img\"") != NULL);
		free(m);
		QRcode_free(q);
		buf_free(&b);
	}
}

TEST(qr_too_long_is_refused)
{
	/* more than a QR code holds: nothing is appended */
	size_t n = 4000;
	char *s = malloc(n + 1);
	memset(s, 'a', n);
	s[n] = 0;
	buf b = BUF_INIT;
	buf_puts(&b, "x");
	CHECK_INT(qr_svg(&b, s, "x"), -1);
	CHECK_STR(b.ptr, "x");
	buf_free(&b);
	free(s);
}

TEST(jsonld_stays_in_its_script)
{
	district d = { .id = "d", .name = "成华区</script><script>alert(1)</script>" };
	street st = { .id = "s", .name = "街道\u2028\u2029", .district = &d };
	list l = { .id = "l", .kind = LIST_NEEDS, .title = "t" };
	category c = { .id = "c", .name = "类别&<>" };
	item it = { .list = &l, .no = 1, .title = "</SCRIPT>\"'", .district = &d, .street = &st, .category = &c,
		    .deadline = DATE_NONE, .budget = { 6.6, true } };
	site s = { .base_url = "https://example.org/", .base_path = "/" };
	view_ctx vc = { .s = &s };
	arena a;
	arena_init(&a);
	const char *j = jsonld_item(&vc, &a, &it, "https://example.org/lists/l/1.html");
	CHECK(j != NULL);
	CHECK(strstr(j, "</") == NULL && strstr(j, "<") == NULL);
	CHECK(strstr(j, "\u2028") == NULL && strstr(j, "\u2029") == NULL);
	CHECK(strstr(j, "\"@type\":\"Demand\"") != NULL);
	/* 6.6 万元 is 66000 yuan */
	CHECK(strstr(j, "\"price\":66000") != NULL);
	/* a pain point has no structured data */
	l.kind = LIST_PAIN_POINTS;
	CHECK(jsonld_item(&vc, &a, &it, "https://example.org/lists/l/1.html") == NULL);
	arena_free(&a);
}
