/* url: where every page, asset and static file lives (see url.h for the
 * scheme and why it is frozen). */
#include "url.h"

#include <string.h>

/* prefix + id + "/" */
static void folder(buf *b, const char *prefix, const char *id)
{
	buf_puts(b, prefix);
	buf_puts(b, id);
	buf_putc(b, '/');
}

void url_loc(const page_job *job, buf *b)
{
	const char *leaf = NULL;
	switch (job->kind) {
	case PG_HOME: break;
	case PG_LISTS: buf_puts(b, "lists/"); break;
	case PG_LIST: folder(b, "lists/", ((const list *)job->rec)->id); break;
	case PG_ITEM: {
		const item *it = job->rec;
		folder(b, "lists/", it->list->id);
		buf_puti(b, it->no);
		buf_puts(b, ".html");
		return;
	}
	case PG_NEEDS: buf_puts(b, "needs/"); break;
	case PG_SUPPLY: buf_puts(b, "supply/"); break;
	case PG_DISTRICTS: buf_puts(b, "districts/"); break;
	case PG_DISTRICT: folder(b, "districts/", ((const district *)job->rec)->id); break;
	case PG_STREET: folder(b, "streets/", ((const street *)job->rec)->id); break;
	case PG_COMMUNITY: {
		/* a leaf of the places: a file, whose further pages (few
		 * communities have that many needs) go in a folder of its name */
		const community *cm = job->rec;
		folder(b, "streets/", cm->street->id);
		buf_puts(b, cm->id);
		if (job->pageno <= 1) {
			buf_puts(b, ".html");
			return;
		}
		buf_putc(b, '/');
		break;
	}
	case PG_STREET_OPEN:
		/* a folder: no community page (a file, or a folder of further
		 * pages under page/) can have this address */
		folder(b, "streets/", ((const street *)job->rec)->id);
		buf_puts(b, "open/");
		return;
	case PG_MATCH: {
		/* what fits a district's needs of one category */
		const match_cell *cell = job->rec;
		folder(b, "districts/", cell->district->id);
		buf_puts(b, "match/");
		leaf = cell->category->id;
		break;
	}
	case PG_CATEGORIES: buf_puts(b, "categories/"); break;
	case PG_CATEGORY: folder(b, "categories/", ((const category *)job->rec)->id); break;
	case PG_STATUSES: buf_puts(b, "status/"); break;
	case PG_STATUS: folder(b, "status/", ((const enum_name *)job->rec)->en); break;
	case PG_STATS: buf_puts(b, "stats/"); break;
	case PG_EVENTS: buf_puts(b, "events/"); break;
	case PG_EVENT: buf_puts(b, "events/"), leaf = ((const event *)job->rec)->id; break;
	case PG_CASES: buf_puts(b, "cases/"); break;
	case PG_CASE: buf_puts(b, "cases/"), leaf = ((const case_study *)job->rec)->id; break;
	case PG_ORGS: buf_puts(b, "orgs/"); break;
	case PG_ORG: buf_puts(b, "orgs/"), leaf = ((const org *)job->rec)->id; break;
	case PG_PAGE: buf_puts(b, "pages/"), leaf = ((const free_page *)job->rec)->id; break;
	case PG_PRINT: {
		/* among the index's further pages, where only numbers live:
		 * page/all.html */
		url_loc(&(page_job){ .kind = job->of, .rec = job->rec, .pageno = 2 }, b);
		buf_truncate(b, b->len - strlen("2.html"));
		buf_puts(b, "all.html");
		return;
	}
	case PG_LIST_POSTER: buf_puts(b, "posters/lists/"), leaf = ((const list *)job->rec)->id; break;
	case PG_EVENT_POSTER: buf_puts(b, "posters/events/"), leaf = ((const event *)job->rec)->id; break;
	case PG_FEEDS: buf_puts(b, "feeds/"); return;
	case PG_DATA: buf_puts(b, "data/"); return;
	case PG_SEARCH: buf_puts(b, "search/"); return;
	case PG_NOT_FOUND: buf_puts(b, "404.html"); return;
	case PG_KIND_COUNT: break;
	}
	if (leaf) {
		buf_puts(b, leaf);
		buf_puts(b, ".html");
	} else if (job->pageno > 1) {
		buf_puts(b, "page/");
		buf_puti(b, job->pageno);
		buf_puts(b, ".html");
	}
}

