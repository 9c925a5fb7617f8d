/* view_print: the values of a paginated index's one-page version
 * (PG_PRINT, `…/page/all.html`): every item the index lists, in its order,
 * as one table to read through or print; pages.c decides which indexes
 * have one (pages_printable). See docs/templates.md. */
#ifndef QD_VIEW_PRINT_H
#define QD_VIEW_PRINT_H
#include "view.h"

view_builder view_print;

#endif
