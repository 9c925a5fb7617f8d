/* links: menu links checked against the pages the site has (links.h). */
#include "links.h"

#include <string.h>

#include "strmap.h"

const char **links_page_urls(const view_ctx *vc, const page_job *jobs, size_t n, arena *a)
{
	const char **urls = arena_array(a, n ? n : 1, sizeof *urls);
	for (size_t i = 0; i < n; i++)
		urls[i] = jobs[i].kind == PG_NOT_FOUND ? NULL : view_url(vc, &jobs[i], a);
	return urls;
}

static bool is_static(const site *s, const char *u, size_t n)
{
	if (n < 7 || strncmp(u, "static/", 7) != 0)
		return false;
	for (size_t k = 0; k < s->nstatics; k++)
		if (n - 7 == strlen(s->statics[k].path) && strncmp(u + 7, s->statics[k].path, n - 7) == 0)
			return true;
	return false;
}

size_t links_check(const site *s, const menu *m, const char *const *urls, size_t n, diag *d)
{
	strmap have;
	strmap_init(&have);
	strmap_reserve(&have, n);
	for (size_t i = 0; i < n; i++)
		if (urls[i]) {
			const char *rel = url_rel(s->base_path, urls[i]);
			strmap_put(&have, rel, strlen(rel), (void *)urls[i]);
		}
	size_t errors = 0;
	for (size_t i = 0; i < m->n; i++) {
		const menu_item *e = &m->v[i];
		if (e->dup) {
			const menu_item *first = &m->v[e->dup - 1];
			diag_warn(d, e->pos, "the menu links to '%s' twice ('%s' and '%s'); remove one of them", e->link,
				  first->title, e->title);
			continue;
		}
		if (!e->checked || !url_is_site_path(e->link))
			continue; /* built in, or another site's address */
		const char *u = e->link + 1;
		size_t len = strcspn(u, "?#");
		if (strmap_get(&have, u, len) || (len == 8 && strncmp(u, "404.html", 8) == 0) || is_static(s, u, len))
			continue;
		/* written for folders ("/pages/about/")? */
		buf file = BUF_INIT;
		if (len && u[len - 1] == '/')
			buf_printf(&file, "%.*s.html", (int)len - 1, u);
		if (file.len && strmap_get(&have, file.ptr, file.len))
			diag_error(d, e->pos, "menu link '%s' leads to no page of the site; the page is at '/%s', "
			           "change the link to that", e->link, file.ptr);
		else
			diag_error(d, e->pos, "menu link '%s' leads to no page of the site; link to a page it "
			           "has (see the URLs in docs/templates.md), or write a full https:// address "
			           "for another site", e->link);
		buf_free(&file);
		errors++;
	}
	strmap_free(&have);
	return errors;
}
