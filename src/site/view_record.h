/* view_record: the values of the pages of records (a list, an item, a
 * district, street or community, a category, an event, a case, an
 * organisation, a free page): one builder per page kind, named in
 * pages.c's table; see docs/templates.md. */
#ifndef QD_VIEW_RECORD_H
#define QD_VIEW_RECORD_H
#include "view.h"

view_builder view_list, view_item, view_district, view_street, view_street_open, view_community, view_category,
	view_event, view_case, view_org, view_free_page;

#endif
