/* mustache: Mustache templates (spec v1.4: every core module, plus the
 * optional inheritance and dynamic-names modules; no lambdas).
 *
 * A template set is compiled once: every template is parsed into an op
 * tree that keeps source positions, partial and parent names are linked to
 * templates, and from then on the set is read-only. Rendering walks the op
 * tree against a value tree read through a small callback interface
 * (mu_data); it never parses and never allocates except to grow the output
 * buffer, keeps its context stack in a fixed array on the C stack, and is
 * reentrant, so one linked set can serve many threads at once.
 *
 * The engine knows nothing of the content model: mu_value_data reads the
 * project's value tree (value.h); any other tree can supply its own mu_data.
 *
 * Ownership: compiled templates, their names and a copy of their text live
 * in the arena given to mu_set_new; the set's own lookup tables are
 * malloc'd and released by mu_set_free. Nothing returned here is freed by
 * the caller. */
#ifndef QD_MUSTACHE_H
#define QD_MUSTACHE_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"

/* Limits. Nesting of partials, parents and overridden blocks at render
 * time (a recursive partial stops here with an error, not a crash); render
 * recursion as a whole (sections, blocks, partials; also the size of the
 * context stack); nesting of sections inside one template; delimiter
 * length. */
#define MU_MAX_PARTIAL_DEPTH 100
#define MU_MAX_DEPTH 512
#define MU_MAX_NEST 100
#define MU_MAX_DELIM 32

typedef struct mu_set mu_set;
typedef struct mu_template mu_template;

/* ---- reading values ---- */

/* How a section treats a value: skip it (null, false, missing, empty
 * list), render once with the value pushed on the context stack (true,
 * numbers, text, maps), or once per element of a list. */
typedef enum mu_kind { MU_FALSEY, MU_ONE, MU_LIST } mu_kind;

/* The lookup interface. Values are opaque `const void *`; NULL is
 * "missing". Every callback must be reentrant and must not keep pointers
 * into `out` across calls. */
typedef struct mu_data {
	/* The value under key `name` (len bytes, not NUL-terminated) in `ctx`,
	 * or NULL when ctx has no such key or is not a map. A key that is
	 * present with a null value must return that null value, not NULL:
	 * it stops the walk down the context stack. */
	const void *(*get)(const void *ctx, const char *name, size_t len);
	/* Section behaviour of v (never NULL); for MU_LIST set *n (> 0). */
	mu_kind (*kind)(const void *v, size_t *n);
	/* Element i (< n) of a list. */
	const void *(*at)(const void *list, size_t i);
	/* Append the text form of v (never NULL) to out, unescaped: text as
	 * is, numbers in their shortest form (1.210 -> 1.21), true/false,
	 * nothing for null, lists and maps. */
	void (*text)(const void *v, buf *out);
	/* Optional (may be NULL): true when ctx is a row, card or record
	 * whose names must not be taken from enclosing sections. Inside such
	 * a context a name it lacks is looked up at the root of the context
	 * stack only, never in the sections between (so a row without a
	 * budget cannot show its group's subtotal); with MU_RENDER_OWN a
	 * name found only in those sections is a render error. This departs
	 * from the specification on purpose, for data that asks for it. */
	bool (*sealed)(const void *ctx);
	/* Optional (may be NULL), for mu_memo: true when v and everything in
	 * it stay unchanged at the same address for as long as any memo
	 * lives (made once for a whole site, not for one page). */
	bool (*lasting)(const void *v);
	/* Optional, for mu_memo: true when v is null, a boolean, a number or
	 * text, whose effect in a template is its kind and its text alone. */
	bool (*scalar)(const void *v);
} mu_data;

/* The adapter for the project's value tree (value.h): maps are looked up
 * by key, truthiness is value_truthy's, text is value_text's. */
extern const mu_data mu_value_data;

/* ---- compiling a set ---- */

/* An empty set whose compiled templates live in `a`. Free with
 * mu_set_free (the arena is the caller's to free, after the set). */
mu_set *mu_set_new(arena *a);
void mu_set_free(mu_set *s);

/* Compile `len` bytes of template text as template `name` (a path inside
 * the templates directory without ".mustache", e.g. "layouts/base"), with
 * diagnostics against `path`. The text is copied. Every error found is
 * reported to d (the parser recovers and goes on); returns the template,
 * or NULL when it had errors or the name is taken (a template with errors
 * still occupies its name, so other templates' references to it do not
 * add "unknown partial" errors). Must not run while the set renders. */
const mu_template *mu_compile(mu_set *s, diag *d, const char *name, const char *path,
			      const char *text, size_t len);

/* Read and compile one file (UTF-8 and size checked by source_read).
 * Returns 0, 1 after content errors, -1 after an I/O error; all reported. */
int mu_load_file(mu_set *s, diag *d, const char *name, const char *path);

