/* lists: a published list and its items (needs, supply offers, pain
 * points), with the inheritance of street, fund, deadline and contact from
 * the list to its items and the numbering of items. */
#include <string.h>

#include "lists.h"
#include "resolve.h"

enum {
	L_TITLE, L_KIND, L_DISTRICT, L_STREET, L_PUBLISHER, L_PUBLISHED, L_DEADLINE, L_EVENT,
	L_FUND, L_TOTAL, L_CONTACT, L_BODY, L_ITEMS, L_COUNT
};
static const field list_fields[L_COUNT] = {
	[L_TITLE] = { "title", "标题" },
	[L_KIND] = { "kind", "类型" },
	[L_DISTRICT] = { "district", "区县" },
	[L_STREET] = { "street", "街道" },
	[L_PUBLISHER] = { "publisher", "发布单位" },
	[L_PUBLISHED] = { "published", "发布日期" },
	[L_DEADLINE] = { "deadline", "截止日期" },
	[L_EVENT] = { "event", "发布活动" },
	[L_FUND] = { "fund", "资金来源" },
	[L_TOTAL] = { "total_budget", "资金总额" },
	[L_CONTACT] = { "contact", "联系方式" },
	[L_BODY] = { "body", "正文" },
	[L_ITEMS] = { "items", "条目" },
};

/* Item fields of all three kinds; `kinds` says which kinds take each
 * (bit 1 << list_kind). */
enum {
	I_NO, I_TITLE, I_CATEGORY, I_COMMUNITY, I_STREET, I_BUDGET, I_SELF, I_FUND, I_BENEF,
	I_PERIOD, I_DEADLINE, I_STATUS, I_CLAIMED, I_CLAIMED_ALIAS, I_REQ, I_OUTCOMES, I_INDICATORS, I_CONTACT,
	I_TAGS, I_NOTES, I_DESC, I_ORG, I_AREAS, I_PRICE, I_COUNT
};
#define NEED (1u << LIST_NEEDS)
#define SUPPLY (1u << LIST_SUPPLY)
#define PAIN (1u << LIST_PAIN_POINTS)
static const field item_fields[I_COUNT] = {
	[I_NO] = { "no", "序号" },
	[I_TITLE] = { "title", "项目名称" },
	[I_CATEGORY] = { "category", "类别" },
	[I_COMMUNITY] = { "community", "社区" },
	[I_STREET] = { "street", "街道" },
	[I_BUDGET] = { "budget", "预算" },
	[I_SELF] = { "self_funding", "自筹资金" },
	[I_FUND] = { "fund", "资金来源" },
	[I_BENEF] = { "beneficiaries", "服务对象" },
	[I_PERIOD] = { "period", "实施周期" },
	[I_DEADLINE] = { "deadline", "截止日期" },
	[I_STATUS] = { "status", "状态" },
	[I_CLAIMED] = { "claimed_by", "认领单位" },
	/* the same field under the name supply lists use (双向认领) */
	[I_CLAIMED_ALIAS] = { "claimed_by", "认领方" },
	[I_REQ] = { "requirements", "项目要求" },
	[I_OUTCOMES] = { "outcomes", "期望成效" },
	[I_INDICATORS] = { "indicators", "基本指标" },
	[I_CONTACT] = { "contact", "联系方式" },
	[I_TAGS] = { "tags", "标签" },
	[I_NOTES] = { "notes", "备注" },
	[I_DESC] = { "description", "说明" },
	[I_ORG] = { "org", "提供单位" },
	[I_AREAS] = { "areas", "服务范围" },
	[I_PRICE] = { "price", "参考价格" },
};
static const unsigned item_kinds[I_COUNT] = {
	[I_NO] = NEED | SUPPLY | PAIN,
	[I_TITLE] = NEED | SUPPLY | PAIN,
	[I_CATEGORY] = NEED | SUPPLY | PAIN,
	[I_COMMUNITY] = NEED | PAIN,
	[I_STREET] = NEED | PAIN,
	[I_BUDGET] = NEED,
	[I_SELF] = NEED | SUPPLY,
	[I_FUND] = NEED | SUPPLY,
	[I_BENEF] = NEED | SUPPLY,
	[I_PERIOD] = NEED | SUPPLY,
	[I_DEADLINE] = NEED | SUPPLY,
	[I_STATUS] = NEED | SUPPLY,
	[I_CLAIMED] = NEED | SUPPLY,
	[I_CLAIMED_ALIAS] = NEED | SUPPLY,
	[I_REQ] = NEED | SUPPLY,
	[I_OUTCOMES] = NEED | SUPPLY,
	[I_INDICATORS] = NEED | SUPPLY,
	[I_CONTACT] = NEED | SUPPLY,
	[I_TAGS] = NEED | SUPPLY | PAIN,
	[I_NOTES] = NEED | SUPPLY | PAIN,
	[I_DESC] = NEED | SUPPLY | PAIN,
	[I_ORG] = SUPPLY,
	[I_AREAS] = SUPPLY,
	[I_PRICE] = SUPPLY,
};

