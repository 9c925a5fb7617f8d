/* imgsize: an image's size in pixels, read from the first bytes of its
 * file, so that every <img> a page writes has its width and height and
 * the page does not jump while images load. Reads PNG (IHDR), JPEG (the
 * SOFn marker; EXIF orientation 5-8 swaps the sides, as browsers show
 * it), GIF, WebP (VP8, VP8L, VP8X) and SVG (the root element's width and
 * height in pixels, else its viewBox). Only looks: never decodes, reads
 * at most IMGSIZE_HEAD bytes, and every loop advances through the bytes
 * it was given, so hostile input costs at most one pass over them.
 * Exported names carry the prefix imgsize_. */
#ifndef QD_IMGSIZE_H
#define QD_IMGSIZE_H
#include <stddef.h>

/* Bytes read from the start of a file; a JPEG whose size marker comes
 * later (after 64 KiB of metadata) counts as damaged. */
#define IMGSIZE_HEAD (64u << 10)
/* A side longer than this is taken for a damaged header. */
#define IMGSIZE_MAX_SIDE 100000u

typedef enum imgsize_status {
	IMGSIZE_OK,
	IMGSIZE_UNKNOWN,    /* not a format read here */
	IMGSIZE_DAMAGED,    /* a known format, but cut short or corrupt */
	IMGSIZE_NO_SIZE,    /* an SVG without pixel width/height or viewBox */
	IMGSIZE_UNREADABLE, /* the file could not be opened or read */
} imgsize_status;

typedef struct imgsize {
	unsigned width, height; /* both set (1..IMGSIZE_MAX_SIDE) when OK */
} imgsize;

/* The size of the image whose first `n` bytes are `p`. */
imgsize_status imgsize_of(const unsigned char *p, size_t n, imgsize *out);
/* The size of the image in file `path` (its first IMGSIZE_HEAD bytes). */
imgsize_status imgsize_of_file(const char *path, imgsize *out);
/* What went wrong, in words for a warning ("is not a PNG, …"). */
const char *imgsize_problem(imgsize_status st);

#endif
