/* view_pages: the values of each page kind (see view.h and
 * docs/templates.md for the names templates read). */
#include <stdlib.h>
#include <string.h>

#include "view_int.h"

/* ---- cards: short forms of records, for indexes ---- */

static const char *place_name(const district *d, const street *st)
{
	return st ? st->name : d ? d->name : NULL;
}

static value *list_card(const view_ctx *vc, arena *a, const list *l)
{
	value *m = rec_map(a, 14);
	put(a, m, "title", l->title);
	put(a, m, "url", vc->list_url[l->idx]);
	put(a, m, "kind", list_kind_id(l->kind));
	put(a, m, "kind_label", list_kind_label(l->kind));
	put(a, m, "publisher", l->publisher);
	put(a, m, "published", vs_date_zh(a, l->published));
	put(a, m, "published_iso", vs_date_iso(a, l->published));
	put(a, m, "deadline", vs_date_zh(a, l->deadline));
	put_int(a, m, "count", (long long)l->nitems);
	put(a, m, "total_budget", l->kind == LIST_NEEDS && (l->total_given || l->budget_sum > 0)
					  ? vs_money(a, l->total_budget) : NULL);
	put(a, m, "place", place_name(l->district, l->street));
	return m;
}

static value *list_cards(const view_ctx *vc, arena *a, list *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, list_card(vc, a, v[i]));
	return l;
}


static value *event_card(const view_ctx *vc, arena *a, const event *e)
{
	value *m = rec_map(a, 8);
	put(a, m, "title", e->title);
	put(a, m, "url", vc->event_url[e->idx]);
	put(a, m, "date", vs_date_zh(a, e->date));
	put(a, m, "date_iso", vs_date_iso(a, e->date));
	put(a, m, "place", place_name(e->district, e->street));
	put(a, m, "venue", e->venue);
	return m;
}

static value *event_cards(const view_ctx *vc, arena *a, event *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, event_card(vc, a, v[i]));
	return l;
}

static const char *case_url(const view_ctx *vc, arena *a, const case_study *c)
{
	return view_url(vc, &(page_job){ .kind = PG_CASE, .rec = c }, a);
}

static value *case_cards(const view_ctx *vc, arena *a, case_study *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++) {
		const case_study *c = v[i];
		value *m = rec_map(a, 6);
		put(a, m, "title", c->title);
		put(a, m, "url", case_url(vc, a, c));
		put(a, m, "date", vs_date_zh(a, c->date));
		put(a, m, "model", c->model);
		put(a, m, "place", c->community ? c->community->name : place_name(c->district, c->street));
		value_push(a, l, m);
	}
	return l;
}

/* A link to the street a record is in, else to its district, else null. */
static value *place_link(const view_ctx *vc, arena *a, const district *d, const street *st)
{
	if (st)
		return link_v(a, st->name, vc->street_url[st->idx]);
	return d ? link_v(a, d->name, vc->district_url[d->idx]) : NULL;
}

static value *source_v(arena *a, const source_ref *src)
{
	value *m = rec_map(a, 3);
	put(a, m, "name", src->name);
	put(a, m, "date", vs_date_zh(a, src->date));
	put(a, m, "url", src->url);
	return m;
}

static value *org_link(const view_ctx *vc, arena *a, const org *o)
{
	value *m = link_v(a, o->name, vc->org_url[o->idx]);
	put(a, m, "kind", org_kind_label(o->kind));
	put(a, m, "summary", o->summary);
	return m;
}

static value *category_links(const view_ctx *vc, arena *a, category *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, link_v(a, v[i]->name, vc->category_url[v[i]->index]));
	return l;
}

static value *area_links(const view_ctx *vc, arena *a, const area *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, v[i].street ? link_v(a, v[i].street->name, vc->street_url[v[i].street->idx])
					     : link_v(a, v[i].district->name, vc->district_url[v[i].district->idx]));
	return l;
}

static value *contact_v(arena *a, const contact *c)
{
	if (!c)
		return NULL;
	value *m = rec_map(a, 4);
	put(a, m, "name", c->name);
	put(a, m, "phone", c->phone);
	put(a, m, "email", c->email);
	put(a, m, "address", c->address);
	return m;
}

/* Set m[k] unless v is NULL or an empty list; a list also sets has_<k>,
 * so that a template can render a heading or a <ul> once around it. */
