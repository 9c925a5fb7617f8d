/* markdown: cmark-gfm wrapper (see markdown.h). */
#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "utf8.h"

/* The GitHub extensions every text may use; tagfilter is not among them
 * because it only filters raw HTML, which the safe renderer omits anyway. */
static const char *const md_ext_names[] = { "table", "strikethrough", "autolink" };
#define MD_NEXT (sizeof md_ext_names / sizeof *md_ext_names)
static cmark_syntax_extension *md_ext[MD_NEXT];
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
/* Safe (no CMARK_OPT_UNSAFE: raw HTML omitted, javascript: and the like
 * dropped); a column's alignment as a style attribute, as HTML5 has no
 * align attribute. */
#define MD_HTML_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)
/* Only ~~two~~ tildes strike through: Chinese text writes ranges with one
 * (3~5人，10~20人), which must not become strikethrough. */
#define MD_PARSE_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)

/* cmark-gfm keeps the characters that start an extension's inline syntax
 * (strikethrough's ~, autolink's : and w) in one process-wide table: each
 * cmark_parser_finish adds them when inline parsing starts and removes
 * them when it ends, and every finish reads the table. Two finishes at
 * once would race (one thread's removal hides ~ from the other mid-parse),
 * so all finishes take turns, with or without extensions. Block parsing
 * (cmark_parser_feed), the walks and the HTML stay parallel; the lock is
 * held for about 2 % of a build's work, so threads seldom wait. */
static pthread_mutex_t md_finish_lock = PTHREAD_MUTEX_INITIALIZER;

/* The extension registry is global too: filled once, before any parse. */
static void md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	for (size_t i = 0; i < MD_NEXT; i++)
		if (!(md_ext[i] = cmark_find_syntax_extension(md_ext_names[i])))
			abort(); /* a libcmark-gfm without its core extensions */
}

/* cmark-gfm's tables cost more than their text: every row gets as many
 * cells as the header has columns (a 64 KiB text of a 200-column header
 * and 20,000 one-cell rows renders 21 MB of HTML in 14 s), and a very
 * wide header row is parsed in quadratic time. A text gets the table
 * extension only when no line has more than MD_TABLE_COLS_MAX pipes and
 * (the most pipes on a line + 1) x (its lines), a bound on the cells any
 * table in it can have, is at most MD_TABLE_CELLS_MAX; beyond that the
 * would-be table stays text. */
#define MD_TABLE_COLS_MAX 64
#define MD_TABLE_CELLS_MAX 50000

static bool tables_allowed(const char *text, size_t len)
{
	if (!memchr(text, '|', len))
		return false; /* no table without a pipe: the common case */
	size_t lines = 1, pipes = 0, most = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '|') {
			if (++pipes > MD_TABLE_COLS_MAX)
				return false;
		} else if (text[i] == '\n') {
			lines++;
			most = pipes > most ? pipes : most;
			pipes = 0;
		}
	}
	most = pipes > most ? pipes : most;
	return (most + 1) * lines <= MD_TABLE_CELLS_MAX;
}

/* Whether s occurs in the text. glibc's memmem is slow to start for a
 * short needle; memchr skips to the rare first byte (ASCII in CJK text). */
static bool has(const char *text, size_t len, const char *s)
{
	size_t n = strlen(s);
	for (const char *p = text, *end = text + len; (p = memchr(p, s[0], (size_t)(end - p))); p++)
		if ((size_t)(end - p) >= n && memcmp(p, s, n) == 0)
			return true;
	return false;
}

/* The smallest heading level used in the document (7 when none). */
static int top_heading(cmark_node *root)
{
	int top = 7;
	for (cmark_node *n = cmark_node_first_child(root); n; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) < top)
			top = cmark_node_get_heading_level(n);
	return top;
}

