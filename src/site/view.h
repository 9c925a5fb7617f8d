/* view: turns records into the values templates see. Templates know
 * nothing of the model; they read maps of text, numbers and lists whose
 * names are documented in docs/templates.md. This module decides labels
 * and how money and dates read; URLs come from url.h. Per-record strings
 * (URLs, formatted amounts) are computed once in view_init; each page's
 * value tree is built in a scratch arena that the caller resets after
 * rendering the page, so memory stays flat.
 *
 * Rows, cards and records are sealed maps (value_seal) that define every
 * name they offer, null or false when the record has none: a template can
 * never show another record's value in a row (docs/templates.md). */
#ifndef QD_VIEW_H
#define QD_VIEW_H
#include "arena.h"
#include "index.h"
#include "markdown.h"
#include "menu.h"
#include "model.h"
#include "stats.h"
#include "url.h"
#include "value.h"

/* A text and its length in bytes; s is NULL when there is none. */
typedef struct vtext {
	const char *s;
	size_t n;
} vtext;

/* The texts of an item's row in an index table, by the name templates
 * read them by (see docs/templates.md), in row_names order (view.c). */
typedef enum row_text {
	R_URL, R_TITLE, R_KIND, R_KIND_LABEL, R_LIST_TITLE, R_LIST_URL, R_CATEGORY, R_CATEGORY_URL,
	R_STREET, R_STREET_URL, R_COMMUNITY, R_COMMUNITY_URL, R_BUDGET, R_STATUS, R_STATUS_ID,
	R_DEADLINE, R_DAYS_LEFT, R_ORG, R_ORG_URL, R_PRICE, R_AT, R_NUM, R_COUNT
} row_text;

/* Everything an item's row shows, gathered once by view_init. An item
 * appears on a dozen index pages, in a different order on each; reading
 * its fields from the model costs a cache miss for each scattered string,
 * so the item's own texts are copied right behind this struct and a row
 * is built from one or two cache lines. */
typedef struct item_view {
	long long no;
	vtext text[R_COUNT]; /* .s NULL: the item has no such value (null) */
} item_view;

struct search_files;
struct filter_files;

typedef struct view_ctx {
	const site *s;
	const site_index *ix;
	const site_stats *stats; /* set by the caller after view_init */
	/* the search index's files (search_files.h) and the search page's
	 * script URL, set by the caller after view_init; NULL when the run
	 * writes nothing */
	const struct search_files *search;
	const char *search_js;
	/* the filters' data files (filter_data.h) and script, set by the
	 * caller after view_init; NULL when the run writes nothing */
	const struct filter_files *filters;
	const char *filters_js;
	const char *css_url;     /* the hashed stylesheet's URL */
	const char *share_image; /* absolute URL of the sharing image, or NULL */
	value *site_values;      /* `site`, built once, shared read-only */
	md_images images;        /* Markdown images' sizes: the static files' */
	value *site_key;
	menu menu;               /* the main menu (menu.h); entries marked dup are left out */
	const char *index_url[PG_KIND_COUNT]; /* first page of each kind without a record */
	/* per record, by idx */
	const item_view **item;
	value **row;             /* each item's row map (view_item_rows), shared read-only */
	value *row_keys[R_COUNT + 1]; /* a row's keys: "no", then the R_* names */
	const char **list_url, **street_url, **district_url, **community_url;
	const char **category_url, **org_url, **event_url;
	const char **cell_url;   /* by match cell idx (match.h) */
} view_ctx;

/* Compute the per-record strings, on up to `nthreads` threads.
 * Everything is allocated in `a`. */
void view_init(view_ctx *vc, const site *s, const site_index *ix, arena *a, const char *css_url,
	       const char *share_image, unsigned nthreads);
/* The page's URL (url_page; the per-record ones computed by view_init are
 * not made again); in `a` when new. */
const char *view_url(const view_ctx *vc, const page_job *job, arena *a);
/* Release this thread's shared map keys (call once a thread has rendered
 * its last page; values built before must not be used after). */
void view_thread_end(void);

/* Money in 万元 as it reads on a page: at most two decimals, no trailing
 * zeros ("6.6", "241.2", "10"). */
void view_money(double v, buf *out);
/* A date as Chinese text ("2020年6月23日"). */
void view_date_zh(qdate d, buf *out);

/* The values of one page, built in `a` (pages.h names the builder of
 * each kind: view_index.h, view_record.h). */
typedef value *view_builder(const view_ctx *vc, arena *a, const page_job *job);

#endif
