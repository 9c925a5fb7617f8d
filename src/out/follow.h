/* follow: every file of the output that is not a page, for readers who
 * follow and reuse the site: the Atom feeds (feeds.h), the calendars
 * (calendar.h) and the open data under data/ (opendata.h, xlsx.h): the
 * site's needs, supply and lists as CSV, Excel and JSON, its events,
 * organisations, places and categories as JSON, and each list's own CSV
 * and Excel file. They need only the checked model and the views, so
 * they are written on a thread of their own while the pages render. */
#ifndef QD_FOLLOW_H
#define QD_FOLLOW_H
#include <pthread.h>
#include <stdatomic.h>

#include "output.h"
#include "view.h"

typedef struct follow_job {
	const view_ctx *vc;
	output *o;
	pthread_t thread;
	bool started;
	atomic_size_t next_list; /* the next list whose own files are due */
	atomic_int failed;       /* a file could not be written (reported) */
	struct keep *keep;       /* workbooks the previous output has (keep.h) */
	double ms;               /* CPU time the thread took */
} follow_job;

/* Start writing (on a thread; in this one if none can be made): the
 * site's files first, then the lists' own. */
void follow_start(follow_job *j, const view_ctx *vc, output *o);
/* Write lists' own files alongside the thread until none are left (a
 * thread whose pages are done lends a hand: a list's Excel file is the
 * costliest file there is). */
void follow_help(follow_job *j);
/* Wait for it; returns 0, or -1 when a file could not be written
 * (reported). */
int follow_finish(follow_job *j);

#endif
