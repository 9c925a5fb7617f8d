/* view_follow: feeds, data, QR codes and posters on pages (see
 * view_follow.h). */
#include "view_follow.h"

#include <string.h>

#include "datacols.h"
#include "qr.h"
#include "view_parts.h"

const char *view_list_csv(const view_ctx *vc, arena *a, const list *l)
{
	return url_file_of(a, vc->s->base_path, URL_LIST_CSV, l->id);
}

const char *view_list_xlsx(const view_ctx *vc, arena *a, const list *l)
{
	return url_file_of(a, vc->s->base_path, URL_LIST_XLSX, l->id);
}

const char *view_event_ics(const view_ctx *vc, arena *a, const event *e)
{
	return url_file_of(a, vc->s->base_path, URL_CAL_EVENT, e->id);
}

static const char *absolute(const view_ctx *vc, arena *a, const char *url)
{
	return url_absolute(a, vc->s->base_url, vc->s->base_path, url);
}

/* the QR code of a page's address */
static const char *qr_of(const view_ctx *vc, arena *a, const char *url)
{
	return qr_svg_str(a, absolute(vc, a, url), "本页网址的二维码，扫码打开本页");
}

void view_put_follow(const view_ctx *vc, arena *a, value *page, const page_job *job, const char *url)
{
	const char *feed = NULL, *feed_title = NULL, *poster = NULL;
	bool qr = false;
	const char *base = vc->s->base_path;
	switch (job->kind) {
	case PG_HOME:
		feed = url_file_of(a, base, URL_FEED_SITE, NULL), feed_title = "全站更新";
		break;
	case PG_DISTRICT: {
		const district *d = job->rec;
		feed = url_file_of(a, base, URL_FEED_DISTRICT, d->id), feed_title = d->name;
		break;
	}
	case PG_STREET: {
		const street *st = job->rec;
		feed = url_file_of(a, base, URL_FEED_STREET, st->id), feed_title = st->name;
		break;
	}
	case PG_CATEGORY: {
		const category *c = job->rec;
		feed = url_file_of(a, base, URL_FEED_CATEGORY, c->id), feed_title = c->name;
		break;
	}
	case PG_LIST:
		qr = true;
		poster = view_url(vc, &(page_job){ .kind = PG_LIST_POSTER, .rec = job->rec }, a);
		break;
	case PG_EVENT:
		qr = true;
		poster = view_url(vc, &(page_job){ .kind = PG_EVENT_POSTER, .rec = job->rec }, a);
		break;
	case PG_ITEM: qr = true; break;
	default: break;
	}
	view_put(a, page, "feed", feed);
	view_put(a, page, "feed_title", feed_title ? arena_printf(a, "%s · %s", vc->s->title, feed_title) : NULL);
	view_put(a, page, "qr", qr ? qr_of(vc, a, url) : NULL);
	view_put(a, page, "poster_url", poster);
}

/* ---- the feeds page ---- */

/* {name, url (the feed or calendar), page_url, streets (a district's:
 * entries like this one; else null), has_streets} */
static value *feed_link(const view_ctx *vc, arena *a, const char *name, url_file_kind k, const char *id,
			const char *page, value *streets)
{
	value *m = view_rec(a, 5);
	view_put(a, m, "name", name);
	view_put(a, m, "url", url_file_of(a, vc->s->base_path, k, id));
	view_put(a, m, "page_url", page);
	view_put_list(a, m, "streets", streets);
	if (!streets) /* view_put_list sets has_streets for a list */
		view_put_bool(a, m, "has_streets", false);
	return m;
}

