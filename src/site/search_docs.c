/* search_docs: the site's records as ranked search documents (see
 * search_docs.h). */
#include "search_docs.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "xalloc.h"

typedef enum doc_kind { K_ITEM, K_LIST, K_EVENT, K_CASE, K_ORG, K_DISTRICT, K_STREET, K_COMMUNITY } doc_kind;

/* A document while the site is walked: its rank key, its record, its
 * texts (the parts' offsets in the shared list until every part is in). */
typedef struct cand {
	bool closed;
	qdate deadline; /* DATE_NONE: none */
	qdate date;     /* DATE_NONE: none */
	doc_kind kind;
	size_t order;   /* site order within its kind */
	const void *rec;
	const char *title;
	size_t text_at, ntext;
} cand;

typedef struct walk {
	const site *s;
	arena *a;
	cand *c;
	size_t n, cap;
	si_text *text; /* every document's parts, the record's own strings */
	size_t ntext, text_cap;
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

/* Start a document; its texts follow. */
static cand *begin(walk *w, doc_kind kind, size_t order, const void *rec, const char *title)
{
	w->c = arena_grow(w->a, w->c, &w->cap, w->n + 1, sizeof *w->c);
	cand *c = &w->c[w->n++];
	*c = (cand){ .deadline = DATE_NONE, .date = DATE_NONE, .kind = kind, .order = order, .rec = rec,
		     .title = title, .text_at = w->ntext };
	return c;
}

static void end(walk *w, cand *c)
{
	c->ntext = w->ntext - c->text_at;
}

/* ---- the records ---- */

static void add_item(walk *w, const item *it)
{
	cand *c = begin(w, K_ITEM, it->idx, it, it->title);
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
	end(w, c);
}

static bool list_closed(const site *s, const list *l)
{
	return l->deadline != DATE_NONE && l->deadline < s->today;
}

static bool event_past(const site *s, const event *e)
{
	return (e->end_date != DATE_NONE ? e->end_date : e->date) < s->today;
}

/* A list's or event's place in the order: a closed one has no deadline
 * to rank by. */
static void set_dates(cand *c, bool closed, qdate deadline, qdate date)
{
	c->closed = closed;
	c->deadline = closed ? DATE_NONE : deadline;
	c->date = date;
}

static void add_list(walk *w, const list *l)
{
	cand *c = begin(w, K_LIST, l->idx, l, l->title);
	set_dates(c, list_closed(w->s, l), l->deadline, l->published);
	line_md(w, &l->body);
	line(w, l->publisher);
	places(w, l->district, l->street, NULL);
	line(w, l->event ? l->event->title : NULL);
	end(w, c);
}

static void add_event(walk *w, const event *e)
{
	cand *c = begin(w, K_EVENT, e->idx, e, e->title);
	set_dates(c, event_past(w->s, e), e->date, e->date);
	line_md(w, &e->body);
	line(w, e->venue);
	places(w, e->district, e->street, NULL);
	lines(w, &e->guided_by);
	lines(w, &e->organizer);
	lines(w, &e->undertaker);
	categories(w, e->categories, e->ncategories);
	end(w, c);
}

static void add_case(walk *w, const case_study *cs, size_t i)
{
	cand *c = begin(w, K_CASE, i, cs, cs->title);
	c->date = cs->date;
	line_md(w, &cs->body);
	line(w, cs->model);
	lines(w, &cs->highlights);
	categories(w, cs->categories, cs->ncategories);
	places(w, cs->district, cs->street, cs->community);
	for (size_t k = 0; k < cs->norgs; k++)
		line(w, cs->orgs[k]->name);
	end(w, c);
}

static void add_org(walk *w, const org *o)
{
	cand *c = begin(w, K_ORG, o->idx, o, o->name);
	line(w, o->summary);
	line_md(w, &o->body);
	line(w, org_kind_label(o->kind));
	categories(w, o->services, o->nservices);
	places(w, o->district, o->street, NULL);
	end(w, c);
}

static void add_places(walk *w)
{
	const site *s = w->s;
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *d = s->districts[i];
		end(w, begin(w, K_DISTRICT, i, d, d->name));
	}
	for (size_t i = 0; i < s->nstreets; i++) {
		const street *st = s->streets[i];
		cand *c = begin(w, K_STREET, i, st, st->name);
		line(w, st->district->name);
		end(w, c);
	}
	for (size_t i = 0; i < s->nstreets; i++)
		for (size_t k = 0; k < s->streets[i]->ncommunities; k++) {
			const community *cm = s->streets[i]->communities[k];
			cand *c = begin(w, K_COMMUNITY, cm->idx, cm, cm->name);
			line(w, cm->street->district->name);
			line(w, cm->street->name);
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

void sdoc_build(search_docs *sd, const site *s, arena *a)
{
	walk w = { .s = s, .a = a };
	/* sized once: the documents exactly, their parts about (grown if
	 * not), so that arena_grow rarely copies */
	size_t ndocs = s->nitems + s->nlists + s->nevents + s->ncases + s->norgs + s->ndistricts + s->nstreets +
		       s->ncommunities;
	w.c = arena_grow(a, NULL, &w.cap, ndocs + 1, sizeof *w.c);
	w.text = arena_grow(a, NULL, &w.text_cap, 12 * s->nitems + 8 * (ndocs - s->nitems) + 16, sizeof *w.text);
	for (size_t i = 0; i < s->nitems; i++)
		add_item(&w, s->items[i]);
	for (size_t i = 0; i < s->nlists; i++)
		add_list(&w, s->lists[i]);
	for (size_t i = 0; i < s->nevents; i++)
		add_event(&w, s->events[i]);
	for (size_t i = 0; i < s->ncases; i++)
		add_case(&w, s->cases[i], i);
	for (size_t i = 0; i < s->norgs; i++)
		add_org(&w, s->orgs[i]);
	add_places(&w);
	/* ranked: pointers sorted, not the documents (qsort's scratch copy
	 * of them would be fresh memory) */
	const cand **by = arena_array(a, w.n + 1, sizeof *by);
	for (size_t i = 0; i < w.n; i++)
		by[i] = &w.c[i];
	if (w.n > 1)
		qsort(by, w.n, sizeof *by, cmp_cand);
	sd->n = w.n;
	sd->docs = arena_array(a, w.n + 1, sizeof *sd->docs);
	sd->rec = arena_array(a, w.n + 1, sizeof *sd->rec);
	sd->kind = arena_array(a, w.n + 1, sizeof *sd->kind);
	sd->meta = NULL;
	sd->meta_len = NULL;
	for (size_t i = 0; i < w.n; i++) {
		const cand *c = by[i];
		sd->docs[i] = (si_doc){ c->title, strlen(c->title), w.text + c->text_at, c->ntext };
		sd->rec[i] = c->rec;
		sd->kind[i] = (unsigned char)c->kind;
	}
}

/* ---- the result lines ---- */

/* The place a result names: its community or street with what it is in. */
static const char *place_text(buf *tmp, const district *d, const street *st, const community *cm)
{
	buf_reset(tmp);
	if (cm) {
		buf_puts(tmp, cm->street->name);
		buf_putc(tmp, ' ');
		buf_puts(tmp, cm->name);
	} else if (st) {
		buf_puts(tmp, st->district->name);
		buf_putc(tmp, ' ');
		buf_puts(tmp, st->name);
	} else if (d) {
		buf_puts(tmp, d->name);
	}
	return tmp->ptr;
}

/* [url, title, kind, place, category, status, deadline] */
static void line_json(buf *b, const char *url, const char *title, const char *kind, const char *place,
		      const char *cat, const char *status, qdate deadline)
{
	buf_reset(b);
	buf_putc(b, '[');
	esc_json_str(b, url);
	buf_putc(b, ',');
	esc_json_str(b, title);
	buf_putc(b, ',');
	esc_json_str(b, kind);
	buf_putc(b, ',');
	esc_json_str(b, place);
	buf_putc(b, ',');
	esc_json_str(b, cat);
	buf_putc(b, ',');
	esc_json_str(b, status);
	buf_putc(b, ',');
	char day[11] = "";
	if (deadline != DATE_NONE)
		date_format(deadline, day);
	esc_json_str(b, day);
	buf_putc(b, ']');
}

static void result_line(const view_ctx *vc, arena *a, doc_kind kind, const void *rec, buf *b, buf *tmp)
{
	const site *s = vc->s;
	switch (kind) {
	case K_ITEM: {
		const item *it = rec;
		const item_view *v = vc->item[it->idx];
		line_json(b, v->text[R_URL].s, it->title, v->text[R_KIND_LABEL].s,
			  place_text(tmp, it->district, it->street, it->community), v->text[R_CATEGORY].s,
			  v->text[R_STATUS].s, it->deadline);
		break;
	}
	case K_LIST: {
		const list *l = rec;
		line_json(b, vc->list_url[l->idx], l->title, "清单", place_text(tmp, l->district, l->street, NULL),
			  list_kind_label(l->kind), list_closed(s, l) ? "已截止" : "", l->deadline);
		break;
	}
	case K_EVENT: {
		const event *e = rec;
		line_json(b, vc->event_url[e->idx], e->title, "活动", place_text(tmp, e->district, e->street, NULL),
			  e->ncategories ? e->categories[0]->name : NULL, event_past(s, e) ? "已举行" : "将举行",
			  e->date);
		break;
	}
	case K_CASE: {
		const case_study *cs = rec;
		line_json(b, view_url(vc, &(page_job){ .kind = PG_CASE, .rec = cs }, a), cs->title, "案例",
			  place_text(tmp, cs->district, cs->street, cs->community),
			  cs->ncategories ? cs->categories[0]->name : NULL, NULL, DATE_NONE);
		break;
	}
	case K_ORG: {
		const org *o = rec;
		line_json(b, vc->org_url[o->idx], o->name, "组织", place_text(tmp, o->district, o->street, NULL),
			  o->nservices ? o->services[0]->name : NULL, NULL, DATE_NONE);
		break;
	}
	case K_DISTRICT: {
		const district *d = rec;
		line_json(b, vc->district_url[d->idx], d->name, "地点", NULL, NULL, NULL, DATE_NONE);
		break;
	}
	case K_STREET: {
		const street *st = rec;
		line_json(b, vc->street_url[st->idx], st->name, "地点", st->district->name, NULL, NULL, DATE_NONE);
		break;
	}
	case K_COMMUNITY: {
		const community *cm = rec;
		line_json(b, vc->community_url[cm->idx], cm->name, "地点", cm->street->name, NULL, NULL, DATE_NONE);
		break;
	}
	}
}

void sdoc_lines(search_docs *sd, const view_ctx *vc, arena *a)
{
	buf b = BUF_INIT, tmp = BUF_INIT;
	sd->meta = arena_array(a, sd->n + 1, sizeof *sd->meta);
	sd->meta_len = arena_array(a, sd->n + 1, sizeof *sd->meta_len);
	for (size_t i = 0; i < sd->n; i++) {
		result_line(vc, a, (doc_kind)sd->kind[i], sd->rec[i], &b, &tmp);
		sd->meta[i] = arena_memdup(a, b.ptr, b.len);
		sd->meta_len[i] = b.len;
	}
	buf_free(&b);
	buf_free(&tmp);
}
