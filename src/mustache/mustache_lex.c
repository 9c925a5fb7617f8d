/* mustache_lex: template text -> tokens. Finds tags under the current
 * delimiters, checks names, matches sections, and decides which tags and
 * elements stand alone on their lines, trimming the whitespace and line
 * endings the specification drops around them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_int.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- positions and reports ---- */

void mu_src_pos(mu_src *c, uint32_t off, unsigned *line, unsigned *col)
{
	/* ops are made in source order: count on from the last position
	 * asked when it is on the same line, so a long line stays linear */
	if (c->pos_line && off >= c->pos_off && off >= c->pos_ls &&
	    (c->pos_line == c->nlines || off < c->lines[c->pos_line])) {
		c->pos_col += (unsigned)utf8_count(c->s + c->pos_off, off - c->pos_off);
		c->pos_off = off;
		*line = c->pos_line;
		*col = c->pos_col;
		return;
	}
	size_t lo = 0, hi = c->nlines; /* last line start <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	c->pos_line = (unsigned)lo + 1;
	c->pos_ls = c->lines[lo];
	c->pos_off = off;
	c->pos_col = (unsigned)utf8_count(c->s + c->lines[lo], off - c->lines[lo]) + 1;
	*line = c->pos_line;
	*col = c->pos_col;
}

static void report(mu_src *c, diag_level level, uint32_t off, const char *fmt, va_list ap)
{
	unsigned line, col;
	mu_src_pos(c, off, &line, &col);
	diag_vreport(c->d, level, c->path, line, col, fmt, ap);
}

void mu_src_error(mu_src *c, uint32_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(c, DIAG_ERROR, off, fmt, ap);
	va_end(ap);
	c->errors++;
}

void mu_src_warn(mu_src *c, uint32_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(c, DIAG_WARNING, off, fmt, ap);
	va_end(ap);
}

/* ---- tokens ---- */

static mu_token *push(mu_src *c, mu_tkind kind, uint32_t start, uint32_t end)
{
	c->tok = xgrow(c->tok, &c->cap, c->ntok + 1, sizeof *c->tok);
	mu_token *t = &c->tok[c->ntok++];
	memset(t, 0, sizeof *t);
	t->kind = (uint8_t)kind;
	t->start = t->ks = start;
	t->end = t->ke = end;
	t->match = t->next_line = MU_NONE;
	return t;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static const char *find(const char *from, const char *to, const char *needle, size_t n)
{
	return from < to ? memmem(from, (size_t)(to - from), needle, n) : NULL;
}

/* What a theme author typed, for messages: the tag's first bytes. */
static int shown(const mu_src *c, uint32_t start, uint32_t end)
{
	uint32_t n = end - start;
	if (n > 40) /* whole characters only */
		for (n = 40; n > 0 && ((unsigned char)c->s[start + n] & 0xC0) == 0x80; n--)
			;
	return (int)n;
}

/* Check a dotted name ("." or parts joined by '.', optionally after one
 * leading '.'); reports and returns 0 when it is malformed. */
static int check_dotted(mu_src *c, uint32_t off, const char *s, uint32_t n)
{
	if (n == 1 && s[0] == '.')
		return 1;
	uint32_t i = s[0] == '.' ? 1 : 0; /* leading dot: top context only */
	for (uint32_t part = i; i <= n; i++) {
		if (i < n && s[i] != '.')
			continue;
		if (i == part) {
			mu_src_error(c, off,
				     "name '%.*s' has an empty part; write names like 'page.title' "
				     "(one dot between parts, none at the end)",
				     (int)n, s);
			return 0;
		}
		part = i + 1;
	}
	return 1;
}

/* Partial and parent names are paths inside the templates directory. */
static int check_path(mu_src *c, uint32_t off, const char *s, uint32_t n)
{
	int bad = s[0] == '/' || s[n - 1] == '/' || memchr(s, '\\', n) != NULL;
	for (uint32_t i = 0; !bad && i < n; i++) {
		int seg_start = i == 0 || s[i - 1] == '/';
		if (seg_start && s[i] == '/')
			bad = 1;
		else if (seg_start && s[i] == '.' && (i + 1 == n || s[i + 1] == '/' ||
						     (s[i + 1] == '.' && (i + 2 == n || s[i + 2] == '/'))))
			bad = 1;
	}
	if (bad)
		mu_src_error(c, off,
			     "template name '%.*s' is not a path inside the templates directory; "
			     "name templates like 'partials/header' (no '..', '.', empty parts or "
			     "leading '/')",
			     (int)n, s);
	return !bad;
}

/* The new delimiters of a {{=a b=}} tag whose inside is [p, q). */
static int set_delims(mu_src *c, uint32_t off, const char *p, const char *q, const char **open,
		      size_t *olen, const char **close, size_t *clen)
{
	while (p < q && is_space(*p))
		p++;
	while (q > p && is_space(q[-1]))
		q--;
	const char *a = p, *ae = a;
	while (ae < q && !is_space(*ae))
		ae++;
	const char *b = ae;
	while (b < q && is_space(*b))
		b++;
	const char *be = b;
	while (be < q && !is_space(*be))
		be++;
	if (a == ae || b == be || be != q) {
		mu_src_error(c, off,
			     "a set-delimiter tag needs two delimiters separated by a space, "
			     "like {{=<%% %%>=}}");
		return 0;
	}
	if (memchr(a, '=', (size_t)(ae - a)) || memchr(b, '=', (size_t)(be - b))) {
		mu_src_error(c, off, "delimiters cannot contain '='; choose others, like {{=<%% %%>=}}");
		return 0;
	}
	if (ae - a > MU_MAX_DELIM || be - b > MU_MAX_DELIM) {
		mu_src_error(c, off, "a delimiter is longer than %d bytes; choose a shorter one",
			     MU_MAX_DELIM);
		return 0;
	}
	*open = a;
	*olen = (size_t)(ae - a);
	*close = b;
	*clen = (size_t)(be - b);
	return 1;
}

static mu_tkind sigil_kind(char ch)
{
	switch (ch) {
	case '#': return MU_T_SECTION;
	case '^': return MU_T_INVERTED;
	case '/': return MU_T_END;
	case '!': return MU_T_COMMENT;
	case '=': return MU_T_DELIM;
	case '>': return MU_T_PARTIAL;
	case '<': return MU_T_PARENT;
	case '$': return MU_T_BLOCK;
	case '&': case '{': return MU_T_RAW;
	default: return MU_T_VAR;
	}
}

/* Check the name [p, q) of a tag token t (starting at `off`) and store it. */
static void tag_name(mu_src *c, mu_token *t, const char *p, const char *q)
{
	uint32_t off = t->start;
	int shown_n = shown(c, t->start, t->end);
	while (p < q && is_space(*p))
		p++;
	while (q > p && is_space(q[-1]))
		q--;
	if (t->kind != MU_T_VAR && t->kind != MU_T_RAW && p < q && *p == '*') {
		t->dynamic = 1;
		for (p++; p < q && is_space(*p);)
			p++;
		if (t->kind != MU_T_PARTIAL && t->kind != MU_T_PARENT && t->kind != MU_T_END) {
			t->name = (uint32_t)(p - c->s);
			t->nlen = (uint32_t)(q - p);
			mu_src_error(c, off,
				     "'%.*s': a '*' (dynamic name) works only in partial and parent tags, "
				     "like {{>*name}} and {{<*name}}",
				     shown_n, c->s + t->start);
			t->bad = 1;
			return;
		}
	}
	t->name = (uint32_t)(p - c->s);
	t->nlen = (uint32_t)(q - p);
	if (p == q) {
		mu_src_error(c, off, "empty tag '%.*s'; put a name inside it, or remove it", shown_n,
			     c->s + t->start);
		t->bad = 1;
		return;
	}
	for (const char *r = p; r < q; r++) {
		if (is_space(*r)) {
			mu_src_error(c, off,
				     "'%.*s': a name cannot contain spaces; write one name per tag "
				     "(dots reach inside values: 'page.title')",
				     shown_n, c->s + t->start);
			t->bad = 1;
			return;
		}
	}
	if (t->kind == MU_T_VAR && sigil_kind(*p) != MU_T_VAR) {
		mu_src_error(c, off, "'%.*s': the '%c' must come right after the opening delimiter",
			     shown_n, c->s + t->start, *p);
		t->bad = 1;
		return;
	}
	int ok = 1;
	if (t->kind == MU_T_PARTIAL || t->kind == MU_T_PARENT)
		ok = t->dynamic ? check_dotted(c, off, p, t->nlen) : check_path(c, off, p, t->nlen);
	else if (t->kind != MU_T_BLOCK && t->kind != MU_T_END)
		ok = check_dotted(c, off, p, t->nlen);
	if (!ok)
		t->bad = 1;
}

/* Split the text into tokens. */
static void tokenize(mu_src *c)
{
	const char *s = c->s, *e = c->s + c->len;
	const char *open = "{{", *close = "}}";
	size_t olen = 2, clen = 2;
	const char *p = s;
	while (p < e) {
		const char *q = find(p, e, open, olen);
		if (!q) {
			push(c, MU_T_TEXT, (uint32_t)(p - s), c->len);
			break;
		}
		if (q > p)
			push(c, MU_T_TEXT, (uint32_t)(p - s), (uint32_t)(q - s));
		const char *in = q + olen;
		mu_tkind kind = in < e ? sigil_kind(*in) : MU_T_VAR;
		bool triple = in < e && *in == '{';
		const char *body = kind == MU_T_VAR ? in : in + 1;
		const char *cl = find(body, e, close, clen);
		if (cl && triple) /* triple mustache: '}' right before the delimiter */
			while (cl && (cl - 1 < body || cl[-1] != '}'))
				cl = find(cl + 1, e, close, clen);
		if (cl && kind == MU_T_DELIM)
			while (cl && (cl - 1 < body || cl[-1] != '='))
				cl = find(cl + 1, e, close, clen);
		uint32_t off = (uint32_t)(q - s);
		if (!cl) {
			if (triple)
				mu_src_error(c, off, "'%.*s%.*s' is never closed; add '}%.*s' after the name",
					     (int)olen, open, 1, in, (int)clen, close);
			else if (kind == MU_T_DELIM)
				mu_src_error(c, off,
					     "set-delimiter tag is never closed; write it like "
					     "%.*s=<%% %%>=%.*s",
					     (int)olen, open, (int)clen, close);
			else
				mu_src_error(c, off,
					     "tag '%.*s' is never closed; add '%.*s' after the name (to "
					     "write '%.*s' as text, change the delimiters with {{=<%% %%>=}})",
					     (int)olen, open, (int)clen, close, (int)olen, open);
			push(c, MU_T_TEXT, off, c->len);
			break;
		}
		const char *name_end = (triple || kind == MU_T_DELIM) ? cl - 1 : cl;
		const char *next = cl + clen; /* before {{=...=}} changes clen */
		mu_token *t = push(c, kind, off, (uint32_t)(next - s));
		if (kind == MU_T_DELIM) {
			if (!set_delims(c, off, body, name_end, &open, &olen, &close, &clen))
				t->bad = 1;
		} else if (kind != MU_T_COMMENT) {
			tag_name(c, t, body, name_end);
		}
		p = next;
	}
}

/* ---- standalone lines ---- */

/* Start of the line holding offset `off`. */
static uint32_t line_start(const mu_src *c, uint32_t off)
{
	size_t lo = 0, hi = c->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return c->lines[lo];
}

/* Only spaces and tabs between the start of the line and `off`. Scans
 * backwards, so it stops at the first other byte: linear overall. */
static int ws_before(const mu_src *c, uint32_t off)
{
	while (off > 0 && (c->s[off - 1] == ' ' || c->s[off - 1] == '\t'))
		off--;
	return off == 0 || c->s[off - 1] == '\n';
}

/* Only spaces and tabs from `off` to the end of the line ("\n", "\r\n" or
 * the end of the text); *le is just past the line ending. */
static int ws_after(const mu_src *c, uint32_t off, uint32_t *le)
{
	uint32_t i = off;
	while (i < c->len && (c->s[i] == ' ' || c->s[i] == '\t'))
		i++;
	if (i == c->len)
		*le = i;
	else if (c->s[i] == '\n')
		*le = i + 1;
	else if (c->s[i] == '\r' && i + 1 < c->len && c->s[i + 1] == '\n')
		*le = i + 2;
	else
		return 0;
	return 1;
}

/* Drop the whitespace before token i on its line / after it up to `le`. */
static void trim_before(mu_src *c, size_t i)
{
	mu_token *p = i > 0 ? &c->tok[i - 1] : NULL;
	uint32_t ls = c->tok[i].ls;
	if (p && p->kind == MU_T_TEXT && p->ke > ls)
		p->ke = ls > p->ks ? ls : p->ks;
}

static void trim_after(mu_src *c, size_t i, uint32_t le)
{
	mu_token *n = i + 1 < c->ntok ? &c->tok[i + 1] : NULL;
	if (n && n->kind == MU_T_TEXT && n->ks < le)
		n->ks = le < n->ke ? le : n->ke;
}

static const char *open_sigil(const mu_token *t)
{
	switch (t->kind) {
	case MU_T_INVERTED: return "^";
	case MU_T_PARENT: return t->dynamic ? "<*" : "<";
	case MU_T_BLOCK: return "$";
	default: return "#";
	}
}

static int is_open(const mu_token *t)
{
	return t->kind == MU_T_SECTION || t->kind == MU_T_INVERTED || t->kind == MU_T_PARENT ||
	       t->kind == MU_T_BLOCK;
}

/* An opening tag o and its END e matched: decide how the element stands. */
static void element(mu_src *c, size_t oi, size_t ei)
{
	mu_token *o = &c->tok[oi], *e = &c->tok[ei];
	uint32_t le, eol_end;
	int alone = ws_before(c, o->start) && ws_after(c, e->end, &le);
	int eol = ws_after(c, o->end, &eol_end);
	if (o->kind == MU_T_PARENT && alone) {
		/* a parent owns its line like a standalone partial */
		o->elem = MU_E_LINE;
		trim_before(c, oi);
		trim_after(c, ei, le);
	} else if (o->kind == MU_T_BLOCK && o->arg && eol) {
		/* the line ending after an argument's opening tag belongs to
		 * the tag; the next line's indentation is the block's own */
		trim_after(c, oi, eol_end);
		o->next_line = eol_end < c->len ? eol_end : MU_NONE;
	} else if (o->kind == MU_T_BLOCK && !o->arg && alone) {
		o->elem = eol ? MU_E_EOL : MU_E_LINE;
		if (eol)
			o->next_line = eol_end < c->len ? eol_end : MU_NONE;
		else
			trim_before(c, oi);
	}
}

/* Match sections, mark standalone tags and elements. */
static void mark(mu_src *c)
{
	size_t stack[MU_MAX_NEST];
	size_t depth = 0;
	int too_deep = 0;
	for (size_t i = 0; i < c->ntok; i++) {
		mu_token *t = &c->tok[i];
		if (t->kind == MU_T_TEXT)
			continue;
		t->ls = line_start(c, t->start);
		uint32_t le;
		if (t->kind != MU_T_VAR && t->kind != MU_T_RAW && ws_before(c, t->start) &&
		    ws_after(c, t->end, &le)) {
			t->sa = 1;
			trim_before(c, i);
			trim_after(c, i, le);
		}
		/* a broken tag (reported) still matches its partner by name, so
		 * that one is not reported too */
		if (t->bad && !is_open(t) && !(t->kind == MU_T_END && t->nlen))
			continue;
		switch (t->kind) {
		case MU_T_SECTION: case MU_T_INVERTED: case MU_T_PARENT: case MU_T_BLOCK:
			if (depth == MU_MAX_NEST) {
				if (!too_deep++)
					mu_src_error(c, t->start,
						     "sections are nested more than %d deep; split the "
						     "template into partials",
						     MU_MAX_NEST);
				t->bad = 1;
				continue;
			}
			t->arg = t->kind == MU_T_BLOCK && depth > 0 &&
				 c->tok[stack[depth - 1]].kind == MU_T_PARENT;
			stack[depth++] = i;
			break;
		case MU_T_END: {
			size_t k = depth;
			while (k > 0) {
				const mu_token *o = &c->tok[stack[k - 1]];
				if (o->nlen == t->nlen && o->dynamic == t->dynamic &&
				    memcmp(c->s + o->name, c->s + t->name, t->nlen) == 0)
					break;
				k--;
			}
			if (k == 0) {
				if (depth == 0) {
					mu_src_error(c, t->start,
						     "'%.*s' closes nothing; remove it, or open it "
						     "before with '{{#%.*s}}'",
						     shown(c, t->start, t->end), c->s + t->start,
						     (int)t->nlen, c->s + t->name);
				} else {
					const mu_token *o = &c->tok[stack[depth - 1]];
					unsigned ol, oc;
					mu_src_pos(c, o->start, &ol, &oc);
					mu_src_error(c, t->start,
						     "'%.*s' does not close '{{%s%.*s}}' (opened at "
						     "line %u, column %u); close that first with "
						     "'{{/%.*s}}', or fix the name",
						     shown(c, t->start, t->end), c->s + t->start,
						     open_sigil(o), (int)o->nlen, c->s + o->name, ol, oc,
						     (int)o->nlen, c->s + o->name);
				}
				t->bad = 1;
				break;
			}
			while (depth > k) { /* closed early: everything above k */
				const mu_token *o = &c->tok[stack[--depth]];
				mu_src_error(c, o->start,
					     "'{{%s%.*s}}' is never closed ('{{/%.*s}}' came first); "
					     "add '{{/%.*s}}' where it should end",
					     open_sigil(o), (int)o->nlen, c->s + o->name, (int)t->nlen,
					     c->s + t->name, (int)o->nlen, c->s + o->name);
			}
			size_t oi = stack[--depth];
			c->tok[oi].match = (uint32_t)i;
			t->match = (uint32_t)oi;
			element(c, oi, i);
			break;
		}
		default:
			break;
		}
	}
	while (depth > 0) {
		const mu_token *o = &c->tok[stack[--depth]];
		mu_src_error(c, o->start, "'{{%s%.*s}}' is never closed; add '{{/%.*s}}' where it should end",
			     open_sigil(o), (int)o->nlen, c->s + o->name, (int)o->nlen, c->s + o->name);
	}
}

void mu_lex(mu_src *c)
{
	size_t cap = 0;
	c->nlines = 0;
	c->lines = xgrow(NULL, &cap, 1, sizeof *c->lines);
	c->lines[c->nlines++] = 0;
	for (uint32_t i = 0; i < c->len; i++)
		if (c->s[i] == '\n' && i + 1 < c->len) {
			c->lines = xgrow(c->lines, &cap, c->nlines + 1, sizeof *c->lines);
			c->lines[c->nlines++] = i + 1;
		}
	tokenize(c);
	mark(c);
}
