/* Fuzz target for Markdown through qingdan's wrapper (site/markdown.c):
 * whatever the text, md_render must finish, and what it writes must be
 * inert: only the elements cmark and the wrapper make, no event attribute,
 * no address with a script scheme (checked after entity decoding, as a
 * browser reads it), and an excerpt of well-formed UTF-8 no longer than
 * asked. The bytes are one record's body, valid UTF-8 and at most
 * MARKDOWN_MAX long (the loader refuses others); a broken property aborts. */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "markdown.h"
#include "schema.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *html_out;

static void fail(const char *what, const char *at)
{
	fprintf(stderr, "markdown output not inert: %s\nat: %.120s\n", what, at);
	(void)html_out;
	abort();
}

static bool sized(const void *ctx, const char *path, unsigned *w, unsigned *h)
{
	(void)ctx;
	if (strlen(path) % 2)
		return false;
	*w = 640, *h = 480;
	return true;
}

/* The elements the wrapper may write. */
static bool allowed(const char *name, size_t n)
{
	static const char *const ok[] = {
		"p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "img", "code", "pre",
		"blockquote", "ul", "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
		"del", "div", "input", "sup", "section",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strlen(ok[i]) == n && strncmp(ok[i], name, n) == 0)
			return true;
	return false;
}

/* An attribute value as the browser reads it (the entities cmark writes,
 * and numeric ones), then its scheme. */
static void check_url(const char *v, size_t n, const char *at)
{
	char dec[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof dec;) {
		if (v[i] == '&') {
			const char *semi = memchr(v + i, ';', n - i);
			if (!semi)
				fail("a stray & in an attribute", at);
			if (v[i + 1] == '#') {
				unsigned long c = v[i + 2] == 'x' || v[i + 2] == 'X' ? strtoul(v + i + 3, NULL, 16)
										: strtoul(v + i + 2, NULL, 10);
				dec[k++] = c < 0x80 ? (char)c : '?';
			} else if (strncmp(v + i, "&amp;", 5) == 0) {
				dec[k++] = '&';
			} else {
				dec[k++] = '?';
			}
			i = (size_t)(semi - v) + 1;
			continue;
		}
		unsigned char c = (unsigned char)v[i++];
		if (c <= 0x20 && k == 0)
			continue; /* leading spaces and controls are skipped by the URL parser */
		if (c == '\t' || c == '\n' || c == '\r')
			continue; /* and tabs and line breaks anywhere */
		dec[k++] = (char)tolower(c);
	}
	dec[k] = 0;
	static const char *const bad[] = { "javascript:", "vbscript:", "file:", "data:text", "data:application" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strncmp(dec, bad[i], strlen(bad[i])) == 0)
			fail("an address with a script scheme", at);
}

static void check_html(const char *h)
{
	for (const char *p = strchr(h, '<'); p; p = strchr(p + 1, '<')) {
		if (strncmp(p, "<!-- raw HTML omitted -->", 25) == 0)
			continue;
		const char *q = p + 1;
		if (*q == '/')
			q++;
		size_t n = 0;
		while (isalnum((unsigned char)q[n]))
			n++;
		if (!allowed(q, n))
			fail("an element the wrapper does not write", p);
		const char *end = strchr(q, '>');
		if (!end)
			fail("a tag not closed", p);
		/* attributes: name="value" */
		for (const char *a = q + n; a < end;) {
			while (a < end && (*a == ' ' || *a == '/'))
				a++;
			if (a >= end)
				break;
			size_t an = 0;
			while (a + an < end && a[an] != '=' && a[an] != ' ' && a[an] != '/')
				an++;
			if (an >= 2 && tolower((unsigned char)a[0]) == 'o' && tolower((unsigned char)a[1]) == 'n')
				fail("an event attribute", p);
			const char *val = a + an;
			if (*val != '=') {
				a = val;
				continue;
			}
			if (val[1] != '"')
				fail("an unquoted attribute value", p);
			const char *vend = strchr(val + 2, '"');
			if (!vend || vend > end)
				fail("an attribute value not closed before the tag's end", p);
			if ((an == 4 && strncmp(a, "href", 4) == 0) || (an == 3 && strncmp(a, "src", 3) == 0))
				check_url(val + 2, (size_t)(vend - val - 2), p);
			a = vend + 1;
		}
		p = end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	if (size > MARKDOWN_MAX || utf8_check(text, size) != (size_t)-1 || memchr(text, '\0', size))
		return 0;
	arena a;
	arena_init(&a);
	buf ex = BUF_INIT;
	md_images img = { sized, NULL };
	size_t limit = 1 + size % 200;
	const char *h = md_render(&a, text, size, "/sub/", true, limit, &ex, &img);
	html_out = h;
	if (h)
		check_html(h);
	if (utf8_check(ex.ptr ? ex.ptr : "", ex.len) != (size_t)-1)
		fail("an excerpt of ill-formed UTF-8", ex.ptr);
	if (utf8_count(ex.ptr ? ex.ptr : "", ex.len) > limit + 1)
		fail("an excerpt longer than asked", ex.ptr);
	buf_free(&ex);
	arena_free(&a);
	return 0;
}
