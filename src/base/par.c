/* par: a parallel loop with dynamic scheduling (see par.h). */
#include "par.h"

#include <pthread.h>
#include <stdatomic.h>

typedef struct par_loop {
	par_body *body;
	par_hook *begin, *end;
	void *ctx;
	size_t n, chunk;
	atomic_size_t next;
} par_loop;

typedef struct par_worker {
	par_loop *loop;
	unsigned id;
	pthread_t tid;
} par_worker;

static void *work(void *arg)
{
	par_worker *w = arg;
	par_loop *l = w->loop;
	size_t from;
	if (l->begin)
		l->begin(l->ctx, w->id);
	while ((from = atomic_fetch_add(&l->next, l->chunk)) < l->n) {
		size_t to = l->n - from < l->chunk ? l->n : from + l->chunk;
		for (size_t i = from; i < to; i++)
			l->body(l->ctx, w->id, i);
	}
	if (l->end)
		l->end(l->ctx, w->id);
	return NULL;
}

unsigned par_for(unsigned nthreads, size_t n, size_t chunk, par_body *body, void *ctx)
{
	return par_run(nthreads, n, chunk, body, NULL, NULL, ctx);
}

unsigned par_run(unsigned nthreads, size_t n, size_t chunk, par_body *body, par_hook *begin,
		 par_hook *end, void *ctx)
{
	par_loop l = { body, begin, end, ctx, n, chunk ? chunk : 1, 0 };
	unsigned want = nthreads < 1 ? 1 : nthreads > PAR_MAX ? PAR_MAX : nthreads;
	size_t chunks = n / l.chunk + (n % l.chunk != 0);
	if (want > chunks)
		want = chunks ? (unsigned)chunks : 1;
	par_worker w[PAR_MAX];
	unsigned started = 1;
	for (unsigned i = 0; i < want; i++)
		w[i] = (par_worker){ &l, i, 0 };
	for (unsigned i = 1; i < want && started == i; i++)
		if (pthread_create(&w[i].tid, NULL, work, &w[i]) == 0)
			started++;
	work(&w[0]);
	for (unsigned i = 1; i < started; i++)
		pthread_join(w[i].tid, NULL);
	return started;
}
