/* mustache_parse: tokens -> the op array of one template. Decides where
 * lines start (so indented partials, parents and blocks can indent every
 * line they write), removes the intrinsic indentation of blocks, and
 * splits dotted names once, so rendering never looks at the text again. */
#include <stdlib.h>
#include <string.h>

#include "mustache_int.h"
#include "xalloc.h"

typedef struct gen {
	mu_src *c;
	mu_template *t;
	mu_op *ops;               /* malloc'd while building, then copied */
	size_t n, cap;
	mu_part strip[MU_MAX_NEST + 1]; /* intrinsic indentation of the blocks we are in */
	size_t nstrip;
	bool bol;                 /* the next content starts a line */
	bool warned;              /* ignored content reported in this parent */
	buf scratch;
} gen;

/* Append an op; returns its index (pointers move as the array grows). */
static uint32_t mu_block_id(mu_set *s, const char *name, size_t len);

static size_t emit(gen *g, mu_opkind kind, uint32_t off)
{
	g->ops = xgrow(g->ops, &g->cap, g->n + 1, sizeof *g->ops);
	mu_op *op = &g->ops[g->n];
	memset(op, 0, sizeof *op);
	op->kind = (uint8_t)kind;
	op->end = (uint32_t)g->n + 1;
	mu_src_pos(g->c, off, &op->line, &op->col);
	return g->n++;
}

/* Content is about to be written on the current line: if the line has
 * not started yet, it starts here. */
static void line_content(gen *g, uint32_t off)
{
	if (g->bol) {
		emit(g, MU_OP_INDENT, off);
		g->bol = false;
	}
}

/* Skip the intrinsic indentation of the enclosing blocks at line start p. */
static uint32_t skip_strips(const gen *g, uint32_t p, uint32_t end)
{
	for (size_t k = 0; k < g->nstrip; k++) {
		const mu_part *sp = &g->strip[k];
		if (sp->n && end - p >= sp->n && memcmp(g->c->s + p, sp->s, sp->n) == 0)
			p += sp->n;
	}
	return p;
}

/* The indentation of a standalone tag: the whitespace before it on its
 * line, less the intrinsic indentation of the blocks around it. */
static void leading_ws(gen *g, const mu_token *t, mu_op *op)
{
	uint32_t p = skip_strips(g, t->ls, t->start);
	op->ind = g->c->s + p;
	op->nind = t->start - p;
}

/* A block's intrinsic indentation: the whitespace starting the line at
 * `nl` (relative to the blocks around it). */
static mu_part intrinsic(const gen *g, uint32_t nl)
{
	mu_part ind = { "", 0 };
	if (nl == MU_NONE)
		return ind;
	uint32_t q = nl;
	while (q < g->c->len && (g->c->s[q] == ' ' || g->c->s[q] == '\t'))
		q++;
	uint32_t p = skip_strips(g, nl, q);
	ind.s = g->c->s + p;
	ind.n = q - p;
	return ind;
}

static void gen_text(gen *g, const mu_token *t)
{
	const char *s = g->c->s;
	uint32_t p = t->ks, e = t->ke;
	if (t->ks > t->start) /* a standalone line ended just before */
		g->bol = true;
	if (p >= e)
		return;
	buf_reset(&g->scratch);
	bool stripped = false;
	while (p < e) {
		uint32_t q = p;
		if (g->nstrip && (p == 0 || s[p - 1] == '\n'))
			q = skip_strips(g, p, e);
		stripped |= q != p;
		const char *nl = memchr(s + q, '\n', e - q);
		uint32_t se = nl ? (uint32_t)(nl - s) + 1 : e;
		buf_put(&g->scratch, s + q, se - q);
		p = se;
	}
	size_t n = g->scratch.len;
	if (n == 0) { /* only indentation that blocks remove: still at line start */
		g->bol = true;
		return;
	}
	size_t k = emit(g, MU_OP_TEXT, t->ks);
	mu_op *op = &g->ops[k];
	op->s = stripped ? arena_memdup(g->t->set->a, g->scratch.ptr, n) : s + t->ks;
	op->n = (uint32_t)n;
	if (g->bol)
		op->flags |= MU_F_LINE_START;
	const char *inner = memchr(op->s, '\n', n - 1);
	if (inner)
		op->flags |= MU_F_MULTILINE;
	g->bol = op->s[n - 1] == '\n';
}

/* Split a dotted name into parts, once. */
static void set_name(gen *g, mu_op *op, const mu_token *t)
{
	const char *s = g->c->s + t->name;
	uint32_t n = t->nlen;
	if (n == 1 && s[0] == '.')
		return; /* the implicit iterator: no parts */
	if (s[0] == '.') {
		op->flags |= MU_F_LOCAL;
		s++;
		n--;
	}
	uint32_t count = 1;
	for (uint32_t i = 0; i < n; i++)
		count += s[i] == '.';
	mu_part *parts = arena_array(g->t->set->a, count, sizeof *parts);
	uint32_t k = 0, from = 0;
	for (uint32_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		parts[k].s = s + from;
		parts[k].n = i - from;
		k++;
		from = i + 1;
	}
	op->parts = parts;
	op->nparts = (uint16_t)(count > UINT16_MAX ? UINT16_MAX : count);
}

