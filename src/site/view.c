/* view: what templates see. Per-record strings (URLs, formatted money)
 * computed once by view_init, each item's row texts gathered behind its
 * item_view, the values shared by every page kind's builder (maps whose
 * absent fields are null, shared keys), and item rows. The page kinds'
 * values are built in view_index.c and view_record.c. */
#include "view.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pages.h"
#include "par.h"
#include "strmap.h"
#include "view_parts.h"

/* ---- formatting ---- */

/* Two decimals at most, then no trailing zeros: 6.60 -> 6.6. Amounts are
 * bounded by the loader; whole cents are formatted by hand (printf's
 * float formatting is slow, and there is an amount on most rows). */
static size_t money_text(double v, char tmp[64])
{
	double cents = round(v * 100);
	if (!(fabs(cents) < 1e15)) { /* not bounded after all (or NaN) */
		int n = snprintf(tmp, 64, "%.0f", v);
		return n < 0 ? 0 : n >= 64 ? 63 : (size_t)n;
	}
	long long c = (long long)cents; /* -0.001 rounds to 0: no sign */
	unsigned long long u = c < 0 ? 0ull - (unsigned long long)c : (unsigned long long)c;
	char digits[24], *d = buf_fmt_int(digits, (long long)(u / 100));
	size_t n = 0;
	if (c < 0)
		tmp[n++] = '-';
	memcpy(tmp + n, d, (size_t)(digits + sizeof digits - d));
	n += (size_t)(digits + sizeof digits - d);
	unsigned frac = (unsigned)(u % 100);
	if (frac) {
		tmp[n++] = '.';
		tmp[n++] = (char)('0' + frac / 10);
		if (frac % 10)
			tmp[n++] = (char)('0' + frac % 10);
	}
	tmp[n] = '\0';
	return n;
}

void view_money(double v, buf *out)
{
	char tmp[64];
	buf_put(out, tmp, money_text(v, tmp));
}

void view_date_zh(qdate d, buf *out)
{
	int y, m, day;
	if (d == DATE_NONE)
		return;
	date_to_ymd(d, &y, &m, &day);
	buf_puti(out, y);
	buf_puts(out, "年");
	buf_puti(out, m);
	buf_puts(out, "月");
	buf_puti(out, day);
	buf_puts(out, "日");
}

const char *view_money_text(arena *a, double v)
{
	char tmp[64];
	size_t n = money_text(v, tmp);
	return arena_strndup(a, tmp, n);
}

const char *view_date_text(arena *a, qdate d)
{
	if (d == DATE_NONE)
		return NULL;
	buf b = BUF_INIT;
	view_date_zh(d, &b);
	const char *r = arena_strndup(a, b.ptr, b.len);
	buf_free(&b);
	return r;
}

const char *view_date_iso(arena *a, qdate d)
{
	if (d == DATE_NONE)
		return NULL;
	char b[11];
	date_format(d, b);
	return arena_strdup(a, b);
}

/* ---- value helpers ---- */

/* Key values by the address of their literal: the same twenty keys are
 * set in every item row of every page, so making each key once per thread
 * (rather than once per row) saves most of the allocation of a page's
 * values. An open-addressed table that never evicts: this file names a
 * few hundred keys, so it never fills (if it did, a key would simply be
 * made anew each time). */
#define KEY_SLOTS 1024
static _Thread_local struct {
	const char *lit;
	bool has; /* the key is "has_" + lit */
	value *key;
} key_tab[KEY_SLOTS];
static _Thread_local arena key_arena;

static value *make_key(const char *lit, bool has)
{
	return value_name(&key_arena, has ? arena_printf(&key_arena, "has_%s", lit) : lit);
}

