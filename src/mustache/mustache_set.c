/* mustache_set: a set of templates by name — loading them from a
 * directory, compiling each once, and linking partial and parent names to
 * templates, with the errors a theme author can act on (unknown names with
 * a suggestion, templates that include themselves without end). */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dirwalk.h"
#include "mustache_int.h"
#include "source.h"
#include "suggest.h"
#include "xalloc.h"

#define EXT ".mustache"
#define EXT_LEN 9
#define MAX_DIR_DEPTH 16

mu_set *mu_set_new(arena *a)
{
	mu_set *s = arena_alloc(a, sizeof *s);
	s->a = a;
	strmap_init(&s->names);
	strmap_init(&s->blocks);
	s->linked = true;
	return s;
}

void mu_set_free(mu_set *s)
{
	if (!s)
		return;
	strmap_free(&s->names);
	strmap_free(&s->blocks);
	free(s->list);
	s->list = NULL;
	s->n = s->cap = 0;
}

const mu_template *mu_get(const mu_set *s, const char *name, size_t len)
{
	return strmap_get(&s->names, name, len);
}

bool mu_uses_dynamic(const mu_set *s) { return s->dynamic; }

const mu_template *mu_compile(mu_set *s, diag *d, const char *name, const char *path,
			      const char *text, size_t len)
{
	size_t nlen = strlen(name);
	const mu_template *old = mu_get(s, name, nlen);
	if (old) {
		diag_report(d, DIAG_ERROR, path, 0, 0,
			    "a template named '%s' already exists (%s); rename one of them", name,
			    old->path);
		s->errors++;
		return NULL;
	}
	mu_template *t = arena_alloc(s->a, sizeof *t);
	t->set = s;
	t->name = arena_strndup(s->a, name, nlen);
	t->name_len = nlen;
	t->path = arena_strdup(s->a, path);
	if (len >= UINT32_MAX / 2) {
		diag_report(d, DIAG_ERROR, path, 0, 0, "template is too large; split it into partials");
		t->broken = true;
		s->errors++;
	} else {
		size_t errors = mu_parse(t, d, arena_strndup(s->a, text, len), len);
		t->broken = errors > 0;
		s->errors += errors;
	}
	strmap_put(&s->names, t->name, nlen, t);
	s->list = xgrow(s->list, &s->cap, s->n + 1, sizeof *s->list);
	t->idx = (uint32_t)s->n;
	s->list[s->n++] = t;
	s->linked = false;
	s->dynamic |= t->dynamic;
	return t->broken ? NULL : t;
}

int mu_load_file(mu_set *s, diag *d, const char *name, const char *path)
{
	source src;
	int rc = source_read(s->a, d, path, &src);
	if (rc != 0) {
		if (rc > 0)
			s->errors++;
		return rc;
	}
	return mu_compile(s, d, name, src.path, src.text, src.len) ? 0 : 1;
}

/* ---- loading a directory ---- */

typedef struct found {
	char **v; /* relative paths of *.mustache files (malloc'd) */
	size_t n, cap;
	int io_error;
} found;

static int ends_with_ext(const char *name)
{
	size_t n = strlen(name);
	return n > EXT_LEN && strcmp(name + n - EXT_LEN, EXT) == 0;
}

typedef struct walk_ctx {
	diag *d;
	found *f;
} walk_ctx;

static int take(void *ctx, const dir_item *it)
{
	walk_ctx *w = ctx;
	if (it->outside) {
		diag_report(w->d, DIAG_ERROR, it->path, 0, 0,
			    "symbolic link points outside the templates folder; copy what it points to into the folder instead");
		w->f->io_error = 1;
	} else if (it->loop) {
		diag_report(w->d, DIAG_ERROR, it->path, 0, 0,
			    "this folder link leads back to a folder it is in (a loop); remove it");
		w->f->io_error = 1;
	} else if (it->err) {
		diag_report(w->d, DIAG_ERROR, it->path, 0, 0, "cannot read: %s", strerror(it->err));
		w->f->io_error = 1;
	} else if (it->too_deep) {
		diag_report(w->d, DIAG_WARNING, it->path, 0, 0,
			    "templates nested more than %d directories deep are not loaded", MAX_DIR_DEPTH);
	} else if (S_ISREG(it->st.st_mode) && ends_with_ext(it->rel)) {
		w->f->v = xgrow(w->f->v, &w->f->cap, w->f->n + 1, sizeof *w->f->v);
		w->f->v[w->f->n++] = xstrdup(it->rel);
	}
	return 0;
}

