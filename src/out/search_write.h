/* search_write: the search index (site/search_files.h) made and written on
 * a thread of its own. It starts as soon as the content is checked, while
 * this thread makes the indexes, the matching and the pages' values on
 * one core; once the output folder is open (search_write_files) it makes
 * the result lines and writes its files beside the pages. The search page
 * (search/) is the one page that needs the index's folder name, so it is
 * made after search_finish. */
#ifndef QD_SEARCH_WRITE_H
#define QD_SEARCH_WRITE_H
#include <pthread.h>
#include <stdbool.h>

#include "output.h"
#include "search_files.h"

typedef struct search_job {
	search_files *sf;   /* what it makes (sf->dir ... for the search page) */
	const site *s;
	unsigned nthreads;
	arena a;            /* its allocations, until search_finish */
	pthread_t thread;
	bool started;
	/* what the thread waits for once the index is made: */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int go;             /* 1: write (vc and o set), -1: stop */
	const view_ctx *vc;
	output *o;
	int rc;
	/* the thread's CPU time making the index, then naming and writing
	 * the files (ms), for --timings */
	double index_ms, files_ms;
} search_job;

/* Start making the index of s (on up to `nthreads` threads of its own;
 * on this one, at search_write_files, when no thread can be started). */
void search_start(search_job *j, search_files *sf, const site *s, unsigned nthreads);
/* Let it name the records (vc) and write its files into o. */
void search_write_files(search_job *j, const view_ctx *vc, output *o);
/* Wait for it to end (stopping it if it was never told to write); what
 * it allocated that sf still names moves into `a`. Returns 0, or -1
 * after reporting an output error. */
int search_finish(search_job *j, arena *a);

#endif
