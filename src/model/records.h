/* records: loading of site.yaml, organisations, events, cases and free
 * pages from their parsed files (lists are lists.h's). load.c finds and
 * parses the files, registers every record's id and name (so that
 * references may point forward), then calls these to fill the records. */
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
void records_body(loadctx *c, const doc *dc, const value *fv, markdown_src *out);

/* site.yaml; `base_url`, when not NULL, replaces its base_url (the
 * --base-url option; errors name "--base-url"). */
void records_site(loadctx *c, const value *root, const char *path, const char *base_url);
void records_org(loadctx *c, org *o, const doc *dc);
void records_event(loadctx *c, event *e, const doc *dc);
void records_case(loadctx *c, case_study *cs, const doc *dc);
void records_free_page(loadctx *c, free_page *p, const doc *dc);

#endif