static const char *item_what(list_kind k)
{
	return k == LIST_NEEDS ? "a need (需求)" : k == LIST_SUPPLY ? "a supply offer (供给)"
								 : "a pain point (痛点)";
}

static const field period_fields[] = { { "start", "开始" }, { "end", "结束" } };

static void load_period(loadctx *c, item *it, const value *v)
{
	if (v->kind != V_MAP) {
		fld_text(c, v, &it->period);
		return;
	}
	value *f[2];
	if (!fld_bind(c, v, period_fields, 2, f, "a period"))
		return;
	fld_date(c, f[0], &it->period_start);
	fld_date(c, f[1], &it->period_end);
	if (it->period_start != DATE_NONE && it->period_end != DATE_NONE &&
	    it->period_end < it->period_start)
		diag_error(c->d, f[1]->pos, "the period ends before it starts; check the two dates");
	char a[11], b[11];
	if (it->period_start != DATE_NONE)
		date_format(it->period_start, a);
	if (it->period_end != DATE_NONE)
		date_format(it->period_end, b);
	it->period = arena_printf(c->a, "%s 至 %s", it->period_start != DATE_NONE ? a : "",
				  it->period_end != DATE_NONE ? b : "");
}

static bool money(loadctx *c, const value *v, amount *out)
{
	if (!v || !fld_number(c, v, &out->v))
		return false;
	if (out->v < 0) {
		diag_error(c->d, v->pos, "amount %s is negative; amounts are in 万元 and at least 0", v->s);
		return false;
	}
	if (out->v >= 1e8) {
		diag_error(c->d, v->pos, "amount %s万元 is implausibly large; amounts are in 万元 (ten thousand yuan), e.g. 6.6",
			   v->s);
		return false;
	}
	out->set = true;
	return true;
}

/* Street and community of an item: its own, else the list's street. */
static void item_place(loadctx *c, item *it, const list *l, value **f)
{
	it->street = l->street;
	it->district = l->district;
	if (f[I_STREET]) {
		street *st = ref_street(c, f[I_STREET], l->district);
		if (st)
			it->street = st, it->district = st->district;
	}
	if (f[I_COMMUNITY]) {
		community *cm = ref_community(c, f[I_COMMUNITY], f[I_STREET] ? it->street : l->street,
					      l->district);
		if (cm) {
			it->community = cm;
			it->street = cm->street;
			it->district = cm->street->district;
		}
	}
}

