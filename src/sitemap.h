/* sitemap: sitemap.xml (every page's absolute URL) and robots.txt
 * pointing at it. */
#ifndef QD_SITEMAP_H
#define QD_SITEMAP_H
#include "model.h"
#include "output.h"

/* `urls` are URL paths under the site's base path (entries may be NULL,
 * skipped). Returns 0, or -1 after an output error. */
int sitemap_write(const site *s, const char *const *urls, size_t n, output *o);

#endif
