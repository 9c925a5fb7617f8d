/* output: staging folder, safe paths, atomic swap (see output.h). */
#include "output.h"

#include <stdarg.h>

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <limits.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

bool output_path_ok(const char *rel)
{
	if (!rel || !*rel || rel[0] == '/')
		return false;
	const char *p = rel;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == '\\' || p[i] == 0x7f)
				return false;
		if (!end)
			break;
		p = end + 1;
		if (!*p)
			return false; /* trailing '/' */
	}
	return true;
}

#define MARKER ".qingdan"

/* `path` made absolute with symlinks resolved, though it (or its
 * parents) may not exist yet: the nearest existing folder resolved, the
 * rest appended. False when nothing of it resolves. */
static bool resolve(const char *path, char out[PATH_MAX])
{
	char head[PATH_MAX];
	if (snprintf(head, sizeof head, "%s", path) >= (int)sizeof head)
		return false;
	size_t n = strlen(head);
	for (;;) {
		if (realpath(n ? head : ".", out)) {
			size_t k = strlen(out);
			const char *rest = path + n;
			while (*rest == '/')
				rest++;
			if (*rest && snprintf(out + k, PATH_MAX - k, "%s%s", k > 1 ? "/" : "", rest) >= (int)(PATH_MAX - k))
				return false;
			return true;
		}
		char *slash = strrchr(head, '/');
		if (!slash)
			n = 0, head[0] = '\0';
		else if (slash == head)
			n = 1, head[1] = '\0';
		else
			n = (size_t)(slash - head), *slash = '\0';
		if (n == 0 && !realpath(".", out))
			return false;
	}
}

/* a is b or inside it (both resolved) */
static bool within(const char *a, const char *b)
{
	size_t n = strlen(b);
	return strncmp(a, b, n) == 0 && (a[n] == '/' || a[n] == '\0' || (n == 1 && b[0] == '/'));
}

/* See output_begin: may the existing folder `final` be replaced? */
static bool replaceable(const char *final, const char *protect, diag *d)
{
	char rf[PATH_MAX], rp[PATH_MAX];
	struct stat st;
	if (lstat(final, &st) == 0 && S_ISLNK(st.st_mode)) {
		diag_report(d, DIAG_ERROR, final, 0, 0,
			    "the output folder is a symbolic link, which a build would replace with a folder; "
			    "give the folder it points to with --output");
		return false;
	}
	/* an output folder inside the content folder would be read as
	 * content (in static/, published again inside itself at every build) */
	if (protect && resolve(final, rf) && realpath(protect, rp) && within(rf, rp) && strcmp(rf, rp) != 0) {
		diag_report(d, DIAG_ERROR, final, 0, 0,
			    "the output folder is inside the content folder; choose an --output outside %s", protect);
		return false;
	}
	if (lstat(final, &st) != 0 || !S_ISDIR(st.st_mode))
		return true; /* absent (created), or not a folder (refused at commit) */
	if (realpath(final, rf) && protect && realpath(protect, rp)) {
		size_t n = strlen(rf);
		if (strcmp(rf, "/") == 0 || (strncmp(rp, rf, n) == 0 && (rp[n] == '/' || rp[n] == '\0'))) {
			diag_report(d, DIAG_ERROR, final, 0, 0,
				    "the output folder is or contains the content folder; choose another --output");
			return false;
		}
	}
	DIR *dh = opendir(final);
	if (!dh)
		return true;
	bool others = false, marked = false;
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (strcmp(e->d_name, MARKER) == 0)
			marked = true;
		else if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			others = true; /* dot-files too: a home folder is mostly .bashrc and .ssh */
	}
	closedir(dh);
	if (others && !marked) {
		diag_report(d, DIAG_ERROR, final, 0, 0,
			    "the output folder has files but was not made by qingdan (it has no " MARKER
			    " file), and a build replaces all of it; empty it or choose another --output");
		return false;
	}
	return true;
}

/* Staging folders of killed builds (.NAME.staging-PID beside the output
 * folder `final`): removed when no process has that pid any more, and
 * only when qingdan marked them (their MARKER file) or they are empty.
 * A previous output left aside mid-swap (.NAME.staging-PID.old, see
 * output_commit) is put back when there is no output folder, else
 * removed.
 * A build alive under that pid keeps its folder; a pid reused by another
 * process only delays the removal. */
