/* html: pages rendered on several threads, written through output.c
 * (see html.h). */
#include "html.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "par.h"
#include "sitemap.h"
#include "xalloc.h"

/* What a rendering thread owns: its scratch arena (reset after every
 * page), the buffer pages are rendered into, and its output writer. */
typedef struct worker {
	arena scratch;
	buf out;
	output_writer wr;
} worker;

/* What the threads share; everything but the counters, the error report
 * and each thread's own worker is read-only while they run. */
typedef struct pool {
	const view_ctx *vc;
	const theme *t;
	const page_job *jobs;
	const char *const *urls;
	size_t n;
	output *o;
	diag *d;
	mu_memo *memo;             /* item rows, shared by the threads */
	worker *w;                 /* [worker] */
	atomic_bool sitemap_taken; /* by the first thread to start (true: none) */
	atomic_int failed;         /* FAIL_ bits */
	pthread_mutex_t lock;      /* for reports to d */
} pool;

/* Pages are taken in small chunks so both threads stay busy to the end. */
#define CHUNK 128
/* The memo of rows keeps at most this much (it held 6.5 MB at 10,000
 * needs). */
#define MEMO_BYTES ((size_t)64 << 20)

/* Why the build failed: the content or templates (exit status 1), or
 * writing the output (3). */
enum { FAIL_CONTENT = 1, FAIL_OUTPUT = 2 };

static void begin(void *ctx, unsigned k)
{
	pool *p = ctx;
	worker *w = &p->w[k];
	arena_init(&w->scratch);
	buf_init(&w->out);
	output_writer_init(&w->wr, p->o);
	if (!atomic_exchange(&p->sitemap_taken, true) && sitemap_write(p->vc->s, p->urls, p->n, p->o) != 0)
		atomic_fetch_or(&p->failed, FAIL_OUTPUT);
}

static void one(void *ctx, unsigned k, size_t i)
{
	pool *p = ctx;
	if (atomic_load(&p->failed))
		return; /* the build has failed: the rest need not be made */
	worker *w = &p->w[k];
	const page_job *job = &p->jobs[i];
	mu_error err;
	if (render_page(p->vc, p->t, job, p->memo, &w->scratch, &w->out, &err) != MU_OK) {
		pthread_mutex_lock(&p->lock);
		mu_report(p->d, &err);
		pthread_mutex_unlock(&p->lock);
		atomic_fetch_or(&p->failed, FAIL_CONTENT);
	} else {
		const char *url = p->urls[i] ? p->urls[i] : view_url(p->vc, job, &w->scratch);
		const char *file = url_file(&w->scratch, url_rel(p->vc->s->base_path, url));
		if (output_put(&w->wr, file, w->out.ptr, w->out.len) != 0)
			atomic_fetch_or(&p->failed, FAIL_OUTPUT);
	}
	arena_reset(&w->scratch);
}

static void end(void *ctx, unsigned k)
{
	pool *p = ctx;
	worker *w = &p->w[k];
	output_writer_end(&w->wr);
	buf_free(&w->out);
	arena_free(&w->scratch);
	/* a spawned thread's keys are used by its own pages only; the calling
	 * thread's (worker 0) are also in the shared site values (view_init),
	 * so its caller releases them once every page is made */
	if (k != 0)
		view_thread_end();
}

int html_write(const view_ctx *vc, const theme *t, const page_job *jobs, const char *const *urls, size_t n,
	       unsigned nthreads, bool sitemap, output *o, diag *d)
{
	/* pages are independent, so threads may render them in any order:
	 * every file's bytes are the same as in a single-threaded build */
	pool p = { .vc = vc, .t = t, .jobs = jobs, .urls = urls, .n = n, .o = o, .d = d, .sitemap_taken = !sitemap };
	p.w = xcalloc(PAR_MAX, sizeof *p.w);
	/* an item's row is on a dozen index pages: made once or twice (for
	 * the list's own page and the others), at most MEMO_BYTES kept */
	p.memo = n > 1 ? mu_memo_new(2 * vc->s->nitems, MEMO_BYTES) : NULL;
	pthread_mutex_init(&p.lock, NULL);
	par_run(nthreads, n, CHUNK, one, begin, end, &p);
	int failed = atomic_load(&p.failed);
	mu_memo_free(p.memo);
	free(p.w);
	pthread_mutex_destroy(&p.lock);
	return failed & FAIL_OUTPUT ? -1 : failed ? 1 : 0;
}
