/* view_parts: the parts several page kinds share: the page's root values
 * (site, page, breadcrumbs, pagination) and the cards of lists, events,
 * cases, organisations, links and contacts. Every card is sealed and
 * defines every name it offers (see view_parts.h). */
#include <string.h>

#include "escape.h"
#include "filter_data.h"
#include "pages.h"
#include "view_follow.h"
#include "view_parts.h"

/* ---- the page's root values ---- */

value *view_pagination(const view_ctx *vc, arena *a, const page_job *job)
{
	value *m = value_map(a, 4);
	page_job p = *job;
	/* a window, not every page: the first, the last, and two either side
	 * of the current one, with gaps between (so an index of 5,000 pages
	 * does not put 5,000 links on each of them) */
	value *pages = value_list(a, 9);
	unsigned cur = job->pageno, last = job->npages, prev = 0;
	for (unsigned i = 1; i <= last; i++) {
		if (i != 1 && i != last && (i + 2 < cur || i > cur + 2)) {
			i = i < cur ? cur - 3 : last - 1;
			continue;
		}
		if (prev && i > prev + 1) {
			value *gap = view_rec(a, 4);
			view_put_bool(a, gap, "gap", true);
			view_put(a, gap, "n", NULL);
			view_put(a, gap, "url", NULL);
			view_put_bool(a, gap, "current", false);
			value_push(a, pages, gap);
		}
		p.pageno = i;
		value *e = view_rec(a, 4);
		view_put_bool(a, e, "gap", false);
		view_put_int(a, e, "n", i);
		view_put(a, e, "url", view_url(vc, &p, a));
		view_put_bool(a, e, "current", i == cur);
		value_push(a, pages, e);
		prev = i;
	}
	view_set(a, m, "pages", pages);
	if (job->pageno > 1) {
		p.pageno = job->pageno - 1;
		view_put(a, m, "prev_url", view_url(vc, &p, a));
	}
	if (job->pageno < job->npages) {
		p.pageno = job->pageno + 1;
		view_put(a, m, "next_url", view_url(vc, &p, a));
	}
	/* the whole index on one page, to print; or why there is none */
	size_t n = 0;
	if (pages_printable(vc->ix, job, &n)) {
		page_job all = { .kind = PG_PRINT, .rec = job->rec, .pageno = 1, .npages = 1, .of = job->kind };
		view_put(a, m, "print_url", view_url(vc, &all, a));
	}
	view_put_bool(a, m, "print_too_many", n > PAGES_PRINT_MAX);
	view_put_int(a, m, "print_count", (long long)n);
	view_put_int(a, m, "print_max", PAGES_PRINT_MAX);
	view_put_int(a, m, "current", job->pageno);
	view_put_int(a, m, "count", job->npages);
	return m;
}

/* The slice of a paginated set that page `job` shows. */
void view_page_slice(const view_ctx *vc, const page_job *job, size_t n, size_t *from, size_t *count)
{
	size_t per = (size_t)vc->s->per_page;
	size_t start = (size_t)(job->pageno ? job->pageno - 1 : 0) * per;
	*from = start < n ? start : n;
	*count = n - *from < per ? n - *from : per;
}

value *view_site(const view_ctx *vc, arena *a, const char *current_url)
{
	const site *s = vc->s;
	value *m = value_map(a, 16);
	view_put(a, m, "title", s->title);
	view_put(a, m, "subtitle", s->subtitle);
	view_put(a, m, "description", s->description);
	view_put(a, m, "language", s->language);
	view_put(a, m, "base", s->base_path);
	view_put(a, m, "base_url", s->base_url);
	view_put(a, m, "css", vc->css_url);
	view_put(a, m, "icp", s->icp);
	view_put(a, m, "site_code", s->site_code);
	view_put(a, m, "police_record", s->police_record);
	if (s->police_code) {
		/* the national registry's public page of the record */
		buf u;
		buf_init(&u);
		buf_puts(&u, "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=");
		esc_url_query(&u, s->police_code, strlen(s->police_code));
		view_put(a, m, "police_url", arena_strdup(a, u.ptr));
		buf_free(&u);
	}
	view_put(a, m, "publisher", s->publisher);
	if (s->contact) {
		value *c = view_rec(a, 4);
		view_put(a, c, "name", s->contact->name);
		view_put(a, c, "phone", s->contact->phone);
		view_put(a, c, "email", s->contact->email);
		view_put(a, c, "address", s->contact->address);
		view_set(a, m, "contact", c);
	}
	value *entries = value_list(a, vc->menu.n);
	for (size_t i = 0; i < vc->menu.n; i++) {
		const menu_item *mi = &vc->menu.v[i];
		if (mi->dup)
			continue;
		value *e = view_link(a, mi->title, mi->url);
		view_put_bool(a, e, "current", current_url && strcmp(mi->url, current_url) == 0);
		value_push(a, entries, e);
	}
	view_set(a, m, "menu", entries);
	view_put_bool(a, m, "has_menu", entries->n > 0);
	view_put_bool(a, m, "menu_given", vc->menu.given);
	char today[11];
	date_format(s->today, today);
	view_put(a, m, "today", arena_strdup(a, today));
	/* what a reader follows and reuses (url.h) */
	view_put(a, m, "feeds_url", vc->index_url[PG_FEEDS]);
	view_put(a, m, "data_url", vc->index_url[PG_DATA]);
	view_put(a, m, "feed", url_file_of(a, s->base_path, URL_FEED_SITE, NULL));
	return m;
}

