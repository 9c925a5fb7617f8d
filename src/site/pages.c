/* pages: the table of page kinds (see pages.h) and the enumeration of
 * every page it implies. */
#include "pages.h"

#include "view_follow.h"
#include "view_index.h"
#include "view_match.h"
#include "view_print.h"
#include "view_record.h"
#include "view_search.h"
#include "view_stats.h"
#include "xalloc.h"

/* ---- which records have a page ---- */

#define RECORDS(fn, arr, n)                                                \
	static size_t fn##_n(const site *s, const site_index *ix, const void *parent) \
	{                                                                  \
		(void)parent;                                              \
		return s->n;                                               \
	}                                                                  \
	static const void *fn##_at(const site *s, const site_index *ix, const void *parent, size_t i) \
	{                                                                  \
		(void)parent;                                              \
		return s->arr[i];                                          \
	}
RECORDS(lists, lists, nlists)
RECORDS(items, items, nitems)
RECORDS(districts, districts, ndistricts)
RECORDS(streets, streets, nstreets)
RECORDS(categories, categories, ncategories)
RECORDS(events, events, nevents)
RECORDS(cases, cases, ncases)
RECORDS(orgs, orgs, norgs)
RECORDS(free_pages, free_pages, nfree_pages)
#undef RECORDS

static size_t communities_n(const site *s, const site_index *ix, const void *parent)
{
	return ((const street *)parent)->ncommunities;
}

static const void *communities_at(const site *s, const site_index *ix, const void *parent, size_t i)
{
	return ((const street *)parent)->communities[i];
}

/* a street's one page of open needs: its record is the street */
static size_t one_n(const site *s, const site_index *ix, const void *parent)
{
	return 1;
}

static const void *parent_at(const site *s, const site_index *ix, const void *parent, size_t i)
{
	return parent;
}

/* a status page's record is its entry of status_names */
static size_t statuses_n(const site *s, const site_index *ix, const void *parent)
{
	return STATUS_SHOWN_COUNT;
}

static const void *statuses_at(const site *s, const site_index *ix, const void *parent, size_t i)
{
	return &status_names[i];
}

/* a district's match cells (match.h): a page each */
static size_t cells_n(const site *s, const site_index *ix, const void *parent)
{
	const district *d = parent;
	return ix->match->district_cells[d->idx + 1] - ix->match->district_cells[d->idx];
}

static const void *cells_at(const site *s, const site_index *ix, const void *parent, size_t i)
{
	const district *d = parent;
	return &ix->match->cells[ix->match->district_cells[d->idx] + i];
}

/* one-page versions have no records of their own: pages_enumerate adds
 * one after the last page of each index that has one */
static size_t no_recs(const site *s, const site_index *ix, const void *parent)
{
	return 0;
}

/* ---- the items an index lists ---- */

static const itemset *needs_items(const site_index *ix, const void *rec) { return &ix->needs; }
static const itemset *supply_items(const site_index *ix, const void *rec) { return &ix->supply; }

static const itemset *status_items(const site_index *ix, const void *rec)
{
	return &ix->status[((const enum_name *)rec)->val];
}

static const itemset *district_items(const site_index *ix, const void *rec)
{
	return &ix->district_needs[((const district *)rec)->idx];
}

static const itemset *street_items(const site_index *ix, const void *rec)
{
	return &ix->street_needs[((const street *)rec)->idx];
}

static const itemset *community_items(const site_index *ix, const void *rec)
{
	return &ix->community_needs[((const community *)rec)->idx];
}

static const itemset *category_items(const site_index *ix, const void *rec)
{
	return &ix->category_items[((const category *)rec)->index];
}

/* ---- how many entries a page lists ---- */

static size_t count_lists(const site_index *ix, const void *rec) { return ix->lists.n; }
static size_t count_needs(const site_index *ix, const void *rec) { return needs_items(ix, rec)->n; }
static size_t count_supply(const site_index *ix, const void *rec) { return supply_items(ix, rec)->n; }

static size_t count_status(const site_index *ix, const void *rec) { return status_items(ix, rec)->n; }

static size_t count_district(const site_index *ix, const void *rec) { return district_items(ix, rec)->n; }

static size_t count_street(const site_index *ix, const void *rec) { return street_items(ix, rec)->n; }

static size_t count_community(const site_index *ix, const void *rec) { return community_items(ix, rec)->n; }

static size_t count_category(const site_index *ix, const void *rec) { return category_items(ix, rec)->n; }

