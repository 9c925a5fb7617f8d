/* build: one run of qingdan over a content folder, stage by stage:
 *
 *   load -> check -> index -> match -> stats -> theme -> views -> filters -> pages -> links -> write
 *             (the search index on its own thread from here on; written beside the pages)
 *
 * `check` stops before the theme and the writing, `dump` after checking.
 * Each stage is one module; this file only orders them, prints what the
 * run found, and maps the outcome to an exit status. */
#include "build.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assets.h"
#include "checks.h"
#include "datafiles.h"
#include "dump.h"
#include "follow.h"
#include "html.h"
#include "index.h"
#include "links.h"
#include "load.h"
#include "match.h"
#include "output.h"
#include "pages.h"
#include "render.h"
#include "search_write.h"
#include "sitemap.h"
#include "stats.h"
#include "strmap.h"
#include "theme.h"
#include "timer.h"
#include "view.h"
#include "xalloc.h"

static void summary(const site *s, FILE *out)
{
	fprintf(out,
		"qingdan: %zu files: %zu lists (%zu items), %zu events, %zu cases, %zu orgs, %zu pages; "
		"%zu districts, %zu streets, %zu communities, %zu categories\n",
		s->nfiles, s->nlists, s->nitems, s->nevents, s->ncases, s->norgs, s->nfree_pages,
		s->ndistricts, s->nstreets, s->ncommunities, s->ncategories);
}

/* The site's own templates: --templates, else a templates/ folder next
 * to the content folder, else none (the built-in theme alone). */
static const char *templates_dir(const build_opts *opt, arena *a)
{
	if (opt->templates)
		return opt->templates;
	const char *slash = strrchr(opt->content, '/');
	const char *dir = slash ? arena_printf(a, "%.*s/templates", (int)(slash - opt->content), opt->content)
				: "templates";
	struct stat st;
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? dir : NULL;
}

/* A run without errors so far: its warnings, what it read, how many
 * warnings. */
static void report(diag *d, const site *s, const build_opts *opt)
{
	size_t warnings = d->warnings;
	diag_print(d, stderr);
	if (opt->quiet)
		return;
	summary(s, stderr);
	if (warnings)
		fprintf(stderr, "qingdan: 0 errors, %zu warning%s\n", warnings, warnings == 1 ? "" : "s");
}

/* Print every diagnostic, then the one-line summary of a failed run. */
static void print_failure(diag *d, bool writing)
{
	size_t errors = d->errors, warnings = d->warnings;
	diag_print(d, stderr);
	fprintf(stderr, "qingdan: %zu error%s, %zu warning%s%s\n", errors, errors == 1 ? "" : "s", warnings,
		warnings == 1 ? "" : "s", writing ? "; nothing was written, the previous output is unchanged" : "");
}

/* Everything one run holds from loading on: what build_prepare makes,
 * build_write writes, and (for `serve`) build_render_page renders again
 * on request. */
struct build_state {
	build_opts opt;
	build_mode mode;
	unsigned jobs;
	arena a;
	diag d;
	timer tm;
	site *s;
	site_index *ix;
	theme t;
	view_ctx vc;
	page_job *pages;
	const char **urls;
	size_t npages;
	search_job sj;
	search_files sf;
	filter_files ff;
	output o;
	/* the search index is being made; o was begun (output_free it); o
	 * is open (not yet committed or aborted) */
	bool searching, begun, opened;
	strmap by_file; /* a page's file in the output -> its index + 1 */
	/* the thread that prepared: its view keys (view.h) are in the
	 * build's values, so a page made on it keeps them */
	pthread_t preparer;
};

/* The last stage: everything into the staging folder `o` (opened once
 * the views were made, when the search index began to be written), which
 * is swapped in whole only when every file was written. The search page
 * (the last page) is made once the index is written. Returns 0, 1 (a
 * template's error) or -1 (an output error); all reported to d. */