/* How a character takes part in joining lines: 2 for the scripts written
 * without spaces between words (Han ideographs with extension A, the
 * compatibility and supplementary planes, CJK punctuation U+3000-U+303F,
 * kana, fullwidth forms U+FF00-U+FFEF), 1 for punctuation Chinese text
 * shares with Latin text (curly quotes, ellipsis, dashes), 0 for the rest.
 * Hangul is 0: Korean puts spaces between words. */
static int cjk_class(unsigned c)
{
	if ((c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF))
		return 2;
	if ((c >= 0x2010 && c <= 0x2015) || (c >= 0x2018 && c <= 0x201F) || c == 0x2026 || c == 0x00B7)
		return 1;
	return 0;
}

/* The text at one edge of an inline node: its literal, or that of its
 * first (last) descendant through emphasis, links and strikethrough.
 * NULL when the edge is not text (an image, a break, raw HTML). */
static const char *edge_text(cmark_node *n, bool last)
{
	while (n) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			return cmark_node_get_literal(n);
		if (t == CMARK_NODE_IMAGE)
			return NULL;
		n = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
	}
	return NULL;
}

/* The first (last) character of s, 0 for none. s is valid UTF-8. */
static unsigned edge_char(const char *s, bool last)
{
	if (!s || !*s)
		return 0;
	if (last) {
		const char *e = s + strlen(s);
		do
			e--;
		while (e > s && (*(const unsigned char *)e & 0xC0) == 0x80);
		s = e;
	}
	return utf8_next(&s);
}

/* A soft line break joins the characters around it without a space when
 * both are CJK, or one is and the other is shared punctuation: Chinese is
 * written without spaces, and an author's line break inside a paragraph
 * must not put one between two characters. Latin words keep their space. */
static bool joins(cmark_node *softbreak)
{
	int before = cjk_class(edge_char(edge_text(cmark_node_previous(softbreak), true), true));
	if (!before)
		return false;
	int after = cjk_class(edge_char(edge_text(cmark_node_next(softbreak), false), false));
	return before + after >= 3;
}

/* Rewrite what cmark's safe renderer would leave as is but the site needs:
 * soft breaks between CJK characters dropped (for the excerpt too), and
 * with `html`: heading levels (the text's top level becomes <h2>, under the
 * page's <h1>, whether the author started at # or ##), site-relative URLs
 * under the base path, and each table in a wrapper that scrolls sideways
 * on a narrow screen instead of the page. The iterator has computed its
 * next step before handing out a node, so unlinking or wrapping the node
 * it handed out is safe. */
/* The sizes of a text's images, in the order their <img> tags come out
 * (an image inside another's description is only text there). */
typedef struct img_sizes {
	unsigned (*wh)[2];
	size_t n, cap;
	bool any;
} img_sizes;

static void note_image(img_sizes *z, const md_images *img, const char *url, arena *a)
{
	unsigned w = 0, h = 0;
	if (img && url && url_is_site_path(url) && !img->size(img->ctx, url + 1, &w, &h))
		w = h = 0;
	if (z->n == z->cap) {
		size_t cap = z->cap ? 2 * z->cap : 8;
		unsigned (*v)[2] = arena_alloc_raw(a, cap * sizeof *v);
		if (z->n)
			memcpy(v, z->wh, z->n * sizeof *v);
		z->wh = v;
		z->cap = cap;
	}
	z->wh[z->n][0] = w;
	z->wh[z->n][1] = h;
	z->n++;
	z->any |= w && h;
}

/* cmark writes every image as '<img src="…"'; the k-th gets its size
 * after '<img'. Nothing else in safe output starts with '<img': raw HTML
 * is omitted and text's '<' is escaped. */
