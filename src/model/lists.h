/* lists: loading of a list and its items (needs, supply, pain points)
 * from its parsed file: what an item inherits from its list, numbering
 * (序号), budgets and their sum. */
#ifndef QD_LISTS_H
#define QD_LISTS_H
#include "records.h"

void lists_load(loadctx *c, list *l, const doc *dc);

#endif
