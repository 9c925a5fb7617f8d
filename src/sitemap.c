/* sitemap: sitemap.xml and robots.txt (see sitemap.h). */
#include "sitemap.h"

#include <string.h>

#include "buf.h"

static void xml_escape(buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default: buf_putc(b, *s);
		}
	}
}

int sitemap_write(const site *s, const char *const *urls, size_t n, output *o)
{
	buf b = BUF_INIT;
	size_t plen = strlen(s->base_path);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < n; i++) {
		if (!urls[i])
			continue;
		buf_puts(&b, "<url><loc>");
		/* base_url already ends with the base path */
		xml_escape(&b, s->base_url);
		xml_escape(&b, urls[i] + plen);
		buf_puts(&b, "</loc></url>\n");
	}
	buf_puts(&b, "</urlset>\n");
	int rc = output_write(o, "sitemap.xml", b.ptr, b.len);
	buf_reset(&b);
	buf_puts(&b, "User-agent: *\nAllow: /\nSitemap: ");
	buf_puts(&b, s->base_url);
	buf_puts(&b, "sitemap.xml\n");
	if (rc == 0)
		rc = output_write(o, "robots.txt", b.ptr, b.len);
	buf_free(&b);
	return rc;
}
