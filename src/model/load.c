/* load: read a content folder into a site (load.h). Files are taken in
 * name order (dirwalk.h), so a run reports errors in the same order every
 * time. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>
#include <sys/stat.h>

#include "dirwalk.h"
#include "frontmatter.h"
#include "imgsize.h"
#include "par.h"
#include "places.h"
#include "lists.h"
#include "load.h"
#include "load_cache.h"
#include "records.h"
#include "source.h"
#include "statics.h"
#include "timer.h"
#include "xalloc.h"
#include "yamlload.h"

typedef enum coll { COLL_ORGS, COLL_EVENTS, COLL_LISTS, COLL_CASES, COLL_PAGES, COLL_COUNT } coll;
static const char *coll_dirs[COLL_COUNT] = { "orgs", "events", "lists", "cases", "pages" };

typedef struct docs {
	doc *v;
	size_t n, cap;
} docs;

typedef struct walker {
	loadctx *c;
	static_file *statics; /* malloc'd while walking static/ */
	size_t nstatics, cap;
	char root_real[PATH_MAX]; /* the content folder, symlinks resolved */
} walker;

/* A symlink must stay inside the content folder; returns false (after
 * reporting) when it leads out or nowhere. */
static bool link_inside(walker *w, const char *path)
{
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		diag_report(w->c->d, DIAG_ERROR, path, 0, 0,
			    "symbolic link leads nowhere (%s); remove it or fix its target", strerror(errno));
		return false;
	}
	size_t n = strlen(w->root_real);
	if (strncmp(real, w->root_real, n) != 0 || (real[n] != '/' && real[n] != '\0')) {
		diag_report(w->c->d, DIAG_ERROR, path, 0, 0,
			    "symbolic link points outside the content folder (to %s); copy what it points to into content/ instead",
			    real);
		return false;
	}
	return true;
}

/* The type of an entry of dir_list: lstat only when readdir did not say,
 * or for a symlink (which must stay inside the content folder). Returns
 * false when the entry is to be skipped. */
static bool entry_stat(walker *w, const dir_entry *entry, const char *path, struct stat *st)
{
	unsigned char type = entry->type;
	if (type == DT_REG || type == DT_DIR) {
		st->st_mode = type == DT_REG ? S_IFREG : S_IFDIR;
		return true;
	}
	if (lstat(path, st) != 0)
		return false;
	if (S_ISLNK(st->st_mode) && (!link_inside(w, path) || stat(path, st) != 0))
		return false;
	return true;
}

/* Read and parse one file; `.md` files are front matter + body. A YAML
 * file's text is dead once parsed (the tree copies what it keeps), so it
 * is read into `scratch`, which the caller may reset after each file: the
 * same memory serves every file, rather than 15 MB of fresh pages at 10,000
 * needs. A .md file's text holds its body and goes in `texts`, with the
 * tree's texts (what the records keep). */
static value *parse_file(loadctx *c, arena *tree, arena *texts, arena *scratch, const char *path, bool md,
			 markdown_src *body)
{
	source src;
	/* YAML files: libyaml checks the UTF-8 (see yamlload_parse) */
	if (md ? source_read(texts, c->d, path, &src) != 0
	       : source_read_unchecked(scratch, c->d, path, &src) != 0)
		return NULL;
	/* lines ending in a carriage return alone (old Mac files): YAML
	 * would take them, front matter would not, and the messages would
	 * not say why */
	const char *cr = memchr(src.text, '\r', src.len);
	while (cr && cr[1] == '\n')
		cr = memchr(cr + 2, '\r', src.len - (size_t)(cr + 2 - src.text));
	if (cr) {
		unsigned line = 1, col = 1;
		for (const char *q = src.text; q < cr; q++) {
			bool nl = *q == '\n' || (*q == '\r' && q[1] != '\n');
			line += nl;
			col = nl ? 1 : col + (((unsigned char)*q & 0xC0) != 0x80);
		}
		diag_report(c->d, DIAG_ERROR, path, line, col,
			    "this line ends with a carriage return alone (an old Mac line ending); save the file with ordinary (LF) line endings");
		return NULL;
	}
	const char *p = src.text;
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (!*p) {
		diag_report(c->d, DIAG_ERROR, path, 0, 0, "file is empty; add its fields or delete the file");
		return NULL;
	}
	if (!md)
		return yamlload_parse_split(tree, texts, c->d, path, src.text, src.len, 1);
	frontmatter fm;
	int rc = frontmatter_split(src.text, src.len, &fm);
	if (rc == 1) {
		diag_report(c->d, DIAG_ERROR, path, 1, 1,
			    "a .md file must start with a line '---', then its fields in YAML, then another '---' line, then the Markdown text");
		return NULL;
	}
	if (rc == 2) {
		diag_report(c->d, DIAG_ERROR, path, 1, 1,
			    "the front matter opened here is never closed; add a line '---' after the last field");
		return NULL;
	}
	body->text = fm.body;
	body->len = fm.body_len;
	body->pos = (vpos){ path, fm.body_line, 1 };
	return yamlload_parse_split(tree, texts, c->d, path, fm.yaml, fm.yaml_len, fm.yaml_line);
}

