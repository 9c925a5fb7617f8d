/* index: one-pass groupings of a loaded site (see index.h). Each grouping
 * is filled in two passes over the records — count, then fill exact-size
 * arrays — so no array grows and nothing is quadratic. */
#include "index.h"

#include <stdlib.h>
#include <string.h>

static int cmp_list(const void *pa, const void *pb)
{
	const list *a = *(list *const *)pa, *b = *(list *const *)pb;
	if (a->published != b->published)
		return a->published > b->published ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int cmp_event(const void *pa, const void *pb)
{
	const event *a = *(event *const *)pa, *b = *(event *const *)pb;
	if (a->date != b->date)
		return a->date > b->date ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int cmp_case(const void *pa, const void *pb)
{
	const case_study *a = *(case_study *const *)pa, *b = *(case_study *const *)pb;
	if (a->date != b->date)
		return a->date > b->date ? -1 : 1; /* undated (DATE_NONE) last */
	return strcmp(a->id, b->id);
}

static int cmp_item_no(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	return a->no < b->no ? -1 : a->no > b->no;
}

/* Two-pass grouping: GROUP_COUNT for every member, then GROUP_ALLOC,
 * then GROUP_ADD for every member in order. */
#define GROUP_COUNT(sets, i) ((sets)[i].n++)
#define GROUP_ALLOC(a, sets, count)                                                      \
	for (size_t g_ = 0; g_ < (count); g_++) {                                        \
		(sets)[g_].v = arena_array((a), (sets)[g_].n ? (sets)[g_].n : 1, sizeof *(sets)[g_].v); \
		(sets)[g_].n = 0;                                                        \
	}
#define GROUP_ADD(sets, i, x) ((sets)[i].v[(sets)[i].n++] = (x))

#define NEW_SETS(a, T, count) ((T *)arena_array((a), (count) ? (count) : 1, sizeof(T)))

static void sort_records(site_index *ix, const site *s, arena *a)
{
	ix->lists.v = arena_memdup(a, s->lists, s->nlists * sizeof *s->lists);
	ix->lists.n = s->nlists;
	if (ix->lists.n)
		qsort(ix->lists.v, ix->lists.n, sizeof *ix->lists.v, cmp_list);
	ix->events.v = arena_memdup(a, s->events, s->nevents * sizeof *s->events);
	ix->events.n = s->nevents;
	if (ix->events.n)
		qsort(ix->events.v, ix->events.n, sizeof *ix->events.v, cmp_event);
	ix->cases.v = arena_memdup(a, s->cases, s->ncases * sizeof *s->cases);
	ix->cases.n = s->ncases;
	if (ix->cases.n)
		qsort(ix->cases.v, ix->cases.n, sizeof *ix->cases.v, cmp_case);
	ix->items.v = arena_array(a, s->nitems ? s->nitems : 1, sizeof *ix->items.v);
	for (size_t i = 0; i < ix->lists.n; i++) {
		list *l = ix->lists.v[i];
		item **start = ix->items.v + ix->items.n;
		for (size_t k = 0; k < l->nitems; k++)
			ix->items.v[ix->items.n++] = l->items[k];
		if (l->nitems > 1)
			qsort(start, l->nitems, sizeof *start, cmp_item_no);
	}
}

/* Open needs soonest deadline first, those without one last; ties in
 * site order (the order they were put in). */
typedef struct by_deadline {
	item *it;
	size_t at;
} by_deadline;

static int cmp_deadline(const void *pa, const void *pb)
{
	const by_deadline *a = pa, *b = pb;
	qdate da = a->it->deadline, db = b->it->deadline;
	bool na = da == DATE_NONE, nb = db == DATE_NONE;
	if (na != nb)
		return na ? 1 : -1;
	if (da != db)
		return da < db ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

void index_sort_by_deadline(item **v, size_t n)
{
	if (n < 2)
		return;
	by_deadline *t = malloc(n * sizeof *t);
	for (size_t i = 0; i < n; i++)
		t[i] = (by_deadline){ v[i], i };
	qsort(t, n, sizeof *t, cmp_deadline);
	for (size_t i = 0; i < n; i++)
		v[i] = t[i].it;
	free(t);
}

static void index_items(site_index *ix, const site *s, arena *a)
{
	size_t nd = s->ndistricts, ns = s->nstreets, nc = s->ncommunities, ncat = s->ncategories;
	ix->district_needs = NEW_SETS(a, itemset, nd);
	ix->district_open = arena_array(a, nd ? nd : 1, sizeof *ix->district_open);
	ix->street_open = arena_array(a, ns ? ns : 1, sizeof *ix->street_open);
	ix->community_open = arena_array(a, nc ? nc : 1, sizeof *ix->community_open);
	ix->street_needs = NEW_SETS(a, itemset, ns);
	ix->community_needs = NEW_SETS(a, itemset, nc);
	ix->street_pain = NEW_SETS(a, itemset, ns);
	ix->community_pain = NEW_SETS(a, itemset, nc);
	ix->category_items = NEW_SETS(a, itemset, ncat);
	ix->org_claimed = NEW_SETS(a, itemset, s->norgs);
	ix->org_offers = NEW_SETS(a, itemset, s->norgs);
	ix->street_claimed = NEW_SETS(a, itemset, ns);
	ix->community_claimed = NEW_SETS(a, itemset, nc);
	itemset *kinds[3] = { &ix->needs, &ix->supply, &ix->pain };
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			GROUP_ALLOC(a, ix->district_needs, nd);
			GROUP_ALLOC(a, ix->street_needs, ns);
			GROUP_ALLOC(a, ix->community_needs, nc);
			GROUP_ALLOC(a, ix->street_pain, ns);
			GROUP_ALLOC(a, ix->community_pain, nc);
			GROUP_ALLOC(a, ix->category_items, ncat);
			GROUP_ALLOC(a, ix->org_claimed, s->norgs);
			GROUP_ALLOC(a, ix->org_offers, s->norgs);
			GROUP_ALLOC(a, ix->street_claimed, ns);
			GROUP_ALLOC(a, ix->community_claimed, nc);
			GROUP_ALLOC(a, ix->status, STATUS_SHOWN_COUNT);
			for (int k = 0; k < 3; k++)
				GROUP_ALLOC(a, kinds[k], 1);
			GROUP_ALLOC(a, (&ix->open_needs), 1);
		}
		for (size_t i = 0; i < ix->items.n; i++) {
			item *it = ix->items.v[i];
			list_kind k = it->list->kind;
			int st = item_shown_status(it);
#define PUT(sets, idx) (pass ? (void)GROUP_ADD(sets, idx, it) : (void)GROUP_COUNT(sets, idx))
			PUT(kinds[k], 0);
			if (it->category) {
				PUT(ix->category_items, it->category->index);
				if (it->category->group)
					PUT(ix->category_items, it->category->group->index);
			}
			if (k == LIST_NEEDS) {
				PUT(ix->status, st);
				if (!pass)
					ix->status_needs[st]++;
				if (st == STATUS_OPEN) {
					PUT((&ix->open_needs), 0);
					if (!pass) {
						if (it->district)
							ix->district_open[it->district->idx]++;
						if (it->street)
							ix->street_open[it->street->idx]++;
						if (it->community)
							ix->community_open[it->community->idx]++;
					}
				}
				if (it->district)
					PUT(ix->district_needs, it->district->idx);
				if (it->street)
					PUT(ix->street_needs, it->street->idx);
				if (it->community)
					PUT(ix->community_needs, it->community->idx);
			} else if (k == LIST_PAIN_POINTS) {
				if (it->street)
					PUT(ix->street_pain, it->street->idx);
				if (it->community)
					PUT(ix->community_pain, it->community->idx);
			} else if (it->org) {
				PUT(ix->org_offers, it->org->idx);
			}
			for (size_t c = 0; c < it->nclaims; c++) {
				const claimant *cl = &it->claims[c];
				if (cl->kind == CLAIMANT_ORG)
					PUT(ix->org_claimed, cl->org->idx);
				else if (cl->kind == CLAIMANT_STREET)
					PUT(ix->street_claimed, cl->street->idx);
				else
					PUT(ix->community_claimed, cl->community->idx);
			}
		}
		/* offers after the needs on the status indexes */
		for (size_t i = 0; i < ix->items.n; i++) {
			item *it = ix->items.v[i];
			if (it->list->kind == LIST_SUPPLY)
				PUT(ix->status, item_shown_status(it));
		}
#undef PUT
	}
	/* what is still open reads soonest deadline first (the needs of the
	 * open status page too; its offers follow in site order) */
	index_sort_by_deadline(ix->open_needs.v, ix->open_needs.n);
	index_sort_by_deadline(ix->status[STATUS_OPEN].v, ix->status_needs[STATUS_OPEN]);
	for (size_t i = 0; i < ix->open_needs.n; i++)
		if (ix->open_needs.v[i]->budget.set)
			ix->open_budget += ix->open_needs.v[i]->budget.v;
	for (size_t i = 0; i < s->nlists; i++)
		if (s->lists[i]->kind == LIST_NEEDS)
			ix->total_budget += s->lists[i]->total_budget;
}

static void index_places(site_index *ix, const site *s, arena *a)
{
	size_t nd = s->ndistricts, ns = s->nstreets, nc = s->ncommunities;
	ix->district_lists = NEW_SETS(a, listset, nd);
	ix->street_lists = NEW_SETS(a, listset, ns);
	ix->district_events = NEW_SETS(a, eventset, nd);
	ix->street_events = NEW_SETS(a, eventset, ns);
	ix->district_cases = NEW_SETS(a, caseset, nd);
	ix->street_cases = NEW_SETS(a, caseset, ns);
	ix->community_cases = NEW_SETS(a, caseset, nc);
	ix->org_cases = NEW_SETS(a, caseset, s->norgs);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			GROUP_ALLOC(a, ix->district_lists, nd);
			GROUP_ALLOC(a, ix->street_lists, ns);
			GROUP_ALLOC(a, ix->district_events, nd);
			GROUP_ALLOC(a, ix->street_events, ns);
			GROUP_ALLOC(a, ix->district_cases, nd);
			GROUP_ALLOC(a, ix->street_cases, ns);
			GROUP_ALLOC(a, ix->community_cases, nc);
			GROUP_ALLOC(a, ix->org_cases, s->norgs);
		}
#define PUT(sets, idx, x) (pass ? (void)GROUP_ADD(sets, idx, x) : (void)GROUP_COUNT(sets, idx))
		for (size_t i = 0; i < ix->lists.n; i++) {
			list *l = ix->lists.v[i];
			if (l->district)
				PUT(ix->district_lists, l->district->idx, l);
			if (l->street)
				PUT(ix->street_lists, l->street->idx, l);
		}
		for (size_t i = 0; i < ix->events.n; i++) {
			event *e = ix->events.v[i];
			if (e->district)
				PUT(ix->district_events, e->district->idx, e);
			if (e->street)
				PUT(ix->street_events, e->street->idx, e);
		}
		for (size_t i = 0; i < ix->cases.n; i++) {
			case_study *c = ix->cases.v[i];
			if (c->district)
				PUT(ix->district_cases, c->district->idx, c);
			if (c->street)
				PUT(ix->street_cases, c->street->idx, c);
			if (c->community)
				PUT(ix->community_cases, c->community->idx, c);
			for (size_t k = 0; k < c->norgs; k++)
				PUT(ix->org_cases, c->orgs[k]->idx, c);
		}
#undef PUT
	}
}

