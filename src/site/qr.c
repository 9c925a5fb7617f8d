/* qr: QR codes as SVG, made with libqrencode (see qr.h). */
#include "qr.h"

#include <qrencode.h>
#include <stdbool.h>
#include <string.h>

#include "escape.h"

#define QUIET 4 /* modules of white around the code (ISO/IEC 18004) */

/* libqrencode's encoder with a given mask pattern. QRcode_encodeString
 * tries all eight patterns and scores each (the standard's penalty
 * rules): 38 us a code here, 0.5 s of CPU for the 12,500 pages of the
 * 10,000-need benchmark. Any of the eight is a valid code that every
 * reader decodes (the pattern is written in the code's format
 * information); the scoring only avoids patterns that look like finder
 * marks, which a URL's data rarely makes at these sizes. The function is
 * exported by the library (its own tests call it) but declared only in
 * its internal header, so it is declared here; the test suite decodes the
 * site's codes with zbar. */
extern QRcode *QRcode_encodeMask(QRinput *input, int mask);
#define MASK 2 /* vertical stripes: every third column */

static QRcode *encode(const char *text)
{
	QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
	if (!in)
		return NULL;
	QRcode *q = NULL;
	if (QRinput_append(in, QR_MODE_8, (int)strlen(text), (const unsigned char *)text) == 0)
		q = QRcode_encodeMask(in, MASK);
	QRinput_free(in);
	return q;
}

/* a small number (a code is at most 177 modules wide), or its negative */
static void num(buf *out, int v)
{
	char t[8];
	int n = 0;
	if (v < 0)
		buf_putc(out, '-'), v = -v;
	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 7);
	while (n)
		buf_putc(out, t[--n]);
}

int qr_svg(buf *out, const char *text, const char *label)
{
	QRcode *q = encode(text);
	if (!q)
		return -1;
	int w = q->width, size = w + 2 * QUIET;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
		   size, size);
	esc_html_attr(out, label, strlen(label));
	/* crispEdges: no grey seams between runs when scaled */
	buf_printf(out, "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path stroke=\"#000\" d=\"", size, size);
	/* each run of dark modules in a row: a stroke one module wide along
	 * the row's middle; moves are relative, to keep the path short */
	int px = 0, py = 0; /* the pen, in half-modules (y) and modules (x) */
	bool first = true;
	for (int y = 0; y < w; y++) {
		const unsigned char *row = q->data + (size_t)y * (size_t)w;
		for (int x = 0; x < w;) {
			if (!(row[x] & 1)) {
				x++;
				continue;
			}
			int run = 1;
			while (x + run < w && (row[x + run] & 1))
				run++;
			int sx = x + QUIET, sy = 2 * (y + QUIET) + 1; /* y in half modules */
			if (first) {
				buf_putc(out, 'M');
				num(out, sx);
				buf_putc(out, ' ');
				num(out, sy / 2);
				buf_puts(out, ".5");
				first = false;
			} else {
				buf_putc(out, 'm');
				num(out, sx - px);
				buf_putc(out, ' ');
				num(out, (sy - py) / 2);
			}
			buf_putc(out, 'h');
			num(out, run);
			px = sx + run, py = sy;
			x += run;
		}
	}
	buf_puts(out, "\"/></svg>");
	QRcode_free(q);
	return 0;
}

const char *qr_svg_str(arena *a, const char *text, const char *label)
{
	buf b = BUF_INIT;
	const char *r = qr_svg(&b, text, label) == 0 ? arena_strndup(a, b.ptr, b.len) : NULL;
	buf_free(&b);
	return r;
}
