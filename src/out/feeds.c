/* feeds: the site's Atom feeds (see feeds.h). */
#include "feeds.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "xalloc.h"

typedef enum { E_LIST, E_ITEM, E_EVENT, E_CASE } entry_kind;

typedef struct entry {
	qdate date;
	entry_kind kind;
	size_t idx;
	const void *rec;
} entry;

static int newest_first(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date > b->date ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* one feed's entries: indexes into the sorted entries, newest first */
typedef struct bucket {
	unsigned n;
	unsigned e[FEEDS_MAX];
} bucket;

typedef struct feeds {
	const view_ctx *vc;
	entry *e;
	size_t ne;
	/* site, then districts, streets, categories */
	bucket *b;
	size_t d0, s0, c0;
	const char *host;
	qdate newest;
} feeds;

static void add(bucket *b, unsigned e)
{
	if (b->n < FEEDS_MAX && (b->n == 0 || b->e[b->n - 1] != e))
		b->e[b->n++] = e;
}

static void add_place(feeds *f, unsigned e, const district *d, const street *st)
{
	if (d)
		add(&f->b[f->d0 + d->idx], e);
	if (st)
		add(&f->b[f->s0 + st->idx], e);
}

static void add_category(feeds *f, unsigned e, const category *c)
{
	for (; c; c = c->group)
		add(&f->b[f->c0 + c->index], e);
}

static void collect(feeds *f)
{
	const site *s = f->vc->s;
	f->e = xmalloc((s->nlists + s->nitems + s->nevents + s->ncases + 1) * sizeof *f->e);
	for (size_t i = 0; i < s->nlists; i++)
		if (s->lists[i]->published != DATE_NONE)
			f->e[f->ne++] = (entry){ s->lists[i]->published, E_LIST, i, s->lists[i] };
	for (size_t i = 0; i < s->nitems; i++)
		if (s->items[i]->list->published != DATE_NONE)
			f->e[f->ne++] = (entry){ s->items[i]->list->published, E_ITEM, i, s->items[i] };
	for (size_t i = 0; i < s->nevents; i++)
		if (s->events[i]->date != DATE_NONE)
			f->e[f->ne++] = (entry){ s->events[i]->date, E_EVENT, i, s->events[i] };
	for (size_t i = 0; i < s->ncases; i++)
		if (s->cases[i]->date != DATE_NONE)
			f->e[f->ne++] = (entry){ s->cases[i]->date, E_CASE, i, s->cases[i] };
	qsort(f->e, f->ne, sizeof *f->e, newest_first);
	f->newest = f->ne ? f->e[0].date : s->today;
	f->d0 = 1, f->s0 = f->d0 + s->ndistricts, f->c0 = f->s0 + s->nstreets;
	f->b = xcalloc(f->c0 + s->ncategories, sizeof *f->b);
	for (unsigned i = 0; i < f->ne; i++) {
		const entry *e = &f->e[i];
		add(&f->b[0], i);
		switch (e->kind) {
		case E_LIST: {
			const list *l = e->rec;
			add_place(f, i, l->district, l->street);
			break;
		}
		case E_ITEM: {
			const item *it = e->rec;
			add_place(f, i, it->district, it->street);
			add_category(f, i, it->category);
			break;
		}
		case E_EVENT: {
			const event *ev = e->rec;
			add_place(f, i, ev->district, ev->street);
			for (size_t c = 0; c < ev->ncategories; c++)
				add_category(f, i, ev->categories[c]);
			break;
		}
		case E_CASE: {
			const case_study *cs = e->rec;
			add_place(f, i, cs->district, cs->street);
			for (size_t c = 0; c < cs->ncategories; c++)
				add_category(f, i, cs->categories[c]);
			break;
		}
		}
	}
}

static void put_time(buf *out, qdate d)
{
	char t[11];
	date_format(d, t);
	buf_printf(out, "%sT00:00:00+08:00", t);
}

static void tag(buf *out, const feeds *f, const char *path)
{
	buf_puts(out, "tag:");
	esc_xml(out, f->host, strlen(f->host));
	buf_puts(out, ",2026:");
	esc_xml(out, path, strlen(path));
}

static void elem(buf *out, const char *name, const char *text)
{
	buf_printf(out, "<%s>", name);
	esc_xml(out, text, strlen(text));
	buf_printf(out, "</%s>\n", name);
}

/* " · "-separated parts, skipping the absent ones */
static void part(buf *b, const char *label, const char *s, size_t n, const char *unit)
{
	if (!s)
		return;
	if (b->len)
		buf_puts(b, " · ");
	buf_puts(b, label);
	buf_put(b, s, n);
	buf_puts(b, unit);
}

static void vpart(buf *b, const char *label, vtext t, const char *unit)
{
	part(b, label, t.s, t.n, unit);
}

static void spart(buf *b, const char *label, const char *s)
{
	part(b, label, s, s ? strlen(s) : 0, "");
}

/* the entry's title, its page, its category, its summary */
static void entry_texts(const feeds *f, const entry *e, const char **title, const char **url, const category **cat,
			buf *sum, arena *a)
{
	const view_ctx *vc = f->vc;
	*cat = NULL;
	switch (e->kind) {
	case E_LIST: {
		const list *l = e->rec;
		*title = l->title, *url = vc->list_url[l->idx];
		spart(sum, "", list_kind_label(l->kind));
		spart(sum, "", l->publisher);
		buf_printf(sum, " · 共%zu项", l->nitems);
		if (l->deadline != DATE_NONE) {
			buf b = BUF_INIT;
			view_date_zh(l->deadline, &b);
			part(sum, "截止", b.ptr, b.len, "");
			buf_free(&b);
		}
		break;
	}
	case E_ITEM: {
		const item *it = e->rec;
		const item_view *v = vc->item[it->idx];
		*title = it->title, *url = v->text[R_URL].s, *cat = it->category;
		vpart(sum, "", v->text[R_KIND_LABEL], "");
		spart(sum, "", it->list->title);
		vpart(sum, "", v->text[R_STREET], "");
		vpart(sum, "", v->text[R_COMMUNITY], "");
		vpart(sum, "", v->text[R_CATEGORY], "");
		vpart(sum, "", v->text[R_ORG], "");
		vpart(sum, "预算 ", v->text[R_BUDGET], " 万元");
		vpart(sum, "价格 ", v->text[R_PRICE], "");
		vpart(sum, "截止 ", v->text[R_DEADLINE], "");
		vpart(sum, "", v->text[R_STATUS], "");
		break;
	}
	case E_EVENT: {
		const event *ev = e->rec;
		*title = ev->title, *url = vc->event_url[ev->idx];
		buf b = BUF_INIT;
		view_date_zh(ev->date, &b);
		part(sum, "活动 · ", b.ptr, b.len, "");
		buf_free(&b);
		spart(sum, "", ev->time);
		spart(sum, "", ev->venue ? ev->venue : ev->street ? ev->street->name : ev->district ? ev->district->name : NULL);
		if (ev->nlists)
			buf_printf(sum, " · 发布清单%zu份", ev->nlists);
		break;
	}
	case E_CASE: {
		const case_study *cs = e->rec;
		*title = cs->title;
		*url = url_page(a, vc->s->base_path, &(page_job){ .kind = PG_CASE, .rec = cs });
		spart(sum, "案例", "");
		spart(sum, "", cs->community ? cs->community->name : cs->street ? cs->street->name
							    : cs->district ? cs->district->name : NULL);
		spart(sum, "", cs->model);
		break;
	}
	}
}

static void write_entry(const feeds *f, buf *out, const entry *e, arena *a)
{
	const char *title = NULL, *url = NULL;
	const category *cat;
	buf sum = BUF_INIT;
	entry_texts(f, e, &title, &url, &cat, &sum, a);
	const char *abs = url_absolute(a, f->vc->s->base_url, f->vc->s->base_path, url);
	buf_puts(out, "<entry>\n<id>");
	tag(out, f, url_rel(f->vc->s->base_path, url));
	buf_puts(out, "</id>\n");
	elem(out, "title", title);
	buf_puts(out, "<link rel=\"alternate\" type=\"text/html\" href=\"");
	esc_xml(out, abs, strlen(abs));
	buf_puts(out, "\"/>\n<updated>");
	put_time(out, e->date);
	buf_puts(out, "</updated>\n");
	if (cat) {
		buf_puts(out, "<category term=\"");
		esc_xml(out, cat->id, strlen(cat->id));
		buf_puts(out, "\" label=\"");
		esc_xml(out, cat->name, strlen(cat->name));
		buf_puts(out, "\"/>\n");
	}
	if (sum.len) {
		buf_puts(out, "<summary>");
		esc_xml(out, sum.ptr, sum.len);
		buf_puts(out, "</summary>\n");
	}
	buf_puts(out, "</entry>\n");
	buf_free(&sum);
}

/* one feed: `scope` names it, `page` is the page it follows (a site
 * path), `loc` its own path in the output */
static int write_feed(const feeds *f, output_writer *w, const bucket *b, const char *scope, const char *page,
		      const char *loc, buf *out, arena *a)
{
	const site *s = f->vc->s;
	buf_reset(out);
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	esc_xml(out, s->language, strlen(s->language));
	buf_puts(out, "\">\n<id>");
	tag(out, f, loc);
	buf_puts(out, "</id>\n<title>");
	esc_xml(out, s->title, strlen(s->title));
	buf_puts(out, " · ");
	esc_xml(out, scope, strlen(scope));
	buf_puts(out, "</title>\n");
	if (s->description)
		elem(out, "subtitle", s->description);
	const char *self = arena_printf(a, "%s%s", s->base_url, loc);
	const char *alt = url_absolute(a, s->base_url, s->base_path, page);
	buf_puts(out, "<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	esc_xml(out, self, strlen(self));
	buf_puts(out, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	esc_xml(out, alt, strlen(alt));
	buf_puts(out, "\"/>\n<updated>");
	put_time(out, b->n ? f->e[b->e[0]].date : f->newest);
	buf_puts(out, "</updated>\n<author>\n");
	elem(out, "name", s->publisher ? s->publisher : s->title);
	buf_puts(out, "<uri>");
	esc_xml(out, s->base_url, strlen(s->base_url));
	buf_puts(out, "</uri>\n</author>\n<generator>qingdan</generator>\n");
	for (unsigned i = 0; i < b->n; i++)
		write_entry(f, out, &f->e[b->e[i]], a);
	buf_puts(out, "</feed>\n");
	return output_put(w, loc, out->ptr, out->len);
}

int feeds_write(const view_ctx *vc, output_writer *w)
{
	const site *s = vc->s;
	arena a;
	arena_init(&a);
	feeds f = { .vc = vc, .host = url_host(&a, s->base_url) };
	collect(&f);
	buf out = BUF_INIT;
	int rc = write_feed(&f, w, &f.b[0], "全部更新", vc->index_url[PG_HOME],
			    url_file_of(&a, "", URL_FEED_SITE, NULL), &out, &a);
	for (size_t i = 0; i < s->ndistricts && rc == 0; i++)
		rc = write_feed(&f, w, &f.b[f.d0 + i], s->districts[i]->name, vc->district_url[i],
				url_file_of(&a, "", URL_FEED_DISTRICT, s->districts[i]->id), &out, &a);
	for (size_t i = 0; i < s->nstreets && rc == 0; i++)
		rc = write_feed(&f, w, &f.b[f.s0 + i], s->streets[i]->name, vc->street_url[i],
				url_file_of(&a, "", URL_FEED_STREET, s->streets[i]->id), &out, &a);
	for (size_t i = 0; i < s->ncategories && rc == 0; i++)
		rc = write_feed(&f, w, &f.b[f.c0 + i], s->categories[i]->name, vc->category_url[i],
				url_file_of(&a, "", URL_FEED_CATEGORY, s->categories[i]->id), &out, &a);
	buf_free(&out);
	free(f.e);
	free(f.b);
	arena_free(&a);
	return rc;
}
