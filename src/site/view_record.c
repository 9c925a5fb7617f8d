/* view_record: the values of the pages of records (a list, an item, a
 * district, street or community, a category, an event, a case, an
 * organisation, a free page); see docs/templates.md. */
#include <stdint.h>
#include <stdlib.h>

#include "jsonld.h"
#include "view_claim.h"
#include "view_follow.h"
#include "view_match.h"
#include "view_record.h"
#include "view_parts.h"
#include "view_stats.h"

static int cmp_by_category(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	size_t ca = a->category ? a->category->index : (size_t)-1;
	size_t cb = b->category ? b->category->index : (size_t)-1;
	if (ca != cb)
		return ca < cb ? -1 : 1;
	return a->no < b->no ? -1 : a->no > b->no;
}

static int cmp_by_no(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	return a->no < b->no ? -1 : a->no > b->no;
}

/* the page's absolute URL (view_root's page.canonical) */
static const char *page_canonical(value *root)
{
	return value_get(value_get(root, "page"), "canonical")->s;
}

/* page.jsonld: the record's structured data (jsonld.h), or null */
static void put_jsonld(arena *a, value *root, const char *json)
{
	view_put(a, value_get(root, "page"), "jsonld", json);
}

value *view_list(const view_ctx *vc, arena *a, const page_job *job)
{
	const list *l = job->rec;
	value *crumbs = view_crumbs(a);
	view_place_crumbs(vc, a, crumbs, l->district, l->street, NULL);
	buf desc = BUF_INIT;
	buf_printf(&desc, "%s发布的%s，共%zu项", l->publisher ? l->publisher : "", list_kind_label(l->kind),
		   l->nitems);
	value *root = view_root(vc, a, job, l->title, arena_strndup(a, desc.ptr, desc.len), crumbs);
	buf_free(&desc);
	value *m = view_list_card(vc, a, l);
	view_put(a, m, "fund", l->fund);
	view_put_md(vc, a, m, "body_html", &l->body, NULL);
	view_put_list(a, m, "contact", view_contact(a, l->contact));
	view_set(a, m, "event", l->event ? view_event_card(vc, a, l->event) : NULL);
	view_set(a, m, "street_link", l->street ? view_link(a, l->street->name, vc->street_url[l->street->idx]) : NULL);
	view_set(a, m, "district_link",
	     l->district ? view_link(a, l->district->name, vc->district_url[l->district->idx]) : NULL);
	view_put_bool(a, m, "is_needs", l->kind == LIST_NEEDS);
	view_put_bool(a, m, "is_supply", l->kind == LIST_SUPPLY);
	view_put_bool(a, m, "is_pain_points", l->kind == LIST_PAIN_POINTS);
	view_put(a, m, "csv_url", view_list_csv(vc, a, l));
	view_put(a, m, "xlsx_url", view_list_xlsx(vc, a, l));
	/* items grouped by category, in categories.yaml order */
	item **sorted = arena_memdup(a, l->items, l->nitems * sizeof *l->items);
	if (l->nitems > 1)
		qsort(sorted, l->nitems, sizeof *sorted, cmp_by_category);
	value *groups = value_list(a, 8);
	for (size_t i = 0; i < l->nitems;) {
		size_t k = i;
		double sum = 0;
		size_t with = 0;
		while (k < l->nitems && sorted[k]->category == sorted[i]->category) {
			if (sorted[k]->budget.set)
				sum += sorted[k]->budget.v, with++;
			k++;
		}
		bool any = with > 0;
		value *g = value_map(a, 6);
		const category *cat = sorted[i]->category;
		view_put(a, g, "category", cat ? cat->name : "未分类");
		view_put(a, g, "category_url", cat ? vc->category_url[cat->index] : NULL);
		view_put_int(a, g, "count", (long long)(k - i));
		view_put(a, g, "budget", any ? view_money_text(a, sum) : NULL);
		/* a subtotal over some of the group's items says so */
		view_put_int(a, g, "budget_items", (long long)with);
		view_put_bool(a, g, "budget_partial", any && with < k - i);
		view_set(a, g, "items", view_item_rows(vc, a, sorted + i, k - i));
		value_push(a, groups, g);
		i = k;
	}
	view_put_int(a, m, "group_count", (long long)groups->n);
	view_put_list(a, m, "groups", groups);
	/* on paper: one table in 序号 order, with the page's address below */
	item **by_no = arena_memdup(a, l->items, l->nitems * sizeof *l->items);
	if (l->nitems > 1)
		qsort(by_no, l->nitems, sizeof *by_no, cmp_by_no);
	view_put_list(a, m, "print_items", view_item_rows(vc, a, by_no, l->nitems));
	view_set(a, root, "list", m);
	view_put_bool(a, root, "is_list_page", true);
	view_put_print(vc, a, root);
	return root;
}

