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

/* A row of the printed table: its place in the index (n), the item's
 * list and number there, who or where, category, money, deadline, status.
 * Only what the table shows: some 500 of them on one page, 50,000 on a
 * 10,000-need site's print pages, so every value but n is the one the
 * item's shared row holds (view_item_field), not a copy. */
static const struct {
	const char *name;
	row_text f; /* R_COUNT: the item's number in its list */
} print_fields[] = {
	{ "no", R_COUNT },	    { "title", R_TITLE },	{ "url", R_URL },
	{ "list_title", R_LIST_TITLE }, { "at", R_AT },		{ "category", R_CATEGORY },
	{ "num", R_NUM },	    { "deadline", R_DEADLINE }, { "status", R_STATUS },
};
#define PRINT_FIELDS (sizeof print_fields / sizeof *print_fields)

static value *print_row(const view_ctx *vc, arena *a, value *const *keys, const item *it, size_t n)
{
	value *vals[PRINT_FIELDS + 1];
	vals[0] = value_int(a, (long long)n);
	for (size_t i = 0; i < PRINT_FIELDS; i++)
		vals[i + 1] = view_item_field(vc, it, print_fields[i].f);
	return value_seal(value_map_of(a, PRINT_FIELDS + 1, keys, vals));
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
	value *keys[PRINT_FIELDS + 1];
	keys[0] = value_name(a, "n");
	for (size_t i = 0; i < PRINT_FIELDS; i++)
		keys[i + 1] = value_name(a, print_fields[i].name);
	value *rows = value_list(a, set->n);
	for (size_t i = 0; i < set->n; i++)
		value_push(a, rows, print_row(vc, a, keys, set->v[i], i + 1));
	view_put_list(a, root, "rows", rows);
	view_put_print(vc, a, root);
	return root;
}
