/* filter_data: what the filters of the needs and supply indexes and of
 * each street's page work on (templates/assets/filters.js): every item
 * the index lists, with the texts of its row and the keys it is filtered
 * by, as one JSON file per index, fetched only when a reader filters.
 *
 *   {"today": "YYYY-MM-DD",
 *    "items": [[url, title, org, num, budget, deadline, status, district,
 *               street, community, category], ...],
 *    "districts": [[id, name], ...], "streets": [[id, name, district], ...],
 *    "communities": [[id, name, street], ...], "categories": [[id, name], ...],
 *    "statuses": [[id, label], ...]}
 *
 * The tables hold only what the file's items use; an item refers to them
 * by position (-1: none; a pain point has no status); a community's id is
 * "street/community". url is under the
 * base path ("lists/x/3.html"); org the name of an offer's organisation
 * (else ""); num the budget or price as its row shows it; budget a number
 * in 万元 (null when not given); deadline "YYYY-MM-DD" ("" when none).
 * Items come in the index's order.
 *
 * A file is filters/<name>.<10 hex digits>.json (its bytes' hash: a
 * changed file is a new name, for WeChat's cache), name "needs", "supply"
 * or "street-<id>". Exported names carry the prefix fdata_. */
#ifndef QD_FILTER_DATA_H
#define QD_FILTER_DATA_H
#include "view.h"

typedef struct filter_file {
	const char *path; /* in the output */
	const char *url;  /* under the base path */
	const char *data; /* NULL after fdata_release */
	size_t len;
	size_t at;        /* data's offset in filter_files.bytes */
	size_t nitems;
} filter_file;

typedef struct filter_files {
	filter_file needs, supply;
	filter_file *street; /* by street idx */
	size_t nstreets;
	char *bytes;         /* every file's data (malloc'd) */
} filter_files;

/* Every index's file: names in `a`, data in ff->bytes. */
void fdata_build(filter_files *ff, const view_ctx *vc, arena *a);
/* Free the files' data once written (the pages need their URLs only):
 * 2.6 MB at 10,000 needs, not kept while the pages are made. */
void fdata_release(filter_files *ff);
/* The file of a page's index (PG_NEEDS, PG_SUPPLY, PG_STREET), or NULL. */
const filter_file *fdata_of(const filter_files *ff, page_kind kind, const void *rec);

#endif
