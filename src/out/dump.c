/* dump: loaded site -> value tree -> JSON (see dump.h). */
#include "dump.h"

#include <math.h>

typedef struct dumper {
	arena *a;
} dumper;

static value *str(dumper *d, const char *s)
{
	return s ? value_cstr(d->a, s) : value_null(d->a);
}

static value *date(dumper *d, qdate v)
{
	if (v == DATE_NONE)
		return value_null(d->a);
	char b[11];
	date_format(v, b);
	return value_cstr(d->a, arena_strdup(d->a, b));
}

static value *money(dumper *d, amount m)
{
	return m.set ? value_float(d->a, round(m.v * 10000) / 10000) : value_null(d->a);
}

static value *strlist(dumper *d, strs s)
{
	value *l = value_list(d->a, s.n);
	for (size_t i = 0; i < s.n; i++)
		value_push(d->a, l, str(d, s.v[i]));
	return l;
}

#define IDS(d, arr, n)                                               \
	({                                                           \
		value *l_ = value_list((d)->a, (n));                 \
		for (size_t i_ = 0; i_ < (n); i_++)                  \
			value_push((d)->a, l_, str((d), (arr)[i_]->id)); \
		l_;                                                  \
	})

/* Claimants as written with ids: an organisation's or a street's id,
 * "street/community" for a community. */
static value *claimants_v(dumper *d, const item *it)
{
	value *l = value_list(d->a, it->nclaims);
	for (size_t i = 0; i < it->nclaims; i++) {
		value_push(d->a, l, str(d, claimant_id(d->a, &it->claims[i])));
	}
	return l;
}

static value *contact_v(dumper *d, const contact *c)
{
	if (!c)
		return value_null(d->a);
	value *m = value_map(d->a, 4);
	value_set(d->a, m, "name", str(d, c->name));
	value_set(d->a, m, "phone", str(d, c->phone));
	value_set(d->a, m, "email", str(d, c->email));
	value_set(d->a, m, "address", str(d, c->address));
	return m;
}

static value *md(dumper *d, markdown_src m)
{
	return m.text ? value_str(d->a, m.text, m.len) : value_null(d->a);
}

static value *areas_v(dumper *d, const area *a, size_t n)
{
	value *l = value_list(d->a, n);
	for (size_t i = 0; i < n; i++)
		value_push(d->a, l, str(d, a[i].street ? a[i].street->id : a[i].district->id));
	return l;
}

static value *item_v(dumper *d, const item *it)
{
	arena *a = d->a;
	value *m = value_map(a, 32);
	value_set(a, m, "no", value_int(a, it->no));
	value_set(a, m, "title", str(d, it->title));
	value_set(a, m, "category", str(d, it->category ? it->category->id : NULL));
	value_set(a, m, "district", str(d, it->district ? it->district->id : NULL));
	value_set(a, m, "street", str(d, it->street ? it->street->id : NULL));
	value_set(a, m, "community", str(d, it->community ? it->community->id : NULL));
	value_set(a, m, "budget", money(d, it->budget));
	value_set(a, m, "self_funding", money(d, it->self_funding));
	value_set(a, m, "fund", str(d, it->fund));
	value_set(a, m, "beneficiaries", str(d, it->beneficiaries));
	value_set(a, m, "period", str(d, it->period));
	value_set(a, m, "deadline", date(d, it->deadline));
	value_set(a, m, "status", str(d, status_id(it->status)));
	value_set(a, m, "expired", value_bool(a, it->expired));
	value_set(a, m, "claimed_by", claimants_v(d, it));
	value_set(a, m, "requirements", md(d, it->requirements));
	value_set(a, m, "outcomes", strlist(d, it->outcomes));
	value_set(a, m, "indicators", strlist(d, it->indicators));
	value_set(a, m, "contact", contact_v(d, it->contact));
	value_set(a, m, "tags", strlist(d, it->tags));
	value_set(a, m, "notes", str(d, it->notes));
	value_set(a, m, "description", md(d, it->description));
	if (it->list->kind == LIST_SUPPLY) {
		value_set(a, m, "org", str(d, it->org ? it->org->id : NULL));
		value_set(a, m, "areas", areas_v(d, it->areas, it->nareas));
		value_set(a, m, "price", it->price.set ? money(d, it->price) : str(d, it->price_text));
	}
	value_set(a, m, "line", value_int(a, it->pos.line));
	return m;
}

