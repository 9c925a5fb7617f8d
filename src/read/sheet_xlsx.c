/* sheet_xlsx: a worksheet of an Office Open XML workbook (.xlsx, as Excel,
 * WPS and LibreOffice save it), read with libzip and libexpat (see
 * sheet.h): the workbook's sheet list and date base, the relationships
 * that name each sheet's part, the shared strings, the cell styles that
 * mark dates, and the sheet's cells and merged ranges. Each part is read
 * whole, at most PART_MAX bytes (a zip bomb stops there). */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "buf.h"
#include "sheet.h"
#include "xalloc.h"

#define PART_MAX (64u << 20)

/* a part of the zip, whole; NULL when absent or too large */
static char *part(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t st;
	if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > PART_MAX)
		return NULL;
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		return NULL;
	char *data = xmalloc((size_t)st.size + 1);
	zip_int64_t got = 0, r;
	while (got < (zip_int64_t)st.size && (r = zip_fread(f, data + got, st.size - (zip_uint64_t)got)) > 0)
		got += r;
	zip_fclose(f);
	data[got] = '\0';
	*len = (size_t)got;
	return data;
}

/* element names without their namespace prefix ("x:row" -> "row") */
static const char *local(const char *n)
{
	const char *c = strrchr(n, ':');
	return c ? c + 1 : n;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

static int parse(const char *data, size_t len, void *ud, XML_StartElementHandler st, XML_EndElementHandler en,
		 XML_CharacterDataHandler ch)
{
	XML_Parser p = XML_ParserCreate(NULL);
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, st, en);
	if (ch)
		XML_SetCharacterDataHandler(p, ch);
	int ok = XML_Parse(p, data, (int)len, 1) == XML_STATUS_OK;
	XML_ParserFree(p);
	return ok ? 0 : -1;
}

/* ---- workbook.xml and its relationships ---- */

typedef struct book {
	const char *want;   /* the sheet asked for, or NULL: the first */
	char *rid;          /* its relationship id */
	char *name;
	bool date1904;
	char *target;       /* its part, from the relationships */
} book;

static void book_start(void *ud, const char *el, const char **atts)
{
	book *b = ud;
	el = local(el);
	if (!strcmp(el, "workbookPr")) {
		const char *d = attr(atts, "date1904");
		b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	} else if (!strcmp(el, "sheet") && !b->rid) {
		const char *nm = attr(atts, "name"), *id = attr(atts, "id");
		if (nm && id && (!b->want || !strcmp(b->want, nm))) {
			b->rid = xstrdup(id);
			b->name = xstrdup(nm);
		}
	}
}

static void rels_start(void *ud, const char *el, const char **atts)
{
	book *b = ud;
	if (strcmp(local(el), "Relationship") || b->target || !b->rid)
		return;
	const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
	if (!id || !t || strcmp(id, b->rid))
		return;
	/* relative to xl/, or absolute in the package ("/xl/worksheets/...") */
	if (t[0] == '/') {
		b->target = xstrdup(t + 1);
	} else {
		size_t n = strlen(t);
		b->target = xmalloc(n + 4);
		memcpy(b->target, "xl/", 3);
		memcpy(b->target + 3, t, n + 1);
	}
}

static void no_end(void *ud, const char *el)
{
	(void)ud, (void)el;
}

/* ---- sharedStrings.xml ---- */

typedef struct strings {
	char **v;
	size_t n, cap;
	buf cur;
	int in_t, in_rph; /* inside <t>; inside a phonetic run <rPh> (not shown) */
} strings;

static void ss_start(void *ud, const char *el, const char **atts)
{
	strings *s = ud;
	el = local(el);
	if (!strcmp(el, "si"))
		buf_reset(&s->cur);
	else if (!strcmp(el, "t"))
		s->in_t++;
	else if (!strcmp(el, "rPh"))
		s->in_rph++;
	(void)atts;
}

static void ss_end(void *ud, const char *el)
{
	strings *s = ud;
	el = local(el);
	if (!strcmp(el, "t"))
		s->in_t--;
	else if (!strcmp(el, "rPh"))
		s->in_rph--;
	else if (!strcmp(el, "si")) {
		s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
		s->v[s->n++] = xstrdup(s->cur.ptr);
	}
}

