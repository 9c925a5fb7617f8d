/* view_print: a paginated index on one page (view_print.h). */
#include "view_print.h"

#include "pages.h"
#include "view_index.h"
#include "view_parts.h"

/* What the index is of, in words ("白莲池街道的需求"), and where its
 * breadcrumbs start. */
static const char *index_name(const view_ctx *vc, arena *a, const page_job *job, value *crumbs)
{
	switch (job->of) {
	case PG_DISTRICT: {
		const district *d = job->rec;
		view_crumb(a, crumbs, "区县与街道", vc->index_url[PG_DISTRICTS]);
		return arena_printf(a, "%s的需求", d->name);
	}
	case PG_STREET: {
		const street *st = job->rec;
		view_place_crumbs(vc, a, crumbs, st->district, NULL, NULL);
		return arena_printf(a, "%s的需求", st->name);
	}
	case PG_COMMUNITY: {
		const community *cm = job->rec;
		view_place_crumbs(vc, a, crumbs, NULL, cm->street, NULL);
		return arena_printf(a, "%s的需求", cm->name);
	}
	case PG_CATEGORY: {
		const category *c = job->rec;
		view_crumb(a, crumbs, "类别", vc->index_url[PG_CATEGORIES]);
		return arena_printf(a, "类别：%s", c->name);
	}
	case PG_STATUS:
		view_crumb(a, crumbs, "按状态", vc->index_url[PG_STATUSES]);
		/* fall through */
	default:
		return view_items_title(a, job->of, job->rec);
	}
}

static void put_text(arena *a, value *m, const char *k, vtext t)
{
	view_set(a, m, k, t.s ? value_str(a, t.s, t.n) : NULL);
}

/* A row of the printed table: its place in the index (n), the item's
 * list and number there, who or where, category, money, deadline, status.
 * Only what the table shows: some 500 of them on one page. */
static value *print_row(const view_ctx *vc, arena *a, const item *it, size_t n)
{
	const item_view *v = vc->item[it->idx];
	value *m = view_rec(a, 11);
	view_put_int(a, m, "n", (long long)n);
	view_put_int(a, m, "no", v->no);
	put_text(a, m, "title", v->text[R_TITLE]);
	put_text(a, m, "url", v->text[R_URL]);
	put_text(a, m, "list_title", v->text[R_LIST_TITLE]);
	put_text(a, m, "at", v->text[R_AT]);
	put_text(a, m, "category", v->text[R_CATEGORY]);
	put_text(a, m, "num", v->text[R_NUM]);
	put_text(a, m, "deadline", v->text[R_DEADLINE]);
	put_text(a, m, "status", v->text[R_STATUS]);
	return m;
}

value *view_print(const view_ctx *vc, arena *a, const page_job *job)
{
	const itemset *set = page_kinds[job->of].items(vc->ix, job->rec);
	value *crumbs = view_crumbs(a);
	const char *name = index_name(vc, a, job, crumbs);
	page_job first = { .kind = job->of, .rec = job->rec, .pageno = 1 };
	const char *index_url = view_url(vc, &first, a);
	view_crumb(a, crumbs, name, index_url);
	const char *title = arena_printf(a, "%s（全部 %zu 项）", name, set->n);
	value *root = view_root(vc, a, job, title, arena_printf(a, "%s，一页列全，可打印", name), crumbs);
	view_put(a, root, "index_url", index_url);
	view_put_int(a, root, "count", (long long)set->n);
	value *rows = value_list(a, set->n);
	for (size_t i = 0; i < set->n; i++)
		value_push(a, rows, print_row(vc, a, set->v[i], i + 1));
	view_put_list(a, root, "rows", rows);
	view_put_print(vc, a, root);
	return root;
}
