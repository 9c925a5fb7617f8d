/* view_follow: the values of what lets a reader follow and reuse the
 * site: on every page, its feed (订阅), QR code and poster where it has
 * them (view_put_follow); the feeds page (what a feed is, every feed and
 * calendar), the data page (every file and column of data/), and the A5
 * posters of lists and events. */
#ifndef QD_VIEW_FOLLOW_H
#define QD_VIEW_FOLLOW_H
#include "view.h"

/* The entries of a feed (out/feeds.c): its newest 50; the feeds page says so. */
#define FEEDS_MAX 50

/* page.feed, page.feed_title (the page's Atom feed, or null), page.qr
 * (the SVG QR code of the page's address, for a list, an item and an
 * event page, else null), page.poster_url (a list's or event's A5
 * poster, else null); `url` is the page's URL. */
void view_put_follow(const view_ctx *vc, arena *a, value *page, const page_job *job, const char *url);

value *view_feeds(const view_ctx *vc, arena *a, const page_job *job);
value *view_data(const view_ctx *vc, arena *a, const page_job *job);
value *view_list_poster(const view_ctx *vc, arena *a, const page_job *job);
value *view_event_poster(const view_ctx *vc, arena *a, const page_job *job);

/* The list's own data files {csv, xlsx} and an event's calendar (URLs). */
const char *view_list_csv(const view_ctx *vc, arena *a, const list *l);
const char *view_list_xlsx(const view_ctx *vc, arena *a, const list *l);
const char *view_event_ics(const view_ctx *vc, arena *a, const event *e);

#endif