static value *key_for(const char *lit, bool has)
{
	size_t h = (size_t)((((uintptr_t)lit + has) * 0x9E3779B97F4A7C15ull) >> 54);
	for (size_t probe = 0; probe < KEY_SLOTS; probe++) {
		size_t slot = (h + probe) & (KEY_SLOTS - 1);
		if (key_tab[slot].lit == lit && key_tab[slot].has == has)
			return key_tab[slot].key;
		if (!key_tab[slot].lit) {
			key_tab[slot].lit = lit;
			key_tab[slot].has = has;
			key_tab[slot].key = make_key(lit, has);
			return key_tab[slot].key;
		}
	}
	return make_key(lit, has);
}

static value *key_of(const char *lit)
{
	return key_for(lit, false);
}

void view_thread_end(void)
{
	arena_free(&key_arena);
	memset(key_tab, 0, sizeof key_tab);
}

/* The values every absent field shares: read-only, so any thread may
 * point at them. */
static value v_null = { .kind = V_NULL, .s = "", .weight = 1 };
static value v_false = { .kind = V_BOOL, .s = "false", .len = 5, .weight = 1 };
static value v_true = { .kind = V_BOOL, .s = "true", .len = 4, .u.b = true, .weight = 1 };

void view_set(arena *a, value *m, const char *k, value *v)
{
	value_set_kv(a, m, key_of(k), v ? v : &v_null);
}

void view_put(arena *a, value *m, const char *k, const char *s)
{
	view_set(a, m, k, s ? value_cstr(a, s) : &v_null);
}

void view_put_int(arena *a, value *m, const char *k, long long i)
{
	view_set(a, m, k, value_int(a, i));
}

void view_put_bool(arena *a, value *m, const char *k, bool b)
{
	view_set(a, m, k, b ? &v_true : &v_false);
}

void view_put_has(arena *a, value *m, const char *k, bool b)
{
	value_set_kv(a, m, key_for(k, true), b ? &v_true : &v_false);
}

value *view_rec(arena *a, size_t cap)
{
	return value_seal(value_map(a, cap));
}

/* md_images.size over the site's static files, published under static/ */
static bool static_image_size(const void *ctx, const char *path, unsigned *w, unsigned *h)
{
	if (strncmp(path, "static/", 7) != 0)
		return false;
	path += 7;
	const static_file *f = strmap_get(&((const site *)ctx)->static_paths, path, strlen(path));
	if (!f || !f->width || !f->height)
		return false;
	*w = f->width;
	*h = f->height;
	return true;
}

void view_put_md(const view_ctx *vc, arena *a, value *m, const char *k, const markdown_src *md,
	    const char **excerpt)
{
	if (excerpt)
		*excerpt = NULL;
	const char *h = NULL;
	buf e = BUF_INIT;
	if (md->text && md->len)
		h = md_render(a, md->text, md->len, vc->s->base_path, true, 100, excerpt ? &e : NULL, &vc->images);
	view_put(a, m, k, h);
	if (excerpt && h)
		*excerpt = arena_strndup(a, e.ptr, e.len);
	buf_free(&e);
}

value *view_link(arena *a, const char *title, const char *url)
{
	value *m = view_rec(a, 2);
	view_put(a, m, "title", title);
	view_put(a, m, "url", url);
	return m;
}

value *view_strs(arena *a, strs s)
{
	value *l = value_list(a, s.n);
	for (size_t i = 0; i < s.n; i++)
		value_push(a, l, value_cstr(a, s.v[i]));
	return l;
}

/* ---- per-record strings and item views ---- */

static vtext text(const char *s)
{
	return (vtext){ s, s ? strlen(s) : 0 };
}

/* Where own_end put a text in the item's own buffer. */
typedef struct own_text {
	size_t at, n;
	bool set;
} own_text;

/* End the text that began at `at` in own (NUL-terminated). */
static own_text own_end(buf *own, size_t at)
{
	own_text t = { at, own->len - at, true };
	buf_putc(own, '\0');
	return t;
}

/* The texts of one item's row (see item_view): the item's own ones (URL,
 * title, budget, deadline, price) are written one after another into a
 * buffer, then copied behind the struct. */