static bool has_ext(const char *name, const char *ext, size_t *stem)
{
	size_t n = strlen(name), k = strlen(ext);
	if (n <= k || strcmp(name + n - k, ext) != 0)
		return false;
	*stem = n - k;
	return true;
}

/* A folder of the content folder that is a symlink must stay inside it
 * too (else content/static -> /etc would publish /etc); false (after
 * reporting) when it leads out or nowhere. */
static bool folder_inside(walker *w, const char *dir)
{
	struct stat st;
	return lstat(dir, &st) != 0 || !S_ISLNK(st.st_mode) || link_inside(w, dir);
}

static void read_collection(walker *w, coll k, docs *out)
{
	loadctx *c = w->c;
	const char *dir = arena_printf(c->a, "%s/%s", c->s->content_dir, coll_dirs[k]);
	if (!folder_inside(w, dir))
		return;
	size_t n;
	int err;
	dir_entry *names = dir_list(dir, &n, &err);
	strmap ids;
	strmap_init(&ids);
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i].name;
		const char *path = arena_printf(c->a, "%s/%s", dir, name);
		struct stat st;
		if (!entry_stat(w, &names[i], path, &st))
			continue;
		size_t stem;
		bool md = has_ext(name, ".md", &stem);
		if (S_ISDIR(st.st_mode)) {
			diag_report(c->d, DIAG_WARNING, path, 0, 0,
				    "folder ignored: records are the files directly in %s/", coll_dirs[k]);
			continue;
		}
		if (!md && !has_ext(name, ".yaml", &stem) && !has_ext(name, ".yml", &stem)) {
			/* editors' backups (x~) and qingdan import's (x.yaml.bak) quietly */
			size_t nl = strlen(name);
			if (name[nl - 1] != '~' && !(nl > 4 && !strcmp(name + nl - 4, ".bak")))
				diag_report(c->d, DIAG_WARNING, path, 0, 0,
					    "file ignored: only .md and .yaml files are read here");
			continue;
		}
		if (!fld_slug_ok(name, stem)) {
			load_report_bad_id(c->d, path, name, stem);
			continue;
		}
		const char *id = arena_strndup(c->a, name, stem);
		const char *had = strmap_get(&ids, id, stem);
		if (had) {
			diag_report(c->d, DIAG_ERROR, path, 0, 0,
				    "id '%s' is already used by %s; two files cannot share a name, rename one",
				    id, had);
			continue;
		}
		strmap_put(&ids, id, stem, (void *)path);
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = (doc){ .path = path, .id = id, .is_md = md };
	}
	strmap_free(&ids);
	dir_list_free(names, n);
}

/* The raw text of `en` or `zh` in a record's map, for registering names
 * before the record is loaded (errors are reported when it is). */