/* b's bytes, copied into a, then b freed */
static const char *take(arena *a, buf *b)
{
	const char *r = arena_strndup(a, b->ptr, b->len);
	buf_free(b);
	return r;
}

const char *url_page(arena *a, const char *base_path, const page_job *job)
{
	buf b = BUF_INIT;
	buf_puts(&b, base_path);
	url_loc(job, &b);
	return take(a, &b);
}

const char *url_index(arena *a, const char *base_path, page_kind kind)
{
	return url_page(a, base_path, &(page_job){ .kind = kind });
}

const char *url_file(arena *a, const char *loc)
{
	size_t n = strlen(loc);
	if (n && loc[n - 1] != '/')
		return loc;
	char *p = arena_alloc_raw(a, n + sizeof "index.html");
	memcpy(p, loc, n);
	memcpy(p + n, "index.html", sizeof "index.html");
	return p;
}

const char *url_of(arena *a, const char *prefix, const char *rel)
{
	return arena_printf(a, "%s%s", prefix, rel);
}

const char *url_rel(const char *base_path, const char *url)
{
	return url + strlen(base_path);
}

const char *url_absolute(arena *a, const char *base_url, const char *base_path, const char *url)
{
	const char *rest = url_rel(base_path, url);
	size_t nb = strlen(base_url), nr = strlen(rest);
	char *p = arena_alloc_raw(a, nb + nr + 1);
	memcpy(p, base_url, nb);
	memcpy(p + nb, rest, nr + 1);
	return p;
}

const char *url_root_file(const char *name)
{
	/* unhashed, unlike other assets: the name is what browsers request */
	static const char *const root[] = { "favicon.ico" };
	for (size_t i = 0; i < sizeof root / sizeof *root; i++)
		if (strcmp(name, root[i]) == 0)
			return root[i];
	return NULL;
}

const char *url_asset(arena *a, const char *name, uint64_t hash)
{
	const char *root = url_root_file(name);
	if (root)
		return root;
	const char *dot = strrchr(name, '.');
	size_t stem = dot ? (size_t)(dot - name) : strlen(name);
	return arena_printf(a, "assets/%.*s.%010llx%s", (int)stem, name,
			    (unsigned long long)(hash & 0xffffffffffull), dot ? dot : "");
}

const char *url_static(arena *a, const char *prefix, const char *rel)
{
	return arena_printf(a, "%sstatic/%s", prefix, rel);
}

bool url_is_site_path(const char *link)
{
	return link[0] == '/' && link[1] != '/';
}

const char *url_site_link(arena *a, const char *base_path, const char *link, bool keep_prefixed)
{
	if (!url_is_site_path(link))
		return link;
	if (keep_prefixed && strncmp(link, base_path, strlen(base_path)) == 0)
		return link;
	return arena_printf(a, "%s%s", base_path, link + 1);
}

void url_file_loc(url_file_kind k, const char *id, buf *b)
{
	const char *dir = "", *ext = "";
	switch (k) {
	case URL_FEED_SITE: buf_puts(b, "feeds/site.xml"); return;
	case URL_FEED_DISTRICT: dir = "feeds/districts/", ext = ".xml"; break;
	case URL_FEED_STREET: dir = "feeds/streets/", ext = ".xml"; break;
	case URL_FEED_CATEGORY: dir = "feeds/categories/", ext = ".xml"; break;
	case URL_CAL_ALL: buf_puts(b, "calendar/all.ics"); return;
	case URL_CAL_DISTRICT: dir = "calendar/districts/", ext = ".ics"; break;
	case URL_CAL_EVENT: dir = "calendar/events/", ext = ".ics"; break;
	case URL_DATA: dir = "data/"; break;
	case URL_LIST_CSV: dir = "data/lists/", ext = ".csv"; break;
	case URL_LIST_XLSX: dir = "data/lists/", ext = ".xlsx"; break;
	}
	buf_puts(b, dir);
	buf_puts(b, id);
	buf_puts(b, ext);
}

const char *url_file_of(arena *a, const char *prefix, url_file_kind k, const char *id)
{
	buf b = BUF_INIT;
	buf_puts(&b, prefix);
	url_file_loc(k, id, &b);
	return take(a, &b);
}

const char *url_host(arena *a, const char *base_url)
{
	const char *p = strstr(base_url, "://");
	p = p ? p + 3 : base_url;
	return arena_strndup(a, p, strcspn(p, "/:?#"));
}
