/* stats: the statistics of the site and of each district, street and
 * category (see stats.h), counted in one pass over the items and one over
 * the organisations. */
#include "stats.h"

/* The year of a date, or 0 for none. */
static int year_of(qdate d)
{
	if (d == DATE_NONE)
		return 0;
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return y;
}

static void widen(int y, int *lo, int *hi)
{
	if (!y)
		return;
	if (!*lo || y < *lo)
		*lo = y;
	if (!*hi || y > *hi)
		*hi = y;
}

static void scopes_init(arena *a, stats_scope *v, size_t n, size_t nyears)
{
	for (size_t i = 0; i < n; i++)
		v[i].years = arena_array(a, nyears ? nyears : 1, sizeof *v[i].years);
}

/* One need or offer into one scope; y is its year's index or -1. */
static void add_item(stats_scope *sc, const item *it, long y)
{
	int st = item_shown_status(it);
	stats_year *yr = y >= 0 ? &sc->years[y] : NULL;
	if (it->list->kind == LIST_SUPPLY) {
		sc->offers[st]++;
		sc->noffers++;
		if (yr)
			yr->offers++;
		return;
	}
	sc->needs[st]++;
	sc->nneeds++;
	if (yr)
		yr->needs++;
	if (!it->budget.set)
		return;
	sc->budget[st] += it->budget.v;
	sc->budget_items[st]++;
	sc->budget_total += it->budget.v;
	sc->budget_items_total++;
	if (yr) {
		yr->budget += it->budget.v;
		yr->budget_items++;
	}
}

/* One pool organisation into one scope: once, and once in each of its
 * pool years (a year given twice counts once). */
static void add_pool(stats_scope *sc, const org *o, int year0)
{
	sc->pool++;
	for (size_t i = 0; i < o->npool; i++) {
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen = seen || o->pool[k] == o->pool[i];
		if (!seen)
			sc->years[o->pool[i] - year0].pool++;
	}
}

site_stats *stats_build(const site *s)
{
	arena *a = s->a;
	site_stats *st = arena_alloc(a, sizeof *st);
	int lo = 0, hi = 0;
	for (size_t i = 0; i < s->nlists; i++)
		if (s->lists[i]->kind != LIST_PAIN_POINTS && s->lists[i]->nitems)
			widen(year_of(s->lists[i]->published), &lo, &hi);
	for (size_t i = 0; i < s->norgs; i++)
		for (size_t k = 0; k < s->orgs[i]->npool; k++)
			widen((int)s->orgs[i]->pool[k], &lo, &hi);
	st->year0 = lo;
	st->nyears = lo ? (size_t)(hi - lo + 1) : 0;
	st->district = arena_array(a, s->ndistricts ? s->ndistricts : 1, sizeof *st->district);
	st->street = arena_array(a, s->nstreets ? s->nstreets : 1, sizeof *st->street);
	st->category = arena_array(a, s->ncategories ? s->ncategories : 1, sizeof *st->category);
	scopes_init(a, &st->site, 1, st->nyears);
	scopes_init(a, st->district, s->ndistricts, st->nyears);
	scopes_init(a, st->street, s->nstreets, st->nyears);
	scopes_init(a, st->category, s->ncategories, st->nyears);

	for (size_t i = 0; i < s->nitems; i++) {
		const item *it = s->items[i];
		if (it->list->kind == LIST_PAIN_POINTS)
			continue;
		int y = year_of(it->list->published);
		long yi = y ? (long)(y - st->year0) : -1;
		add_item(&st->site, it, yi);
		/* an offer has no place of its own (its areas say where it
		 * is offered, often "anywhere"): it counts where its list was
		 * published, as a need without a street of its own does */
		bool offer = it->list->kind == LIST_SUPPLY;
		const district *d = offer ? it->list->district : it->district;
		const street *sp = offer ? it->list->street : it->street;
		if (d)
			add_item(&st->district[d->idx], it, yi);
		if (sp)
			add_item(&st->street[sp->idx], it, yi);
		if (it->category) {
			add_item(&st->category[it->category->index], it, yi);
			if (it->category->group)
				add_item(&st->category[it->category->group->index], it, yi);
		}
	}

	/* a category marks the organisation that last counted for it, so
	 * that one serving two children of a group counts once there */
	const org **counted = arena_array(a, s->ncategories ? s->ncategories : 1, sizeof *counted);
	for (size_t i = 0; i < s->norgs; i++) {
		const org *o = s->orgs[i];
		if (!o->npool)
			continue;
		add_pool(&st->site, o, st->year0);
		if (o->district)
			add_pool(&st->district[o->district->idx], o, st->year0);
		if (o->street)
			add_pool(&st->street[o->street->idx], o, st->year0);
		for (size_t k = 0; k < o->nservices; k++) {
			for (const category *c = o->services[k]; c; c = c->group) {
				if (counted[c->index] == o)
					continue;
				counted[c->index] = o;
				add_pool(&st->category[c->index], o, st->year0);
			}
		}
	}
	return st;
}

bool stats_change(double prev, double cur, double *pct)
{
	if (prev == 0)
		return false;
	*pct = (cur - prev) / prev * 100.0;
	return true;
}
