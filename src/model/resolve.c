/* resolve: id-or-name references with suggestions (see resolve.h). */
#include "resolve.h"

#include <string.h>

#include "suggest.h"

/* Look `v` up by id, then by name; report it unknown otherwise, with the
 * nearest id or name of the same kind. */
static void *lookup(loadctx *c, const value *v, const strmap *ids, const strmap *names,
		    const char *kind, const char *where_defined)
{
	const char *q;
	if (!fld_text(c, v, &q))
		return NULL;
	void *r = strmap_get(ids, q, strlen(q));
	if (!r)
		r = strmap_get(names, q, strlen(q));
	if (r == name_ambiguous) {
		diag_error(c->d, v->pos, "more than one %s is named '%s'; refer to it by its id", kind, q);
		return NULL;
	}
	if (r)
		return r;
	suggest sg;
	suggest_init(&sg, q);
	const strmap *maps[2] = { ids, names };
	for (int m = 0; m < 2; m++)
		for (size_t i = 0; i < maps[m]->cap; i++)
			if (maps[m]->slots[i].key && maps[m]->slots[i].val != name_ambiguous)
				suggest_offer(&sg, maps[m]->slots[i].key);
	if (suggest_result(&sg))
		diag_error(c->d, v->pos, "unknown %s '%s'; did you mean '%s'?", kind, q, suggest_result(&sg));
	else
		diag_error(c->d, v->pos, "unknown %s '%s'; use an id or the exact name from %s",
			   kind, q, where_defined);
	return NULL;
}

district *ref_district(loadctx *c, const value *v)
{
	return lookup(c, v, &c->s->district_ids, &c->s->district_names, "district", "places.yaml");
}

street *ref_street(loadctx *c, const value *v, const district *within)
{
	street *st = lookup(c, v, &c->s->street_ids, &c->s->street_names, "street", "places.yaml");
	if (st && within && st->district != within) {
		diag_error(c->d, v->pos, "street '%s' is in %s, not in %s; correct the street or the district",
			   st->name, st->district->name, within->name);
		return NULL;
	}
	return st;
}

static community *find_in_street(const street *st, const char *q, size_t len)
{
	for (size_t i = 0; i < st->ncommunities; i++) {
		community *cm = st->communities[i];
		if ((strlen(cm->id) == len && memcmp(cm->id, q, len) == 0) ||
		    (strlen(cm->name) == len && memcmp(cm->name, q, len) == 0))
			return cm;
	}
	return NULL;
}

static void unknown_community(loadctx *c, const value *v, const char *q, street *st,
			      const district *d)
{
	suggest sg;
	suggest_init(&sg, q);
	community *elsewhere = NULL;
	for (size_t i = 0; i < c->s->nstreets; i++) {
		street *s2 = c->s->streets[i];
		if (st && s2 != st) {
			if (!elsewhere)
				elsewhere = find_in_street(s2, q, strlen(q));
			continue;
		}
		if (d && s2->district != d)
			continue;
		for (size_t k = 0; k < s2->ncommunities; k++) {
			suggest_offer(&sg, s2->communities[k]->id);
			suggest_offer(&sg, s2->communities[k]->name);
		}
	}
	if (elsewhere)
		diag_error(c->d, v->pos,
			   "community '%s' is not in %s but in %s; write '%s/%s' or correct the street",
			   q, st->name, elsewhere->street->name, elsewhere->street->name, elsewhere->name);
	else if (suggest_result(&sg))
		diag_error(c->d, v->pos, "unknown community '%s'%s%s; did you mean '%s'?", q,
			   st ? " in " : "", st ? st->name : "", suggest_result(&sg));
	else
		diag_error(c->d, v->pos, "unknown community '%s'%s%s; add it to places.yaml or correct the name",
			   q, st ? " in " : "", st ? st->name : "");
}

