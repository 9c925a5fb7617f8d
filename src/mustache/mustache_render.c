/* mustache_render: walk a compiled template against a value tree.
 * Everything a render needs lives in one struct on the C stack (the
 * context stack is a fixed array) plus small frames linked through the
 * C stack (indentation, parent overrides), so a render allocates nothing
 * but the output buffer's growth and can run in many threads at once. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "mustache_int.h"

/* The indentation of the current line starts: the whitespace before each
 * standalone partial, parent or block on the way here, outermost first. */
typedef struct indent {
	const struct indent *up;
	const char *s;
	size_t n;
} indent;

/* The parent calls on the way here; a block takes the argument of the
 * outermost call that has one of its name. */
typedef struct overrides {
	const struct overrides *up;
	const mu_template *t; /* where the parent tag (and its arguments) are */
	const mu_op *parent;
} overrides;

/* A row being rendered for the memo: the root names it read. */
#define MU_MEMO_DEPS 16
typedef struct recording {
	mu_dep deps[MU_MEMO_DEPS];
	unsigned n;
	bool bad;        /* read something that cannot be compared again */
	size_t tlen;
	char text[512];  /* the scalars' texts */
} recording;

typedef struct render {
	const mu_data *data;
	buf *out;
	mu_error *err;
	unsigned flags;
	/* ops left before giving up (max_steps); no limit: ULLONG_MAX */
	unsigned long long steps_left, max_steps;
	int depth;   /* nested run() calls */
	int calls;   /* nested partials, parents and overridden blocks */
	/* The next line start is not one: a block's argument is being written
	 * in the middle of a line, so its first line gets no indentation. */
	bool skip;
	size_t nstack;
	/* the topmost sealed context's index (mu_data.sealed); 0: none */
	size_t floor;
	mu_memo *memo;   /* opts->memo, usable when data says what lasts */
	recording *rec;  /* a row being rendered for the memo, else NULL */
	size_t hits;     /* rows written from the memo */
	const void *stack[MU_MAX_DEPTH + 1]; /* the context stack; [0] is the root */
} render;

