/* opendata: CSV and JSON of the open data (see opendata.h). */
#include "opendata.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* a list cell's texts, joined with 、 */
static void csv_list(buf *out, strs l, arena *a)
{
	buf j = BUF_INIT;
	dc_join(&j, l);
	esc_csv_field(out, j.ptr, j.len);
	buf_free(&j);
}

static void csv_cell(buf *out, const dc_col *col, const dc_cell *c, arena *a)
{
	if (!c->set)
		return;
	char d[11];
	switch (col->type) {
	case DC_TEXT: esc_csv_field(out, c->s, strlen(c->s)); break;
	case DC_NUMBER: value_fmt_double(c->num, out); break; /* digits, '.', '-': never a formula */
	case DC_INT: buf_puti(out, c->i); break;
	case DC_DATE: date_format(c->date, d), buf_puts(out, d); break;
	case DC_BOOL: buf_puts(out, c->b ? "是" : "否"); break;
	case DC_LIST: csv_list(out, c->list, a); break;
	}
}

void opendata_csv(const view_ctx *vc, dc_table t, const void *const *recs, size_t n, buf *out, arena *a)
{
	const dc_def *d = &dc_tables[t];
	dc_cell *cells = arena_alloc(a, d->ncols * sizeof *cells);
	buf_puts(out, "\xEF\xBB\xBF");
	for (size_t c = 0; c < d->ncols; c++) {
		if (c)
			buf_putc(out, ',');
		esc_csv_field(out, d->cols[c].zh, strlen(d->cols[c].zh));
	}
	buf_puts(out, "\r\n");
	for (size_t r = 0; r < n; r++) {
		dc_cells(vc, t, recs[r], cells, a);
		for (size_t c = 0; c < d->ncols; c++) {
			if (c)
				buf_putc(out, ',');
			csv_cell(out, &d->cols[c], &cells[c], a);
		}
		buf_puts(out, "\r\n");
	}
}

static void json_cell(buf *out, const dc_col *col, const dc_cell *c)
{
	if (!c->set && col->type != DC_LIST) {
		buf_puts(out, "null");
		return;
	}
	char d[11];
	switch (col->type) {
	case DC_TEXT: esc_json_str(out, c->s); break;
	case DC_NUMBER: value_fmt_double(c->num, out); break;
	case DC_INT: buf_puti(out, c->i); break;
	case DC_DATE: date_format(c->date, d), buf_printf(out, "\"%s\"", d); break;
	case DC_BOOL: buf_puts(out, c->b ? "true" : "false"); break;
	case DC_LIST:
		buf_putc(out, '[');
		for (size_t i = 0; c->set && i < c->list.n; i++) {
			if (i)
				buf_putc(out, ',');
			esc_json_str(out, c->list.v[i]);
		}
		buf_putc(out, ']');
		break;
	}
}

/* {"date": ..., "license": ..., "count": n, "<key>": [ */
static void json_head(const view_ctx *vc, buf *out, size_t n, const char *key)
{
	char d[11];
	date_format(vc->s->today, d);
	buf_printf(out, "{\"date\":\"%s\",\"license\":", d);
	if (vc->s->data_license)
		esc_json_str(out, vc->s->data_license);
	else
		buf_puts(out, "null");
	buf_printf(out, ",\"count\":%zu,\"%s\":[", n, key);
}

void opendata_json(const view_ctx *vc, dc_table t, const void *const *recs, size_t n, buf *out, arena *a)
{
	const dc_def *d = &dc_tables[t];
	dc_cell *cells = arena_alloc(a, d->ncols * sizeof *cells);
	json_head(vc, out, n, "records");
	for (size_t r = 0; r < n; r++) {
		dc_cells(vc, t, recs[r], cells, a);
		buf_puts(out, r ? ",\n{" : "\n{");
		for (size_t c = 0; c < d->ncols; c++) {
			buf_printf(out, "%s\"%s\":", c ? "," : "", d->cols[c].key);
			json_cell(out, &d->cols[c], &cells[c]);
		}
		buf_putc(out, '}');
	}
	buf_puts(out, "\n]}\n");
}

static void json_kv(buf *out, const char *k, const char *v, bool first)
{
	buf_printf(out, "%s\"%s\":", first ? "" : ",", k);
	if (v)
		esc_json_str(out, v);
	else
		buf_puts(out, "null");
}

static const char *abs_url(const view_ctx *vc, const char *url, arena *a)
{
	return url_absolute(a, vc->s->base_url, vc->s->base_path, url);
}

void opendata_places_json(const view_ctx *vc, buf *out)
{
	const site *s = vc->s;
	arena a;
	arena_init(&a);
	json_head(vc, out, s->ndistricts, "districts");
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *d = s->districts[i];
		buf_puts(out, i ? ",\n{" : "\n{");
		json_kv(out, "id", d->id, true);
		json_kv(out, "name", d->name, false);
		json_kv(out, "url", abs_url(vc, vc->district_url[d->idx], &a), false);
		buf_puts(out, ",\"streets\":[");
		for (size_t j = 0; j < d->nstreets; j++) {
			const street *st = d->streets[j];
			buf_puts(out, j ? ",{" : "{");
			json_kv(out, "id", st->id, true);
			json_kv(out, "name", st->name, false);
			json_kv(out, "url", abs_url(vc, vc->street_url[st->idx], &a), false);
			buf_puts(out, ",\"communities\":[");
			for (size_t k = 0; k < st->ncommunities; k++) {
				const community *cm = st->communities[k];
				buf_puts(out, k ? ",{" : "{");
				json_kv(out, "id", cm->id, true);
				json_kv(out, "name", cm->name, false);
				json_kv(out, "url", abs_url(vc, vc->community_url[cm->idx], &a), false);
				buf_putc(out, '}');
			}
			buf_puts(out, "]}");
		}
		buf_puts(out, "]}");
	}
	buf_puts(out, "\n]}\n");
	arena_free(&a);
}

void opendata_categories_json(const view_ctx *vc, buf *out)
{
	const site *s = vc->s;
	arena a;
	arena_init(&a);
	json_head(vc, out, s->ncategories, "categories");
	for (size_t i = 0; i < s->ncategories; i++) {
		const category *c = s->categories[i];
		buf_puts(out, i ? ",\n{" : "\n{");
		json_kv(out, "id", c->id, true);
		json_kv(out, "name", c->name, false);
		json_kv(out, "group", c->group ? c->group->id : NULL, false);
		json_kv(out, "description", c->description, false);
		json_kv(out, "url", abs_url(vc, vc->category_url[c->index], &a), false);
		buf_putc(out, '}');
	}
	buf_puts(out, "\n]}\n");
	arena_free(&a);
}

static int by_no(const void *pa, const void *pb)
{
	const item *a = *(const item *const *)pa, *b = *(const item *const *)pb;
	return a->no < b->no ? -1 : a->no > b->no;
}

const void **opendata_list_items(const list *l, arena *a)
{
	const void **v = arena_alloc(a, (l->nitems + 1) * sizeof *v);
	for (size_t i = 0; i < l->nitems; i++)
		v[i] = l->items[i];
	qsort(v, l->nitems, sizeof *v, by_no);
	return v;
}