static int write_site(build_state *b)
{
	const build_opts *opt = &b->opt;
	output *o = &b->o;
	const view_ctx *vc = &b->vc;
	diag *d = &b->d;
	timer *tm = &b->tm;
	search_job *sj = b->searching ? &b->sj : NULL;
	size_t last = b->npages - 1; /* the search page (url.h) */
	int rc = assets_write(vc->s, &b->t, o);
	if (rc == 0)
		rc = datafiles_write(&b->ff, o);
	fdata_release(&b->ff); /* written: the pages need only their names */
	/* feeds, calendars and open data on a thread of their own, while the
	 * pages render */
	follow_job fj;
	bool following = rc == 0;
	if (following)
		follow_start(&fj, vc, o);
	if (rc == 0 && opt->pages_on_request) /* serve makes them from memory */
		rc = sitemap_write(vc->s, b->urls, last, o);
	else if (rc == 0)
		rc = html_write(vc, &b->t, b->pages, b->urls, last, b->jobs, true, o, d);
	timer_lap(tm, "pages");
	if (following) {
		if (rc == 0)
			follow_help(&fj);
		int follow_rc = follow_finish(&fj);
		timer_lap(tm, "feeds and data (waited for)");
		if (tm->on)
			fprintf(stderr, "qingdan: feeds, calendars and data, on their own thread: %.1f ms of CPU\n", fj.ms);
		if (rc == 0)
			rc = follow_rc;
	}
	if (sj) {
		int search_rc = search_finish(sj, &b->a);
		timer_lap(tm, "search (waited for)");
		if (tm->on)
			fprintf(stderr, "qingdan: search, on its own thread: index %.1f ms, files %.1f ms of CPU\n",
				sj->index_ms, sj->files_ms);
		if (rc == 0)
			rc = search_rc;
	}
	if (rc == 0)
		rc = html_write(vc, &b->t, b->pages + last, b->urls + last, 1, 1, false, o, d);
	if (rc == 0)
		rc = output_commit(o);
	else
		output_abort(o);
	timer_lap(tm, "commit");
	if (rc == 0 && !opt->quiet) {
		size_t files = atomic_load(&o->files), kept = atomic_load(&o->kept);
		fprintf(stderr, "qingdan: %zu files (%zu bytes) in %s: %zu written, %zu unchanged\n", files,
			(size_t)atomic_load(&o->bytes), opt->output, files - kept, kept);
		size_t reused = atomic_load(&o->reused);
		if (reused)
			fprintf(stderr, "qingdan: %zu of the unchanged files were not even made: workbooks whose key "
				"matched the previous output's\n", reused);
	}
	return rc;
}

/* What a build leaves for the kernel to reclaim at exit (opt->exiting):
 * globals, so that it stays reachable and leak checkers stay quiet. */
arena build_left_arena;
site *build_left_site;

void build_free(build_state *b)
{
	if (!b)
		return;
	if (b->searching && b->sj.started)
		search_finish(&b->sj, &b->a); /* a run that stopped before writing */
	if (b->opened) /* stopped before write_site: nothing is published */
		output_abort(&b->o);
	if (b->begun)
		output_free(&b->o);
	if (b->t.set)
		theme_free(&b->t);
	fdata_release(&b->ff);
	free(b->pages);
	diag_free(&b->d);
	strmap_free(&b->by_file);
	if (b->opt.exiting) {
		/* Handing 50 MB back to malloc a block at a time costs 3 ms at
		 * 10,000 needs, about 1 % of the build, for a process about to
		 * exit: the kernel takes it back at once. */
		build_left_arena = b->a;
		build_left_site = b->s;
	} else {
		site_free(b->s);
		arena_free(&b->a);
	}
	free(b);
}

