/* view_int: helpers shared by view.c and view_pages.c (not for other
 * modules). All values are allocated in the page's scratch arena. */
#ifndef QD_VIEW_INT_H
#define QD_VIEW_INT_H
#include "markdown.h"
#include "view.h"

const char *vs_money(arena *a, double v);
const char *vs_date_zh(arena *a, qdate d);
const char *vs_date_iso(arena *a, qdate d);
/* m[k] = v (null when v is NULL), for a key `k` that is a string
 * literal: the key's value is made once per thread and shared (see
 * view_thread_end). Every name a row, card or record offers is set, to
 * null or false when the record has no such value, so that no template
 * reads it from an enclosing section. */
void vset(arena *a, value *m, const char *k, value *v);
/* m[k] = s, or null when s is NULL. */
void put(arena *a, value *m, const char *k, const char *s);
void put_int(arena *a, value *m, const char *k, long long i);
void put_bool(arena *a, value *m, const char *k, bool b);
/* A map for a row, card or record (sealed: see value_seal). */
value *rec_map(arena *a, size_t cap);
/* Set m[k] to the HTML of a Markdown text, when it has one; with
 * `excerpt`, also return its first 100 characters as plain text (one
 * parse for both; NULL when there is no text). */
void put_md(const view_ctx *vc, arena *a, value *m, const char *k, const markdown_src *md,
	    const char **excerpt);
value *link_v(arena *a, const char *title, const char *url);
value *strs_v(arena *a, strs s);
value *item_row(const view_ctx *vc, arena *a, const item *it);
value *item_rows(const view_ctx *vc, arena *a, item *const *v, size_t n);
value *pagination(const view_ctx *vc, arena *a, const page_job *job);
void page_slice(const view_ctx *vc, const page_job *job, size_t n, size_t *from, size_t *count);
value *site_v(const view_ctx *vc, arena *a, const char *current_url);
value *crumbs_v(arena *a);
void crumb(arena *a, value *crumbs, const char *title, const char *url);
void place_crumbs(const view_ctx *vc, arena *a, value *crumbs, const district *d, const street *st,
		  const community *cm);
value *page_v(const view_ctx *vc, arena *a, const page_job *job, const char *title,
	      const char *description, value *crumbs);

#endif
