/* imgsize: pixel sizes from image file headers (see imgsize.h). Each
 * reader checks every offset against the bytes it has before reading. */
#include "imgsize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static imgsize_status sides(uint32_t w, uint32_t h, imgsize *out)
{
	if (w == 0 || h == 0 || w > IMGSIZE_MAX_SIDE || h > IMGSIZE_MAX_SIDE)
		return IMGSIZE_DAMAGED;
	out->width = w;
	out->height = h;
	return IMGSIZE_OK;
}

/* PNG: the signature, then the IHDR chunk first. */
static imgsize_status png(const unsigned char *p, size_t n, imgsize *out)
{
	if (n < 24 || memcmp(p + 12, "IHDR", 4) != 0 || be32(p + 8) != 13)
		return IMGSIZE_DAMAGED;
	return sides(be32(p + 16), be32(p + 20), out);
}

static imgsize_status gif(const unsigned char *p, size_t n, imgsize *out)
{
	if (n < 10)
		return IMGSIZE_DAMAGED;
	return sides(le16(p + 6), le16(p + 8), out);
}

/* WebP: RIFF, then one of three kinds of first chunk. */
static imgsize_status webp(const unsigned char *p, size_t n, imgsize *out)
{
	if (n < 30)
		return IMGSIZE_DAMAGED;
	const unsigned char *c = p + 12, *d = p + 20;
	if (memcmp(c, "VP8 ", 4) == 0) {
		/* a key frame: 3 bytes of frame tag, the start code, 14-bit sides */
		if (d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a)
			return IMGSIZE_DAMAGED;
		return sides(le16(d + 6) & 0x3fff, le16(d + 8) & 0x3fff, out);
	}
	if (memcmp(c, "VP8L", 4) == 0) {
		if (d[0] != 0x2f)
			return IMGSIZE_DAMAGED;
		uint32_t b = le32(d + 1);
		return sides((b & 0x3fff) + 1, (b >> 14 & 0x3fff) + 1, out);
	}
	if (memcmp(c, "VP8X", 4) == 0) {
		uint32_t w = (uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16;
		uint32_t h = (uint32_t)d[7] | (uint32_t)d[8] << 8 | (uint32_t)d[9] << 16;
		return sides(w + 1, h + 1, out);
	}
	return IMGSIZE_DAMAGED;
}

/* The EXIF orientation in an APP1 segment's bytes (1 when there is none
 * or it cannot be read). */
static unsigned exif_orientation(const unsigned char *s, size_t n)
{
	if (n < 14 || memcmp(s, "Exif\0\0", 6) != 0)
		return 1;
	const unsigned char *t = s + 6;
	size_t tn = n - 6;
	bool le = memcmp(t, "II*\0", 4) == 0;
	if (!le && memcmp(t, "MM\0*", 4) != 0)
		return 1;
	uint32_t ifd = le ? le32(t + 4) : be32(t + 4);
	if ((size_t)ifd + 2 > tn)
		return 1;
	unsigned count = le ? le16(t + ifd) : be16(t + ifd);
	for (unsigned i = 0; i < count; i++) {
		size_t at = ifd + 2 + (size_t)i * 12;
		if (at + 12 > tn)
			break;
		const unsigned char *e = t + at;
		if ((le ? le16(e) : be16(e)) == 0x0112)
			return le ? le16(e + 8) : be16(e + 8);
	}
	return 1;
}

/* JPEG: walk the markers to the first start of frame (SOF0-SOF15 but
 * DHT, JPG and DAC), noting the EXIF orientation on the way. Each step
 * moves on by at least one byte. */
static imgsize_status jpeg(const unsigned char *p, size_t n, imgsize *out)
{
	size_t at = 2;
	unsigned orientation = 1;
	while (at + 4 <= n) {
		if (p[at] != 0xff)
			return IMGSIZE_DAMAGED;
		unsigned m = p[at + 1];
		if (m == 0xff) { /* fill byte */
			at++;
			continue;
		}
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7)) { /* no length */
			at += 2;
			continue;
		}
		if (m == 0xd9 || m == 0xda) /* end of image, start of scan */
			return IMGSIZE_DAMAGED;
		size_t len = be16(p + at + 2);
		if (len < 2)
			return IMGSIZE_DAMAGED;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (len < 7 || at + 9 > n)
				return IMGSIZE_DAMAGED;
			unsigned h = be16(p + at + 5), w = be16(p + at + 7);
			return orientation >= 5 && orientation <= 8 ? sides(h, w, out) : sides(w, h, out);
		}
		if (m == 0xe1 && orientation == 1 && at + 2 + len <= n)
			orientation = exif_orientation(p + at + 4, len - 2);
		at += 2 + len;
	}
	return IMGSIZE_DAMAGED;
}

