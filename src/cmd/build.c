/* build: one run of qingdan over a content folder, stage by stage:
 *
 *   load -> check -> index -> match -> stats -> theme -> views -> filters -> pages -> links -> write
 *             (the search index on its own thread from here on; written beside the pages)
 *
 * `check` stops before the theme and the writing, `dump` after checking.
 * Each stage is one module; this file only orders them, prints what the
 * run found, and maps the outcome to an exit status. */
#include "build.h"

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
#include "search_write.h"
#include "stats.h"
#include "theme.h"
#include "timer.h"
#include "view.h"

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

/* The last stage: everything into the staging folder `o` (opened once
 * the views were made, when the search index began to be written), which
 * is swapped in whole only when every file was written. The search page
 * (the last page) is made once the index is written. Returns 0, 1 (a
 * template's error) or -1 (an output error); all reported to d. */
static int write_site(const build_opts *opt, unsigned jobs, output *o, const view_ctx *vc, filter_files *ff,
		      search_job *sj, arena *a, const theme *t, const page_job *pages, const char *const *urls,
		      size_t npages, diag *d, timer *tm)
{
	size_t last = npages - 1; /* the search page (url.h) */
	int rc = assets_write(vc->s, t, o);
	if (rc == 0)
		rc = datafiles_write(ff, o);
	fdata_release(ff); /* written: the pages need only their names */
	/* feeds, calendars and open data on a thread of their own, while the
	 * pages render */
	follow_job fj;
	bool following = rc == 0;
	if (following)
		follow_start(&fj, vc, o);
	if (rc == 0)
		rc = html_write(vc, t, pages, urls, last, jobs, true, o, d);
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
		int search_rc = search_finish(sj, a);
		timer_lap(tm, "search (waited for)");
		if (tm->on)
			fprintf(stderr, "qingdan: search, on its own thread: index %.1f ms, files %.1f ms of CPU\n",
				sj->index_ms, sj->files_ms);
		if (rc == 0)
			rc = search_rc;
	}
	if (rc == 0)
		rc = html_write(vc, t, pages + last, urls + last, 1, 1, false, o, d);
	view_thread_end(); /* this thread's keys: no page needs them now */
	if (rc == 0)
		rc = output_commit(o);
	else
		output_abort(o);
	timer_lap(tm, "commit");
	if (rc == 0 && !opt->quiet) {
		size_t files = atomic_load(&o->files), kept = atomic_load(&o->kept);
		fprintf(stderr, "qingdan: %zu files (%zu bytes) in %s: %zu written, %zu unchanged\n", files,
			(size_t)atomic_load(&o->bytes), opt->output, files - kept, kept);
	}
	return rc;
}

/* What a build leaves for the kernel to reclaim at exit (opt->exiting):
 * globals, so that it stays reachable and leak checkers stay quiet. */
arena build_left_arena;
site *build_left_site;

int build_run(const build_opts *opt, build_mode mode)
{
	arena a;
	diag d;
	theme t = { 0 };
	page_job *pages = NULL;
	timer tm;
	search_job sj = { 0 };
	search_files sf = { 0 };
	filter_files ff = { 0 };
	output o;
	/* o was begun (output_free it), and not yet committed or aborted */
	bool searching = false, begun = false, opened = false;
	arena_init(&a);
	diag_init(&d);
	timer_start(&tm, opt->timings);
	int status = 0;
	unsigned jobs = opt->jobs;
	if (!jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n < 1 ? 1 : n > 16 ? 16 : (unsigned)n;
	}
	bool writing = mode == BUILD_WRITE;

	site *s = site_load(&a, &d, opt->content, opt->base_url, jobs);
	timer_lap(&tm, "load");
	if (s)
		site_check(s, &d);
	timer_lap(&tm, "check");
	if (!s || d.errors)
		goto failed;
	if (mode == BUILD_DUMP) {
		report(&d, s, opt);
		buf b = BUF_INIT;
		dump_site(s, &b);
		fwrite(b.ptr, 1, b.len, stdout);
		buf_free(&b);
		goto out;
	}

	/* the search index needs only the checked model: it is made on a
	 * thread of its own from here on (out/search_write.h) */
	if (writing && !opt->no_search) {
		search_start(&sj, &sf, s, 1);
		searching = true;
	}
	site_index *ix = index_build(s);
	timer_lap(&tm, "index");
	ix->match = match_build(s, ix);
	timer_lap(&tm, "match");
	site_stats *stats = stats_build(s);
	timer_lap(&tm, "stats");
	if (writing && theme_load(&t, s, &a, &d, templates_dir(opt, &a)) != 0)
		goto failed;
	timer_lap(&tm, "theme");
	view_ctx vc;
	view_init(&vc, s, ix, &a, writing ? t.css_url : "", t.share_url, jobs);
	vc.stats = stats;
	timer_lap(&tm, "views");
	/* the staging folder now, for the search index's files: they are
	 * written while the filters, links and pages are made, and the
	 * index's memory is given back before the pages need theirs */
	if (writing) {
		if (output_begin(&o, opt->output, opt->content, &d) != 0) {
			output_free(&o);
			print_failure(&d, true);
			status = 3;
			goto out;
		}
		begun = opened = true;
		if (searching)
			search_write_files(&sj, &vc, &o);
	}
	if (writing) {
		fdata_build(&ff, &vc, &a);
		vc.filters = &ff;
		vc.filters_js = t.filters_js;
	}
	timer_lap(&tm, "filters");
	size_t npages;
	pages = pages_enumerate(s, ix, &npages);
	const char **urls = links_page_urls(&vc, pages, npages, &a);
	links_check(s, &vc.menu, urls, npages, &d);
	timer_lap(&tm, "links");
	if (d.errors)
		goto failed;

	report(&d, s, opt);
	vc.search = searching ? &sf : NULL;
	vc.search_js = t.search_js;
	opened = false; /* write_site commits or aborts it */
	if (writing && (status = write_site(opt, jobs, &o, &vc, &ff, searching ? &sj : NULL, &a, &t, pages, urls,
					    npages, &d, &tm)) != 0) {
		print_failure(&d, true);
		/* errors of the templates or content found while rendering are
		 * content errors; failing to write is an I/O error */
		status = status > 0 ? 1 : 3;
	}
	goto out;
failed:
	print_failure(&d, writing);
	status = 1;
out:
	if (searching && sj.started)
		search_finish(&sj, &a); /* a run that stopped before writing */
	if (opened) /* stopped before write_site: nothing is published */
		output_abort(&o);
	if (begun)
		output_free(&o);
	if (t.set)
		theme_free(&t);
	fdata_release(&ff);
	free(pages);
	diag_free(&d);
	if (opt->exiting) {
		/* Handing 50 MB back to malloc a block at a time costs 3 ms at
		 * 10,000 needs, about 1 % of the build, for a process about to
		 * exit: the kernel takes it back at once. */
		build_left_arena = a;
		build_left_site = s;
		return status;
	}
	site_free(s);
	arena_free(&a);
	return status;
}