static value *list_v(dumper *d, const list *l)
{
	arena *a = d->a;
	value *m = value_map(a, 20);
	value_set(a, m, "id", str(d, l->id));
	value_set(a, m, "kind", str(d, list_kind_id(l->kind)));
	value_set(a, m, "title", str(d, l->title));
	value_set(a, m, "district", str(d, l->district ? l->district->id : NULL));
	value_set(a, m, "street", str(d, l->street ? l->street->id : NULL));
	value_set(a, m, "publisher", str(d, l->publisher));
	value_set(a, m, "published", date(d, l->published));
	value_set(a, m, "deadline", date(d, l->deadline));
	value_set(a, m, "event", str(d, l->event ? l->event->id : NULL));
	value_set(a, m, "fund", str(d, l->fund));
	value_set(a, m, "total_budget", value_float(a, round(l->total_budget * 10000) / 10000));
	value_set(a, m, "total_given", value_bool(a, l->total_given));
	value_set(a, m, "budget_sum", value_float(a, round(l->budget_sum * 10000) / 10000));
	value_set(a, m, "contact", contact_v(d, l->contact));
	value_set(a, m, "body", md(d, l->body));
	value *items = value_list(a, l->nitems);
	for (size_t i = 0; i < l->nitems; i++)
		value_push(a, items, item_v(d, l->items[i]));
	value_set(a, m, "items", items);
	return m;
}

static value *places_v(dumper *d, const site *s)
{
	arena *a = d->a;
	value *ds = value_list(a, s->ndistricts);
	for (size_t i = 0; i < s->ndistricts; i++) {
		const district *di = s->districts[i];
		value *dm = value_map(a, 3), *sts = value_list(a, di->nstreets);
		value_set(a, dm, "id", str(d, di->id));
		value_set(a, dm, "name", str(d, di->name));
		for (size_t k = 0; k < di->nstreets; k++) {
			const street *st = di->streets[k];
			value *sm = value_map(a, 4), *cms = value_list(a, st->ncommunities);
			value_set(a, sm, "id", str(d, st->id));
			value_set(a, sm, "name", str(d, st->name));
			value_set(a, sm, "kind", str(d, st->kind == PLACE_TOWN ? "town" : "street"));
			for (size_t j = 0; j < st->ncommunities; j++) {
				const community *cm = st->communities[j];
				value *cmv = value_map(a, 3);
				value_set(a, cmv, "id", str(d, cm->id));
				value_set(a, cmv, "name", str(d, cm->name));
				value_set(a, cmv, "kind", str(d, cm->kind == PLACE_VILLAGE ? "village" : "community"));
				value_push(a, cms, cmv);
			}
			value_set(a, sm, "communities", cms);
			value_push(a, sts, sm);
		}
		value_set(a, dm, "streets", sts);
		value_push(a, ds, dm);
	}
	return ds;
}

static value *event_v(dumper *d, const event *e)
{
	arena *a = d->a;
	value *m = value_map(a, 20);
	value_set(a, m, "id", str(d, e->id));
	value_set(a, m, "title", str(d, e->title));
	value_set(a, m, "date", date(d, e->date));
	value_set(a, m, "end_date", date(d, e->end_date));
	value_set(a, m, "district", str(d, e->district ? e->district->id : NULL));
	value_set(a, m, "street", str(d, e->street ? e->street->id : NULL));
	value_set(a, m, "venue", str(d, e->venue));
	value_set(a, m, "guided_by", strlist(d, e->guided_by));
	value_set(a, m, "organizer", strlist(d, e->organizer));
	value_set(a, m, "undertaker", strlist(d, e->undertaker));
	value *parts = value_map(a, e->nparticipants);
	for (size_t i = 0; i < e->nparticipants; i++)
		value_set(a, parts, e->participants[i].label, str(d, e->participants[i].text));
	value_set(a, m, "participants", parts);
	value *res = value_list(a, e->nresults);
	for (size_t i = 0; i < e->nresults; i++) {
		value *r = value_map(a, 3);
		value_set(a, r, "label", str(d, e->results[i].label));
		value_set(a, r, "value", str(d, e->results[i].value));
		value_set(a, r, "unit", str(d, e->results[i].unit));
		value_push(a, res, r);
	}
	value_set(a, m, "results", res);
	value_set(a, m, "lists", IDS(d, e->lists, e->nlists));
	value_set(a, m, "categories", IDS(d, e->categories, e->ncategories));
	value *ph = value_list(a, e->nphotos);
	for (size_t i = 0; i < e->nphotos; i++)
		value_push(a, ph, str(d, e->photos[i].src));
	value_set(a, m, "photos", ph);
	value_set(a, m, "byline", str(d, e->byline));
	value_set(a, m, "credit", str(d, e->credit));
	value_set(a, m, "body", md(d, e->body));
	return m;
}

