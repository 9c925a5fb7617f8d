/* theme: the site's templates over the built-in ones, and hashed assets
 * (see theme.h). */
#include "theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dirwalk.h"
#include "pages.h"
#include "source.h"
#include "theme_files.h"
#include "xalloc.h"

/* Directories this deep inside a theme are not read. */
#define THEME_MAX_DEPTH 16

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void add_asset(theme *t, const char *name, const char *data, size_t len)
{
	if (strmap_get(&t->asset_names, name, strlen(name)))
		return; /* the site's own asset wins */
	t->assets = xgrow(t->assets, &t->cap, t->nassets + 1, sizeof *t->assets);
	t->assets[t->nassets++] = (theme_asset){ name, data, len, NULL };
	strmap_put(&t->asset_names, name, strlen(name), (void *)name);
}

typedef struct overrides {
	theme *t;
	arena *a;
	diag *d;
	int rc;
} overrides;

/* One file of the site's templates folder: a template, or an asset copied
 * as it is; anything else is not the theme's. */
static int take(void *ctx, const dir_item *it)
{
	overrides *o = ctx;
	if (it->outside) {
		diag_report(o->d, DIAG_ERROR, it->path, 0, 0,
			    "symbolic link points outside the templates folder; copy what it points to into the folder instead");
		o->rc = 1;
	} else if (it->loop) {
		diag_report(o->d, DIAG_ERROR, it->path, 0, 0,
			    "this folder link leads back to a folder it is in (a loop); remove it");
		o->rc = 1;
	} else if (it->err) {
		diag_report(o->d, DIAG_ERROR, it->path, 0, 0, "cannot read: %s", strerror(it->err));
		o->rc = 1;
	} else if (!S_ISREG(it->st.st_mode)) {
		return 0;
	} else if (ends_with(it->rel, ".mustache")) {
		const char *name = arena_strndup(o->a, it->rel, strlen(it->rel) - strlen(".mustache"));
		if (mu_load_file(o->t->set, o->d, name, arena_strdup(o->a, it->path)) != 0)
			o->rc = 1;
	} else if (strncmp(it->rel, "assets/", 7) == 0) {
		source src;
		if (source_read_bytes(o->a, o->d, arena_strdup(o->a, it->path), &src) != 0)
			o->rc = 1;
		else
			add_asset(o->t, arena_strdup(o->a, it->rel + 7), src.text, src.len);
	}
	return 0;
}

static void load_builtin(theme *t, diag *d)
{
	for (const theme_file *f = theme_files; f->name; f++) {
		if (ends_with(f->name, ".mustache")) {
			size_t n = strlen(f->name) - strlen(".mustache");
			if (mu_get(t->set, f->name, n))
				continue; /* overridden by the site */
			char name[256];
			snprintf(name, sizeof name, "%.*s", (int)n, f->name);
			char path[300];
			snprintf(path, sizeof path, "(built-in)/%s", f->name);
			mu_compile(t->set, d, name, path, f->data, f->len);
		} else if (strncmp(f->name, "assets/", 7) == 0) {
			add_asset(t, f->name + 7, f->data, f->len);
		}
	}
}

int theme_load(theme *t, const site *s, arena *a, diag *d, const char *dir)
{
	memset(t, 0, sizeof *t);
	strmap_init(&t->asset_names);
	t->set = mu_set_new(a);
	t->css_url = "";
	if (dir) {
		overrides o = { t, a, d, 0 };
		if (dir_walk(dir, THEME_MAX_DEPTH, take, &o) != 0) {
			diag_report(d, DIAG_ERROR, dir, 0, 0, "cannot read the templates folder: %s", strerror(errno));
			o.rc = 1;
		}
		if (o.rc)
			return 1;
	}
	load_builtin(t, d);
	if (mu_link(t->set, d, MU_LINK_STRICT, NULL, NULL) != 0 || d->errors)
		return 1;
	for (int k = 0; k < PG_KIND_COUNT; k++) {
		const char *name = page_kinds[k].name;
		if (!(t->page[k] = mu_get(t->set, name, strlen(name)))) {
			diag_report(d, DIAG_ERROR, dir, 0, 0,
				    "the theme has no template '%s.mustache'; add it (see docs/templates.md)", name);
			return 1;
		}
	}
	for (size_t i = 0; i < t->nassets; i++) {
		theme_asset *as = &t->assets[i];
		as->path = url_asset(a, as->name, strmap_hash(as->data, as->len));
		if (strcmp(as->name, "style.css") == 0)
			t->css_url = url_of(a, s->base_path, as->path);
		if (strcmp(as->name, "search.js") == 0)
			t->search_js = url_of(a, s->base_path, as->path);
		if (strcmp(as->name, "filters.js") == 0)
			t->filters_js = url_of(a, s->base_path, as->path);
		if (strncmp(as->name, "share.", 6) == 0)
			t->share_url = url_of(a, s->base_url, as->path);
	}
	return 0;
}

void theme_free(theme *t)
{
	free(t->assets);
	strmap_free(&t->asset_names);
	mu_set_free(t->set);
}