static void put_v(arena *a, value *m, const char *k, value *v)
{
	bool none = !v || (v->kind == V_LIST && !v->n);
	vset(a, m, k, none ? NULL : v);
	if (none || v->kind == V_LIST)
		value_set(a, m, arena_printf(a, "has_%s", k), value_bool(a, !none));
}

/* A paginated set of item rows under "items", with its total count. */
static void put_items_page(const view_ctx *vc, arena *a, value *m, const page_job *job,
			   const itemset *set)
{
	size_t from, count;
	page_slice(vc, job, set->n, &from, &count);
	put_v(a, m, "items", item_rows(vc, a, set->v + from, count));
	put_int(a, m, "items_count", (long long)set->n);
}

/* ---- page kinds ---- */

static value *home(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	const site_index *ix = vc->ix;
	value *root = page_v(vc, a, job, s->title, s->description, NULL);
	value *stats = value_map(a, 8);
	put_int(a, stats, "open_needs", (long long)ix->open_needs.n);
	put_int(a, stats, "needs", (long long)ix->needs.n);
	put_int(a, stats, "supply", (long long)ix->supply.n);
	put_int(a, stats, "lists", (long long)s->nlists);
	put_int(a, stats, "events", (long long)s->nevents);
	put_int(a, stats, "orgs", (long long)s->norgs);
	put_int(a, stats, "streets", (long long)s->nstreets);
	put(a, stats, "total_budget", vs_money(a, ix->total_budget));
	vset(a, root, "stats", stats);
	size_t n = ix->open_needs.n < 8 ? ix->open_needs.n : 8;
	put_v(a, root, "open_needs", item_rows(vc, a, ix->open_needs.v, n));
	put_bool(a, root, "more_open_needs", ix->open_needs.n > n);
	n = ix->lists.n < 5 ? ix->lists.n : 5;
	put_v(a, root, "lists", list_cards(vc, a, ix->lists.v, n));
	/* upcoming: soonest first; recent: newest first */
	value *up = value_list(a, 3), *recent = value_list(a, 4);
	for (size_t i = ix->events.n; i-- > 0;)
		if (ix->events.v[i]->date >= s->today && up->n < 3)
			value_push(a, up, event_card(vc, a, ix->events.v[i]));
	for (size_t i = 0; i < ix->events.n && recent->n < 4; i++)
		if (ix->events.v[i]->date < s->today)
			value_push(a, recent, event_card(vc, a, ix->events.v[i]));
	/* as {events: [...]}, so the event-cards partial renders either */
	if (up->n) {
		value *m = value_map(a, 1);
		vset(a, m, "events", up);
		vset(a, root, "upcoming", m);
	}
	if (recent->n) {
		value *m = value_map(a, 1);
		vset(a, m, "events", recent);
		vset(a, root, "recent", m);
	}
	return root;
}

static value *lists_page(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = page_v(vc, a, job, "清单", "各街道、社区发布的需求清单、供给清单和痛点清单", NULL);
	size_t from, count;
	page_slice(vc, job, vc->ix->lists.n, &from, &count);
	put_v(a, root, "lists", list_cards(vc, a, vc->ix->lists.v + from, count));
	return root;
}

static int cmp_by_category(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	size_t ca = a->category ? a->category->index : (size_t)-1;
	size_t cb = b->category ? b->category->index : (size_t)-1;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	return a->no < b->no ? -1 : a->no > b->no;
}

