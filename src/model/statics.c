/* statics: active files in static/ refused (see statics.h). */
#include "statics.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const active_ext[] = { ".html", ".htm", ".shtml", ".xhtml", ".xht", ".js",
					  ".mjs", ".xsl", ".xslt", ".svgz" };

static bool ends_with(const char *s, const char *ext)
{
	size_t n = strlen(s), k = strlen(ext);
	return n > k && strcasecmp(s + n - k, ext) == 0;
}

/* what may come before an attribute's name: a space, or "/" and quotes
 * as browsers take them (<svg/onload=...>) */
static bool attr_gap(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '/' || ch == '"' || ch == '\'';
}

static unsigned char lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + 32) : ch;
}

/* The text at p (n bytes left) starts with `word` (lower case), whatever
 * the case. */
static bool at(const unsigned char *p, size_t n, const char *word)
{
	size_t k = strlen(word);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (lower(p[i]) != (unsigned char)word[i])
			return false;
	return true;
}

/* What in `b` (n bytes, the last `keep` of which are looked at again with
 * the next piece) makes an SVG active, or NULL. An event attribute is
 * "on" and letters after a space or quote, then '=' (spaces allowed). */
static const char *active_in(const unsigned char *b, size_t n, size_t keep)
{
	size_t end = n > keep ? n - keep : 0;
	for (size_t i = 0; i < end; i++) {
		size_t left = n - i;
		if (b[i] == '<' && (at(b + i + 1, left - 1, "script") || at(b + i + 1, left - 1, "foreignobject")))
			return at(b + i + 1, left - 1, "script") ? "a <script> element" : "a <foreignObject> element";
		if ((b[i] == 'j' || b[i] == 'J') && at(b + i, left, "javascript:"))
			return "a javascript: address";
		if (attr_gap(b[i]) && left > 3 && lower(b[i + 1]) == 'o' && lower(b[i + 2]) == 'n') {
			size_t j = i + 3, letters = 0;
			while (j < n && lower(b[j]) >= 'a' && lower(b[j]) <= 'z')
				j++, letters++;
			while (j < n && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r'))
				j++;
			if (letters && j < n && b[j] == '=')
				return "an event attribute (such as onload=)";
		}
	}
	return NULL;
}

/* Why the SVG at `path` is active, or NULL; `*err` set when it cannot be
 * read. Read in pieces, each looked at with the end of the one before
 * (a pattern split between two pieces is found). */
static const char *svg_active(const char *path, int *err)
{
	enum { PIECE = 65536, KEEP = 64 };
	static _Thread_local unsigned char b[PIECE + KEEP];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	*err = 0;
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	const char *why = NULL;
	size_t have = 0;
	for (;;) {
		ssize_t r = read(fd, b + have, PIECE);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = errno;
			break;
		}
		size_t n = have + (size_t)r;
		/* the last piece is looked at to its end */
		if ((why = active_in(b, n, r == 0 ? 0 : KEEP)) || r == 0)
			break;
		have = n < KEEP ? n : KEEP;
		memmove(b, b + n - have, have);
	}
	close(fd);
	return why;
}

void statics_check(loadctx *c)
{
	const site *s = c->s;
	if (s->allow_static_scripts)
		return;
	for (size_t i = 0; i < s->nstatics; i++) {
		const static_file *f = &s->statics[i];
		const char *why = NULL;
		for (size_t k = 0; k < sizeof active_ext / sizeof *active_ext && !why; k++)
			if (ends_with(f->path, active_ext[k]))
				why = ends_with(f->path, ".js") || ends_with(f->path, ".mjs") ? "a script"
				      : ends_with(f->path, ".svgz") ? "a compressed SVG (it cannot be looked into)"
								     : "an HTML or XML page";
		int err = 0;
		if (!why && ends_with(f->path, ".svg"))
			why = svg_active(f->src, &err);
		if (err)
			diag_report(c->d, DIAG_ERROR, f->src, 0, 0, "cannot read: %s", strerror(err));
		if (why)
			diag_report(c->d, DIAG_ERROR, f->src, 0, 0,
				    "%s in static/ would run on the site's own address, outside every check of the content; "
				    "put pages in pages/ and remove scripts (when every contributor is trusted, "
				    "site.yaml may set allow_static_scripts: true)",
				    why);
	}
}
