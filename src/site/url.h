/* url: the site's URL scheme, the one module that knows where each page,
 * asset and static file lives, both as a path inside the output folder
 * and as a URL under the site's base path. Breadcrumbs, menus, the
 * sitemap and every later writer (feeds, calendars, data files, QR codes,
 * search) ask it; nothing else builds a site path by hand.
 *
 * Public URLs are frozen: they are printed on handouts and in QR codes.
 * A change here needs a redirect page at the old address and a test
 * (tests/unit/test_url.c pins every kind at the root and under a
 * sub-path).
 *
 * The scheme: an index that other pages live under is a folder ("lists/",
 * "lists/x/", "" for the home page) whose file is index.html; the page of
 * a record (item, event, case, organisation, free page), of a
 * community, the leaf of the places, and of a match cell (a district's
 * needs of one category and what fits them) is a file ("lists/x/3.html",
 * "streets/s/c.html", "districts/d/match/category.html"), and so is page N > 1 of an index
 * ("needs/page/2.html", "streets/s/c/page/2.html"). Files rather than a
 * folder each spare the output 17,000 folders at 10,000 needs (making a
 * folder costs about what writing a page does), and work on hosts that
 * serve index.html at the top only. */
#ifndef QD_URL_H
#define QD_URL_H
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "match.h"
#include "model.h"

typedef enum page_kind {
	PG_HOME,
	PG_LISTS,
	PG_LIST,
	PG_ITEM,
	PG_NEEDS,
	PG_SUPPLY,
	PG_DISTRICTS,
	PG_DISTRICT,
	PG_STREET,
	PG_COMMUNITY,
	PG_STREET_OPEN,
	PG_MATCH,
	PG_CATEGORIES,
	PG_CATEGORY,
	PG_STATUSES,
	PG_STATUS,
	PG_STATS,
	PG_EVENTS,
	PG_EVENT,
	PG_CASES,
	PG_CASE,
	PG_ORGS,
	PG_ORG,
	PG_PAGE,
	PG_PRINT,
	PG_LIST_POSTER,
	PG_EVENT_POSTER,
	PG_FEEDS,
	PG_DATA,
	PG_NOT_FOUND,
	/* last: its page is made once the search index is (out/search_write.h) */
	PG_SEARCH,
	PG_KIND_COUNT
} page_kind;

/* One output page: its kind, its record (NULL for the site-wide indexes;
 * for PG_STATUS an entry of status_names), and for paginated indexes its
 * page number (1-based; 0 reads as 1) and the page count. A PG_PRINT page
 * is a paginated index (`of`, with the same record) on one page. */
typedef struct page_job {
	page_kind kind;
	const void *rec;
	unsigned pageno, npages;
	page_kind of; /* PG_PRINT: the index it shows whole */
} page_job;

/* Append where the page lives, relative to the site root ("lists/x/",
 * "lists/x/3.html", "" for the home page). */
void url_loc(const page_job *job, buf *out);
/* The page's URL: base_path ("/" or "/jihui/") then url_loc; in `a`. */
const char *url_page(arena *a, const char *base_path, const page_job *job);
/* The URL of the first page of a kind that has no record (PG_LISTS,
 * PG_EVENTS, ...); in `a`. */
const char *url_index(arena *a, const char *base_path, page_kind kind);
/* The file of a page inside the output folder, from its URL's part after
 * the base path: a folder's file is its index.html ("lists/x/" ->
 * "lists/x/index.html", "" -> "index.html"); in `a`. */
const char *url_file(arena *a, const char *loc);
/* The address of a file of the output (`rel`, e.g. an asset's path):
 * prefix + rel, where prefix is the base path for a site URL or base_url
 * for an absolute one; in `a`. */
const char *url_of(arena *a, const char *prefix, const char *rel);
/* The part of `url` after `base_path` (url must start with it). */
const char *url_rel(const char *base_path, const char *url);
/* An absolute URL from the site's base_url and a URL path under
 * base_path; in `a`. */
const char *url_absolute(arena *a, const char *base_url, const char *base_path, const char *url);
/* An asset's path in the output: assets/<stem>.<10 hex digits of hash>
 * <ext> (style.css -> assets/style.0123456789.css): a changed file gets a
 * new name, since WeChat's browser caches hard; in `a`. A root file
 * (url_root_file) keeps its name at the root instead. */
const char *url_asset(arena *a, const char *name, uint64_t hash);
/* Files that browsers ask for by name at the site's root: favicon.ico.
 * When `name` (an asset's name, or a path inside content/static/) is one,
 * its path in the output, "favicon.ico" (so its URL is base path +
 * "favicon.ico"); else NULL. Static, never allocated. */
const char *url_root_file(const char *name);
/* A file of content/static/: prefix + "static/" + rel, where prefix is
 * the base path for its URL, "" for its path in the output; in `a`. */
const char *url_static(arena *a, const char *prefix, const char *rel);
/* A link written in content (a menu entry, a Markdown link): a
 * site-relative path ("/pages/about.html") is put under the base path
 * (unless it already is, with `keep_prefixed`); anything else ("https://…",
 * "#x", "mailto:") is returned as it is. In `a` when changed. */
const char *url_site_link(arena *a, const char *base_path, const char *link, bool keep_prefixed);
/* True when `link` is site-relative ("/x", not "//host/x"). */
bool url_is_site_path(const char *link);

/* The host of base_url ("https://example.org:8443/x/" -> "example.org"),
 * for ids that name the site (feed entries' tag URIs, calendar UIDs); in
 * `a`. */
const char *url_host(arena *a, const char *base_url);

/* Files that are not pages: what a reader follows and reuses.
 *   feeds/site.xml, feeds/districts/ID.xml, feeds/streets/ID.xml,
 *   feeds/categories/ID.xml                      Atom feeds
 *   calendar/all.ics, calendar/districts/ID.ics,
 *   calendar/events/ID.ics                       iCalendar
 *   data/NAME (needs.csv, lists.json, ...)       open data, site-wide
 *   data/lists/ID.csv, data/lists/ID.xlsx        open data, one list
 * `id` is the record's id (NAME for URL_DATA; unused for URL_FEED_SITE and
 * URL_CAL_ALL). Frozen as the pages are. */
typedef enum url_file_kind {
	URL_FEED_SITE,
	URL_FEED_DISTRICT,
	URL_FEED_STREET,
	URL_FEED_CATEGORY,
	URL_CAL_ALL,
	URL_CAL_DISTRICT,
	URL_CAL_EVENT,
	URL_DATA,
	URL_LIST_CSV,
	URL_LIST_XLSX,
} url_file_kind;

/* Append the file's path relative to the site root. */
void url_file_loc(url_file_kind k, const char *id, buf *b);
/* prefix + its path: prefix is "" for its path in the output, the base
 * path for its URL, base_url for its absolute URL; in `a`. */
const char *url_file_of(arena *a, const char *prefix, url_file_kind k, const char *id);

#endif