static value *list_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const list *l = job->rec;
	value *crumbs = crumbs_v(a);
	place_crumbs(vc, a, crumbs, l->district, l->street, NULL);
	buf desc = BUF_INIT;
	buf_printf(&desc, "%s发布的%s，共%zu项", l->publisher ? l->publisher : "", list_kind_label(l->kind),
		   l->nitems);
	value *root = page_v(vc, a, job, l->title, arena_strndup(a, desc.ptr, desc.len), crumbs);
	buf_free(&desc);
	value *m = list_card(vc, a, l);
	put(a, m, "fund", l->fund);
	put_md(vc, a, m, "body_html", &l->body, NULL);
	put_v(a, m, "contact", contact_v(a, l->contact));
	vset(a, m, "event", l->event ? event_card(vc, a, l->event) : NULL);
	vset(a, m, "street_link", l->street ? link_v(a, l->street->name, vc->street_url[l->street->idx]) : NULL);
	vset(a, m, "district_link",
	     l->district ? link_v(a, l->district->name, vc->district_url[l->district->idx]) : NULL);
	put_bool(a, m, "is_needs", l->kind == LIST_NEEDS);
	put_bool(a, m, "is_supply", l->kind == LIST_SUPPLY);
	put_bool(a, m, "is_pain_points", l->kind == LIST_PAIN_POINTS);
	/* items grouped by category, in categories.yaml order */
	item **sorted = arena_memdup(a, l->items, l->nitems * sizeof *l->items);
	if (l->nitems > 1)
		qsort(sorted, l->nitems, sizeof *sorted, cmp_by_category);
	value *groups = value_list(a, 8);
	for (size_t i = 0; i < l->nitems;) {
		size_t k = i;
		double sum = 0;
		bool any = false;
		while (k < l->nitems && sorted[k]->category == sorted[i]->category) {
			if (sorted[k]->budget.set)
				sum += sorted[k]->budget.v, any = true;
			k++;
		}
		value *g = value_map(a, 6);
		const category *cat = sorted[i]->category;
		put(a, g, "category", cat ? cat->name : "未分类");
		put(a, g, "category_url", cat ? vc->category_url[cat->index] : NULL);
		put_int(a, g, "count", (long long)(k - i));
		put(a, g, "budget", any ? vs_money(a, sum) : NULL);
		vset(a, g, "items", item_rows(vc, a, sorted + i, k - i));
		value_push(a, groups, g);
		i = k;
	}
	put_int(a, m, "group_count", (long long)groups->n);
	put_v(a, m, "groups", groups);
	vset(a, root, "list", m);
	put_bool(a, root, "is_list_page", true);
	return root;
}

static const char *claim_hint(const item *it)
{
	if (it->list->kind == LIST_PAIN_POINTS)
		return NULL;
	if (it->expired)
		return "申报已截止。如仍有意参与，可联系发布单位了解后续安排。";
	switch (it->status) {
	case STATUS_OPEN:
		return it->list->kind == LIST_SUPPLY ? "可直接联系提供单位洽谈对接。"
						     : "本项目待认领：请通过下方联系方式与发布单位联系，说明机构情况和项目方案。";
	case STATUS_NEGOTIATING: return "本项目正在洽谈中，仍可联系发布单位了解情况。";
	default: return NULL;
	}
}

static value *item_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const item *it = job->rec;
	value *crumbs = crumbs_v(a);
	place_crumbs(vc, a, crumbs, it->district, it->street, it->community);
	crumb(a, crumbs, it->list->title, vc->list_url[it->list->idx]);
	value *m = item_row(vc, a, it);
	const char *desc;
	put_md(vc, a, m, "description_html", &it->description, &desc);
	if (!desc)
		desc = arena_printf(a, "%s · %s", it->list->title, it->category ? it->category->name : "");
	value *root = page_v(vc, a, job, it->title, desc, crumbs);
	put(a, m, "list_kind_label", list_kind_label(it->list->kind));
	vset(a, m, "district_link",
	     it->district ? link_v(a, it->district->name, vc->district_url[it->district->idx]) : NULL);
	put(a, m, "self_funding", it->self_funding.set ? vs_money(a, it->self_funding.v) : NULL);
	put(a, m, "fund", it->fund);
	put(a, m, "beneficiaries", it->beneficiaries);
	put(a, m, "period", it->period);
	put(a, m, "notes", it->notes);
	put_md(vc, a, m, "requirements_html", &it->requirements, NULL);
	put_v(a, m, "outcomes", strs_v(a, it->outcomes));
	put_v(a, m, "indicators", strs_v(a, it->indicators));
	put_v(a, m, "tags", strs_v(a, it->tags));
	put_v(a, m, "contact", contact_v(a, it->contact));
	value *claimed = value_list(a, it->nclaimed);
	for (size_t i = 0; i < it->nclaimed; i++)
		value_push(a, claimed, link_v(a, it->claimed_by[i]->name, vc->org_url[it->claimed_by[i]->idx]));
	put_v(a, m, "claimed_by", claimed);
	put_v(a, m, "areas", area_links(vc, a, it->areas, it->nareas));
	put(a, m, "claim_hint", claim_hint(it));
	put_bool(a, m, "is_needs", it->list->kind == LIST_NEEDS);
	put_bool(a, m, "is_supply", it->list->kind == LIST_SUPPLY);
	vset(a, root, "item", m);
	return root;
}