int mu_load_dir(mu_set *s, diag *d, const char *dir)
{
	found f = { 0 };
	int rc = 0;
	walk_ctx w = { d, &f };
	if (dir_walk(dir, MAX_DIR_DEPTH, take, &w) != 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, "cannot read the templates directory: %s", strerror(errno));
		f.io_error = 1;
	}
	for (size_t i = 0; i < f.n; i++) {
		size_t n = strlen(f.v[i]);
		char *name = arena_strndup(s->a, f.v[i], n - EXT_LEN);
		char *path = arena_printf(s->a, "%s/%s", dir, f.v[i]);
		if (mu_get(s, name, strlen(name)))
			continue; /* compiled already (e.g. the template given first) */
		int r = mu_load_file(s, d, name, path);
		if (r < 0)
			rc = -1;
		else if (r > 0 && rc == 0)
			rc = 1;
	}
	for (size_t i = 0; i < f.n; i++)
		free(f.v[i]);
	free(f.v);
	return f.io_error ? -1 : rc;
}

/* ---- linking ---- */

static void unknown(mu_set *s, diag *d, const mu_template *t, const mu_op *op)
{
	char *name = arena_strndup(s->a, op->s, op->n);
	suggest sg;
	suggest_init(&sg, name);
	for (size_t i = 0; i < s->n; i++)
		if (s->list[i]->name_len)
			suggest_offer(&sg, s->list[i]->name);
	const char *best = suggest_result(&sg);
	const char *what = op->kind == MU_OP_PARENT ? "parent template" : "partial";
	if (best)
		diag_report(d, DIAG_ERROR, t->path, op->line, op->col,
			    "unknown %s '%s' (there is no %s%s in the templates directory); did "
			    "you mean '%s'?",
			    what, name, name, EXT, best);
	else
		diag_report(d, DIAG_ERROR, t->path, op->line, op->col,
			    "unknown %s '%s'; create %s%s in the templates directory, or fix the "
			    "name",
			    what, name, name, EXT);
}

/* A template that includes itself outside every section and block can
 * never finish: find such cycles among the unconditional includes (static
 * partials and parents at the top level of a template). */
typedef struct visit {
	mu_template *t;
	uint32_t i; /* next op to look at */
} visit;

static size_t check_cycles(mu_set *s, diag *d)
{
	size_t errors = 0;
	unsigned char *state = xcalloc(s->n ? s->n : 1, 1); /* 0 new, 1 open, 2 done */
	visit *stack = xmalloc((s->n + 1) * sizeof *stack);
	for (size_t root = 0; root < s->n; root++) {
		if (state[root])
			continue;
		size_t depth = 0;
		stack[depth++] = (visit){ s->list[root], 0 };
		state[root] = 1;
		while (depth) {
			visit *v = &stack[depth - 1];
			mu_template *t = v->t;
			mu_op *op = NULL;
			while (v->i < t->nops) {
				mu_op *o = &t->ops[v->i];
				v->i = o->end;
				if ((o->kind == MU_OP_PARTIAL || o->kind == MU_OP_PARENT) && o->target) {
					op = o;
					break;
				}
			}
			if (!op) {
				state[t->idx] = 2;
				depth--;
				continue;
			}
			mu_template *u = s->list[op->target->idx];
			if (state[u->idx] == 0) {
				state[u->idx] = 1;
				stack[depth++] = (visit){ u, 0 };
			} else if (state[u->idx] == 1 && !(op->flags & MU_F_REPORTED)) {
				op->flags |= MU_F_REPORTED;
				buf path = BUF_INIT;
				size_t from = depth;
				while (from > 0 && stack[from - 1].t != u)
					from--;
				for (size_t k = from ? from - 1 : 0; k < depth; k++)
					buf_printf(&path, "'%s' -> ", stack[k].t->name);
				buf_printf(&path, "'%s'", u->name);
				diag_report(d, DIAG_ERROR, t->path, op->line, op->col,
					    "templates include each other without end (%s); put the "
					    "include inside a section that stops",
					    path.ptr);
				buf_free(&path);
				errors++;
			}
		}
	}
	free(stack);
	free(state);
	return errors;
}

size_t mu_link(mu_set *s, diag *d, unsigned flags, mu_loader load, void *ctx)
{
	size_t errors = 0;
	for (size_t i = 0; i < s->n; i++) { /* load() may add templates */
		mu_template *t = s->list[i];
		for (uint32_t k = 0; k < t->nops; k++) {
			mu_op *op = &t->ops[k];
			if ((op->kind != MU_OP_PARTIAL && op->kind != MU_OP_PARENT) ||
			    (op->flags & MU_F_DYNAMIC))
				continue;
			op->target = mu_get(s, op->s, op->n);
			if (!op->target && load) {
				char *name = arena_strndup(s->a, op->s, op->n);
				load(ctx, s, d, name);
				op->target = mu_get(s, op->s, op->n);
			}
			if (!op->target && (flags & MU_LINK_STRICT) && !(op->flags & MU_F_REPORTED)) {
				op->flags |= MU_F_REPORTED;
				unknown(s, d, t, op);
				errors++;
			}
		}
	}
	errors += check_cycles(s, d);
	s->errors += errors;
	s->linked = true;
	return s->errors;
}
