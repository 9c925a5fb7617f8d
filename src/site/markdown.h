/* markdown: the one place that calls cmark (cmark-gfm, with its table,
 * strikethrough and autolink extensions). Renders a record's Markdown to
 * HTML safely (raw HTML omitted, dangerous link schemes dropped: cmark's
 * default), moves headings so that the text's top level is <h2> (the
 * page title is the only <h1>), and makes site-relative links (/pages/about.html) absolute under the
 * site's base path, so content works under any sub-path. Gives an image
 * whose size it is told (md_images) its width and height. Wraps each table
 * in <div class="table-scroll">. A soft line break between two CJK
 * characters becomes nothing (in the HTML and the excerpt); elsewhere it
 * stays a line break. Also extracts a plain-text excerpt for descriptions
 * and sharing. Inputs are bounded in
 * size by the loader (MARKDOWN_MAX), which bounds cmark's time. */
#ifndef QD_MARKDOWN_H
#define QD_MARKDOWN_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* How md_render learns an image's size: `size` is asked for each image
 * whose address is a site path ("/images/a.png" asks for "images/a.png")
 * and answers true with the width and height in pixels, or false. */
typedef struct md_images {
	bool (*size)(const void *ctx, const char *path, unsigned *w, unsigned *h);
	const void *ctx;
} md_images;

/* One parse, two results: the HTML (returned when `html`, NUL-terminated,
 * or NULL for no text) and an excerpt of at most excerpt_chars characters
 * (appended to `excerpt` when not NULL). All of cmark's memory, the HTML
 * included, is taken from `a` and lives as long as it. Thread-safe. */
const char *md_render(arena *a, const char *text, size_t len, const char *base_path, bool html,
		      size_t excerpt_chars, buf *excerpt, const md_images *img);
#endif
