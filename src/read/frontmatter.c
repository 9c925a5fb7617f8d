/* frontmatter: find the `---` fences of a .md file (see frontmatter.h). */
#include "frontmatter.h"

#include <string.h>

/* Length of the line at p if it is a fence (`---` then optional spaces and
 * CR), else 0; the length includes the newline when there is one. */
static size_t fence(const char *p, const char *end)
{
	if (end - p < 3 || memcmp(p, "---", 3) != 0)
		return 0;
	const char *q = p + 3;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q == end)
		return (size_t)(q - p);
	if (*q != '\n')
		return 0;
	return (size_t)(q - p) + 1;
}

int frontmatter_split(const char *text, size_t len, frontmatter *fm)
{
	const char *end = text + len;
	size_t open = fence(text, end);
	if (!open)
		return 1;
	const char *p = text + open;
	unsigned line = 2;
	fm->yaml = p;
	fm->yaml_line = 2;
	while (p < end) {
		size_t close = fence(p, end);
		if (close) {
			fm->yaml_len = (size_t)(p - fm->yaml);
			fm->body = p + close;
			fm->body_len = (size_t)(end - fm->body);
			fm->body_line = line + (p[close - 1] == '\n');
			return 0;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		p = nl + 1;
		line++;
	}
	return 2;
}
