/* view_claim: how to take up an item, as its page says it right under the
 * title (联系认领): the sentence for its status, and for an open or
 * negotiating need and an open offer the contact to call or write to,
 * with a tel: link and a mailto: link whose subject names the item. */
#ifndef QD_VIEW_CLAIM_H
#define QD_VIEW_CLAIM_H
#include "view.h"

/* m["claim_hint"] (the status sentence, or null) and m["claim"] (null, or
 * {is_offer, name, phone,
 * tel, email, mailto, org, org_url, org_phone, org_tel}). */
void view_put_claim(const view_ctx *vc, arena *a, value *m, const item *it);

/* The tel: URL of a phone number as written ("028-1234 5678 转 8" ->
 * "tel:028-12345678"): the digits, '+' and '-' up to the first character
 * that is none of those nor a space or bracket; NULL when it has no digit.
 * In `a`. */
const char *view_tel(arena *a, const char *phone);

#endif
