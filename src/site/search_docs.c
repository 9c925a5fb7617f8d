/* search_docs: the site's records as ranked search documents (see
 * search_docs.h). */
#include "search_docs.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "xalloc.h"

typedef enum doc_kind { K_ITEM, K_LIST, K_EVENT, K_CASE, K_ORG, K_DISTRICT, K_STREET, K_COMMUNITY } doc_kind;

/* A document while the site is walked: its rank key, then its texts
 * (the parts' offsets in the shared list until every part is in). */
typedef struct cand {
	bool closed;
	qdate deadline; /* DATE_NONE: none */
	qdate date;     /* DATE_NONE: none */
	doc_kind kind;
	size_t order;   /* site order within its kind */
	const char *title;
	size_t text_at, ntext;
	const char *meta; /* in the arena */
	size_t meta_len;
} cand;

typedef struct walk {
	const view_ctx *vc;
	arena *a;
	cand *c;
	size_t n, cap;
	si_text *text; /* every document's parts, the record's own strings */
	size_t ntext, text_cap;
	buf meta;
} walk;

/* ---- texts: each a part of its own (no word spans two) ---- */

static void part(walk *w, const char *s, size_t len)
{
	if (!s || !len)
		return;
	w->text = arena_grow(w->a, w->text, &w->text_cap, w->ntext + 1, sizeof *w->text);
	w->text[w->ntext++] = (si_text){ s, len };
}

static void line(walk *w, const char *s)
{
	if (s)
		part(w, s, strlen(s));
}

static void line_md(walk *w, const markdown_src *m)
{
	part(w, m->text, m->len);
}

static void lines(walk *w, const strs *v)
{
	for (size_t i = 0; i < v->n; i++)
		line(w, v->v[i]);
}

static void places(walk *w, const district *d, const street *st, const community *cm)
{
	line(w, d ? d->name : NULL);
	line(w, st ? st->name : NULL);
	line(w, cm ? cm->name : NULL);
}

static void categories(walk *w, category *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		line(w, v[i]->name);
}

/* ---- the result line ---- */

static void json_str(buf *b, const char *s)
{
	buf_putc(b, '"');
	if (s)
		esc_json(b, s, strlen(s));
	buf_putc(b, '"');
}

/* The place a result names: its community or street with what it is in. */
static const char *place_text(buf *tmp, const district *d, const street *st, const community *cm)
{
	buf_reset(tmp);
	if (cm)
		buf_printf(tmp, "%s %s", cm->street->name, cm->name);
	else if (st)
		buf_printf(tmp, "%s %s", st->district->name, st->name);
	else if (d)
		buf_puts(tmp, d->name);
	return tmp->ptr;
}

static void meta(walk *w, const char *url, const char *title, const char *kind, const char *place,
		 const char *cat, const char *status, qdate deadline)
{
	buf *b = &w->meta;
	buf_reset(b);
	buf_putc(b, '[');
	json_str(b, url);
	buf_putc(b, ',');
	json_str(b, title);
	buf_putc(b, ',');
	json_str(b, kind);
	buf_putc(b, ',');
	json_str(b, place);
	buf_putc(b, ',');
	json_str(b, cat);
	buf_putc(b, ',');
	json_str(b, status);
	buf_putc(b, ',');
	char day[11] = "";
	if (deadline != DATE_NONE)
		date_format(deadline, day);
	json_str(b, day);
	buf_putc(b, ']');
	cand *c = &w->c[w->n - 1];
	c->meta = arena_memdup(w->a, b->ptr, b->len);
	c->meta_len = b->len;
}

/* Start a document; its texts and result line follow. */
static cand *begin(walk *w, doc_kind kind, size_t order, const char *title)
{
	w->c = arena_grow(w->a, w->c, &w->cap, w->n + 1, sizeof *w->c);
	cand *c = &w->c[w->n++];
	*c = (cand){ .deadline = DATE_NONE, .date = DATE_NONE, .kind = kind, .order = order, .title = title,
		     .text_at = w->ntext };
	return c;
}