static void load_item(loadctx *c, list *l, item *it, const value *v, long long *next_no)
{
	value *f[I_COUNT];
	const char *what = item_what(l->kind);
	it->list = l;
	it->pos = v->pos;
	it->deadline = l->deadline;
	it->fund = l->fund;
	it->contact = l->contact;
	it->period_start = it->period_end = DATE_NONE;
	it->no = *next_no;
	if (!fld_bind(c, v, item_fields, I_COUNT, f, what))
		return;
	for (int i = 0; i < I_COUNT; i++) {
		if (f[i] && !(item_kinds[i] & (1u << l->kind))) {
			diag_error(c->d, f[i]->pos, "'%s' (%s) does not apply to %s; remove it%s",
				   item_fields[i].en, item_fields[i].zh, what,
				   l->kind == LIST_SUPPLY && i == I_COMMUNITY ? " or use 'areas' (服务范围)"
				   : l->kind == LIST_SUPPLY && i == I_BUDGET ? " or use 'price' (参考价格)"
									     : "");
			f[i] = NULL;
		}
	}
	if (f[I_NO])
		fld_int(c, f[I_NO], 1, 1000000, &it->no);
	*next_no = it->no + 1;
	fld_text_required(c, f[I_TITLE], &item_fields[I_TITLE], v->pos, what, &it->title);
	if (!f[I_CATEGORY])
		fld_missing(c, v->pos, &item_fields[I_CATEGORY], what);
	else
		it->category = ref_category(c, f[I_CATEGORY]);
	/* a list whose own place is wrong would make every community look
	 * wrong too: report the list's error once, not once per item */
	if (l->kind != LIST_SUPPLY && !l->place_bad)
		item_place(c, it, l, f);
	if (f[I_BUDGET] && !money(c, f[I_BUDGET], &it->budget))
		l->budget_bad = true;
	money(c, f[I_SELF], &it->self_funding);
	fld_text(c, f[I_FUND], &it->fund);
	fld_text(c, f[I_BENEF], &it->beneficiaries);
	if (f[I_PERIOD])
		load_period(c, it, f[I_PERIOD]);
	fld_date(c, f[I_DEADLINE], &it->deadline);
	int st = STATUS_OPEN;
	if (f[I_STATUS])
		fld_enum(c, f[I_STATUS], &item_fields[I_STATUS], status_names, STATUS_COUNT, &st);
	it->status = (item_status)st;
	if (f[I_CLAIMED] && f[I_CLAIMED_ALIAS])
		diag_error(c->d, f[I_CLAIMED_ALIAS]->pos,
			   "认领方 and 认领单位 are the same field (claimed_by), given twice; keep one of them");
	else if (!f[I_CLAIMED])
		f[I_CLAIMED] = f[I_CLAIMED_ALIAS];
	it->nclaims = ref_claimants(c, f[I_CLAIMED], l->kind != LIST_SUPPLY, &it->claims);
	fld_markdown(c, f[I_REQ], &it->requirements);
	fld_markdown(c, f[I_DESC], &it->description);
	fld_strs(c, f[I_OUTCOMES], &it->outcomes);
	fld_strs(c, f[I_INDICATORS], &it->indicators);
	fld_strs(c, f[I_TAGS], &it->tags);
	fld_text(c, f[I_NOTES], &it->notes);
	fld_contact(c, f[I_CONTACT], &it->contact);
	if (l->kind == LIST_SUPPLY) {
		if (!f[I_ORG])
			fld_missing(c, v->pos, &item_fields[I_ORG], what);
		else
			it->org = ref_org(c, f[I_ORG]);
		it->nareas = ref_areas(c, f[I_AREAS], &it->areas);
		if (f[I_PRICE]) {
			if (f[I_PRICE]->kind == V_INT || f[I_PRICE]->kind == V_FLOAT)
				money(c, f[I_PRICE], &it->price);
			else
				fld_text(c, f[I_PRICE], &it->price_text);
		}
	}
	if (it->nclaims && it->status == STATUS_OPEN)
		diag_warn(c->d, f[I_CLAIMED]->pos,
			  l->kind == LIST_SUPPLY
				  ? "the offer has a claimant (认领方) but its status is still open (可对接); set "
				    "'status: claimed' (已认领), or 'negotiating' (洽谈中)"
				  : "the need has a claimant (认领单位) but its status is still open (待认领); set "
				    "'status: claimed' (已认领)");
	if (it->title)
		it->repeat_hash = item_repeat_hash(it);
}

