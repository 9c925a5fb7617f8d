/* theme: the templates and assets a site is rendered with. The site's
 * own templates folder overrides the built-in theme (theme_files.h) file
 * by file; every template is compiled once and the set linked strictly
 * (an unknown partial is an error); each page kind's template is looked
 * up once; assets get content-hashed names (url_asset). Read-only once
 * loaded, so any number of threads may render with it. */
#ifndef QD_THEME_H
#define QD_THEME_H
#include "diag.h"
#include "model.h"
#include "mustache.h"
#include "strmap.h"
#include "url.h"

typedef struct theme_asset {
	const char *name; /* path under assets/, e.g. "style.css" */
	const char *data;
	size_t len;
	const char *path; /* in the output, hashed: "assets/style.0123456789.css" */
} theme_asset;

typedef struct theme {
	mu_set *set;
	const mu_template *page[PG_KIND_COUNT]; /* each page kind's template */
	theme_asset *assets;
	size_t nassets, cap;
	strmap asset_names;
	const char *css_url;   /* the stylesheet's URL ("" when there is none) */
	const char *share_url; /* absolute URL of the sharing image, or NULL */
	const char *search_js; /* the search page's script's URL, or NULL */
	const char *filters_js; /* the filters' script's URL, or NULL */
} theme;

/* Load the theme for site `s`: the site's templates and assets under `dir`
 * (NULL: the built-in theme only), then the built-in files it does not
 * replace. Everything lives in `a`. Returns 0, or 1 after reporting
 * errors in the templates to d. theme_free releases the set's tables
 * even after a failure. */
int theme_load(theme *t, const site *s, arena *a, diag *d, const char *dir);
void theme_free(theme *t);

#endif
