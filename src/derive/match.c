/* match: needs meet organisations and offers (see match.h for the rules).
 *
 *   1. organisations and open offers by category;
 *   2. open needs and pain points into cells (district, category);
 *   3. each cell's candidates, from its category's group only, ranked;
 *   4. each street's best few, from its cell's ranked list;
 *   5. the other way: each organisation's and offer's cells, and the
 *      best few open needs over them. */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

typedef struct matcher {
	const site *s;
	const site_index *ix;
	arena *a;
	match_index *mx;
	size_t *order;            /* [nitems]: an item's position in site order */
	uint32_t *org_rank;       /* [norgs]: position in id order */
	uint32_t *offer_rank;     /* [nitems]: an open offer's position by its
				   * organisation's id, list id, number */
	itemset *org_done;        /* [norgs]: completed claims */
	orgset *orgs_by_cat;      /* [ncategories]: organisations serving it */
	itemset *offers_by_cat;   /* [ncategories]: open offers in it */
	size_t *seen;             /* [norgs]: stamp of the cell that took it */
	uint8_t *seen_cat;        /* [norgs]: its best category rank there */
} matcher;

/* ---- how well one side fits the other ---- */

/* The area rank of someone serving `v` for a need in district d and
 * street st (NULL: a need of the whole district, or a cell). */
static uint8_t area_rank(const area *v, size_t n, const district *d, const street *st)
{
	if (!n)
		return MATCH_AREA_ANY;
	uint8_t best = MATCH_AREA_NONE;
	for (size_t i = 0; i < n; i++) {
		if (v[i].street) {
			if (st && v[i].street == st)
				return MATCH_AREA_STREET;
			if (!st && v[i].street->district == d && best > MATCH_AREA_PART)
				best = MATCH_AREA_PART;
		} else if (v[i].district == d && best > MATCH_AREA_DISTRICT) {
			best = MATCH_AREA_DISTRICT;
		}
	}
	return best;
}

/* True when some of `v` are single streets of d: then needs of d fit
 * street by street, not all alike. */
static bool serves_streets_of(const area *v, size_t n, const district *d)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].street && v[i].street->district == d)
			return true;
	return false;
}

/* x counts as "in category c": c itself or, when c is a group, one of
 * its categories */
static bool in_category(const category *x, const category *c)
{
	return x && (x == c || x->group == c);
}

static uint32_t completed_in(const matcher *m, const org *o, const category *c)
{
	const itemset *done = &m->org_done[o->idx];
	uint32_t n = 0;
	for (size_t i = 0; i < done->n; i++)
		n += in_category(done->v[i]->category, c);
	return n;
}