value *view_feeds(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	value *root = view_root(vc, a, job, "订阅更新", "用 RSS/Atom 阅读器或日历订阅本站的更新：全站、各区、各街道、各类别", NULL);
	value *m = value_map(a, 8);
	view_put(a, m, "site_feed", url_file_of(a, s->base_path, URL_FEED_SITE, NULL));
	view_put(a, m, "site_feed_abs", url_file_of(a, s->base_url, URL_FEED_SITE, NULL));
	value *ds = value_list(a, s->ndistricts);
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *d = s->districts[i];
		value *sts = value_list(a, d->nstreets);
		for (size_t j = 0; j < d->nstreets; j++)
			value_push(a, sts, feed_link(vc, a, d->streets[j]->name, URL_FEED_STREET, d->streets[j]->id,
						     vc->street_url[d->streets[j]->idx], NULL));
		value_push(a, ds, feed_link(vc, a, d->name, URL_FEED_DISTRICT, d->id, vc->district_url[i], sts));
	}
	view_put_list(a, m, "districts", ds);
	value *cs = value_list(a, s->ncategories);
	for (size_t i = 0; i < s->ncategories; i++)
		value_push(a, cs, feed_link(vc, a, s->categories[i]->name, URL_FEED_CATEGORY, s->categories[i]->id,
					    vc->category_url[i], NULL));
	view_put_list(a, m, "categories", cs);
	/* calendars: all events, and each district's that has any */
	view_put(a, m, "calendar", vc->ix->events.n ? url_file_of(a, s->base_path, URL_CAL_ALL, NULL) : NULL);
	value *cals = value_list(a, s->ndistricts);
	for (size_t i = 0; i < s->ndistricts; i++)
		if (vc->ix->district_events[i].n)
			value_push(a, cals, feed_link(vc, a, s->districts[i]->name, URL_CAL_DISTRICT, s->districts[i]->id,
						      vc->district_url[i], NULL));
	view_put_list(a, m, "calendars", cals);
	view_put_int(a, m, "max", FEEDS_MAX);
	view_set(a, root, "feeds", m);
	return root;
}

/* ---- the data page ---- */

static const char *const type_zh[] = {
	[DC_TEXT] = "文本", [DC_NUMBER] = "数字", [DC_INT] = "整数", [DC_DATE] = "日期",
	[DC_BOOL] = "是/否", [DC_LIST] = "多项",
};
static const char *const type_en[] = {
	[DC_TEXT] = "text", [DC_NUMBER] = "number", [DC_INT] = "integer", [DC_DATE] = "date",
	[DC_BOOL] = "yes/no", [DC_LIST] = "list",
};

static const char *data_url(const view_ctx *vc, arena *a, const char *name, const char *ext)
{
	return url_file_of(a, vc->s->base_path, URL_DATA, arena_printf(a, "%s.%s", name, ext));
}

value *view_data(const view_ctx *vc, arena *a, const page_job *job)
{
	const site *s = vc->s;
	value *root = view_root(vc, a, job, "开放数据",
				"本站全部需求、供给、清单、活动和组织的数据文件：CSV、Excel 和 JSON，及每一列的说明", NULL);
	value *m = value_map(a, 8);
	value *tables = value_list(a, DC_TABLE_COUNT);
	for (int t = 0; t < DC_TABLE_COUNT; t++) {
		const dc_def *d = &dc_tables[t];
		value *e = view_rec(a, 10);
		view_put(a, e, "name", d->name);
		view_put(a, e, "zh", d->zh);
		view_put_int(a, e, "count", (long long)dc_count(vc, (dc_table)t));
		view_put(a, e, "csv", d->csv ? data_url(vc, a, d->name, "csv") : NULL);
		view_put(a, e, "xlsx", d->xlsx ? data_url(vc, a, d->name, "xlsx") : NULL);
		view_put(a, e, "json", data_url(vc, a, d->name, "json"));
		value *cols = value_list(a, d->ncols);
		for (size_t c = 0; c < d->ncols; c++) {
			const dc_col *col = &d->cols[c];
			value *cm = view_rec(a, 6);
			view_put(a, cm, "zh", col->zh);
			view_put(a, cm, "key", col->key);
			view_put(a, cm, "type_zh", type_zh[col->type]);
			view_put(a, cm, "type_en", type_en[col->type]);
			view_put(a, cm, "doc_zh", col->doc_zh);
			view_put(a, cm, "doc_en", col->doc_en);
			value_push(a, cols, cm);
		}
		view_set(a, e, "columns", cols);
		value_push(a, tables, e);
	}
	view_set(a, m, "tables", tables);
	view_put(a, m, "places_json", data_url(vc, a, "places", "json"));
	view_put(a, m, "categories_json", data_url(vc, a, "categories", "json"));
	view_put_int(a, m, "districts", (long long)s->ndistricts);
	view_put_int(a, m, "streets", (long long)s->nstreets);
	view_put_int(a, m, "communities", (long long)s->ncommunities);
	view_put_int(a, m, "categories", (long long)s->ncategories);
	view_put_int(a, m, "lists", (long long)s->nlists);
	view_put(a, m, "license", s->data_license);
	view_put(a, m, "date", view_date_text(a, s->today));
	view_put(a, m, "date_iso", view_date_iso(a, s->today));
	view_put(a, m, "feeds_url", vc->index_url[PG_FEEDS]);
	view_set(a, root, "data", m);
	return root;
}

