/* stats: the figures of the statistics page (/stats/) and of the summary
 * block of every district, street and category page: needs and offers by
 * the status they are shown with, the needs' budgets by status, the
 * organisations of the quality-supplier pool (优质供给者资源库), and the
 * same per year. Computed once after the index, in one pass over the
 * items and one over the organisations; read-only afterwards and owned
 * by the site's arena. What counts where is written for authors in
 * docs/content.md ("Statistics"):
 *
 * - a need counts for its district and street (its own street, or its
 *   list's), an offer for the district and street that published its
 *   list; both count for their category and that category's group; pain
 *   points have no status or budget and are not counted;
 * - an item's year is the year its list was published;
 * - a pool organisation counts for the district and street it is based
 *   in and for each category it serves (and that category's group), once
 *   per scope, and for each year it was in the pool. */
#ifndef QD_STATS_H
#define QD_STATS_H
#include <stdbool.h>

#include "model.h"

/* One year of a scope. */
typedef struct stats_year {
	size_t needs, offers;
	double budget;          /* the needs' budgets, 万元 */
	size_t budget_items;    /* needs with a budget */
	size_t pool;            /* organisations in the pool that year */
} stats_year;

/* Everything counted for one scope (the site, a district, a street, a
 * category). Statuses are shown statuses: STATUS_EXPIRED included. */
typedef struct stats_scope {
	size_t needs[STATUS_SHOWN_COUNT], offers[STATUS_SHOWN_COUNT];
	size_t nneeds, noffers;
	double budget[STATUS_SHOWN_COUNT];       /* needs' budgets by status, 万元 */
	size_t budget_items[STATUS_SHOWN_COUNT]; /* needs with a budget, by status */
	double budget_total;
	size_t budget_items_total;
	size_t pool;            /* organisations in the pool in any year */
	stats_year *years;      /* [site_stats.nyears]: year0, year0 + 1, ... */
} stats_scope;

typedef struct site_stats {
	int year0;              /* the first year with anything counted */
	size_t nyears;          /* 0: nothing dated at all */
	stats_scope site;
	stats_scope *district;  /* [ndistricts], by idx */
	stats_scope *street;    /* [nstreets], by idx */
	stats_scope *category;  /* [ncategories], by index; a group has its children's */
} site_stats;

/* Count everything of a checked site (items' 已截止 known). Linear in
 * items, organisations and places; allocated in the site's arena. */
site_stats *stats_build(const site *s);

/* The change from `prev` to `cur` in percent; false (no change can be
 * given) when prev is 0. */
bool stats_change(double prev, double cur, double *pct);

#endif
