/* Markdown: what site/markdown.c adds to cmark-gfm's safe renderer (line
 * breaks in Chinese text, tables in their scroll wrapper, strikethrough,
 * autolinks, heading levels, base-path links), what it keeps out (raw
 * HTML, javascript: links), and its bounds on hostile tables and inlines
 * (the render finishes, the output stays within a multiple of the input). */
#include <stdio.h>
#include <string.h>

#include "markdown.h"
#include "schema.h"
#include "t.h"

/* Render s under base path /jihui/ into a (html), or its excerpt. */
static const char *html_of(arena *a, const char *s)
{
	return md_render(a, s, strlen(s), "/jihui/", true, 0, NULL, NULL);
}

static const char *excerpt_of(arena *a, const char *s, buf *ex)
{
	ex->len = 0;
	md_render(a, s, strlen(s), "/", false, 100, ex, NULL);
	return ex->ptr;
}

TEST(markdown_cjk_softbreak_joins)
{
	arena a;
	arena_init(&a);
	buf ex = BUF_INIT;
	CHECK_STR(html_of(&a, "爱邻议事日\n整理出"), "<p>爱邻议事日整理出</p>\n");
	CHECK_STR(excerpt_of(&a, "爱邻议事日\n整理出", &ex), "爱邻议事日整理出");
	/* CJK punctuation, fullwidth forms, kana and emphasis around the break */
	CHECK_STR(html_of(&a, "第一句。\n第二句"), "<p>第一句。第二句</p>\n");
	CHECK_STR(html_of(&a, "（注）\n说明"), "<p>（注）说明</p>\n");
	CHECK_STR(html_of(&a, "**强调**\n文字"), "<p><strong>强调</strong>文字</p>\n");
	CHECK_STR(html_of(&a, "状态为“待认领”\n的条目"), "<p>状态为“待认领”的条目</p>\n");
	CHECK_STR(html_of(&a, "かな\nカナ"), "<p>かなカナ</p>\n");
	buf_free(&ex);
	arena_free(&a);
}

TEST(markdown_other_softbreaks_stay)
{
	arena a;
	arena_init(&a);
	buf ex = BUF_INIT;
	CHECK_STR(html_of(&a, "hello\nworld"), "<p>hello\nworld</p>\n");
	CHECK_STR(excerpt_of(&a, "hello\nworld", &ex), "hello world");
	/* only a break with CJK on both sides joins */
	CHECK_STR(html_of(&a, "中文\nEnglish"), "<p>中文\nEnglish</p>\n");
	CHECK_STR(html_of(&a, "English\n中文"), "<p>English\n中文</p>\n");
	CHECK_STR(excerpt_of(&a, "中文\nEnglish", &ex), "中文 English");
	CHECK_STR(html_of(&a, "said “hi”\nand"), "<p>said “hi”\nand</p>\n");
	CHECK_STR(html_of(&a, "한국어\n문장"), "<p>한국어\n문장</p>\n"); /* Korean spaces words */
	/* a hard break is the author's: kept */
	CHECK_STR(html_of(&a, "第一行\\\n第二行"), "<p>第一行<br />\n第二行</p>\n");
	buf_free(&ex);
	arena_free(&a);
}

TEST(markdown_table_in_scroll_wrapper)
{
	arena a;
	arena_init(&a);
	CHECK_STR(html_of(&a, "| 状态 | 含义 |\n|---|:-:|\n| 待认领 | 正在征集 |\n"),
		  "<div class=\"table-scroll\">\n<table>\n<thead>\n<tr>\n<th>状态</th>\n"
		  "<th style=\"text-align: center\">含义</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
		  "<td>待认领</td>\n<td style=\"text-align: center\">正在征集</td>\n</tr>\n</tbody>\n"
		  "</table>\n</div>\n");
	/* in a list item too, and the excerpt keeps cells apart */
	const char *h = html_of(&a, "- x\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n");
	CHECK(h && strstr(h, "<li>\n<p>x</p>\n<div class=\"table-scroll\">\n<table>"));
	CHECK(h && strstr(h, "</table>\n</div>\n</li>"));
	buf ex = BUF_INIT;
	CHECK_STR(excerpt_of(&a, "| a | b |\n|---|---|\n| 1 | 2 |\n\n后文", &ex), "a b 1 2 后文");
	buf_free(&ex);
	arena_free(&a);
}

TEST(markdown_strikethrough_and_autolinks)
{
	arena a;
	arena_init(&a);
	CHECK_STR(html_of(&a, "~~旧地址~~"), "<p><del>旧地址</del></p>\n");
	/* one tilde is a range, not strikethrough */
	CHECK_STR(html_of(&a, "每次3~5人，共10~20人~~"), "<p>每次3~5人，共10~20人~~</p>\n");
	CHECK_STR(html_of(&a, "见 www.example.org 。"),
		  "<p>见 <a href=\"http://www.example.org\">www.example.org</a> 。</p>\n");
	CHECK_STR(html_of(&a, "https://example.org/a?b=1"),
		  "<p><a href=\"https://example.org/a?b=1\">https://example.org/a?b=1</a></p>\n");
	arena_free(&a);
}

