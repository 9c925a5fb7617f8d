/* links: the check that every link the site's own content makes into the
 * site leads to a page it has. Runs after the pages are known and before
 * anything is rendered, so `check` reports a broken menu link as `build`
 * does. Menu links (site.yaml) are checked; links inside Markdown bodies
 * are not yet. */
#ifndef QD_LINKS_H
#define QD_LINKS_H
#include "diag.h"
#include "menu.h"
#include "url.h"
#include "view.h"

/* The URL of every page in `jobs` (NULL for the 404 page, which has no
 * address of its own), in `a`. The sitemap lists the same. */
const char **links_page_urls(const view_ctx *vc, const page_job *jobs, size_t n, arena *a);
/* Report each site-relative menu link written in site.yaml that names no
 * page of `urls`, no file of content/static/, and not 404.html, at its
 * position, with the right URL when only its form is wrong (a folder
 * written for a file); and warn at each menu entry that repeats an
 * earlier one's link. Returns the number of errors reported. */
size_t links_check(const site *s, const menu *m, const char *const *urls, size_t n, diag *d);

#endif