value *view_crumbs(arena *a)
{
	return value_list(a, 4);
}

void view_crumb(arena *a, value *crumbs, const char *title, const char *url)
{
	value_push(a, crumbs, view_link(a, title, url));
}

/* Breadcrumbs 区 › 街道 › 社区 for a place (any part may be NULL). */
void view_place_crumbs(const view_ctx *vc, arena *a, value *crumbs, const district *d, const street *st,
		  const community *cm)
{
	if (st && !d)
		d = st->district;
	if (d)
		view_crumb(a, crumbs, d->name, vc->district_url[d->idx]);
	if (st)
		view_crumb(a, crumbs, st->name, vc->street_url[st->idx]);
	if (cm)
		view_crumb(a, crumbs, cm->name, vc->community_url[cm->idx]);
}

/* The map every template gets: site, page (title, url, description,
 * breadcrumbs, pagination) and the page's own values under their names. */
value *view_root(const view_ctx *vc, arena *a, const page_job *job, const char *title,
	      const char *description, value *crumbs)
{
	const char *url = view_url(vc, job, a);
	value *root = value_map(a, 16);
	/* the site's values are the same on every page, except on a page that
	 * is in the menu (its entry is marked current) */
	bool in_menu = false;
	for (size_t i = 0; i < vc->menu.n && !in_menu; i++)
		in_menu = strcmp(url, vc->menu.v[i].url) == 0;
	value_set_kv(a, root, vc->site_key, in_menu ? view_site(vc, a, url) : vc->site_values);
	value *p = value_map(a, 12);
	view_put(a, p, "title", title);
	if (job->pageno > 1)
		view_put(a, p, "title_page", arena_printf(a, "%s（第%u页）", title, job->pageno));
	else
		view_put(a, p, "title_page", title);
	view_put(a, p, "url", url);
	view_put(a, p, "canonical", url_absolute(a, vc->s->base_url, vc->s->base_path, url));
	view_put(a, p, "description", description && *description ? description
				  : vc->s->description ? vc->s->description : vc->s->title);
	view_put(a, p, "image", vc->share_image);
	view_put(a, p, "kind", page_kinds[job->kind].name);
	/* wrapped in maps so that a template renders their frame once */
	if (crumbs && crumbs->n) {
		value *c = value_map(a, 1);
		view_set(a, c, "items", crumbs);
		view_set(a, p, "breadcrumbs", c);
	}
	if (job->npages > 1)
		view_set(a, p, "pagination", view_pagination(vc, a, job));
	view_put_bool(a, p, "is_home", job->kind == PG_HOME);
	view_put_follow(vc, a, p, job, url);
	view_set(a, root, "page", p);
	return root;
}

/* ---- cards ---- */

static const char *view_place_name(const district *d, const street *st)
{
	return st ? st->name : d ? d->name : NULL;
}

value *view_list_card(const view_ctx *vc, arena *a, const list *l)
{
	value *m = view_rec(a, 14);
	view_put(a, m, "title", l->title);
	view_put(a, m, "url", vc->list_url[l->idx]);
	view_put(a, m, "kind", list_kind_id(l->kind));
	view_put(a, m, "kind_label", list_kind_label(l->kind));
	view_put(a, m, "publisher", l->publisher);
	view_put(a, m, "published", view_date_text(a, l->published));
	view_put(a, m, "published_iso", view_date_iso(a, l->published));
	view_put(a, m, "deadline", view_date_text(a, l->deadline));
	view_put_int(a, m, "count", (long long)l->nitems);
	view_put(a, m, "total_budget", l->kind == LIST_NEEDS && (l->total_given || l->budget_sum > 0)
					  ? view_money_text(a, l->total_budget) : NULL);
	/* a total added up from the items' budgets, when only some have one,
	 * says how many it covers: 合计 57.3 万元（76 项中 60 项有预算） */
	view_put_int(a, m, "budget_items", (long long)l->budget_items);
	view_put_bool(a, m, "budget_partial", l->kind == LIST_NEEDS && !l->total_given && l->budget_items > 0 &&
						      l->budget_items < l->nitems);
	view_put(a, m, "place", view_place_name(l->district, l->street));
	return m;
}