static int cmp_supplier(const match_supplier *a, const match_supplier *b)
{
	if (a->cat != b->cat)
		return a->cat < b->cat ? -1 : 1;
	if (a->area != b->area)
		return a->area < b->area ? -1 : 1;
	bool pa = a->org && a->org->npool, pb = b->org && b->org->npool;
	if (pa != pb)
		return pa ? -1 : 1;
	if (a->completed != b->completed)
		return a->completed > b->completed ? -1 : 1;
	/* ids, compared once in rank_ties rather than in every sort */
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static int cmp_org_id(const void *pa, const void *pb)
{
	return strcmp((*(org *const *)pa)->id, (*(org *const *)pb)->id);
}

static int cmp_offer_id(const void *pa, const void *pb)
{
	const item *a = *(item *const *)pa, *b = *(item *const *)pb;
	int c = strcmp(a->org ? a->org->id : "", b->org ? b->org->id : "");
	if (c)
		return c;
	if ((c = strcmp(a->list->id, b->list->id)) != 0)
		return c;
	return a->no < b->no ? -1 : a->no > b->no;
}

/* The last tie-break of the ranking as numbers: organisations by id,
 * offers by their organisation's id, list id and number. */
static void rank_ties(matcher *m)
{
	const site *s = m->s;
	m->org_rank = xcalloc(s->norgs ? s->norgs : 1, sizeof *m->org_rank);
	m->offer_rank = xcalloc(s->nitems ? s->nitems : 1, sizeof *m->offer_rank);
	org **orgs = xmalloc((s->norgs ? s->norgs : 1) * sizeof *orgs);
	memcpy(orgs, s->orgs, s->norgs * sizeof *orgs);
	if (s->norgs > 1)
		qsort(orgs, s->norgs, sizeof *orgs, cmp_org_id);
	for (size_t i = 0; i < s->norgs; i++)
		m->org_rank[orgs[i]->idx] = (uint32_t)i;
	free(orgs);
	item **offers = xmalloc((m->ix->supply.n ? m->ix->supply.n : 1) * sizeof *offers);
	memcpy(offers, m->ix->supply.v, m->ix->supply.n * sizeof *offers);
	if (m->ix->supply.n > 1)
		qsort(offers, m->ix->supply.n, sizeof *offers, cmp_offer_id);
	for (size_t i = 0; i < m->ix->supply.n; i++)
		m->offer_rank[offers[i]->idx] = (uint32_t)i;
	free(offers);
}

static int qcmp_supplier(const void *a, const void *b)
{
	return cmp_supplier(a, b);
}

static int cmp_need(const matcher *m, const match_need *a, const match_need *b)
{
	if (a->cat != b->cat)
		return a->cat < b->cat ? -1 : 1;
	if (a->area != b->area)
		return a->area < b->area ? -1 : 1;
	size_t oa = m->order[a->need->idx], ob = m->order[b->need->idx];
	return oa < ob ? -1 : oa > ob;
}

/* Keep the best MATCH_TOP of what is offered, in order. */
static void top_supplier(match_supplier *v, uint8_t *n, const match_supplier *x)
{
	size_t i = *n;
	if (i == MATCH_TOP && cmp_supplier(x, &v[i - 1]) >= 0)
		return;
	if (i < MATCH_TOP)
		(*n)++;
	else
		i--;
	while (i > 0 && cmp_supplier(x, &v[i - 1]) < 0) {
		v[i] = v[i - 1];
		i--;
	}
	v[i] = *x;
}

static void top_need(const matcher *m, match_need *v, size_t *n, const match_need *x)
{
	size_t i = *n;
	if (i == MATCH_TOP && cmp_need(m, x, &v[i - 1]) >= 0)
		return;
	if (i < MATCH_TOP)
		(*n)++;
	else
		i--;
	while (i > 0 && cmp_need(m, x, &v[i - 1]) < 0) {
		v[i] = v[i - 1];
		i--;
	}
	v[i] = *x;
}

/* ---- 1. the supply side, by category ---- */

static bool is_open(const item *it)
{
	return item_shown_status(it) == STATUS_OPEN;
}

static void index_supply(matcher *m)
{
	const site *s = m->s;
	arena *a = m->a;
	size_t ncat = s->ncategories ? s->ncategories : 1, norgs = s->norgs ? s->norgs : 1;
	m->orgs_by_cat = arena_array(a, ncat, sizeof *m->orgs_by_cat);
	m->offers_by_cat = arena_array(a, ncat, sizeof *m->offers_by_cat);
	m->org_done = arena_array(a, norgs, sizeof *m->org_done);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t o = 0; o < s->norgs; o++) {
			const org *g = s->orgs[o];
			for (size_t k = 0; k < g->nservices; k++) {
				orgset *set = &m->orgs_by_cat[g->services[k]->index];
				if (pass)
					set->v[set->n] = (org *)g;
				set->n++;
			}
			const itemset *claimed = &m->ix->org_claimed[o];
			itemset *done = &m->org_done[o];
			for (size_t i = 0; i < claimed->n; i++)
				if (claimed->v[i]->status == STATUS_COMPLETED) {
					if (pass)
						done->v[done->n] = claimed->v[i];
					done->n++;
				}
		}
		for (size_t i = 0; i < m->ix->supply.n; i++) {
			item *it = m->ix->supply.v[i];
			if (!it->category || !is_open(it))
				continue;
			itemset *set = &m->offers_by_cat[it->category->index];
			if (pass)
				set->v[set->n] = it;
			set->n++;
		}
		if (pass)
			break;
		for (size_t c = 0; c < s->ncategories; c++) {
			m->orgs_by_cat[c].v = arena_array(a, m->orgs_by_cat[c].n + 1, sizeof(org *));
			m->offers_by_cat[c].v = arena_array(a, m->offers_by_cat[c].n + 1, sizeof(item *));
			m->orgs_by_cat[c].n = m->offers_by_cat[c].n = 0;
		}
		for (size_t o = 0; o < s->norgs; o++) {
			m->org_done[o].v = arena_array(a, m->org_done[o].n + 1, sizeof(item *));
			m->org_done[o].n = 0;
		}
	}
	/* a service named twice is one service */
	for (size_t c = 0; c < s->ncategories; c++) {
		orgset *set = &m->orgs_by_cat[c];
		size_t k = 0;
		for (size_t i = 0; i < set->n; i++)
			if (!k || set->v[k - 1] != set->v[i])
				set->v[k++] = set->v[i];
		set->n = k;
	}
}

