/* opendata: the open data's CSV and JSON files (data/ in the output; the
 * columns are site/datacols.h's). CSV is UTF-8 with a byte-order mark, so
 * that Excel and WPS read Chinese correctly, a header row of the columns'
 * Chinese names, RFC 4180 quoting and CRLF line ends, and every text cell
 * neutralised against formula injection (escape.h: esc_csv_field); a
 * number is written bare, a date as YYYY-MM-DD. JSON is one object:
 * {"date", "license", "count", "records": [...]}, the records under the
 * columns' English keys. Both are made in a buf, for output_put. */
#ifndef QD_OPENDATA_H
#define QD_OPENDATA_H
#include "datacols.h"

/* Append the CSV of `n` records of table t. */
void opendata_csv(const view_ctx *vc, dc_table t, const void *const *recs, size_t n, buf *out, arena *a);
/* Append the JSON of `n` records of table t. */
void opendata_json(const view_ctx *vc, dc_table t, const void *const *recs, size_t n, buf *out, arena *a);
/* Append places.json (districts, their streets, their communities) and
 * categories.json (each with its group). */
void opendata_places_json(const view_ctx *vc, buf *out);
void opendata_categories_json(const view_ctx *vc, buf *out);
/* A list's items in 序号 order, in `a` (its own files list them so). */
const void **opendata_list_items(const list *l, arena *a);

#endif
