/* records: loading of each record type from its parsed file. load.c finds
 * and parses the files, registers every record's id and name (so that
 * references may point forward), then calls these to fill the records.
 * checks.c then derives totals and states and warns about suspicious
 * content. */
#ifndef QD_RECORDS_H
#define QD_RECORDS_H
#include "schema.h"

/* One parsed content file. */
typedef struct doc {
	const char *path, *id;
	value *root;        /* the YAML map (front matter for .md) */
	markdown_src body;  /* the Markdown after the front matter (.md) */
	bool is_md;
} doc;

/* The record's body: the .md body, or the `body` (正文) field of a .yaml;
 * giving both is an error. */
void doc_body(loadctx *c, const doc *dc, const value *fv, markdown_src *out);

void config_load(loadctx *c, const value *root, const char *path);  /* site.yaml */
/* Replace base_url (the --base-url option); errors name "--base-url". */
void site_set_base_url(site *s, diag *d, const char *url);
void org_load(loadctx *c, org *o, const doc *dc);
void event_load(loadctx *c, event *e, const doc *dc);
void case_load(loadctx *c, case_study *cs, const doc *dc);
void page_load(loadctx *c, page *p, const doc *dc);
void list_load(loadctx *c, list *l, const doc *dc);           /* lists.c */
/* Derived values and warnings, once everything is loaded (checks.c). */
void site_finish(loadctx *c);
/* The hash site_finish's repeat check compares (checks.c); list_load
 * takes it for every item with a title. */
uint64_t item_repeat_hash(const item *it);

#endif
