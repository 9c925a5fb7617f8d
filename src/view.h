/* view: turns records into the values templates see. Templates know
 * nothing of the model; they read maps of text, numbers and lists whose
 * names are documented in docs/templates.md. This module decides URLs
 * (all under the site's base path), labels, and how money and dates read.
 * Per-record strings (URLs, formatted amounts) are computed once in
 * view_init; each page's value tree is built in a scratch arena that the
 * caller resets after rendering the page, so memory stays flat. */
#ifndef QD_VIEW_H
#define QD_VIEW_H
#include "arena.h"
#include "index.h"
#include "model.h"
#include "value.h"

typedef enum page_kind {
	PG_HOME,
	PG_LISTS,
	PG_LIST,
	PG_ITEM,
	PG_NEEDS,
	PG_SUPPLY,
	PG_DISTRICTS,
	PG_DISTRICT,
	PG_STREET,
	PG_COMMUNITY,
	PG_CATEGORIES,
	PG_CATEGORY,
	PG_STATUSES,
	PG_STATUS,
	PG_EVENTS,
	PG_EVENT,
	PG_CASES,
	PG_CASE,
	PG_ORGS,
	PG_ORG,
	PG_PAGE,
	PG_NOT_FOUND,
	PG_KIND_COUNT
} page_kind;

/* One page to produce: its kind, its record (or NULL), and for paginated
 * indexes its page number (1-based) and the page count. */
typedef struct page_job {
	page_kind kind;
	const void *rec;
	int status;          /* PG_STATUS: the shown status */
	unsigned pageno, npages;
} page_job;

/* A text and its length in bytes; s is NULL when there is none. */
typedef struct vtext {
	const char *s;
	size_t n;
} vtext;

/* The texts of an item's row in an index table, by the name templates
 * read them by (see docs/templates.md), in ROW_NAMES order. */
typedef enum row_text {
	R_URL, R_TITLE, R_KIND, R_KIND_LABEL, R_LIST_TITLE, R_LIST_URL, R_CATEGORY, R_CATEGORY_URL,
	R_STREET, R_STREET_URL, R_COMMUNITY, R_COMMUNITY_URL, R_BUDGET, R_STATUS, R_STATUS_ID,
	R_DEADLINE, R_ORG, R_ORG_URL, R_PRICE, R_COUNT
} row_text;

/* Everything an item's row shows, gathered once by view_init. An item
 * appears on a dozen index pages, in a different order on each; reading
 * its fields from the model costs a cache miss for each scattered string,
 * so the item's own texts are copied right behind this struct and a row
 * is built from one or two cache lines. */
typedef struct item_view {
	long long no;
	vtext text[R_COUNT]; /* .s NULL: the row has no such key */
} item_view;

typedef struct view_ctx {
	const site *s;
	const site_index *ix;
	const char *css_url;     /* the hashed stylesheet's URL */
	const char *share_image; /* absolute URL of the sharing image, or NULL */
	value *site_values;      /* `site`, built once, shared read-only */
	value *site_key;
	/* per record, by idx */
	const item_view **item;
	const char **list_url, **street_url, **district_url, **community_url;
	const char **category_url, **org_url, **event_url;
} view_ctx;

/* Compute the per-record strings, on up to `nthreads` threads.
 * Everything is allocated in `a`. */
void view_init(view_ctx *vc, const site *s, const site_index *ix, arena *a, const char *css_url,
	       const char *share_image, unsigned nthreads);
/* The template a page kind is rendered with ("list", "item", ...). */
const char *view_template(page_kind kind);
/* The output path of a page, relative to the output folder
 * ("lists/x/3/index.html"); allocated in `a`. */
const char *view_path(const view_ctx *vc, const page_job *job, arena *a);
/* The page's URL path under the base path ("/jihui/lists/x/3/"). */
const char *view_url(const view_ctx *vc, const page_job *job, arena *a);
/* How many items a paginated page kind lists for `rec` (0 for kinds that
 * are not paginated). */
size_t view_count(const view_ctx *vc, page_kind kind, const void *rec, int status);
/* Release this thread's shared map keys (call once a thread has rendered
 * its last page; values built before must not be used after). */
void view_thread_end(void);
/* Build the value tree the page's template receives, in `a`. */
value *view_page(const view_ctx *vc, const page_job *job, arena *a);

/* Money in 万元 as it reads on a page: at most two decimals, no trailing
 * zeros ("6.6", "241.2", "10"). */
void view_money(double v, buf *out);
/* A date as Chinese text ("2020年6月23日"). */
void view_date_zh(qdate d, buf *out);

#endif