static const char *raw_name(const value *root, const char *en, const char *zh)
{
	const value *v = value_get(root, en);
	if (!v || v->kind == V_LIST || v->kind == V_MAP || v->kind == V_NULL)
		v = value_get(root, zh);
	if (!v || v->kind == V_LIST || v->kind == V_MAP || v->kind == V_NULL)
		return NULL;
	return v->s;
}

/* ---- work on several threads ---- */

/* What each worker of a parallel step allocates and reports into; after
 * the step, the memory joins the build's arena and the reports its diag
 * (which prints them sorted, so the output is the same for any number of
 * threads). */
typedef struct crew {
	loadctx main;
	loadctx c[PAR_MAX];
	arena a[PAR_MAX];
	arena scratch[PAR_MAX]; /* reset after each file (parse_file) */
	diag d[PAR_MAX];
} crew;

static void crew_init(crew *w, const loadctx *c)
{
	w->main = *c;
	for (int i = 0; i < PAR_MAX; i++) {
		arena_init(&w->a[i]);
		arena_init(&w->scratch[i]);
		diag_init(&w->d[i]);
		w->c[i] = (loadctx){ &w->a[i], &w->d[i], c->s };
	}
}

static void crew_done(crew *w)
{
	for (int i = 0; i < PAR_MAX; i++) {
		arena_adopt(w->main.a, &w->a[i]);
		arena_free(&w->scratch[i]);
		diag_merge(w->main.d, &w->d[i]);
		diag_free(&w->d[i]);
	}
}

/* With a cache (load_cache.h), per file: what stat said, whether the
 * cache had it, and the arena a file it lacked is parsed into. */
typedef struct cached {
	struct stat st;
	bool stat_ok, hit, clean;
	arena own;
} cached;

typedef struct parse_step {
	crew w;
	arena tree[PAR_MAX]; /* the YAML trees (texts go to w's arenas) */
	doc *top;       /* the site-wide files, parsed first */
	size_t ntop;
	docs *all;
	cached *cache;  /* [ntop + files], or NULL */
} parse_step;

static doc *nth_doc(parse_step *p, size_t i)
{
	if (i < p->ntop)
		return &p->top[i];
	i -= p->ntop;
	for (int k = 0; k < COLL_COUNT; k++) {
		if (i < p->all[k].n)
			return &p->all[k].v[i];
		i -= p->all[k].n;
	}
	return NULL;
}

static void parse_one(void *ctx, unsigned worker, size_t i)
{
	parse_step *p = ctx;
	doc *dc = nth_doc(p, i);
	loadctx *c = &p->w.c[worker];
	if (!p->cache) {
		dc->root = parse_file(c, &p->tree[worker], c->a, &p->w.scratch[worker], dc->path, dc->is_md, &dc->body);
	} else if (!p->cache[i].hit) {
		/* a file parsed without a message is kept, in its own arena */
		cached *f = &p->cache[i];
		size_t before = c->d->n;
		dc->root = parse_file(c, &f->own, &f->own, &p->w.scratch[worker], dc->path, dc->is_md, &dc->body);
		f->clean = dc->root && c->d->n == before;
	}
	arena_reset(&p->w.scratch[worker]);
}

/* Before parsing with a cache: each file's stat, and its kept parse when
 * it is unchanged; a file to parse gets its path in its own arena (the
 * tree's positions point at it). */
static cached *cache_lookup(load_cache *lc, parse_step *p, size_t n)
{
	cached *cf = xcalloc(n ? n : 1, sizeof *cf);
	for (size_t i = 0; i < n; i++) {
		doc *dc = nth_doc(p, i);
		cached *f = &cf[i];
		arena_init(&f->own);
		f->stat_ok = load_cache_stat(dc->path, &f->st);
		f->hit = f->stat_ok && load_cache_take(lc, dc, &f->st);
		if (!f->hit)
			dc->path = arena_strdup(&f->own, dc->path);
	}
	return cf;
}

/* After parsing: a file parsed without a message goes into the cache;
 * another's memory joins the build's arena (its records point into it). */
