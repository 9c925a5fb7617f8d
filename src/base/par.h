/* par: the iterations of a loop that do not depend on each other, run on
 * several threads. Owns nothing: the body keeps any per-thread state in
 * the caller's arrays, indexed by the worker number it is given. */
#ifndef QD_PAR_H
#define QD_PAR_H
#include <stddef.h>

/* The most threads par_for uses; callers size per-worker arrays with it. */
#define PAR_MAX 16

/* One iteration: `worker` (below the thread count) names the thread. */
typedef void par_body(void *ctx, unsigned worker, size_t i);

/* Call body(ctx, worker, i) once for every i < n, on up to `nthreads`
 * threads (the caller's among them, as worker 0; at most PAR_MAX, and no
 * more than there are iterations). Threads take the next `chunk`
 * iterations as they become free. Returns the number of workers used
 * (workers 0 .. result-1 may have run iterations); if no thread can be
 * started, the caller's thread does all the work. */
unsigned par_for(unsigned nthreads, size_t n, size_t chunk, par_body *body, void *ctx);

/* Per-thread setup or teardown, run on the worker's own thread. */
typedef void par_hook(void *ctx, unsigned worker);

/* par_for with hooks: `begin` (if not NULL) runs on each worker's thread
 * before it takes any iteration, `end` after its last one (for state the
 * thread owns, thread-local caches included). */
unsigned par_run(unsigned nthreads, size_t n, size_t chunk, par_body *body, par_hook *begin,
		 par_hook *end, void *ctx);

#endif