static value *items_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const itemset *set;
	const char *title, *desc;
	if (job->kind == PG_NEEDS) {
		set = &vc->ix->needs, title = "全部需求", desc = "各社区发布的全部需求项目";
	} else if (job->kind == PG_SUPPLY) {
		set = &vc->ix->supply, title = "全部供给", desc = "社会组织、社会企业提供的服务项目";
	} else {
		set = &vc->ix->status[job->status];
		title = arena_printf(a, "%s的需求", status_label((item_status)job->status, LIST_NEEDS));
		desc = title;
	}
	value *crumbs = crumbs_v(a);
	if (job->kind == PG_STATUS)
		crumb(a, crumbs, "按状态", arena_printf(a, "%sstatus/", vc->s->base_path));
	value *root = page_v(vc, a, job, title, desc, crumbs);
	put_items_page(vc, a, root, job, set);
	put_bool(a, root, "is_supply", job->kind == PG_SUPPLY);
	return root;
}

static value *statuses_page(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = page_v(vc, a, job, "按状态", "按认领状态浏览需求", NULL);
	value *l = value_list(a, STATUS_SHOWN_COUNT);
	for (int st = 0; st < STATUS_SHOWN_COUNT; st++) {
		page_job p = { .kind = PG_STATUS, .status = st, .pageno = 1 };
		value *e = link_v(a, status_label((item_status)st, LIST_NEEDS), view_url(vc, &p, a));
		put(a, e, "id", status_id((item_status)st));
		put_int(a, e, "count", (long long)vc->ix->status[st].n);
		value_push(a, l, e);
	}
	vset(a, root, "statuses", l);
	return root;
}

static value *street_link(const view_ctx *vc, arena *a, const street *st)
{
	value *e = link_v(a, st->name, vc->street_url[st->idx]);
	put_int(a, e, "needs", (long long)vc->ix->street_needs[st->idx].n);
	put_int(a, e, "communities", (long long)st->ncommunities);
	return e;
}

static value *streets_of(const view_ctx *vc, arena *a, const district *d)
{
	value *sts = value_list(a, d->nstreets);
	for (size_t k = 0; k < d->nstreets; k++)
		value_push(a, sts, street_link(vc, a, d->streets[k]));
	return sts;
}

static value *districts_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	value *root = page_v(vc, a, job, "区县与街道", "按区县、街道和社区浏览", NULL);
	value *l = value_list(a, s->ndistricts);
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *d = s->districts[i];
		value *e = link_v(a, d->name, vc->district_url[d->idx]);
		put_int(a, e, "needs", (long long)vc->ix->district_needs[d->idx].n);
		put_v(a, e, "streets", streets_of(vc, a, d));
		value_push(a, l, e);
	}
	vset(a, root, "districts", l);
	return root;
}

static value *district_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const district *d = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = crumbs_v(a);
	crumb(a, crumbs, "区县与街道", arena_printf(a, "%sdistricts/", vc->s->base_path));
	value *root = page_v(vc, a, job, d->name, arena_printf(a, "%s的社区需求、清单与活动", d->name), crumbs);
	if (job->pageno <= 1) {
		put_v(a, root, "streets", streets_of(vc, a, d));
		put_v(a, root, "lists", list_cards(vc, a, ix->district_lists[d->idx].v, ix->district_lists[d->idx].n));
		put_v(a, root, "events", event_cards(vc, a, ix->district_events[d->idx].v, ix->district_events[d->idx].n));
		put_v(a, root, "cases", case_cards(vc, a, ix->district_cases[d->idx].v, ix->district_cases[d->idx].n));
	}
	put_items_page(vc, a, root, job, &ix->district_needs[d->idx]);
	return root;
}