value *view_item(const view_ctx *vc, arena *a, const page_job *job)
{
	const item *it = job->rec;
	value *crumbs = view_crumbs(a);
	view_place_crumbs(vc, a, crumbs, it->district, it->street, it->community);
	view_crumb(a, crumbs, it->list->title, vc->list_url[it->list->idx]);
	value *m = view_item_row(vc, a, it);
	const char *desc;
	view_put_md(vc, a, m, "description_html", &it->description, &desc);
	if (!desc)
		desc = arena_printf(a, "%s · %s", it->list->title, it->category ? it->category->name : "");
	value *root = view_root(vc, a, job, it->title, desc, crumbs);
	view_put(a, m, "list_kind_label", list_kind_label(it->list->kind));
	view_set(a, m, "district_link",
	     it->district ? view_link(a, it->district->name, vc->district_url[it->district->idx]) : NULL);
	view_put(a, m, "self_funding", it->self_funding.set ? view_money_text(a, it->self_funding.v) : NULL);
	view_put(a, m, "fund", it->fund);
	view_put(a, m, "beneficiaries", it->beneficiaries);
	view_put(a, m, "period", it->period);
	view_put(a, m, "notes", it->notes);
	view_put_md(vc, a, m, "requirements_html", &it->requirements, NULL);
	view_put_list(a, m, "outcomes", view_strs(a, it->outcomes));
	view_put_list(a, m, "indicators", view_strs(a, it->indicators));
	view_put_list(a, m, "tags", view_strs(a, it->tags));
	view_put_list(a, m, "contact", view_contact(a, it->contact));
	value *claimed = value_list(a, it->nclaims);
	for (size_t i = 0; i < it->nclaims; i++)
		value_push(a, claimed, view_claimant(vc, a, &it->claims[i]));
	view_put_list(a, m, "claimed_by", claimed);
	view_put_list(a, m, "areas", view_area_links(vc, a, it->areas, it->nareas));
	view_put_claim(vc, a, m, it);
	view_put_bool(a, m, "is_needs", it->list->kind == LIST_NEEDS);
	view_put_bool(a, m, "is_supply", it->list->kind == LIST_SUPPLY);
	view_put_matches(vc, a, m, it);
	view_put_fits(vc, a, m, vc->ix->match->offer_fits[it->idx], it->areas, it->nareas);
	view_set(a, root, "item", m);
	put_jsonld(a, root, jsonld_item(vc, a, it, page_canonical(root)));
	return root;
}

/* A place's first page shows a page's worth of its open needs (soonest
 * first); the full table follows on the page. */
static size_t page_one_rows(const view_ctx *vc, const page_job *job)
{
	return job->pageno <= 1 ? (size_t)vc->s->per_page : 0;
}

value *view_district(const view_ctx *vc, arena *a, const page_job *job)
{
	const district *d = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = view_crumbs(a);
	view_crumb(a, crumbs, "区县与街道", vc->index_url[PG_DISTRICTS]);
	value *root = view_root(vc, a, job, d->name, arena_printf(a, "%s的社区需求、清单与活动", d->name), crumbs);
	if (job->pageno <= 1) {
		view_put_list(a, root, "streets", view_streets_of(vc, a, d));
		view_put_cells(vc, a, root, d);
		view_put_list(a, root, "lists", view_list_cards(vc, a, ix->district_lists[d->idx].v, ix->district_lists[d->idx].n));
		view_put_list(a, root, "events", view_event_cards(vc, a, ix->district_events[d->idx].v, ix->district_events[d->idx].n));
		view_put_list(a, root, "cases", view_case_cards(vc, a, ix->district_cases[d->idx].v, ix->district_cases[d->idx].n));
		view_put_summary(vc, a, root, &vc->stats->district[d->idx], d->name);
	}
	view_put_items(vc, a, root, job, &ix->district_needs[d->idx]);
	view_put_open(vc, a, root, &ix->district_needs[d->idx], ix->district_open[d->idx], page_one_rows(vc, job));
	return root;
}

