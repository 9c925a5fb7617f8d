/* filter_data: the filters' data files (see filter_data.h). */
#include "filter_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "strmap.h"
#include "xalloc.h"

/* A table of the file: each record's position in it, -1 until used. */
typedef struct table {
	int *at;     /* by the record's idx in the site */
	size_t *used; /* the idx of each entry, in order: what a reset clears */
	size_t n;
	buf json;    /* its entries, comma-separated */
} table;

typedef struct maker {
	const view_ctx *vc;
	arena *a;
	table districts, streets, communities, categories, statuses;
	buf bytes;    /* the files made so far, the one being made last */
	buf tmp;      /* a row's texts being made */
	const char **texts; /* row_texts, by item idx */
	size_t *text_len;
} maker;

static void table_init(table *t, size_t n)
{
	t->at = xcalloc(n + 1, sizeof *t->at);
	memset(t->at, 0xFF, (n + 1) * sizeof *t->at);
	t->used = xcalloc(n + 1, sizeof *t->used);
	t->n = 0;
	buf_init(&t->json);
}

/* Empty again for the next file: only the entries used are cleared (a
 * street's file uses a few of the site's thousands of communities). */
static void table_reset(table *t)
{
	for (size_t i = 0; i < t->n; i++)
		t->at[t->used[i]] = -1;
	t->n = 0;
	buf_reset(&t->json);
}

static void table_free(table *t)
{
	free(t->at);
	free(t->used);
	buf_free(&t->json);
}

/* Record `idx` in t: its position, its entry written on first use. */
static int table_use(table *t, size_t idx, const char *id, const char *name, int parent)
{
	if (t->at[idx] >= 0)
		return t->at[idx];
	if (t->n)
		buf_putc(&t->json, ',');
	buf_putc(&t->json, '[');
	esc_json_str(&t->json, id);
	buf_putc(&t->json, ',');
	esc_json_str(&t->json, name);
	if (parent != -2) {
		buf_putc(&t->json, ',');
		buf_puti(&t->json, parent);
	}
	buf_putc(&t->json, ']');
	t->used[t->n] = idx;
	t->at[idx] = (int)t->n++;
	return t->at[idx];
}

static void put_money(buf *b, amount m)
{
	if (!m.set) {
		buf_puts(b, "null");
		return;
	}
	view_money(m.v, b);
}

/* The part of an item's row that is the same in every file:
 * "url","title","org","num",budget,"deadline" (url under the base
 * path's folder); made once per item. */
static const char *row_texts(maker *mk, const item *it)
{
	if (mk->texts[it->idx])
		return mk->texts[it->idx];
	const view_ctx *vc = mk->vc;
	const item_view *v = vc->item[it->idx];
	buf *b = &mk->tmp;
	buf_reset(b);
	esc_json_str(b, url_rel(vc->s->base_path, v->text[R_URL].s));
	buf_putc(b, ',');
	esc_json_str(b, it->title);
	buf_putc(b, ',');
	esc_json_str(b, it->org ? it->org->name : NULL);
	buf_putc(b, ',');
	esc_json_str(b, v->text[R_NUM].s);
	buf_putc(b, ',');
	put_money(b, it->budget);
	buf_putc(b, ',');
	char day[11] = "";
	if (it->deadline != DATE_NONE)
		date_format(it->deadline, day);
	esc_json_str(b, day);
	mk->text_len[it->idx] = b->len;
	return mk->texts[it->idx] = arena_memdup(mk->a, b->ptr, b->len);
}

/* [url, title, org, num, budget, deadline, status, district, street,
 *  community, category] for one item. */
static void item_row(maker *mk, const item *it, bool first)
{
	buf *b = &mk->bytes;
	if (!first)
		buf_puts(b, ",\n");
	buf_putc(b, '[');
	const char *texts = row_texts(mk, it);
	buf_put(b, texts, mk->text_len[it->idx]);
	buf_putc(b, ',');
	int st = item_shown_status(it);
	if (it->list->kind == LIST_PAIN_POINTS)
		buf_puts(b, "-1");
	else
		buf_puti(b, table_use(&mk->statuses, (size_t)st, status_id((item_status)st),
				      status_label((item_status)st, it->list->kind), -2));
	int dist = -1, str = -1, com = -1, cat = -1;
	if (it->district)
		dist = table_use(&mk->districts, it->district->idx, it->district->id, it->district->name, -2);
	if (it->street)
		str = table_use(&mk->streets, it->street->idx, it->street->id, it->street->name, dist);
	if (it->community) { /* its id is its street's and its own: ids repeat across streets */
		const community *cm = it->community;
		com = mk->communities.at[cm->idx];
		if (com < 0)
			com = table_use(&mk->communities, cm->idx,
					arena_printf(mk->a, "%s/%s", cm->street->id, cm->id), cm->name, str);
	}
	if (it->category)
		cat = table_use(&mk->categories, it->category->index, it->category->id, it->category->name, -2);
	const int idx[4] = { dist, str, com, cat };
	for (int k = 0; k < 4; k++) {
		buf_putc(b, ',');
		buf_puti(b, idx[k]);
	}
	buf_putc(b, ']');
}