/* ---- 2. cells: open needs and pain points by (district, category) ---- */

typedef struct placed {
	item *it;
	size_t district, category, order;
} placed;

static int cmp_placed(const void *pa, const void *pb)
{
	const placed *a = pa, *b = pb;
	if (a->district != b->district)
		return a->district < b->district ? -1 : 1;
	if (a->category != b->category)
		return a->category < b->category ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static bool matchable(const item *it)
{
	if (!it->category || !it->district)
		return false;
	if (it->list->kind == LIST_PAIN_POINTS)
		return true;
	return it->list->kind == LIST_NEEDS && is_open(it);
}

static void make_cells(matcher *m)
{
	const site *s = m->s;
	match_index *mx = m->mx;
	size_t n = 0;
	for (size_t i = 0; i < m->ix->items.n; i++)
		n += matchable(m->ix->items.v[i]);
	placed *p = xmalloc((n ? n : 1) * sizeof *p);
	n = 0;
	for (size_t i = 0; i < m->ix->items.n; i++) {
		item *it = m->ix->items.v[i];
		if (matchable(it))
			p[n++] = (placed){ it, it->district->idx, it->category->index, i };
	}
	if (n > 1)
		qsort(p, n, sizeof *p, cmp_placed);
	for (size_t i = 0; i < n; i++)
		mx->ncells += !i || p[i].district != p[i - 1].district || p[i].category != p[i - 1].category;
	mx->cells = arena_array(m->a, mx->ncells ? mx->ncells : 1, sizeof *mx->cells);
	mx->district_cells = arena_array(m->a, s->ndistricts + 1, sizeof *mx->district_cells);
	size_t c = 0;
	for (size_t i = 0; i < n;) {
		size_t k = i, npain = 0;
		while (k < n && p[k].district == p[i].district && p[k].category == p[i].category)
			npain += p[k++].it->list->kind == LIST_PAIN_POINTS;
		match_cell *cell = &mx->cells[c];
		cell->idx = c;
		cell->district = p[i].it->district;
		cell->category = p[i].it->category;
		cell->needs.v = arena_array(m->a, k - i - npain + 1, sizeof(item *));
		cell->pain.v = arena_array(m->a, npain + 1, sizeof(item *));
		for (size_t j = i; j < k; j++) {
			itemset *set = p[j].it->list->kind == LIST_PAIN_POINTS ? &cell->pain : &cell->needs;
			set->v[set->n++] = p[j].it;
		}
		mx->district_cells[cell->district->idx + 1] = ++c;
		i = k;
	}
	/* districts without cells start where the previous one ended */
	for (size_t d = 1; d <= s->ndistricts; d++)
		if (mx->district_cells[d] < mx->district_cells[d - 1])
			mx->district_cells[d] = mx->district_cells[d - 1];
	free(p);
}

/* ---- 3. each cell's candidates, ranked ---- */

static void fill_cell(matcher *m, match_cell *cell)
{
	const category *c = cell->category, *g = match_group(c);
	const district *d = cell->district;
	/* the group and its categories: where any candidate can come from */
	size_t nkids = m->ix->category_nchildren[g->index];
	category *const *kids = m->ix->category_children[g->index];
	size_t norgs = 0, noffers = 0;
	for (size_t k = 0; k <= nkids; k++) {
		const category *x = k ? kids[k - 1] : g;
		norgs += m->orgs_by_cat[x->index].n;
		noffers += m->offers_by_cat[x->index].n;
	}
	cell->orgs = arena_array(m->a, norgs + 1, sizeof *cell->orgs);
	cell->offers = arena_array(m->a, noffers + 1, sizeof *cell->offers);
	size_t stamp = cell->idx + 1;
	for (size_t k = 0; k <= nkids; k++) {
		const category *x = k ? kids[k - 1] : g;
		uint8_t cat = x == c ? MATCH_CAT_SAME : MATCH_CAT_GROUP;
		const orgset *os = &m->orgs_by_cat[x->index];
		for (size_t i = 0; i < os->n; i++) {
			const org *o = os->v[i];
			if (m->seen[o->idx] == stamp) {
				if (cat < m->seen_cat[o->idx])
					m->seen_cat[o->idx] = cat;
				continue;
			}
			m->seen[o->idx] = stamp;
			m->seen_cat[o->idx] = cat;
			uint8_t ar = area_rank(o->areas, o->nareas, d, NULL);
			if (ar != MATCH_AREA_NONE)
				cell->orgs[cell->norgs++] = (match_supplier){ o, NULL, cat, ar, 0, m->org_rank[o->idx] };
		}
		const itemset *fs = &m->offers_by_cat[x->index];
		for (size_t i = 0; i < fs->n; i++) {
			const item *it = fs->v[i];
			uint8_t ar = area_rank(it->areas, it->nareas, d, NULL);
			if (ar != MATCH_AREA_NONE)
				cell->offers[cell->noffers++] = (match_supplier){ it->org, it, cat, ar, 0, m->offer_rank[it->idx] };
		}
	}
	for (size_t i = 0; i < cell->norgs; i++) {
		match_supplier *x = &cell->orgs[i];
		x->cat = m->seen_cat[x->org->idx];
		x->completed = completed_in(m, x->org, c);
	}
	for (size_t i = 0; i < cell->noffers; i++) {
		match_supplier *x = &cell->offers[i];
		x->completed = x->org ? completed_in(m, x->org, c) : 0;
	}
	if (cell->norgs > 1)
		qsort(cell->orgs, cell->norgs, sizeof *cell->orgs, qcmp_supplier);
	if (cell->noffers > 1)
		qsort(cell->offers, cell->noffers, sizeof *cell->offers, qcmp_supplier);
}

/* ---- 4. each street's best few, for all its needs of the cell ---- */

/* A supplier that serves single streets of the cell's district, once for
 * each such street: its rank differs from street to street. */
typedef struct street_supplier {
	size_t street;
	const match_supplier *x;
} street_supplier;

static int cmp_street_supplier(const void *pa, const void *pb)
{
	const street_supplier *a = pa, *b = pb;
	return a->street < b->street ? -1 : a->street > b->street;
}

/* Those of v, sorted by street (malloc'd; *n set). */
static street_supplier *by_street(const match_supplier *v, size_t nv, const district *d, size_t *n)
{
	size_t cap = 0;
	for (size_t i = 0; i < nv; i++) {
		size_t na;
		(void)match_areas(&v[i], &na);
		cap += na;
	}
	street_supplier *out = malloc((cap ? cap : 1) * sizeof *out);
	*n = 0;
	for (size_t i = 0; i < nv; i++) {
		size_t na, first = *n;
		const area *ar = match_areas(&v[i], &na);
		for (size_t k = 0; k < na; k++) {
			if (!ar[k].street || ar[k].street->district != d)
				continue;
			bool again = false; /* a street named twice */
			for (size_t j = first; j < *n && !again; j++)
				again = out[j].street == ar[k].street->idx;
			if (!again)
				out[(*n)++] = (street_supplier){ ar[k].street->idx, &v[i] };
		}
	}
	if (*n > 1)
		qsort(out, *n, sizeof *out, cmp_street_supplier);
	return out;
}

/* The best MATCH_TOP of a cell's list v for a need in street st (NULL: a
 * need of the whole district, for which the cell's order is the order).
 * Suppliers that serve no single street of the district rank the same in
 * every street, in the cell's order: the first few of them are enough;
 * those that serve st itself come from `streets` (by_street). */
static void best_of(const match_supplier *v, size_t n, const district *d, const street *st,
		    const street_supplier *streets, size_t nstreets, match_supplier *top, uint8_t *ntop)
{
	size_t taken = 0;
	for (size_t i = 0; i < n && taken < MATCH_TOP; i++) {
		match_supplier x = v[i];
		if (st) {
			size_t na;
			const area *ar = match_areas(&x, &na);
			if (serves_streets_of(ar, na, d)) {
				x.area = area_rank(ar, na, d, st);
				if (x.area == MATCH_AREA_NONE || x.area == MATCH_AREA_STREET)
					continue; /* does not fit; or comes from `streets` */
			}
		}
		top_supplier(top, ntop, &x);
		taken++;
	}
	if (!st)
		return;
	/* the first entry of st, then all of them */
	size_t lo = 0, hi = nstreets;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (streets[mid].street < st->idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < nstreets && streets[i].street == st->idx; i++) {
		match_supplier x = *streets[i].x;
		x.area = MATCH_AREA_STREET;
		top_supplier(top, ntop, &x);
	}
}

static void fill_tops(matcher *m, const match_cell *cell, const match_top **street_top, size_t *street_stamp)
{
	const match_top *whole = NULL;
	const district *d = cell->district;
	size_t nso, nsf;
	street_supplier *so = by_street(cell->orgs, cell->norgs, d, &nso);
	street_supplier *sf = by_street(cell->offers, cell->noffers, d, &nsf);
	const itemset *sets[2] = { &cell->needs, &cell->pain };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < sets[k]->n; i++) {
			const item *it = sets[k]->v[i];
			const street *st = it->street;
			const match_top **slot = st ? &street_top[st->idx] : &whole;
			if (st && street_stamp[st->idx] != cell->idx + 1) {
				street_stamp[st->idx] = cell->idx + 1;
				*slot = NULL;
			}
			if (!*slot) {
				match_top *t = arena_alloc(m->a, sizeof *t);
				t->cell = cell;
				best_of(cell->orgs, cell->norgs, d, st, so, nso, t->orgs, &t->norgs);
				best_of(cell->offers, cell->noffers, d, st, sf, nsf, t->offers, &t->noffers);
				*slot = t;
			}
			m->mx->item_top[it->idx] = *slot;
		}
	free(so);
	free(sf);
}

