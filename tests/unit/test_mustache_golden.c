/* Golden tests of whole template sets: each tests/mustache/CASE/ holds a
 * templates/ directory, data.yaml and expected.html, the reviewed output
 * of rendering templates/page.mustache as a site build would (strict
 * linking and rendering). Also: a typical page renders without
 * allocating, and one compiled set renders in several threads at once. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source.h"
#include "t.h"
#include "test_mustache.h"
#include "yamlload.h"

#define CASES "tests/mustache"

/* One golden case, loaded and linked. */
typedef struct mu_t_golden {
	arena a;
	diag d;
	mu_set *set;
	const mu_template *page;
	const void *data;
	const char *expected;
	size_t expected_len;
} mu_t_golden;

static int golden_load(mu_t_golden *g, const char *name)
{
	char path[256];
	source src;
	arena_init(&g->a);
	diag_init(&g->d);
	g->set = mu_set_new(&g->a);
	snprintf(path, sizeof path, CASES "/%s/templates", name);
	int rc = mu_load_dir(g->set, &g->d, path);
	mu_link(g->set, &g->d, MU_LINK_STRICT, NULL, NULL);
	g->page = mu_get(g->set, "page", 4);
	snprintf(path, sizeof path, CASES "/%s/data.yaml", name);
	if (source_read(&g->a, &g->d, path, &src) == 0)
		g->data = yamlload_parse(&g->a, &g->d, path, src.text, src.len, 1);
	snprintf(path, sizeof path, CASES "/%s/expected.html", name);
	if (source_read(&g->a, &g->d, path, &src) == 0) {
		g->expected = src.text;
		g->expected_len = src.len;
	}
	if (rc || g->d.errors || !g->page || !g->data || !g->expected) {
		diag_print(&g->d, stderr);
		return -1;
	}
	return 0;
}

static void golden_free(mu_t_golden *g)
{
	mu_set_free(g->set);
	diag_free(&g->d);
	arena_free(&g->a);
}

static const mu_opts strict = { .flags = MU_RENDER_STRICT };

static void golden(const char *name)
{
	mu_t_golden g;
	buf out = BUF_INIT;
	mu_error err;
	if (CHECK(golden_load(&g, name) == 0)) {
		CHECK_INT(mu_render(g.page, &mu_value_data, g.data, &strict, &out, &err), MU_OK);
		CHECK_STR(out.ptr, g.expected);
		CHECK_INT(out.len, g.expected_len);
	}
	buf_free(&out);
	golden_free(&g);
}

TEST(mu_golden_layout) { golden("layout"); }
TEST(mu_golden_crlf) { golden("crlf"); }
TEST(mu_golden_dynamic) { golden("dynamic"); }

/* ---- no allocation while rendering ---- */

/* Count allocations while `counting` is set. Under a sanitizer its
 * allocator hooks see every malloc; elsewhere this file interposes the
 * malloc family and forwards to glibc's allocator. */
static volatile int counting;
static volatile long allocations;

/* Sanitizers with their own allocator: use their hooks, never interpose. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MU_T_SAN_HOOKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
	__has_feature(memory_sanitizer)
#define MU_T_SAN_HOOKS 1
#endif
#endif

#ifdef MU_T_SAN_HOOKS
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
					      void (*free_hook)(const volatile void *));

static void on_malloc(const volatile void *p, size_t n)
{
	(void)p;
	(void)n;
	if (counting)
		allocations++;
}

static void on_free(const volatile void *p)
{
	(void)p;
}

static void count_start(void)
{
	static int installed;
	if (!installed)
		__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
	installed = 1;
	allocations = 0;
	counting = 1;
}
#else
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

void *malloc(size_t n)
{
	if (counting)
		allocations++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (counting)
		allocations++;
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	if (counting)
		allocations++;
	return __libc_realloc(p, n);
}

void free(void *p)
{
	__libc_free(p);
}

static void count_start(void)
{
	allocations = 0;
	counting = 1;
}
#endif

static long count_stop(void)
{
	counting = 0;
	return allocations;
}

/* Whether the counter sees allocations here: under valgrind, which
 * replaces malloc in the executable too, it does not, and the counts
 * below are not checked (the ASan and plain builds check them). */