value *view_list_cards(const view_ctx *vc, arena *a, list *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, view_list_card(vc, a, v[i]));
	return l;
}

value *view_event_card(const view_ctx *vc, arena *a, const event *e)
{
	value *m = view_rec(a, 8);
	view_put(a, m, "title", e->title);
	view_put(a, m, "url", vc->event_url[e->idx]);
	view_put(a, m, "date", view_date_text(a, e->date));
	view_put(a, m, "date_iso", view_date_iso(a, e->date));
	view_put(a, m, "place", view_place_name(e->district, e->street));
	view_put(a, m, "venue", e->venue);
	return m;
}

value *view_event_cards(const view_ctx *vc, arena *a, event *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, view_event_card(vc, a, v[i]));
	return l;
}

static const char *case_url(const view_ctx *vc, arena *a, const case_study *c)
{
	return view_url(vc, &(page_job){ .kind = PG_CASE, .rec = c }, a);
}

value *view_case_cards(const view_ctx *vc, arena *a, case_study *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++) {
		const case_study *c = v[i];
		value *m = view_rec(a, 6);
		view_put(a, m, "title", c->title);
		view_put(a, m, "url", case_url(vc, a, c));
		view_put(a, m, "date", view_date_text(a, c->date));
		view_put(a, m, "model", c->model);
		view_put(a, m, "place", c->community ? c->community->name : view_place_name(c->district, c->street));
		value_push(a, l, m);
	}
	return l;
}

/* A link to the street a record is in, else to its district, else null. */
value *view_place_link(const view_ctx *vc, arena *a, const district *d, const street *st)
{
	if (st)
		return view_link(a, st->name, vc->street_url[st->idx]);
	return d ? view_link(a, d->name, vc->district_url[d->idx]) : NULL;
}

value *view_source(arena *a, const source_ref *src)
{
	value *m = view_rec(a, 3);
	view_put(a, m, "name", src->name);
	view_put(a, m, "date", view_date_text(a, src->date));
	view_put(a, m, "url", src->url);
	return m;
}

value *view_claimant(const view_ctx *vc, arena *a, const claimant *c)
{
	value *m;
	if (c->kind == CLAIMANT_ORG)
		m = view_link(a, c->org->name, vc->org_url[c->org->idx]);
	else if (c->kind == CLAIMANT_STREET)
		m = view_link(a, c->street->name, vc->street_url[c->street->idx]);
	else
		m = view_link(a, c->community->name, vc->community_url[c->community->idx]);
	view_put(a, m, "kind", c->kind == CLAIMANT_ORG ? "org" : c->kind == CLAIMANT_STREET ? "street" : "community");
	return m;
}

value *view_org_link(const view_ctx *vc, arena *a, const org *o)
{
	value *m = view_link(a, o->name, vc->org_url[o->idx]);
	view_put(a, m, "kind", org_kind_label(o->kind));
	view_put(a, m, "summary", o->summary);
	return m;
}

value *view_category_links(const view_ctx *vc, arena *a, category *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, view_link(a, v[i]->name, vc->category_url[v[i]->index]));
	return l;
}

value *view_area_links(const view_ctx *vc, arena *a, const area *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, v[i].street ? view_link(a, v[i].street->name, vc->street_url[v[i].street->idx])
					     : view_link(a, v[i].district->name, vc->district_url[v[i].district->idx]));
	return l;
}

value *view_contact(arena *a, const contact *c)
{
	if (!c)
		return NULL;
	value *m = view_rec(a, 4);
	view_put(a, m, "name", c->name);
	view_put(a, m, "phone", c->phone);
	view_put(a, m, "email", c->email);
	view_put(a, m, "address", c->address);
	return m;
}

value *view_street_link(const view_ctx *vc, arena *a, const street *st)
{
	value *e = view_link(a, st->name, vc->street_url[st->idx]);
	view_put_int(a, e, "needs", (long long)vc->ix->street_needs[st->idx].n);
	view_put_int(a, e, "open", (long long)vc->ix->street_open[st->idx]);
	view_put_int(a, e, "communities", (long long)st->ncommunities);
	return e;
}