void dump_site(const site *s, buf *out)
{
	arena a;
	arena_init(&a);
	dumper d = { &a };
	value *root = value_map(&a, 12);
	char today[11];
	date_format(s->today, today);
	value_set(&a, root, "title", str(&d, s->title));
	value_set(&a, root, "base_url", str(&d, s->base_url));
	value_set(&a, root, "base_path", str(&d, s->base_path));
	value_set(&a, root, "today", str(&d, today));
	value_set(&a, root, "per_page", value_int(&a, s->per_page));
	value_set(&a, root, "districts", places_v(&d, s));
	value *cats = value_list(&a, s->ncategories);
	for (size_t i = 0; i < s->ncategories; i++) {
		value *c = value_map(&a, 3);
		value_set(&a, c, "id", str(&d, s->categories[i]->id));
		value_set(&a, c, "name", str(&d, s->categories[i]->name));
		value_set(&a, c, "group", str(&d, s->categories[i]->group ? s->categories[i]->group->id : NULL));
		value_push(&a, cats, c);
	}
	value_set(&a, root, "categories", cats);
	value *lists = value_list(&a, s->nlists);
	for (size_t i = 0; i < s->nlists; i++)
		value_push(&a, lists, list_v(&d, s->lists[i]));
	value_set(&a, root, "lists", lists);
	value *events = value_list(&a, s->nevents);
	for (size_t i = 0; i < s->nevents; i++)
		value_push(&a, events, event_v(&d, s->events[i]));
	value_set(&a, root, "events", events);
	value *orgs = value_list(&a, s->norgs);
	for (size_t i = 0; i < s->norgs; i++) {
		const org *o = s->orgs[i];
		value *m = value_map(&a, 8);
		value_set(&a, m, "id", str(&d, o->id));
		value_set(&a, m, "name", str(&d, o->name));
		value_set(&a, m, "kind", str(&d, org_kind_id(o->kind)));
		value_set(&a, m, "district", str(&d, o->district ? o->district->id : NULL));
		value_set(&a, m, "street", str(&d, o->street ? o->street->id : NULL));
		value_set(&a, m, "services", IDS(&d, o->services, o->nservices));
		value_set(&a, m, "areas", areas_v(&d, o->areas, o->nareas));
		value *pool = value_list(&a, o->npool);
		for (size_t k = 0; k < o->npool; k++)
			value_push(&a, pool, value_int(&a, o->pool[k]));
		value_set(&a, m, "pool", pool);
		value_set(&a, m, "contact", contact_v(&d, o->contact));
		value_set(&a, m, "website", str(&d, o->website));
		value_set(&a, m, "summary", str(&d, o->summary));
		value_set(&a, m, "body", md(&d, o->body));
		value_push(&a, orgs, m);
	}
	value_set(&a, root, "orgs", orgs);
	value *cases = value_list(&a, s->ncases);
	for (size_t i = 0; i < s->ncases; i++) {
		const case_study *c = s->cases[i];
		value *m = value_map(&a, 12);
		value_set(&a, m, "id", str(&d, c->id));
		value_set(&a, m, "title", str(&d, c->title));
		value_set(&a, m, "date", date(&d, c->date));
		value_set(&a, m, "district", str(&d, c->district ? c->district->id : NULL));
		value_set(&a, m, "street", str(&d, c->street ? c->street->id : NULL));
		value_set(&a, m, "community", str(&d, c->community ? c->community->id : NULL));
		value_set(&a, m, "categories", IDS(&d, c->categories, c->ncategories));
		value_set(&a, m, "orgs", IDS(&d, c->orgs, c->norgs));
		value_set(&a, m, "model", str(&d, c->model));
		value_set(&a, m, "highlights", strlist(&d, c->highlights));
		value_set(&a, m, "body", md(&d, c->body));
		value_push(&a, cases, m);
	}
	value_set(&a, root, "cases", cases);
	value *pages = value_list(&a, s->nfree_pages);
	for (size_t i = 0; i < s->nfree_pages; i++) {
		value *m = value_map(&a, 3);
		value_set(&a, m, "id", str(&d, s->free_pages[i]->id));
		value_set(&a, m, "title", str(&d, s->free_pages[i]->title));
		value_set(&a, m, "menu", value_int(&a, s->free_pages[i]->menu));
		value_push(&a, pages, m);
	}
	value_set(&a, root, "pages", pages);
	value *st = value_list(&a, s->nstatics);
	for (size_t i = 0; i < s->nstatics; i++)
		value_push(&a, st, str(&d, s->statics[i].path));
	value_set(&a, root, "static", st);
	value_json_pretty(root, out);
	arena_free(&a);
}