static int counter_works(void)
{
	/* through pointers, as other files call them: not inlined here */
	void *(*volatile alloc)(size_t) = malloc;
	void (*volatile release)(void *) = free;
	count_start();
	void *p = alloc(16);
	release(p);
	return count_stop() > 0;
}

static void no_allocation(const char *name)
{
	mu_t_golden g;
	buf out = BUF_INIT;
	mu_error err;
	if (!CHECK(golden_load(&g, name) == 0))
		goto out;
	/* the first render grows the buffer; the second reuses it */
	CHECK_INT(mu_render(g.page, &mu_value_data, g.data, &strict, &out, &err), MU_OK);
	size_t cap = out.cap;
	buf_reset(&out);
	int works = counter_works();
	count_start();
	mu_status st = mu_render(g.page, &mu_value_data, g.data, &strict, &out, &err);
	long n = count_stop();
	CHECK_INT(st, MU_OK);
	if (works)
		CHECK_INT(n, 0);
	CHECK_INT(out.cap, cap);
	CHECK_STR(out.ptr, g.expected);
out:
	buf_free(&out);
	golden_free(&g);
}

TEST(mu_render_allocates_nothing_layout) { no_allocation("layout"); }
TEST(mu_render_allocates_nothing_dynamic) { no_allocation("dynamic"); }

TEST(mu_render_counter_sees_allocations)
{
	/* the counter works where it can: growing an empty buffer is seen */
	buf b = BUF_INIT;
	int works = counter_works();
	count_start();
	buf_puts(&b, "grow");
	long n = count_stop();
	if (works)
		CHECK(n >= 1);
	buf_free(&b);
}

TEST(mu_render_error_allocates_nothing)
{
	buf out = BUF_INIT;
	mu_error err;
	const char *tpl = "{{#l}}{{>*kind}}{{/l}}";
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	mu_set *s = mu_set_new(&a);
	const mu_template *t = mu_compile(s, &d, "t", "t.mustache", tpl, strlen(tpl));
	mu_link(s, &d, MU_LINK_STRICT, NULL, NULL);
	const void *data = mu_t_data("{l: [{kind: ghost}]}");
	buf_grow(&out, 1024);
	int works = counter_works();
	count_start();
	mu_status st = mu_render(t, &mu_value_data, data, &strict, &out, &err);
	long n = count_stop();
	CHECK_INT(st, MU_ERR_MISSING);
	if (works)
		CHECK_INT(n, 0);
	buf_free(&out);
	mu_set_free(s);
	diag_free(&d);
	arena_free(&a);
}

/* ---- one set, many threads ---- */

typedef struct mu_t_job {
	const mu_t_golden *g;
	int ok;
} mu_t_job;

static void *render_many(void *arg)
{
	mu_t_job *job = arg;
	buf out = BUF_INIT;
	job->ok = 1;
	for (int i = 0; i < 20; i++) {
		buf_reset(&out);
		if (mu_render(job->g->page, &mu_value_data, job->g->data, &strict, &out, NULL) != MU_OK ||
		    out.len != job->g->expected_len || memcmp(out.ptr, job->g->expected, out.len) != 0)
			job->ok = 0;
	}
	buf_free(&out);
	return NULL;
}

TEST(mu_render_in_parallel_threads)
{
	mu_t_golden g;
	if (CHECK(golden_load(&g, "layout") == 0)) {
		pthread_t th[4];
		mu_t_job jobs[4];
		for (int i = 0; i < 4; i++) {
			jobs[i].g = &g;
			CHECK_INT(pthread_create(&th[i], NULL, render_many, &jobs[i]), 0);
		}
		for (int i = 0; i < 4; i++) {
			pthread_join(th[i], NULL);
			CHECK(jobs[i].ok);
		}
	}
	golden_free(&g);
}