community *ref_community(loadctx *c, const value *v, street *st, const district *d)
{
	const char *q;
	if (!fld_text(c, v, &q))
		return NULL;
	const char *slash = strchr(q, '/');
	if (slash) {
		value part = *v;
		part.s = arena_strndup(c->a, q, (size_t)(slash - q));
		part.len = (size_t)(slash - q);
		street *named = ref_street(c, &part, d);
		if (!named)
			return NULL;
		st = named;
		q = slash + 1;
	}
	if (st) {
		community *cm = find_in_street(st, q, strlen(q));
		if (!cm)
			unknown_community(c, v, q, st, d);
		return cm;
	}
	community *found = NULL;
	for (size_t i = 0; i < c->s->nstreets; i++) {
		street *s2 = c->s->streets[i];
		if (d && s2->district != d)
			continue;
		community *cm = find_in_street(s2, q, strlen(q));
		if (cm && found) {
			diag_error(c->d, v->pos,
				   "community '%s' exists in %s and in %s; write 'street/community' to say which",
				   q, found->street->name, s2->name);
			return NULL;
		}
		if (cm)
			found = cm;
	}
	if (!found)
		unknown_community(c, v, q, NULL, d);
	return found;
}

category *ref_category(loadctx *c, const value *v)
{
	return lookup(c, v, &c->s->category_ids, &c->s->category_names, "category", "categories.yaml");
}

org *ref_org(loadctx *c, const value *v)
{
	return lookup(c, v, &c->s->org_ids, &c->s->org_names, "organisation", "orgs/");
}

list *ref_list(loadctx *c, const value *v)
{
	return lookup(c, v, &c->s->list_ids, &c->s->list_titles, "list", "lists/");
}

event *ref_event(loadctx *c, const value *v)
{
	return lookup(c, v, &c->s->event_ids, &c->s->event_titles, "event", "events/");
}

bool ref_area(loadctx *c, const value *v, area *out)
{
	const char *q;
	memset(out, 0, sizeof *out);
	if (!fld_text(c, v, &q))
		return false;
	size_t len = strlen(q);
	district *d = strmap_get(&c->s->district_ids, q, len);
	if (!d)
		d = strmap_get(&c->s->district_names, q, len);
	if ((void *)d == name_ambiguous)
		d = NULL;
	if (d) {
		out->district = d;
		return true;
	}
	street *st = strmap_get(&c->s->street_ids, q, len);
	if (!st)
		st = strmap_get(&c->s->street_names, q, len);
	if ((void *)st == name_ambiguous) {
		diag_error(c->d, v->pos, "more than one street is named '%s'; refer to it by its id", q);
		return false;
	}
	if (st) {
		out->street = st;
		out->district = st->district;
		return true;
	}
	suggest sg;
	suggest_init(&sg, q);
	for (size_t i = 0; i < c->s->ndistricts; i++)
		suggest_offer(&sg, c->s->districts[i]->name);
	for (size_t i = 0; i < c->s->nstreets; i++)
		suggest_offer(&sg, c->s->streets[i]->name);
	if (suggest_result(&sg))
		diag_error(c->d, v->pos, "unknown district or street '%s'; did you mean '%s'?", q, suggest_result(&sg));
	else
		diag_error(c->d, v->pos, "unknown district or street '%s'; use an id or name from places.yaml", q);
	return false;
}

void ref_place(loadctx *c, const value *vdistrict, const value *vstreet, vpos where,
	       const char *what, bool required, district **d, street **st)
{
	*d = vdistrict ? ref_district(c, vdistrict) : NULL;
	*st = vstreet ? ref_street(c, vstreet, *d) : NULL;
	if (*st)
		*d = (*st)->district;
	if (required && !vdistrict && !vstreet)
		diag_error(c->d, where, "%s has neither 'district' (区县) nor 'street' (街道); give one of them",
			   what);
}

size_t ref_categories(loadctx *c, const value *v, category ***out)
{
	size_t n = fld_count(v), k = 0;
	*out = n ? arena_array(c->a, n, sizeof **out) : NULL;
	for (size_t i = 0; i < n; i++) {
		category *cat = ref_category(c, fld_at(v, i));
		if (cat)
			(*out)[k++] = cat;
	}
	return k;
}

size_t ref_orgs(loadctx *c, const value *v, org ***out)
{
	size_t n = fld_count(v), k = 0;
	*out = n ? arena_array(c->a, n, sizeof **out) : NULL;
	for (size_t i = 0; i < n; i++) {
		org *o = ref_org(c, fld_at(v, i));
		if (o)
			(*out)[k++] = o;
	}
	return k;
}

size_t ref_areas(loadctx *c, const value *v, area **out)
{
	size_t n = fld_count(v), k = 0;
	*out = n ? arena_array(c->a, n, sizeof **out) : NULL;
	for (size_t i = 0; i < n; i++)
		if (ref_area(c, fld_at(v, i), &(*out)[k]))
			k++;
	return k;
}