/* ---- 5. the other way: open needs that fit an organisation or offer ---- */

static match_fits *fits_of(matcher *m, const match_supplier *x)
{
	return x->offer ? m->mx->offer_fits[x->offer->idx] : &m->mx->org_fits[x->org->idx];
}

/* Count each organisation's and offer's cells, then fill them. */
static void collect_cells(matcher *m)
{
	match_index *mx = m->mx;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t c = 0; c < mx->ncells; c++) {
			const match_cell *cell = &mx->cells[c];
			for (int side = 0; side < 2; side++) {
				const match_supplier *v = side ? cell->offers : cell->orgs;
				size_t n = side ? cell->noffers : cell->norgs;
				for (size_t i = 0; i < n; i++) {
					match_fits *f = fits_of(m, &v[i]);
					if (pass)
						f->cells[f->ncells] = (match_cellref){ cell, 0, v[i].cat };
					f->ncells++;
				}
			}
		}
		if (pass)
			break;
		for (size_t o = 0; o < m->s->norgs; o++) {
			match_fits *f = &mx->org_fits[o];
			f->cells = arena_array(m->a, f->ncells + 1, sizeof *f->cells);
			f->ncells = 0;
		}
		for (size_t i = 0; i < m->s->nitems; i++) {
			match_fits *f = mx->offer_fits[i];
			if (f) {
				f->cells = arena_array(m->a, f->ncells + 1, sizeof *f->cells);
				f->ncells = 0;
			}
		}
	}
}

