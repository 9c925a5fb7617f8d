/* view_index: the values of the index pages (home, lists, needs and
 * supply, statuses, districts, categories, events, cases, organisations,
 * 404); see docs/templates.md for the names templates read. */
#include <string.h>

#include "view_index.h"
#include "view_parts.h"

value *view_home(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	const site_index *ix = vc->ix;
	value *root = view_root(vc, a, job, s->title, s->description, NULL);
	value *stats = value_map(a, 8);
	view_put_int(a, stats, "open_needs", (long long)ix->open_needs.n);
	view_put_int(a, stats, "needs", (long long)ix->needs.n);
	view_put_int(a, stats, "supply", (long long)ix->supply.n);
	view_put_int(a, stats, "lists", (long long)s->nlists);
	view_put_int(a, stats, "events", (long long)s->nevents);
	view_put_int(a, stats, "orgs", (long long)s->norgs);
	view_put_int(a, stats, "streets", (long long)s->nstreets);
	view_put(a, stats, "total_budget", view_money_text(a, ix->total_budget));
	view_set(a, root, "stats", stats);
	/* 即将截止: open needs whose deadline is at most 30 days away (open
	 * needs come soonest first), then the next few open needs */
	size_t soon = 0;
	while (soon < ix->open_needs.n && ix->open_needs.v[soon]->deadline != DATE_NONE &&
	       ix->open_needs.v[soon]->deadline - s->today <= 30)
		soon++;
	size_t nsoon = soon < 8 ? soon : 8;
	view_put_list(a, root, "closing_soon", view_item_rows(vc, a, ix->open_needs.v, nsoon));
	view_put_int(a, root, "closing_soon_count", (long long)soon);
	size_t rest = ix->open_needs.n - nsoon, n = rest < 8 ? rest : 8;
	view_put_list(a, root, "open_needs", view_item_rows(vc, a, ix->open_needs.v + nsoon, n));
	view_put_bool(a, root, "more_open_needs", rest > n);
	n = ix->lists.n < 5 ? ix->lists.n : 5;
	view_put_list(a, root, "lists", view_list_cards(vc, a, ix->lists.v, n));
	/* upcoming: soonest first; recent: newest first */
	value *up = value_list(a, 3), *recent = value_list(a, 4);
	for (size_t i = ix->events.n; i-- > 0;)
		if (ix->events.v[i]->date >= s->today && up->n < 3)
			value_push(a, up, view_event_card(vc, a, ix->events.v[i]));
	for (size_t i = 0; i < ix->events.n && recent->n < 4; i++)
		if (ix->events.v[i]->date < s->today)
			value_push(a, recent, view_event_card(vc, a, ix->events.v[i]));
	/* as {events: [...]}, so the event-cards partial renders either */
	if (up->n) {
		value *m = value_map(a, 1);
		view_set(a, m, "events", up);
		view_set(a, root, "upcoming", m);
	}
	if (recent->n) {
		/* 近期活动 only for the past twelve months; older ones are 往期活动 */
		const event *newest = NULL;
		for (size_t i = 0; i < ix->events.n && !newest; i++)
			if (ix->events.v[i]->date < s->today)
				newest = ix->events.v[i];
		value *m = value_map(a, 2);
		view_set(a, m, "events", recent);
		view_put(a, m, "heading", newest && s->today - newest->date <= 365 ? "近期活动" : "往期活动");
		view_set(a, root, "recent", m);
	}
	return root;
}

value *view_lists(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = view_root(vc, a, job, "清单", "各街道、社区发布的需求清单、供给清单和痛点清单", NULL);
	size_t from, count;
	view_page_slice(vc, job, vc->ix->lists.n, &from, &count);
	view_put_list(a, root, "lists", view_list_cards(vc, a, vc->ix->lists.v + from, count));
	return root;
}

/* What needs and offers call status st (待认领 and 可对接, or 已认领 for
 * both); true when they call it the same. */
static bool status_words(int st, const char **need, const char **offer)
{
	*need = status_label((item_status)st, LIST_NEEDS);
	*offer = status_label((item_status)st, LIST_SUPPLY);
	return strcmp(*need, *offer) == 0;
}

/* A status page: its needs, then its offers, paginated together; on each
 * page the needs' and the offers' rows are two tables (their columns
 * differ). */
static void put_status_items(const view_ctx *vc, arena *a, value *root, const page_job *job, int st)
{
	const itemset *set = &vc->ix->status[st];
	size_t from, count, needs = vc->ix->status_needs[st];
	view_page_slice(vc, job, set->n, &from, &count);
	size_t split = needs < from ? from : needs > from + count ? from + count : needs;
	view_put_list(a, root, "items", view_item_rows(vc, a, set->v + from, split - from));
	value *offers = NULL;
	if (from + count > split) {
		offers = value_map(a, 2);
		view_put_bool(a, offers, "is_supply", true);
		view_set(a, offers, "items", view_item_rows(vc, a, set->v + split, from + count - split));
	}
	view_set(a, root, "offers", offers);
	view_put_int(a, root, "items_count", (long long)set->n);
	view_put_int(a, root, "needs_count", (long long)needs);
	view_put_int(a, root, "offers_count", (long long)(set->n - needs));
	view_put_bool(a, root, "has_offers_count", set->n > needs);
}

const char *view_items_title(arena *a, page_kind kind, const void *rec)
{
	if (kind == PG_NEEDS)
		return "全部需求";
	if (kind == PG_SUPPLY)
		return "全部供给";
	const char *need, *offer;
	int st = ((const enum_name *)rec)->val;
	return status_words(st, &need, &offer) ? arena_printf(a, "%s的需求与供给", need)
					       : arena_printf(a, "%s的需求与%s的供给", need, offer);
}

