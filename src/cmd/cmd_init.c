/* cmd_init: `qingdan init` and `qingdan new` (see cmd_init.h). */
#include "cmd_init.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "load.h"
#include "schema.h"
#include "skeleton_files.h"
#include "usage.h"

/* mkdir -p of path's folders (not path itself when `parent_only`) */
static int make_dirs(const char *path, bool parent_only)
{
	buf b = BUF_INIT;
	buf_puts(&b, path);
	int rc = 0;
	for (size_t i = 1; i <= b.len && rc == 0; i++) {
		if (b.ptr[i] != '/' && b.ptr[i] != '\0')
			continue;
		if (b.ptr[i] == '\0' && parent_only)
			break;
		char c = b.ptr[i];
		b.ptr[i] = '\0';
		if (mkdir(b.ptr, 0755) != 0 && errno != EEXIST)
			rc = -1;
		b.ptr[i] = c;
	}
	buf_free(&b);
	return rc;
}

/* Write a new file (never over an existing one). 0, 1 (it exists) or -1. */
static int write_new(const char *path, const char *data, size_t len)
{
	if (make_dirs(path, true) != 0) {
		fprintf(stderr, "%s: error: cannot create its folder: %s\n", path, strerror(errno));
		return -1;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			return 1;
		fprintf(stderr, "%s: error: cannot create: %s\n", path, strerror(errno));
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	int rc = off == len && close(fd) == 0 ? 0 : -1;
	if (rc != 0)
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
	return rc;
}

/* A folder that does not exist or holds nothing. */
static bool empty_or_missing(const char *dir, bool *is_dir)
{
	struct stat st;
	if (stat(dir, &st) != 0) {
		*is_dir = false;
		return errno == ENOENT;
	}
	*is_dir = S_ISDIR(st.st_mode);
	if (!*is_dir)
		return false;
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *e;
	bool empty = true;
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	return empty;
}

int cmd_init(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-')
		return usage_error("init", argc < 2 ? "which folder? e.g. qingdan init mysite"
						    : "init takes one folder, the new site's");
	const char *dir = argv[1];
	bool is_dir;
	if (!empty_or_missing(dir, &is_dir)) {
		fprintf(stderr, "%s: error: %s; give a new or empty folder, so that no file of yours is overwritten\n",
			dir, is_dir ? "the folder is not empty" : "exists and is not a folder");
		return 1;
	}
	int made = 0;
	buf path = BUF_INIT;
	for (const theme_file *f = skeleton_files; f->name; f++) {
		if (strncmp(f->name, "site/", 5) != 0)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/content/%s", dir, f->name + 5);
		if (write_new(path.ptr, f->data, f->len) != 0) {
			buf_free(&path);
			return 3;
		}
		made++;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/content/static", dir);
	if (make_dirs(path.ptr, false) != 0) {
		fprintf(stderr, "%s: error: cannot create: %s\n", path.ptr, strerror(errno));
		buf_free(&path);
		return 3;
	}
	buf_free(&path);
	printf("qingdan: a new site in %s/: %d files in content/, and content/static/ for photos and files.\n"
	       "Next: edit content/site.yaml (title, base_url), then\n"
	       "  cd %s && qingdan check && qingdan build\n",
	       dir, made, dir);
	return 0;
}

static const struct {
	const char *kind, *folder, *file; /* file: skeleton/new/<file>; its extension is the new file's */
} kinds[] = {
	{ "list", "lists", "list.yaml" },
	{ "event", "events", "event.md" },
	{ "case", "cases", "case.md" },
	{ "org", "orgs", "org.yaml" },
	{ "page", "pages", "page.md" },
};

static const theme_file *skeleton(const char *name)
{
	for (const theme_file *f = skeleton_files; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

int cmd_new(int argc, const char *const *argv, const char *content)
{
	if (argc != 3)
		return usage_error("new", "give a kind and an id, e.g. qingdan new list 2026-bailianchi-needs "
					  "(kinds: list, event, case, org, page)");
	size_t k = 0, nk = sizeof kinds / sizeof *kinds;
	while (k < nk && strcmp(kinds[k].kind, argv[1]) != 0)
		k++;
	if (k == nk)
		return usage_error("new", "unknown kind '%s' (kinds: list, event, case, org, page)", argv[1]);
	const char *id = argv[2];
	const char *ext = strrchr(kinds[k].file, '.');
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s/%s%s", content, kinds[k].folder, id, ext);
	if (!fld_slug_ok(id, strlen(id))) {
		/* the message `check` gives for such a file */
		diag d;
		diag_init(&d);
		load_report_bad_id(&d, path.ptr, path.ptr + path.len - strlen(id) - strlen(ext), strlen(id));
		diag_print(&d, stderr);
		diag_free(&d);
		buf_free(&path);
		return 1;
	}
	/* an id is one record's, whatever its file's extension */
	static const char *const exts[] = { ".yaml", ".yml", ".md" };
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		buf other = BUF_INIT;
		buf_printf(&other, "%s/%s/%s%s", content, kinds[k].folder, id, exts[i]);
		struct stat st;
		bool taken = lstat(other.ptr, &st) == 0;
		if (taken)
			fprintf(stderr, "%s: error: %s already exists; choose another id, or edit that file\n",
				path.ptr, other.ptr);
		buf_free(&other);
		if (taken) {
			buf_free(&path);
			return 1;
		}
	}
	buf name = BUF_INIT, text = BUF_INIT;
	buf_printf(&name, "new/%s", kinds[k].file);
	const theme_file *f = skeleton(name.ptr);
	buf_free(&name);
	/* @ID@ stands for the id (in the comments: the record's address) */
	for (const char *p = f->data, *end = f->data + f->len; p < end;) {
		const char *at = memmem(p, (size_t)(end - p), "@ID@", 4);
		if (!at) {
			buf_put(&text, p, (size_t)(end - p));
			break;
		}
		buf_put(&text, p, (size_t)(at - p));
		buf_puts(&text, id);
		p = at + 4;
	}
	int rc = write_new(path.ptr, text.ptr, text.len);
	if (rc == 1)
		fprintf(stderr, "%s: error: the file already exists; choose another id, or edit that file\n", path.ptr);
	else if (rc == 0)
		printf("qingdan: wrote %s: fill in the 【】 placeholders (the fields marked 必填), then run qingdan check\n",
		       path.ptr);
	buf_free(&text);
	buf_free(&path);
	return rc == 0 ? 0 : rc == 1 ? 1 : 3;
}