static void put_table(buf *out, const char *name, const table *t)
{
	buf_printf(out, ",\n\"%s\":[", name);
	buf_put(out, t->json.ptr, t->json.len);
	buf_putc(out, ']');
}

/* The file of the items of `set`: written straight after the files made
 * before, the items first and then the tables they filled. */
static void make_file(maker *mk, filter_file *f, const itemset *set, const char *name)
{
	const site *s = mk->vc->s;
	table_reset(&mk->districts);
	table_reset(&mk->streets);
	table_reset(&mk->communities);
	table_reset(&mk->categories);
	table_reset(&mk->statuses);
	buf *out = &mk->bytes;
	f->at = out->len;
	char today[11];
	date_format(s->today, today);
	buf_printf(out, "{\"today\":\"%s\",\n\"items\":[\n", today);
	for (size_t i = 0; i < set->n; i++)
		item_row(mk, set->v[i], i == 0);
	buf_putc(out, ']');
	put_table(out, "districts", &mk->districts);
	put_table(out, "streets", &mk->streets);
	put_table(out, "communities", &mk->communities);
	put_table(out, "categories", &mk->categories);
	put_table(out, "statuses", &mk->statuses);
	buf_puts(out, "}\n");
	f->len = out->len - f->at;
	f->nitems = set->n;
	f->path = url_asset(mk->a, name, strmap_hash(out->ptr + f->at, f->len));
	f->url = url_of(mk->a, s->base_path, f->path);
}

void fdata_build(filter_files *ff, const view_ctx *vc, arena *a)
{
	const site *s = vc->s;
	const site_index *ix = vc->ix;
	maker mk = { .vc = vc, .a = a, .bytes = BUF_INIT, .tmp = BUF_INIT };
	mk.texts = xcalloc(s->nitems + 1, sizeof *mk.texts);
	mk.text_len = xcalloc(s->nitems + 1, sizeof *mk.text_len);
	table_init(&mk.districts, s->ndistricts);
	table_init(&mk.streets, s->nstreets);
	table_init(&mk.communities, s->ncommunities);
	table_init(&mk.categories, s->ncategories);
	table_init(&mk.statuses, STATUS_SHOWN_COUNT);
	memset(ff, 0, sizeof *ff);
	/* sized once: an item is a row of about 110 bytes in the needs or
	 * supply file and again in its street's (230 per item at 10,000
	 * needs); grown by doubling, the buffer would touch twice the pages */
	buf_grow(&mk.bytes, 256 * s->nitems + 4096);
	make_file(&mk, &ff->needs, &ix->needs, "filters-needs.json");
	make_file(&mk, &ff->supply, &ix->supply, "filters-supply.json");
	ff->nstreets = s->nstreets;
	ff->street = arena_array(a, s->nstreets + 1, sizeof *ff->street);
	for (size_t i = 0; i < s->nstreets; i++) {
		const street *st = s->streets[i];
		make_file(&mk, &ff->street[st->idx], &ix->street_needs[st->idx],
			  arena_printf(a, "filters-street-%s.json", st->id));
	}
	table_free(&mk.districts);
	table_free(&mk.streets);
	table_free(&mk.communities);
	table_free(&mk.categories);
	table_free(&mk.statuses);
	buf_free(&mk.tmp);
	ff->bytes = buf_detach(&mk.bytes, NULL);
	ff->needs.data = ff->bytes + ff->needs.at;
	ff->supply.data = ff->bytes + ff->supply.at;
	for (size_t i = 0; i < ff->nstreets; i++)
		ff->street[i].data = ff->bytes + ff->street[i].at;
	free(mk.texts);
	free(mk.text_len);
}

void fdata_release(filter_files *ff)
{
	free(ff->bytes);
	ff->bytes = NULL;
	ff->needs.data = ff->supply.data = NULL;
	for (size_t i = 0; i < ff->nstreets; i++)
		ff->street[i].data = NULL;
}

const filter_file *fdata_of(const filter_files *ff, page_kind kind, const void *rec)
{
	if (!ff)
		return NULL;
	if (kind == PG_NEEDS)
		return &ff->needs;
	if (kind == PG_SUPPLY)
		return &ff->supply;
	if (kind == PG_STREET && rec)
		return &ff->street[((const street *)rec)->idx];
	return NULL;
}
