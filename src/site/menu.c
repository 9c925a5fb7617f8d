/* menu: the site's main menu (see menu.h). */
#include "menu.h"

#include <stdlib.h>
#include <string.h>

#include "url.h"

static int cmp_page_menu(const void *pa, const void *pb)
{
	const free_page *a = *(free_page *const *)pa, *b = *(free_page *const *)pb;
	if (a->menu != b->menu)
		return a->menu < b->menu ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void add(menu *m, const char *title, const char *link, const char *url, vpos pos, bool checked)
{
	menu_item *e = &m->v[m->n];
	*e = (menu_item){ title, link, url, pos, checked, 0 };
	for (size_t i = 0; i < m->n; i++)
		if (!m->v[i].dup && strcmp(m->v[i].url, url) == 0) {
			e->dup = (int)i + 1;
			break;
		}
	m->n++;
}

void menu_build(menu *m, const site *s, arena *a)
{
	m->n = 0;
	m->given = s->menu != NULL;
	m->v = arena_array(a, s->nmenu + s->nfree_pages + 1, sizeof *m->v);
	for (size_t i = 0; i < s->nmenu; i++)
		add(m, s->menu[i].title, s->menu[i].url, url_site_link(a, s->base_path, s->menu[i].url, false),
		    s->menu[i].pos, true);
	free_page **pages = malloc((s->nfree_pages ? s->nfree_pages : 1) * sizeof *pages);
	size_t n = 0;
	for (size_t i = 0; i < s->nfree_pages; i++)
		if (s->free_pages[i]->menu > 0)
			pages[n++] = s->free_pages[i];
	if (n > 1)
		qsort(pages, n, sizeof *pages, cmp_page_menu);
	for (size_t i = 0; i < n; i++) {
		const char *url = url_page(a, s->base_path, &(page_job){ .kind = PG_PAGE, .rec = pages[i] });
		add(m, pages[i]->title, arena_printf(a, "/%s", url_rel(s->base_path, url)), url, pages[i]->menu_pos, false);
	}
	free(pages);
}
