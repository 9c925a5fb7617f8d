/* view_match: matching (match.h) as pages show it: the organisations and
 * offers that fit a need or pain point, the needs that fit an
 * organisation or offer, each with its reason in words, and the page of
 * one district's needs of one category with everything that fits them
 * (docs/templates.md, "Matching"). */
#include "view_match.h"

#include "view_parts.h"

/* ---- the reason, in words ---- */

static void reason_category(buf *b, uint8_t cat, const category *c)
{
	if (cat == MATCH_CAT_SAME) {
		buf_puts(b, "服务领域相同：");
		buf_puts(b, c->name);
	} else {
		buf_puts(b, "服务领域相近：同属");
		buf_puts(b, match_group(c)->name);
	}
}

/* Where the supplier serving `v` works, as it bears on a need in d/st. */
static void reason_area(buf *b, uint8_t rank, const area *v, size_t n, const district *d, const street *st)
{
	buf_puts(b, " · 服务范围：");
	switch (rank) {
	case MATCH_AREA_STREET: buf_puts(b, st->name); break;
	case MATCH_AREA_DISTRICT: buf_puts(b, d->name); break;
	case MATCH_AREA_PART: {
		buf_puts(b, d->name);
		const char *sep = "的";
		for (size_t i = 0; i < n; i++)
			if (v[i].street && v[i].street->district == d) {
				buf_puts(b, sep);
				buf_puts(b, v[i].street->name);
				sep = "、";
			}
		break;
	}
	default: buf_puts(b, "不限"); break;
	}
}

static void reason_org(buf *b, const org *o, uint32_t completed)
{
	if (o && o->npool) {
		buf_puts(b, " · ");
		for (size_t i = 0; i < o->npool; i++) {
			if (i)
				buf_puts(b, "、");
			buf_puti(b, o->pool[i]);
		}
		buf_puts(b, "年资源库成员");
	}
	if (completed) {
		buf_puts(b, " · 曾完成同类项目");
		buf_puti(b, completed);
		buf_puts(b, "个");
	}
}

/* The reason, in `a`; `b` is scratch. */
static const char *supplier_reason(arena *a, buf *b, const match_supplier *x, const category *c, const district *d,
				   const street *st)
{
	size_t n;
	const area *v = match_areas(x, &n);
	buf_reset(b);
	reason_category(b, x->cat, c);
	reason_area(b, x->area, v, n, d, st);
	reason_org(b, x->org, x->completed);
	return arena_strndup(a, b->ptr, b->len);
}

/* An organisation or an offer that fits, as a row: title, url, for an
 * offer its organisation and price, and the reason. */
static value *supplier_row(const view_ctx *vc, arena *a, buf *b, const match_supplier *x, const category *c,
			   const district *d, const street *st)
{
	value *m;
	if (x->offer) {
		const item_view *iv = vc->item[x->offer->idx];
		m = view_link(a, iv->text[R_TITLE].s, iv->text[R_URL].s);
		view_put(a, m, "org", x->org ? x->org->name : NULL);
		view_put(a, m, "org_url", x->org ? vc->org_url[x->org->idx] : NULL);
		view_put(a, m, "price", iv->text[R_PRICE].s);
		view_put(a, m, "kind", NULL);
	} else {
		m = view_link(a, x->org->name, vc->org_url[x->org->idx]);
		view_put(a, m, "org", NULL);
		view_put(a, m, "org_url", NULL);
		view_put(a, m, "price", NULL);
		view_put(a, m, "kind", org_kind_label(x->org->kind));
	}
	view_put(a, m, "reason", supplier_reason(a, b, x, c, d, st));
	return m;
}

static value *supplier_rows(const view_ctx *vc, arena *a, const match_supplier *v, size_t n, const category *c,
			    const district *d, const street *st)
{
	value *l = value_list(a, n);
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		value_push(a, l, supplier_row(vc, a, &b, &v[i], c, d, st));
	buf_free(&b);
	return l;
}

static const char *cell_title(arena *a, const match_cell *cell)
{
	return arena_printf(a, "%s · %s", cell->district->name, cell->category->name);
}

/* ---- on a need's or pain point's page ---- */

void view_put_matches(const view_ctx *vc, arena *a, value *m, const item *it)
{
	const match_top *t = vc->ix->match->item_top[it->idx];
	if (!t || (!t->norgs && !t->noffers)) {
		view_set(a, m, "matches", NULL);
		return;
	}
	const match_cell *cell = t->cell;
	value *r = view_rec(a, 8);
	view_put_list(a, r, "orgs", supplier_rows(vc, a, t->orgs, t->norgs, it->category, it->district, it->street));
	/* a pain point is a problem, not a project: organisations only */
	bool offers = it->list->kind != LIST_PAIN_POINTS;
	view_put_list(a, r, "offers",
		      offers ? supplier_rows(vc, a, t->offers, t->noffers, it->category, it->district, it->street) : NULL);
	view_put(a, r, "all_url", vc->cell_url[cell->idx]);
	view_put(a, r, "all_title", cell_title(a, cell));
	view_put_int(a, r, "all_orgs", (long long)cell->norgs);
	view_put_int(a, r, "all_offers", offers ? (long long)cell->noffers : 0);
	view_put_bool(a, r, "has_all_offers", offers && cell->noffers);
	view_set(a, m, "matches", r);
}

