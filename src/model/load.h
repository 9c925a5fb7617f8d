/* load: read a content folder into a site (model.h). Order matters and
 * is fixed: site.yaml, places.yaml, categories.yaml, then every record
 * file is parsed and its id and name registered, then records are
 * filled, so references may point to any record. Derived state and
 * warnings are the next stage's (checks.h). */
#ifndef QD_LOAD_H
#define QD_LOAD_H
#include "model.h"

/* Read the content folder `dir` into a new site allocated from `a`,
 * parsing files with `nthreads` threads (the result is the same for any
 * number). `base_url`, when not NULL, replaces site.yaml's base_url
 * (the --base-url option; its errors name "--base-url"). Every problem
 * is reported to `d` (all of them, in file order once printed). Returns
 * the site, or NULL when `dir` itself cannot be read; the caller checks
 * d->errors before using the site, and runs site_check (checks.h) on it
 * before anything reads derived state. */
site *site_load(arena *a, diag *d, const char *dir, const char *base_url, unsigned nthreads);
/* site_load, taking unchanged files from `lc` (load_cache.h) and keeping
 * the files it parses there; the site then points into the cache, so the
 * cache outlives it (see load_cache_sweep). */
typedef struct load_cache load_cache;
site *site_load_cached(arena *a, diag *d, const char *dir, const char *base_url, unsigned nthreads,
		       load_cache *lc);
/* Free the site's lookup tables (its records go with the arena). */
void site_free(site *s);

/* Report that the record file `path`, whose name is `name` and whose id
 * would be its first `stem` bytes, has no valid id (what `check` says, and
 * `qingdan new` for an id it would refuse). */
void load_report_bad_id(diag *d, const char *path, const char *name, size_t stem);

#endif
