/* checks: what is derived once every record is loaded (checks.h): the
 * two-way link between lists and the events that released them, the
 * 已截止 state, the flat item array, and warnings for content that is
 * valid but probably wrong: totals that disagree with their items, and
 * event results that the lists released there contradict. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "checks.h"
#include "records.h"
#include "xalloc.h"

static bool has_list(const event *e, const list *l)
{
	for (size_t i = 0; i < e->nlists; i++)
		if (e->lists[i] == l)
			return true;
	return false;
}

/* A list names its event, or an event names its lists: either way both
 * sides know, and a disagreement is flagged. */
static void link_events(loadctx *c)
{
	site *s = c->s;
	for (size_t i = 0; i < s->nevents; i++) {
		event *e = s->events[i];
		for (size_t k = 0; k < e->nlists; k++) {
			list *l = e->lists[k];
			if (!l->event)
				l->event = e;
			else if (l->event != e)
				diag_warn(c->d, e->pos,
					  "event lists '%s', but that list names another event ('%s'); correct one of them",
					  l->id, l->event->id);
		}
	}
	size_t *extra = xcalloc(s->nevents + 1, sizeof *extra);
	for (size_t i = 0; i < s->nlists; i++) {
		event *e = s->lists[i]->event;
		if (e && !has_list(e, s->lists[i]))
			for (size_t k = 0; k < s->nevents; k++)
				if (s->events[k] == e)
					extra[k]++;
	}
	for (size_t k = 0; k < s->nevents; k++) {
		event *e = s->events[k];
		if (!extra[k])
			continue;
		list **grown = arena_array(c->a, e->nlists + extra[k], sizeof *grown);
		if (e->nlists)
			memcpy(grown, e->lists, e->nlists * sizeof *grown);
		e->lists = grown;
		for (size_t i = 0; i < s->nlists; i++)
			if (s->lists[i]->event == e && !has_list(e, s->lists[i]))
				e->lists[e->nlists++] = s->lists[i];
	}
	free(extra);
}

/* A figure as people write it: 29, 10.5, 241.2 (at most two decimals). */
static void num_text(double x, char out[48])
{
	snprintf(out, 48, "%.2f", x);
	char *dot = strchr(out, '.');
	if (!dot)
		return;
	char *end = out + strlen(out);
	while (end > dot && (end[-1] == '0' || end[-1] == '.'))
		*--end = '\0';
}

static void check_budget(loadctx *c, const list *l)
{
	/* only when items carry budgets: a list that publishes just its total
	 * (as press releases often do) is not suspicious */
	if (!l->total_given || !l->budget_items || l->budget_bad || fabs(l->total_budget - l->budget_sum) < 0.005)
		return;
	/* the second place: the items whose budgets were added up */
	const item *first = NULL, *last = NULL;
	for (size_t i = 0; i < l->nitems; i++)
		if (l->items[i]->budget.set) {
			if (!first)
				first = l->items[i];
			last = l->items[i];
		}
	char a[48], b[48], lines[32], which[64];
	num_text(l->total_budget, a);
	num_text(l->budget_sum, b);
	if (first->pos.line == last->pos.line)
		snprintf(lines, sizeof lines, "%u", first->pos.line);
	else
		snprintf(lines, sizeof lines, "%u–%u", first->pos.line, last->pos.line);
	if (l->budget_items == l->nitems)
		snprintf(which, sizeof which, "of its %zu item%s", l->nitems, l->nitems == 1 ? "" : "s");
	else
		snprintf(which, sizeof which, "of the %zu of its %zu items that have one", l->budget_items, l->nitems);
	diag_warn(c->d, l->total_pos,
		  "total_budget (资金总额) is %s万元 but the budgets %s (%s:%s) add up to %s万元; correct the total or the item budgets",
		  a, which, first->pos.file, lines, b);
}

/* ---- results: an event's figures against the lists released there ---- */

