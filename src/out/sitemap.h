/* sitemap: sitemap.xml (every page's absolute URL, or an index of
 * several files for a big site) and robots.txt pointing at it. */
#ifndef QD_SITEMAP_H
#define QD_SITEMAP_H
#include "model.h"
#include "output.h"

/* `urls` are URL paths under the site's base path (entries may be NULL,
 * skipped). Beyond 50,000 URLs (the protocol's limit for one file),
 * sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml, … of 50,000
 * each. Returns 0, or -1 after an output error. */
int sitemap_write(const site *s, const char *const *urls, size_t n, output *o);
/* The same with `per_file` URLs per file (tests use small numbers). */
int sitemap_write_split(const site *s, const char *const *urls, size_t n, output *o, size_t per_file);

#endif