static value *street_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const street *st = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = crumbs_v(a);
	place_crumbs(vc, a, crumbs, st->district, NULL, NULL);
	value *root = page_v(vc, a, job, st->name,
			     arena_printf(a, "%s%s的社区、需求清单、活动和案例", st->district->name, st->name), crumbs);
	put(a, root, "kind_label", st->kind == PLACE_TOWN ? "镇" : "街道");
	if (job->pageno <= 1) {
		value *cms = value_list(a, st->ncommunities);
		for (size_t i = 0; i < st->ncommunities; i++) {
			const community *cm = st->communities[i];
			value *e = link_v(a, cm->name, vc->community_url[cm->idx]);
			put_int(a, e, "needs", (long long)ix->community_needs[cm->idx].n);
			value_push(a, cms, e);
		}
		put_v(a, root, "communities", cms);
		put_v(a, root, "lists", list_cards(vc, a, ix->street_lists[st->idx].v, ix->street_lists[st->idx].n));
		put_v(a, root, "events", event_cards(vc, a, ix->street_events[st->idx].v, ix->street_events[st->idx].n));
		put_v(a, root, "cases", case_cards(vc, a, ix->street_cases[st->idx].v, ix->street_cases[st->idx].n));
		put_v(a, root, "pain_points", item_rows(vc, a, ix->street_pain[st->idx].v, ix->street_pain[st->idx].n));
	}
	put_items_page(vc, a, root, job, &ix->street_needs[st->idx]);
	return root;
}

static value *community_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const community *cm = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = crumbs_v(a);
	place_crumbs(vc, a, crumbs, NULL, cm->street, NULL);
	value *root = page_v(vc, a, job, cm->name,
			     arena_printf(a, "%s%s的需求与案例", cm->street->name, cm->name), crumbs);
	put(a, root, "kind_label", cm->kind == PLACE_VILLAGE ? "村" : "社区");
	if (job->pageno <= 1) {
		put_v(a, root, "cases", case_cards(vc, a, ix->community_cases[cm->idx].v, ix->community_cases[cm->idx].n));
		put_v(a, root, "pain_points", item_rows(vc, a, ix->community_pain[cm->idx].v, ix->community_pain[cm->idx].n));
	}
	put_items_page(vc, a, root, job, &ix->community_needs[cm->idx]);
	return root;
}

static value *category_entry(const view_ctx *vc, arena *a, const category *c)
{
	value *e = link_v(a, c->name, vc->category_url[c->index]);
	put(a, e, "description", c->description);
	put_int(a, e, "count", (long long)vc->ix->category_items[c->index].n);
	return e;
}

static value *categories_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	value *root = page_v(vc, a, job, "类别", "按类别浏览需求与供给", NULL);
	value *l = value_list(a, s->ncategories);
	for (size_t i = 0; i < s->ncategories; i++) {
		const category *c = s->categories[i];
		if (c->group)
			continue;
		value *e = category_entry(vc, a, c);
		value *kids = value_list(a, vc->ix->category_nchildren[c->index]);
		for (size_t k = 0; k < vc->ix->category_nchildren[c->index]; k++)
			value_push(a, kids, category_entry(vc, a, vc->ix->category_children[c->index][k]));
		put_v(a, e, "children", kids);
		value_push(a, l, e);
	}
	vset(a, root, "categories", l);
	return root;
}

static value *category_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const category *c = job->rec;
	value *crumbs = crumbs_v(a);
	crumb(a, crumbs, "类别", arena_printf(a, "%scategories/", vc->s->base_path));
	if (c->group)
		crumb(a, crumbs, c->group->name, vc->category_url[c->group->index]);
	value *root = page_v(vc, a, job, c->name, c->description, crumbs);
	put(a, root, "description", c->description);
	value *kids = value_list(a, vc->ix->category_nchildren[c->index]);
	for (size_t k = 0; k < vc->ix->category_nchildren[c->index]; k++)
		value_push(a, kids, category_entry(vc, a, vc->ix->category_children[c->index][k]));
	put_v(a, root, "children", kids);
	put_items_page(vc, a, root, job, &vc->ix->category_items[c->index]);
	return root;
}

static value *events_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const eventset *ev = &vc->ix->events;
	value *root = page_v(vc, a, job, "活动", "供需对接会、清单发布会等活动", NULL);
	value *years = value_list(a, 8);
	for (size_t i = 0; i < ev->n;) {
		int y, m, d;
		date_to_ymd(ev->v[i]->date, &y, &m, &d);
		size_t k = i;
		value *evs = value_list(a, 4);
		for (; k < ev->n; k++) {
			int y2;
			date_to_ymd(ev->v[k]->date, &y2, &m, &d);
			if (y2 != y)
				break;
			value_push(a, evs, event_card(vc, a, ev->v[k]));
		}
		value *e = rec_map(a, 2);
		put_int(a, e, "year", y);
		vset(a, e, "events", evs);
		value_push(a, years, e);
		i = k;
	}
	put_v(a, root, "years", years);
	return root;
}