static void end(walk *w, cand *c)
{
	c->ntext = w->ntext - c->text_at;
}

/* ---- the records ---- */

static void add_item(walk *w, const item *it, buf *tmp)
{
	const view_ctx *vc = w->vc;
	const item_view *v = vc->item[it->idx];
	cand *c = begin(w, K_ITEM, it->idx, it->title);
	c->closed = it->status != STATUS_OPEN || it->expired;
	c->deadline = it->deadline;
	c->date = it->list->published;
	line_md(w, &it->description);
	line_md(w, &it->requirements);
	line(w, it->beneficiaries);
	lines(w, &it->tags);
	line(w, it->category ? it->category->name : NULL);
	places(w, it->district, it->street, it->community);
	for (size_t i = 0; i < it->nareas; i++)
		places(w, it->areas[i].street ? NULL : it->areas[i].district, it->areas[i].street, NULL);
	line(w, it->org ? it->org->name : NULL);
	for (size_t i = 0; i < it->nclaims; i++) {
		const claimant *cl = &it->claims[i];
		line(w, cl->kind == CLAIMANT_ORG ? cl->org->name
			: cl->kind == CLAIMANT_STREET ? cl->street->name : cl->community->name);
	}
	meta(w, v->text[R_URL].s, it->title, v->text[R_KIND_LABEL].s,
	     place_text(tmp, it->district, it->street, it->community), v->text[R_CATEGORY].s,
	     v->text[R_STATUS].s, it->deadline);
	end(w, c);
}

static void add_list(walk *w, const list *l, buf *tmp)
{
	const site *s = w->vc->s;
	cand *c = begin(w, K_LIST, l->idx, l->title);
	c->closed = l->deadline != DATE_NONE && l->deadline < s->today;
	c->deadline = c->closed ? DATE_NONE : l->deadline;
	c->date = l->published;
	line_md(w, &l->body);
	line(w, l->publisher);
	places(w, l->district, l->street, NULL);
	line(w, l->event ? l->event->title : NULL);
	meta(w, w->vc->list_url[l->idx], l->title, "清单", place_text(tmp, l->district, l->street, NULL),
	     list_kind_label(l->kind), c->closed ? "已截止" : "", l->deadline);
	end(w, c);
}

static void add_event(walk *w, const event *e, buf *tmp)
{
	const site *s = w->vc->s;
	cand *c = begin(w, K_EVENT, e->idx, e->title);
	qdate last = e->end_date != DATE_NONE ? e->end_date : e->date;
	c->closed = last < s->today;
	c->deadline = c->closed ? DATE_NONE : e->date;
	c->date = e->date;
	line_md(w, &e->body);
	line(w, e->venue);
	places(w, e->district, e->street, NULL);
	lines(w, &e->guided_by);
	lines(w, &e->organizer);
	lines(w, &e->undertaker);
	categories(w, e->categories, e->ncategories);
	meta(w, w->vc->event_url[e->idx], e->title, "活动", place_text(tmp, e->district, e->street, NULL),
	     e->ncategories ? e->categories[0]->name : NULL, c->closed ? "已举行" : "将举行", e->date);
	end(w, c);
}

static void add_case(walk *w, const case_study *cs, size_t i, buf *tmp, arena *a)
{
	cand *c = begin(w, K_CASE, i, cs->title);
	c->date = cs->date;
	line_md(w, &cs->body);
	line(w, cs->model);
	lines(w, &cs->highlights);
	categories(w, cs->categories, cs->ncategories);
	places(w, cs->district, cs->street, cs->community);
	for (size_t k = 0; k < cs->norgs; k++)
		line(w, cs->orgs[k]->name);
	meta(w, view_url(w->vc, &(page_job){ .kind = PG_CASE, .rec = cs }, a), cs->title, "案例",
	     place_text(tmp, cs->district, cs->street, cs->community),
	     cs->ncategories ? cs->categories[0]->name : NULL, NULL, DATE_NONE);
	end(w, c);
}