static void cache_store(load_cache *lc, parse_step *p, cached *cf, size_t n, arena *a)
{
	for (size_t i = 0; i < n; i++) {
		cached *f = &cf[i];
		if (f->hit)
			continue;
		if (f->clean && f->stat_ok)
			load_cache_put(lc, nth_doc(p, i), &f->st, &f->own);
		else
			arena_adopt(a, &f->own);
	}
	free(cf);
}

/* Parse the `ntop` site-wide files and every collected file with
 * `nthreads` threads (files are independent), then drop the collected
 * files that failed (the site-wide ones are their loaders' business).
 * The trees go to `tree`, the texts the records keep to c's arena; with
 * a cache `lc`, an unchanged file is taken from it and a changed one
 * parsed into it. */
static void parse_all(loadctx *c, arena *tree, doc *top, size_t ntop, docs *all, unsigned nthreads,
		      load_cache *lc)
{
	parse_step *p = xcalloc(1, sizeof *p);
	size_t total = 0;
	for (int k = 0; k < COLL_COUNT; k++)
		total += all[k].n;
	c->s->nfiles += total;
	crew_init(&p->w, c);
	p->top = top;
	p->ntop = ntop;
	p->all = all;
	if (lc)
		p->cache = cache_lookup(lc, p, ntop + total);
	par_for(nthreads, ntop + total, 1, parse_one, p);
	crew_done(&p->w);
	if (lc)
		cache_store(lc, p, p->cache, ntop + total, c->a);
	for (int i = 0; i < PAR_MAX; i++)
		arena_adopt(tree, &p->tree[i]);
	free(p);
	for (int k = 0; k < COLL_COUNT; k++) {
		size_t kept = 0;
		for (size_t i = 0; i < all[k].n; i++) {
			doc *dc = &all[k].v[i];
			if (!dc->root)
				continue;
			if (dc->root->kind != V_MAP) {
				diag_error(c->d, dc->root->pos,
					   "the file must hold fields ('key: value' lines), not %s",
					   value_kind_name(dc->root->kind));
				continue;
			}
			all[k].v[kept++] = *dc;
		}
		all[k].n = kept;
	}
}

typedef struct lists_step {
	crew w;
	const docs *docs;
} lists_step;

static void load_one_list(void *ctx, unsigned worker, size_t i)
{
	lists_step *p = ctx;
	lists_load(&p->w.c[worker], p->w.main.s->lists[i], &p->docs->v[i]);
}

/* Fill the lists (most of the records: their items) on `nthreads`
 * threads: a list reads the registered records and writes only itself. */
static void load_lists(loadctx *c, const docs *d, unsigned nthreads)
{
	lists_step *p = xcalloc(1, sizeof *p);
	crew_init(&p->w, c);
	p->docs = d;
	par_for(nthreads, c->s->nlists, 1, load_one_list, p);
	crew_done(&p->w);
	free(p);
}

#define REGISTER(c, d, arr, count, T, ids, names, en, zh, namefield)                   \
	do {                                                                           \
		(arr) = arena_array((c)->a, (d)->n ? (d)->n : 1, sizeof *(arr));       \
		for (size_t i_ = 0; i_ < (d)->n; i_++) {                               \
			T *r_ = arena_alloc((c)->a, sizeof *r_);                       \
			r_->id = (d)->v[i_].id;                                        \
			r_->idx = (count);                                             \
			r_->namefield = raw_name((d)->v[i_].root, en, zh);             \
			strmap_put(&(c)->s->ids, r_->id, strlen(r_->id), r_);          \
			if (r_->namefield)                                             \
				fld_name_register(&(c)->s->names, r_->namefield, r_);      \
			(arr)[(count)++] = r_;                                         \
		}                                                                      \
	} while (0)

/* A name a browser shows as an image (what Markdown's ![](…) points at). */
static bool is_image_name(const char *path)
{
	static const char *const ext[] = { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg" };
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		size_t k = strlen(ext[i]);
		if (n > k && strcasecmp(path + n - k, ext[i]) == 0)
			return true;
	}
	return false;
}

