/* view_stats: the statistics page and the summary block of place and
 * category pages (see view_stats.h): figures, the table rows of statuses
 * and years (with the change from the previous year that has data), and
 * their bar charts (chart.h), each followed on the page by its table. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "view_parts.h"
#include "view_stats.h"

/* "+50%", "-33.3%", "0%"; "—" when the previous figure is 0 or there is
 * no previous year. */
static const char *change_text(arena *a, bool has_prev, double prev, double cur)
{
	double pct;
	if (!has_prev || !stats_change(prev, cur, &pct))
		return "—";
	double r = round(pct * 10) / 10;
	if (r == 0)
		return "0%";
	char tmp[48];
	snprintf(tmp, sizeof tmp, "%+.1f", r);
	size_t n = strlen(tmp);
	if (n > 2 && strcmp(tmp + n - 2, ".0") == 0)
		tmp[n - 2] = '\0';
	return arena_printf(a, "%s%%", tmp);
}

/* A sum of budgets as text; "—" when no need counted has a budget, so
 * that "no budget given" never reads as 0 万元. */
static const char *budget_text(arena *a, double sum, size_t items)
{
	return items ? view_money_text(a, sum) : "—";
}

/* A chart of one column of a table, as a sealed entry {title, col,
 * chart_html}: the template puts it before the table it names. */
static value *chart_entry(arena *a, const char *id, const char *title, const char *col, const chart_bar *bars,
			  size_t n)
{
	buf b = BUF_INIT;
	chart_bars(&b, id, title, bars, n);
	value *e = view_rec(a, 3);
	view_put(a, e, "title", title);
	view_put(a, e, "col", col);
	view_put(a, e, "chart_html", arena_strndup(a, b.ptr, b.len));
	buf_free(&b);
	return e;
}

/* The label of a status as both needs and offers name it: 待认领 / 可对接. */
static const char *status_title(arena *a, int st)
{
	const char *need = status_label((item_status)st, LIST_NEEDS);
	const char *offer = status_label((item_status)st, LIST_SUPPLY);
	return strcmp(need, offer) == 0 ? need : arena_printf(a, "%s / %s", need, offer);
}

static void put_statuses(arena *a, value *m, const stats_scope *sc)
{
	value *rows = value_list(a, STATUS_SHOWN_COUNT);
	chart_bar needs[STATUS_SHOWN_COUNT], offers[STATUS_SHOWN_COUNT], budget[STATUS_SHOWN_COUNT];
	size_t n = 0;
	for (int st = 0; st < STATUS_SHOWN_COUNT; st++) {
		if (!sc->needs[st] && !sc->offers[st])
			continue;
		value *r = view_rec(a, 5);
		const char *money = budget_text(a, sc->budget[st], sc->budget_items[st]);
		const char *cn = arena_printf(a, "%zu", sc->needs[st]), *co = arena_printf(a, "%zu", sc->offers[st]);
		view_put(a, r, "id", status_id((item_status)st));
		view_put(a, r, "label", status_title(a, st));
		view_put_int(a, r, "needs", (long long)sc->needs[st]);
		view_put_int(a, r, "offers", (long long)sc->offers[st]);
		view_put(a, r, "budget", money);
		value_push(a, rows, r);
		needs[n] = (chart_bar){ status_label((item_status)st, LIST_NEEDS), (double)sc->needs[st], cn };
		offers[n] = (chart_bar){ status_label((item_status)st, LIST_SUPPLY), (double)sc->offers[st], co };
		budget[n] = (chart_bar){ status_label((item_status)st, LIST_NEEDS), sc->budget[st], money };
		n++;
	}
	view_put_list(a, m, "statuses", rows);
	value *charts = value_list(a, 3);
	if (sc->nneeds)
		value_push(a, charts, chart_entry(a, "chart-status-needs", "需求数量（项），按状态", "needs", needs, n));
	if (sc->noffers)
		value_push(a, charts, chart_entry(a, "chart-status-offers", "供给数量（项），按状态", "offers", offers, n));
	if (sc->budget_items_total)
		value_push(a, charts, chart_entry(a, "chart-status-budget", "需求预算（万元），按状态", "budget", budget, n));
	view_put_list(a, m, "status_charts", charts);
}