/* ---- on an organisation's or offer's page ---- */

void view_put_fits(const view_ctx *vc, arena *a, value *m, const match_fits *f, const area *areas, size_t nareas)
{
	if (!f || !f->total) {
		view_set(a, m, "fits", NULL);
		return;
	}
	value *r = view_rec(a, 4);
	value *needs = value_list(a, f->ntop);
	for (size_t i = 0; i < f->ntop; i++) {
		const match_need *x = &f->top[i];
		value *e = view_rec(a, 2);
		view_set(a, e, "need", view_item_row(vc, a, x->need));
		buf b = BUF_INIT;
		reason_category(&b, x->cat, x->need->category);
		reason_area(&b, x->area, areas, nareas, x->need->district, x->need->street);
		view_put(a, e, "reason", arena_strndup(a, b.ptr, b.len));
		buf_free(&b);
		value_push(a, needs, e);
	}
	view_put_list(a, r, "needs", needs);
	view_put_int(a, r, "total", (long long)f->total);
	value *cells = value_list(a, f->ncells);
	for (size_t i = 0; i < f->ncells; i++) {
		const match_cell *cell = f->cells[i].cell;
		value *e = view_link(a, cell_title(a, cell), vc->cell_url[cell->idx]);
		view_put_int(a, e, "count", (long long)f->cells[i].needs);
		value_push(a, cells, e);
	}
	view_put_list(a, r, "cells", cells);
	view_set(a, m, "fits", r);
}

/* ---- on a district's page ---- */

void view_put_cells(const view_ctx *vc, arena *a, value *m, const district *d)
{
	const match_index *mx = vc->ix->match;
	size_t from = mx->district_cells[d->idx], to = mx->district_cells[d->idx + 1];
	value *l = value_list(a, to - from);
	for (size_t i = from; i < to; i++) {
		const match_cell *cell = &mx->cells[i];
		value *e = view_link(a, cell->category->name, vc->cell_url[i]);
		/* pain points alone make a cell too: it may have no open need */
		view_put_int(a, e, "needs", (long long)cell->needs.n);
		view_put_int(a, e, "pain", (long long)cell->pain.n);
		view_put_bool(a, e, "has_pain", cell->pain.n > 0);
		view_put_int(a, e, "orgs", (long long)cell->norgs);
		view_put_int(a, e, "offers", (long long)cell->noffers);
		value_push(a, l, e);
	}
	view_put_list(a, m, "matches", l);
}

/* ---- the page of one cell ---- */

value *view_match(const view_ctx *vc, arena *a, const page_job *job)
{
	const match_cell *cell = job->rec;
	value *crumbs = view_crumbs(a);
	view_place_crumbs(vc, a, crumbs, cell->district, NULL, NULL);
	const char *title = arena_printf(a, "%s · %s：需求与可承接的组织", cell->district->name, cell->category->name);
	value *root = view_root(vc, a, job, title,
				arena_printf(a, "%s%s类的待认领需求，以及服务领域和服务范围与之相符的组织和服务供给",
					     cell->district->name, cell->category->name),
				crumbs);
	value *m = view_rec(a, 12);
	view_put(a, m, "district", cell->district->name);
	view_put(a, m, "district_url", vc->district_url[cell->district->idx]);
	view_put(a, m, "category", cell->category->name);
	view_put(a, m, "category_url", vc->category_url[cell->category->index]);
	view_put_int(a, m, "need_count", (long long)cell->needs.n);
	view_put_list(a, m, "items", view_item_rows(vc, a, cell->needs.v, cell->needs.n));
	view_put_list(a, m, "pain_points", view_item_rows(vc, a, cell->pain.v, cell->pain.n));
	view_put_int(a, m, "org_count", (long long)cell->norgs);
	view_put_list(a, m, "orgs", supplier_rows(vc, a, cell->orgs, cell->norgs, cell->category, cell->district, NULL));
	view_put_int(a, m, "offer_count", (long long)cell->noffers);
	view_put_list(a, m, "offers",
		      supplier_rows(vc, a, cell->offers, cell->noffers, cell->category, cell->district, NULL));
	view_put_bool(a, root, "is_supply", false);
	view_put_bool(a, root, "is_list_page", false);
	view_set(a, root, "match", m);
	return root;
}