static const item_view *item_view_of(const view_ctx *vc, arena *a, const item *it)
{
	const site *s = vc->s;
	list_kind k = it->list->kind;
	int st = item_shown_status(it);
	buf own = BUF_INIT;
	own_text url, title, budget = { 0 }, deadline = { 0 }, days = { 0 }, price = { 0 };
	buf_puts(&own, s->base_path);
	url_loc(&(page_job){ .kind = PG_ITEM, .rec = it }, &own);
	url = own_end(&own, 0);
	buf_puts(&own, it->title);
	title = own_end(&own, url.n + 1);
	if (it->budget.set) {
		size_t at = own.len;
		view_money(it->budget.v, &own);
		budget = own_end(&own, at);
	}
	if (it->deadline != DATE_NONE) {
		size_t at = own.len;
		view_date_zh(it->deadline, &own);
		deadline = own_end(&own, at);
		/* what the deadline means today, for what can still be taken up */
		at = own.len;
		if (st == STATUS_OPEN) { /* (once past, the status says 已截止) */
			long long left = (long long)(it->deadline - s->today);
			if (left == 0) {
				buf_puts(&own, "今天截止");
			} else {
				buf_puts(&own, "还剩 ");
				buf_puti(&own, left);
				buf_puts(&own, " 天");
			}
		}
		if (own.len > at)
			days = own_end(&own, at);
	}
	if (it->price.set || it->price_text) {
		size_t at = own.len;
		if (it->price.set) {
			view_money(it->price.v, &own);
			buf_puts(&own, "万元");
		} else {
			buf_puts(&own, it->price_text);
		}
		price = own_end(&own, at);
	}
	item_view *v = arena_alloc_raw(a, sizeof *v + own.len);
	const char *base = memcpy(v + 1, own.ptr, own.len);
	buf_free(&own);
#define OWN(t) ((t).set ? (vtext){ base + (t).at, (t).n } : (vtext){ 0 })
	*v = (item_view){ .no = it->no };
	vtext *t = v->text;
	t[R_URL] = OWN(url);
	t[R_TITLE] = OWN(title);
	t[R_BUDGET] = OWN(budget);
	t[R_DEADLINE] = OWN(deadline);
	t[R_DAYS_LEFT] = OWN(days);
	t[R_PRICE] = OWN(price);
	t[R_KIND] = text(list_kind_id(k));
	t[R_KIND_LABEL] = text(k == LIST_NEEDS ? "需求" : k == LIST_SUPPLY ? "供给" : "痛点");
	t[R_LIST_TITLE] = text(it->list->title);
	t[R_LIST_URL] = text(vc->list_url[it->list->idx]);
	if (it->category) {
		t[R_CATEGORY] = text(it->category->name);
		t[R_CATEGORY_URL] = text(vc->category_url[it->category->index]);
	}
	if (it->street) {
		t[R_STREET] = text(it->street->name);
		t[R_STREET_URL] = text(vc->street_url[it->street->idx]);
	}
	if (it->community) {
		t[R_COMMUNITY] = text(it->community->name);
		t[R_COMMUNITY_URL] = text(vc->community_url[it->community->idx]);
	}
	if (k != LIST_PAIN_POINTS) {
		t[R_STATUS] = text(status_label((item_status)st, k));
		t[R_STATUS_ID] = text(status_id((item_status)st));
	}
	if (it->org) {
		t[R_ORG] = text(it->org->name);
		t[R_ORG_URL] = text(vc->org_url[it->org->idx]);
	}
	/* a table row's third and fifth cells, decided here once rather than
	 * by the template on every page the row is on: who (the provider, the
	 * community, else the street) and how much (price, else budget) */
	t[R_AT] = t[R_ORG].s ? t[R_ORG] : t[R_COMMUNITY].s ? t[R_COMMUNITY] : t[R_STREET];
	t[R_NUM] = t[R_ORG].s ? t[R_PRICE] : t[R_BUDGET];
#undef OWN
	return v;
}