#define TOP PG_KIND_COUNT
const page_kind_def page_kinds[PG_KIND_COUNT] = {
	[PG_HOME] = { "home", TOP, NULL, NULL, NULL, view_home },
	[PG_LISTS] = { "lists", TOP, NULL, NULL, count_lists, view_lists },
	[PG_LIST] = { "list", TOP, lists_n, lists_at, NULL, view_list },
	[PG_ITEM] = { "item", TOP, items_n, items_at, NULL, view_item },
	[PG_NEEDS] = { "items", TOP, NULL, NULL, count_needs, view_items, needs_items },
	[PG_SUPPLY] = { "items", TOP, NULL, NULL, count_supply, view_items, supply_items },
	[PG_DISTRICTS] = { "districts", TOP, NULL, NULL, NULL, view_districts },
	[PG_DISTRICT] = { "district", TOP, districts_n, districts_at, count_district, view_district,
			  district_items },
	[PG_STREET] = { "street", TOP, streets_n, streets_at, count_street, view_street, street_items },
	[PG_COMMUNITY] = { "community", PG_STREET, communities_n, communities_at, count_community,
			   view_community, community_items },
	[PG_STREET_OPEN] = { "street-open", PG_STREET, one_n, parent_at, NULL, view_street_open },
	[PG_MATCH] = { "match", PG_DISTRICT, cells_n, cells_at, NULL, view_match },
	[PG_CATEGORIES] = { "categories", TOP, NULL, NULL, NULL, view_categories },
	[PG_CATEGORY] = { "category", TOP, categories_n, categories_at, count_category, view_category,
			  category_items },
	[PG_STATUSES] = { "statuses", TOP, NULL, NULL, NULL, view_statuses },
	[PG_STATUS] = { "items", TOP, statuses_n, statuses_at, count_status, view_items, status_items },
	[PG_STATS] = { "stats", TOP, NULL, NULL, NULL, view_stats },
	[PG_EVENTS] = { "events", TOP, NULL, NULL, NULL, view_events },
	[PG_EVENT] = { "event", TOP, events_n, events_at, NULL, view_event },
	[PG_CASES] = { "cases", TOP, NULL, NULL, NULL, view_cases },
	[PG_CASE] = { "case", TOP, cases_n, cases_at, NULL, view_case },
	[PG_ORGS] = { "orgs", TOP, NULL, NULL, NULL, view_orgs },
	[PG_ORG] = { "org", TOP, orgs_n, orgs_at, NULL, view_org },
	[PG_PAGE] = { "page", TOP, free_pages_n, free_pages_at, NULL, view_free_page },
	[PG_PRINT] = { "print", TOP, no_recs, NULL, NULL, view_print },
	[PG_LIST_POSTER] = { "poster", TOP, lists_n, lists_at, NULL, view_list_poster },
	[PG_EVENT_POSTER] = { "poster", TOP, events_n, events_at, NULL, view_event_poster },
	[PG_FEEDS] = { "feeds", TOP, NULL, NULL, NULL, view_feeds },
	[PG_DATA] = { "data", TOP, NULL, NULL, NULL, view_data },
	[PG_NOT_FOUND] = { "404", TOP, NULL, NULL, NULL, view_not_found },
	[PG_SEARCH] = { "search", TOP, NULL, NULL, NULL, view_search },
};

bool pages_printable(const site_index *ix, const page_job *job, size_t *count)
{
	const page_kind_def *k = &page_kinds[job->kind];
	if (!k->items || job->npages < 2)
		return false;
	size_t n = k->items(ix, job->rec)->n;
	if (count)
		*count = n;
	return n <= PAGES_PRINT_MAX;
}

typedef struct jobs {
	const site *s;
	const site_index *ix;
	page_job *v;
	size_t n, cap;
} jobs;

/* The pages of one record (or of a kind without records): one, or as
 * many as its entries fill at per_page each. */
static void add(jobs *j, page_kind kind, const void *rec)
{
	const page_kind_def *k = &page_kinds[kind];
	size_t count = k->count ? k->count(j->ix, rec) : 0, per = (size_t)j->s->per_page;
	unsigned npages = count ? (unsigned)((count + per - 1) / per) : 1;
	for (unsigned p = 1; p <= npages; p++) {
		j->v = xgrow(j->v, &j->cap, j->n + 1, sizeof *j->v);
		j->v[j->n++] = (page_job){ .kind = kind, .rec = rec, .pageno = p, .npages = npages };
	}
	if (pages_printable(j->ix, &(page_job){ .kind = kind, .rec = rec, .pageno = 1, .npages = npages }, NULL)) {
		j->v = xgrow(j->v, &j->cap, j->n + 1, sizeof *j->v);
		j->v[j->n++] = (page_job){ .kind = PG_PRINT, .rec = rec, .pageno = 1, .npages = 1, .of = kind };
	}
}

/* Kind `kind`'s pages under `parent` (NULL at the top), each followed by
 * its children's. */
static void add_kind(jobs *j, page_kind kind, const void *parent)
{
	const page_kind_def *k = &page_kinds[kind];
	size_t n = k->nrecs ? k->nrecs(j->s, j->ix, parent) : 1;
	for (size_t i = 0; i < n; i++) {
		const void *rec = k->nrecs ? k->rec(j->s, j->ix, parent, i) : NULL;
		add(j, kind, rec);
		for (int c = 0; c < PG_KIND_COUNT; c++)
			if (page_kinds[c].parent == kind)
				add_kind(j, (page_kind)c, rec);
	}
}

page_job *pages_enumerate(const site *s, const site_index *ix, size_t *n)
{
	jobs j = { .s = s, .ix = ix };
	for (int k = 0; k < PG_KIND_COUNT; k++)
		if (page_kinds[k].parent == TOP)
			add_kind(&j, (page_kind)k, NULL);
	*n = j.n;
	return j.v;
}