/* An SVG length in pixels: a number, optionally followed by "px". */
static bool svg_pixels(const char *v, size_t n, uint32_t *out)
{
	double x = 0, scale = 1;
	size_t i = 0;
	bool digits = false, dot = false;
	for (; i < n && ((v[i] >= '0' && v[i] <= '9') || (v[i] == '.' && !dot)); i++) {
		if (v[i] == '.') {
			dot = true;
		} else if (x < 1e7) {
			digits = true;
			if (dot)
				x += (v[i] - '0') * (scale /= 10);
			else
				x = x * 10 + (v[i] - '0');
		}
	}
	if (i < n && n - i == 2 && memcmp(v + i, "px", 2) == 0)
		i += 2;
	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (!digits || i != n || x < 0.5 || x > IMGSIZE_MAX_SIDE)
		return false;
	*out = (uint32_t)(x + 0.5);
	return true;
}

/* The third and fourth number of a viewBox ("0 0 320 180"). */
static bool svg_viewbox(const char *v, size_t n, uint32_t *w, uint32_t *h)
{
	size_t start[4], len[4], k = 0, i = 0;
	while (k < 4) {
		while (i < n && (v[i] == ' ' || v[i] == ',' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r'))
			i++;
		if (i == n)
			return false;
		start[k] = i;
		while (i < n && v[i] != ' ' && v[i] != ',' && v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
			i++;
		len[k] = i - start[k];
		k++;
	}
	return svg_pixels(v + start[2], len[2], w) && svg_pixels(v + start[3], len[3], h);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* SVG: the attributes of the first <svg element. */
static imgsize_status svg(const char *s, size_t n, imgsize *out)
{
	const char *e = memmem(s, n, "<svg", 4);
	if (!e || (size_t)(e - s) + 4 >= n || !(is_space(e[4]) || e[4] == '>' || e[4] == '/'))
		return IMGSIZE_UNKNOWN;
	const char *end = s + n, *p = e + 4;
	const char *wv = NULL, *hv = NULL, *vb = NULL;
	size_t wn = 0, hn = 0, vbn = 0;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p == end)
			return IMGSIZE_DAMAGED;
		if (*p == '>' || *p == '/')
			break;
		const char *name = p;
		while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
			p++;
		size_t nlen = (size_t)(p - name);
		while (p < end && is_space(*p))
			p++;
		if (p == end || *p != '=' || nlen == 0)
			return IMGSIZE_DAMAGED;
		p++;
		while (p < end && is_space(*p))
			p++;
		if (p == end || (*p != '"' && *p != '\''))
			return IMGSIZE_DAMAGED;
		char q = *p++;
		const char *v = p;
		while (p < end && *p != q)
			p++;
		if (p == end)
			return IMGSIZE_DAMAGED;
		size_t vn = (size_t)(p - v);
		p++;
		if (nlen == 5 && memcmp(name, "width", 5) == 0)
			wv = v, wn = vn;
		else if (nlen == 6 && memcmp(name, "height", 6) == 0)
			hv = v, hn = vn;
		else if (nlen == 7 && memcmp(name, "viewBox", 7) == 0)
			vb = v, vbn = vn;
	}
	uint32_t w, h;
	if (wv && hv && svg_pixels(wv, wn, &w) && svg_pixels(hv, hn, &h))
		return sides(w, h, out);
	if (vb && svg_viewbox(vb, vbn, &w, &h))
		return sides(w, h, out);
	return IMGSIZE_NO_SIZE;
}

imgsize_status imgsize_of(const unsigned char *p, size_t n, imgsize *out)
{
	out->width = out->height = 0;
	if (n > IMGSIZE_HEAD)
		n = IMGSIZE_HEAD;
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return png(p, n, out);
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return jpeg(p, n, out);
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return gif(p, n, out);
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return webp(p, n, out);
	size_t i = n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < n && is_space((char)p[i]))
		i++;
	if (i < n && p[i] == '<')
		return svg((const char *)p, n, out);
	return IMGSIZE_UNKNOWN;
}

imgsize_status imgsize_of_file(const char *path, imgsize *out)
{
	out->width = out->height = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return IMGSIZE_UNREADABLE;
	/* on the heap: the loader calls this on threads with small stacks */
	unsigned char *head = xmalloc(IMGSIZE_HEAD);
	size_t n = fread(head, 1, IMGSIZE_HEAD, f);
	imgsize_status st = ferror(f) ? IMGSIZE_UNREADABLE : imgsize_of(head, n, out);
	fclose(f);
	free(head);
	return st;
}

const char *imgsize_problem(imgsize_status st)
{
	switch (st) {
	case IMGSIZE_OK:
		return "has a size";
	case IMGSIZE_UNKNOWN:
		return "is not a PNG, JPEG, GIF, WebP or SVG image";
	case IMGSIZE_DAMAGED:
		return "has a damaged or cut-short header (or, for a JPEG, more than 64 KiB of metadata before its size)";
	case IMGSIZE_NO_SIZE:
		return "is an SVG without width and height in pixels or a viewBox";
	case IMGSIZE_UNREADABLE:
		break;
	}
	return "cannot be read";
}
