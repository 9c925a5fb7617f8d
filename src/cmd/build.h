/* build: one run of qingdan over a content folder — load, report, and
 * (for `build`) write the site through the staging writer. Knows the
 * order of the pipeline; each step lives in its own module. */
#ifndef QD_BUILD_H
#define QD_BUILD_H

typedef struct build_opts {
	const char *content, *templates, *output, *base_url;
	int quiet;
	unsigned jobs; /* rendering threads; 0: one per processor */
	int timings;   /* print how long each step took */
	int no_search; /* write no search index (the search page offers the indexes only) */
	/* the process exits right after build_run: leave the build's memory
	 * to the kernel rather than free it block by block (see build_run) */
	int exiting;
} build_opts;

typedef enum build_mode { BUILD_CHECK, BUILD_WRITE, BUILD_DUMP } build_mode;

/* Run and return the exit status (0 ok, 1 content errors, 3 I/O errors).
 * Diagnostics go to stderr, the summary to stderr unless quiet; `dump`
 * prints JSON to stdout. */
int build_run(const build_opts *opt, build_mode mode);

#endif
