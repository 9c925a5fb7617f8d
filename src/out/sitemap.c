/* sitemap: sitemap.xml and robots.txt (see sitemap.h). */
#include "sitemap.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "url.h"

/* The protocol's most URLs in one sitemap file (search engines, Baidu's
 * included, ignore the rest); the files stay far under its 50 MB. */
#define SITEMAP_MAX 50000

/* One <urlset> of urls[from, to) (NULL entries skipped) into `name`. */
static int write_urlset(const site *s, const char *const *urls, size_t from, size_t to, output *o,
			const char *name)
{
	buf b = BUF_INIT;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = from; i < to; i++) {
		if (!urls[i])
			continue;
		buf_puts(&b, "<url><loc>");
		/* base_url already ends with the base path */
		esc_xml(&b, s->base_url, strlen(s->base_url));
		const char *rel = url_rel(s->base_path, urls[i]);
		esc_xml(&b, rel, strlen(rel));
		buf_puts(&b, "</loc></url>\n");
	}
	buf_puts(&b, "</urlset>\n");
	int rc = output_write(o, name, b.ptr, b.len);
	buf_free(&b);
	return rc;
}

int sitemap_write_split(const site *s, const char *const *urls, size_t n, output *o, size_t per_file)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += urls[i] != NULL;
	int rc = 0;
	if (count <= per_file) {
		rc = write_urlset(s, urls, 0, n, o, "sitemap.xml");
	} else {
		/* sitemap.xml becomes the index of sitemap-1.xml, sitemap-2.xml, … */
		buf idx = BUF_INIT;
		buf_puts(&idx, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			       "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		size_t from = 0, part = 0;
		while (from < n && rc == 0) {
			size_t to = from, in = 0;
			while (to < n && (in < per_file || !urls[to]))
				in += urls[to++] != NULL;
			char name[32];
			snprintf(name, sizeof name, "sitemap-%zu.xml", ++part);
			rc = write_urlset(s, urls, from, to, o, name);
			buf_puts(&idx, "<sitemap><loc>");
			esc_xml(&idx, s->base_url, strlen(s->base_url));
			buf_puts(&idx, name);
			buf_puts(&idx, "</loc></sitemap>\n");
			from = to;
		}
		buf_puts(&idx, "</sitemapindex>\n");
		if (rc == 0)
			rc = output_write(o, "sitemap.xml", idx.ptr, idx.len);
		buf_free(&idx);
	}
	buf b = BUF_INIT;
	buf_puts(&b, "User-agent: *\nAllow: /\nSitemap: ");
	buf_puts(&b, s->base_url);
	buf_puts(&b, "sitemap.xml\n");
	if (rc == 0)
		rc = output_write(o, "robots.txt", b.ptr, b.len);
	buf_free(&b);
	return rc;
}

int sitemap_write(const site *s, const char *const *urls, size_t n, output *o)
{
	return sitemap_write_split(s, urls, n, o, SITEMAP_MAX);
}
