/* render: the list of pages a site has, each rendered with its template
 * into one reused buffer and written through output.c; plus the theme's
 * assets (content-hashed names), sitemap.xml and robots.txt. Templates
 * are compiled once per build. */
#include "render.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "index.h"
#include "mustache.h"
#include "par.h"
#include "sitemap.h"
#include "strmap.h"
#include "theme.h"
#include "view.h"
#include "xalloc.h"

typedef struct jobs {
	page_job *v;
	size_t n, cap;
} jobs;

static void add(jobs *j, page_kind kind, const void *rec, int status, size_t count, long long per)
{
	unsigned npages = count ? (unsigned)((count + (size_t)per - 1) / (size_t)per) : 1;
	for (unsigned p = 1; p <= npages; p++) {
		j->v = xgrow(j->v, &j->cap, j->n + 1, sizeof *j->v);
		j->v[j->n++] = (page_job){ kind, rec, status, p, npages };
	}
}

/* Every page of the site, in a fixed order (the order pages are written
 * and listed in the sitemap). */
static void enumerate(const view_ctx *vc, jobs *j)
{
	const site *s = vc->s;
	long long per = s->per_page;
#define ONE(kind, rec) add(j, kind, rec, 0, 0, per)
#define PAGED(kind, rec, st) add(j, kind, rec, st, view_count(vc, kind, rec, st), per)
	ONE(PG_HOME, NULL);
	PAGED(PG_LISTS, NULL, 0);
	for (size_t i = 0; i < s->nlists; i++)
		ONE(PG_LIST, s->lists[i]);
	for (size_t i = 0; i < s->nitems; i++)
		ONE(PG_ITEM, s->items[i]);
	PAGED(PG_NEEDS, NULL, 0);
	PAGED(PG_SUPPLY, NULL, 0);
	ONE(PG_DISTRICTS, NULL);
	for (size_t i = 0; i < s->ndistricts; i++)
		PAGED(PG_DISTRICT, s->districts[i], 0);
	for (size_t i = 0; i < s->nstreets; i++) {
		const street *st = s->streets[i];
		PAGED(PG_STREET, st, 0);
		for (size_t k = 0; k < st->ncommunities; k++)
			PAGED(PG_COMMUNITY, st->communities[k], 0);
	}
	ONE(PG_CATEGORIES, NULL);
	for (size_t i = 0; i < s->ncategories; i++)
		PAGED(PG_CATEGORY, s->categories[i], 0);
	ONE(PG_STATUSES, NULL);
	for (int st = 0; st < STATUS_SHOWN_COUNT; st++)
		PAGED(PG_STATUS, NULL, st);
	ONE(PG_EVENTS, NULL);
	for (size_t i = 0; i < s->nevents; i++)
		ONE(PG_EVENT, s->events[i]);
	ONE(PG_CASES, NULL);
	for (size_t i = 0; i < s->ncases; i++)
		ONE(PG_CASE, s->cases[i]);
	ONE(PG_ORGS, NULL);
	for (size_t i = 0; i < s->norgs; i++)
		ONE(PG_ORG, s->orgs[i]);
	for (size_t i = 0; i < s->npages; i++)
		ONE(PG_PAGE, s->pages[i]);
	ONE(PG_NOT_FOUND, NULL);
#undef ONE
#undef PAGED
}

/* ---- the theme: site templates override the built-in ones ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

typedef struct asset {
	const char *name; /* path under assets/, e.g. "style.css" */
	const char *data;
	size_t len;
} asset;

typedef struct theme {
	mu_set *set;
	asset *assets;
	size_t nassets, cap;
	strmap asset_names;
} theme;

static void add_asset(theme *t, const char *name, const char *data, size_t len)
{
	if (strmap_get(&t->asset_names, name, strlen(name)))
		return; /* the site's own asset wins */
	t->assets = xgrow(t->assets, &t->cap, t->nassets + 1, sizeof *t->assets);
	t->assets[t->nassets++] = (asset){ name, data, len };
	strmap_put(&t->asset_names, name, strlen(name), (void *)name);
}