static void put_years(const view_ctx *vc, arena *a, value *m, const stats_scope *sc)
{
	const site_stats *ss = vc->stats;
	value *rows = value_list(a, ss->nyears);
	chart_bar *needs = arena_array(a, ss->nyears ? ss->nyears : 1, sizeof *needs);
	chart_bar *offers = arena_array(a, ss->nyears ? ss->nyears : 1, sizeof *offers);
	size_t n = 0;
	const stats_year *prev = NULL;
	for (size_t i = 0; i < ss->nyears; i++) {
		const stats_year *y = &sc->years[i];
		if (!y->needs && !y->offers && !y->pool)
			continue;
		value *r = view_rec(a, 9);
		const char *year = arena_printf(a, "%d", ss->year0 + (int)i);
		const char *money = budget_text(a, y->budget, y->budget_items);
		view_put(a, r, "year", year);
		view_put_int(a, r, "needs", (long long)y->needs);
		view_put(a, r, "needs_change", change_text(a, prev, prev ? (double)prev->needs : 0, (double)y->needs));
		view_put_int(a, r, "offers", (long long)y->offers);
		view_put(a, r, "offers_change", change_text(a, prev, prev ? (double)prev->offers : 0, (double)y->offers));
		view_put(a, r, "budget", money);
		view_put(a, r, "budget_change", change_text(a, prev, prev ? prev->budget : 0, y->budget));
		view_put_int(a, r, "pool", (long long)y->pool);
		view_put(a, r, "pool_change", change_text(a, prev, prev ? (double)prev->pool : 0, (double)y->pool));
		value_push(a, rows, r);
		needs[n] = (chart_bar){ year, (double)y->needs, arena_printf(a, "%zu", y->needs) };
		offers[n] = (chart_bar){ year, (double)y->offers, arena_printf(a, "%zu", y->offers) };
		n++;
		prev = y;
	}
	view_put_list(a, m, "years", rows);
	value *charts = value_list(a, 2);
	if (sc->nneeds)
		value_push(a, charts, chart_entry(a, "chart-year-needs", "需求数量（项），按年份", "needs", needs, n));
	if (sc->noffers)
		value_push(a, charts, chart_entry(a, "chart-year-offers", "供给数量（项），按年份", "offers", offers, n));
	view_put_list(a, m, "year_charts", charts);
}

void view_put_summary(const view_ctx *vc, arena *a, value *m, const stats_scope *sc, const char *heading)
{
	value *s = view_rec(a, 16);
	view_put(a, s, "heading", heading);
	view_put_int(a, s, "needs", (long long)sc->nneeds);
	view_put_int(a, s, "offers", (long long)sc->noffers);
	view_put(a, s, "budget", budget_text(a, sc->budget_total, sc->budget_items_total));
	view_put_int(a, s, "budget_items", (long long)sc->budget_items_total);
	view_put_bool(a, s, "has_budget", sc->budget_items_total > 0);
	view_put_bool(a, s, "has_open_budget", sc->budget_items[STATUS_OPEN] > 0);
	/* a total over some of the needs says so (docs/content.md) */
	view_put_bool(a, s, "budget_partial", sc->budget_items_total && sc->budget_items_total < sc->nneeds);
	view_put(a, s, "open_budget", budget_text(a, sc->budget[STATUS_OPEN], sc->budget_items[STATUS_OPEN]));
	view_put_int(a, s, "pool", (long long)sc->pool);
	view_put_bool(a, s, "is_empty", !sc->nneeds && !sc->noffers && !sc->pool);
	put_statuses(a, s, sc);
	put_years(vc, a, s, sc);
	view_set(a, m, "summary", s);
}

/* A row of the table of districts or categories on /stats/. */
static value *scope_row(arena *a, const char *title, const char *url, const stats_scope *sc)
{
	value *r = view_rec(a, 6);
	view_put(a, r, "title", title);
	view_put(a, r, "url", url);
	view_put_int(a, r, "needs", (long long)sc->nneeds);
	view_put_int(a, r, "offers", (long long)sc->noffers);
	view_put(a, r, "budget", budget_text(a, sc->budget_total, sc->budget_items_total));
	view_put_int(a, r, "pool", (long long)sc->pool);
	return r;
}

value *view_stats(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	value *root = view_root(vc, a, job, "统计", "需求与供给的数量、资金和资源库组织，按状态和年份统计", NULL);
	view_put_summary(vc, a, root, &vc->stats->site, "全站");
	value *ds = value_list(a, s->ndistricts);
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *d = s->districts[i];
		value_push(a, ds, scope_row(a, d->name, vc->district_url[d->idx], &vc->stats->district[d->idx]));
	}
	view_put_list(a, root, "districts", ds);
	value *cs = value_list(a, s->ncategories);
	for (size_t i = 0; i < s->ncategories; i++) {
		const category *c = s->categories[i];
		if (!c->group)
			value_push(a, cs, scope_row(a, c->name, vc->category_url[c->index], &vc->stats->category[c->index]));
	}
	view_put_list(a, root, "categories", cs);
	return root;
}
