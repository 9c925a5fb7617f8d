/* index: the groupings pages are made of — items by district, street,
 * community, category, status, organisation; lists, events and cases by
 * place; orgs by kind — built in one pass over the records after sorting
 * them once. Everything is read-only afterwards and owned by the arena.
 * Orders: lists newest first (published, then id); items in list order,
 * then by number, except open needs (open_needs, and the needs of
 * status[STATUS_OPEN]): soonest deadline first, none last; events and
 * cases newest first. */
#ifndef QD_INDEX_H
#define QD_INDEX_H
#include "model.h"

typedef struct itemset {
	item **v;
	size_t n;
} itemset;
typedef struct listset {
	list **v;
	size_t n;
} listset;
typedef struct eventset {
	event **v;
	size_t n;
} eventset;
typedef struct caseset {
	case_study **v;
	size_t n;
} caseset;
typedef struct orgset {
	org **v;
	size_t n;
} orgset;

typedef struct site_index {
	itemset items;                 /* every item, in order */
	listset lists;                 /* newest first */
	eventset events;               /* newest first */
	caseset cases;                 /* newest first */
	itemset needs, supply, pain;   /* by list kind */
	itemset open_needs;            /* needs shown 待认领, soonest deadline first */
	itemset status[STATUS_SHOWN_COUNT]; /* needs, then offers, by shown status */
	size_t status_needs[STATUS_SHOWN_COUNT]; /* how many of status[st] are needs */
	itemset *district_needs, *street_needs, *community_needs; /* [ndistricts] ... */
	/* how many of those are open (待认领, not past their deadline) */
	size_t *district_open, *street_open, *community_open;
	itemset *street_pain, *community_pain;
	itemset *category_items;       /* [ncategories]; a group has its children's too */
	category ***category_children; /* [ncategories] */
	size_t *category_nchildren;
	listset *district_lists, *street_lists;
	eventset *district_events, *street_events;
	caseset *district_cases, *street_cases, *community_cases;
	itemset *org_claimed, *org_offers; /* [norgs]: needs and offers it claimed; its offers */
	itemset *street_claimed, *community_claimed; /* offers a street or community claimed */
	caseset *org_cases;
	orgset org_kinds[ORG_KIND_COUNT];
	community **communities;       /* [ncommunities], by idx */
	/* what fits what (match.h), set by match_build's caller */
	const struct match_index *match;
	double open_budget;            /* sum of budgets of open needs, 万元 */
	double total_budget;           /* sum of needs lists' totals, 万元 */
} site_index;

/* Build the index of a loaded site (no errors). Linear in the number of
 * records, apart from one sort of lists, events and cases. */
site_index *index_build(const site *s);

/* Sort items soonest deadline first, those without one last, keeping the
 * order they are in otherwise (the order of what is still open). */
void index_sort_by_deadline(item **v, size_t n);

#endif