/* ---- posters ---- */

static value *poster_root(const view_ctx *vc, arena *a, const page_job *job, const char *title,
			  const char *back_url, value *crumbs)
{
	value *root = view_root(vc, a, job, arena_printf(a, "%s（海报）", title), NULL, crumbs);
	value *m = view_rec(a, 16);
	view_put(a, m, "title", title);
	view_put(a, m, "page_url", back_url);
	const char *abs = absolute(vc, a, back_url);
	view_put(a, m, "page_abs", abs);
	view_put(a, m, "qr", qr_svg_str(a, abs, "二维码：扫码打开网页"));
	view_set(a, root, "poster", m);
	return root;
}

/* "成华区白莲池街道", or the district's name alone */
static const char *place_name(arena *a, const district *d, const street *st)
{
	return st ? arena_printf(a, "%s%s", st->district->name, st->name) : d ? d->name : NULL;
}

/* what a poster counts: items (needs: how many are open), an event's lists */
static void poster_counts(arena *a, value *m, size_t count, size_t open, size_t lists, bool needs)
{
	view_put_int(a, m, "count", (long long)count);
	view_put_bool(a, m, "has_count", count > 0);
	view_put_int(a, m, "open", (long long)open);
	view_put_bool(a, m, "has_open", open > 0);
	view_put_int(a, m, "lists", (long long)lists);
	view_put_bool(a, m, "has_lists", lists > 0);
	view_put_bool(a, m, "is_needs", needs);
}

value *view_list_poster(const view_ctx *vc, arena *a, const page_job *job)
{
	const list *l = job->rec;
	value *crumbs = view_crumbs(a);
	view_crumb(a, crumbs, l->title, vc->list_url[l->idx]);
	value *root = poster_root(vc, a, job, l->title, vc->list_url[l->idx], crumbs);
	value *m = value_get(root, "poster");
	bool needs = l->kind == LIST_NEEDS;
	view_put(a, m, "kind_label", list_kind_label(l->kind));
	view_put(a, m, "place", place_name(a, l->district, l->street));
	view_put(a, m, "publisher", l->publisher);
	view_put(a, m, "date", view_date_text(a, l->published));
	view_put(a, m, "deadline", view_date_text(a, l->deadline));
	view_put(a, m, "time", NULL);
	view_put(a, m, "venue", NULL);
	poster_counts(a, m, l->nitems, needs ? list_open_items(l) : 0, 0, needs);
	view_put_list(a, m, "contact", view_contact(a, l->contact ? l->contact : vc->s->contact));
	return root;
}

/* Of the lists released at an event: the nearest deadline still to come,
 * else the latest one past. */
static qdate event_deadline(const event *e, qdate today)
{
	qdate best = DATE_NONE;
	for (size_t i = 0; i < e->nlists; i++) {
		qdate d = e->lists[i]->deadline;
		if (d == DATE_NONE)
			continue;
		bool future = d >= today, best_future = best != DATE_NONE && best >= today;
		if (best == DATE_NONE || (future && (!best_future || d < best)) || (!future && !best_future && d > best))
			best = d;
	}
	return best;
}

value *view_event_poster(const view_ctx *vc, arena *a, const page_job *job)
{
	const event *e = job->rec;
	value *crumbs = view_crumbs(a);
	view_crumb(a, crumbs, e->title, vc->event_url[e->idx]);
	value *root = poster_root(vc, a, job, e->title, vc->event_url[e->idx], crumbs);
	value *m = value_get(root, "poster");
	view_put(a, m, "kind_label", "活动");
	view_put(a, m, "place", place_name(a, e->district, e->street));
	view_put(a, m, "publisher", e->organizer.n ? e->organizer.v[0] : NULL);
	view_put(a, m, "date", view_date_text(a, e->date));
	view_put(a, m, "time", e->time);
	view_put(a, m, "venue", e->venue);
	view_put(a, m, "deadline", view_date_text(a, event_deadline(e, vc->s->today)));
	size_t count = 0, open = 0;
	const contact *ct = NULL;
	for (size_t i = 0; i < e->nlists; i++) {
		const list *l = e->lists[i];
		count += l->nitems;
		open += l->kind == LIST_NEEDS ? list_open_items(l) : 0;
		if (!ct)
			ct = l->contact;
	}
	poster_counts(a, m, count, open, e->nlists, false);
	view_put_list(a, m, "contact", view_contact(a, ct ? ct : vc->s->contact));
	return root;
}
