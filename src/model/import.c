/* import: a spreadsheet as a list file (see import.h). */
#include "import.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "xalloc.h"

/* ---- the fields a column can be ---- */

typedef enum field {
	F_NONE, F_NO, F_TITLE, F_CATEGORY, F_COMMUNITY, F_STREET, F_BUDGET, F_SELF, F_FUND, F_BENEF,
	F_PERIOD, F_DEADLINE, F_STATUS, F_CLAIMED, F_CONTACT_NAME, F_CONTACT_PHONE, F_NOTES, F_REQ,
	F_DESC, F_OUTCOMES, F_ORG, F_AREAS, F_PRICE, F_COUNT
} field;

static const struct {
	const char *key;          /* the YAML key */
	const char *names;        /* headers, '|'-separated, compared without spaces and brackets' units */
} fields[F_COUNT] = {
	[F_NO] = { "no", "序号|编号|序|no" },
	[F_TITLE] = { "title", "项目名称|名称|项目|需求名称|服务名称|项目名|需求|供给|痛点|问题|服务项目|title" },
	[F_CATEGORY] = { "category", "类别|类型|项目类别|分类|领域|项目类型|category" },
	[F_COMMUNITY] = { "community", "社区|社区名称|村|社区村|所在社区|community" },
	[F_STREET] = { "street", "街道|街道名称|镇街|街镇|street" },
	[F_BUDGET] = { "budget", "预算|预算金额|金额|资金|经费|项目资金|预算资金|项目预算|budget" },
	[F_SELF] = { "self_funding", "自筹|自筹资金|自筹金额|self_funding" },
	[F_FUND] = { "fund", "资金来源|fund" },
	[F_BENEF] = { "beneficiaries", "服务对象|受益对象|服务人群|受益人群|beneficiaries" },
	[F_PERIOD] = { "period", "实施周期|周期|实施时间|服务周期|项目周期|period" },
	[F_DEADLINE] = { "deadline", "截止日期|截止时间|认领截止|认领截止日期|deadline" },
	[F_STATUS] = { "status", "状态|认领状态|项目状态|status" },
	[F_CLAIMED] = { "claimed_by", "认领单位|认领方|承接单位|认领组织|claimed_by" },
	[F_CONTACT_NAME] = { "name", "联系人|contact" },
	[F_CONTACT_PHONE] = { "phone", "联系电话|电话|联系方式|手机|phone" },
	[F_NOTES] = { "notes", "备注|notes" },
	[F_REQ] = { "requirements", "项目要求|要求|承接要求|requirements" },
	[F_DESC] = { "description", "说明|项目内容|内容|项目简介|简介|需求描述|项目说明|description" },
	[F_OUTCOMES] = { "outcomes", "期望成效|预期成效|预期效果|outcomes" },
	[F_ORG] = { "org", "提供单位|提供方|服务机构|服务单位|org" },
	[F_AREAS] = { "areas", "服务范围|服务区域|areas" },
	[F_PRICE] = { "price", "参考价格|价格|报价|price" },
};

/* ---- messages ---- */