static void remove_dead_staging(const char *final, diag *d)
{
	const char *slash = strrchr(final, '/');
	char parent[PATH_MAX];
	const char *base = slash ? slash + 1 : final;
	if (slash)
		snprintf(parent, sizeof parent, "%.*s", (int)(slash - final) ? (int)(slash - final) : 1, final);
	else
		snprintf(parent, sizeof parent, ".");
	char prefix[NAME_MAX + 16];
	int plen = snprintf(prefix, sizeof prefix, ".%s.staging-", base);
	if (plen < 0 || (size_t)plen >= sizeof prefix)
		return;
	DIR *dh = opendir(parent);
	if (!dh)
		return;
	struct dirent *e;
	while ((e = readdir(dh))) {
		if (strncmp(e->d_name, prefix, (size_t)plen) != 0)
			continue;
		char *end;
		long pid = strtol(e->d_name + plen, &end, 10);
		bool old = !strcmp(end, ".old"); /* the previous output, mid-swap */
		if ((*end && !old) || end == e->d_name + plen || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char path[PATH_MAX + NAME_MAX + 2], mark[PATH_MAX + NAME_MAX + 16];
		snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
		snprintf(mark, sizeof mark, "%s/" MARKER, path);
		struct stat st;
		if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		if (old && access(mark, F_OK) == 0 && lstat(final, &st) != 0 && rename(path, final) == 0) {
			/* killed between the two renames of a swap without
			 * RENAME_EXCHANGE: the output folder is put back */
			diag_report(d, DIAG_WARNING, final, 0, 0,
				    "put back the previous output, left aside by a build that was interrupted");
			continue;
		}
		if (access(mark, F_OK) == 0)
			output_rmtree(path);
		else
			rmdir(path); /* killed before it was marked: only if empty */
	}
	closedir(dh);
}

/* What to do about a failed write, by its errno ("" when nothing to say). */
static const char *io_advice(int err)
{
	switch (err) {
	case ENOSPC:
	case EDQUOT:
		return "; free space on the output's disk, or give another --output";
	case EROFS:
		return "; the output's file system is read-only: give a writable --output";
	case EACCES:
	case EPERM:
		return "; qingdan may not write there: give a folder you can write to, or change its permissions";
	case EMFILE:
	case ENFILE:
		return "; too many open files: raise the limit (ulimit -n) or use fewer --jobs";
	default:
		return "";
	}
}

int output_begin(output *o, const char *dir, const char *protect, diag *d)
{
	memset(o, 0, sizeof *o);
	o->dirfd = o->oldfd = -1;
	o->d = d;
	pthread_mutex_init(&o->lock, NULL);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	o->final = xstrndup(dir, n);
	const char *slash = strrchr(o->final, '/');
	buf b = BUF_INIT;
	if (slash)
		buf_printf(&b, "%.*s/.%s.staging-%ld", (int)(slash - o->final), o->final, slash + 1,
			   (long)getpid());
	else
		buf_printf(&b, ".%s.staging-%ld", o->final, (long)getpid());
	o->staging = buf_detach(&b, NULL);
	if (!replaceable(o->final, protect, d))
		return -1;
	output_rmtree(o->staging); /* left over by a killed build of this pid */
	remove_dead_staging(o->final, d);
	/* the output folder's parents, as `mkdir -p` would */
	for (char *p = o->staging + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(o->staging, 0755) != 0 && errno != EEXIST) {
			diag_report(d, DIAG_ERROR, o->staging, 0, 0, "cannot create folder: %s%s", strerror(errno),
				    io_advice(errno));
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	o->dirfd = -1;
	o->oldfd = open(o->final, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mkdir(o->staging, 0755) != 0 ||
	    (o->dirfd = open(o->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		diag_report(d, DIAG_ERROR, o->staging, 0, 0, "cannot create the staging folder: %s%s",
			    strerror(errno), io_advice(errno));
		return -1;
	}
	static const char note[] = "This folder is written by qingdan: every build replaces its files.\n";
	return output_write(o, MARKER, note, sizeof note - 1);
}

/* An output file's error, named by its path in the output folder (not the
 * staging folder's name, which is gone after the build). */
static void report(output *o, const char *path, const char *what, int err)
{
	pthread_mutex_lock(&o->lock);
	buf where = BUF_INIT;
	buf_printf(&where, "%s/%s", o->final, path);
	diag_report(o->d, DIAG_ERROR, where.ptr, 0, 0, "%s: %s%s", what, strerror(err), io_advice(err));
	buf_free(&where);
	pthread_mutex_unlock(&o->lock);
}

void output_fail(output *o, const char *rel, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&o->lock);
	diag_report(o->d, DIAG_ERROR, rel, 0, 0, "%s", msg);
	pthread_mutex_unlock(&o->lock);
}

/* Create folder `rel` (inside staging) and any missing parents. Most
 * calls make one mkdir: a page's folder is new, its parent already there.
 * Paths are resolved from the staging folder's descriptor, so the kernel
 * does not walk the whole output path for every file. */
static int make_dir(output *o, char *rel)
{
	if (mkdirat(o->dirfd, rel, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno == ENOENT) {
		char *slash = strrchr(rel, '/');
		if (slash) {
			*slash = '\0';
			int rc = make_dir(o, rel);
			*slash = '/';
			if (rc == 0 && (mkdirat(o->dirfd, rel, 0755) == 0 || errno == EEXIST))
				return 0;
			if (rc != 0)
				return rc;
		}
	}
	report(o, rel, "cannot create folder", errno);
	return -1;
}

static int write_all(int fd, const char *p, size_t left)
{
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		left -= (size_t)w;
	}
	return 0;
}

/* True when the previous output holds `rel` with exactly these bytes; then
 * it is linked into staging under the same name. */
static bool keep_old(output *o, const char *rel, const void *data, size_t len)
{
	int fd = openat(o->oldfd, rel, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	struct stat st;
	bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len;
	char chunk[65536];
	for (size_t off = 0; same && off < len;) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r <= 0 || memcmp(chunk, (const char *)data + off, (size_t)r) != 0)
			same = false;
		else
			off += (size_t)r;
	}
	close(fd);
	return same && linkat(o->oldfd, rel, o->dirfd, rel, 0) == 0;
}

void output_writer_init(output_writer *w, output *o)
{
	w->o = o;
	w->files = w->bytes = w->kept = w->reused = 0;
	w->dirfd = -1;
	w->dirlen = 0;
	w->dir[0] = '\0';
}

static void close_dir(output_writer *w)
{
	if (w->dirfd >= 0)
		close(w->dirfd);
	w->dirfd = -1;
}

void output_writer_end(output_writer *w)
{
	close_dir(w);
	atomic_fetch_add(&w->o->files, w->files);
	atomic_fetch_add(&w->o->bytes, w->bytes);
	atomic_fetch_add(&w->o->kept, w->kept);
	atomic_fetch_add(&w->o->reused, w->reused);
	w->files = w->bytes = w->kept = w->reused = 0;
}

/* The descriptor to create `rel`'s file from, and in *name its name
 * there: staging itself for a top-level file, else rel's folder, made
 * (with its parents) and opened unless it is the one w holds. */
static int folder_of(output_writer *w, const char *rel, const char **name)
{
	output *o = w->o;
	const char *slash = strrchr(rel, '/');
	if (!slash) {
		*name = rel;
		return o->dirfd;
	}
	size_t n = (size_t)(slash - rel);
	*name = slash + 1;
	if (w->dirfd >= 0 && n == w->dirlen && memcmp(rel, w->dir, n) == 0)
		return w->dirfd;
	close_dir(w);
	if (n >= sizeof w->dir) {
		report(o, rel, "cannot create file", ENAMETOOLONG);
		return -1;
	}
	memcpy(w->dir, rel, n);
	w->dir[n] = '\0';
	w->dirlen = 0;
	if (make_dir(o, w->dir) != 0)
		return -1;
	w->dirfd = openat(o->dirfd, w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (w->dirfd < 0) {
		report(o, w->dir, "cannot open folder", errno);
		return -1;
	}
	w->dirlen = n;
	return w->dirfd;
}

int output_put(output_writer *w, const char *rel, const void *data, size_t len)
{
	output *o = w->o;
	if (!output_path_ok(rel)) {
		pthread_mutex_lock(&o->lock);
		diag_report(o->d, DIAG_ERROR, NULL, 0, 0,
			    "internal error: refusing to write outside the output folder: '%s'", rel);
		pthread_mutex_unlock(&o->lock);
		return -1;
	}
	const char *name;
	int dfd = folder_of(w, rel, &name);
	if (dfd < 0)
		return -1;
	w->files++;
	w->bytes += len;
	if (o->oldfd >= 0 && keep_old(o, rel, data, len)) {
		w->kept++;
		return 0;
	}
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		report(o, rel, "cannot create file", errno);
		return -1;
	}
	int rc = write_all(fd, data, len);
	int err = errno;
	if (close(fd) != 0 && rc == 0)
		rc = -1, err = errno;
	if (rc != 0)
		report(o, rel, "cannot write", err);
	return rc;
}

int output_link_old(output_writer *w, const char *rel, size_t size, size_t *got)
{
	output *o = w->o;
	if (o->oldfd < 0 || !output_path_ok(rel))
		return -1;
	struct stat st;
	if (fstatat(o->oldfd, rel, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != size)
		return -1;
	*got = (size_t)st.st_size;
	const char *name;
	int dfd = folder_of(w, rel, &name);
	if (dfd < 0 || linkat(o->oldfd, rel, dfd, name, 0) != 0)
		return -1;
	w->files++;
	w->bytes += (size_t)st.st_size;
	w->kept++;
	w->reused++;
	return 0;
}

int output_write(output *o, const char *rel, const void *data, size_t len)
{
	output_writer w;
	output_writer_init(&w, o);
	int rc = output_put(&w, rel, data, len);
	output_writer_end(&w);
	return rc;
}

/* Whether the open file `in` (of `size` bytes, read from its start) has
 * the same bytes as `rel` in the previous output; `in` is left at its
 * start again. */
static bool same_as_old(output *o, const char *rel, int in, size_t size)
{
	int old = openat(o->oldfd, rel, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (old < 0)
		return false;
	struct stat st;
	bool same = fstat(old, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == size;
	static _Thread_local char a[65536], b[65536];
	for (size_t off = 0; same && off < size;) {
		ssize_t n = read(in, a, sizeof a);
		if (n <= 0) {
			same = false;
			break;
		}
		for (ssize_t got = 0; same && got < n;) {
			ssize_t r = read(old, b + got, (size_t)(n - got));
			if (r <= 0)
				same = false;
			else
				got += r;
		}
		same = same && memcmp(a, b, (size_t)n) == 0;
		off += (size_t)n;
	}
	close(old);
	lseek(in, 0, SEEK_SET);
	return same;
}

/* Copy `size` bytes from `in` to `out`: in the kernel (copy_file_range)
 * where it can, else through a buffer. */
static int copy_fd(int in, int out, size_t size)
{
	bool kernel = true;
	static _Thread_local char chunk[65536];
	for (size_t left = size; left;) {
		ssize_t n = -1;
		if (kernel) {
			n = copy_file_range(in, NULL, out, NULL, left, 0);
			if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
				kernel = false; /* not between these files: the slow way */
				continue;
			}
		} else {
			n = read(in, chunk, left < sizeof chunk ? left : sizeof chunk);
			if (n > 0 && write_all(out, chunk, (size_t)n) != 0)
				return -1;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1; /* an error, or the file shrank while copied */
		left -= (size_t)n;
	}
	return 0;
}

int output_copy(output *o, const char *rel, const char *src)
{
	/* streamed, never read whole (a static file may be a gigabyte);
	 * O_NONBLOCK: a named pipe must not hang the build */
	int in = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (in < 0 || fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_report(o->d, DIAG_ERROR, src, 0, 0, "cannot read: %s",
			    in < 0 ? strerror(errno) : "not a regular file");
		if (in >= 0)
			close(in);
		return -1;
	}
	if (!output_path_ok(rel)) {
		diag_report(o->d, DIAG_ERROR, src, 0, 0, "cannot publish a file under this name ('%s'); rename it", rel);
		close(in);
		return -1;
	}
	output_writer w;
	output_writer_init(&w, o);
	size_t size = (size_t)st.st_size;
	const char *name;
	int rc = -1, dfd = folder_of(&w, rel, &name);
	if (dfd >= 0) {
		w.files++;
		w.bytes += size;
		if (o->oldfd >= 0 && same_as_old(o, rel, in, size) && linkat(o->oldfd, rel, dfd, name, 0) == 0) {
			w.kept++;
			rc = 0;
		} else {
			int out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
			if (out < 0) {
				report(o, rel, "cannot create file", errno);
			} else {
				rc = copy_fd(in, out, size);
				int err = errno;
				if (close(out) != 0 && rc == 0)
					rc = -1, err = errno;
				if (rc != 0)
					report(o, src, "cannot copy", err);
			}
		}
	}
	output_writer_end(&w);
	close(in);
	return rc;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int output_rmtree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	return nftw(path, rm_entry, 32, FTW_DEPTH | FTW_PHYS);
}

/* Put a copy of the tree `from` (inside folder fd ffd) at `to` (inside
 * tfd): folders made, files hard-linked (copied where a link cannot be
 * made), symlinks made again. The original stays where it is. */
static int link_tree(int ffd, const char *from, int tfd, const char *to, int depth)
{
	struct stat st;
	if (depth > 64 || fstatat(ffd, from, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return -1;
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlinkat(ffd, from, target, sizeof target - 1);
		if (n < 0)
			return -1;
		target[n] = '\0';
		return symlinkat(target, tfd, to);
	}
	if (S_ISREG(st.st_mode)) {
		if (linkat(ffd, from, tfd, to, 0) == 0)
			return 0;
		int in = openat(ffd, from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		int out = in < 0 ? -1 : openat(tfd, to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, st.st_mode & 07777);
		int rc = in < 0 || out < 0 ? -1 : copy_fd(in, out, (size_t)st.st_size);
		if (in >= 0)
			close(in);
		if (out >= 0 && close(out) != 0)
			rc = -1;
		return rc;
	}
	if (!S_ISDIR(st.st_mode))
		return 0; /* a pipe or device is not carried */
	if (mkdirat(tfd, to, st.st_mode & 07777) != 0)
		return -1;
	int sub = openat(ffd, from, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	int dst = openat(tfd, to, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	DIR *d = sub < 0 ? NULL : fdopendir(sub);
	int rc = d && dst >= 0 ? 0 : -1;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			rc = link_tree(sub, e->d_name, dst, e->d_name, depth + 1);
	if (d)
		closedir(d);
	else if (sub >= 0)
		close(sub);
	if (dst >= 0)
		close(dst);
	return rc;
}

/* Put the dot-entries at the top of the old output (.git, .well-known)
 * into staging as links, never moving them: until the swap the old
 * output is whole, whatever happens to this process. */
static int carry_dotfiles(output *o)
{
	DIR *d = opendir(o->final);
	if (!d)
		return 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] != '.' || !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    faccessat(o->dirfd, e->d_name, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
			continue; /* not a dot-entry, or made by this build (.qingdan) */
		rc = link_tree(dirfd(d), e->d_name, o->dirfd, e->d_name, 0);
		if (rc != 0)
			diag_report(o->d, DIAG_ERROR, o->final, 0, 0, "cannot carry '%s' over to the new output: %s",
				    e->d_name, strerror(errno));
	}
	closedir(d);
	return rc;
}

/* Test hooks (tests/suites/hardening.sh, faults-io.sh): QINGDAN_FAULT=swap
 * makes the atomic exchange fail as on a file system without it;
 * =swap-kill also kills the process between the fallback's two renames;
 * =swap-fail makes the swap fail outright (an I/O error); =carry-kill
 * kills it once the dot-entries are carried, before the swap. */
static bool fault(const char *what)
{
	const char *f = getenv("QINGDAN_FAULT");
	return f && strncmp(f, what, strlen(what)) == 0;
}

int output_commit(output *o)
{
	struct stat st;
	if (lstat(o->final, &st) != 0) {
		if (rename(o->staging, o->final) != 0)
			goto fail;
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_report(o->d, DIAG_ERROR, o->final, 0, 0,
			    "the output path exists and is not a folder; remove it or choose another --output");
		output_abort(o);
		return -1;
	}
	if (carry_dotfiles(o) != 0) {
		output_abort(o);
		return -1;
	}
	if (fault("carry-kill"))
		raise(SIGKILL);
	if (fault("swap-fail")) {
		errno = EIO;
		goto fail;
	}
	/* one atomic step: the old tree moves to the staging name */
	int swapped = fault("swap") ? (errno = EINVAL, -1)
				    : renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->final, RENAME_EXCHANGE);
	if (swapped != 0) {
		/* file systems without RENAME_EXCHANGE: two renames, a short
		 * gap; the old tree waits as STAGING.old, and a build that finds
		 * no output but such a folder of a dead process puts it back
		 * (restore_interrupted) */
		buf old = BUF_INIT;
		buf_printf(&old, "%s.old", o->staging);
		int rc = rename(o->final, old.ptr);
		if (rc == 0 && fault("swap-kill"))
			raise(SIGKILL);
		if (rc == 0 && rename(o->staging, o->final) != 0) {
			rename(old.ptr, o->final);
			rc = -1;
		}
		if (rc == 0)
			output_rmtree(old.ptr);
		buf_free(&old);
		if (rc != 0)
			goto fail;
		return 0;
	}
	output_rmtree(o->staging);
	return 0;
fail:
	diag_report(o->d, DIAG_ERROR, o->final, 0, 0, "cannot move the new site into place: %s%s",
		    strerror(errno), io_advice(errno));
	output_abort(o);
	return -1;
}

void output_abort(output *o)
{
	if (o->staging)
		output_rmtree(o->staging);
}

void output_free(output *o)
{
	if (o->dirfd >= 0)
		close(o->dirfd);
	if (o->oldfd >= 0)
		close(o->oldfd);
	o->dirfd = o->oldfd = -1;
	pthread_mutex_destroy(&o->lock);
	free(o->final);
	free(o->staging);
	o->final = o->staging = NULL;
}
