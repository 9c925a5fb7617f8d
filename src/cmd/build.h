/* build: one run of qingdan over a content folder — load, report, and
 * (for `build`) write the site through the staging writer. Knows the
 * order of the pipeline; each step lives in its own module. */
#ifndef QD_BUILD_H
#define QD_BUILD_H
#include <stdbool.h>

typedef struct build_opts {
	const char *content, *templates, *output, *base_url;
	int quiet;
	unsigned jobs; /* rendering threads; 0: one per processor */
	int timings;   /* print how long each step took */
	int no_search; /* write no search index (the search page offers the indexes only) */
	/* the process exits right after build_run: leave the build's memory
	 * to the kernel rather than free it block by block (see build_run) */
	int exiting;
	/* start the search index when writing (build_write), not once the
	 * content is checked: `serve` wants the pages first */
	int late_search;
	/* build_write writes no page but the search page (and the sitemap):
	 * `serve` makes them from memory (build_render_page) */
	int pages_on_request;
} build_opts;

typedef enum build_mode { BUILD_CHECK, BUILD_WRITE, BUILD_DUMP } build_mode;

/* Run and return the exit status (0 ok, 1 content errors, 3 I/O errors).
 * Diagnostics go to stderr, the summary to stderr unless quiet; `dump`
 * prints JSON to stdout. */
int build_run(const build_opts *opt, build_mode mode);

/* ---- a run in two steps, for `serve` ----
 *
 * build_prepare loads, checks and makes everything the pages are made of
 * (through the links check), taking unchanged files from `lc` when it is
 * not NULL (load_cache.h). For BUILD_WRITE without an error it returns 0
 * with *out set: build_write then writes the site, and meanwhile (and
 * after) build_render_page makes any page again on request, on any
 * thread. Otherwise it returns the run's status with *out NULL. */
typedef struct build_state build_state;
typedef struct load_cache load_cache;
struct buf;
int build_prepare(const build_opts *opt, build_mode mode, load_cache *lc, build_state **out);
int build_write(build_state *b);
/* The pages by their file in the output, for build_render_page; on the
 * thread that prepared b, before pages are asked for. */
void build_index_pages(build_state *b);
/* Render the page whose file in the output is `file` ("needs/index.html")
 * into out: 1, or 0 when no page is written there (the search page, made
 * after its index, is not either: serve it from the folder), or -1 when
 * its template failed. */
int build_render_page(const build_state *b, const char *file, struct buf *out);
/* Whether build_render_page makes a page for `file`. */
bool build_has_page(const build_state *b, const char *file);
/* Free everything b holds. Not this thread's view keys (view.h): b's
 * values share them with the other builds of the process. */
void build_free(build_state *b);

#endif
