/* jsonld: schema.org JSON-LD of records (see jsonld.h). */
#include "jsonld.h"

#include <string.h>

#include "escape.h"

/* ,"k":"v" (nothing when v is NULL) */
static void kv(buf *b, const char *k, const char *v)
{
	if (!v)
		return;
	buf_printf(b, ",\"%s\":", k);
	esc_json_str(b, v);
}

static void kdate(buf *b, const char *k, qdate d)
{
	if (d == DATE_NONE)
		return;
	char t[11];
	date_format(d, t);
	buf_printf(b, ",\"%s\":\"%s\"", k, t);
}

static void head(buf *b, const char *type, const char *url, const char *name)
{
	buf_printf(b, "{\"@context\":\"https://schema.org\",\"@type\":\"%s\",\"@id\":", type);
	esc_json_str(b, url);
	kv(b, "url", url);
	kv(b, "name", name);
}

static const char *done(arena *a, buf *b)
{
	buf_putc(b, '}');
	const char *r = arena_strndup(a, b->ptr, b->len);
	buf_free(b);
	return r;
}

static const char *abs_url(const view_ctx *vc, arena *a, const char *url)
{
	return url_absolute(a, vc->s->base_url, vc->s->base_path, url);
}

/* {"@type":"Place","name":"区街道社区"} of the most precise place */
static void place(buf *b, const char *k, const district *d, const street *st, const community *cm)
{
	if (!d && !st)
		return;
	buf t = BUF_INIT;
	if (d)
		buf_puts(&t, d->name);
	if (st)
		buf_puts(&t, st->name);
	if (cm)
		buf_puts(&t, cm->name);
	buf_printf(b, ",\"%s\":{\"@type\":\"Place\",\"name\":", k);
	buf_putc(b, '"');
	esc_json(b, t.ptr, t.len);
	buf_putc(b, '"');
	buf_free(&t);
	buf_puts(b, ",\"address\":{\"@type\":\"PostalAddress\",\"addressCountry\":\"CN\"");
	if (d)
		kv(b, "addressLocality", d->name);
	buf_puts(b, "}}");
}

static void org_ref(const view_ctx *vc, arena *a, buf *b, const char *k, const org *o)
{
	buf_printf(b, ",\"%s\":{\"@type\":\"Organization\"", k);
	kv(b, "name", o->name);
	kv(b, "url", abs_url(vc, a, vc->org_url[o->idx]));
	buf_putc(b, '}');
}

/* 万元 as yuan */
static void price(buf *b, double wan)
{
	buf_puts(b, ",\"priceSpecification\":{\"@type\":\"PriceSpecification\",\"priceCurrency\":\"CNY\",\"price\":");
	value_fmt_double(wan * 10000, b);
	buf_putc(b, '}');
}

const char *jsonld_item(const view_ctx *vc, arena *a, const item *it, const char *url)
{
	if (it->list->kind == LIST_PAIN_POINTS)
		return NULL;
	bool need = it->list->kind == LIST_NEEDS;
	buf b = BUF_INIT;
	head(&b, need ? "Demand" : "Offer", url, it->title);
	kv(&b, "identifier", arena_printf(a, "%s/%lld", it->list->id, it->no));
	/* Demand takes Offer's properties but not `category`: the category is
	 * the service's type */
	if (!need)
		kv(&b, "category", it->category ? it->category->name : NULL);
	kdate(&b, "availabilityEnds", it->deadline);
	buf_puts(&b, ",\"itemOffered\":{\"@type\":\"Service\"");
	kv(&b, "name", it->title);
	kv(&b, "serviceType", it->category ? it->category->name : NULL);
	if (it->org)
		org_ref(vc, a, &b, "provider", it->org);
	buf_putc(&b, '}');
	if (need) {
		place(&b, "areaServed", it->district, it->street, it->community);
		if (it->budget.set)
			price(&b, it->budget.v);
	} else {
		if (it->nareas) {
			buf_puts(&b, ",\"areaServed\":[");
			for (size_t i = 0; i < it->nareas; i++) {
				const area *ar = &it->areas[i];
				buf_puts(&b, i ? ",{\"@type\":\"Place\",\"name\":" : "{\"@type\":\"Place\",\"name\":");
				esc_json_str(&b, ar->street ? ar->street->name : ar->district->name);
				buf_putc(&b, '}');
			}
			buf_putc(&b, ']');
		}
		if (it->org)
			org_ref(vc, a, &b, "offeredBy", it->org);
		if (it->price.set)
			price(&b, it->price.v);
	}
	return done(a, &b);
}

const char *jsonld_event(const view_ctx *vc, arena *a, const event *e, const char *url)
{
	buf b = BUF_INIT;
	head(&b, "Event", url, e->title);
	int start, end;
	int clock = e->end_date == DATE_NONE || e->end_date == e->date ? date_clock_parse(e->time, &start, &end) : 0;
	char d[11];
	date_format(e->date, d);
	if (clock) {
		buf_printf(&b, ",\"startDate\":\"%sT%02d:%02d:00+08:00\"", d, start / 60, start % 60);
		if (clock == 2)
			buf_printf(&b, ",\"endDate\":\"%sT%02d:%02d:00+08:00\"", d, end / 60, end % 60);
	} else {
		kdate(&b, "startDate", e->date);
		kdate(&b, "endDate", e->end_date);
	}
	buf_puts(&b, ",\"eventAttendanceMode\":\"https://schema.org/OfflineEventAttendanceMode\""
		     ",\"eventStatus\":\"https://schema.org/EventScheduled\"");
	if (e->venue) {
		buf_puts(&b, ",\"location\":{\"@type\":\"Place\"");
		kv(&b, "name", e->venue);
		buf_puts(&b, ",\"address\":{\"@type\":\"PostalAddress\",\"addressCountry\":\"CN\"");
		if (e->district)
			kv(&b, "addressLocality", e->district->name);
		buf_puts(&b, "}}");
	} else {
		place(&b, "location", e->district, e->street, NULL);
	}
	if (e->organizer.n) {
		buf_puts(&b, ",\"organizer\":[");
		for (size_t i = 0; i < e->organizer.n; i++) {
			buf_puts(&b, i ? ",{\"@type\":\"Organization\",\"name\":" : "{\"@type\":\"Organization\",\"name\":");
			esc_json_str(&b, e->organizer.v[i]);
			buf_putc(&b, '}');
		}
		buf_putc(&b, ']');
	}
	return done(a, &b);
}

const char *jsonld_org(const view_ctx *vc, arena *a, const org *o, const char *url)
{
	buf b = BUF_INIT;
	head(&b, "Organization", url, o->name);
	kv(&b, "description", o->summary);
	kv(&b, "sameAs", o->website);
	if (o->contact) {
		kv(&b, "telephone", o->contact->phone);
		kv(&b, "email", o->contact->email);
	}
	if (o->founded)
		buf_printf(&b, ",\"foundingDate\":\"%04lld\"", o->founded);
	if (o->nservices) {
		buf_puts(&b, ",\"knowsAbout\":[");
		for (size_t i = 0; i < o->nservices; i++) {
			if (i)
				buf_putc(&b, ',');
			esc_json_str(&b, o->services[i]->name);
		}
		buf_putc(&b, ']');
	}
	if (o->district || o->street)
		place(&b, "location", o->district, o->street, NULL);
	return done(a, &b);
}