value *view_streets_of(const view_ctx *vc, arena *a, const district *d)
{
	value *sts = value_list(a, d->nstreets);
	for (size_t k = 0; k < d->nstreets; k++)
		value_push(a, sts, view_street_link(vc, a, d->streets[k]));
	return sts;
}

value *view_category_entry(const view_ctx *vc, arena *a, const category *c)
{
	value *e = view_link(a, c->name, vc->category_url[c->index]);
	view_put(a, e, "description", c->description);
	view_put_int(a, e, "count", (long long)vc->ix->category_items[c->index].n);
	return e;
}

/* Set m[k] unless v is NULL or an empty list; a list also sets has_<k>,
 * so that a template can render a heading or a <ul> once around it. */
void view_put_list(arena *a, value *m, const char *k, value *v)
{
	bool none = !v || (v->kind == V_LIST && !v->n);
	view_set(a, m, k, none ? NULL : v);
	if (none || v->kind == V_LIST)
		view_put_has(a, m, k, !none);
}

/* A paginated set of item rows under "items", with its total count. */
void view_put_items(const view_ctx *vc, arena *a, value *m, const page_job *job,
			   const itemset *set)
{
	size_t from, count;
	view_page_slice(vc, job, set->n, &from, &count);
	view_put_list(a, m, "items", view_item_rows(vc, a, set->v + from, count));
	view_put_int(a, m, "items_count", (long long)set->n);
}

void view_put_open(const view_ctx *vc, arena *a, value *m, const itemset *needs, size_t open,
		   size_t max_rows)
{
	bool rows = max_rows > 0;
	view_put_int(a, m, "open_count", (long long)open);
	view_put_bool(a, m, "has_open", open > 0);
	/* the nearest deadline among them (one pass); the rows, sorted, only
	 * where the page shows them */
	item **v = rows ? arena_array(a, open ? open : 1, sizeof *v) : NULL;
	size_t n = 0;
	qdate soonest = DATE_NONE;
	for (size_t i = 0; i < needs->n && n < open; i++) {
		item *it = needs->v[i];
		if (item_shown_status(it) != STATUS_OPEN)
			continue;
		if (it->deadline != DATE_NONE && (soonest == DATE_NONE || it->deadline < soonest))
			soonest = it->deadline;
		if (v)
			v[n] = it;
		n++;
	}
	const char *nearest = NULL;
	if (soonest != DATE_NONE) {
		long long left = (long long)(soonest - vc->s->today);
		nearest = left == 0 ? "最近的今天截止" : arena_printf(a, "最近的还剩 %lld 天截止", left);
	}
	view_put(a, m, "nearest_deadline", nearest);
	if (!rows || !n) {
		view_set(a, m, "open_needs", NULL);
		return;
	}
	index_sort_by_deadline(v, n);
	size_t shown = n < max_rows ? n : max_rows;
	value *o = view_rec(a, 6);
	view_put_bool(a, o, "is_supply", false);
	view_set(a, o, "items", view_item_rows(vc, a, v, shown));
	view_put_int(a, o, "shown", (long long)shown);
	view_put_bool(a, o, "more", shown < n);
	view_set(a, m, "open_needs", o);
}

void view_put_print(const view_ctx *vc, arena *a, value *root)
{
	value *p = value_get(root, "page");
	value *canon = value_get(p, "canonical");
	buf text = BUF_INIT, css = BUF_INIT;
	buf_put(&text, canon->s, canon->len);
	buf_puts(&text, " · ");
	view_date_zh(vc->s->today, &text);
	buf_puts(&text, "生成");
	buf_puts(&css, "@page{@bottom-left{content:\"");
	esc_css_string(&css, text.ptr, text.len);
	buf_puts(&css, "\"}}");
	view_put(a, p, "print_css", arena_strndup(a, css.ptr, css.len));
	buf_free(&text);
	buf_free(&css);
}

value *view_strs_or_null(arena *a, strs s)
{
	return s.n ? view_strs(a, s) : NULL;
}

void view_put_filters(const view_ctx *vc, arena *a, value *root, const page_job *job)
{
	const filter_file *f = fdata_of(vc->filters, job->kind, job->rec);
	if (!f || !f->nitems || !vc->filters_js) {
		view_set(a, root, "filters", NULL);
		return;
	}
	value *m = value_map(a, 4);
	view_put(a, m, "data", f->url);
	view_put_int(a, m, "count", (long long)f->nitems);
	view_put(a, m, "script", vc->filters_js);
	view_set(a, root, "filters", m);
}
