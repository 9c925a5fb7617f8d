/* diag: collect diagnostics and print them sorted (see diag.h). */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

void diag_init(diag *d)
{
	memset(d, 0, sizeof *d);
	d->max_print = 200;
}

static void clear(diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	d->n = 0;
}

void diag_free(diag *d)
{
	clear(d);
	free(d->v);
	diag_init(d);
}

/* A message is one line: a value it quotes may hold line breaks and tabs
 * (a quoted YAML scalar) or, from a file name or a spreadsheet cell, other
 * control characters; they are written as \n, \t, \xHH, so that a
 * message can neither break the FILE:LINE:COL format that editors read,
 * nor forge a line of its own (in a log or in serve's event stream), nor
 * send escape sequences to a terminal. */
static void one_line(buf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->len; i++)
		n += (unsigned char)b->ptr[i] < 0x20 || b->ptr[i] == 0x7F;
	if (!n)
		return;
	buf o = BUF_INIT;
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->ptr[i];
		if (c == '\n')
			buf_puts(&o, "\\n");
		else if (c == '\t')
			buf_puts(&o, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(&o, "\\x%02X", c);
		else
			buf_putc(&o, (char)c);
	}
	buf_free(b);
	*b = o;
}

void diag_vreport(diag *d, diag_level level, const char *file, unsigned line,
		  unsigned col, const char *fmt, va_list ap)
{
	buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	one_line(&b);
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	diag_entry *e = &d->v[d->n];
	e->level = level;
	e->file = file ? xstrdup(file) : NULL;
	e->line = line;
	e->col = col;
	e->seq = d->n++;
	e->msg = buf_detach(&b, NULL);
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
}

void diag_report(diag *d, diag_level level, const char *file, unsigned line,
		 unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vreport(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

#define AT_POS(level)                                                   \
	va_list ap;                                                     \
	va_start(ap, fmt);                                              \
	diag_vreport(d, level, pos.file, pos.line, pos.col, fmt, ap);   \
	va_end(ap)

void diag_error(diag *d, vpos pos, const char *fmt, ...) { AT_POS(DIAG_ERROR); }
void diag_warn(diag *d, vpos pos, const char *fmt, ...) { AT_POS(DIAG_WARNING); }

void diag_merge(diag *dst, diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		dst->v = xgrow(dst->v, &dst->cap, dst->n + 1, sizeof *dst->v);
		diag_entry *e = &dst->v[dst->n];
		*e = src->v[i];
		e->seq = dst->n++;
	}
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	src->n = src->errors = src->warnings = 0; /* the entries now belong to dst */
}

static int cmp_entry(const void *pa, const void *pb)
{
	const diag_entry *a = pa, *b = pb;
	/* notes stay right after the entry they belong to */
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *level_name(diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

void diag_print(diag *d, FILE *out)
{
	/* a note sorts with the entry reported just before it */
	for (size_t i = 1; i < d->n; i++) {
		if (d->v[i].level != DIAG_NOTE)
			continue;
		diag_entry *prev = &d->v[i - 1];
		free(d->v[i].file);
		d->v[i].file = prev->file ? xstrdup(prev->file) : NULL;
		d->v[i].line = prev->line;
		d->v[i].col = prev->col;
	}
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, cmp_entry);
	size_t printed = 0, skipped = 0, wprinted = 0, wskipped = 0;
	for (size_t i = 0; i < d->n; i++) {
		diag_entry *e = &d->v[i];
		if (e->level == DIAG_ERROR && printed >= d->max_print) {
			skipped++;
			continue;
		}
		if (e->level == DIAG_WARNING && wprinted >= d->max_print) {
			wskipped++;
			continue;
		}
		if (e->level == DIAG_ERROR)
			printed++;
		else if (e->level == DIAG_WARNING)
			wprinted++;
		if (e->file && e->line)
			fprintf(out, "%s:%u:%u: %s: %s\n", e->file, e->line, e->col,
				level_name(e->level), e->msg);
		else if (e->file)
			fprintf(out, "%s: %s: %s\n", e->file, level_name(e->level), e->msg);
		else
			fprintf(out, "qingdan: %s: %s\n", level_name(e->level), e->msg);
	}
	if (skipped)
		fprintf(out, "qingdan: ... and %zu more errors not shown\n", skipped);
	if (wskipped)
		fprintf(out, "qingdan: ... and %zu more warnings not shown\n", wskipped);
	clear(d);
}
