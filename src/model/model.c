/* model: the model's enumerations, as content writes them and pages show
 * them (model.h). The loader parses content with these same tables. */
#include "model.h"

const enum_name status_names[STATUS_SHOWN_COUNT] = {
	{ STATUS_OPEN, "open", "待认领", "未认领|可认领|开放|征集中|open to claim" },
	{ STATUS_NEGOTIATING, "negotiating", "洽谈中", "对接中|协商中|沟通中" },
	{ STATUS_CLAIMED, "claimed", "已认领", "已对接|已承接|已领取" },
	{ STATUS_IN_PROGRESS, "in-progress", "实施中", "进行中|执行中|推进中|服务中|in progress|ongoing" },
	{ STATUS_COMPLETED, "completed", "已完成", "完成|已结项|结项|已结束|done|finished" },
	{ STATUS_CLOSED, "closed", "已关闭", "关闭|已取消|取消|撤销|cancelled" },
	{ STATUS_EXPIRED, "expired", "已截止", NULL },
};

const enum_name list_kind_names[3] = {
	{ LIST_NEEDS, "needs", "需求清单", NULL },
	{ LIST_SUPPLY, "supply", "供给清单", NULL },
	{ LIST_PAIN_POINTS, "pain-points", "痛点清单", NULL },
};

const enum_name org_kind_names[ORG_KIND_COUNT] = {
	{ ORG_SOCIAL_ORG, "social-organization", "社会组织", NULL },
	{ ORG_SOCIAL_ENTERPRISE, "social-enterprise", "社会企业", NULL },
	{ ORG_ENTERPRISE, "enterprise", "企业", NULL },
	{ ORG_ASSOCIATION, "association", "行业协会商会", NULL },
	{ ORG_VOLUNTEER, "volunteer-organization", "志愿服务组织", NULL },
	{ ORG_THINK_TANK, "think-tank", "专家智库", NULL },
	{ ORG_OTHER, "other", "其他", NULL },
};

const enum_name measure_names[MEASURE_COUNT - 1] = {
	{ MEASURE_NEEDS, "needs", "需求数", NULL },
	{ MEASURE_OFFERS, "offers", "供给数", NULL },
	{ MEASURE_ITEMS, "items", "条目数", NULL },
	{ MEASURE_BUDGET, "budget", "资金", NULL },
	{ MEASURE_LISTS, "lists", "清单数", NULL },
	{ MEASURE_CATEGORIES, "categories", "类别数", NULL },
	{ MEASURE_COMMUNITIES, "communities", "社区数", NULL },
	{ MEASURE_CLAIMED, "claimed", "认领数", NULL },
};

const char *status_id(item_status st)
{
	return (unsigned)st < STATUS_SHOWN_COUNT ? status_names[st].en : "open";
}

const char *status_label(item_status st, list_kind kind)
{
	if (kind == LIST_SUPPLY && st == STATUS_OPEN)
		return "可对接";
	return (unsigned)st < STATUS_SHOWN_COUNT ? status_names[st].zh : "";
}

const char *list_kind_id(list_kind k)
{
	return (unsigned)k < 3 ? list_kind_names[k].en : "needs";
}

const char *list_kind_label(list_kind k)
{
	return (unsigned)k < 3 ? list_kind_names[k].zh : "";
}

const char *org_kind_id(org_kind k)
{
	return (unsigned)k < ORG_KIND_COUNT ? org_kind_names[k].en : "other";
}

const char *org_kind_label(org_kind k)
{
	return (unsigned)k < ORG_KIND_COUNT ? org_kind_names[k].zh : "其他";
}

/* ---- what makes two items the same project ---- */

/* the community, else the street, else the offering organisation (two
 * organisations may offer the same service) */
const char *item_repeat_where(const item *it)
{
	return it->community ? it->community->id : it->street ? it->street->id : it->org ? it->org->id : "";
}

const char *item_repeat_street(const item *it)
{
	return it->community ? it->community->street->id : "";
}

uint64_t item_repeat_hash(const item *it)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a over the parts, 0x1f between */
	const char *parts[3] = { it->title, item_repeat_street(it), item_repeat_where(it) };
	h = (h ^ (uint64_t)it->list->kind) * 1099511628211ull;
	for (int i = 0; i < 3; i++) {
		for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
			h = (h ^ *p) * 1099511628211ull;
		h = (h ^ 0x1f) * 1099511628211ull;
	}
	return h;
}

void static_file_size(static_file *f)
{
	if (f->sized)
		return;
	imgsize sz = { 0 };
	f->size_is = imgsize_of_file(f->src, &sz);
	f->width = sz.width; /* 0 x 0 unless read */
	f->height = sz.height;
	f->sized = true;
}

const char *claimant_id(arena *a, const claimant *c)
{
	switch (c->kind) {
	case CLAIMANT_ORG: return c->org->id;
	case CLAIMANT_STREET: return c->street->id;
	case CLAIMANT_COMMUNITY: break;
	}
	return arena_printf(a, "%s/%s", c->community->street->id, c->community->id);
}

const char *claimant_name(const claimant *c)
{
	switch (c->kind) {
	case CLAIMANT_ORG: return c->org->name;
	case CLAIMANT_STREET: return c->street->name;
	case CLAIMANT_COMMUNITY: break;
	}
	return c->community->name;
}