int build_prepare(const build_opts *opt, build_mode mode, load_cache *lc, build_state **out)
{
	build_state *b = xcalloc(1, sizeof *b);
	*out = NULL;
	b->opt = *opt;
	b->mode = mode;
	b->preparer = pthread_self();
	arena_init(&b->a);
	diag_init(&b->d);
	strmap_init(&b->by_file);
	timer_start(&b->tm, opt->timings);
	arena *a = &b->a;
	diag *d = &b->d;
	timer *tm = &b->tm;
	int status = 0;
	unsigned jobs = opt->jobs;
	if (!jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n < 1 ? 1 : n > 16 ? 16 : (unsigned)n;
	}
	b->jobs = jobs;
	bool writing = mode == BUILD_WRITE;

	site *s = b->s = site_load_cached(a, d, opt->content, opt->base_url, jobs, lc);
	timer_lap(tm, "load");
	if (s)
		site_check(s, d);
	timer_lap(tm, "check");
	if (!s || d->errors)
		goto failed;
	if (mode == BUILD_DUMP) {
		report(d, s, opt);
		buf j = BUF_INIT;
		dump_site(s, &j);
		fwrite(j.ptr, 1, j.len, stdout);
		buf_free(&j);
		goto done;
	}

	/* the search index needs only the checked model: it is made on a
	 * thread of its own from here on (out/search_write.h) */
	if (writing && !opt->no_search && !opt->late_search) {
		search_start(&b->sj, &b->sf, s, 1);
		b->searching = true;
	}
	site_index *ix = b->ix = index_build(s);
	timer_lap(tm, "index");
	ix->match = match_build(s, ix);
	timer_lap(tm, "match");
	site_stats *stats = stats_build(s);
	timer_lap(tm, "stats");
	if (writing && theme_load(&b->t, s, a, d, templates_dir(opt, a)) != 0)
		goto failed;
	timer_lap(tm, "theme");
	view_ctx *vc = &b->vc;
	view_init(vc, s, ix, a, writing ? b->t.css_url : "", b->t.share_url, jobs);
	vc->stats = stats;
	timer_lap(tm, "views");
	/* the staging folder now, for the search index's files: they are
	 * written while the filters, links and pages are made, and the
	 * index's memory is given back before the pages need theirs */
	if (writing) {
		if (output_begin(&b->o, opt->output, opt->content, d) != 0) {
			output_free(&b->o);
			print_failure(d, true);
			status = 3;
			goto done;
		}
		b->begun = b->opened = true;
		if (b->searching)
			search_write_files(&b->sj, vc, &b->o);
	}
	if (writing) {
		fdata_build(&b->ff, vc, a);
		vc->filters = &b->ff;
		vc->filters_js = b->t.filters_js;
	}
	timer_lap(tm, "filters");
	b->pages = pages_enumerate(s, ix, &b->npages);
	b->urls = links_page_urls(vc, b->pages, b->npages, a);
	links_check(s, &vc->menu, b->urls, b->npages, d);
	timer_lap(tm, "links");
	if (d->errors)
		goto failed;

	report(d, s, opt);
	vc->search = writing && !opt->no_search ? &b->sf : NULL;
	vc->search_js = b->t.search_js;
	if (writing) {
		*out = b;
		return 0;
	}
	goto done;
failed:
	print_failure(d, writing);
	status = 1;
done:
	build_free(b);
	return status;
}

int build_write(build_state *b)
{
	if (!b->searching && !b->opt.no_search) { /* late_search: now */
		search_start(&b->sj, &b->sf, b->s, 1);
		b->searching = true;
		search_write_files(&b->sj, &b->vc, &b->o);
	}
	b->opened = false; /* write_site commits or aborts it */
	int status = write_site(b);
	if (status != 0) {
		print_failure(&b->d, true);
		/* errors of the templates or content found while rendering are
		 * content errors; failing to write is an I/O error */
		status = status > 0 ? 1 : 3;
	}
	return status;
}

void build_index_pages(build_state *b)
{
	strmap_reserve(&b->by_file, b->npages);
	for (size_t i = 0; i + 1 < b->npages; i++) { /* not the search page: it waits for the index */
		const char *url = b->urls[i] ? b->urls[i] : view_url(&b->vc, &b->pages[i], &b->a);
		const char *file = url_file(&b->a, url_rel(b->s->base_path, url));
		strmap_put(&b->by_file, file, strlen(file), (void *)(uintptr_t)(i + 1));
	}
}

bool build_has_page(const build_state *b, const char *file)
{
	return strmap_get(&b->by_file, file, strlen(file)) != NULL;
}

int build_render_page(const build_state *b, const char *file, buf *out)
{
	uintptr_t at = (uintptr_t)strmap_get(&b->by_file, file, strlen(file));
	if (!at)
		return 0;
	arena scratch;
	arena_init(&scratch);
	mu_error err;
	mu_status rc = render_page(&b->vc, &b->t, &b->pages[at - 1], NULL, &scratch, out, &err);
	arena_free(&scratch);
	/* elsewhere this thread's keys went into this page only; on the
	 * thread that prepared b they are in b's values too (found by
	 * tests/fuzz/fuzz_site.c, which renders on that thread) */
	if (!pthread_equal(pthread_self(), b->preparer))
		view_thread_end();
	return rc == MU_OK ? 1 : -1;
}

int build_run(const build_opts *opt, build_mode mode)
{
	build_state *b;
	int status = build_prepare(opt, mode, NULL, &b);
	if (b) {
		status = build_write(b);
		view_thread_end(); /* this thread's keys: no page needs them now */
		build_free(b);
	}
	return status;
}
