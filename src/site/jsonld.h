/* jsonld: structured data (JSON-LD, schema.org) for the pages of records,
 * so that search engines and other systems read them with stable ids:
 *   a need       Demand (its service as itemOffered, its place as
 *                areaServed, its deadline as availabilityEnds, its
 *                budget as a price in CNY)
 *   an offer     Offer (a Service of the providing Organization)
 *   an event     Event (offline, at a Place)
 *   an org       Organization
 * Every value comes from the record itself and is written by esc_json,
 * which escapes < > & U+2028 U+2029: the text is safe inside the page's
 * <script type="application/ld+json"> whatever the content holds. */
#ifndef QD_JSONLD_H
#define QD_JSONLD_H
#include "view.h"

/* The JSON-LD of a page's record, in `a`; `url` is the page's absolute
 * URL. NULL for a record without structured data (a pain point). */
const char *jsonld_item(const view_ctx *vc, arena *a, const item *it, const char *url);
const char *jsonld_event(const view_ctx *vc, arena *a, const event *e, const char *url);
const char *jsonld_org(const view_ctx *vc, arena *a, const org *o, const char *url);

#endif