/* A section whose body calls nothing (no partial, parent or block) may
 * have its output for one element remembered (mu_memo): the body alone
 * decides what it writes. */
static void mark_memo(gen *g, size_t k)
{
	if (g->ops[k].kind != MU_OP_SECTION)
		return;
	for (size_t m = k + 1; m < g->ops[k].end; m++) {
		uint8_t kind = g->ops[m].kind;
		if (kind == MU_OP_PARTIAL || kind == MU_OP_PARENT || kind == MU_OP_BLOCK)
			return;
	}
	g->ops[k].flags |= MU_F_MEMO;
}

/* Partial and parent tags: static names are kept for mu_link, dynamic
 * ones are split like any dotted name. */
static void set_target(gen *g, mu_op *op, const mu_token *t)
{
	op->s = g->c->s + t->name; /* dynamic: kept for messages */
	op->n = t->nlen;
	if (t->dynamic) {
		op->flags |= MU_F_DYNAMIC;
		set_name(g, op, t);
		g->t->dynamic = true;
	}
}

static void gen_range(gen *g, size_t i, size_t j, bool in_parent);

/* After a body closed by token `close` (j when the tag was never closed). */
static void close_body(gen *g, size_t close, size_t j, bool in_place)
{
	const mu_token *e = close < j ? &g->c->tok[close] : NULL;
	if (e && !e->sa && g->bol && in_place) {
		/* the closing tag starts a line that goes on after it */
		emit(g, MU_OP_INDENT, e->start);
	}
	g->bol = e && e->sa;
}

static void ignored(gen *g, const mu_token *t)
{
	if (g->warned || t->kind == MU_T_COMMENT || t->kind == MU_T_DELIM || t->kind == MU_T_END)
		return;
	if (t->kind == MU_T_TEXT) {
		uint32_t p = t->ks;
		while (p < t->ke && (g->c->s[p] == ' ' || g->c->s[p] == '\t' || g->c->s[p] == '\r' ||
				     g->c->s[p] == '\n'))
			p++;
		if (p == t->ke)
			return;
		mu_src_warn(g->c, p, "text inside a parent tag but outside any '{{$block}}' is ignored; "
			    "move it into a block, or out of the parent");
	} else {
		mu_src_warn(g->c, t->start, "tag inside a parent tag but outside any '{{$block}}' is "
			    "ignored; move it into a block, or out of the parent");
	}
	g->warned = true;
}

static void gen_parent(gen *g, size_t i, size_t close, size_t j)
{
	const mu_token *t = &g->c->tok[i];
	if (t->elem != MU_E_LINE)
		line_content(g, t->start);
	size_t k = emit(g, MU_OP_PARENT, t->start);
	if (t->elem == MU_E_LINE) {
		g->ops[k].flags |= MU_F_STANDALONE;
		leading_ws(g, t, &g->ops[k]);
	}
	set_target(g, &g->ops[k], t);
	bool warned = g->warned;
	g->warned = false;
	gen_range(g, i + 1, close, true);
	g->warned = warned;
	size_t nargs = 0;
	for (size_t m = k + 1; m < g->n; m = g->ops[m].end)
		nargs++;
	mu_arg *args = nargs ? arena_array(g->t->set->a, nargs, sizeof *args) : NULL;
	size_t a = 0;
	for (size_t m = k + 1; m < g->n; m = g->ops[m].end, a++) {
		args[a].id = g->ops[m].id;
		args[a].op = (uint32_t)m;
		for (size_t b = 0; b < a; b++)
			if (args[b].id == args[a].id) {
				mu_op *dup = &g->ops[m];
				g->c->errors++;
				diag_report(g->c->d, DIAG_ERROR, g->c->path, dup->line, dup->col,
					    "block '%.*s' is given twice in this parent tag; remove one "
					    "of them",
					    (int)dup->n, dup->s);
				break;
			}
	}
	g->ops[k].args = args;
	g->ops[k].nargs = (uint32_t)nargs;
	g->ops[k].end = (uint32_t)g->n;
	close_body(g, close, j, false);
	if (t->elem == MU_E_LINE)
		g->bol = true;
}