value *view_street(const view_ctx *vc, arena *a, const page_job *job)
{
	const street *st = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = view_crumbs(a);
	view_place_crumbs(vc, a, crumbs, st->district, NULL, NULL);
	value *root = view_root(vc, a, job, st->name,
			     arena_printf(a, "%s%s的社区、需求清单、活动和案例", st->district->name, st->name), crumbs);
	view_put(a, root, "kind_label", st->kind == PLACE_TOWN ? "镇" : "街道");
	view_put(a, root, "open_url", url_page(a, vc->s->base_path, &(page_job){ .kind = PG_STREET_OPEN, .rec = st }));
	if (job->pageno <= 1) {
		value *cms = value_list(a, st->ncommunities);
		for (size_t i = 0; i < st->ncommunities; i++) {
			const community *cm = st->communities[i];
			value *e = view_link(a, cm->name, vc->community_url[cm->idx]);
			view_put_int(a, e, "needs", (long long)ix->community_needs[cm->idx].n);
			view_put_int(a, e, "open", (long long)ix->community_open[cm->idx]);
			value_push(a, cms, e);
		}
		view_put_list(a, root, "communities", cms);
		view_put_list(a, root, "lists", view_list_cards(vc, a, ix->street_lists[st->idx].v, ix->street_lists[st->idx].n));
		view_put_list(a, root, "events", view_event_cards(vc, a, ix->street_events[st->idx].v, ix->street_events[st->idx].n));
		view_put_list(a, root, "cases", view_case_cards(vc, a, ix->street_cases[st->idx].v, ix->street_cases[st->idx].n));
		view_put_list(a, root, "pain_points", view_item_rows(vc, a, ix->street_pain[st->idx].v, ix->street_pain[st->idx].n));
		view_put_list(a, root, "claimed_offers",
			      view_item_rows(vc, a, ix->street_claimed[st->idx].v, ix->street_claimed[st->idx].n));
		view_put_summary(vc, a, root, &vc->stats->street[st->idx], st->name);
	}
	view_put_items(vc, a, root, job, &ix->street_needs[st->idx]);
	view_put_filters(vc, a, root, job);
	view_put_open(vc, a, root, &ix->street_needs[st->idx], ix->street_open[st->idx], page_one_rows(vc, job));
	return root;
}

/* All of a street's open needs on one page, soonest deadline first: the
 * page to share, print or put in a QR code for "what can I take on here". */
value *view_street_open(const view_ctx *vc, arena *a, const page_job *job)
{
	const street *st = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = view_crumbs(a);
	view_place_crumbs(vc, a, crumbs, st->district, st, NULL);
	value *root = view_root(vc, a, job, arena_printf(a, "%s待认领的需求", st->name),
			     arena_printf(a, "%s%s现在可以认领的社区需求，按截止日期排列", st->district->name, st->name),
			     crumbs);
	view_put(a, root, "street", st->name);
	view_put(a, root, "street_url", vc->street_url[st->idx]);
	view_put_open(vc, a, root, &ix->street_needs[st->idx], ix->street_open[st->idx], SIZE_MAX);
	view_put_print(vc, a, root);
	return root;
}

