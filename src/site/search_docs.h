/* search_docs: what the site's search finds, as documents for the index
 * (derive/search.h), in the order results are ranked, each with the line
 * a result shows.
 *
 * A document is a record with a page: a need, an offer or a pain point, a
 * list, an event, a case, an organisation, a district, a street or a
 * community. Its title is the record's title (an organisation's or a
 * place's name); its text is its own text (description, requirements,
 * body as written in Markdown, summary, venue, tags) and the names of its
 * category, places and organisations, each a part of its own (a word is
 * found within one part, search.h), so that "白莲池 助餐" finds the meal
 * service of 白莲池街道.
 *
 * Ranking (within title matches and within the rest, search.h): open
 * records first (an item 待认领 or 可对接 before its deadline, a list
 * before its deadline, an event still to come; cases, organisations and
 * places have no status and count as open), then the soonest deadline (an
 * event's date), those without one after, then the newest (an item's
 * list's date of publication), then kind and site order.
 *
 * A result's line (sdoc_meta) is a JSON array, safe inside HTML:
 *   [url, title, kind, place, category, status, deadline]
 * kind is 需求 供给 痛点 清单 活动 案例 组织 地点; place, category,
 * status and deadline ("2025-07-31") are "" when the record has none.
 * Exported names carry the prefix sdoc_. */
#ifndef QD_SEARCH_DOCS_H
#define QD_SEARCH_DOCS_H
#include "search.h"
#include "view.h"

typedef struct search_docs {
	si_doc *docs;        /* by rank; their texts are the records' own */
	const void **rec;    /* by rank: the record ... */
	unsigned char *kind; /* ... and what it is (search_docs.c) */
	const char **meta;   /* by rank: the result line (sdoc_lines) */
	size_t *meta_len;
	size_t n;
} search_docs;

/* The documents of the site, ranked; all in `a`. Needs the model only:
 * it may run before the pages' values are made. */
void sdoc_build(search_docs *sd, const site *s, arena *a);
/* Their result lines, which name the records' URLs (view_init's); in `a`. */
void sdoc_lines(search_docs *sd, const view_ctx *vc, arena *a);

#endif
