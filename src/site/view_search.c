/* view_search: the search page's values (see view_search.h). */
#include "view_search.h"

#include <string.h>

#include "escape.h"
#include "search_files.h"
#include "view_parts.h"

value *view_search(const view_ctx *vc, arena *a, const page_job *job)
{
	value *root = view_root(vc, a, job, "搜索", "在本站的需求、供给、清单、活动、案例、组织和地点中搜索", NULL);
	const search_files *sf = vc->search;
	value *m = value_map(a, 8);
	view_put_bool(a, m, "ready", sf != NULL && vc->search_js != NULL);
	if (sf) {
		view_put(a, m, "index", url_of(a, vc->s->base_path, sf->dir));
		view_put(a, m, "buckets", arena_printf(a, "%u", sf->buckets));
		view_put(a, m, "per", arena_printf(a, "%u", sf->per));
		view_put(a, m, "docs", arena_printf(a, "%zu", sf->ndocs));
		buf b = BUF_INIT;
		esc_json_str(&b, sf->t2s);
		view_put(a, m, "t2s_json", arena_strdup(a, b.ptr));
		buf_free(&b);
	}
	view_put(a, m, "script", vc->search_js);
	view_set(a, root, "search", m);
	return root;
}