value *view_community(const view_ctx *vc, arena *a, const page_job *job)
{
	const community *cm = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = view_crumbs(a);
	view_place_crumbs(vc, a, crumbs, NULL, cm->street, NULL);
	value *root = view_root(vc, a, job, cm->name,
			     arena_printf(a, "%s%s的需求与案例", cm->street->name, cm->name), crumbs);
	view_put(a, root, "kind_label", cm->kind == PLACE_VILLAGE ? "村" : "社区");
	if (job->pageno <= 1) {
		view_put_list(a, root, "cases", view_case_cards(vc, a, ix->community_cases[cm->idx].v, ix->community_cases[cm->idx].n));
		view_put_list(a, root, "pain_points", view_item_rows(vc, a, ix->community_pain[cm->idx].v, ix->community_pain[cm->idx].n));
		view_put_list(a, root, "claimed_offers",
			      view_item_rows(vc, a, ix->community_claimed[cm->idx].v, ix->community_claimed[cm->idx].n));
	}
	view_put_items(vc, a, root, job, &ix->community_needs[cm->idx]);
	view_put_open(vc, a, root, &ix->community_needs[cm->idx], ix->community_open[cm->idx], page_one_rows(vc, job));
	return root;
}

value *view_category(const view_ctx *vc, arena *a, const page_job *job)
{
	const category *c = job->rec;
	value *crumbs = view_crumbs(a);
	view_crumb(a, crumbs, "类别", vc->index_url[PG_CATEGORIES]);
	if (c->group)
		view_crumb(a, crumbs, c->group->name, vc->category_url[c->group->index]);
	value *root = view_root(vc, a, job, c->name, c->description, crumbs);
	view_put(a, root, "description", c->description);
	value *kids = value_list(a, vc->ix->category_nchildren[c->index]);
	for (size_t k = 0; k < vc->ix->category_nchildren[c->index]; k++)
		value_push(a, kids, view_category_entry(vc, a, vc->ix->category_children[c->index][k]));
	view_put_list(a, root, "children", kids);
	view_put_items(vc, a, root, job, &vc->ix->category_items[c->index]);
	if (job->pageno <= 1)
		view_put_summary(vc, a, root, &vc->stats->category[c->index], c->name);
	return root;
}

value *view_event(const view_ctx *vc, arena *a, const page_job *job)
{
	const event *e = job->rec;
	value *crumbs = view_crumbs(a);
	view_crumb(a, crumbs, "活动", vc->index_url[PG_EVENTS]);
	value *m = view_event_card(vc, a, e);
	const char *desc;
	view_put_md(vc, a, m, "body_html", &e->body, &desc);
	value *root = view_root(vc, a, job, e->title, desc, crumbs);
	view_put(a, m, "end_date", view_date_text(a, e->end_date));
	view_put(a, m, "time", e->time);
	view_set(a, m, "place_link", view_place_link(vc, a, e->district, e->street));
	view_put_list(a, m, "guided_by", view_strs_or_null(a, e->guided_by));
	view_put_list(a, m, "organizer", view_strs_or_null(a, e->organizer));
	view_put_list(a, m, "undertaker", view_strs_or_null(a, e->undertaker));
	value *parts = value_list(a, e->nparticipants);
	for (size_t i = 0; i < e->nparticipants; i++) {
		value *p = view_rec(a, 2);
		view_put(a, p, "label", e->participants[i].label);
		view_put(a, p, "value", e->participants[i].text);
		value_push(a, parts, p);
	}
	view_put_list(a, m, "participants", parts);
	value *res = value_list(a, e->nresults);
	for (size_t i = 0; i < e->nresults; i++) {
		value *r = view_rec(a, 3);
		view_put(a, r, "label", e->results[i].label);
		view_put(a, r, "value", e->results[i].value);
		view_put(a, r, "unit", e->results[i].unit);
		value_push(a, res, r);
	}
	view_put_list(a, m, "results", res);
	view_put_list(a, m, "lists", view_list_cards(vc, a, e->lists, e->nlists));
	view_put_list(a, m, "categories", view_category_links(vc, a, e->categories, e->ncategories));
	value *photos = value_list(a, e->nphotos);
	for (size_t i = 0; i < e->nphotos; i++) {
		const photo *ph = &e->photos[i];
		value *p = view_rec(a, 4);
		view_put(a, p, "src", url_static(a, vc->s->base_path, ph->src));
		view_put(a, p, "caption", ph->caption);
		/* null when the file's size could not be read (a build warning) */
		view_set(a, p, "width", ph->width ? value_int(a, ph->width) : NULL);
		view_set(a, p, "height", ph->height ? value_int(a, ph->height) : NULL);
		value_push(a, photos, p);
	}
	view_put_list(a, m, "photos", photos);
	view_put(a, m, "byline", e->byline);
	view_put(a, m, "credit", e->credit);
	view_set(a, m, "source", e->source.name || e->source.url ? view_source(a, &e->source) : NULL);
	view_put(a, m, "ics_url", view_event_ics(vc, a, e));
	view_set(a, root, "event", m);
	put_jsonld(a, root, jsonld_event(vc, a, e, page_canonical(root)));
	return root;
}

