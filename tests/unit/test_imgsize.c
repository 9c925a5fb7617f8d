/* imgsize: pixel sizes from tiny hand-made image headers, and every
 * truncation and some corruptions of them (run under ASan: a read past
 * the bytes given is a failure too). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "imgsize.h"
#include "t.h"

typedef struct sample {
	const char *name;
	const unsigned char *p;
	size_t n;
	unsigned w, h;
} sample;

/* PNG: signature, IHDR of 300 x 200 (the rest of the file is not read) */
static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
				     'I', 'H', 'D', 'R', 0, 0, 0x01, 0x2c, 0, 0, 0, 0xc8 };
static const unsigned char gif[] = { 'G', 'I', 'F', '8', '9', 'a', 0x40, 0x01, 0xf0, 0x00 };
/* JPEG: SOI, an APP0 of 16 bytes, a fill byte, SOF2 of 640 x 480 */
static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1,
				      0, 1, 0, 0, 0xff, 0xff, 0xc2, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80 };
/* JPEG with an EXIF block saying "rotate 90°" (orientation 6), 640 x 480
 * stored, shown 480 x 640 */
static const unsigned char jpeg_exif[] = {
	0xff, 0xd8, 0xff, 0xe1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
	'I', 'I', '*', 0, 8, 0, 0, 0,            /* TIFF header, IFD0 at 8 */
	1, 0,                                    /* one entry */
	0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, /* orientation = 6 */
	0, 0, 0, 0,                              /* no next IFD */
	0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80 };
static const unsigned char webp_lossy[] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P',
					    'V', 'P', '8', ' ', 0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a,
					    0x20, 0x03, 0x58, 0x02 };
/* VP8L: 0x2f, then 14 bits of width-1 (99) and of height-1 (49) */
static const unsigned char webp_lossless[] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P',
					       'V', 'P', '8', 'L', 0, 0, 0, 0, 0x2f,
					       99 & 0xff, (99 >> 8) | ((49 & 0x3) << 6), (49 >> 2) & 0xff,
					       0, 0, 0, 0, 0, 0 };
static const unsigned char webp_extended[] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P',
					       'V', 'P', '8', 'X', 10, 0, 0, 0, 0, 0, 0, 0,
					       0x1f, 0x4e, 0x00, 0x0f, 0x27, 0x00 };
static const char svg_px[] = "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns='http://www.w3.org/2000/svg' "
			     "stroke-width=\"9\" width=\"320px\" height=\"180.4\">";
static const char svg_box[] = "<svg width=\"100%\" viewBox=\"0,0 32 16\">";

static const sample samples[] = {
	{ "png", png, sizeof png, 300, 200 },
	{ "gif", gif, sizeof gif, 320, 240 },
	{ "jpeg", jpeg, sizeof jpeg, 640, 480 },
	{ "jpeg_exif", jpeg_exif, sizeof jpeg_exif, 480, 640 },
	{ "webp_lossy", webp_lossy, sizeof webp_lossy, 800, 600 },
	{ "webp_lossless", webp_lossless, sizeof webp_lossless, 100, 50 },
	{ "webp_extended", webp_extended, sizeof webp_extended, 20000, 10000 },
	{ "svg_px", (const unsigned char *)svg_px, sizeof svg_px - 1, 320, 180 },
	{ "svg_box", (const unsigned char *)svg_box, sizeof svg_box - 1, 32, 16 },
};

/* A copy of exactly n bytes on the heap, so ASan sees a read past them. */
static imgsize_status size_of(const unsigned char *p, size_t n, imgsize *out)
{
	unsigned char *copy = malloc(n ? n : 1);
	memcpy(copy, p, n);
	imgsize_status st = imgsize_of(copy, n, out);
	free(copy);
	return st;
}

TEST(imgsize_reads_each_format)
{
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		const sample *s = &samples[i];
		imgsize sz;
		if (!CHECK_INT(size_of(s->p, s->n, &sz), IMGSIZE_OK))
			fprintf(stderr, "  in sample %s\n", s->name);
		CHECK_INT(sz.width, s->w);
		CHECK_INT(sz.height, s->h);
	}
}

TEST(imgsize_every_truncation_fails)
{
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		const sample *s = &samples[i];
		for (size_t n = 0; n < s->n; n++) {
			imgsize sz;
			imgsize_status st = size_of(s->p, n, &sz);
			if (!CHECK(st == IMGSIZE_DAMAGED || st == IMGSIZE_UNKNOWN))
				fprintf(stderr, "  sample %s cut to %zu bytes\n", s->name, n);
			CHECK_INT(sz.width, 0);
		}
	}
}