static void msg(import_result *r, diag_level lv, unsigned row, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void msg(import_result *r, diag_level lv, unsigned row, unsigned col, const char *fmt, ...)
{
	char t[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t, sizeof t, fmt, ap);
	va_end(ap);
	r->msgs = xrealloc(r->msgs, (r->nmsgs + 1) * sizeof *r->msgs);
	r->msgs[r->nmsgs++] = (import_msg){ lv, row, col, arena_strdup(&r->a, t) };
	r->errors += lv == DIAG_ERROR;
}

/* ---- headers ---- */

/* a header as compared: no spaces, no (…) or （…）, lower case ASCII */
static void norm(const char *h, buf *out, bool *yuan)
{
	*yuan = false;
	bool wan = strstr(h, "万") != NULL;
	if (strstr(h, "元") && !wan)
		*yuan = true;
	int depth = 0;
	for (const char *p = h; *p;) {
		if (!strncmp(p, "（", 3) || *p == '(') {
			depth++, p += *p == '(' ? 1 : 3;
			continue;
		}
		if (!strncmp(p, "）", 3) || *p == ')') {
			depth -= depth > 0, p += *p == ')' ? 1 : 3;
			continue;
		}
		if (depth || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || !strncmp(p, "　", 3)) {
			p += !strncmp(p, "　", 3) ? 3 : 1;
			continue;
		}
		buf_putc(out, *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		p++;
	}
}

static field field_of(const char *header, bool *yuan)
{
	buf b = BUF_INIT;
	norm(header, &b, yuan);
	field f = F_NONE;
	for (int i = 1; i < F_COUNT && f == F_NONE && b.len; i++) {
		for (const char *p = fields[i].names; *p;) {
			size_t n = strcspn(p, "|");
			if (n == b.len && !memcmp(p, b.ptr, n))
				f = (field)i;
			p += n + (p[n] == '|');
		}
	}
	buf_free(&b);
	return f;
}

/* the text of a header cell, or of the merged range that covers it */
static const char *header_text(const sheet *s, unsigned r, unsigned c)
{
	const cell *x = sheet_at(s, r, c);
	if (x->kind != CELL_EMPTY)
		return x->text;
	for (size_t i = 0; i < s->nmerges; i++) {
		const merge *m = &s->merges[i];
		if (r >= m->r0 && r <= m->r1 && c >= m->c0 && c <= m->c1)
			return sheet_at(s, m->r0, m->c0)->text;
	}
	return "";
}

/* ---- values ---- */

static bool total_row(const sheet *s, unsigned r)
{
	for (unsigned c = 0; c < s->cols; c++) {
		const char *t = sheet_at(s, r, c)->text;
		buf b = BUF_INIT;
		bool y;
		norm(t, &b, &y);
		bool tot = b.len && (!strcmp(b.ptr, "合计") || !strcmp(b.ptr, "总计") || !strcmp(b.ptr, "小计"));
		buf_free(&b);
		if (tot)
			return true;
	}
	return false;
}

static bool blank_row(const sheet *s, unsigned r)
{
	for (unsigned c = 0; c < s->cols; c++) {
		const char *t = sheet_at(s, r, c)->text;
		while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
			t++;
		if (*t)
			return false;
	}
	return true;
}

/* an Excel serial day as a date (1900 system: day 1 is 1900-01-01, and
 * day 60 the 29 February 1900 Excel believes in) */
static qdate serial_date(double v, bool date1904)
{
	long d = (long)floor(v);
	if (date1904)
		return date_from_ymd(1904, 1, 1) + (qdate)d;
	if (d >= 61)
		d--;
	return date_from_ymd(1899, 12, 31) + (qdate)d;
}

/* a date written by hand: 2024/4/8, 2024.4.8, 2024-4-8, 2024年4月8日 */
static bool loose_date(const char *t, qdate *out)
{
	return date_parse_loose(t, out) == 0;
}

/* money in 万元: a number, or text with its unit (万元, 万, 元) */
static bool money(const cell *x, bool yuan_col, double *v, bool *converted)
{
	*converted = false;
	if (x->kind == CELL_NUMBER) {
		*v = yuan_col ? x->num / 10000 : x->num;
		*converted = yuan_col;
		return true;
	}
	buf b = BUF_INIT;
	for (const char *p = x->text; *p; p++)
		if (*p != ',' && *p != ' ' && strncmp(p, "，", 3))
			buf_putc(&b, *p);
		else if (!strncmp(p, "，", 3))
			p += 2;
	char *end;
	double n = b.len ? strtod(b.ptr, &end) : 0;
	bool ok = b.len && end != b.ptr;
	if (ok) {
		if (!strcmp(end, "万元") || !strcmp(end, "万"))
			*v = n, *converted = true;
		else if (!strcmp(end, "元"))
			*v = n / 10000, *converted = true;
		else if (!*end)
			*v = yuan_col ? n / 10000 : n, *converted = yuan_col;
		else
			ok = false;
	}
	buf_free(&b);
	return ok && isfinite(*v) && *v >= 0;
}

/* ---- writing the file ---- */

static void line(import_result *r, unsigned row, unsigned col, const char *option)
{
	r->line = xrealloc(r->line, (r->nlines + 2) * sizeof *r->line);
	r->line[++r->nlines] = (import_origin){ row, col, option };
}

/* A YAML double-quoted scalar. JSON's string escaping (esc_json: quotes,
 * backslashes, C0 controls, U+2028/U+2029, ill-formed UTF-8 as U+FFFD) is
 * nearly YAML's, but YAML also forbids DEL, the C1 controls and U+FFFE/
 * U+FFFF raw, and reads a raw U+FEFF as a byte-order mark: those become
 * \u escapes too (a raw DEL broke the file: found by the sheet fuzz
 * target), while < > & are written as they are, for the person who edits
 * the file. */
static void qstr(buf *b, const char *s)
{
	buf j = BUF_INIT;
	esc_json(&j, s, strlen(s));
	buf_putc(b, '"');
	const unsigned char *p = (const unsigned char *)(j.ptr ? j.ptr : ""), *end = p + j.len;
	while (p < end) {
		if (*p == '\\') {
			size_t n = p[1] == 'u' ? 6 : 2;
			if (n == 6 && (!memcmp(p, "\\u003c", 6) || !memcmp(p, "\\u003e", 6) || !memcmp(p, "\\u0026", 6)))
				buf_putc(b, p[5] == 'c' ? '<' : p[5] == 'e' ? '>' : '&');
			else
				buf_put(b, (const char *)p, n);
			p += n;
		} else if (*p == 0x7F) {
			buf_puts(b, "\\u007F");
			p++;
		} else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			buf_printf(b, "\\u%04X", p[1]);
			p += 2;
		} else if (*p == 0xEF && ((p[1] == 0xBB && p[2] == 0xBF) || (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))) {
			buf_printf(b, "\\u%s", p[1] == 0xBB ? "FEFF" : p[2] == 0xBE ? "FFFE" : "FFFF");
			p += 3;
		} else {
			buf_putc(b, (char)*p++);
		}
	}
	buf_putc(b, '"');
	buf_free(&j);
}

/* key: "text", from an option */
static void opt_line(import_result *r, const char *key, const char *v, const char *option, bool quote)
{
	buf_printf(&r->yaml, "%s: ", key);
	if (quote)
		qstr(&r->yaml, v);
	else
		buf_puts(&r->yaml, v);
	buf_putc(&r->yaml, '\n');
	line(r, UINT_MAX, 0, option);
}

/* texts split on 、 , ， ; ； and line breaks, as a flow list */
static void list_value(buf *b, const char *t)
{
	buf_putc(b, '[');
	bool first = true;
	const char *p = t;
	while (*p) {
		size_t n = 0;
		while (p[n] && p[n] != ',' && p[n] != ';' && p[n] != '\n' && strncmp(p + n, "、", 3) &&
		       strncmp(p + n, "，", 3) && strncmp(p + n, "；", 3))
			n++;
		const char *s = p, *e = p + n;
		while (s < e && (*s == ' ' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
			e--;
		if (e > s) {
			if (!first)
				buf_puts(b, ", ");
			char *one = xmalloc((size_t)(e - s) + 1);
			memcpy(one, s, (size_t)(e - s));
			one[e - s] = '\0';
			qstr(b, one);
			free(one);
			first = false;
		}
		p += n;
		if (*p)
			p += (unsigned char)*p >= 0x80 ? 3 : 1;
	}
	buf_putc(b, ']');
}

static const char *trim(arena *a, const char *t)
{
	while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
		t++;
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\n' || t[n - 1] == '\r'))
		n--;
	return arena_strndup(a, t, n);
}

/* one item field from cell (row, c) */
static void item_field(import_result *r, const sheet *s, unsigned row, unsigned c, field f, bool yuan,
		       const char *indent)
{
	const cell *x = sheet_at(s, row, c);
	const char *t = trim(&r->a, x->text);
	if (x->kind == CELL_EMPTY || !*t)
		return;
	buf *b = &r->yaml;
	buf_printf(b, "%s%s: ", indent, fields[f].key);
	char col[8];
	sheet_col_name(c, col);
	switch (f) {
	case F_NO: {
		char *end;
		double v = x->kind == CELL_NUMBER ? x->num : strtod(t, &end);
		if ((x->kind == CELL_NUMBER || (*t && !*end)) && v == floor(v) && v >= 0 && v < 1e9)
			buf_printf(b, "%lld", (long long)v);
		else
			qstr(b, t);
		break;
	}
	case F_BUDGET:
	case F_SELF:
	case F_PRICE: {
		double v;
		bool conv;
		if (money(x, yuan, &v, &conv)) {
			value_fmt_double(round(v * 10000) / 10000, b);
			if (conv)
				msg(r, DIAG_NOTE, row, c, "'%s' read as %g (万元)", t, round(v * 10000) / 10000);
		} else {
			qstr(b, t); /* as written: check says what is wrong (a price may be text) */
		}
		break;
	}
	case F_DEADLINE: {
		qdate d;
		char iso[11];
		if (x->kind == CELL_DATE || (x->kind == CELL_NUMBER && x->num > 20000 && x->num < 80000)) {
			d = serial_date(x->num, s->date1904);
			date_format(d, iso);
			buf_puts(b, iso);
			if (x->kind == CELL_NUMBER)
				msg(r, DIAG_NOTE, row, c, "the number %s read as the Excel date %s", t, iso);
		} else if (loose_date(t, &d)) {
			date_format(d, iso);
			buf_puts(b, iso);
			if (strcmp(iso, t))
				msg(r, DIAG_NOTE, row, c, "'%s' read as %s", t, iso);
		} else {
			qstr(b, t);
		}
		break;
	}
	case F_CLAIMED:
	case F_AREAS:
	case F_OUTCOMES: list_value(b, t); break;
	default: qstr(b, t); break;
	}
	buf_putc(b, '\n');
	line(r, row, c, NULL);
}

int import_sheet(const sheet *s, const import_opts *o, import_result *r)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->a);
	r->line = xmalloc(sizeof *r->line);
	/* the header row: the first of ten that has a title and another field */
	unsigned hr = UINT_MAX;
	field *fmap = arena_alloc(&r->a, (s->cols + 1) * sizeof *fmap);
	bool *ymap = arena_alloc(&r->a, (s->cols + 1) * sizeof *ymap);
	for (unsigned row = 0; row < s->rows && row < 10 && hr == UINT_MAX; row++) {
		int known = 0;
		bool title = false;
		for (unsigned c = 0; c < s->cols; c++) {
			bool y;
			field f = field_of(header_text(s, row, c), &y);
			known += f != F_NONE;
			title |= f == F_TITLE;
		}
		if (title && known >= 2)
			hr = row;
	}
	if (hr == UINT_MAX) {
		msg(r, DIAG_ERROR, UINT_MAX, UINT_MAX,
		    "no header row: none of the first ten rows names the items' title (项目名称) and another column; "
		    "add a header row (序号, 项目名称, 社区, 类别, 预算（万元）…)");
		return -1;
	}
	r->header_row = hr;
	r->headers = arena_alloc(&r->a, (s->cols + 1) * sizeof *r->headers);
	bool seen[F_COUNT] = { 0 };
	for (unsigned c = 0; c < s->cols; c++) {
		const char *h = trim(&r->a, header_text(s, hr, c));
		r->headers[c] = h;
		fmap[c] = field_of(h, &ymap[c]);
		if (fmap[c] != F_NONE && seen[fmap[c]]) {
			msg(r, DIAG_WARNING, hr, c, "a second '%s' column; only the first is read", h);
			fmap[c] = F_NONE;
		} else if (fmap[c] != F_NONE) {
			seen[fmap[c]] = true;
		} else if (*h) {
			msg(r, DIAG_NOTE, hr, c, "column '%s' is not a field of an item%s", h,
			    o->unknown_as_notes ? "; kept in each item's notes" : "; left out (--unknown-as-notes keeps it in the notes)");
		}
	}
	/* the list */
	buf *b = &r->yaml;
	char today[11];
	date_format(o->today, today);
	buf_printf(b, "# 由 qingdan import 从 %s（工作表 %s）导入，%s\n", o->source, s->name ? s->name : "", today);
	line(r, UINT_MAX, 0, "the file");
	/* the title: --title, else a title row above the header (one cell,
	 * often merged across), else the sheet's name */
	const char *title = o->title;
	for (unsigned row = 0; row < hr && !title; row++) {
		const char *only = NULL;
		int n = 0;
		for (unsigned c = 0; c < s->cols; c++) {
			const char *t = trim(&r->a, sheet_at(s, row, c)->text);
			if (*t)
				only = t, n++;
		}
		if (n == 1)
			title = only;
	}
	if (!title)
		title = s->name && *s->name ? s->name : o->list_id;
	opt_line(r, "title", title, "--title", true);
	opt_line(r, "kind", o->kind ? o->kind : "needs", "--kind", true);
	if (o->street)
		opt_line(r, "street", o->street, "--street", true);
	if (o->district)
		opt_line(r, "district", o->district, "--district", true);
	qdate pub;
	opt_line(r, "published", o->published ? o->published : today, "--published",
		 o->published && date_parse(o->published, &pub) != 0);
	if (!o->published)
		msg(r, DIAG_NOTE, UINT_MAX, UINT_MAX, "published (发布日期) set to today, %s; --published DATE gives another", today);
	buf_puts(b, "items:\n");
	line(r, UINT_MAX, 0, "the file");
	for (unsigned row = hr + 1; row < s->rows; row++) {
		if (blank_row(s, row)) {
			r->blank++;
			continue;
		}
		if (total_row(s, row)) {
			r->totals++;
			msg(r, DIAG_NOTE, row, UINT_MAX, "a total row (合计), not an item: left out");
			continue;
		}
		r->items++;
		const char *first = "  - ";
		bool wrote = false, has_contact = false;
		buf notes = BUF_INIT;
		for (unsigned c = 0; c < s->cols; c++) {
			field f = fmap[c];
			const cell *x = sheet_at(s, row, c);
			if (f == F_NONE) {
				const char *t = trim(&r->a, x->text);
				if (o->unknown_as_notes && *r->headers[c] && *t)
					buf_printf(&notes, "%s%s：%s", notes.len ? "；" : "", r->headers[c], t);
				continue;
			}
			if (f == F_CONTACT_NAME || f == F_CONTACT_PHONE || f == F_NOTES)
				continue; /* after the others */
			size_t before = b->len;
			if (!wrote) {
				/* the first field carries the item's dash */
				item_field(r, s, row, c, f, ymap[c], first);
				wrote = b->len > before;
			} else {
				item_field(r, s, row, c, f, ymap[c], "    ");
			}
		}
		for (unsigned c = 0; c < s->cols; c++) {
			if (fmap[c] != F_NOTES)
				continue;
			const char *t = trim(&r->a, sheet_at(s, row, c)->text);
			if (*t)
				buf_printf(&notes, "%s%s", notes.len ? "；" : "", t);
		}
		if (notes.len) {
			buf_printf(b, "%snotes: ", wrote ? "    " : first);
			qstr(b, notes.ptr);
			buf_putc(b, '\n');
			unsigned nc = 0;
			while (nc < s->cols && fmap[nc] != F_NOTES)
				nc++;
			line(r, row, nc < s->cols ? nc : UINT_MAX, NULL);
			wrote = true;
		}
		buf_free(&notes);
		for (unsigned c = 0; c < s->cols; c++) {
			if (fmap[c] != F_CONTACT_NAME && fmap[c] != F_CONTACT_PHONE)
				continue;
			const char *t = trim(&r->a, sheet_at(s, row, c)->text);
			if (!*t)
				continue;
			if (!has_contact) {
				buf_printf(b, "%scontact:\n", wrote ? "    " : first);
				line(r, row, c, NULL);
				has_contact = wrote = true;
			}
			buf_printf(b, "      %s: ", fields[fmap[c]].key);
			qstr(b, t);
			buf_putc(b, '\n');
			line(r, row, c, NULL);
		}
		if (!wrote) { /* only unknown columns: an item without fields, which check reports */
			buf_puts(b, "  - {}\n");
			line(r, row, UINT_MAX, NULL);
		}
	}
	if (!r->items)
		msg(r, DIAG_ERROR, UINT_MAX, UINT_MAX, "no item below the header row; is it the right sheet? (--sheet NAME)");
	return 0;
}

void import_free(import_result *r)
{
	buf_free(&r->yaml);
	free(r->line);
	free(r->msgs);
	arena_free(&r->a);
}