value *view_case(const view_ctx *vc, arena *a, const page_job *job)
{
	const case_study *c = job->rec;
	value *crumbs = view_crumbs(a);
	view_place_crumbs(vc, a, crumbs, c->district, c->street, c->community);
	value *m = view_rec(a, 10);
	const char *desc;
	view_put_md(vc, a, m, "body_html", &c->body, &desc);
	value *root = view_root(vc, a, job, c->title, desc, crumbs);
	view_put(a, m, "title", c->title);
	view_put(a, m, "date", view_date_text(a, c->date));
	view_put(a, m, "model", c->model);
	view_put_list(a, m, "highlights", view_strs_or_null(a, c->highlights));
	view_put_list(a, m, "categories", view_category_links(vc, a, c->categories, c->ncategories));
	value *orgs = value_list(a, c->norgs);
	for (size_t i = 0; i < c->norgs; i++)
		value_push(a, orgs, view_org_link(vc, a, c->orgs[i]));
	view_put_list(a, m, "orgs", orgs);
	view_set(a, m, "source", c->source.name ? view_source(a, &c->source) : NULL);
	view_set(a, root, "case", m);
	return root;
}

value *view_org(const view_ctx *vc, arena *a, const page_job *job)
{
	const org *o = job->rec;
	const site_index *ix = vc->ix;
	value *crumbs = view_crumbs(a);
	view_crumb(a, crumbs, "组织", vc->index_url[PG_ORGS]);
	value *root = view_root(vc, a, job, o->name, o->summary, crumbs);
	value *m = view_org_link(vc, a, o);
	view_set(a, m, "place_link", view_place_link(vc, a, o->district, o->street));
	view_put_list(a, m, "services", view_category_links(vc, a, o->services, o->nservices));
	view_put_list(a, m, "areas", view_area_links(vc, a, o->areas, o->nareas));
	value *pool = value_list(a, o->npool);
	for (size_t i = 0; i < o->npool; i++)
		value_push(a, pool, value_int(a, o->pool[i]));
	view_put_list(a, m, "pool", pool);
	view_put_list(a, m, "contact", view_contact(a, o->contact));
	view_put(a, m, "website", o->website);
	view_set(a, m, "founded", o->founded ? value_int(a, o->founded) : NULL);
	view_put_md(vc, a, m, "body_html", &o->body, NULL);
	view_put_list(a, m, "offers", view_item_rows(vc, a, ix->org_offers[o->idx].v, ix->org_offers[o->idx].n));
	view_put_list(a, m, "claimed", view_item_rows(vc, a, ix->org_claimed[o->idx].v, ix->org_claimed[o->idx].n));
	view_put_list(a, m, "cases", view_case_cards(vc, a, ix->org_cases[o->idx].v, ix->org_cases[o->idx].n));
	view_put_fits(vc, a, m, &ix->match->org_fits[o->idx], o->areas, o->nareas);
	view_set(a, root, "org", m);
	put_jsonld(a, root, jsonld_org(vc, a, o, page_canonical(root)));
	return root;
}

value *view_free_page(const view_ctx *vc, arena *a, const page_job *job)
{
	const free_page *p = job->rec;
	value *m = view_rec(a, 2);
	const char *desc;
	view_put(a, m, "title", p->title);
	view_put_md(vc, a, m, "body_html", &p->body, &desc);
	value *root = view_root(vc, a, job, p->title, desc, NULL);
	view_set(a, root, "doc", m);
	return root;
}
