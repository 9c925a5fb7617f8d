/* Unit tests of the run-time parts under the pipeline: the parallel loop
 * (par.c), arena reuse (arena_reset), Markdown rendering on an arena
 * (markdown.c's cmark allocator), and the sitemap split past 50,000 URLs. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "markdown.h"
#include "output.h"
#include "par.h"
#include "sitemap.h"
#include "t.h"

typedef struct visits {
	atomic_int *seen;      /* times each index was visited */
	atomic_int bad_worker; /* visits from a worker number out of range */
	unsigned limit;
} visits;

static void visit(void *ctx, unsigned worker, size_t i)
{
	visits *v = ctx;
	atomic_fetch_add(&v->seen[i], 1);
	if (worker >= v->limit)
		atomic_fetch_add(&v->bad_worker, 1);
}

TEST(par_for_visits_each_index_once)
{
	static const size_t sizes[] = { 0, 1, 2, 7, 128, 1000, 4099 };
	static const size_t chunks[] = { 0, 1, 3, 256 };
	static const unsigned threads[] = { 0, 1, 2, 5, 64 };
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
		for (size_t c = 0; c < sizeof chunks / sizeof *chunks; c++)
			for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
				size_t n = sizes[s];
				visits v = { calloc(n + 1, sizeof(atomic_int)), 0, 0 };
				v.limit = threads[t] < 1 ? 1 : threads[t] > PAR_MAX ? PAR_MAX : threads[t];
				unsigned used = par_for(threads[t], n, chunks[c], visit, &v);
				CHECK(used >= 1 && used <= v.limit);
				size_t wrong = 0;
				for (size_t i = 0; i < n; i++)
					wrong += atomic_load(&v.seen[i]) != 1;
				CHECK_INT(wrong, 0);
				CHECK_INT(atomic_load(&v.bad_worker), 0);
				free(v.seen);
			}
}

typedef struct hooked {
	atomic_int begun[PAR_MAX], ended[PAR_MAX], order_bad, visits;
	atomic_int open[PAR_MAX]; /* begun and not yet ended */
} hooked;

static void h_begin(void *ctx, unsigned w)
{
	hooked *h = ctx;
	atomic_fetch_add(&h->begun[w], 1);
	atomic_store(&h->open[w], 1);
}

static void h_body(void *ctx, unsigned w, size_t i)
{
	hooked *h = ctx;
	(void)i;
	if (!atomic_load(&h->open[w]))
		atomic_fetch_add(&h->order_bad, 1);
	atomic_fetch_add(&h->visits, 1);
}

static void h_end(void *ctx, unsigned w)
{
	hooked *h = ctx;
	atomic_fetch_add(&h->ended[w], 1);
	atomic_store(&h->open[w], 0);
}

TEST(par_run_hooks_once_per_worker)
{
	static const size_t sizes[] = { 0, 5, 1000 };
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		hooked h = { 0 };
		unsigned used = par_run(4, sizes[s], 16, h_body, h_begin, h_end, &h);
		size_t wrong = 0;
		for (unsigned w = 0; w < PAR_MAX; w++) {
			int want = w < used;
			wrong += atomic_load(&h.begun[w]) != want || atomic_load(&h.ended[w]) != want;
		}
		CHECK_INT(wrong, 0);
		CHECK_INT(atomic_load(&h.order_bad), 0); /* no body outside begin..end */
		CHECK_INT(atomic_load(&h.visits), (long long)sizes[s]);
		CHECK(used >= 1);
	}
}

TEST(arena_reset_reuses_memory)
{
	arena a;
	arena_init(&a);
	arena_reset(&a); /* empty: nothing to keep */
	char *p = arena_alloc(&a, 100);
	memset(p, 'x', 100);
	for (int i = 0; i < 50; i++)
		arena_alloc_raw(&a, 10000); /* several blocks */
	arena_alloc_raw(&a, 1 << 20);    /* and a big one of its own */
	arena_reset(&a);
	CHECK_INT(a.total, 0);
	char *q = arena_alloc(&a, 100);
	memset(q, 'y', 100);
	arena_reset(&a);
	char *r = arena_alloc(&a, 100);
	CHECK(r == q); /* the kept block is used again, from its start */
	size_t nonzero = 0;
	for (int i = 0; i < 100; i++)
		nonzero += r[i] != 0;
	CHECK_INT(nonzero, 0); /* and arena_alloc still zeroes */
	arena_free(&a);
	CHECK(a.head == NULL);
}

