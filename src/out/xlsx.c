/* xlsx: Excel workbooks of the open data (see xlsx.h). */
#include "xlsx.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "keep.h"
#include "utf8.h"

/* Excel keeps at most 32,767 characters in a cell: a longer text is cut
 * at a character boundary (no field of the content model comes near) */
#define CELL_MAX 32767

/* XML 1.0 has no place for the C0 controls but TAB, LF and CR (a YAML
 * escape can make one): each becomes U+FFFD, as in the other XML files
 * (escape.h), rather than a sheet Excel refuses to open */
static const char *xml_safe(const char *s, size_t *len, arena *a)
{
	size_t bad = 0;
	for (size_t i = 0; i < *len; i++) {
		unsigned char c = (unsigned char)s[i];
		bad += c < 0x20 && c != '\t' && c != '\n' && c != '\r';
	}
	if (!bad)
		return s;
	char *t = arena_alloc_raw(a, *len + 2 * bad + 1), *p = t;
	for (size_t i = 0; i < *len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			memcpy(p, "\xEF\xBF\xBD", 3), p += 3;
		else
			*p++ = (char)c;
	}
	*p = '\0';
	*len = (size_t)(p - t);
	return t;
}

static void put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, size_t len, arena *a)
{
	s = xml_safe(s, &len, a);
	if (utf8_count(s, len) > CELL_MAX) {
		size_t cut = 0, chars = 0;
		const char *p = s;
		while (p < s + len && chars < CELL_MAX) {
			utf8_next(&p);
			chars++;
		}
		cut = (size_t)(p - s);
		s = arena_strndup(a, s, cut > len ? len : cut);
	}
	worksheet_write_string(ws, r, c, s, NULL);
}

static void put_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const dc_col *col, const dc_cell *v,
		     lxw_format *date_fmt, arena *a)
{
	if (!v->set)
		return;
	switch (col->type) {
	case DC_TEXT: put_text(ws, r, c, v->s, strlen(v->s), a); break;
	case DC_NUMBER: worksheet_write_number(ws, r, c, v->num, NULL); break;
	case DC_INT: worksheet_write_number(ws, r, c, (double)v->i, NULL); break;
	case DC_DATE: {
		int y, m, d;
		date_to_ymd(v->date, &y, &m, &d);
		if (y < 1900 || y > 9999) { /* Excel has no such date: as text */
			char t[11];
			date_format(v->date, t);
			worksheet_write_string(ws, r, c, t, NULL);
		} else {
			lxw_datetime dt = { y, m, d, 0, 0, 0 };
			worksheet_write_datetime(ws, r, c, &dt, date_fmt);
		}
		break;
	}
	case DC_BOOL: worksheet_write_string(ws, r, c, v->b ? "是" : "否", NULL); break;
	case DC_LIST: {
		if (!v->list.n)
			break;
		buf j = BUF_INIT;
		dc_join(&j, v->list);
		put_text(ws, r, c, j.ptr, j.len, a);
		buf_free(&j);
		break;
	}
	}
}

/* a sheet name: at most 31 characters, none of []:*?/\ */
static const char *sheet_name(const char *s, arena *a)
{
	buf b = BUF_INIT;
	size_t chars = 0;
	for (const char *p = s; *p && chars < 31; chars++) {
		const char *q = p;
		utf8_next(&q);
		if (q - p == 1 && strchr("[]:*?/\\'", *p))
			buf_putc(&b, '_');
		else
			buf_put(&b, p, (size_t)(q - p));
		p = q;
	}
	const char *r = b.len ? arena_strndup(a, b.ptr, b.len) : "Sheet1";
	buf_free(&b);
	return r;
}

static int read_back(const char *path, buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	int rc = fstat(fd, &st);
	if (rc == 0) {
		buf_grow(out, (size_t)st.st_size);
		ssize_t n;
		while ((n = read(fd, out->ptr + out->len, (size_t)st.st_size - out->len)) > 0)
			out->len += (size_t)n;
		rc = n < 0 || out->len != (size_t)st.st_size ? -1 : 0;
	}
	close(fd);
	return rc;
}

/* Bump when the workbooks' layout changes (formats, options, what a cell
 * holds), so that no build keeps a workbook of the old layout. */