static value *strs_or_null(arena *a, strs s)
{
	return s.n ? strs_v(a, s) : NULL;
}

static value *event_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const event *e = job->rec;
	value *crumbs = crumbs_v(a);
	crumb(a, crumbs, "活动", arena_printf(a, "%sevents/", vc->s->base_path));
	value *m = event_card(vc, a, e);
	const char *desc;
	put_md(vc, a, m, "body_html", &e->body, &desc);
	value *root = page_v(vc, a, job, e->title, desc, crumbs);
	put(a, m, "end_date", vs_date_zh(a, e->end_date));
	put(a, m, "time", e->time);
	vset(a, m, "place_link", place_link(vc, a, e->district, e->street));
	put_v(a, m, "guided_by", strs_or_null(a, e->guided_by));
	put_v(a, m, "organizer", strs_or_null(a, e->organizer));
	put_v(a, m, "undertaker", strs_or_null(a, e->undertaker));
	value *parts = value_list(a, e->nparticipants);
	for (size_t i = 0; i < e->nparticipants; i++) {
		value *p = rec_map(a, 2);
		put(a, p, "label", e->participants[i].label);
		put(a, p, "value", e->participants[i].text);
		value_push(a, parts, p);
	}
	put_v(a, m, "participants", parts);
	value *res = value_list(a, e->nresults);
	for (size_t i = 0; i < e->nresults; i++) {
		value *r = rec_map(a, 3);
		put(a, r, "label", e->results[i].label);
		put(a, r, "value", e->results[i].value);
		put(a, r, "unit", e->results[i].unit);
		value_push(a, res, r);
	}
	put_v(a, m, "results", res);
	put_v(a, m, "lists", list_cards(vc, a, e->lists, e->nlists));
	put_v(a, m, "categories", category_links(vc, a, e->categories, e->ncategories));
	value *photos = value_list(a, e->nphotos);
	for (size_t i = 0; i < e->nphotos; i++) {
		value *p = rec_map(a, 2);
		put(a, p, "src", arena_printf(a, "%sstatic/%s", vc->s->base_path, e->photos[i].src));
		put(a, p, "caption", e->photos[i].caption);
		value_push(a, photos, p);
	}
	put_v(a, m, "photos", photos);
	put(a, m, "byline", e->byline);
	put(a, m, "credit", e->credit);
	vset(a, m, "source", e->source.name || e->source.url ? source_v(a, &e->source) : NULL);
	vset(a, root, "event", m);
	return root;
}

static value *cases_page(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = page_v(vc, a, job, "案例", "社区发展治理的实践案例", NULL);
	put_v(a, root, "cases", case_cards(vc, a, vc->ix->cases.v, vc->ix->cases.n));
	return root;
}

static value *case_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const case_study *c = job->rec;
	value *crumbs = crumbs_v(a);
	place_crumbs(vc, a, crumbs, c->district, c->street, c->community);
	value *m = rec_map(a, 10);
	const char *desc;
	put_md(vc, a, m, "body_html", &c->body, &desc);
	value *root = page_v(vc, a, job, c->title, desc, crumbs);
	put(a, m, "title", c->title);
	put(a, m, "date", vs_date_zh(a, c->date));
	put(a, m, "model", c->model);
	put_v(a, m, "highlights", strs_or_null(a, c->highlights));
	put_v(a, m, "categories", category_links(vc, a, c->categories, c->ncategories));
	value *orgs = value_list(a, c->norgs);
	for (size_t i = 0; i < c->norgs; i++)
		value_push(a, orgs, org_link(vc, a, c->orgs[i]));
	put_v(a, m, "orgs", orgs);
	vset(a, m, "source", c->source.name ? source_v(a, &c->source) : NULL);
	vset(a, root, "case", m);
	return root;
}