static void read_statics(walker *w, const char *dir, const char *rel, size_t depth)
{
	loadctx *c = w->c;
	size_t n;
	int err;
	dir_entry *names = dir_list(dir, &n, &err);
	for (size_t i = 0; i < n; i++) {
		const char *path = arena_printf(c->a, "%s/%s", dir, names[i].name);
		const char *r = *rel ? arena_printf(c->a, "%s/%s", rel, names[i].name)
				     : arena_strdup(c->a, names[i].name);
		struct stat st;
		if (!entry_stat(w, &names[i], path, &st))
			continue;
		const char *nm = names[i].name;
		while (*nm && (unsigned char)*nm >= 0x20 && *nm != 0x7f)
			nm++;
		if (*nm) { /* a newline in a name would break every list of files */
			buf shown = BUF_INIT; /* and the message's own line */
			for (const char *q = path; *q; q++)
				if ((unsigned char)*q < 0x20 || *q == 0x7f)
					buf_printf(&shown, "\\x%02X", (unsigned char)*q);
				else
					buf_putc(&shown, *q);
			diag_report(c->d, DIAG_WARNING, shown.ptr, 0, 0,
				    "the name holds a control character (such as a line break): not published; rename it");
			buf_free(&shown);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < 16)
				read_statics(w, path, r, depth + 1);
			else
				diag_report(c->d, DIAG_ERROR, path, 0, 0, "folders nested too deep in static/; flatten them");
		} else if (S_ISREG(st.st_mode)) {
			w->statics = xgrow(w->statics, &w->cap, w->nstatics + 1, sizeof *w->statics);
			w->statics[w->nstatics++] = (static_file){ .path = r, .src = path };
		} else {
			diag_report(c->d, DIAG_WARNING, path, 0, 0,
				    "not a regular file (a named pipe, socket or device): not published; remove it from static/");
		}
	}
	dir_list_free(names, n);
}

site *site_load(arena *a, diag *d, const char *dir, const char *base_url, unsigned nthreads)
{
	return site_load_cached(a, d, dir, base_url, nthreads, NULL);
}