/* One supplier's fit with the open needs of each of its cells. */
static void fill_fits(matcher *m, match_fits *f, const area *areas, size_t nareas)
{
	size_t keep = 0;
	for (size_t k = 0; k < f->ncells; k++) {
		match_cellref *ref = &f->cells[k];
		const match_cell *cell = ref->cell;
		const district *d = cell->district;
		bool by_street = serves_streets_of(areas, nareas, d);
		uint8_t alike = area_rank(areas, nareas, d, NULL);
		for (size_t i = 0; i < cell->needs.n; i++) {
			const item *need = cell->needs.v[i];
			uint8_t ar = by_street ? area_rank(areas, nareas, d, need->street) : alike;
			if (ar == MATCH_AREA_NONE)
				continue;
			ref->needs++;
			match_need x = { need, ref->cat, ar };
			top_need(m, f->top, &f->ntop, &x);
			/* needs of a cell come in site order: with one rank for
			 * all, the first few are all that can make the top */
			if (!by_street && ref->needs >= MATCH_TOP) {
				ref->needs = cell->needs.n;
				break;
			}
		}
		f->total += ref->needs;
		if (ref->needs)
			f->cells[keep++] = *ref;
	}
	f->ncells = keep;
}

static void match_back(matcher *m)
{
	match_index *mx = m->mx;
	for (size_t i = 0; i < m->ix->supply.n; i++) {
		const item *it = m->ix->supply.v[i];
		if (it->category && is_open(it))
			mx->offer_fits[it->idx] = arena_alloc(m->a, sizeof(match_fits));
	}
	collect_cells(m);
	for (size_t o = 0; o < m->s->norgs; o++) {
		const org *g = m->s->orgs[o];
		fill_fits(m, &mx->org_fits[o], g->areas, g->nareas);
	}
	for (size_t i = 0; i < m->ix->supply.n; i++) {
		const item *it = m->ix->supply.v[i];
		if (mx->offer_fits[it->idx])
			fill_fits(m, mx->offer_fits[it->idx], it->areas, it->nareas);
	}
}

