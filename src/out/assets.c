/* assets: theme assets and static files into the output (assets.h). */
#include "assets.h"

#include <string.h>

/* True when content/static/ has a root file at `path` (url_root_file),
 * which then replaces the theme's. */
static bool static_root(const site *s, const char *path)
{
	for (size_t i = 0; i < s->nstatics; i++) {
		const char *root = url_root_file(s->statics[i].path);
		if (root && strcmp(root, path) == 0)
			return true;
	}
	return false;
}

int assets_write(const site *s, const theme *t, output *o)
{
	for (size_t i = 0; i < s->nstatics; i++) {
		const static_file *f = &s->statics[i];
		if (output_copy(o, url_static(s->a, "", f->path), f->src) != 0)
			return -1;
		const char *root = url_root_file(f->path);
		if (root && output_copy(o, root, f->src) != 0)
			return -1;
	}
	for (size_t i = 0; i < t->nassets; i++) {
		if (static_root(s, t->assets[i].path))
			continue;
		if (output_write(o, t->assets[i].path, t->assets[i].data, t->assets[i].len) != 0)
			return -1;
	}
	return 0;
}
