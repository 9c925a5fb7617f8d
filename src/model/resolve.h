/* resolve: references from one record to another, by id or by exact
 * Chinese name. An unknown reference is reported at the value's position
 * with the nearest known name as a suggestion. Lookups are hash lookups,
 * so resolving is linear in the number of references. Exported names
 * carry the prefix ref_ (a reference). */
#ifndef QD_RESOLVE_H
#define QD_RESOLVE_H
#include "schema.h"

district *ref_district(loadctx *c, const value *v);
/* A street; when `within` is given, it must lie in that district. */
street *ref_street(loadctx *c, const value *v, const district *within);
/* A community, written `community` or `street/community` (each part an id
 * or a name). `st` is the street it should belong to (may be NULL, then
 * the community is searched in `d`, or everywhere when `d` is NULL too,
 * and must be unambiguous). The community's street is its ->street. */
community *ref_community(loadctx *c, const value *v, street *st, const district *d);
category *ref_category(loadctx *c, const value *v);
org *ref_org(loadctx *c, const value *v);
list *ref_list(loadctx *c, const value *v);
event *ref_event(loadctx *c, const value *v);
/* A district or a street (for `areas`). */
bool ref_area(loadctx *c, const value *v, area *out);
/* The `district` / `street` pair of a record: resolves both, checks the
 * street lies in the district, and derives the district from the street.
 * With `required`, one of them must be given. */
void ref_place(loadctx *c, const value *vdistrict, const value *vstreet, vpos where,
	       const char *what, bool required, district **d, street **st);
/* Fill an array of references of one kind from a one-or-list field. */
size_t ref_categories(loadctx *c, const value *v, category ***out);
size_t ref_orgs(loadctx *c, const value *v, org ***out);
size_t ref_areas(loadctx *c, const value *v, area **out);
/* Who claimed an item, from a one-or-list field: organisations only
 * (`orgs_only`: a need), or organisations, streets and communities (an
 * offer), each by id or exact name, a community also as
 * "street/community". A name that fits more than one is an error. */
size_t ref_claimants(loadctx *c, const value *v, bool orgs_only, claimant **out);

#endif
