/* render: one page, from its job to its HTML: the page kind's builder
 * makes its values (pages.h), its template renders them. Knows neither
 * files nor threads: out/html.c decides where the bytes go. */
#ifndef QD_RENDER_H
#define QD_RENDER_H
#include "buf.h"
#include "mustache.h"
#include "theme.h"
#include "view.h"

/* Render `job` into `out` (reset first). The page's values are built in
 * `scratch`, which the caller may reset once the bytes are used. Sealed
 * rows are enforced (MU_RENDER_OWN) and dynamic names must name a
 * template (MU_RENDER_STRICT). Item rows (vc->row, which last the whole
 * build) are written from `memo` when it has them (NULL: none; see
 * mu_memo). Returns MU_OK, or an error with err filled in (a template's
 * fault; report it with mu_report). */
mu_status render_page(const view_ctx *vc, const theme *t, const page_job *job, mu_memo *memo, arena *scratch,
		      buf *out, mu_error *err);

#endif