match_index *match_build(const site *s, const site_index *ix)
{
	matcher m = { .s = s, .ix = ix, .a = s->a };
	match_index *mx = m.mx = arena_alloc(s->a, sizeof *mx);
	size_t nitems = s->nitems ? s->nitems : 1, norgs = s->norgs ? s->norgs : 1;
	mx->item_top = arena_array(s->a, nitems, sizeof *mx->item_top);
	mx->org_fits = arena_array(s->a, norgs, sizeof *mx->org_fits);
	mx->offer_fits = arena_array(s->a, nitems, sizeof *mx->offer_fits);
	m.order = xmalloc(nitems * sizeof *m.order);
	for (size_t i = 0; i < ix->items.n; i++)
		m.order[ix->items.v[i]->idx] = i;
	m.seen = xcalloc(norgs, sizeof *m.seen);
	m.seen_cat = xcalloc(norgs, 1);
	size_t nstreets = s->nstreets ? s->nstreets : 1;
	const match_top **street_top = xcalloc(nstreets, sizeof *street_top);
	size_t *street_stamp = xcalloc(nstreets, sizeof *street_stamp);

	rank_ties(&m);
	index_supply(&m);
	make_cells(&m);
	for (size_t c = 0; c < mx->ncells; c++) {
		fill_cell(&m, &mx->cells[c]);
		fill_tops(&m, &mx->cells[c], street_top, street_stamp);
	}
	match_back(&m);

	free(street_top);
	free(street_stamp);
	free(m.seen);
	free(m.seen_cat);
	free(m.order);
	free(m.org_rank);
	free(m.offer_rank);
	return mx;
}
