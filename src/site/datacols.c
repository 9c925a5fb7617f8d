/* datacols: the open data's columns and their cells (see datacols.h). */
#include "datacols.h"

#include <math.h>
#include <string.h>

/* ---- the columns ---- */

enum {
	C_ID, C_LIST, C_NO, C_TITLE, C_CATEGORY, C_CATEGORY_NAME, C_DISTRICT, C_DISTRICT_NAME, C_STREET,
	C_STREET_NAME, C_COMMUNITY, C_COMMUNITY_NAME, C_BUDGET, C_SELF_FUNDING, C_FUND, C_BENEFICIARIES,
	C_PERIOD, C_ORG, C_ORG_NAME, C_AREAS, C_AREA_NAMES, C_PRICE, C_PRICE_TEXT, C_DEADLINE, C_STATUS,
	C_STATUS_LABEL, C_EXPIRED, C_CLAIMED_BY, C_CLAIMED_BY_NAMES, C_CONTACT, C_PHONE, C_NOTES, C_URL,
	/* lists */
	C_KIND, C_PUBLISHER, C_PUBLISHED, C_EVENT, C_ITEMS, C_OPEN, C_TOTAL, C_BUDGET_SUM,
	/* events */
	C_DATE, C_END_DATE, C_TIME, C_VENUE, C_ORGANIZER, C_LISTS, C_CATEGORIES,
	/* organisations */
	C_NAME, C_SERVICES, C_POOL, C_WEBSITE, C_FOUNDED, C_EMAIL, C_SUMMARY,
};

#define COL(id, key, zh, type, width, dzh, den) { id, key, zh, type, width, dzh, den }
#define ITEM_HEAD                                                                                      \
	COL(C_ID, "id", "编号", DC_TEXT, 24, "清单编号/序号，全站唯一、长期不变", "list id/number: unique and stable"), \
	COL(C_LIST, "list", "清单编号", DC_TEXT, 24, "所属清单的编号（见 lists）", "the list's id (see lists)"), \
	COL(C_NO, "no", "序号", DC_INT, 6, "清单内的序号", "number within its list"),                        \
	COL(C_TITLE, "title", "项目名称", DC_TEXT, 40, "名称", "title"),                                      \
	COL(C_CATEGORY, "category", "类别编号", DC_TEXT, 16, "类别编号（见 categories）", "category id (see categories)"), \
	COL(C_CATEGORY_NAME, "category_name", "类别", DC_TEXT, 16, "类别名称", "category name"),              \
	COL(C_DISTRICT, "district", "区编号", DC_TEXT, 12, "区（市、县）编号（见 places）", "district id (see places)"), \
	COL(C_DISTRICT_NAME, "district_name", "区", DC_TEXT, 10, "区（市、县）名称", "district name"),        \
	COL(C_STREET, "street", "街道编号", DC_TEXT, 14, "街道（镇）编号", "street (town) id"),               \
	COL(C_STREET_NAME, "street_name", "街道", DC_TEXT, 12, "街道（镇）名称", "street (town) name"),       \
	COL(C_COMMUNITY, "community", "社区编号", DC_TEXT, 14, "社区（村）编号，在街道内唯一", "community (village) id, unique within its street"), \
	COL(C_COMMUNITY_NAME, "community_name", "社区", DC_TEXT, 12, "社区（村）名称", "community (village) name")
#define ITEM_TAIL                                                                                      \
	COL(C_DEADLINE, "deadline", "截止日期", DC_DATE, 12, "认领截止日期（北京时间，当天有效）", "deadline (Beijing time, inclusive)"), \
	COL(C_STATUS, "status", "状态编号", DC_TEXT, 12, "状态：open、negotiating、claimed、in-progress、completed、closed，已过截止日期仍待认领的为 expired", "status: open, negotiating, claimed, in-progress, completed, closed; expired when open past its deadline"), \
	COL(C_STATUS_LABEL, "status_label", "状态", DC_TEXT, 8, "状态（中文，与页面一致）", "status as the pages show it"), \
	COL(C_EXPIRED, "expired", "已截止", DC_BOOL, 8, "待认领但已过截止日期", "open but past its deadline"), \
	COL(C_CLAIMED_BY, "claimed_by", "认领方编号", DC_LIST, 20, "认领方编号：组织编号、街道编号或“街道/社区”", "who claimed it: an org id, a street id or street/community"), \
	COL(C_CLAIMED_BY_NAMES, "claimed_by_names", "认领方", DC_LIST, 24, "认领方名称", "who claimed it, by name"), \
	COL(C_CONTACT, "contact", "联系人", DC_TEXT, 10, "联系人", "contact person"),                       \
	COL(C_PHONE, "phone", "联系电话", DC_TEXT, 16, "联系电话", "contact phone"),                         \
	COL(C_NOTES, "notes", "备注", DC_TEXT, 20, "备注", "notes"),                                          \
	COL(C_URL, "url", "网址", DC_TEXT, 40, "本条的网页", "the record's page")

