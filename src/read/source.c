/* source: read a content file, enforce size and UTF-8 (see source.h). */
#include "source.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>


/* True when the whole text converts from GB18030 (a superset of GBK and
 * GB2312) and has multi-byte characters: what Windows tools in China save. */
static int looks_gb18030(const char *s, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return 0;
	char out[4096];
	char *in = (char *)s;
	size_t inleft = len;
	int ok = 1;
	while (inleft > 0) {
		char *o = out;
		size_t oleft = sizeof out;
		if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 && errno != E2BIG) {
			ok = 0;
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

/* Line and column (in characters, assuming what precedes is UTF-8) of byte
 * offset `off`. */
static void line_col(const char *s, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1;
	size_t bol = 0;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			l++, bol = i + 1;
	*line = l;
	*col = (unsigned)utf8_count(s + bol, off - bol) + 1;
}

bool source_utf8_report(diag *d, const char *path, const char *text, size_t len)
{
	size_t bad = utf8_check(text, len);
	if (bad == (size_t)-1)
		return false;
	unsigned line, col;
	line_col(text, bad, &line, &col);
	if (looks_gb18030(text, len))
		diag_report(d, DIAG_ERROR, path, line, col,
			    "file is not UTF-8: it looks like GBK/GB18030 (as saved by many Windows tools); "
			    "convert it with: iconv -f GB18030 -t UTF-8 '%s' > new-file, then replace the file",
			    path);
	else
		diag_report(d, DIAG_ERROR, path, line, col, "invalid UTF-8 byte 0x%02X; save the file as UTF-8",
			    (unsigned char)text[bad]);
	return true;
}

/* Read the whole file, at most SOURCE_MAX_FILE bytes, into `a`
 * (NUL-terminated). 0, 1 (too big), -1 (I/O); all reported. */
static int read_all(arena *a, diag *d, const char *path, char **out, size_t *out_len)
{
	int rc = -1;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (it would
	 * hang the build); a regular file is read as usual */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	char *text = NULL;
	if (fd < 0) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_report(d, DIAG_ERROR, path, 0, 0,
			    "not a regular file (%s); content must be ordinary files: remove it, or replace it with the file itself",
			    S_ISFIFO(st.st_mode) ? "a named pipe" : S_ISSOCK(st.st_mode) ? "a socket"
				: S_ISDIR(st.st_mode) ? "a folder" : "a device");
		goto out;
	}
	if (st.st_size > (off_t)SOURCE_MAX_FILE) {
		diag_report(d, DIAG_ERROR, path, 0, 0,
			    "file is %lld bytes, over the limit of %u bytes (8 MiB); split it into smaller files",
			    (long long)st.st_size, SOURCE_MAX_FILE);
		rc = 1;
		goto out;
	}
	size_t len = (size_t)st.st_size;
	text = arena_alloc_raw(a, len + 1);
	for (size_t got = 0; got < len;) {
		ssize_t r = read(fd, text + got, len - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			diag_report(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
				    r < 0 ? strerror(errno) : "file changed while reading");
			goto out;
		}
		got += (size_t)r;
	}
	text[len] = '\0';
	*out = text;
	*out_len = len;
	rc = 0;
out:
	close(fd);
	return rc;
}

static int load(arena *a, diag *d, const char *path, source *src, bool check_utf8)
{
	char *text;
	size_t len;
	int rc = read_all(a, d, path, &text, &len);
	if (rc != 0)
		return rc;
	rc = 1;
	if (len >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
			 ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF))) {
		diag_report(d, DIAG_ERROR, path, 0, 0,
			    "file is UTF-16, not UTF-8; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 '%s' > new-file)",
			    path);
		goto out;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (check_utf8 && source_utf8_report(d, path, text, len))
		goto out;
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		unsigned line, col;
		line_col(text, (size_t)(nul - text), &line, &col);
		diag_report(d, DIAG_ERROR, path, line, col,
			    "file contains a NUL byte; it is not a text file, move it to static/ if it is an attachment");
		goto out;
	}
	src->path = arena_strdup(a, path);
	src->text = text;
	src->len = len;
	rc = 0;
out:
	return rc;
}

int source_read(arena *a, diag *d, const char *path, source *src)
{
	return load(a, d, path, src, true);
}

int source_read_unchecked(arena *a, diag *d, const char *path, source *src)
{
	return load(a, d, path, src, false);
}

int source_read_bytes(arena *a, diag *d, const char *path, source *src)
{
	char *text;
	size_t len;
	int rc = read_all(a, d, path, &text, &len);
	if (rc == 0)
		*src = (source){ arena_strdup(a, path), text, len };
	return rc;
}
