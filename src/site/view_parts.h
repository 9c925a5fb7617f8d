/* view_parts: what the page builders (view_index.c, view_record.c)
 * share: value helpers, item rows (view.c), the page's root values and
 * the cards of records (view_parts.c). Not for other modules. All values
 * are allocated in the page's scratch arena. */
#ifndef QD_VIEW_PARTS_H
#define QD_VIEW_PARTS_H
#include "markdown.h"
#include "view.h"

/* ---- value helpers (view.c) ---- */

const char *view_money_text(arena *a, double v);
/* NULL for DATE_NONE */
const char *view_date_text(arena *a, qdate d);
const char *view_date_iso(arena *a, qdate d);
/* m[k] = v (null when v is NULL), for a key `k` that is a string
 * literal: the key's value is made once per thread and shared (see
 * view_thread_end). Every name a row, card or record offers is set, to
 * null or false when the record has no such value, so that no template
 * reads it from an enclosing section. */
void view_set(arena *a, value *m, const char *k, value *v);
/* m[k] = s, or null when s is NULL. */
void view_put(arena *a, value *m, const char *k, const char *s);
void view_put_int(arena *a, value *m, const char *k, long long i);
void view_put_bool(arena *a, value *m, const char *k, bool b);
/* m["has_" + k] = b, for a literal k (the key is made once per thread). */
void view_put_has(arena *a, value *m, const char *k, bool b);
/* m[k] = the HTML of a Markdown text (null when it has none); with
 * `excerpt`, also return its first 100 characters as plain text (one
 * parse for both; NULL when there is no text). */
void view_put_md(const view_ctx *vc, arena *a, value *m, const char *k, const markdown_src *md,
		 const char **excerpt);
/* A map for a row, card or record: sealed (value_seal). */
value *view_rec(arena *a, size_t cap);
/* {title, url}, sealed */
value *view_link(arena *a, const char *title, const char *url);
value *view_strs(arena *a, strs s);
/* An item's row (`no` and every R_* name), sealed: view_item_row makes
 * one in `a` for a page that adds to it; view_item_rows lists the rows
 * view_init made, which no page may change. */
value *view_item_row(const view_ctx *vc, arena *a, const item *it);
value *view_item_rows(const view_ctx *vc, arena *a, item *const *v, size_t n);
/* The value of field f of an item's shared row (a null value when the
 * item has none), or its `no` for f == R_COUNT: read-only, shared by
 * every page, so a table of its own can point at it rather than copy. */
value *view_item_field(const view_ctx *vc, const item *it, row_text f);

/* ---- the page's root values (view_parts.c) ---- */

/* `site`; `current_url` marks the menu entry of the page, if any. */
value *view_site(const view_ctx *vc, arena *a, const char *current_url);
value *view_crumbs(arena *a);
void view_crumb(arena *a, value *crumbs, const char *title, const char *url);
/* Breadcrumbs 区 › 街道 › 社区 for a place (any part may be NULL). */
void view_place_crumbs(const view_ctx *vc, arena *a, value *crumbs, const district *d, const street *st,
		       const community *cm);
value *view_pagination(const view_ctx *vc, arena *a, const page_job *job);
/* The slice of a paginated set of n entries that page `job` shows. */
void view_page_slice(const view_ctx *vc, const page_job *job, size_t n, size_t *from, size_t *count);
/* The map every template gets: site, page (title, url, description,
 * breadcrumbs, pagination); the builder adds the page's own values. */
value *view_root(const view_ctx *vc, arena *a, const page_job *job, const char *title,
		 const char *description, value *crumbs);

/* ---- cards: short forms of records, for indexes (view_parts.c) ---- */

value *view_list_card(const view_ctx *vc, arena *a, const list *l);
value *view_list_cards(const view_ctx *vc, arena *a, list *const *v, size_t n);
value *view_event_card(const view_ctx *vc, arena *a, const event *e);
value *view_event_cards(const view_ctx *vc, arena *a, event *const *v, size_t n);
value *view_case_cards(const view_ctx *vc, arena *a, case_study *const *v, size_t n);
/* A link to the street, else the district, else NULL. */
value *view_place_link(const view_ctx *vc, arena *a, const district *d, const street *st);
value *view_source(arena *a, const source_ref *src);
value *view_org_link(const view_ctx *vc, arena *a, const org *o);
/* {title, url, kind: org/street/community} of who claimed an item */
value *view_claimant(const view_ctx *vc, arena *a, const claimant *c);
value *view_category_links(const view_ctx *vc, arena *a, category *const *v, size_t n);
value *view_area_links(const view_ctx *vc, arena *a, const area *v, size_t n);
/* NULL when c is NULL */
value *view_contact(arena *a, const contact *c);
value *view_street_link(const view_ctx *vc, arena *a, const street *st);
value *view_streets_of(const view_ctx *vc, arena *a, const district *d);
value *view_category_entry(const view_ctx *vc, arena *a, const category *c);
/* m[k] = v, null when v is NULL or an empty list; a list also sets
 * has_<k>, so that a template can render a heading or a <ul> once around
 * it. */
void view_put_list(arena *a, value *m, const char *k, value *v);
/* A paginated set of item rows under "items", with its total count. */
void view_put_items(const view_ctx *vc, arena *a, value *m, const page_job *job, const itemset *set);
/* A place's open needs, the first thing its page shows: open_count and
 * has_open (0 is true to a template), nearest_deadline (最近的还剩 N 天截止,
 * or null), and with `max_rows` > 0 open_needs {items (rows of the open
 * needs of `needs`, soonest deadline first, at most max_rows), shown,
 * more, is_supply} (null when there are none). */
void view_put_open(const view_ctx *vc, arena *a, value *m, const itemset *needs, size_t open,
		   size_t max_rows);
/* A handout's printed footer: page.print_css, a print stylesheet whose
 * page margin carries the page's address and the build date (the page
 * numbers are the theme's, on every printed page). */
void view_put_print(const view_ctx *vc, arena *a, value *root);
/* `filters` for a page whose index can be filtered (needs, supply, a
 * street): {`data` (its data file's URL), `count` (items), `script`};
 * null elsewhere, or when nothing is written. */
void view_put_filters(const view_ctx *vc, arena *a, value *root, const page_job *job);
/* NULL for no texts */
value *view_strs_or_null(arena *a, strs s);

#endif