static const char *const row_names[R_COUNT] = {
	[R_URL] = "url", [R_TITLE] = "title", [R_KIND] = "kind", [R_KIND_LABEL] = "kind_label",
	[R_LIST_TITLE] = "list_title", [R_LIST_URL] = "list_url", [R_CATEGORY] = "category",
	[R_CATEGORY_URL] = "category_url", [R_STREET] = "street", [R_STREET_URL] = "street_url",
	[R_COMMUNITY] = "community", [R_COMMUNITY_URL] = "community_url", [R_BUDGET] = "budget",
	[R_STATUS] = "status", [R_STATUS_ID] = "status_id", [R_DEADLINE] = "deadline",
	[R_DAYS_LEFT] = "days_left", [R_ORG] = "org",
	[R_ORG_URL] = "org_url", [R_PRICE] = "price", [R_AT] = "at", [R_NUM] = "num",
};

/* The texts a row shares with other rows (its list's, category's,
 * place's, organisation's and status's names and URLs, and budgets,
 * dates and numbers that recur), each made a value once per thread: a
 * row is then a map of mostly shared values, some 600 bytes instead of
 * 2.5 KB (every item's row is kept for the whole build). By the text's
 * bytes; `no` (a small number) by its value. */
typedef struct shared_vals {
	strmap val;
	value *no[256];
} shared_vals;

static value *shared_val(shared_vals *t, arena *a, vtext x)
{
	value *v = strmap_get(&t->val, x.s, x.n);
	if (!v) {
		v = value_str(a, x.s, x.n);
		strmap_put(&t->val, x.s, x.n, v);
	}
	return v;
}

static value *shared_no(shared_vals *t, arena *a, long long no)
{
	if (no < 0 || no >= 256)
		return value_int(a, no);
	if (!t->no[no])
		t->no[no] = value_int(a, no);
	return t->no[no];
}

/* Item views are made on several threads, each in its own arena. */
typedef struct item_views {
	view_ctx *vc;
	arena per[PAR_MAX];
	shared_vals shared[PAR_MAX];
} item_views;

static value *row_of(value *const *keys, arena *a, const item_view *v, shared_vals *shared);

static void item_view_one(void *ctx, unsigned worker, size_t i)
{
	item_views *v = ctx;
	arena *a = &v->per[worker];
	const item_view *iv = item_view_of(v->vc, a, v->vc->s->items[i]);
	v->vc->item[i] = iv;
	v->vc->row[i] = value_lasting(row_of(v->vc->row_keys, a, iv, &v->shared[worker]));
}

void view_init(view_ctx *vc, const site *s, const site_index *ix, arena *a, const char *css_url,
	       const char *share_image, unsigned nthreads)
{
	memset(vc, 0, sizeof *vc);
	vc->s = s;
	vc->ix = ix;
	vc->css_url = css_url;
	vc->share_image = share_image;
#define URLS(field, arr, count, k)                                                    \
	vc->field = arena_array(a, (count) ? (count) : 1, sizeof *vc->field);           \
	for (size_t i = 0; i < (count); i++)                                            \
		vc->field[i] = url_page(a, s->base_path, &(page_job){ .kind = (k), .rec = (arr)[i] });
	URLS(list_url, s->lists, s->nlists, PG_LIST);
	URLS(street_url, s->streets, s->nstreets, PG_STREET);
	URLS(district_url, s->districts, s->ndistricts, PG_DISTRICT);
	URLS(category_url, s->categories, s->ncategories, PG_CATEGORY);
	URLS(org_url, s->orgs, s->norgs, PG_ORG);
	URLS(event_url, s->events, s->nevents, PG_EVENT);
	URLS(community_url, ix->communities, s->ncommunities, PG_COMMUNITY);
#undef URLS
	const match_index *mx = ix->match;
	vc->cell_url = arena_array(a, mx->ncells ? mx->ncells : 1, sizeof *vc->cell_url);
	for (size_t i = 0; i < mx->ncells; i++)
		vc->cell_url[i] = url_page(a, s->base_path, &(page_job){ .kind = PG_MATCH, .rec = &mx->cells[i] });
	for (int k = 0; k < PG_KIND_COUNT; k++)
		if (!page_kinds[k].nrecs)
			vc->index_url[k] = url_index(a, s->base_path, (page_kind)k);
	menu_build(&vc->menu, s, a);
	vc->images = (md_images){ static_image_size, s };
	vc->item = arena_array(a, s->nitems ? s->nitems : 1, sizeof *vc->item);
	vc->row = arena_array(a, s->nitems ? s->nitems : 1, sizeof *vc->row);
	item_views vs = { .vc = vc };
	vc->row_keys[0] = value_name(a, "no");
	for (int f = 0; f < R_COUNT; f++)
		vc->row_keys[f + 1] = value_name(a, row_names[f]);
	for (int i = 0; i < PAR_MAX; i++)
		arena_init(&vs.per[i]);
	par_for(nthreads, s->nitems, 256, item_view_one, &vs);
	for (int i = 0; i < PAR_MAX; i++) {
		arena_adopt(a, &vs.per[i]);
		strmap_free(&vs.shared[i].val);
	}
	vc->site_values = view_site(vc, a, NULL);
	vc->site_key = value_name(a, "site");
}

