/* The URL scheme (url.h), pinned: every page kind's address at the site
 * root and under a sub-path, further pages of paginated indexes, output
 * files, assets and links written in content. These addresses are
 * printed on handouts and in QR codes: a test here that has to change
 * means a public URL changed, which needs a redirect page at the old
 * address. */
#include <string.h>

#include "arena.h"
#include "pages.h"
#include "t.h"
#include "url.h"

static arena a;

/* The records of one small site, linked as the loader links them. */
static district dist = { .id = "chenghua", .name = "成华区" };
static street st = { .id = "bailianchi", .name = "白莲池街道", .district = &dist };
static community cm = { .id = "bailian", .name = "白莲社区", .street = &st };
static category cat = { .id = "elderly-children", .name = "一老一小" };
static list lst = { .id = "2020-bailianchi-needs", .title = "需求清单" };
static item it = { .list = &lst, .no = 12, .title = "楼道文化墙" };
static event ev = { .id = "2020-bailianchi-forum" };
static case_study cs = { .id = "bailian-hardware-space-ops" };
static org og = { .id = "demo-service-centre" };
static free_page fp = { .id = "about" };
static match_cell cell = { .district = &dist, .category = &cat };

static const char *u(const char *base, page_kind kind, const void *rec, unsigned pageno)
{
	/* the scheme's one-page version (PG_PRINT) is a street's */
	return url_page(&a, base, &(page_job){ .kind = kind, .rec = rec, .pageno = pageno,
					       .of = kind == PG_PRINT ? PG_STREET : PG_HOME });
}

/* Each kind's first page and (for a paginated kind) page 3, at the root. */
static const struct {
	page_kind kind;
	const void *rec;
	const char *first, *third;
} scheme[] = {
	{ PG_HOME, NULL, "/", NULL },
	{ PG_LISTS, NULL, "/lists/", "/lists/page/3.html" },
	{ PG_LIST, &lst, "/lists/2020-bailianchi-needs/", NULL },
	{ PG_ITEM, &it, "/lists/2020-bailianchi-needs/12.html", NULL },
	{ PG_NEEDS, NULL, "/needs/", "/needs/page/3.html" },
	{ PG_SUPPLY, NULL, "/supply/", "/supply/page/3.html" },
	{ PG_DISTRICTS, NULL, "/districts/", NULL },
	{ PG_DISTRICT, &dist, "/districts/chenghua/", "/districts/chenghua/page/3.html" },
	{ PG_STREET, &st, "/streets/bailianchi/", "/streets/bailianchi/page/3.html" },
	{ PG_COMMUNITY, &cm, "/streets/bailianchi/bailian.html", "/streets/bailianchi/bailian/page/3.html" },
	{ PG_STREET_OPEN, &st, "/streets/bailianchi/open/", NULL },
	{ PG_MATCH, &cell, "/districts/chenghua/match/elderly-children.html", NULL },
	{ PG_CATEGORIES, NULL, "/categories/", NULL },
	{ PG_CATEGORY, &cat, "/categories/elderly-children/", "/categories/elderly-children/page/3.html" },
	{ PG_STATUSES, NULL, "/status/", NULL },
	{ PG_STATUS, &status_names[STATUS_EXPIRED], "/status/expired/", "/status/expired/page/3.html" },
	{ PG_STATS, NULL, "/stats/", NULL },
	{ PG_EVENTS, NULL, "/events/", NULL },
	{ PG_EVENT, &ev, "/events/2020-bailianchi-forum.html", NULL },
	{ PG_CASES, NULL, "/cases/", NULL },
	{ PG_CASE, &cs, "/cases/bailian-hardware-space-ops.html", NULL },
	{ PG_ORGS, NULL, "/orgs/", NULL },
	{ PG_ORG, &og, "/orgs/demo-service-centre.html", NULL },
	{ PG_PAGE, &fp, "/pages/about.html", NULL },
	{ PG_PRINT, &st, "/streets/bailianchi/page/all.html", NULL },
	{ PG_LIST_POSTER, &lst, "/posters/lists/2020-bailianchi-needs.html", NULL },
	{ PG_EVENT_POSTER, &ev, "/posters/events/2020-bailianchi-forum.html", NULL },
	{ PG_FEEDS, NULL, "/feeds/", NULL },
	{ PG_DATA, NULL, "/data/", NULL },
	{ PG_NOT_FOUND, NULL, "/404.html", NULL },
	{ PG_SEARCH, NULL, "/search/", NULL },
};