site *site_load_cached(arena *a, diag *d, const char *dir, const char *base_url, unsigned nthreads,
		       load_cache *lc)
{
	site *s = arena_alloc(a, sizeof *s);
	loadctx ctx = { a, d, s }, *c = &ctx;
	walker w = { .c = c };
	s->a = a;
	s->content_dir = arena_strdup(a, dir);
	s->language = "zh-CN";
	s->per_page = 20;
	s->base_url = "https://example.org/";
	s->base_path = "/";
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || !realpath(dir, w.root_real)) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, "content folder not found; give its path with --content DIR");
		return NULL;
	}
	if (date_today(&s->today) != 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
			    "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01 UTC");
		return NULL;
	}

	/* the three site-wide files, parsed with the records (every record
	 * refers to places and categories, so they are loaded first); a file
	 * that fails to parse has been reported and is not reported again as
	 * missing */
	static const char *const top[3] = { "site.yaml", "places.yaml", "categories.yaml" };
	doc tops[3] = { 0 };
	const char *paths[3];
	bool present[3] = { 0 };
	size_t ntop = 0;
	int slot[3] = { -1, -1, -1 };
	for (int i = 0; i < 3; i++) {
		paths[i] = arena_printf(a, "%s/%s", dir, top[i]);
		struct stat fst;
		if (lstat(paths[i], &fst) != 0)
			continue;
		present[i] = true;
		s->nfiles++;
		if (!S_ISLNK(fst.st_mode) || link_inside(&w, paths[i])) {
			slot[i] = (int)ntop;
			tops[ntop++] = (doc){ .path = paths[i] };
		}
	}

	docs all[COLL_COUNT] = { 0 };
	timer tm;
	timer_start(&tm, getenv("QINGDAN_TIMINGS") != NULL);
	for (int k = 0; k < COLL_COUNT; k++)
		read_collection(&w, (coll)k, &all[k]);
	timer_lap(&tm, "  walk");
	/* the YAML trees, read until the records are made: then their memory
	 * goes back to the arenas' pool for the views and pages */
	arena tree;
	arena_init(&tree);
	if (lc)
		load_cache_begin(lc);
	parse_all(c, &tree, tops, ntop, all, nthreads, lc);
	if (lc)
		load_cache_end(lc);
	timer_lap(&tm, "  parse");
	value *roots[3];
	for (int i = 0; i < 3; i++)
		roots[i] = slot[i] >= 0 ? tops[slot[i]].root : NULL;
	/* static/ first: photos (records.c) and Markdown images take their
	 * files and sizes from it, each image's header read once */
	const char *stat_dir = arena_printf(a, "%s/static", dir);
	if (folder_inside(&w, stat_dir) && stat(stat_dir, &st) == 0 && S_ISDIR(st.st_mode))
		read_statics(&w, stat_dir, "", 0);
	s->statics = arena_memdup(a, w.statics, w.nstatics * sizeof *w.statics);
	s->nstatics = w.nstatics;
	free(w.statics);
	for (size_t i = 0; i < s->nstatics; i++) {
		static_file *f = &s->statics[i];
		strmap_put(&s->static_paths, f->path, strlen(f->path), f);
		if (is_image_name(f->path))
			static_file_size(f);
	}
	if (roots[0] || !present[0])
		records_site(c, roots[0], paths[0], base_url);
	statics_check(c); /* by site.yaml's allow_static_scripts */
	if (roots[1] || !present[1])
		places_load(c, roots[1], paths[1]);
	if (roots[2] || !present[2])
		places_categories(c, roots[2], paths[2]);
	REGISTER(c, &all[COLL_ORGS], s->orgs, s->norgs, org, org_ids, org_names, "name", "名称", name);
	REGISTER(c, &all[COLL_EVENTS], s->events, s->nevents, event, event_ids, event_titles, "title", "标题", title);
	REGISTER(c, &all[COLL_LISTS], s->lists, s->nlists, list, list_ids, list_titles, "title", "标题", title);
	s->cases = arena_array(a, all[COLL_CASES].n + 1, sizeof *s->cases);
	s->free_pages = arena_array(a, all[COLL_PAGES].n + 1, sizeof *s->free_pages);

	for (size_t i = 0; i < s->norgs; i++)
		records_org(c, s->orgs[i], &all[COLL_ORGS].v[i]);
	for (size_t i = 0; i < s->nevents; i++)
		records_event(c, s->events[i], &all[COLL_EVENTS].v[i]);
	load_lists(c, &all[COLL_LISTS], nthreads);
	for (size_t i = 0; i < all[COLL_CASES].n; i++) {
		case_study *cs = arena_alloc(a, sizeof *cs);
		cs->id = all[COLL_CASES].v[i].id;
		records_case(c, cs, &all[COLL_CASES].v[i]);
		s->cases[s->ncases++] = cs;
	}
	for (size_t i = 0; i < all[COLL_PAGES].n; i++) {
		free_page *p = arena_alloc(a, sizeof *p);
		p->id = all[COLL_PAGES].v[i].id;
		records_free_page(c, p, &all[COLL_PAGES].v[i]);
		s->free_pages[s->nfree_pages++] = p;
	}
	for (int k = 0; k < COLL_COUNT; k++)
		free(all[k].v);
	arena_free(&tree);
	return s;
}

void site_free(site *s)
{
	if (!s)
		return;
	strmap *maps[] = { &s->district_ids, &s->district_names, &s->street_ids, &s->street_names,
			   &s->category_ids, &s->category_names, &s->org_ids, &s->org_names,
			   &s->list_ids, &s->list_titles, &s->event_ids, &s->event_titles, &s->static_paths };
	for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
		strmap_free(maps[i]);
}

void load_report_bad_id(diag *d, const char *path, const char *name, size_t stem)
{
	diag_report(d, DIAG_ERROR, path, 0, 0,
		    "file name '%.*s' is not a valid id; rename the file using lowercase letters a-z, digits and '-' (at most 80), e.g. 2020-bailianchi-needs%s",
		    (int)stem, name, name + stem);
}
