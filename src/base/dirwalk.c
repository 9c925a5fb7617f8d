/* dirwalk: sorted folder listings and walks (see dirwalk.h). */
#include "dirwalk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

dir_entry *dir_list(const char *dir, size_t *n, int *err)
{
	*n = 0;
	*err = 0;
	DIR *d = opendir(dir);
	if (!d) {
		*err = errno;
		return NULL;
	}
	dir_entry *v = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = (dir_entry){ xstrdup(e->d_name), e->d_type };
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

void dir_list_free(dir_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int walk(const char *root, const char *rel, int depth, int max_depth,
		int (*fn)(void *, const dir_item *), void *ctx)
{
	buf dir = BUF_INIT, sub = BUF_INIT, path = BUF_INIT;
	buf_puts(&dir, root);
	if (*rel) {
		buf_putc(&dir, '/');
		buf_puts(&dir, rel);
	}
	size_t n;
	int err, rc = 0;
	dir_entry *v = dir_list(dir.ptr, &n, &err);
	if (!v && err) {
		dir_item it = { .path = dir.ptr, .rel = rel, .err = err };
		rc = depth == 0 ? -1 : fn(ctx, &it);
		if (depth == 0)
			errno = err;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		buf_reset(&sub);
		buf_reset(&path);
		if (*rel)
			buf_printf(&sub, "%s/", rel);
		buf_puts(&sub, v[i].name);
		buf_printf(&path, "%s/%s", dir.ptr, v[i].name);
		dir_item it = { .path = path.ptr, .rel = sub.ptr };
		if (stat(path.ptr, &it.st) != 0) {
			it.err = errno;
			rc = fn(ctx, &it);
			continue;
		}
		it.too_deep = S_ISDIR(it.st.st_mode) && depth >= max_depth;
		rc = fn(ctx, &it);
		if (rc == 0 && S_ISDIR(it.st.st_mode) && !it.too_deep)
			rc = walk(root, sub.ptr, depth + 1, max_depth, fn, ctx);
	}
	dir_list_free(v, n);
	buf_free(&dir);
	buf_free(&sub);
	buf_free(&path);
	return rc;
}

int dir_walk(const char *root, int max_depth, int (*fn)(void *ctx, const dir_item *item), void *ctx)
{
	return walk(root, "", 0, max_depth, fn, ctx);
}
