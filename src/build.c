/* build: load -> report -> write, with the exit status of the run. */
#include "build.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "dump.h"
#include "model.h"
#include "output.h"
#include "records.h"
#include "render.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void timing(const build_opts *opt, const char *step, double *t)
{
	double n = now();
	if (opt->timings)
		fprintf(stderr, "qingdan: %-8s %7.1f ms\n", step, (n - *t) * 1e3);
	*t = n;
}

static void summary(const site *s, FILE *out)
{
	size_t ncomm = 0;
	for (size_t i = 0; i < s->nstreets; i++)
		ncomm += s->streets[i]->ncommunities;
	fprintf(out,
		"qingdan: %zu files: %zu lists (%zu items), %zu events, %zu cases, %zu orgs, %zu pages; "
		"%zu districts, %zu streets, %zu communities, %zu categories\n",
		s->nfiles, s->nlists, s->nitems, s->nevents, s->ncases, s->norgs, s->npages,
		s->ndistricts, s->nstreets, ncomm, s->ncategories);
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

static int write_site(const build_opts *opt, unsigned jobs, site *s, diag *d)
{
	output o;
	if (output_begin(&o, opt->output, opt->content, d) != 0) {
		output_free(&o);
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < s->nstatics && rc == 0; i++) {
		const char *rel = arena_printf(s->a, "static/%s", s->statics[i].path);
		rc = output_copy(&o, rel, s->statics[i].src);
	}
	double t = now();
	if (rc == 0)
		rc = render_site(s, templates_dir(opt, s->a), jobs, &o, d);
	timing(opt, "render", &t);
	if (rc == 0)
		rc = output_commit(&o);
	else
		output_abort(&o);
	timing(opt, "commit", &t);
	if (rc == 0 && !opt->quiet) {
		size_t files = atomic_load(&o.files), kept = atomic_load(&o.kept);
		fprintf(stderr, "qingdan: %zu files (%zu bytes) in %s: %zu written, %zu unchanged\n", files,
			(size_t)atomic_load(&o.bytes), opt->output, files - kept, kept);
	}
	output_free(&o);
	return rc;
}

/* Print every diagnostic, then the one-line summary of a failed run. */
static void print_failure(diag *d, bool writing)
{
	size_t errors = d->errors, warnings = d->warnings;
	diag_print(d, stderr);
	fprintf(stderr, "qingdan: %zu error%s, %zu warning%s%s\n", errors, errors == 1 ? "" : "s", warnings,
		warnings == 1 ? "" : "s", writing ? "; nothing was written, the previous output is unchanged" : "");
}

/* What a build leaves for the kernel to reclaim at exit (opt->exiting):
 * globals, so that it stays reachable and leak checkers stay quiet. */
arena build_left_arena;
site *build_left_site;

int build_run(const build_opts *opt, build_mode mode)
{
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	int status = 0;
	unsigned jobs = opt->jobs;
	if (!jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n < 1 ? 1 : n > 16 ? 16 : (unsigned)n;
	}
	double t = now();
	site *s = site_load(&a, &d, opt->content, jobs);
	timing(opt, "load", &t);
	if (s && opt->base_url)
		site_set_base_url(s, &d, opt->base_url);
	if (!s || d.errors) {
		print_failure(&d, mode == BUILD_WRITE);
		status = 1;
		goto out;
	}
	size_t warnings = d.warnings;
	diag_print(&d, stderr);
	if (!opt->quiet) {
		summary(s, stderr);
		if (warnings)
			fprintf(stderr, "qingdan: 0 errors, %zu warning%s\n", warnings, warnings == 1 ? "" : "s");
	}
	if (mode == BUILD_DUMP) {
		buf b = BUF_INIT;
		dump_site(s, &b);
		fwrite(b.ptr, 1, b.len, stdout);
		buf_free(&b);
	} else if (mode == BUILD_WRITE && (status = write_site(opt, jobs, s, &d)) != 0) {
		print_failure(&d, true);
		/* errors of the templates or content found while rendering are
		 * content errors; failing to write is an I/O error */
		status = status > 0 ? 1 : 3;
	}
out:
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