#define XLSX_LAYOUT "qingdan-xlsx-1"

uint64_t xlsx_key(dc_table t, const char *sheet, qdate created, const char *csv, size_t csv_len)
{
	const dc_def *d = &dc_tables[t];
	uint64_t h = keep_hash(KEEP_SEED, XLSX_LAYOUT, sizeof XLSX_LAYOUT);
	h = keep_hash(h, LXW_VERSION, sizeof LXW_VERSION);
	for (size_t c = 0; c < d->ncols; c++) {
		h = keep_hash(h, d->cols[c].zh, strlen(d->cols[c].zh) + 1);
		h = keep_hash(h, &d->cols[c].type, sizeof d->cols[c].type);
		h = keep_hash(h, &d->cols[c].width, sizeof d->cols[c].width);
	}
	h = keep_hash(h, sheet, strlen(sheet) + 1);
	h = keep_hash(h, &created, sizeof created);
	return keep_hash(h, csv, csv_len);
}

/* libxlsxwriter is not safe to use from two threads at once, even for
 * two workbooks: it formats the workbook's date with gmtime(), whose
 * result is one buffer for the process, so two workbooks made at once
 * could swap dates (seen: 10 of 2,400 workbooks made on two threads
 * differed from the same ones made on one). The lists' own workbooks are
 * made on two threads (follow.c), so the library is used by one at a time. */
static pthread_mutex_t lxw_lock = PTHREAD_MUTEX_INITIALIZER;

int xlsx_write(output_writer *w, const view_ctx *vc, dc_table t, const void *const *recs, size_t n,
	       const char *rel, const char *sheet, qdate created, size_t *size, arena *a)
{
	static atomic_uint serial;
	const dc_def *d = &dc_tables[t];
	size_t sheet_len = strlen(sheet);
	sheet = xml_safe(sheet, &sheet_len, a); /* also the workbook's title */
	/* libxlsxwriter writes to a named file: a hidden one in the staging
	 * folder, read back and removed, so that the workbook goes through
	 * output_put like every other file */
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s/.xlsx-%u.tmp", w->o->staging, atomic_fetch_add(&serial, 1));
	lxw_workbook_options opt = { .constant_memory = 1, .tmpdir = w->o->staging };
	pthread_mutex_lock(&lxw_lock);
	lxw_workbook *wb = workbook_new_opt(tmp, &opt);
	if (!wb) {
		pthread_mutex_unlock(&lxw_lock);
		output_fail(w->o, rel, "cannot create the workbook");
		return -1;
	}
	int y, m, day;
	date_to_ymd(created != DATE_NONE ? created : vc->s->today, &y, &m, &day);
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = day };
	lxw_doc_properties props = { .title = (char *)sheet, .author = (char *)(vc->s->publisher ? vc->s->publisher : vc->s->title),
				     .created = timegm(&tm) };
	workbook_set_properties(wb, &props);
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name(sheet, a));
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	lxw_format *date_fmt = workbook_add_format(wb);
	format_set_num_format(date_fmt, "yyyy-mm-dd");
	for (size_t c = 0; c < d->ncols; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, d->cols[c].width, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, d->cols[c].zh, head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (n)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(d->ncols - 1));
	dc_cell *cells = arena_alloc(a, d->ncols * sizeof *cells);
	for (size_t r = 0; r < n; r++) {
		dc_cells(vc, t, recs[r], cells, a);
		for (size_t c = 0; c < d->ncols; c++)
			put_cell(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, &d->cols[c], &cells[c], date_fmt, a);
	}
	lxw_error err = workbook_close(wb);
	pthread_mutex_unlock(&lxw_lock);
	buf bytes = BUF_INIT;
	int rc = err == LXW_NO_ERROR ? read_back(tmp, &bytes) : -1;
	unlink(tmp);
	if (rc != 0)
		output_fail(w->o, rel, "cannot write the workbook: %s",
			    err != LXW_NO_ERROR ? lxw_strerror(err) : "reading it back failed");
	else
		rc = output_put(w, rel, bytes.ptr, bytes.len);
	*size = bytes.len;
	buf_free(&bytes);
	return rc;
}