static const dc_col needs_cols[] = {
	ITEM_HEAD,
	COL(C_BUDGET, "budget", "预算（万元）", DC_NUMBER, 12, "预算，万元", "budget, in 10,000 yuan (万元)"),
	COL(C_SELF_FUNDING, "self_funding", "自筹（万元）", DC_NUMBER, 12, "自筹资金，万元", "self-funding, in 万元"),
	COL(C_FUND, "fund", "资金来源", DC_TEXT, 24, "资金来源", "source of funds"),
	COL(C_BENEFICIARIES, "beneficiaries", "服务对象", DC_TEXT, 20, "服务对象", "who it serves"),
	COL(C_PERIOD, "period", "实施周期", DC_TEXT, 20, "实施周期", "implementation period"),
	ITEM_TAIL,
};

static const dc_col supply_cols[] = {
	ITEM_HEAD,
	COL(C_ORG, "org", "提供方编号", DC_TEXT, 20, "提供服务的组织编号（见 orgs）", "the providing organisation's id (see orgs)"),
	COL(C_ORG_NAME, "org_name", "提供方", DC_TEXT, 24, "提供服务的组织", "the providing organisation"),
	COL(C_AREAS, "areas", "服务区域编号", DC_LIST, 20, "服务区域：区或街道编号", "areas served: district or street ids"),
	COL(C_AREA_NAMES, "area_names", "服务区域", DC_LIST, 20, "服务区域名称", "areas served, by name"),
	COL(C_PRICE, "price", "价格（万元）", DC_NUMBER, 12, "价格，万元", "price, in 万元"),
	COL(C_PRICE_TEXT, "price_text", "价格说明", DC_TEXT, 16, "不是数字的价格，照原文", "a price that is not a number, as written"),
	ITEM_TAIL,
};

static const dc_col lists_cols[] = {
	COL(C_ID, "id", "编号", DC_TEXT, 24, "清单编号，长期不变", "the list's id: stable"),
	COL(C_TITLE, "title", "标题", DC_TEXT, 44, "清单标题", "title"),
	COL(C_KIND, "kind", "类型", DC_TEXT, 12, "needs（需求清单）、supply（供给清单）或 pain-points（痛点清单）", "needs, supply or pain-points"),
	COL(C_DISTRICT, "district", "区编号", DC_TEXT, 12, "发布方所在区编号", "the publisher's district id"),
	COL(C_DISTRICT_NAME, "district_name", "区", DC_TEXT, 10, "区名称", "district name"),
	COL(C_STREET, "street", "街道编号", DC_TEXT, 14, "发布方所在街道编号，区级清单为空", "the publisher's street id; empty for a district's list"),
	COL(C_STREET_NAME, "street_name", "街道", DC_TEXT, 12, "街道名称", "street name"),
	COL(C_PUBLISHER, "publisher", "发布单位", DC_TEXT, 24, "发布单位", "publisher"),
	COL(C_PUBLISHED, "published", "发布日期", DC_DATE, 12, "发布日期", "date published"),
	COL(C_DEADLINE, "deadline", "截止日期", DC_DATE, 12, "认领截止日期", "deadline for claims"),
	COL(C_EVENT, "event", "发布活动编号", DC_TEXT, 24, "在哪场活动上发布（见 events）", "the event it was released at (see events)"),
	COL(C_FUND, "fund", "资金来源", DC_TEXT, 24, "资金来源", "source of funds"),
	COL(C_ITEMS, "items", "条数", DC_INT, 8, "清单的条数", "how many items it has"),
	COL(C_OPEN, "open", "待认领", DC_INT, 8, "其中待认领且未截止的条数", "how many of them are open and not past their deadline"),
	COL(C_TOTAL, "total_budget", "预算合计（万元）", DC_NUMBER, 14, "预算合计：清单给出的，否则各条预算之和", "total budget: as the list gives it, else the sum of its items' budgets"),
	COL(C_BUDGET_SUM, "budget_sum", "各条预算之和（万元）", DC_NUMBER, 14, "各条预算之和", "sum of the items' budgets"),
	COL(C_URL, "url", "网址", DC_TEXT, 40, "清单的网页", "the list's page"),
};

