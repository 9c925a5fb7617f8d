/* view_claim: the claim path of an item's page (see view_claim.h). */
#include "view_claim.h"

#include <string.h>

#include "escape.h"
#include "view_parts.h"

/* The status sentence under an item's title; what is open says until when
 * (截止 2026年12月31日，还剩 31 天), so that the first screen of a phone
 * shows it with the call button. */
static const char *claim_hint(const view_ctx *vc, arena *a, const item *it)
{
	if (it->list->kind == LIST_PAIN_POINTS)
		return NULL;
	if (it->expired)
		return "申报已截止。如仍有意参与，可联系发布单位了解后续安排。";
	switch (it->status) {
	case STATUS_OPEN: {
		bool offer = it->list->kind == LIST_SUPPLY;
		const vtext *t = vc->item[it->idx]->text;
		const char *until = t[R_DEADLINE].s ? arena_printf(a, "，截止 %s（%s）", t[R_DEADLINE].s,
								    t[R_DAYS_LEFT].s ? t[R_DAYS_LEFT].s : "")
						  : "";
		return arena_printf(a, offer ? "本服务可对接%s：请直接联系，说明社区的需求和时间安排。"
					     : "本项目待认领%s：请与发布单位联系，说明机构情况和项目方案。", until);
	}
	case STATUS_NEGOTIATING: return "本项目正在洽谈中，仍可联系发布单位了解情况。";
	default: return NULL;
	}
}

const char *view_tel(arena *a, const char *phone)
{
	buf b = BUF_INIT;
	bool digit = false;
	buf_puts(&b, "tel:");
	for (const char *p = phone; *p; p++) {
		if ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-') {
			buf_putc(&b, *p);
			digit |= *p >= '0' && *p <= '9';
		} else if (*p != ' ' && *p != '(' && *p != ')') {
			break; /* "转 8", "/ 138…": the first number only */
		}
	}
	const char *r = digit ? arena_strndup(a, b.ptr, b.len) : NULL;
	buf_free(&b);
	return r;
}

/* mailto:<address>?subject=认领：<title>（<list>第N项） */
static const char *mailto(arena *a, const char *email, const item *it)
{
	buf b = BUF_INIT, subject = BUF_INIT;
	buf_puts(&b, "mailto:");
	/* the address percent-encoded but for its '@' (kept for mail apps
	 * that do not decode it) */
	const char *at = strchr(email, '@');
	esc_url_path(&b, email, at ? (size_t)(at - email) : strlen(email));
	if (at) {
		buf_putc(&b, '@');
		esc_url_path(&b, at + 1, strlen(at + 1));
	}
	buf_printf(&subject, "%s：%s（%s第%lld项）", it->list->kind == LIST_SUPPLY ? "对接" : "认领", it->title,
		   it->list->title, it->no);
	buf_puts(&b, "?subject=");
	esc_url_query(&b, subject.ptr, subject.len);
	const char *r = arena_strndup(a, b.ptr, b.len);
	buf_free(&b);
	buf_free(&subject);
	return r;
}

void view_put_claim(const view_ctx *vc, arena *a, value *m, const item *it)
{
	view_put(a, m, "claim_hint", claim_hint(vc, a, it));
	bool open = !it->expired && (it->status == STATUS_OPEN || it->status == STATUS_NEGOTIATING);
	const contact *c = it->contact;
	const org *o = it->list->kind == LIST_SUPPLY ? it->org : NULL;
	const contact *oc = o ? o->contact : NULL;
	if (it->list->kind == LIST_PAIN_POINTS || !open || (!c && !oc)) {
		view_set(a, m, "claim", NULL);
		return;
	}
	value *r = view_rec(a, 10);
	view_put_bool(a, r, "is_offer", it->list->kind == LIST_SUPPLY);
	view_put(a, r, "name", c ? c->name : NULL);
	view_put(a, r, "phone", c ? c->phone : NULL);
	view_put(a, r, "tel", c && c->phone ? view_tel(a, c->phone) : NULL);
	view_put(a, r, "email", c ? c->email : NULL);
	view_put(a, r, "mailto", c && c->email ? mailto(a, c->email, it) : NULL);
	/* an offer: its provider, with the provider's own phone */
	view_put(a, r, "org", o ? o->name : NULL);
	view_put(a, r, "org_url", o ? vc->org_url[o->idx] : NULL);
	bool other = oc && oc->phone && !(c && c->phone && strcmp(c->phone, oc->phone) == 0);
	view_put(a, r, "org_phone", other ? oc->phone : NULL);
	view_put(a, r, "org_tel", other ? view_tel(a, oc->phone) : NULL);
	view_set(a, m, "claim", r);
}