static const char *put_sizes(arena *a, const char *h, const img_sizes *z)
{
	buf out = BUF_INIT;
	size_t k = 0;
	const char *p = h, *q;
	while ((q = strstr(p, "<img ")) != NULL) {
		buf_put(&out, p, (size_t)(q - p) + 4);
		if (k < z->n && z->wh[k][0] && z->wh[k][1])
			buf_printf(&out, " width=\"%u\" height=\"%u\"", z->wh[k][0], z->wh[k][1]);
		k++;
		p = q + 4;
	}
	buf_puts(&out, p);
	const char *r = arena_strndup(a, out.ptr, out.len);
	buf_free(&out);
	return r;
}

static void adjust(cmark_node *root, bool html, const char *base_path, arena *a, cmark_mem *mem,
		   const md_images *img, img_sizes *sizes)
{
	int in_image = 0;
	int shift = 2 - top_heading(root);
	cmark_syntax_extension *table = md_ext[0];
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			if (html && t == CMARK_NODE_IMAGE)
				in_image--;
			if (html && cmark_node_get_syntax_extension(n) == table &&
			    strcmp(cmark_node_get_type_string(n), "table") == 0) {
				cmark_node *w = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, mem);
				cmark_node_set_on_enter(w, "<div class=\"table-scroll\">");
				cmark_node_set_on_exit(w, "</div>");
				cmark_node_insert_before(n, w);
				cmark_node_append_child(w, n);
			}
			continue;
		}
		if (t == CMARK_NODE_SOFTBREAK) {
			if (joins(n))
				cmark_node_unlink(n); /* its memory is the arena's */
		} else if (!html) {
			continue;
		} else if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, level < 2 ? 2 : level > 6 ? 6 : level);
		} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			const char *u = cmark_node_get_url(n);
			if (t == CMARK_NODE_IMAGE && !in_image++)
				note_image(sizes, img, u, a);
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
					       t == CMARK_NODE_ITEM || cmark_node_get_syntax_extension(n) == md_ext[0]))
			space = 1; /* md_ext[0]: a table's cells and rows */
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
 * its size in front, for realloc; free does nothing. cmark-gfm's extensions
 * allocate through the same interface (the parser's cmark_mem): table rows and cells, autolinks' nodes and the HTML all come
 * from the arena. Only the extension registry, made once by md_init, is
 * malloc'd, and lives as long as the process. */
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
		      size_t excerpt_chars, buf *excerpt_out, const md_images *img)
{
	if (!text || !len)
		return NULL;
	pthread_once(&md_once, md_init);
	/* cmark's allocator interface has no context argument: the arena is
	 * found through this thread's md_current while cmark runs */
	md_mem mem = { { md_calloc, md_realloc, md_free }, a };
	md_mem *outer = md_current;
	md_current = &mem;
	cmark_parser *p = cmark_parser_new_with_mem(MD_PARSE_OPTIONS, &mem.mem);
	/* an extension is attached only when its syntax can occur: most texts
	 * need none, and each one attached costs a walk of the document */
	bool want[MD_NEXT] = {
		tables_allowed(text, len),
		has(text, len, "~~"),
		has(text, len, "www.") || has(text, len, "://") || memchr(text, '@', len),
	};
	for (size_t i = 0; i < MD_NEXT; i++)
		if (want[i])
			cmark_parser_attach_syntax_extension(p, md_ext[i]);
	cmark_parser_feed(p, text, len);
	pthread_mutex_lock(&md_finish_lock);
	cmark_node *doc = cmark_parser_finish(p);
	pthread_mutex_unlock(&md_finish_lock);
	img_sizes sizes = { 0 };
	adjust(doc, html, base_path ? base_path : "/", a, &mem.mem, img, &sizes);
	if (excerpt_out)
		excerpt(doc, excerpt_chars, excerpt_out);
	const char *h = NULL;
	if (html)
		h = cmark_render_html(doc, MD_HTML_OPTIONS, cmark_parser_get_syntax_extensions(p));
	if (h && sizes.any)
		h = put_sizes(a, h, &sizes);
	/* no cmark_node_free or cmark_parser_free: their memory is a's */
	md_current = outer;
	return h;
}
