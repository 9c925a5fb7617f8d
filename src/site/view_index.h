/* view_index: the values of the index pages (home, lists, needs and
 * supply, statuses, districts, categories, events, cases, organisations,
 * 404): one builder per page kind, named in pages.c's table; see
 * docs/templates.md for the names each gives its template. */
#ifndef QD_VIEW_INDEX_H
#define QD_VIEW_INDEX_H
#include "view.h"

view_builder view_home, view_lists, view_items, view_statuses, view_districts, view_categories,
	view_events, view_cases, view_orgs, view_not_found;

/* The title of /needs/, /supply/ and a status page (`rec` its entry of
 * status_names). */
const char *view_items_title(arena *a, page_kind kind, const void *rec);

#endif
