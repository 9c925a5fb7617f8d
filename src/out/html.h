/* html: the site's pages written into the output, rendered in parallel
 * (render.h) by `nthreads` threads; the first thread to start writes the
 * sitemap (sitemap.h) while the others begin on pages. Every file's bytes
 * are the same for any number of threads. */
#ifndef QD_HTML_H
#define QD_HTML_H
#include "diag.h"
#include "output.h"
#include "render.h"

/* Write every page of `jobs` (their URLs in `urls`, as links_page_urls
 * made them), and the sitemap of them when `sitemap` is set. Returns 0;
 * 1 after reporting an error of a template (content or theme); -1 after
 * an error writing the output. The calling thread's map keys (view.h)
 * stay: call view_thread_end once the last page is made. */
int html_write(const view_ctx *vc, const theme *t, const page_job *jobs, const char *const *urls, size_t n,
	       unsigned nthreads, bool sitemap, output *o, diag *d);

#endif
