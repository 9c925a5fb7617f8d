/* model: display labels and URL ids of the model's enumerations
 * (model.h). The loader parses these same words from content. */
#include "model.h"

static const char *const status_ids[STATUS_SHOWN_COUNT] = {
	"open", "negotiating", "claimed", "in-progress", "completed", "closed", "expired",
};
static const char *const status_labels[STATUS_SHOWN_COUNT] = {
	"待认领", "洽谈中", "已认领", "实施中", "已完成", "已关闭", "已截止",
};

const char *status_id(item_status st)
{
	return (unsigned)st < STATUS_SHOWN_COUNT ? status_ids[st] : "open";
}

const char *status_label(item_status st, list_kind kind)
{
	if (kind == LIST_SUPPLY && st == STATUS_OPEN)
		return "可对接";
	return (unsigned)st < STATUS_SHOWN_COUNT ? status_labels[st] : "";
}

const char *list_kind_id(list_kind k)
{
	return k == LIST_NEEDS ? "needs" : k == LIST_SUPPLY ? "supply" : "pain-points";
}

const char *list_kind_label(list_kind k)
{
	return k == LIST_NEEDS ? "需求清单" : k == LIST_SUPPLY ? "供给清单" : "痛点清单";
}

static const char *const org_ids[ORG_KIND_COUNT] = {
	"social-organization", "social-enterprise", "enterprise", "association",
	"volunteer-organization", "think-tank", "other",
};
static const char *const org_labels[ORG_KIND_COUNT] = {
	"社会组织", "社会企业", "企业", "行业协会商会", "志愿服务组织", "专家智库", "其他",
};

const char *org_kind_id(org_kind k)
{
	return k < ORG_KIND_COUNT ? org_ids[k] : "other";
}

const char *org_kind_label(org_kind k)
{
	return k < ORG_KIND_COUNT ? org_labels[k] : "其他";
}