/* Site overrides: every file under `dir`, recursively. */
static int load_overrides(theme *t, arena *a, diag *d, const char *dir, const char *rel)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return 0;
	int rc = 0;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	while ((e = readdir(dh))) {
		if (e->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dh);
	for (size_t i = 0; i < n; i++) {
		const char *path = arena_printf(a, "%s/%s", dir, names[i]);
		const char *r = *rel ? arena_printf(a, "%s/%s", rel, names[i]) : arena_strdup(a, names[i]);
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc |= load_overrides(t, a, d, path, r);
		} else if (ends_with(r, ".mustache")) {
			const char *name = arena_strndup(a, r, strlen(r) - strlen(".mustache"));
			if (mu_load_file(t->set, d, name, path) != 0)
				rc = 1;
		} else if (strncmp(r, "assets/", 7) == 0) {
			/* assets (CSS, images) are copied as they are */
			FILE *f = fopen(path, "rb");
			char *data = arena_alloc(a, (size_t)st.st_size + 1);
			if (f && fread(data, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
				add_asset(t, r + 7, data, (size_t)st.st_size);
			} else {
				diag_report(d, DIAG_ERROR, path, 0, 0, "cannot read this asset");
				rc = 1;
			}
			if (f)
				fclose(f);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static void load_builtin(theme *t, diag *d)
{
	for (const theme_file *f = theme_files; f->name; f++) {
		if (ends_with(f->name, ".mustache")) {
			size_t n = strlen(f->name) - strlen(".mustache");
			if (mu_get(t->set, f->name, n))
				continue; /* overridden by the site */
			char name[256];
			snprintf(name, sizeof name, "%.*s", (int)n, f->name);
			char path[300];
			snprintf(path, sizeof path, "(built-in)/%s", f->name);
			mu_compile(t->set, d, name, path, f->data, f->len);
		} else if (strncmp(f->name, "assets/", 7) == 0) {
			add_asset(t, f->name + 7, f->data, f->len);
		}
	}
}

/* assets/style.css -> assets/style.<hash>.css: WeChat's browser caches
 * hard, so a changed file must get a new name. */
static const char *hashed_name(arena *a, const asset *as)
{
	uint64_t h = strmap_hash(as->data, as->len);
	const char *dot = strrchr(as->name, '.');
	size_t stem = dot ? (size_t)(dot - as->name) : strlen(as->name);
	return arena_printf(a, "assets/%.*s.%010llx%s", (int)stem, as->name,
			    (unsigned long long)(h & 0xffffffffffull), dot ? dot : "");
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* What a rendering thread owns: its scratch arena (reset after every
 * page), the buffer pages are rendered into, and its output writer. */
typedef struct renderer {
	arena scratch;
	buf out;
	output_writer wr;
} renderer;

/* What the rendering threads share; everything but the counters, the
 * error report and each thread's own renderer is read-only while they
 * run. */
typedef struct pool {
	const view_ctx *vc;
	const jobs *j;
	const mu_template *const *tmpl; /* [page kind] */
	output *o;
	diag *d;
	renderer *r;               /* [worker] */
	atomic_bool sitemap_taken; /* by the first thread to start */
	atomic_int failed;         /* FAIL_ bits */
	pthread_mutex_t lock;      /* for reports to d */
} pool;

/* Jobs are taken in small chunks so both threads stay busy to the end. */
#define CHUNK 128

/* Why the build failed: the content or templates (exit status 1), or
 * writing the output (3). */
enum { FAIL_CONTENT = 1, FAIL_OUTPUT = 2 };

static int check_menu(pool *p, const char *const *urls)
{
	const site *s = p->vc->s;
	size_t base = strlen(s->base_path);
	strmap have;
	strmap_init(&have);
	for (size_t i = 0; i < p->j->n; i++)
		if (urls[i])
			strmap_put(&have, urls[i] + base, strlen(urls[i] + base), (void *)urls[i]);
	int rc = 0;
	for (size_t i = 0; i < s->nmenu; i++) {
		const menu_entry *e = &s->menu[i];
		if (e->url[0] != '/')
			continue; /* another site's address */
		const char *u = e->url + 1;
		size_t n = strcspn(u, "?#");
		if (strmap_get(&have, u, n) || strcmp(u, "404.html") == 0)
			continue;
		bool is_static = false;
		for (size_t k = 0; k < s->nstatics && !is_static; k++)
			is_static = n == strlen(s->statics[k].path) + 7 && strncmp(u, "static/", 7) == 0 &&
				    strncmp(u + 7, s->statics[k].path, n - 7) == 0;
		if (is_static)
			continue;
		/* written for folders ("/pages/about/")? */
		buf file = BUF_INIT;
		if (n && u[n - 1] == '/')
			buf_printf(&file, "%.*s.html", (int)n - 1, u);
		pthread_mutex_lock(&p->lock);
		if (file.len && strmap_get(&have, file.ptr, file.len))
			diag_error(p->d, e->pos, "menu link '%s' leads to no page of the site; the page is at '/%s', "
				   "change the link to that", e->url, file.ptr);
		else
			diag_error(p->d, e->pos, "menu link '%s' leads to no page of the site; link to a page it "
				   "has (see the URLs in docs/templates.md), or write a full https:// address "
				   "for another site", e->url);
		pthread_mutex_unlock(&p->lock);
		buf_free(&file);
		rc = -1;
	}
	strmap_free(&have);
	return rc;
}

static void render_begin(void *ctx, unsigned worker)
{
	pool *p = ctx;
	renderer *r = &p->r[worker];
	arena_init(&r->scratch);
	buf_init(&r->out);
	output_writer_init(&r->wr, p->o);
	/* the sitemap lists every page's URL, which view_url computes from the
	 * job alone: one thread writes it while the others start on pages */
	if (!atomic_exchange(&p->sitemap_taken, true)) {
		const char **urls = arena_array(&r->scratch, p->j->n ? p->j->n : 1, sizeof *urls);
		for (size_t i = 0; i < p->j->n; i++)
			urls[i] = p->j->v[i].kind == PG_NOT_FOUND ? NULL
								  : view_url(p->vc, &p->j->v[i], &r->scratch);
		if (sitemap_write(p->vc->s, urls, p->j->n, p->o) != 0)
			atomic_fetch_or(&p->failed, FAIL_OUTPUT);
		if (check_menu(p, urls) != 0)
			atomic_fetch_or(&p->failed, FAIL_CONTENT);
		arena_reset(&r->scratch);
	}
}

static void render_page(void *ctx, unsigned worker, size_t i)
{
	static const mu_opts opts = { .flags = MU_RENDER_STRICT | MU_RENDER_OWN, .max_steps = 50000000 };
	pool *p = ctx;
	if (atomic_load(&p->failed))
		return; /* the build has failed: the rest need not be made */
	renderer *r = &p->r[worker];
	const view_ctx *vc = p->vc;
	const page_job *job = &p->j->v[i];
	value *v = view_page(vc, job, &r->scratch);
	buf_reset(&r->out);
	mu_error err;
	if (mu_render(p->tmpl[job->kind], &mu_value_data, v, &opts, &r->out, &err) != MU_OK) {
		pthread_mutex_lock(&p->lock);
		mu_report(p->d, &err);
		pthread_mutex_unlock(&p->lock);
		atomic_fetch_or(&p->failed, FAIL_CONTENT);
	} else if (output_put(&r->wr, view_path(vc, job, &r->scratch), r->out.ptr, r->out.len) != 0) {
		atomic_fetch_or(&p->failed, FAIL_OUTPUT);
	}
	arena_reset(&r->scratch);
}

static void render_end(void *ctx, unsigned worker)
{
	pool *p = ctx;
	renderer *r = &p->r[worker];
	output_writer_end(&r->wr);
	buf_free(&r->out);
	arena_free(&r->scratch);
	/* a spawned thread's keys are used by its own pages only; the calling
	 * thread's (worker 0) are also in the shared site values (view_init),
	 * so render_site releases them after every thread has finished */
	if (worker != 0)
		view_thread_end();
}

int render_site(const site *s, const char *templates_dir, unsigned nthreads, output *o, diag *d)
{
	arena *a = s->a;
	theme t = { 0 };
	jobs j = { 0 };
	int rc = 1;
	strmap_init(&t.asset_names);
	t.set = mu_set_new(a);
	if (templates_dir && load_overrides(&t, a, d, templates_dir, "") != 0)
		goto out;
	load_builtin(&t, d);
	if (mu_link(t.set, d, MU_LINK_STRICT, NULL, NULL) != 0 || d->errors)
		goto out;
	const mu_template *tmpl[PG_KIND_COUNT];
	for (int k = 0; k < PG_KIND_COUNT; k++) {
		const char *name = view_template((page_kind)k);
		if (!(tmpl[k] = mu_get(t.set, name, strlen(name)))) {
			diag_report(d, DIAG_ERROR, templates_dir, 0, 0,
				    "the theme has no template '%s.mustache'; add it (see docs/templates.md)", name);
			goto out;
		}
	}

	const char *css_url = NULL, *share = NULL;
	for (size_t i = 0; i < t.nassets; i++) {
		const char *rel = hashed_name(a, &t.assets[i]);
		if (output_write(o, rel, t.assets[i].data, t.assets[i].len) != 0) {
			rc = -1;
			goto out;
		}
		if (strcmp(t.assets[i].name, "style.css") == 0)
			css_url = arena_printf(a, "%s%s", s->base_path, rel);
		if (strncmp(t.assets[i].name, "share.", 6) == 0)
			share = arena_printf(a, "%s%s", s->base_url, rel);
	}
	double t0 = now_ms();
	site_index *ix = index_build(s);
	view_ctx vc;
	view_init(&vc, s, ix, a, css_url ? css_url : "", share, nthreads);
	enumerate(&vc, &j);
	if (getenv("QINGDAN_TIMINGS"))
		fprintf(stderr, "qingdan:   index+views %.1f ms, %zu pages\n", now_ms() - t0, j.n);
	t0 = now_ms();

	/* pages are independent, so threads may render them in any order:
	 * every file's bytes are the same as in a single-threaded build */
	pool p = { .vc = &vc, .j = &j, .tmpl = tmpl, .o = o, .d = d };
	p.r = xcalloc(PAR_MAX, sizeof *p.r);
	pthread_mutex_init(&p.lock, NULL);
	par_run(nthreads, j.n, CHUNK, render_page, render_begin, render_end, &p);
	view_thread_end(); /* the main thread's keys: no page needs them now */
	if (getenv("QINGDAN_TIMINGS"))
		fprintf(stderr, "qingdan:   pages %.1f ms\n", now_ms() - t0);
	int failed = atomic_load(&p.failed);
	rc = failed & FAIL_OUTPUT ? -1 : failed ? 1 : 0;
	free(p.r);
	pthread_mutex_destroy(&p.lock);
out:
	free(j.v);
	free(t.assets);
	strmap_free(&t.asset_names);
	mu_set_free(t.set);
	return rc;
}
