/* render: a page's values through its template (see render.h). */
#include "render.h"

#include "pages.h"

mu_status render_page(const view_ctx *vc, const theme *t, const page_job *job, mu_memo *memo, arena *scratch,
		      buf *out, mu_error *err)
{
	/* a theme that makes 50 million steps of one page is broken, not slow */
	const mu_opts opts = { .flags = MU_RENDER_STRICT | MU_RENDER_OWN, .max_steps = 50000000, .memo = memo };
	value *v = page_kinds[job->kind].build(vc, scratch, job);
	buf_reset(out);
	return mu_render(t->page[job->kind], &mu_value_data, v, &opts, out, err);
}
