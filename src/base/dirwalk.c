/* dirwalk: sorted folder listings and walks (see dirwalk.h). */
#include "dirwalk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
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

/* What a walk carries down: the root resolved (a symlink must lead
 * inside it) and the folders entered so far (a folder met again is a
 * loop). */
typedef struct walker {
	const char *root;
	char root_real[PATH_MAX];
	bool have_real;
	int max_depth;
	int (*fn)(void *, const dir_item *);
	void *ctx;
	struct stat above[64]; /* dev and inode of each folder entered */
	int nabove;
} walker;

static bool inside(const walker *w, const char *path)
{
	char real[PATH_MAX];
	if (!w->have_real || !realpath(path, real))
		return false;
	size_t n = strlen(w->root_real);
	return strncmp(real, w->root_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static int walk(walker *w, const char *rel, int depth)
{
	buf dir = BUF_INIT, sub = BUF_INIT, path = BUF_INIT;
	buf_puts(&dir, w->root);
	if (*rel) {
		buf_putc(&dir, '/');
		buf_puts(&dir, rel);
	}
	size_t n;
	int err, rc = 0;
	dir_entry *v = dir_list(dir.ptr, &n, &err);
	if (!v && err) {
		dir_item it = { .path = dir.ptr, .rel = rel, .err = err };
		rc = depth == 0 ? -1 : w->fn(w->ctx, &it);
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
		struct stat lst;
		if (lstat(path.ptr, &lst) == 0 && S_ISLNK(lst.st_mode) && stat(path.ptr, &it.st) == 0 &&
		    !inside(w, path.ptr)) {
			it.outside = true;
			rc = w->fn(w->ctx, &it);
			continue;
		}
		if (stat(path.ptr, &it.st) != 0) {
			it.err = errno;
			rc = w->fn(w->ctx, &it);
			continue;
		}
		for (int k = 0; k < w->nabove && S_ISDIR(it.st.st_mode); k++)
			if (w->above[k].st_dev == it.st.st_dev && w->above[k].st_ino == it.st.st_ino)
				it.loop = true;
		it.too_deep = S_ISDIR(it.st.st_mode) && !it.loop &&
			      (depth >= w->max_depth || w->nabove >= (int)(sizeof w->above / sizeof *w->above));
		rc = w->fn(w->ctx, &it);
		if (rc == 0 && S_ISDIR(it.st.st_mode) && !it.too_deep && !it.loop) {
			w->above[w->nabove++] = it.st;
			rc = walk(w, sub.ptr, depth + 1);
			w->nabove--;
		}
	}
	dir_list_free(v, n);
	buf_free(&dir);
	buf_free(&sub);
	buf_free(&path);
	return rc;
}

int dir_walk(const char *root, int max_depth, int (*fn)(void *ctx, const dir_item *item), void *ctx)
{
	walker *w = xcalloc(1, sizeof *w);
	w->root = root;
	w->max_depth = max_depth;
	w->fn = fn;
	w->ctx = ctx;
	w->have_real = realpath(root, w->root_real) != NULL;
	if (stat(root, &w->above[0]) == 0)
		w->nabove = 1;
	int rc = walk(w, "", 0);
	int err = errno;
	free(w);
	errno = err;
	return rc;
}
