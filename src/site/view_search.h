/* view_search: the values of the search page (search/): where the index's
 * files are (search_files.h), the script that reads them, and the folding
 * table a query needs; see docs/templates.md. */
#ifndef QD_VIEW_SEARCH_H
#define QD_VIEW_SEARCH_H
#include "view.h"

view_builder view_search;

#endif