/* What a measure counts over the event's lists. */
static double measure_count(const site *s, const event *e, result_measure m)
{
	double n = 0;
	bool *seen = NULL;
	if (m == MEASURE_CATEGORIES || m == MEASURE_COMMUNITIES)
		seen = xcalloc((m == MEASURE_CATEGORIES ? s->ncategories : s->ncommunities) + 1, sizeof *seen);
	if (m == MEASURE_LISTS)
		return (double)e->nlists;
	for (size_t k = 0; k < e->nlists; k++) {
		const list *l = e->lists[k];
		if (m == MEASURE_BUDGET) {
			if (l->kind == LIST_NEEDS)
				n += l->total_budget;
			continue;
		}
		for (size_t i = 0; i < l->nitems; i++) {
			const item *it = l->items[i];
			switch (m) {
			case MEASURE_NEEDS:
				n += l->kind == LIST_NEEDS;
				break;
			case MEASURE_OFFERS:
				n += l->kind == LIST_SUPPLY;
				break;
			case MEASURE_ITEMS:
				n++;
				break;
			case MEASURE_CATEGORIES:
				if (it->category && !seen[it->category->index])
					seen[it->category->index] = true, n++;
				break;
			case MEASURE_COMMUNITIES:
				if (it->community && !seen[it->community->idx])
					seen[it->community->idx] = true, n++;
				break;
			case MEASURE_CLAIMED:
				n += l->kind != LIST_PAIN_POINTS &&
				     (it->status == STATUS_CLAIMED || it->status == STATUS_IN_PROGRESS ||
				      it->status == STATUS_COMPLETED || it->nclaims);
				break;
			default:
				break;
			}
		}
	}
	free(seen);
	return n;
}

/* Does the figure as written (value and unit) allow the records' count?
 * 余/多 in the unit: "more than", so only a smaller count contradicts it;
 * 近/约: "about", within 10%; otherwise exact (money to 0.005 万元). */
static bool figure_allows(const result_entry *re, double got, const char **how)
{
	const char *u = re->unit ? re->unit : "";
	*how = "";
	if (strstr(u, "余") || strstr(u, "多")) {
		*how = " (more than that)";
		return got >= re->number;
	}
	if (strstr(u, "近") || strstr(u, "约")) {
		*how = " (about that, within 10%)";
		return fabs(got - re->number) <= 0.1 * re->number;
	}
	return fabs(got - re->number) < 0.005;
}

static void check_result(loadctx *c, const event *e, const result_entry *re)
{
	if (!e->nlists) {
		diag_warn(c->d, re->measure_pos,
			  "results: %s has a measure (统计项) but no list was released at this event, so there is nothing to count it over; name the lists in 'lists' (发布清单) or remove the measure",
			  re->label);
		return;
	}
	double got = measure_count(c->s, e, re->measure);
	const char *how;
	if (figure_allows(re, got, &how))
		return;
	char want[48], has[48];
	num_text(re->number, want);
	num_text(got, has);
	buf where = BUF_INIT;
	for (size_t k = 0; k < e->nlists && k < 3; k++)
		buf_printf(&where, "%s%s", k ? ", " : "", e->lists[k]->path);
	if (e->nlists > 3)
		buf_printf(&where, " and %zu more", e->nlists - 3);
	bool one = e->nlists == 1, one_got = fabs(got - 1) < 0.005;
	const char *noun = "";
	switch (re->measure) {
	case MEASURE_NEEDS: noun = one_got ? "need" : "needs"; break;
	case MEASURE_OFFERS: noun = one_got ? "offer" : "offers"; break;
	case MEASURE_ITEMS: noun = one_got ? "item" : "items"; break;
	case MEASURE_CATEGORIES: noun = one_got ? "category of items" : "categories of items"; break;
	case MEASURE_COMMUNITIES: noun = one_got ? "community with items" : "communities with items"; break;
	case MEASURE_CLAIMED:
		noun = one_got ? "item claimed, in progress or completed" : "items claimed, in progress or completed";
		break;
	default: break;
	}
	const char *unit = re->unit ? re->unit : "";
	if (re->measure == MEASURE_LISTS)
		diag_warn(c->d, re->pos,
			  "results: %s says %s%s%s but %s list%s released at this event (%s); correct the figure, or name every list released there in 'lists' (发布清单)",
			  re->label, want, unit, how, has, one ? " was" : "s were", where.ptr);
	else if (re->measure == MEASURE_BUDGET)
		diag_warn(c->d, re->pos,
			  "results: %s says %s%s%s but the budget total%s of the %zu list%s released at this event (%s) %s %s万元; correct the figure or the list%s",
			  re->label, want, unit, how, one ? "" : "s", e->nlists, one ? "" : "s", where.ptr,
			  one ? "is" : "add up to", has, one ? "" : "s");
	else
		diag_warn(c->d, re->pos,
			  "results: %s says %s%s%s but the %zu list%s released at this event (%s) %s %s %s; correct the figure or the list%s",
			  re->label, want, unit, how, e->nlists, one ? "" : "s", where.ptr, one ? "has" : "have",
			  has, noun, one ? "" : "s");
	buf_free(&where);
}