/* The URL computed once in view_init for the first page of a record. */
static const char *record_url(const view_ctx *vc, const page_job *job)
{
	if (job->pageno > 1 || !job->rec)
		return NULL;
	switch (job->kind) {
	case PG_ITEM: return vc->item[((const item *)job->rec)->idx]->text[R_URL].s;
	case PG_LIST: return vc->list_url[((const list *)job->rec)->idx];
	case PG_DISTRICT: return vc->district_url[((const district *)job->rec)->idx];
	case PG_STREET: return vc->street_url[((const street *)job->rec)->idx];
	case PG_COMMUNITY: return vc->community_url[((const community *)job->rec)->idx];
	case PG_CATEGORY: return vc->category_url[((const category *)job->rec)->index];
	case PG_EVENT: return vc->event_url[((const event *)job->rec)->idx];
	case PG_ORG: return vc->org_url[((const org *)job->rec)->idx];
	case PG_MATCH: return vc->cell_url[((const match_cell *)job->rec)->idx];
	default: return NULL;
	}
}

const char *view_url(const view_ctx *vc, const page_job *job, arena *a)
{
	const char *known = record_url(vc, job);
	if (!known && !job->rec && job->pageno <= 1)
		known = vc->index_url[job->kind];
	return known ? known : url_page(a, vc->s->base_path, job);
}

/* ---- item rows ---- */


/* A row's map, made in one go from the item's view: every key, null
 * when the item has no such value (see value_seal). With `shared`, every
 * text but the item's own URL and title is a value made once for all
 * rows with that text (shared_val). */
static value *row_of(value *const *keys, arena *a, const item_view *v, shared_vals *shared)
{
	value *vals[R_COUNT + 1];
	vals[0] = shared ? shared_no(shared, a, v->no) : value_int(a, v->no);
	for (int f = 0; f < R_COUNT; f++) {
		vtext x = v->text[f];
		if (!x.s)
			vals[f + 1] = &v_null;
		else if (shared && f != R_URL && f != R_TITLE)
			vals[f + 1] = shared_val(shared, a, x);
		else
			vals[f + 1] = value_str(a, x.s, x.n);
	}
	return value_seal(value_map_of(a, R_COUNT + 1, keys, vals));
}

/* A row of one's own, for a page that adds to it (the item's page). */
value *view_item_row(const view_ctx *vc, arena *a, const item *it)
{
	return row_of(vc->row_keys, a, vc->item[it->idx], NULL);
}

value *view_item_field(const view_ctx *vc, const item *it, row_text f)
{
	/* row_of's order: `no`, then the R_* fields */
	const value *row = vc->row[it->idx];
	return row->items[2 * (f == R_COUNT ? 0 : (size_t)f + 1) + 1];
}

value *view_item_rows(const view_ctx *vc, arena *a, item *const *v, size_t n)
{
	value *l = value_list(a, n);
	for (size_t i = 0; i < n; i++)
		value_push(a, l, vc->row[v[i]->idx]);
	return l;
}