static mu_status fail(render *r, const mu_template *t, const mu_op *op, mu_status code,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static mu_status fail(render *r, const mu_template *t, const mu_op *op, mu_status code,
		      const char *fmt, ...)
{
	if (r->err) {
		va_list ap;
		r->err->code = code;
		r->err->file = t->path;
		r->err->line = op ? op->line : 0;
		r->err->col = op ? op->col : 0;
		va_start(ap, fmt);
		vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* ---- output ---- */

/* buf_put, without the call when the buffer has room: most pieces of a
 * page are short and the buffer is usually grown already. */
static inline void put(buf *out, const char *s, size_t n)
{
	if (out->cap - out->len > n) {
		memcpy(out->ptr + out->len, s, n);
		out->len += n;
		out->ptr[out->len] = '\0';
	} else {
		buf_put(out, s, n);
	}
}

static void put_indent(buf *out, const indent *ind)
{
	if (!ind)
		return;
	put_indent(out, ind->up);
	put(out, ind->s, ind->n);
}

/* A line starts: write its indentation, unless it is not really a line
 * start (see render.skip). */
static void line_start(render *r, const indent *ind)
{
	if (r->skip)
		r->skip = false;
	else
		put_indent(r->out, ind);
}

static void put_text(render *r, const mu_op *op, const indent *ind)
{
	if (op->flags & MU_F_LINE_START)
		line_start(r, ind);
	if (!ind || !(op->flags & MU_F_MULTILINE)) {
		put(r->out, op->s, op->n);
		return;
	}
	const char *p = op->s, *e = op->s + op->n, *nl;
	while ((nl = memchr(p, '\n', (size_t)(e - p))) && nl + 1 < e) {
		put(r->out, p, (size_t)(nl + 1 - p));
		put_indent(r->out, ind);
		p = nl + 1;
	}
	put(r->out, p, (size_t)(e - p));
}

/* ---- names ---- */

/* True when a context from stack[k] down to stack[1] has the name. */
static bool inherited(const render *r, size_t k, const mu_part *p)
{
	for (; k > 0; k--)
		if (r->stack[k] && r->data->get(r->stack[k], p[0].s, p[0].n))
			return true;
	return false;
}

/* A row being recorded read v (NULL: missing) at the root through op:
 * remember how it was, to compare it when the row meets another page. */
static void note(render *r, const mu_op *op, const void *v)
{
	recording *rec = r->rec;
	const mu_data *dt = r->data;
	if (rec->bad)
		return;
	if (rec->n == MU_MEMO_DEPS) {
		rec->bad = true;
		return;
	}
	mu_dep *d = &rec->deps[rec->n];
	*d = (mu_dep){ .op = op, .how = MU_DEP_ABSENT };
	if (v && dt->lasting(v)) {
		d->how = MU_DEP_LASTING;
		d->v = v;
	} else if (v && dt->scalar(v)) {
		size_t n;
		d->how = MU_DEP_SCALAR;
		d->kind = (uint8_t)dt->kind(v, &n);
		size_t mark = r->out->len;
		dt->text(v, r->out);
		size_t len = r->out->len - mark;
		if (len > sizeof rec->text - rec->tlen) {
			rec->bad = true;
		} else {
			d->text = memcpy(rec->text + rec->tlen, r->out->ptr + mark, len);
			d->len = (uint32_t)len;
			rec->tlen += len;
		}
		buf_truncate(r->out, mark);
	} else if (v) {
		rec->bad = true; /* a page's own list or map: not comparable */
	}
	if (!rec->bad)
		rec->n++;
}

/* Resolve op's dotted name: the first part down the context stack (or in
 * the top context only, after a leading dot), the rest inside the value
 * found, never falling back down the stack. Below a sealed context (a
 * row, see mu_data.sealed) only the root is searched. *v is NULL when the
 * name is missing; the status is an error only with MU_RENDER_OWN. */
static mu_status lookup(render *r, const mu_template *t, const mu_op *op, const void **out)
{
	const void *top = r->stack[r->nstack - 1];
	*out = top;
	if (!op->parts)
		return MU_OK;
	const mu_data *dt = r->data;
	const mu_part *p = op->parts;
	const void *v = NULL;
	bool at_root = false; /* found at the root, or nowhere (the root was asked last) */
	if (op->flags & MU_F_LOCAL) {
		v = top ? dt->get(top, p[0].s, p[0].n) : NULL;
	} else {
		size_t k = r->nstack;
		while (k-- > 0) {
			const void *c = r->stack[k];
			if (k && k < r->floor) {
				/* below a sealed context that lacks the name */
				if ((r->flags & MU_RENDER_OWN) && inherited(r, k, p))
					return fail(r, t, op, MU_ERR_INHERITED,
						    "'%.*s' is not a value of this row or record, only of an "
						    "enclosing section, whose value it would show; read it from "
						    "the page (e.g. '{{page.%.*s}}') or give the row that value "
						    "(docs/templates.md)",
						    (int)p[0].n, p[0].s, (int)p[0].n, p[0].s);
				c = r->stack[k = 0];
			}
			if (c && (v = dt->get(c, p[0].s, p[0].n)) != NULL)
				break;
		}
		at_root = k == 0 || k == SIZE_MAX;
	}
	for (uint16_t k = 1; v && k < op->nparts; k++)
		v = dt->get(v, p[k].s, p[k].n);
	if (r->rec && at_root)
		note(r, op, v);
	*out = v;
	return MU_OK;
}

/* The template a dynamic name names, or NULL. The name's text is written
 * to the output buffer and taken back: no other memory is needed. */
static const mu_template *dynamic_target(render *r, const mu_template *t, const mu_op *op,
					 mu_status *st)
{
	const void *v;
	const char *tag = op->kind == MU_OP_PARENT ? "<*" : ">*";
	if ((*st = lookup(r, t, op, &v)) != MU_OK)
		return NULL;
	if (!v) {
		if (r->flags & MU_RENDER_STRICT)
			*st = fail(r, t, op, MU_ERR_MISSING,
				   "'{{%s%.*s}}': there is no '%.*s' here to name a template; add it "
				   "to the data, or test for it with '{{#%.*s}}'",
				   tag, (int)op->n, op->s, (int)op->n, op->s, (int)op->n, op->s);
		return NULL;
	}
	size_t mark = r->out->len;
	r->data->text(v, r->out);
	const char *name = r->out->ptr + mark;
	size_t len = r->out->len - mark;
	/* a list, map or empty text names nothing (the command's own
	 * template goes by "") */
	const mu_template *target = len ? mu_get(t->set, name, len) : NULL;
	if (!target && (r->flags & MU_RENDER_STRICT))
		*st = fail(r, t, op, MU_ERR_MISSING,
			   "'{{%s%.*s}}' names '%.*s', which is not a template; add %.*s.mustache to "
			   "the templates, or fix the data",
			   tag, (int)op->n, op->s, (int)(len > 60 ? 60 : len), name,
			   (int)(len > 60 ? 60 : len), name);
	buf_truncate(r->out, mark);
	return target;
}

/* ---- walking ---- */

static mu_status run(render *r, const mu_template *t, uint32_t i, uint32_t end,
		     const indent *ind, const overrides *ov);

/* {{>name}} and {{<name}}...{{/name}} */
static mu_status call(render *r, const mu_template *t, const mu_op *op, const indent *ind,
		      const overrides *ov)
{
	const mu_template *target = op->target;
	mu_status st = MU_OK;
	if (op->flags & MU_F_DYNAMIC)
		target = dynamic_target(r, t, op, &st);
	if (!target)
		return st;
	if (target->broken)
		return fail(r, t, op, MU_ERR_BROKEN, "template '%s' has errors", target->name);
	if (r->calls >= MU_MAX_PARTIAL_DEPTH)
		return fail(r, t, op, MU_ERR_DEPTH,
			    "partials and parents nest more than %d deep here; a template probably "
			    "includes itself without end (a recursive partial must sit in a "
			    "section that stops)",
			    MU_MAX_PARTIAL_DEPTH);
	/* a standalone tag indents every line it includes; an inline one
	 * includes the template as it is */
	indent frame = { ind, op->ind, op->nind };
	const indent *inner = NULL;
	if (op->flags & MU_F_STANDALONE)
		inner = op->nind ? &frame : ind;
	overrides call_ov = { ov, t, op };
	r->calls++;
	st = run(r, target, 0, target->nops, inner, op->kind == MU_OP_PARENT ? &call_ov : ov);
	r->calls--;
	return st;
}

/* {{$name}}default{{/name}}: the outermost argument of that name, else the
 * default. */
static mu_status block(render *r, const mu_template *t, const mu_op *op, const indent *ind,
		       const overrides *ov)
{
	const mu_template *ft = NULL;
	const mu_op *fill = NULL;
	for (const overrides *o = ov; o; o = o->up)
		for (uint32_t a = 0; a < o->parent->nargs; a++)
			if (o->parent->args[a].id == op->id) {
				ft = o->t;
				fill = &o->t->ops[o->parent->args[a].op];
				break;
			}
	bool standalone = op->flags & MU_F_STANDALONE;
	indent frame = { ind, op->ind, op->nind };
	const indent *inner = standalone && op->nind ? &frame : ind;
	uint32_t self = (uint32_t)(op - t->ops);
	mu_status st;
	if (!fill && (op->flags & MU_F_INLINE_WS)) {
		/* the default, on a line of its own after some indentation:
		 * written as it stands */
		line_start(r, ind);
		put(r->out, op->ind, op->nind);
		r->skip = true;
		st = run(r, t, self + 1, op->end, ind, ov);
		r->skip = false;
		return st;
	}
	if (!fill)
		return run(r, t, self + 1, op->end, inner, ov);
	if (r->calls >= MU_MAX_PARTIAL_DEPTH)
		return fail(r, t, op, MU_ERR_DEPTH,
			    "blocks, partials and parents nest more than %d deep here; a block "
			    "probably fills itself without end",
			    MU_MAX_PARTIAL_DEPTH);
	bool saved = r->skip;
	if (!standalone)
		r->skip = true;
	r->calls++;
	st = run(r, ft, (uint32_t)(fill - ft->ops) + 1, fill->end, inner, ov);
	r->calls--;
	if (!standalone) /* the argument wrote no line start: restore */
		r->skip = r->skip ? saved : false;
	return st;
}

/* Whether the root name d was read through reads the same now (v). */
static bool dep_same(render *r, const mu_dep *d, const void *v)
{
	const mu_data *dt = r->data;
	switch (d->how) {
	case MU_DEP_ABSENT:
		return !v;
	case MU_DEP_LASTING:
		return v == d->v;
	default: {
		size_t n;
		if (!v || !dt->scalar(v) || dt->kind(v, &n) != (mu_kind)d->kind)
			return false;
		size_t mark = r->out->len;
		dt->text(v, r->out);
		bool same = r->out->len - mark == d->len && memcmp(r->out->ptr + mark, d->text, d->len) == 0;
		buf_truncate(r->out, mark);
		return same;
	}
	}
}

/* Most outputs one row keeps for a section (one per set of root values
 * it met: a flag of the page, say). */
#define MU_MEMO_VARIANTS 4

/* A lasting sealed row e of a list section whose body calls nothing
 * (stack and floor already set): its output from the memo when every
 * root name it read reads the same again (looked up anew, so an
 * inherited name is still an error), else rendered, and kept the
 * second time it is made. */
static mu_status memo_row(render *r, const mu_template *t, const mu_op *op, const void *e,
			  const indent *ind, const overrides *ov)
{
	unsigned variants = 0;
	for (const mu_memo_entry *en = mu_memo_first(r->memo, op, e); en; en = en->next) {
		if (en->op != op || en->e != e)
			continue;
		variants++;
		bool same = true;
		for (unsigned i = 0; i < en->ndeps && same; i++) {
			const void *v;
			mu_status st = lookup(r, t, en->deps[i].op, &v);
			if (st != MU_OK)
				return st;
			same = dep_same(r, &en->deps[i], v);
		}
		if (same) {
			put(r->out, en->out, en->len);
			r->hits++;
			return MU_OK;
		}
	}
	uint32_t self = (uint32_t)(op - t->ops);
	if (variants >= MU_MEMO_VARIANTS)
		return run(r, t, self + 1, op->end, ind, ov);
	recording rec;
	rec.n = 0;
	rec.bad = false;
	rec.tlen = 0;
	size_t from = r->out->len;
	r->rec = &rec;
	mu_status st = run(r, t, self + 1, op->end, ind, ov);
	r->rec = NULL;
	if (st == MU_OK && !rec.bad && mu_memo_again(r->memo, op, e, rec.deps, rec.n))
		mu_memo_put(r->memo, op, e, r->out->ptr + from, r->out->len - from, rec.deps, rec.n);
	return st;
}

static mu_status section(render *r, const mu_template *t, const mu_op *op, const indent *ind,
			 const overrides *ov)
{
	const void *v;
	mu_status found = lookup(r, t, op, &v);
	if (found != MU_OK)
		return found;
	size_t n = 0;
	mu_kind kind = v ? r->data->kind(v, &n) : MU_FALSEY;
	uint32_t self = (uint32_t)(op - t->ops);
	if (op->kind == MU_OP_INVERTED)
		return kind == MU_FALSEY ? run(r, t, self + 1, op->end, ind, ov) : MU_OK;
	if (kind == MU_FALSEY)
		return MU_OK;
	if (r->nstack > MU_MAX_DEPTH - 1)
		return fail(r, t, op, MU_ERR_DEPTH, "sections nest more than %d deep here",
			    MU_MAX_DEPTH);
	mu_status st = MU_OK;
	size_t floor = r->floor;
	bool (*sealed)(const void *) = r->data->sealed;
	if (kind == MU_ONE) {
		if (sealed && sealed(v))
			r->floor = r->nstack;
		r->stack[r->nstack++] = v;
		st = run(r, t, self + 1, op->end, ind, ov);
		r->nstack--;
		r->floor = floor;
		return st;
	}
	/* rows may come from the memo: not inside one being recorded, and
	 * only where no indentation or pending line start can change them */
	bool memo = r->memo && !r->rec && (op->flags & MU_F_MEMO) && !ind;
	for (size_t k = 0; k < n && st == MU_OK; k++) {
		const void *e = r->data->at(v, k);
		bool row = sealed && sealed(e);
		r->floor = row ? r->nstack : floor;
		r->stack[r->nstack++] = e;
		if (memo && row && !r->skip && r->data->lasting(e))
			st = memo_row(r, t, op, e, ind, ov);
		else
			st = run(r, t, self + 1, op->end, ind, ov);
		r->nstack--;
	}
	r->floor = floor;
	return st;
}

static mu_status run(render *r, const mu_template *t, uint32_t i, uint32_t end,
		     const indent *ind, const overrides *ov)
{
	mu_status st = MU_OK;
	if (++r->depth > MU_MAX_DEPTH) {
		st = fail(r, t, i < t->nops ? &t->ops[i] : NULL, MU_ERR_DEPTH,
			  "templates nest more than %d deep here (sections, blocks and partials "
			  "together)",
			  MU_MAX_DEPTH);
		goto out;
	}
	while (i < end) {
		const mu_op *op = &t->ops[i];
		if (--r->steps_left == 0) {
			st = fail(r, t, op, MU_ERR_STEPS,
				  "rendering took more than %llu steps; a partial probably includes "
				  "others many times over",
				  r->max_steps);
			goto out;
		}
		switch ((mu_opkind)op->kind) {
		case MU_OP_TEXT:
			put_text(r, op, ind);
			break;
		case MU_OP_INDENT:
			line_start(r, ind);
			break;
		case MU_OP_VAR:
		case MU_OP_RAW: {
			const void *v;
			if ((st = lookup(r, t, op, &v)) != MU_OK)
				goto out;
			if (v) {
				size_t from = r->out->len;
				r->data->text(v, r->out);
				if (op->kind == MU_OP_VAR)
					esc_html_inplace(r->out, from);
			}
			break;
		}
		case MU_OP_SECTION:
		case MU_OP_INVERTED:
			st = section(r, t, op, ind, ov);
			break;
		case MU_OP_PARTIAL:
		case MU_OP_PARENT:
			st = call(r, t, op, ind, ov);
			break;
		case MU_OP_BLOCK:
			st = block(r, t, op, ind, ov);
			break;
		}
		if (st != MU_OK)
			goto out;
		i = op->end;
	}
out:
	r->depth--;
	return st;
}

mu_status mu_render(const mu_template *t, const mu_data *data, const void *root,
		    const mu_opts *opts, buf *out, mu_error *err)
{
	render r; /* the stack array is not cleared: only [0, nstack) is read */
	r.data = data;
	r.out = out;
	r.err = err;
	r.flags = opts ? opts->flags : 0;
	r.max_steps = opts ? opts->max_steps : 0;
	/* one more, so that the op after the last allowed one stops it */
	r.steps_left = r.max_steps && r.max_steps < ULLONG_MAX ? r.max_steps + 1 : ULLONG_MAX;
	r.depth = r.calls = 0;
	r.skip = false;
	r.stack[0] = root;
	r.nstack = 1;
	r.floor = 0;
	r.memo = opts && opts->memo && data->lasting && data->scalar ? opts->memo : NULL;
	r.rec = NULL;
	r.hits = 0;
	if (err)
		memset(err, 0, sizeof *err);
	if (!t->set->linked)
		return fail(&r, t, NULL, MU_ERR_UNLINKED,
			    "template '%s' was rendered before mu_link", t->name);
	if (t->broken)
		return fail(&r, t, NULL, MU_ERR_BROKEN, "template '%s' has errors", t->name);
	mu_status st = run(&r, t, 0, t->nops, NULL, NULL);
	if (r.hits)
		mu_memo_count(r.memo, r.hits);
	return st;
}

void mu_report(diag *d, const mu_error *err)
{
	diag_report(d, DIAG_ERROR, err->file, err->line, err->col, "%s", err->msg);
}
