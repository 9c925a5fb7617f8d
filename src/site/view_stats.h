/* view_stats: the values of the statistics page (/stats/) and the
 * `summary` that district, street and category pages show (the figures
 * come from derive/stats.h, counted once per build; this module only
 * lays them out: rows, changes in percent, charts). See docs/templates.md
 * for the names. */
#ifndef QD_VIEW_STATS_H
#define QD_VIEW_STATS_H
#include "view.h"

view_builder view_stats;

/* m["summary"] = the statistics of one scope (one of vc->stats's),
 * headed `heading`. */
void view_put_summary(const view_ctx *vc, arena *a, value *m, const stats_scope *sc, const char *heading);

#endif
