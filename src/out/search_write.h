/* search_write: the search index (site/search_files.h) made and written on
 * a thread of its own, beside the pages: making it takes a fifth of a
 * build's time, most of it while the page threads leave a core idle or
 * wait on the kernel. The search page (search/) is the one page that
 * needs the index's file names, so it is made after search_finish. */
#ifndef QD_SEARCH_WRITE_H
#define QD_SEARCH_WRITE_H
#include <pthread.h>
#include <stdbool.h>

#include "output.h"
#include "search_files.h"

typedef struct search_job {
	search_files *sf;   /* what it makes (sf->dir ... for the search page) */
	const view_ctx *vc;
	output *o;
	unsigned nthreads;
	arena a;            /* its allocations, until search_finish */
	pthread_t thread;
	bool started;
	int rc;
} search_job;

/* Start making sf and writing its files into o (on up to `nthreads`
 * threads of its own; on this one when no thread can be started). */
void search_start(search_job *j, search_files *sf, const view_ctx *vc, output *o, unsigned nthreads);
/* Wait for it to end; what it allocated that sf still names moves into
 * `a`. Returns 0, or -1 after reporting an output error. */
int search_finish(search_job *j, arena *a);

#endif