static const dc_col events_cols[] = {
	COL(C_ID, "id", "编号", DC_TEXT, 24, "活动编号，长期不变", "the event's id: stable"),
	COL(C_TITLE, "title", "名称", DC_TEXT, 44, "活动名称", "title"),
	COL(C_DATE, "date", "日期", DC_DATE, 12, "日期", "date"),
	COL(C_END_DATE, "end_date", "结束日期", DC_DATE, 12, "结束日期（多日活动）", "last day (events of several days)"),
	COL(C_TIME, "time", "时间", DC_TEXT, 10, "时间，照原文", "time of day, as written"),
	COL(C_DISTRICT, "district", "区编号", DC_TEXT, 12, "区编号", "district id"),
	COL(C_STREET, "street", "街道编号", DC_TEXT, 14, "街道编号", "street id"),
	COL(C_VENUE, "venue", "地点", DC_TEXT, 24, "地点", "venue"),
	COL(C_ORGANIZER, "organizer", "主办", DC_LIST, 24, "主办单位", "organisers"),
	COL(C_LISTS, "lists", "发布清单", DC_LIST, 24, "在活动上发布的清单编号", "ids of the lists released there"),
	COL(C_CATEGORIES, "categories", "类别", DC_LIST, 20, "类别编号", "category ids"),
	COL(C_URL, "url", "网址", DC_TEXT, 40, "活动的网页", "the event's page"),
};

static const dc_col orgs_cols[] = {
	COL(C_ID, "id", "编号", DC_TEXT, 24, "组织编号，长期不变", "the organisation's id: stable"),
	COL(C_NAME, "name", "名称", DC_TEXT, 30, "名称", "name"),
	COL(C_KIND, "kind", "类型", DC_TEXT, 20, "类型编号", "kind"),
	COL(C_DISTRICT, "district", "区编号", DC_TEXT, 12, "所在区编号", "district id"),
	COL(C_STREET, "street", "街道编号", DC_TEXT, 14, "所在街道编号", "street id"),
	COL(C_SERVICES, "services", "服务类别", DC_LIST, 20, "服务类别编号", "ids of the categories it serves"),
	COL(C_AREAS, "areas", "服务区域", DC_LIST, 20, "服务区域：区或街道编号", "areas served: district or street ids"),
	COL(C_POOL, "pool", "入库年份", DC_LIST, 12, "进入优质服务供应商库的年份", "years in a quality-supplier pool"),
	COL(C_CONTACT, "contact", "联系人", DC_TEXT, 10, "联系人", "contact person"),
	COL(C_PHONE, "phone", "联系电话", DC_TEXT, 16, "联系电话", "contact phone"),
	COL(C_EMAIL, "email", "电子邮箱", DC_TEXT, 20, "电子邮箱", "email"),
	COL(C_WEBSITE, "website", "网站", DC_TEXT, 24, "网站", "website"),
	COL(C_FOUNDED, "founded", "成立年份", DC_INT, 8, "成立年份", "year founded"),
	COL(C_SUMMARY, "summary", "简介", DC_TEXT, 40, "简介", "summary"),
	COL(C_URL, "url", "网址", DC_TEXT, 40, "组织的网页", "the organisation's page"),
};

#define N(a) (sizeof a / sizeof *a)
const dc_def dc_tables[DC_TABLE_COUNT] = {
	[DC_NEEDS] = { "needs", "需求", needs_cols, N(needs_cols), true, true },
	[DC_SUPPLY] = { "supply", "供给", supply_cols, N(supply_cols), true, true },
	[DC_LISTS] = { "lists", "清单", lists_cols, N(lists_cols), true, false },
	[DC_EVENTS] = { "events", "活动", events_cols, N(events_cols), false, false },
	[DC_ORGS] = { "orgs", "组织", orgs_cols, N(orgs_cols), false, false },
};

void dc_join(buf *out, strs l)
{
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			buf_puts(out, "、");
		buf_puts(out, l.v[i]);
	}
}

dc_table dc_list_table(const list *l)
{
	return l->kind == LIST_SUPPLY ? DC_SUPPLY : DC_NEEDS;
}

/* ---- the records ---- */

size_t dc_count(const view_ctx *vc, dc_table t)
{
	switch (t) {
	case DC_NEEDS: return vc->ix->needs.n;
	case DC_SUPPLY: return vc->ix->supply.n;
	case DC_LISTS: return vc->s->nlists;
	case DC_EVENTS: return vc->s->nevents;
	case DC_ORGS: return vc->s->norgs;
	case DC_TABLE_COUNT: break;
	}
	return 0;
}