TEST(markdown_stays_safe)
{
	arena a;
	arena_init(&a);
	CHECK_STR(html_of(&a, "<script>alert(1)</script>\n\n文<b>字</b>"),
		  "<!-- raw HTML omitted -->\n<p>文<!-- raw HTML omitted -->字<!-- raw HTML omitted --></p>\n");
	CHECK_STR(html_of(&a, "[点](javascript:alert(1)) [图](vbscript:x)"),
		  "<p><a href=\"\">点</a> <a href=\"\">图</a></p>\n");
	/* an autolink with a dangerous scheme is not made */
	const char *h = html_of(&a, "javascript:alert(1)");
	CHECK(h && !strstr(h, "href=\"javascript"));
	/* a table cell is safe too */
	h = html_of(&a, "| a |\n|---|\n| <img src=x onerror=alert(1)> [x](javascript:y) |\n");
	CHECK(h && !strstr(h, "<img") && !strstr(h, "javascript"));
	arena_free(&a);
}

TEST(markdown_headings_and_links)
{
	arena a;
	arena_init(&a);
	CHECK_STR(html_of(&a, "# 一\n\n## 二\n\n[关于](/pages/about/) [外](https://x.org/)"),
		  "<h2>一</h2>\n<h3>二</h3>\n<p><a href=\"/jihui/pages/about/\">关于</a> "
		  "<a href=\"https://x.org/\">外</a></p>\n");
	CHECK_STR(html_of(&a, "### 三"), "<h2>三</h2>\n");
	arena_free(&a);
}

/* Hostile inputs at the loader's size limit: each must finish (the
 * harness's time limit catches a hang) with its output within 32 times
 * the input, as cmark's own bounds allow. Timings by hand are in
 * docs/content.md's notes on limits. */
static void put_rep(buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	while (b->len + n <= max)
		buf_put(b, s, n);
}

TEST(markdown_hostile_inputs_are_bounded)
{
	static const char *const units[] = {
		"*a **a ", "[", "~~a ", "www.", "a@", "_a", "`a``", "[a](", "http://", "中\n",
	};
	arena a;
	buf in = BUF_INIT;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
		arena_init(&a);
		in.len = 0;
		put_rep(&in, units[i], MARKDOWN_MAX);
		const char *h = md_render(&a, in.ptr, in.len, "/", true, 100, NULL, NULL);
		CHECK(h && strlen(h) <= 32 * (size_t)MARKDOWN_MAX);
		arena_free(&a);
	}
	/* tables: a wide header over many short rows (each row is padded to
	 * the header's width), a very wide header, many full rows */
	for (int k = 0; k < 3; k++) {
		arena_init(&a);
		in.len = 0;
		size_t cols = k == 0 ? 200 : k == 1 ? 10000 : 2;
		buf_putc(&in, '|');
		for (size_t c = 0; c < cols; c++)
			buf_puts(&in, "a|");
		buf_puts(&in, "\n|");
		for (size_t c = 0; c < cols; c++)
			buf_puts(&in, "-|");
		buf_putc(&in, '\n');
		put_rep(&in, k == 0 ? "|b|\n" : "|x|y|\n", MARKDOWN_MAX);
		in.len = in.len > MARKDOWN_MAX ? MARKDOWN_MAX : in.len;
		const char *h = md_render(&a, in.ptr, in.len, "/", true, 100, NULL, NULL);
		CHECK(h && strlen(h) <= 32 * (size_t)MARKDOWN_MAX);
		arena_free(&a);
	}
	buf_free(&in);
}

/* the size callback of a site whose static/images/a.png is 640 x 480 */
static bool fake_size(const void *ctx, const char *path, unsigned *w, unsigned *h)
{
	(*(int *)ctx)++;
	if (strcmp(path, "images/a.png") != 0)
		return false;
	*w = 640;
	*h = 480;
	return true;
}

static const char *with_sizes(arena *a, const char *s, int *asked)
{
	md_images img = { fake_size, asked };
	return md_render(a, s, strlen(s), "/jihui/", true, 0, NULL, &img);
}

TEST(markdown_image_sizes)
{
	arena a;
	arena_init(&a);
	int asked = 0;
	CHECK_STR(with_sizes(&a, "![照片](/images/a.png)", &asked),
		  "<p><img width=\"640\" height=\"480\" src=\"/jihui/images/a.png\" alt=\"照片\" /></p>\n");
	CHECK_INT(asked, 1);
	/* unknown, external: no size; the k-th <img> gets the k-th size */
	asked = 0;
	CHECK_STR(with_sizes(&a, "![](/images/b.png) ![](https://x.example/a.png) ![a](/images/a.png)", &asked),
		  "<p><img src=\"/jihui/images/b.png\" alt=\"\" /> <img src=\"https://x.example/a.png\" alt=\"\" /> "
		  "<img width=\"640\" height=\"480\" src=\"/jihui/images/a.png\" alt=\"a\" /></p>\n");
	CHECK_INT(asked, 2); /* the external one is not asked about */
	/* an image inside another's description is text there, not an <img> */
	asked = 0;
	CHECK_STR(with_sizes(&a, "![![in](/images/b.png)](/images/b.png) ![](/images/a.png)", &asked),
		  "<p><img src=\"/jihui/images/b.png\" alt=\"in\" /> "
		  "<img width=\"640\" height=\"480\" src=\"/jihui/images/a.png\" alt=\"\" /></p>\n");
	/* '<img' written as text or code, and raw HTML, are not images */
	CHECK_STR(with_sizes(&a, "`<img x>` <img src=y> &lt;img ![](/images/a.png)", &asked),
		  "<p><code>&lt;img x&gt;</code> <!-- raw HTML omitted --> &lt;img "
		  "<img width=\"640\" height=\"480\" src=\"/jihui/images/a.png\" alt=\"\" /></p>\n");
	/* without a callback nothing changes */
	CHECK_STR(html_of(&a, "![](/images/a.png)"), "<p><img src=\"/jihui/images/a.png\" alt=\"\" /></p>\n");
	arena_free(&a);
}
