/* places: districts, streets, communities and categories (places.h). */
#include "places.h"

#include <string.h>

#include "resolve.h"

static const enum_name street_kinds[] = {
	{ PLACE_STREET, "street", "街道", NULL },
	{ PLACE_TOWN, "town", "镇", NULL },
};
static const enum_name community_kinds[] = {
	{ PLACE_COMMUNITY, "community", "社区", NULL },
	{ PLACE_VILLAGE, "village", "村", NULL },
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const field community_fields[] = {
	{ "id", "编号" }, { "name", "名称" }, { "kind", "类型" },
};

static void load_community(loadctx *c, street *st, const value *v, strmap *seen)
{
	value *f[3];
	if (!fld_bind(c, v, community_fields, 3, f, "a community"))
		return;
	community *cm = arena_alloc(c->a, sizeof *cm);
	cm->pos = v->pos;
	cm->street = st;
	fld_id(c, f[0], &cm->id);
	bool ok = cm->id != NULL;
	if (!f[0])
		fld_missing(c, v->pos, &community_fields[0], "a community");
	ok &= fld_text_required(c, f[1], &community_fields[1], v->pos, "a community", &cm->name);
	int kind = ends_with(cm->name ? cm->name : "", "村") ? PLACE_VILLAGE : PLACE_COMMUNITY;
	if (f[2])
		fld_enum(c, f[2], &community_fields[2], community_kinds, 2, &kind);
	cm->kind = (place_kind)kind;
	if (!ok)
		return;
	community *had = strmap_get(seen, cm->id, strlen(cm->id));
	if (had) {
		diag_error(c->d, f[0]->pos,
			   "community id '%s' is used twice in %s (first at line %u); give each community its own id",
			   cm->id, st->name, had->pos.line);
		return;
	}
	strmap_put(seen, cm->id, strlen(cm->id), cm);
	cm->idx = c->s->ncommunities++;
	st->communities[st->ncommunities++] = cm;
}

static const field street_fields[] = {
	{ "id", "编号" }, { "name", "名称" }, { "kind", "类型" }, { "communities", "社区" },
};

static void load_street(loadctx *c, district *d, const value *v)
{
	value *f[4];
	if (!fld_bind(c, v, street_fields, 4, f, "a street"))
		return;
	site *s = c->s;
	street *st = arena_alloc(c->a, sizeof *st);
	st->pos = v->pos;
	st->district = d;
	fld_id(c, f[0], &st->id);
	bool ok = st->id != NULL;
	if (!f[0])
		fld_missing(c, v->pos, &street_fields[0], "a street");
	ok &= fld_text_required(c, f[1], &street_fields[1], v->pos, "a street", &st->name);
	int kind = ends_with(st->name ? st->name : "", "镇") ? PLACE_TOWN : PLACE_STREET;
	if (f[2])
		fld_enum(c, f[2], &street_fields[2], street_kinds, 2, &kind);
	st->kind = (place_kind)kind;
	if (!ok)
		return;
	street *had = strmap_get(&s->street_ids, st->id, strlen(st->id));
	if (had) {
		diag_error(c->d, f[0]->pos,
			   "street id '%s' is already used by %s (%s:%u); street ids are unique site-wide, choose another",
			   st->id, had->name, had->pos.file, had->pos.line);
		return;
	}
	strmap_put(&s->street_ids, st->id, strlen(st->id), st);
	fld_name_register(&s->street_names, st->name, st);
	d->streets[d->nstreets++] = st;
	st->idx = s->nstreets;
	s->streets[s->nstreets++] = st;

	const value *cms = f[3];
	if (cms && cms->kind != V_LIST) {
		diag_error(c->d, cms->pos, "'communities' must be a list of communities ('- id: ...'), not %s",
			   value_kind_name(cms->kind));
		return;
	}
	size_t n = cms ? cms->n : 0;
	st->communities = arena_array(c->a, n ? n : 1, sizeof *st->communities);
	strmap seen;
	strmap_init(&seen);
	for (size_t i = 0; i < n; i++)
		load_community(c, st, cms->items[i], &seen);
	strmap_free(&seen);
}

static const field district_fields[] = {
	{ "id", "编号" }, { "name", "名称" }, { "streets", "街道" },
};

static size_t count_streets(const value *districts)
{
	size_t n = 0;
	for (size_t i = 0; i < districts->n; i++) {
		const value *st = value_get(districts->items[i], "streets");
		if (!st)
			st = value_get(districts->items[i], "街道");
		if (st && st->kind == V_LIST)
			n += st->n;
	}
	return n;
}

static const field places_fields[] = { { "districts", "区县" } };

void places_load(loadctx *c, const value *root, const char *path)
{
	site *s = c->s;
	if (!root) {
		diag_report(c->d, DIAG_ERROR, path, 0, 0,
			    "places.yaml is missing; create it with your districts, streets and communities (see docs/content.md)");
		return;
	}
	value *top[1];
	if (!fld_bind(c, root, places_fields, 1, top, "places.yaml"))
		return;
	const value *districts = top[0];
	if (!districts || districts->kind != V_LIST) {
		diag_error(c->d, districts ? districts->pos : root->pos,
			   "places.yaml needs 'districts:' (区县) with a list of districts");
		return;
	}
	s->districts = arena_array(c->a, districts->n ? districts->n : 1, sizeof *s->districts);
	size_t nst = count_streets(districts);
	s->streets = arena_array(c->a, nst ? nst : 1, sizeof *s->streets);
	for (size_t i = 0; i < districts->n; i++) {
		const value *v = districts->items[i];
		value *f[3];
		if (!fld_bind(c, v, district_fields, 3, f, "a district"))
			continue;
		district *d = arena_alloc(c->a, sizeof *d);
		d->pos = v->pos;
		fld_id(c, f[0], &d->id);
		bool ok = d->id != NULL;
		if (!f[0])
			fld_missing(c, v->pos, &district_fields[0], "a district");
		ok &= fld_text_required(c, f[1], &district_fields[1], v->pos, "a district", &d->name);
		if (!ok)
			continue;
		district *had = strmap_get(&s->district_ids, d->id, strlen(d->id));
		if (had) {
			diag_error(c->d, f[0]->pos, "district id '%s' is used twice (first at line %u); choose another",
				   d->id, had->pos.line);
			continue;
		}
		strmap_put(&s->district_ids, d->id, strlen(d->id), d);
		fld_name_register(&s->district_names, d->name, d);
		d->idx = s->ndistricts;
		s->districts[s->ndistricts++] = d;
		const value *streets = f[2];
		if (streets && streets->kind != V_LIST) {
			diag_error(c->d, streets->pos, "'streets' must be a list of streets ('- id: ...'), not %s",
				   value_kind_name(streets->kind));
			continue;
		}
		size_t n = streets ? streets->n : 0;
		d->streets = arena_array(c->a, n ? n : 1, sizeof *d->streets);
		for (size_t k = 0; k < n; k++)
			load_street(c, d, streets->items[k]);
	}
}

static const field category_fields[] = {
	{ "id", "编号" }, { "name", "名称" }, { "description", "说明" }, { "group", "上级" },
};

void places_categories(loadctx *c, const value *root, const char *path)
{
	site *s = c->s;
	if (!root) {
		diag_report(c->d, DIAG_ERROR, path, 0, 0,
			    "categories.yaml is missing; create it with the categories of needs and services (see docs/content.md)");
		return;
	}
	if (root->kind == V_NULL)
		return;
	if (root->kind != V_LIST) {
		diag_error(c->d, root->pos, "categories.yaml must be a list of categories ('- id: ...'), not %s",
			   value_kind_name(root->kind));
		return;
	}
	s->categories = arena_array(c->a, root->n ? root->n : 1, sizeof *s->categories);
	value **groups = arena_array(c->a, root->n ? root->n : 1, sizeof *groups);
	for (size_t i = 0; i < root->n; i++) {
		const value *v = root->items[i];
		value *f[4];
		if (!fld_bind(c, v, category_fields, 4, f, "a category"))
			continue;
		category *cat = arena_alloc(c->a, sizeof *cat);
		cat->pos = v->pos;
		fld_id(c, f[0], &cat->id);
		bool ok = cat->id != NULL;
		if (!f[0])
			fld_missing(c, v->pos, &category_fields[0], "a category");
		ok &= fld_text_required(c, f[1], &category_fields[1], v->pos, "a category", &cat->name);
		fld_text(c, f[2], &cat->description);
		if (!ok)
			continue;
		category *had = strmap_get(&s->category_ids, cat->id, strlen(cat->id));
		if (had) {
			diag_error(c->d, f[0]->pos, "category id '%s' is used twice (first at line %u); choose another",
				   cat->id, had->pos.line);
			continue;
		}
		strmap_put(&s->category_ids, cat->id, strlen(cat->id), cat);
		fld_name_register(&s->category_names, cat->name, cat);
		cat->index = s->ncategories;
		groups[s->ncategories] = f[3];
		s->categories[s->ncategories++] = cat;
	}
	/* groups may refer forward, so resolve them once all are known */
	for (size_t i = 0; i < s->ncategories; i++) {
		if (!groups[i])
			continue;
		category *cat = s->categories[i], *g = ref_category(c, groups[i]);
		if (!g)
			continue;
		if (g == cat)
			diag_error(c->d, groups[i]->pos, "category '%s' cannot be its own group; remove 'group'",
				   cat->id);
		else if (groups[g->index])
			diag_error(c->d, groups[i]->pos,
				   "group '%s' has a group itself; categories form a two-level tree, so choose a top-level category",
				   g->id);
		else
			cat->group = g;
	}
}