static void index_rest(site_index *ix, const site *s, arena *a)
{
	ix->communities = arena_array(a, s->ncommunities ? s->ncommunities : 1, sizeof *ix->communities);
	for (size_t i = 0; i < s->nstreets; i++)
		for (size_t k = 0; k < s->streets[i]->ncommunities; k++) {
			community *cm = s->streets[i]->communities[k];
			ix->communities[cm->idx] = cm;
		}
	for (size_t i = 0; i < s->norgs; i++)
		ix->org_kinds[s->orgs[i]->kind].n++;
	GROUP_ALLOC(a, ix->org_kinds, ORG_KIND_COUNT);
	for (size_t i = 0; i < s->norgs; i++)
		GROUP_ADD(ix->org_kinds, s->orgs[i]->kind, s->orgs[i]);
	size_t ncat = s->ncategories;
	ix->category_children = arena_array(a, ncat ? ncat : 1, sizeof *ix->category_children);
	ix->category_nchildren = arena_array(a, ncat ? ncat : 1, sizeof *ix->category_nchildren);
	for (size_t i = 0; i < ncat; i++)
		if (s->categories[i]->group)
			ix->category_nchildren[s->categories[i]->group->index]++;
	for (size_t i = 0; i < ncat; i++) {
		ix->category_children[i] = arena_array(a, ix->category_nchildren[i] + 1,
						       sizeof **ix->category_children);
		ix->category_nchildren[i] = 0;
	}
	for (size_t i = 0; i < ncat; i++) {
		category *g = s->categories[i]->group;
		if (g)
			ix->category_children[g->index][ix->category_nchildren[g->index]++] = s->categories[i];
	}
}

site_index *index_build(const site *s)
{
	arena *a = s->a;
	site_index *ix = arena_alloc(a, sizeof *ix);
	sort_records(ix, s, a);
	index_items(ix, s, a);
	index_places(ix, s, a);
	index_rest(ix, s, a);
	return ix;
}
