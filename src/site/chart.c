/* chart: horizontal bar charts as inline SVG (see chart.h). Widths of
 * texts are estimated (a CJK character 1 em, other characters 0.6 em): the
 * chart reserves room for the widest value text and shortens labels that
 * would not fit. */
#include "chart.h"

#include <string.h>

#include "escape.h"
#include "utf8.h"

enum {
	W = 360,      /* viewBox width */
	FONT = 16,    /* text height */
	ROW = 52,     /* label line + bar + gap */
	BAR_H = 18,
	GAP = 6,      /* between a bar's end and its value */
	TOP = 4
};

/* Estimated width of a text in units, one code point at a time. */
static double cp_width(unsigned cp)
{
	return cp < 0x1100 ? FONT * 0.6 : FONT;
}

static double text_width(const char *s)
{
	double w = 0;
	while (*s)
		w += cp_width(utf8_next(&s));
	return w;
}

static void put_esc(buf *out, const char *s, size_t n)
{
	esc_html(out, s, n);
}

/* The label, shortened with "…" to fit `room` units. */
static void put_label(buf *out, const char *s, double room)
{
	if (text_width(s) <= room) {
		put_esc(out, s, strlen(s));
		return;
	}
	double w = cp_width(0x2026);
	const char *p = s;
	while (*p) {
		const char *q = p;
		double cw = cp_width(utf8_next(&q));
		if (w + cw > room)
			break;
		w += cw;
		p = q;
	}
	put_esc(out, s, (size_t)(p - s));
	buf_puts(out, "…");
}

/* x with one decimal, as %.1f writes it */
static void put_tenths(buf *out, double x)
{
	long long t = (long long)(x * 10 + (x < 0 ? -0.5 : 0.5));
	if (t < 0) {
		buf_putc(out, '-');
		t = -t;
	}
	buf_puti(out, t / 10);
	buf_putc(out, '.');
	buf_putc(out, '0' + (int)(t % 10));
}

void chart_bars(buf *out, const char *id, const char *title, const chart_bar *bars, size_t n)
{
	double max = 0, vw = 0;
	for (size_t i = 0; i < n; i++) {
		if (bars[i].value > max)
			max = bars[i].value;
		double w = text_width(bars[i].value_text ? bars[i].value_text : "");
		if (w > vw)
			vw = w;
	}
	double room = W - vw - GAP - 2; /* the longest bar */
	if (room < W / 3.0)
		room = W / 3.0;
	int height = TOP + (int)n * ROW;
	buf_printf(out,
		   "<svg class=\"chart-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		   "width=\"100%%\" role=\"img\" font-size=\"%d\" aria-labelledby=\"",
		   W, height, FONT);
	esc_html_attr(out, id, strlen(id));
	buf_puts(out, "\"><title id=\"");
	esc_html_attr(out, id, strlen(id));
	buf_puts(out, "\">");
	put_esc(out, title, strlen(title));
	buf_puts(out, "</title>");
	for (size_t i = 0; i < n; i++) {
		const chart_bar *b = &bars[i];
		int y = TOP + (int)i * ROW;
		double len = max > 0 && b->value > 0 ? b->value / max * room : 0;
		if (b->value > 0 && len < 2)
			len = 2; /* a small value stays visible */
		buf_puts(out, "<g class=\"bar\"><text class=\"label\" x=\"0\" y=\"");
		buf_puti(out, y + FONT);
		buf_puts(out, "\" fill=\"#1a1a1a\">");
		put_label(out, b->label ? b->label : "", W);
		buf_puts(out, "</text>");
		if (len > 0) {
			buf_puts(out, "<rect x=\"0\" y=\"");
			buf_puti(out, y + FONT + 6);
			buf_puts(out, "\" width=\"");
			put_tenths(out, len);
			buf_puts(out, "\" height=\"");
			buf_puti(out, BAR_H);
			buf_puts(out, "\" fill=\"#a3211f\"/>");
		}
		buf_puts(out, "<text class=\"value\" x=\"");
		put_tenths(out, len + GAP);
		buf_puts(out, "\" y=\"");
		buf_puti(out, y + FONT + 6 + BAR_H - 4);
		buf_puts(out, "\" fill=\"#1a1a1a\">");
		if (b->value_text)
			put_esc(out, b->value_text, strlen(b->value_text));
		buf_puts(out, "</text></g>");
	}
	buf_puts(out, "</svg>");
}
