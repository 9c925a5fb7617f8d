/* match: which organisations and open offers fit each open need and
 * pain point, and which open needs fit each organisation and open offer
 * (供需精准匹配), computed once at build time and explained in words
 * (docs/content.md, "How matching works").
 *
 * Fit has two parts, each a rank where lower is better:
 *   category  MATCH_CAT_SAME   the service is the need's category
 *             MATCH_CAT_GROUP  it is in the same group (the group itself,
 *                              or another category of the group)
 *   area      MATCH_AREA_STREET    it serves the need's street
 *             MATCH_AREA_DISTRICT  it serves the need's whole district
 *             MATCH_AREA_PART      (a need with no street) it serves some
 *                                  streets of the need's district
 *             MATCH_AREA_ANY       it names no area: anywhere
 * Anything else does not fit. Ranking: category, then area, then pool
 * membership (any year) first, then more completed claims in the need's
 * category (or, for a group, in any of the group's categories), then the
 * organisation's id (an offer: its organisation's id, then its list's
 * id and number). Needs fitting an organisation or offer rank by
 * category, area, then site order (newest list first, then number).
 *
 * The full sets are kept per cell, one (district, category) with at
 * least one open need or pain point: the cell's page lists them all, for
 * the district as a whole (a need with no street's area ranks). Pages of
 * needs and organisations show the MATCH_TOP best and link to cells.
 *
 * Linear in practice: organisations and offers are indexed by category;
 * a cell looks only at those of its category's group; the best few of a
 * street are taken once for all its needs of that category. Everything
 * is owned by the site's arena and read-only afterwards. */
#ifndef QD_MATCH_H
#define QD_MATCH_H
#include <stdint.h>

#include "index.h"

#define MATCH_TOP 5

enum { MATCH_CAT_SAME, MATCH_CAT_GROUP };
enum { MATCH_AREA_STREET, MATCH_AREA_DISTRICT, MATCH_AREA_PART, MATCH_AREA_ANY, MATCH_AREA_NONE };

/* An organisation or an open offer that fits, and how. */
typedef struct match_supplier {
	const org *org;      /* the organisation, or the offer's */
	const item *offer;   /* NULL for an organisation */
	uint8_t cat, area;   /* MATCH_CAT_*, MATCH_AREA_* */
	uint32_t completed;  /* the organisation's completed claims in the category */
	uint32_t rank;       /* the last tie-break, as a number: the position of
			      * the organisation's id (an offer: of its
			      * organisation's id, list id and number) in order */
} match_supplier;

/* An open need that fits an organisation or an offer, and how. */
typedef struct match_need {
	const item *need;
	uint8_t cat, area;
} match_need;

typedef struct match_cell match_cell;

/* The best few for one street (or a district-wide place) and category:
 * shared by every open need and pain point there. */
typedef struct match_top {
	match_supplier orgs[MATCH_TOP], offers[MATCH_TOP];
	uint8_t norgs, noffers;
	const match_cell *cell;
} match_top;

struct match_cell {
	size_t idx;                 /* position in match_index.cells */
	const district *district;
	const category *category;
	itemset needs;              /* open needs, in site order */
	itemset pain;               /* pain points, in site order */
	match_supplier *orgs;       /* ranked, for the district */
	size_t norgs;
	match_supplier *offers;     /* open offers, ranked */
	size_t noffers;
};

/* One cell an organisation or offer fits in, with how many of its open
 * needs fit. */
typedef struct match_cellref {
	const match_cell *cell;
	size_t needs;
	uint8_t cat;                /* its category rank in the cell */
} match_cellref;

/* What fits one organisation or open offer. */
typedef struct match_fits {
	match_need top[MATCH_TOP];
	size_t ntop;
	size_t total;               /* open needs that fit */
	match_cellref *cells;       /* cells with at least one, in cell order */
	size_t ncells;
} match_fits;

typedef struct match_index {
	match_cell *cells;          /* by district, then category order */
	size_t ncells;
	size_t *district_cells;     /* [ndistricts + 1]: district d's cells are
				     * cells[district_cells[d] .. district_cells[d+1]) */
	const match_top **item_top; /* [nitems] by item idx: for an open need or
				     * a pain point with a category; else NULL */
	match_fits *org_fits;       /* [norgs] */
	match_fits **offer_fits;    /* [nitems]: for an open offer; else NULL */
} match_index;

/* Match a loaded, indexed site. */
match_index *match_build(const site *s, const site_index *ix);

/* Where an organisation or offer serves: the offer's own areas, else the
 * organisation's (none: anywhere). */
static inline const area *match_areas(const match_supplier *x, size_t *n)
{
	*n = x->offer ? x->offer->nareas : x->org->nareas;
	return x->offer ? x->offer->areas : x->org->areas;
}

/* The group a category ranks in: its group, or itself when it is one. */
static inline const category *match_group(const category *c)
{
	return c->group ? c->group : c;
}

#endif