TEST(arena_grows_by_huge_blocks)
{
	/* past a megabyte an arena takes 2 MB blocks; every allocation stays
	 * distinct and intact, and a reset keeps one such block warm */
	arena a;
	arena_init(&a);
	enum { N = 40000, SZ = 100 };
	unsigned char **p = malloc(N * sizeof *p);
	for (int i = 0; i < N; i++) {
		p[i] = arena_alloc_raw(&a, SZ);
		memset(p[i], i & 0xff, SZ);
	}
	size_t bad = 0;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < SZ; j++)
			bad += p[i][j] != (i & 0xff);
	CHECK_INT(bad, 0);
	CHECK_INT(a.total, (long long)N * SZ);
	arena_reset(&a);
	char *q = arena_alloc(&a, 100);
	arena_reset(&a);
	CHECK(arena_alloc(&a, 100) == q); /* the huge head block is kept */
	arena_alloc_raw(&a, 3 << 20);      /* bigger than a huge block */
	arena_reset(&a);
	CHECK_INT(a.total, 0);
	arena_free(&a);
	free(p);
}

TEST(markdown_on_an_arena)
{
	arena a;
	arena_init(&a);
	buf ex = BUF_INIT;
	const char *h = md_render(&a, "# T\n\nSome *text*, [a link](/pages/x/).\n\n- one\n- two\n", 52,
				  "/jihui/", true, 10, &ex, NULL);
	CHECK_STR(h, "<h2>T</h2>\n<p>Some <em>text</em>, <a href=\"/jihui/pages/x/\">a link</a>.</p>\n"
		     "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
	CHECK_STR(ex.ptr, "T Some tex…");
	CHECK(md_render(&a, "", 0, "/", true, 0, NULL, NULL) == NULL);
	/* a long text grows cmark's buffers many times over (realloc) */
	buf big = BUF_INIT;
	for (int i = 0; i < 3000; i++)
		buf_puts(&big, "第一段文字，包含**强调**和`代码`。\n");
	h = md_render(&a, big.ptr, big.len, "/", true, 0, NULL, NULL);
	CHECK(h && strncmp(h, "<p>第一段文字", strlen("<p>第一段文字")) == 0);
	CHECK(h && strstr(h, "</p>\n") == h + strlen(h) - 5);
	buf_free(&big);
	buf_free(&ex);
	arena_free(&a);
}

static char *slurp(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	static char text[8192];
	size_t n = fread(text, 1, sizeof text - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

TEST(sitemap_splits_past_the_limit)
{
	char dir[] = "/tmp/qd-sitemap-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char out[600];
	snprintf(out, sizeof out, "%s/public", dir);
	site s = { 0 };
	s.base_url = "https://example.org/jihui/";
	s.base_path = "/jihui/";
	const char *urls[] = { "/jihui/", "/jihui/a/", NULL, "/jihui/b.html", "/jihui/c?x=1&y=2",
			       "/jihui/d/", "/jihui/e.html" };
	diag d;
	diag_init(&d);
	output o;
	CHECK_INT(output_begin(&o, out, NULL, &d), 0);
	CHECK_INT(sitemap_write_split(&s, urls, 7, &o, 3), 0);
	CHECK_INT(output_commit(&o), 0);
	output_free(&o);
	char *t = slurp(out, "sitemap.xml");
	CHECK(t && strstr(t, "<sitemapindex") &&
	      strstr(t, "<sitemap><loc>https://example.org/jihui/sitemap-1.xml</loc></sitemap>\n"
			"<sitemap><loc>https://example.org/jihui/sitemap-2.xml</loc></sitemap>\n"
			"</sitemapindex>"));
	t = slurp(out, "sitemap-1.xml");
	CHECK(t && strstr(t, "<loc>https://example.org/jihui/</loc>") &&
	      strstr(t, "<loc>https://example.org/jihui/b.html</loc>") && !strstr(t, "c?x"));
	t = slurp(out, "sitemap-2.xml");
	CHECK(t && strstr(t, "<loc>https://example.org/jihui/c?x=1&amp;y=2</loc>") &&
	      strstr(t, "<loc>https://example.org/jihui/e.html</loc>"));
	CHECK(slurp(out, "sitemap-3.xml") == NULL);
	t = slurp(out, "robots.txt");
	CHECK(t && strstr(t, "Sitemap: https://example.org/jihui/sitemap.xml"));
	/* at or under the limit: one plain sitemap */
	output_begin(&o, out, NULL, &d);
	CHECK_INT(sitemap_write_split(&s, urls, 7, &o, 6), 0);
	output_commit(&o);
	output_free(&o);
	t = slurp(out, "sitemap.xml");
	CHECK(t && strstr(t, "<urlset") && strstr(t, "e.html") && slurp(out, "sitemap-1.xml") == NULL);
	CHECK_INT(d.errors, 0);
	diag_free(&d);
	output_rmtree(dir);
}