static void gen_block(gen *g, size_t i, size_t close, size_t j, bool arg)
{
	const mu_token *t = &g->c->tok[i];
	bool pushed = false;
	if (!arg && t->elem == MU_E_INLINE && !t->sa)
		line_content(g, t->start);
	size_t k = emit(g, MU_OP_BLOCK, t->start);
	mu_op *op = &g->ops[k];
	op->s = g->c->s + t->name;
	op->n = t->nlen;
	op->id = mu_block_id(g->t->set, op->s, op->n);
	mu_part strip = { "", 0 };
	if (arg) {
		if (t->next_line != MU_NONE) {
			strip = intrinsic(g, t->next_line);
			pushed = true;
		}
		g->bol = true; /* an argument is a template of its own */
	} else if (t->elem == MU_E_EOL) {
		strip = intrinsic(g, t->next_line);
		pushed = true;
		op->flags |= MU_F_STANDALONE;
		op->ind = strip.s;
		op->nind = strip.n;
		g->bol = true;
	} else if (t->elem == MU_E_LINE) {
		op->flags |= MU_F_STANDALONE | MU_F_INLINE_WS;
		leading_ws(g, t, op);
		g->bol = true;
	} else if (t->sa) {
		op->flags |= MU_F_STANDALONE; /* at a line start, nothing to add */
		g->bol = true;
	}
	if (pushed)
		g->strip[g->nstrip++] = strip;
	gen_range(g, i + 1, close, false);
	if (pushed)
		g->nstrip--;
	g->ops[k].end = (uint32_t)g->n;
	close_body(g, close, j, false);
}

static void gen_range(gen *g, size_t i, size_t j, bool in_parent)
{
	mu_src *c = g->c;
	while (i < j) {
		const mu_token *t = &c->tok[i];
		bool container = t->kind == MU_T_SECTION || t->kind == MU_T_INVERTED ||
				 t->kind == MU_T_PARENT || t->kind == MU_T_BLOCK;
		size_t close = container && t->match != MU_NONE ? t->match : j;
		size_t next = close < j ? close + 1 : j;
		if (t->bad) { /* reported; a broken element is left out whole */
			i = container && t->match != MU_NONE ? next : i + 1;
			continue;
		}
		if (in_parent && t->kind != MU_T_BLOCK) {
			ignored(g, t);
			i = container ? next : i + 1;
			continue;
		}
		switch (t->kind) {
		case MU_T_TEXT:
			gen_text(g, t);
			break;
		case MU_T_COMMENT:
		case MU_T_DELIM:
			if (!t->sa)
				line_content(g, t->start);
			break;
		case MU_T_END: /* unmatched, reported */
			break;
		case MU_T_VAR:
		case MU_T_RAW: {
			line_content(g, t->start);
			size_t k = emit(g, t->kind == MU_T_VAR ? MU_OP_VAR : MU_OP_RAW, t->start);
			set_name(g, &g->ops[k], t);
			break;
		}
		case MU_T_SECTION:
		case MU_T_INVERTED: {
			if (!t->sa)
				line_content(g, t->start);
			size_t k = emit(g, t->kind == MU_T_SECTION ? MU_OP_SECTION : MU_OP_INVERTED,
					t->start);
			set_name(g, &g->ops[k], t);
			gen_range(g, i + 1, close, false);
			close_body(g, close, j, true);
			g->ops[k].end = (uint32_t)g->n;
			mark_memo(g, k);
			break;
		}
		case MU_T_PARTIAL: {
			if (!t->sa)
				line_content(g, t->start);
			size_t k = emit(g, MU_OP_PARTIAL, t->start);
			if (t->sa) {
				g->ops[k].flags |= MU_F_STANDALONE;
				leading_ws(g, t, &g->ops[k]);
			}
			set_target(g, &g->ops[k], t);
			break;
		}
		case MU_T_PARENT:
			gen_parent(g, i, close, j);
			break;
		case MU_T_BLOCK:
			gen_block(g, i, close, j, in_parent);
			break;
		}
		i = container ? next : i + 1;
	}
}

/* Block names are interned across the set (an argument block and the
 * block it fills are matched by id at render time). Here, not in
 * mustache_set.c, so that compiling never calls back into the set. */
static uint32_t mu_block_id(mu_set *s, const char *name, size_t len)
{
	void *v = strmap_get(&s->blocks, name, len);
	if (v)
		return (uint32_t)((uintptr_t)v - 1);
	uint32_t id = s->nblocks++;
	strmap_put(&s->blocks, name, len, (void *)(uintptr_t)(id + 1));
	return id;
}

size_t mu_parse(mu_template *t, diag *d, const char *src, size_t len)
{
	mu_src c = { .s = src, .len = (uint32_t)len, .path = t->path, .d = d };
	gen g = { .c = &c, .t = t, .bol = true, .scratch = BUF_INIT };
	mu_lex(&c);
	gen_range(&g, 0, c.ntok, false);
	t->ops = g.n ? arena_memdup(t->set->a, g.ops, g.n * sizeof *g.ops) : NULL;
	t->nops = (uint32_t)g.n;
	free(g.ops);
	free(c.tok);
	free(c.lines);
	buf_free(&g.scratch);
	return c.errors;
}
