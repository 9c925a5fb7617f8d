/* markdown: cmark wrapper (see markdown.h). */
#include "markdown.h"

#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"

/* The smallest heading level used in the document (7 when none). */
static int top_heading(cmark_node *root)
{
	int top = 7;
	for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) < top)
			top = cmark_node_get_heading_level(n);
	return top;
}

/* Rewrite what cmark's safe renderer would leave as is but the site needs:
 * heading levels (the text's top level becomes <h2>, under the page's
 * <h1>, whether the author started at # or ##), and site-relative URLs
 * under the base path. */
static void adjust(cmark_node *root, const char *base_path, arena *a)
{
	int shift = 2 - top_heading(root);
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, level < 2 ? 2 : level > 6 ? 6 : level);
		} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			const char *u = cmark_node_get_url(n);
			const char *to = u ? url_site_link(a, base_path, u, true) : u;
			if (to != u)
				cmark_node_set_url(n, to);
		}
	}
	cmark_iter_free(it);
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Append the words of s to out, one space between them, until `max`
 * characters are out; a run of non-space bytes is copied at once, cut at
 * a character boundary. */
static void put_words(buf *out, size_t start, const char *s, size_t *chars, size_t max, int *space)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p && *chars < max) {
		if (is_space(*p)) {
			*space = 1;
			p++;
			continue;
		}
		if (*space && out->len > start)
			buf_putc(out, ' '), (*chars)++;
		*space = 0;
		const unsigned char *run = p;
		while (*p && !is_space(*p) && *chars < max) {
			p++;
			while ((*p & 0xC0) == 0x80) /* the rest of this character */
				p++;
			(*chars)++;
		}
		buf_put(out, (const char *)run, (size_t)(p - run));
	}
}

/* Append the plain words of a parsed document to out (see md_excerpt). */
static void excerpt(cmark_node *doc, size_t max_chars, buf *out)
{
	size_t start = out->len, chars = 0;
	int space = 0, cut = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
					       t == CMARK_NODE_ITEM))
			space = 1;
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			space = 1;
		else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK)
			put_words(out, start, cmark_node_get_literal(n), &chars, max_chars, &space);
		if (chars >= max_chars) {
			cut = 1;
			break;
		}
	}
	cmark_iter_free(it);
	if (cut)
		buf_puts(out, "…");
}

/* cmark's allocations, carved from an arena: a Markdown text makes some
 * hundred small nodes and buffers, all dropped together when the page is
 * done, so malloc and free for each would be wasted work. A block records
 * its size in front, for realloc; free does nothing. */
typedef struct md_mem {
	cmark_mem mem; /* first: cmark hands back this pointer */
	arena *a;
} md_mem;

static _Thread_local md_mem *md_current; /* the allocator of this thread's render */

typedef struct md_head {
	size_t size;
	size_t pad; /* keeps the data 16-byte aligned, as the arena's */
} md_head;

static void *md_alloc(size_t size, int zero)
{
	if (size > SIZE_MAX - sizeof(md_head))
		abort();
	md_head *h = zero ? arena_alloc(md_current->a, sizeof *h + size)
			  : arena_alloc_raw(md_current->a, sizeof *h + size);
	h->size = size;
	return h + 1;
}

static void *md_calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		abort();
	return md_alloc(n * size, 1);
}

static void *md_realloc(void *p, size_t size)
{
	if (!p)
		return md_alloc(size, 0);
	size_t had = ((md_head *)p - 1)->size;
	if (size <= had)
		return p;
	void *q = md_alloc(size, 0);
	memcpy(q, p, had);
	return q;
}

static void md_free(void *p)
{
	(void)p;
}

const char *md_render(arena *a, const char *text, size_t len, const char *base_path, bool html,
		      size_t excerpt_chars, buf *excerpt_out)
{
	if (!text || !len)
		return NULL;
	/* cmark's allocator interface has no context argument: the arena is
	 * found through this thread's md_current while cmark runs */
	md_mem mem = { { md_calloc, md_realloc, md_free }, a };
	md_mem *outer = md_current;
	md_current = &mem;
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &mem.mem);
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	if (excerpt_out)
		excerpt(doc, excerpt_chars, excerpt_out);
	const char *h = NULL;
	if (html) {
		adjust(doc, base_path ? base_path : "/", a);
		h = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	}
	/* no cmark_node_free or cmark_parser_free: their memory is a's */
	md_current = outer;
	return h;
}
