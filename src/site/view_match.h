/* view_match: the values of matching (derive/match.h) on pages: what
 * fits a need, a pain point, an organisation or an offer, with reasons
 * in words, and the page of one match cell (a district's needs of one
 * category); see docs/templates.md, "Matching". */
#ifndef QD_VIEW_MATCH_H
#define QD_VIEW_MATCH_H
#include "view.h"

/* m["matches"]: the best organisations and (for a need) open offers for
 * an open need or a pain point, with the link to its cell's page; null
 * when nothing fits or the item is neither. */
void view_put_matches(const view_ctx *vc, arena *a, value *m, const item *it);
/* m["fits"]: the best open needs for an organisation or an open offer
 * (serving `areas`), their total, and the cells they are in; null when
 * none fits. */
void view_put_fits(const view_ctx *vc, arena *a, value *m, const match_fits *f, const area *areas,
		   size_t nareas);

/* m["matches"] (and has_matches): a district's cells, each with its
 * counts of open needs, organisations and offers, linking to its page. */
void view_put_cells(const view_ctx *vc, arena *a, value *m, const district *d);

view_builder view_match;

#endif