/* The one record of `map` named q exactly, NULL when none; name_ambiguous
 * when two share the name. */
static void *by_id_or_name(const strmap *ids, const strmap *names, const char *q)
{
	void *r = strmap_get(ids, q, strlen(q));
	return r ? r : strmap_get(names, q, strlen(q));
}

static void offer_all(suggest *sg, const strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key && m->slots[i].val != name_ambiguous)
			suggest_offer(sg, m->slots[i].key);
}

/* An offer's claimant: an organisation, a street or a community, by id or
 * exact name ("street/community" for a community too). */
static bool ref_claimant(loadctx *c, const value *v, claimant *out)
{
	const char *q;
	if (!fld_text(c, v, &q))
		return false;
	if (strchr(q, '/')) {
		community *cm = ref_community(c, v, NULL, NULL);
		*out = (claimant){ .kind = CLAIMANT_COMMUNITY, .community = cm };
		return cm != NULL;
	}
	site *s = c->s;
	org *o = by_id_or_name(&s->org_ids, &s->org_names, q);
	street *st = by_id_or_name(&s->street_ids, &s->street_names, q);
	community *cm = NULL;
	size_t ncm = 0;
	for (size_t i = 0; i < s->nstreets; i++) {
		community *hit = find_in_street(s->streets[i], q, strlen(q));
		if (hit && ncm++ == 1) {
			diag_error(c->d, v->pos,
				   "community '%s' exists in %s and in %s; write 'street/community' to say which", q,
				   cm->street->name, hit->street->name);
			return false;
		}
		if (hit)
			cm = hit;
	}
	if ((void *)o == name_ambiguous || (void *)st == name_ambiguous || (!!o + !!st + !!ncm) > 1) {
		diag_error(c->d, v->pos,
			   "claimant '%s' names more than one organisation, street or community; refer to it by "
			   "its id, or write 'street/community' for a community",
			   q);
		return false;
	}
	if (o)
		*out = (claimant){ .kind = CLAIMANT_ORG, .org = o };
	else if (st)
		*out = (claimant){ .kind = CLAIMANT_STREET, .street = st };
	else if (cm)
		*out = (claimant){ .kind = CLAIMANT_COMMUNITY, .community = cm };
	else {
		suggest sg;
		suggest_init(&sg, q);
		offer_all(&sg, &s->org_ids);
		offer_all(&sg, &s->org_names);
		offer_all(&sg, &s->street_ids);
		offer_all(&sg, &s->street_names);
		for (size_t i = 0; i < s->nstreets; i++)
			for (size_t k = 0; k < s->streets[i]->ncommunities; k++) {
				suggest_offer(&sg, s->streets[i]->communities[k]->id);
				suggest_offer(&sg, s->streets[i]->communities[k]->name);
			}
		if (suggest_result(&sg))
			diag_error(c->d, v->pos,
				   "unknown claimant '%s' (an organisation, street or community); did you mean '%s'?", q,
				   suggest_result(&sg));
		else
			diag_error(c->d, v->pos,
				   "unknown claimant '%s'; name an organisation of orgs/, or a street or community of "
				   "places.yaml, by its id or exact name",
				   q);
		return false;
	}
	return true;
}

static bool same_claimant(const claimant *a, const claimant *b)
{
	return a->kind == b->kind && a->org == b->org && a->street == b->street && a->community == b->community;
}

size_t ref_claimants(loadctx *c, const value *v, bool orgs_only, claimant **out)
{
	size_t n = fld_count(v), k = 0;
	*out = n ? arena_array(c->a, n, sizeof **out) : NULL;
	for (size_t i = 0; i < n; i++) {
		const value *e = fld_at(v, i);
		claimant *cl = &(*out)[k];
		if (orgs_only) {
			org *o = ref_org(c, e);
			if (!o)
				continue;
			*cl = (claimant){ .kind = CLAIMANT_ORG, .org = o };
		} else if (!ref_claimant(c, e, cl)) {
			continue;
		}
		/* a claimant named twice would list the item twice on its page */
		bool twice = false;
		for (size_t j = 0; j < k && !twice; j++)
			twice = same_claimant(&(*out)[j], cl);
		if (twice)
			diag_warn(c->d, e->pos, "claimant '%s' is named twice in claimed_by; remove one", e->s);
		else
			k++;
	}
	return k;
}
