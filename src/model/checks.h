/* checks: the stage after loading. Derives what needs every record
 * loaded (the two-way link between lists and the events that released
 * them, the flat item array, 已截止) and warns about content that is
 * valid but probably wrong (totals that disagree, dates out of order, a
 * project listed twice). */
#ifndef QD_CHECKS_H
#define QD_CHECKS_H
#include "model.h"

/* Derive and check; warnings (and errors) go to d. Run once, right after
 * site_load, whether or not loading reported errors. */
void site_check(site *s, diag *d);

#endif