value *view_items(const view_ctx *vc, arena *a, const page_job *job)
{
	const itemset *set = NULL;
	const char *title = view_items_title(a, job->kind, job->rec), *desc = title;
	int st = 0;
	if (job->kind == PG_NEEDS)
		set = &vc->ix->needs, desc = "各社区发布的全部需求项目";
	else if (job->kind == PG_SUPPLY)
		set = &vc->ix->supply, desc = "社会组织、社会企业提供的服务项目";
	else
		st = ((const enum_name *)job->rec)->val;
	value *crumbs = view_crumbs(a);
	if (job->kind == PG_STATUS)
		view_crumb(a, crumbs, "按状态", vc->index_url[PG_STATUSES]);
	value *root = view_root(vc, a, job, title, desc, crumbs);
	if (set) {
		view_put_items(vc, a, root, job, set);
		view_set(a, root, "offers", NULL);
	} else {
		put_status_items(vc, a, root, job, st);
	}
	view_put_bool(a, root, "is_supply", job->kind == PG_SUPPLY);
	view_put_filters(vc, a, root, job);
	return root;
}

value *view_statuses(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = view_root(vc, a, job, "按状态", "按认领状态浏览需求与供给", NULL);
	value *l = value_list(a, STATUS_SHOWN_COUNT);
	for (int st = 0; st < STATUS_SHOWN_COUNT; st++) {
		page_job p = { .kind = PG_STATUS, .rec = &status_names[st], .pageno = 1 };
		size_t n = vc->ix->status[st].n, needs = vc->ix->status_needs[st];
		const char *need, *offer;
		const char *title = status_words(st, &need, &offer) ? need : arena_printf(a, "%s / %s", need, offer);
		value *e = view_link(a, title, view_url(vc, &p, a));
		view_put(a, e, "id", status_id((item_status)st));
		view_put_int(a, e, "count", (long long)n);
		view_put_int(a, e, "needs", (long long)needs);
		view_put_int(a, e, "offers", (long long)(n - needs));
		value_push(a, l, e);
	}
	view_set(a, root, "statuses", l);
	return root;
}

value *view_districts(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	value *root = view_root(vc, a, job, "区县与街道", "按区县、街道和社区浏览", NULL);
	value *l = value_list(a, s->ndistricts);
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *d = s->districts[i];
		value *e = view_link(a, d->name, vc->district_url[d->idx]);
		view_put_int(a, e, "needs", (long long)vc->ix->district_needs[d->idx].n);
		view_put_int(a, e, "open", (long long)vc->ix->district_open[d->idx]);
		view_put_list(a, e, "streets", view_streets_of(vc, a, d));
		value_push(a, l, e);
	}
	view_set(a, root, "districts", l);
	return root;
}

value *view_categories(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	value *root = view_root(vc, a, job, "类别", "按类别浏览需求与供给", NULL);
	value *l = value_list(a, s->ncategories);
	for (size_t i = 0; i < s->ncategories; i++) {
		const category *c = s->categories[i];
		if (c->group)
			continue;
		value *e = view_category_entry(vc, a, c);
		value *kids = value_list(a, vc->ix->category_nchildren[c->index]);
		for (size_t k = 0; k < vc->ix->category_nchildren[c->index]; k++)
			value_push(a, kids, view_category_entry(vc, a, vc->ix->category_children[c->index][k]));
		view_put_list(a, e, "children", kids);
		value_push(a, l, e);
	}
	view_set(a, root, "categories", l);
	return root;
}

value *view_events(const view_ctx *vc, arena *a, const page_job *job)
{
	const eventset *ev = &vc->ix->events;
	value *root = view_root(vc, a, job, "活动", "供需对接会、清单发布会等活动", NULL);
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
			value_push(a, evs, view_event_card(vc, a, ev->v[k]));
		}
		value *e = view_rec(a, 2);
		view_put_int(a, e, "year", y);
		view_set(a, e, "events", evs);
		value_push(a, years, e);
		i = k;
	}
	view_put_list(a, root, "years", years);
	/* the calendar of every event (out/calendar.h), when there is one */
	view_put(a, root, "calendar_url", ev->n ? url_file_of(a, vc->s->base_path, URL_CAL_ALL, NULL) : NULL);
	return root;
}

value *view_cases(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = view_root(vc, a, job, "案例", "社区发展治理的实践案例", NULL);
	view_put_list(a, root, "cases", view_case_cards(vc, a, vc->ix->cases.v, vc->ix->cases.n));
	return root;
}

value *view_orgs(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = view_root(vc, a, job, "组织", "社会组织、社会企业和其他参与社区治理的机构", NULL);
	value *kinds = value_list(a, ORG_KIND_COUNT);
	for (int k = 0; k < ORG_KIND_COUNT; k++) {
		const orgset *set = &vc->ix->org_kinds[k];
		if (!set->n)
			continue;
		value *e = view_rec(a, 2);
		view_put(a, e, "kind", org_kind_label((org_kind)k));
		value *l = value_list(a, set->n);
		for (size_t i = 0; i < set->n; i++)
			value_push(a, l, view_org_link(vc, a, set->v[i]));
		view_set(a, e, "orgs", l);
		value_push(a, kinds, e);
	}
	view_put_list(a, root, "kinds", kinds);
	return root;
}

value *view_not_found(const view_ctx *vc, arena *a, const page_job *job)
{
	return view_root(vc, a, job, "页面不存在", "找不到这个页面", NULL);
}
