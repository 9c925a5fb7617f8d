/* feeds: Atom feeds (RFC 4287) of what the site publishes: lists, their
 * items (needs, offers, pain points), events and cases, newest first, at
 * most FEEDS_MAX (view_follow.h) entries each. One feed for the whole site, one per
 * district, street and category (url.h: feeds/...). A record is in the
 * feeds of its district and street, and of its category and that
 * category's group (an event or case: each of its categories; a list:
 * its place only).
 *
 * Reproducible: an entry's `updated` is its content date (an item's is
 * its list's published date; an event's its date; a case's its date; a
 * case without a date is in no feed), at 00:00 Beijing time, and a feed's
 * is its newest entry's (an empty feed's: the newest of the site's). An
 * entry's id is a tag URI (RFC 4151) of the site's host and the record's
 * path, stable from build to build. */
#ifndef QD_FEEDS_H
#define QD_FEEDS_H
#include "output.h"
#include "view.h"
#include "view_follow.h" /* FEEDS_MAX */

/* Write every feed through w. Returns 0, or -1 after reporting. */
int feeds_write(const view_ctx *vc, output_writer *w);

#endif