const void *dc_record(const view_ctx *vc, dc_table t, size_t i)
{
	switch (t) {
	case DC_NEEDS: return vc->ix->needs.v[i];
	case DC_SUPPLY: return vc->ix->supply.v[i];
	case DC_LISTS: return vc->s->lists[i];
	case DC_EVENTS: return vc->s->events[i];
	case DC_ORGS: return vc->s->orgs[i];
	case DC_TABLE_COUNT: break;
	}
	return NULL;
}

/* ---- the cells ---- */

static dc_cell text(const char *s)
{
	return (dc_cell){ .set = s != NULL, .s = s };
}

/* money in 万元 to the yuan (four decimals): a sum of budgets is a sum
 * of doubles (28.299999999999997), the pages show 28.3 */
static dc_cell number(amount v)
{
	return (dc_cell){ .set = v.set, .num = round(v.v * 10000) / 10000 };
}

static dc_cell integer(long long i)
{
	return (dc_cell){ .set = true, .i = i };
}

static dc_cell date(qdate d)
{
	return (dc_cell){ .set = d != DATE_NONE, .date = d };
}

static dc_cell list_of(strs l)
{
	return (dc_cell){ .set = true, .list = l };
}

static const char *absolute(const view_ctx *vc, arena *a, const char *url)
{
	return url ? url_absolute(a, vc->s->base_url, vc->s->base_path, url) : NULL;
}

static strs claims(arena *a, const item *it, bool names)
{
	strs l = { arena_alloc(a, (it->nclaims + 1) * sizeof *l.v), it->nclaims };
	for (size_t i = 0; i < it->nclaims; i++)
		l.v[i] = names ? claimant_name(&it->claims[i]) : claimant_id(a, &it->claims[i]);
	return l;
}

static strs areas(arena *a, const area *v, size_t n, bool names)
{
	strs l = { arena_alloc(a, (n + 1) * sizeof *l.v), n };
	for (size_t i = 0; i < n; i++)
		l.v[i] = v[i].street ? (names ? v[i].street->name : v[i].street->id)
				     : (names ? v[i].district->name : v[i].district->id);
	return l;
}

static strs category_ids(arena *a, category *const *v, size_t n)
{
	strs l = { arena_alloc(a, (n + 1) * sizeof *l.v), n };
	for (size_t i = 0; i < n; i++)
		l.v[i] = v[i]->id;
	return l;
}

static dc_cell item_cell(const view_ctx *vc, const item *it, int id, arena *a)
{
	const category *cat = it->category;
	switch (id) {
	case C_ID: return text(arena_printf(a, "%s/%lld", it->list->id, it->no));
	case C_LIST: return text(it->list->id);
	case C_NO: return integer(it->no);
	case C_TITLE: return text(it->title);
	case C_CATEGORY: return text(cat ? cat->id : NULL);
	case C_CATEGORY_NAME: return text(cat ? cat->name : NULL);
	case C_DISTRICT: return text(it->district ? it->district->id : NULL);
	case C_DISTRICT_NAME: return text(it->district ? it->district->name : NULL);
	case C_STREET: return text(it->street ? it->street->id : NULL);
	case C_STREET_NAME: return text(it->street ? it->street->name : NULL);
	case C_COMMUNITY: return text(it->community ? it->community->id : NULL);
	case C_COMMUNITY_NAME: return text(it->community ? it->community->name : NULL);
	case C_BUDGET: return number(it->budget);
	case C_SELF_FUNDING: return number(it->self_funding);
	case C_FUND: return text(it->fund);
	case C_BENEFICIARIES: return text(it->beneficiaries);
	case C_PERIOD: return text(it->period);
	case C_ORG: return text(it->org ? it->org->id : NULL);
	case C_ORG_NAME: return text(it->org ? it->org->name : NULL);
	case C_AREAS: return list_of(areas(a, it->areas, it->nareas, false));
	case C_AREA_NAMES: return list_of(areas(a, it->areas, it->nareas, true));
	case C_PRICE: return number(it->price);
	case C_PRICE_TEXT: return text(it->price.set ? NULL : it->price_text);
	case C_DEADLINE: return date(it->deadline);
	case C_STATUS: return text(status_id(item_shown_status(it)));
	case C_STATUS_LABEL: return text(status_label(item_shown_status(it), it->list->kind));
	case C_EXPIRED: return (dc_cell){ .set = true, .b = it->expired };
	case C_CLAIMED_BY: return list_of(claims(a, it, false));
	case C_CLAIMED_BY_NAMES: return list_of(claims(a, it, true));
	case C_CONTACT: return text(it->contact ? it->contact->name : NULL);
	case C_PHONE: return text(it->contact ? it->contact->phone : NULL);
	case C_NOTES: return text(it->notes);
	case C_URL: return text(absolute(vc, a, vc->item[it->idx]->text[R_URL].s));
	}
	return text(NULL);
}