void lists_load(loadctx *c, list *l, const doc *dc)
{
	value *f[L_COUNT];
	l->path = dc->path;
	l->pos = dc->root->pos;
	l->published = l->deadline = DATE_NONE;
	const char *what = "a list";
	if (!fld_bind(c, dc->root, list_fields, L_COUNT, f, what))
		return;
	fld_text_required(c, f[L_TITLE], &list_fields[L_TITLE], l->pos, what, &l->title);
	int kind = LIST_NEEDS;
	if (!f[L_KIND])
		fld_missing(c, l->pos, &list_fields[L_KIND], what);
	else
		fld_enum(c, f[L_KIND], &list_fields[L_KIND], list_kind_names, 3, &kind);
	l->kind = (list_kind)kind;
	ref_place(c, f[L_DISTRICT], f[L_STREET], l->pos, what, true, &l->district, &l->street);
	l->place_bad = (f[L_STREET] && !l->street) || (f[L_DISTRICT] && !l->district) ||
		       (!f[L_STREET] && !f[L_DISTRICT]);
	if (!fld_text(c, f[L_PUBLISHER], &l->publisher))
		l->publisher = l->street ? l->street->name : l->district ? l->district->name : NULL;
	if (!f[L_PUBLISHED])
		fld_missing(c, l->pos, &list_fields[L_PUBLISHED], what);
	else
		fld_date(c, f[L_PUBLISHED], &l->published);
	if (fld_date(c, f[L_DEADLINE], &l->deadline))
		l->deadline_pos = f[L_DEADLINE]->pos;
	if (f[L_EVENT])
		l->event = ref_event(c, f[L_EVENT]);
	fld_text(c, f[L_FUND], &l->fund);
	if (f[L_TOTAL]) {
		if (l->kind != LIST_NEEDS) {
			diag_error(c->d, f[L_TOTAL]->pos,
				   "'total_budget' (资金总额) applies to needs lists only; remove it");
		} else if (fld_number(c, f[L_TOTAL], &l->total_budget)) {
			l->total_given = true;
			l->total_pos = f[L_TOTAL]->pos;
		}
	}
	fld_contact(c, f[L_CONTACT], &l->contact);
	records_body(c, dc, f[L_BODY], &l->body);

	const value *items = f[L_ITEMS];
	if (!items) {
		fld_missing(c, l->pos, &list_fields[L_ITEMS], what);
		return;
	}
	if (items->kind != V_LIST) {
		diag_error(c->d, items->pos, "'items' (条目) must be a list of entries, each starting with '- ', not %s",
			   value_kind_name(items->kind));
		return;
	}
	l->items = arena_array(c->a, items->n ? items->n : 1, sizeof *l->items);
	strmap nos;
	strmap_init(&nos);
	long long next_no = 1;
	for (size_t i = 0; i < items->n; i++) {
		item *it = arena_alloc(c->a, sizeof *it);
		load_item(c, l, it, items->items[i], &next_no);
		/* the number as the map's key: its bytes, not text */
		const char *key = (const char *)&it->no;
		size_t klen = sizeof it->no;
		item *had = strmap_get(&nos, key, klen);
		if (had) {
			const value *nv = value_get(items->items[i], "no");
			if (!nv)
				nv = value_get(items->items[i], "序号");
			diag_error(c->d, nv ? nv->pos : it->pos,
				   "item number %lld is used twice in this list (first at line %u); number each item once, or leave 'no' (序号) out to count on from the previous item",
				   it->no, had->pos.line);
			continue;
		}
		strmap_put(&nos, key, klen, it);
		l->items[l->nitems++] = it;
		if (it->budget.set) {
			l->budget_sum += it->budget.v;
			l->budget_items++;
		}
	}
	strmap_free(&nos);
	if (!l->total_given)
		l->total_budget = l->budget_sum;
	if (!l->nitems && !items->n)
		diag_warn(c->d, items->pos, "the list has no items yet; add entries under 'items' (条目)");
}