static void add_org(walk *w, const org *o, buf *tmp)
{
	cand *c = begin(w, K_ORG, o->idx, o->name);
	line(w, o->summary);
	line_md(w, &o->body);
	line(w, org_kind_label(o->kind));
	categories(w, o->services, o->nservices);
	places(w, o->district, o->street, NULL);
	meta(w, w->vc->org_url[o->idx], o->name, "组织", place_text(tmp, o->district, o->street, NULL),
	     o->nservices ? o->services[0]->name : NULL, NULL, DATE_NONE);
	end(w, c);
}

static void add_places(walk *w)
{
	const view_ctx *vc = w->vc;
	const site *s = vc->s;
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *d = s->districts[i];
		cand *c = begin(w, K_DISTRICT, i, d->name);
		meta(w, vc->district_url[d->idx], d->name, "地点", NULL, NULL, NULL, DATE_NONE);
		end(w, c);
	}
	for (size_t i = 0; i < s->nstreets; i++) {
		const street *st = s->streets[i];
		cand *c = begin(w, K_STREET, i, st->name);
		line(w, st->district->name);
		meta(w, vc->street_url[st->idx], st->name, "地点", st->district->name, NULL, NULL, DATE_NONE);
		end(w, c);
	}
	for (size_t i = 0; i < s->ncommunities; i++) {
		const community *cm = vc->ix->communities[i];
		cand *c = begin(w, K_COMMUNITY, i, cm->name);
		line(w, cm->street->district->name);
		line(w, cm->street->name);
		meta(w, vc->community_url[cm->idx], cm->name, "地点", cm->street->name, NULL, NULL, DATE_NONE);
		end(w, c);
	}
}

/* ---- ranking ---- */

static int cmp_cand(const void *pa, const void *pb)
{
	const cand *a = *(const cand *const *)pa, *b = *(const cand *const *)pb;
	if (a->closed != b->closed)
		return a->closed ? 1 : -1;
	if (a->deadline != b->deadline) /* DATE_NONE sorts last */
		return a->deadline == DATE_NONE ? 1 : b->deadline == DATE_NONE ? -1 : a->deadline < b->deadline ? -1 : 1;
	if (a->date != b->date)
		return a->date == DATE_NONE ? 1 : b->date == DATE_NONE ? -1 : a->date > b->date ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void sdoc_build(search_docs *sd, const view_ctx *vc, arena *a)
{
	const site *s = vc->s;
	walk w = { .vc = vc, .a = a, .meta = BUF_INIT };
	buf tmp = BUF_INIT;
	for (size_t i = 0; i < s->nitems; i++)
		add_item(&w, s->items[i], &tmp);
	for (size_t i = 0; i < s->nlists; i++)
		add_list(&w, s->lists[i], &tmp);
	for (size_t i = 0; i < s->nevents; i++)
		add_event(&w, s->events[i], &tmp);
	for (size_t i = 0; i < s->ncases; i++)
		add_case(&w, s->cases[i], i, &tmp, a);
	for (size_t i = 0; i < s->norgs; i++)
		add_org(&w, s->orgs[i], &tmp);
	add_places(&w);
	buf_free(&tmp);
	buf_free(&w.meta);
	/* ranked: pointers sorted, not the documents (qsort's scratch copy
	 * of them would be fresh memory) */
	const cand **by = arena_array(a, w.n + 1, sizeof *by);
	for (size_t i = 0; i < w.n; i++)
		by[i] = &w.c[i];
	if (w.n > 1)
		qsort(by, w.n, sizeof *by, cmp_cand);
	sd->n = w.n;
	sd->docs = arena_array(a, w.n + 1, sizeof *sd->docs);
	sd->meta = arena_array(a, w.n + 1, sizeof *sd->meta);
	sd->meta_len = arena_array(a, w.n + 1, sizeof *sd->meta_len);
	for (size_t i = 0; i < w.n; i++) {
		const cand *c = by[i];
		sd->docs[i] = (si_doc){ c->title, strlen(c->title), w.text + c->text_at, c->ntext };
		sd->meta[i] = c->meta;
		sd->meta_len[i] = c->meta_len;
	}
}