TEST(imgsize_corrupt_headers)
{
	imgsize sz;
	unsigned char b[64];
	/* a PNG whose first chunk is not IHDR */
	memcpy(b, png, sizeof png);
	b[12] = 'I', b[13] = 'D', b[14] = 'A', b[15] = 'T';
	CHECK_INT(size_of(b, sizeof png, &sz), IMGSIZE_DAMAGED);
	/* a PNG of width 0 */
	memcpy(b, png, sizeof png);
	b[18] = b[19] = 0;
	CHECK_INT(size_of(b, sizeof png, &sz), IMGSIZE_DAMAGED);
	/* a PNG of 2^31 pixels' width */
	memcpy(b, png, sizeof png);
	b[16] = 0x80;
	CHECK_INT(size_of(b, sizeof png, &sz), IMGSIZE_DAMAGED);
	/* a JPEG segment of length 0 or 1 would not move the walk on */
	memcpy(b, jpeg, sizeof jpeg);
	b[5] = 1;
	CHECK_INT(size_of(b, sizeof jpeg, &sz), IMGSIZE_DAMAGED);
	/* a JPEG whose segment length runs past the end */
	memcpy(b, jpeg, sizeof jpeg);
	b[4] = 0xff;
	CHECK_INT(size_of(b, sizeof jpeg, &sz), IMGSIZE_DAMAGED);
	/* a JPEG that starts its scan before any frame */
	memcpy(b, jpeg, sizeof jpeg);
	b[22] = 0xda;
	CHECK_INT(size_of(b, sizeof jpeg, &sz), IMGSIZE_DAMAGED);
	/* a JPEG whose EXIF IFD offset points far outside the block: no
	 * orientation, the stored size */
	memcpy(b, jpeg_exif, sizeof jpeg_exif);
	b[16] = 0xff, b[17] = 0xff, b[18] = 0xff, b[19] = 0xff;
	CHECK_INT(size_of(b, sizeof jpeg_exif, &sz), IMGSIZE_OK);
	CHECK_INT(sz.width, 640);
	/* a lossy WebP without the start code */
	memcpy(b, webp_lossy, sizeof webp_lossy);
	b[23] = 0;
	CHECK_INT(size_of(b, sizeof webp_lossy, &sz), IMGSIZE_DAMAGED);
	/* an unknown WebP chunk */
	memcpy(b, webp_lossy, sizeof webp_lossy);
	b[15] = 'Z';
	CHECK_INT(size_of(b, sizeof webp_lossy, &sz), IMGSIZE_DAMAGED);
}

TEST(imgsize_svg_and_other_text)
{
	imgsize sz;
#define SVG(text) size_of((const unsigned char *)(text), sizeof(text) - 1, &sz)
	CHECK_INT(SVG("<svg width=\"10em\" height=\"2em\">"), IMGSIZE_NO_SIZE);
	CHECK_INT(SVG("<svg>"), IMGSIZE_NO_SIZE);
	CHECK_INT(SVG("<svg viewBox=\"0 0 10\">"), IMGSIZE_NO_SIZE);
	CHECK_INT(SVG("<svg width=4 height=3>"), IMGSIZE_DAMAGED);
	CHECK_INT(SVG("<svg width=\"4\" height=\"3"), IMGSIZE_DAMAGED);
	CHECK_INT(SVG("<svgfoo width=\"4\" height=\"3\">"), IMGSIZE_UNKNOWN);
	CHECK_INT(SVG("<html><body>"), IMGSIZE_UNKNOWN);
	CHECK_INT(SVG("%PDF-1.4"), IMGSIZE_UNKNOWN);
	CHECK_INT(SVG("<svg width='0.4' height='3'>"), IMGSIZE_NO_SIZE);
	CHECK_INT(SVG("<svg width=\"4\" height=\"3\"/>"), IMGSIZE_OK);
	CHECK_INT(sz.width, 4);
#undef SVG
}

TEST(imgsize_of_file_reads_the_head)
{
	imgsize sz;
	char path[] = "/tmp/qd-imgsize-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	/* the size is in the first bytes; the file goes on past IMGSIZE_HEAD */
	CHECK(write(fd, gif, sizeof gif) == (ssize_t)sizeof gif);
	CHECK(ftruncate(fd, IMGSIZE_HEAD + 4096) == 0);
	close(fd);
	CHECK_INT(imgsize_of_file(path, &sz), IMGSIZE_OK);
	CHECK_INT(sz.width, 320);
	unlink(path);
	CHECK_INT(imgsize_of_file(path, &sz), IMGSIZE_UNREADABLE);
	CHECK_STR(imgsize_problem(IMGSIZE_UNREADABLE), "cannot be read");
}