/* a paginated index's one-page version, beside its further pages */
TEST(url_one_page_versions)
{
	const struct {
		page_kind of;
		const void *rec;
		const char *url;
	} v[] = {
		{ PG_NEEDS, NULL, "/jihui/needs/page/all.html" },
		{ PG_SUPPLY, NULL, "/jihui/supply/page/all.html" },
		{ PG_STATUS, &status_names[STATUS_OPEN], "/jihui/status/open/page/all.html" },
		{ PG_DISTRICT, &dist, "/jihui/districts/chenghua/page/all.html" },
		{ PG_STREET, &st, "/jihui/streets/bailianchi/page/all.html" },
		{ PG_COMMUNITY, &cm, "/jihui/streets/bailianchi/bailian/page/all.html" },
		{ PG_CATEGORY, &cat, "/jihui/categories/elderly-children/page/all.html" },
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		CHECK_STR(url_page(&a, "/jihui/", &(page_job){ .kind = PG_PRINT, .rec = v[i].rec, .of = v[i].of }),
			  v[i].url);
	arena_free(&a);
}

TEST(url_every_kind_is_pinned)
{
	/* every kind has a row above */
	CHECK_INT(sizeof scheme / sizeof *scheme, PG_KIND_COUNT);
	for (size_t i = 0; i < sizeof scheme / sizeof *scheme; i++) {
		CHECK_INT(scheme[i].kind, i);
		CHECK_STR(u("/", scheme[i].kind, scheme[i].rec, 1), scheme[i].first);
		/* page 0 reads as page 1 */
		CHECK_STR(u("/", scheme[i].kind, scheme[i].rec, 0), scheme[i].first);
		if (scheme[i].third)
			CHECK_STR(u("/", scheme[i].kind, scheme[i].rec, 3), scheme[i].third);
	}
	arena_free(&a);
}

TEST(url_under_a_sub_path)
{
	/* the same addresses under /jihui/: the base path, then the same */
	for (size_t i = 0; i < sizeof scheme / sizeof *scheme; i++) {
		char want[200];
		snprintf(want, sizeof want, "/jihui%s", scheme[i].first);
		CHECK_STR(u("/jihui/", scheme[i].kind, scheme[i].rec, 1), want);
		if (scheme[i].third) {
			snprintf(want, sizeof want, "/jihui%s", scheme[i].third);
			CHECK_STR(u("/jihui/", scheme[i].kind, scheme[i].rec, 3), want);
		}
	}
	CHECK_STR(url_index(&a, "/jihui/", PG_EVENTS), "/jihui/events/");
	arena_free(&a);
}

TEST(url_paginated_kinds_are_the_counted_ones)
{
	/* a kind has further pages exactly when the table counts its entries */
	for (size_t i = 0; i < sizeof scheme / sizeof *scheme; i++)
		CHECK_INT(scheme[i].third != NULL, page_kinds[scheme[i].kind].count != NULL);
}

TEST(url_files_in_the_output)
{
	CHECK_STR(url_file(&a, ""), "index.html");
	CHECK_STR(url_file(&a, "lists/"), "lists/index.html");
	CHECK_STR(url_file(&a, "lists/x/"), "lists/x/index.html");
	CHECK_STR(url_file(&a, "lists/x/3.html"), "lists/x/3.html");
	CHECK_STR(url_file(&a, "404.html"), "404.html");
	CHECK_STR(url_rel("/jihui/", "/jihui/lists/"), "lists/");
	CHECK_STR(url_absolute(&a, "https://example.org/jihui/", "/jihui/", "/jihui/lists/x/3.html"),
		  "https://example.org/jihui/lists/x/3.html");
	CHECK_STR(url_absolute(&a, "https://example.org/", "/", "/"), "https://example.org/");
	arena_free(&a);
}

TEST(url_assets_and_statics)
{
	CHECK_STR(url_asset(&a, "style.css", 0x123456789abcdefull), "assets/style.6789abcdef.css");
	CHECK_STR(url_asset(&a, "img/share.png", 0xff), "assets/img/share.00000000ff.png");
	CHECK_STR(url_asset(&a, "LICENSE", 1), "assets/LICENSE.0000000001");
	CHECK_STR(url_of(&a, "/jihui/", "assets/style.0000000001.css"), "/jihui/assets/style.0000000001.css");
	CHECK_STR(url_of(&a, "https://example.org/jihui/", "assets/share.00000000ff.png"),
		  "https://example.org/jihui/assets/share.00000000ff.png");
	CHECK_STR(url_static(&a, "", "photos/a.jpg"), "static/photos/a.jpg");
	CHECK_STR(url_static(&a, "/jihui/", "photos/a.jpg"), "/jihui/static/photos/a.jpg");
	arena_free(&a);
}

TEST(url_links_written_in_content)
{
	CHECK(url_is_site_path("/pages/about.html"));
	CHECK(!url_is_site_path("//cdn.example.org/x"));
	CHECK(!url_is_site_path("https://example.org/"));
	CHECK(!url_is_site_path("#top"));
	CHECK_STR(url_site_link(&a, "/jihui/", "/pages/about.html", false), "/jihui/pages/about.html");
	CHECK_STR(url_site_link(&a, "/", "/pages/about.html", false), "/pages/about.html");
	CHECK_STR(url_site_link(&a, "/jihui/", "https://example.org/", false), "https://example.org/");
	CHECK_STR(url_site_link(&a, "/jihui/", "mailto:a@example.org", true), "mailto:a@example.org");
	/* a link already under the base path is kept when asked (Markdown) */
	CHECK_STR(url_site_link(&a, "/jihui/", "/jihui/lists/", true), "/jihui/lists/");
	CHECK_STR(url_site_link(&a, "/jihui/", "/jihui/lists/", false), "/jihui/jihui/lists/");
	arena_free(&a);
}

TEST(url_root_files)
{
	/* favicon.ico keeps its name at the root (browsers ask for it there) */
	CHECK_STR(url_root_file("favicon.ico"), "favicon.ico");
	CHECK(url_root_file("img/favicon.ico") == NULL);
	CHECK(url_root_file("style.css") == NULL);
	CHECK_STR(url_asset(&a, "favicon.ico", 0x123), "favicon.ico");
	CHECK_STR(url_of(&a, "/jihui/", url_asset(&a, "favicon.ico", 1)), "/jihui/favicon.ico");
	CHECK_STR(url_of(&a, "/", url_root_file("favicon.ico")), "/favicon.ico");
}

/* the files that are not pages: feeds, calendars, open data (url.h) */
TEST(url_follow_and_reuse_files)
{
	const struct {
		url_file_kind k;
		const char *id, *path;
	} v[] = {
		{ URL_FEED_SITE, NULL, "feeds/site.xml" },
		{ URL_FEED_DISTRICT, "chenghua", "feeds/districts/chenghua.xml" },
		{ URL_FEED_STREET, "bailianchi", "feeds/streets/bailianchi.xml" },
		{ URL_FEED_CATEGORY, "elderly-children", "feeds/categories/elderly-children.xml" },
		{ URL_CAL_ALL, NULL, "calendar/all.ics" },
		{ URL_CAL_DISTRICT, "chenghua", "calendar/districts/chenghua.ics" },
		{ URL_CAL_EVENT, "2020-bailianchi-forum", "calendar/events/2020-bailianchi-forum.ics" },
		{ URL_DATA, "needs.csv", "data/needs.csv" },
		{ URL_LIST_CSV, "2020-bailianchi-needs", "data/lists/2020-bailianchi-needs.csv" },
		{ URL_LIST_XLSX, "2020-bailianchi-needs", "data/lists/2020-bailianchi-needs.xlsx" },
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char want[200];
		CHECK_STR(url_file_of(&a, "", v[i].k, v[i].id), v[i].path);
		snprintf(want, sizeof want, "/jihui/%s", v[i].path);
		CHECK_STR(url_file_of(&a, "/jihui/", v[i].k, v[i].id), want);
		snprintf(want, sizeof want, "https://example.org/jihui/%s", v[i].path);
		CHECK_STR(url_file_of(&a, "https://example.org/jihui/", v[i].k, v[i].id), want);
	}
	arena_free(&a);
}