static void check_results(loadctx *c)
{
	for (size_t i = 0; i < c->s->nevents; i++) {
		const event *e = c->s->events[i];
		for (size_t k = 0; k < e->nresults; k++)
			if (e->results[k].measure)
				check_result(c, e, &e->results[k]);
	}
}

static void check_dates(loadctx *c, const list *l)
{
	char a[11], b[11];
	if (l->published == DATE_NONE)
		return;
	date_format(l->published, a);
	if (l->deadline != DATE_NONE && l->deadline < l->published) {
		date_format(l->deadline, b);
		diag_warn(c->d, l->deadline_pos, "the list's deadline %s is before its publication date %s; check the year",
			  b, a);
	}
	for (size_t i = 0; i < l->nitems; i++) {
		const item *it = l->items[i];
		if (it->deadline != DATE_NONE && it->deadline < l->published && it->deadline != l->deadline) {
			date_format(it->deadline, b);
			diag_warn(c->d, it->pos, "item %lld's deadline %s is before the list's publication date %s; check the year",
				  it->no, b, a);
		}
	}
}

/* A need still 洽谈中 a year after its deadline has probably been settled
 * one way or the other without the list being updated. */
static void check_stale(loadctx *c, const list *l)
{
	qdate today = c->s->today;
	for (size_t i = 0; i < l->nitems; i++) {
		const item *it = l->items[i];
		if (it->status != STATUS_NEGOTIATING || it->deadline == DATE_NONE || today - it->deadline <= 365)
			continue;
		char dl[11], now[11];
		date_format(it->deadline, dl);
		date_format(today, now);
		diag_warn(c->d, it->pos,
			  "item %lld is still negotiating (洽谈中) %lld days after its deadline %s (today is %s); "
			  "set the status it has now (claimed 已认领, in-progress 实施中, completed 已完成 or closed 已关闭)",
			  it->no, (long long)(today - it->deadline), dl, now);
	}
}

/* The same project (title and community) in two lists is usually a copy
 * left behind when a list was split or republished. */
static bool same_project(const item *a, const item *b)
{
	return a->list->kind == b->list->kind && strcmp(a->title, b->title) == 0 &&
	       strcmp(item_repeat_street(a), item_repeat_street(b)) == 0 &&
	       strcmp(item_repeat_where(a), item_repeat_where(b)) == 0;
}

static void check_repeats(loadctx *c)
{
	site *s = c->s;
	strmap seen;
	strmap_init(&seen);
	strmap_reserve(&seen, s->nitems);
	for (size_t i = 0; i < s->nitems; i++) {
		item *it = s->items[i];
		if (!it->title)
			continue;
		/* keyed by the hash the loader took (lists.c); the texts are
		 * compared only when two hashes are equal */
		const char *key = (const char *)&it->repeat_hash;
		item *had = strmap_get(&seen, key, sizeof it->repeat_hash);
		if (had && had->list != it->list && same_project(had, it))
			diag_warn(c->d, it->pos,
				  "'%s' also appears in list '%s' (%s:%u); if this is a copy, keep it in one list",
				  it->title, had->list->id, had->pos.file, had->pos.line);
		else if (!had)
			strmap_put(&seen, key, sizeof it->repeat_hash, it);
	}
	strmap_free(&seen);
}

void site_check(site *s, diag *d)
{
	loadctx ctx = { s->a, d, s }, *c = &ctx;
	link_events(c);
	size_t n = 0;
	for (size_t i = 0; i < s->nlists; i++)
		n += s->lists[i]->nitems;
	s->items = arena_array(c->a, n ? n : 1, sizeof *s->items);
	for (size_t i = 0; i < s->nlists; i++) {
		list *l = s->lists[i];
		for (size_t k = 0; k < l->nitems; k++) {
			item *it = l->items[k];
			it->expired = it->status == STATUS_OPEN && it->deadline != DATE_NONE &&
				      it->deadline < s->today;
			it->idx = s->nitems;
			s->items[s->nitems++] = it;
		}
		if (l->kind == LIST_NEEDS) {
			check_budget(c, l);
			check_stale(c, l);
		}
		check_dates(c, l);
	}
	check_repeats(c);
	check_results(c);
}