/* Compile every *.mustache file under `dir` (subdirectories too, names
 * "sub/name"; files and directories starting with '.' are skipped), in
 * sorted order. Returns 0, 1 after content errors, -1 after I/O errors. */
int mu_load_dir(mu_set *s, diag *d, const char *dir);

/* Called by mu_link for a static partial or parent name that no template
 * in the set has; it may compile the template into the set (mu_load_file)
 * and returns like mu_load_file. */
typedef int (*mu_loader)(void *ctx, mu_set *s, diag *d, const char *name);

enum {
	/* a static partial or parent name that names no template is an
	 * error (a site build); without it such a tag renders nothing, as
	 * the specification says */
	MU_LINK_STRICT = 1,
};

/* Resolve every static partial and parent name to its template (asking
 * `load`, if given, for names the set lacks), and check that no template
 * includes itself unconditionally (which could never finish). Reports
 * problems to d (each once, however often mu_link runs); returns the
 * number of errors the set has had so far, compile errors included. After
 * mu_link the set is read-only and may be rendered from any number of
 * threads. Calling it again after adding templates is fine. */
size_t mu_link(mu_set *s, diag *d, unsigned flags, mu_loader load, void *ctx);

/* The template called `name`, or NULL. */
const mu_template *mu_get(const mu_set *s, const char *name, size_t len);
/* True when some template of the set uses a dynamic name ({{>*x}},
 * {{<*x}}), so the templates it can reach are known only at render. */
bool mu_uses_dynamic(const mu_set *s);

/* ---- rendering ---- */

enum {
	/* a dynamic name that names no template is an error (a site
	 * build); without it the tag renders nothing, as the spec says */
	MU_RENDER_STRICT = 1,
	/* a name read inside a sealed context (mu_data.sealed) that only an
	 * enclosing section has, not the context or the root, is an error:
	 * the template would have shown another record's value */
	MU_RENDER_OWN = 2,
};

/* A memo of rows: what a section's body wrote for one element of a list,
 * kept and written again the next time the same body meets the same
 * element, on any page. An element qualifies when it is a sealed row
 * (mu_data.sealed) that lasts (mu_data.lasting) and the body calls no
 * partial, parent or block. Inside a sealed row a name the row lacks is
 * read from the root only, so what the body writes depends on the row
 * and on those root names alone: each is remembered with the value it
 * had (its kind and text when a scalar, its address when lasting, else
 * the output is not kept), and the output is used again only when every
 * one of them is looked up anew and is the same. A site lists each item
 * on a dozen index pages; its row is then rendered once or twice.
 * A memo may be shared by threads rendering at once. */
typedef struct mu_memo mu_memo;

/* A memo for about `rows` rows, keeping at most `max_bytes` of output
 * (then it remembers nothing more). */
mu_memo *mu_memo_new(size_t rows, size_t max_bytes);
void mu_memo_free(mu_memo *m);
/* How often a row was written from the memo, and how many outputs it
 * keeps. */
void mu_memo_stats(const mu_memo *m, size_t *hits, size_t *kept);

typedef struct mu_opts {
	unsigned flags;               /* MU_RENDER_* */
	unsigned long long max_steps; /* ops executed before giving up; 0: no limit */
	mu_memo *memo;                /* may be NULL: every row rendered anew */
} mu_opts;

typedef enum mu_status {
	MU_OK = 0,
	MU_ERR_DEPTH,   /* nesting beyond MU_MAX_PARTIAL_DEPTH / MU_MAX_DEPTH */
	MU_ERR_MISSING, /* strict: a dynamic name named no template */
	MU_ERR_STEPS,   /* more than opts->max_steps ops */
	MU_ERR_BROKEN,  /* the template (or one it reached) did not compile */
	MU_ERR_UNLINKED, /* mu_link has not run since the last mu_compile */
	MU_ERR_INHERITED /* MU_RENDER_OWN: a row's name came from an enclosing section */
} mu_status;

/* Where and why a render stopped. file points into the set; msg says what
 * is wrong and what to do, and is written without allocating. */
typedef struct mu_error {
	mu_status code;
	const char *file;
	unsigned line, col;
	char msg[256];
} mu_error;

/* Render t with `root` as the bottom of the context stack, appending to
 * out. opts may be NULL (not strict, no step limit); err may be NULL.
 * Returns MU_OK, or an error code with err filled in (out then holds a
 * partial result). Allocates nothing but out's growth: render into a buf
 * grown beforehand (buf_grow) and it allocates nothing at all. */
mu_status mu_render(const mu_template *t, const mu_data *data, const void *root,
		    const mu_opts *opts, buf *out, mu_error *err);

/* Report a render error to d as a diagnostic at its template position. */
void mu_report(diag *d, const mu_error *err);

#endif