static value *orgs_page(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = page_v(vc, a, job, "组织", "社会组织、社会企业和其他参与社区治理的机构", NULL);
	value *kinds = value_list(a, ORG_KIND_COUNT);
	for (int k = 0; k < ORG_KIND_COUNT; k++) {
		const orgset *set = &vc->ix->org_kinds[k];
		if (!set->n)
			continue;
		value *e = rec_map(a, 2);
		put(a, e, "kind", org_kind_label((org_kind)k));
		value *l = value_list(a, set->n);
		for (size_t i = 0; i < set->n; i++)
			value_push(a, l, org_link(vc, a, set->v[i]));
		vset(a, e, "orgs", l);
		value_push(a, kinds, e);
	}
	put_v(a, root, "kinds", kinds);
	return root;
}

static value *org_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const org *o = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = crumbs_v(a);
	crumb(a, crumbs, "组织", arena_printf(a, "%sorgs/", vc->s->base_path));
	value *root = page_v(vc, a, job, o->name, o->summary, crumbs);
	value *m = org_link(vc, a, o);
	vset(a, m, "place_link", place_link(vc, a, o->district, o->street));
	put_v(a, m, "services", category_links(vc, a, o->services, o->nservices));
	put_v(a, m, "areas", area_links(vc, a, o->areas, o->nareas));
	value *pool = value_list(a, o->npool);
	for (size_t i = 0; i < o->npool; i++)
		value_push(a, pool, value_int(a, o->pool[i]));
	put_v(a, m, "pool", pool);
	put_v(a, m, "contact", contact_v(a, o->contact));
	put(a, m, "website", o->website);
	vset(a, m, "founded", o->founded ? value_int(a, o->founded) : NULL);
	put_md(vc, a, m, "body_html", &o->body, NULL);
	put_v(a, m, "offers", item_rows(vc, a, ix->org_offers[o->idx].v, ix->org_offers[o->idx].n));
	put_v(a, m, "claimed", item_rows(vc, a, ix->org_claimed[o->idx].v, ix->org_claimed[o->idx].n));
	put_v(a, m, "cases", case_cards(vc, a, ix->org_cases[o->idx].v, ix->org_cases[o->idx].n));
	vset(a, root, "org", m);
	return root;
}

static value *page_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const page *p = job->rec;
	value *m = rec_map(a, 2);
	const char *desc;
	put(a, m, "title", p->title);
	put_md(vc, a, m, "body_html", &p->body, &desc);
	value *root = page_v(vc, a, job, p->title, desc, NULL);
	vset(a, root, "doc", m);
	return root;
}

static value *not_found(const view_ctx *vc, arena *a, const page_job *job)
{
	return page_v(vc, a, job, "页面不存在", "找不到这个页面", NULL);
}

size_t view_count(const view_ctx *vc, page_kind kind, const void *rec, int status)
{
	const site_index *ix = vc->ix;
	switch (kind) {
	case PG_LISTS: return ix->lists.n;
	case PG_NEEDS: return ix->needs.n;
	case PG_SUPPLY: return ix->supply.n;
	case PG_STATUS: return ix->status[status].n;
	case PG_DISTRICT: return ix->district_needs[((const district *)rec)->idx].n;
	case PG_STREET: return ix->street_needs[((const street *)rec)->idx].n;
	case PG_COMMUNITY: return ix->community_needs[((const community *)rec)->idx].n;
	case PG_CATEGORY: return ix->category_items[((const category *)rec)->index].n;
	default: return 0;
	}
}

typedef value *(*view_fn)(const view_ctx *, arena *, const page_job *);

static const view_fn builders[PG_KIND_COUNT] = {
	[PG_HOME] = home, [PG_LISTS] = lists_page, [PG_LIST] = list_page, [PG_ITEM] = item_page,
	[PG_NEEDS] = items_page, [PG_SUPPLY] = items_page, [PG_DISTRICTS] = districts_page,
	[PG_DISTRICT] = district_page, [PG_STREET] = street_page, [PG_COMMUNITY] = community_page,
	[PG_CATEGORIES] = categories_page, [PG_CATEGORY] = category_page,
	[PG_STATUSES] = statuses_page, [PG_STATUS] = items_page, [PG_EVENTS] = events_page,
	[PG_EVENT] = event_page, [PG_CASES] = cases_page, [PG_CASE] = case_page,
	[PG_ORGS] = orgs_page, [PG_ORG] = org_page, [PG_PAGE] = page_page,
	[PG_NOT_FOUND] = not_found,
};

value *view_page(const view_ctx *vc, const page_job *job, arena *a)
{
	return builders[job->kind](vc, a, job);
}