static void ss_text(void *ud, const char *t, int len)
{
	strings *s = ud;
	if (s->in_t && !s->in_rph)
		buf_put(&s->cur, t, (size_t)len);
}

/* ---- styles.xml: which cell styles are dates ---- */

typedef struct styles {
	int custom_ids[256];  /* numFmtId of a custom date format */
	size_t ncustom;
	bool *date;           /* by cellXfs index */
	size_t n, cap;
	int in_xfs;
} styles;

/* a format code that shows a date: y, m, d (or e) outside quotes and [] */
static bool date_code(const char *f)
{
	bool q = false, br = false, d = false;
	for (; *f; f++) {
		char c = *f;
		if (c == '"')
			q = !q;
		else if (!q && c == '[')
			br = true;
		else if (!q && c == ']')
			br = false;
		else if (!q && !br && c == '\\')
			f += f[1] != 0;
		else if (!q && !br && strchr("ymdeYMDE", c))
			d = true;
	}
	return d;
}

static bool builtin_date(int id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

static void st_start(void *ud, const char *el, const char **atts)
{
	styles *s = ud;
	el = local(el);
	if (!strcmp(el, "numFmt")) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (id && code && date_code(code) && s->ncustom < 256)
			s->custom_ids[s->ncustom++] = atoi(id);
	} else if (!strcmp(el, "cellXfs")) {
		s->in_xfs = 1;
	} else if (!strcmp(el, "xf") && s->in_xfs) {
		const char *id = attr(atts, "numFmtId");
		int n = id ? atoi(id) : 0;
		bool d = builtin_date(n);
		for (size_t i = 0; i < s->ncustom && !d; i++)
			d = s->custom_ids[i] == n;
		s->date = xgrow(s->date, &s->cap, s->n + 1, sizeof *s->date);
		s->date[s->n++] = d;
	}
}

static void st_end(void *ud, const char *el)
{
	styles *s = ud;
	if (!strcmp(local(el), "cellXfs"))
		s->in_xfs = 0;
}

/* ---- the worksheet ---- */

typedef struct ws {
	sheet *s;
	const strings *ss;
	const styles *st;
	unsigned row, col;   /* of the current cell */
	unsigned next_row;   /* rows without r="" follow each other */
	unsigned next_col;
	char type[16];
	int style;
	int in_v, in_t, in_is;
	buf text;
} ws;

/* "B12" -> column 1, row 11 */
static bool ref(const char *r, unsigned *row, unsigned *col)
{
	unsigned c = 0, n = 0;
	const char *p = r;
	while (*p >= 'A' && *p <= 'Z' && n < 4)
		c = c * 26 + (unsigned)(*p++ - 'A' + 1), n++;
	if (!n || *p < '1' || *p > '9')
		return false;
	unsigned long rr = strtoul(p, NULL, 10);
	if (rr == 0 || rr > 1048576 || c > 16384)
		return false;
	*row = (unsigned)rr - 1;
	*col = c - 1;
	return true;
}

static void ws_start(void *ud, const char *el, const char **atts)
{
	ws *w = ud;
	el = local(el);
	if (!strcmp(el, "row")) {
		const char *r = attr(atts, "r");
		w->row = r ? (unsigned)strtoul(r, NULL, 10) - 1 : w->next_row;
		w->next_row = w->row + 1;
		w->next_col = 0;
	} else if (!strcmp(el, "c")) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		unsigned rr = w->row, cc = w->next_col;
		if (r && ref(r, &rr, &cc))
			w->row = rr;
		w->col = cc;
		w->next_col = cc + 1;
		snprintf(w->type, sizeof w->type, "%s", t ? t : "n");
		w->style = s ? atoi(s) : 0;
		buf_reset(&w->text);
	} else if (!strcmp(el, "v")) {
		w->in_v = 1;
	} else if (!strcmp(el, "is")) {
		w->in_is = 1;
	} else if (!strcmp(el, "t") && w->in_is) {
		w->in_t = 1;
	} else if (!strcmp(el, "mergeCell")) {
		const char *r = attr(atts, "ref");
		const char *colon = r ? strchr(r, ':') : NULL;
		merge m;
		if (colon && ref(r, &m.r0, &m.c0) && ref(colon + 1, &m.r1, &m.c1))
			sheet_add_merge(w->s, m);
	}
}

