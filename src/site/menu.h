/* menu: the site's main menu, decided once: site.yaml's `menu` when it is
 * given (it replaces the built-in entries 需求, 供给, 清单, 街道, 类别, 活动,
 * 案例, 组织, 统计, which the theme's layout writes itself when `given` is
 * false: they cost a page nothing to render); then the free pages that
 * ask for a place in it (`menu: N`, smaller first). An entry whose link is
 * already in the menu is marked `dup`: pages leave it out, and links.c
 * warns at its line. */
#ifndef QD_MENU_H
#define QD_MENU_H
#include <stdbool.h>

#include "arena.h"
#include "model.h"

typedef struct menu_item {
	const char *title;
	const char *link;  /* as written or made: "/lists/", "https://…" */
	const char *url;   /* what pages link to: under the base path */
	vpos pos;          /* where it was written (site.yaml or the page); 0 for built-ins */
	bool checked;      /* written in content: links.c checks that it leads somewhere */
	int dup;           /* 0, or 1 + the index of the earlier entry with the same url */
} menu_item;

typedef struct menu {
	menu_item *v;        /* site.yaml's entries, then the free pages' */
	size_t n;
	bool given;          /* site.yaml has a menu: no built-in entries */
} menu;

/* Build the menu of a loaded site; everything in `a`. */
void menu_build(menu *m, const site *s, arena *a);

#endif