static dc_cell list_cell(const view_ctx *vc, const list *l, int id, arena *a)
{
	switch (id) {
	case C_ID: return text(l->id);
	case C_TITLE: return text(l->title);
	case C_KIND: return text(list_kind_id(l->kind));
	case C_DISTRICT: return text(l->district ? l->district->id : NULL);
	case C_DISTRICT_NAME: return text(l->district ? l->district->name : NULL);
	case C_STREET: return text(l->street ? l->street->id : NULL);
	case C_STREET_NAME: return text(l->street ? l->street->name : NULL);
	case C_PUBLISHER: return text(l->publisher);
	case C_PUBLISHED: return date(l->published);
	case C_DEADLINE: return date(l->deadline);
	case C_EVENT: return text(l->event ? l->event->id : NULL);
	case C_FUND: return text(l->fund);
	case C_ITEMS: return integer((long long)l->nitems);
	case C_OPEN: return integer((long long)list_open_items(l));
	case C_TOTAL: return number((amount){ l->total_budget, l->total_given || l->budget_items > 0 });
	case C_BUDGET_SUM: return number((amount){ l->budget_sum, l->budget_items > 0 });
	case C_URL: return text(absolute(vc, a, vc->list_url[l->idx]));
	}
	return text(NULL);
}

static dc_cell event_cell(const view_ctx *vc, const event *e, int id, arena *a)
{
	switch (id) {
	case C_ID: return text(e->id);
	case C_TITLE: return text(e->title);
	case C_DATE: return date(e->date);
	case C_END_DATE: return date(e->end_date);
	case C_TIME: return text(e->time);
	case C_DISTRICT: return text(e->district ? e->district->id : NULL);
	case C_STREET: return text(e->street ? e->street->id : NULL);
	case C_VENUE: return text(e->venue);
	case C_ORGANIZER: return list_of(e->organizer);
	case C_LISTS: {
		strs l = { arena_alloc(a, (e->nlists + 1) * sizeof *l.v), e->nlists };
		for (size_t i = 0; i < e->nlists; i++)
			l.v[i] = e->lists[i]->id;
		return list_of(l);
	}
	case C_CATEGORIES: return list_of(category_ids(a, e->categories, e->ncategories));
	case C_URL: return text(absolute(vc, a, vc->event_url[e->idx]));
	}
	return text(NULL);
}

static dc_cell org_cell(const view_ctx *vc, const org *o, int id, arena *a)
{
	switch (id) {
	case C_ID: return text(o->id);
	case C_NAME: return text(o->name);
	case C_KIND: return text(org_kind_id(o->kind));
	case C_DISTRICT: return text(o->district ? o->district->id : NULL);
	case C_STREET: return text(o->street ? o->street->id : NULL);
	case C_SERVICES: return list_of(category_ids(a, o->services, o->nservices));
	case C_AREAS: return list_of(areas(a, o->areas, o->nareas, false));
	case C_POOL: {
		strs l = { arena_alloc(a, (o->npool + 1) * sizeof *l.v), o->npool };
		for (size_t i = 0; i < o->npool; i++)
			l.v[i] = arena_printf(a, "%lld", o->pool[i]);
		return list_of(l);
	}
	case C_CONTACT: return text(o->contact ? o->contact->name : NULL);
	case C_PHONE: return text(o->contact ? o->contact->phone : NULL);
	case C_EMAIL: return text(o->contact ? o->contact->email : NULL);
	case C_WEBSITE: return text(o->website);
	case C_FOUNDED: return o->founded ? integer(o->founded) : text(NULL);
	case C_SUMMARY: return text(o->summary);
	case C_URL: return text(absolute(vc, a, vc->org_url[o->idx]));
	}
	return text(NULL);
}

void dc_cells(const view_ctx *vc, dc_table t, const void *rec, dc_cell *out, arena *a)
{
	const dc_def *d = &dc_tables[t];
	for (size_t c = 0; c < d->ncols; c++) {
		int id = d->cols[c].id;
		switch (t) {
		case DC_NEEDS:
		case DC_SUPPLY: out[c] = item_cell(vc, rec, id, a); break;
		case DC_LISTS: out[c] = list_cell(vc, rec, id, a); break;
		case DC_EVENTS: out[c] = event_cell(vc, rec, id, a); break;
		case DC_ORGS: out[c] = org_cell(vc, rec, id, a); break;
		case DC_TABLE_COUNT: break;
		}
	}
}
