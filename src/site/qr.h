/* qr: a page's address as a QR code, drawn as inline SVG, so that a
 * printed handout or poster leads back to the live page. The code is made
 * by libqrencode (error correction level M: readable with some 15 % of it
 * smudged or folded), with the four-module quiet zone the standard asks
 * for. The drawing is one path of horizontal runs of dark modules, black
 * on white at any size (its viewBox is in modules; the caller's CSS sets
 * the width), with an accessible name. */
#ifndef QD_QR_H
#define QD_QR_H
#include "arena.h"
#include "buf.h"

/* Append the SVG of `text` (an absolute URL) to out, with `label` (HTML-
 * escaped) as its accessible name. Returns 0, or -1 (nothing appended)
 * when the text cannot be encoded (too long for a QR code). */
int qr_svg(buf *out, const char *text, const char *label);
/* The same, as a string in `a`; NULL on failure. */
const char *qr_svg_str(arena *a, const char *text, const char *label);

#endif