static void ws_end(void *ud, const char *el)
{
	ws *w = ud;
	el = local(el);
	if (!strcmp(el, "v")) {
		w->in_v = 0;
	} else if (!strcmp(el, "t")) {
		w->in_t = 0;
	} else if (!strcmp(el, "is")) {
		w->in_is = 0;
	} else if (!strcmp(el, "c")) {
		const char *t = w->type, *text = w->text.ptr;
		size_t len = w->text.len;
		if (!len)
			return;
		if (!strcmp(t, "s")) {
			unsigned long i = strtoul(text, NULL, 10);
			if (w->ss && i < w->ss->n)
				sheet_set(w->s, w->row, w->col, CELL_TEXT, w->ss->v[i], strlen(w->ss->v[i]), 0);
		} else if (!strcmp(t, "inlineStr") || !strcmp(t, "str") || !strcmp(t, "d") || !strcmp(t, "e")) {
			sheet_set(w->s, w->row, w->col, CELL_TEXT, text, len, 0);
		} else if (!strcmp(t, "b")) {
			sheet_set(w->s, w->row, w->col, CELL_TEXT, text[0] == '1' ? "TRUE" : "FALSE", text[0] == '1' ? 4 : 5, 0);
		} else {
			char *end;
			double v = strtod(text, &end);
			bool date = w->st && w->style >= 0 && (size_t)w->style < w->st->n && w->st->date[w->style];
			sheet_set(w->s, w->row, w->col, *end ? CELL_TEXT : date ? CELL_DATE : CELL_NUMBER, text, len, v);
		}
	}
}

static void ws_text(void *ud, const char *t, int len)
{
	ws *w = ud;
	if (w->in_v || (w->in_is && w->in_t))
		buf_put(&w->text, t, (size_t)len);
}

int sheet_read_xlsx(sheet *s, const char *path, const char *name, char *err, size_t errlen)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (!z) {
		snprintf(err, errlen, "not a readable .xlsx file (a damaged zip); save it again from Excel or WPS");
		return -1;
	}
	int rc = -1;
	book b = { .want = name };
	strings ss = { 0 };
	styles st = { 0 };
	ws w = { .s = s };
	size_t len = 0;
	char *wb = part(z, "xl/workbook.xml", &len);
	if (!wb || parse(wb, len, &b, book_start, no_end, NULL) != 0) {
		snprintf(err, errlen, "not an Excel workbook (no xl/workbook.xml); save it as .xlsx from Excel or WPS");
		goto out;
	}
	if (!b.rid) {
		snprintf(err, errlen, name ? "no sheet named '%s' in the workbook" : "the workbook has no sheet%s",
			 name ? name : "");
		goto out;
	}
	char *rels = part(z, "xl/_rels/workbook.xml.rels", &len);
	if (rels)
		parse(rels, len, &b, rels_start, no_end, NULL);
	free(rels);
	if (!b.target) {
		snprintf(err, errlen, "the workbook does not say where its sheet '%s' is; save it again", b.name);
		goto out;
	}
	char *sst = part(z, "xl/sharedStrings.xml", &len);
	if (sst)
		parse(sst, len, &ss, ss_start, ss_end, ss_text);
	free(sst);
	char *sty = part(z, "xl/styles.xml", &len);
	if (sty)
		parse(sty, len, &st, st_start, st_end, NULL);
	free(sty);
	char *sheet_xml = part(z, b.target, &len);
	s->name = arena_strdup(&s->a, b.name);
	s->date1904 = b.date1904;
	w.ss = &ss, w.st = &st;
	if (!sheet_xml || parse(sheet_xml, len, &w, ws_start, ws_end, ws_text) != 0)
		snprintf(err, errlen, "cannot read the sheet '%s'; save the workbook again", b.name);
	else
		rc = 0;
	free(sheet_xml);
out:
	free(wb);
	free(b.rid);
	free(b.name);
	free(b.target);
	for (size_t i = 0; i < ss.n; i++)
		free(ss.v[i]);
	free(ss.v);
	buf_free(&ss.cur);
	free(st.date);
	buf_free(&w.text);
	zip_close(z);
	return rc;
}
