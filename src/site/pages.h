/* pages: the page kinds of a site in one table. Each kind has one entry:
 * the template it is rendered with, the function that builds its values,
 * how many items it lists (for pagination) and which records it has a
 * page for. Adding a kind means adding one entry here, one builder
 * (view_index.c, view_record.c or view_stats.c) and its address in url.c. */
#ifndef QD_PAGES_H
#define QD_PAGES_H
#include "url.h"
#include "view.h"

typedef struct page_kind_def {
	const char *name; /* its template, e.g. "list" for templates/list.mustache */
	/* pages of this kind are listed right after each page of `parent`
	 * (a street's communities after the street), or in table order when
	 * parent is PG_KIND_COUNT */
	page_kind parent;
	/* how many records have a page of this kind (under `parent_rec`),
	 * and the i-th; NULL: one page without a record */
	size_t (*nrecs)(const site *s, const site_index *ix, const void *parent_rec);
	const void *(*rec)(const site *s, const site_index *ix, const void *parent_rec, size_t i);
	/* how many entries the page lists, split into pages of per_page;
	 * NULL: one page whatever it lists */
	size_t (*count)(const site_index *ix, const void *rec);
	/* the values its template receives, in the page's scratch arena */
	value *(*build)(const view_ctx *vc, arena *a, const page_job *job);
	/* the items it lists, for a kind whose entries are item rows: such an
	 * index of more than one page also has a one-page version (PG_PRINT)
	 * when it lists at most PAGES_PRINT_MAX items; NULL for other kinds */
	const itemset *(*items)(const site_index *ix, const void *rec);
} page_kind_def;

/* The most items a one-page version (to print) shows: some 30 A4 sheets.
 * A longer index is narrowed by street, category or status first. */
#define PAGES_PRINT_MAX 1000

/* Whether the index `job` belongs to (any of its pages) has a one-page
 * version, and how many items it lists. */
bool pages_printable(const site_index *ix, const page_job *job, size_t *count);

extern const page_kind_def page_kinds[PG_KIND_COUNT];

/* Every page of the site, in a fixed order (the order they are written
 * and listed in the sitemap): each kind in table order, its children
 * after each of its pages. Returns the array (malloc'd: the caller
 * frees it) and sets *n. */
page_job *pages_enumerate(const site *s, const site_index *ix, size_t *n);

#endif
