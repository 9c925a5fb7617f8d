/* sheet_csv: a CSV file as a sheet (see sheet.h), parsed with libcsv.
 * Street offices' CSV comes from Excel and WPS: UTF-8 with or without a
 * byte-order mark, GBK/GB18030 (WPS's default on Chinese Windows), now
 * and then UTF-16 with a mark; a file that is not valid UTF-8 is read as
 * GB18030 (a superset of GBK) and converted with iconv, and the sheet says
 * which it was. Comma-separated, or tab-separated when the first line has
 * tabs and no comma. Every field is text; the importer reads numbers and
 * dates from it. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sheet.h"
#include "utf8.h"

#define CSV_MAX (32u << 20) /* a list is a few hundred rows; this is far more */

typedef struct fill {
	sheet *s;
	unsigned row, col;
} fill;

static void on_field(void *data, size_t len, void *arg)
{
	fill *f = arg;
	if (len)
		sheet_set(f->s, f->row, f->col, CELL_TEXT, data, len, 0);
	f->col++;
}

static void on_row(int c, void *arg)
{
	fill *f = arg;
	(void)c;
	f->row++;
	f->col = 0;
}

static int convert(const char *from, const char *in, size_t len, buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	buf_grow(out, len * 2 + 16);
	char *ip = (char *)in;
	size_t il = len;
	int rc = 0;
	while (il) {
		buf_grow(out, il * 2 + 16);
		char *op = out->ptr + out->len;
		size_t ol = out->cap - out->len - 1;
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		out->len = (size_t)(op - out->ptr);
		if (r == (size_t)-1 && errno != E2BIG) {
			rc = -1;
			break;
		}
	}
	out->ptr[out->len] = '\0';
	iconv_close(cd);
	return rc;
}

int sheet_read_csv(sheet *s, const char *path, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(err, errlen, "cannot open the file");
		return -1;
	}
	buf raw = BUF_INIT, text = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && raw.len <= CSV_MAX)
		buf_put(&raw, chunk, n);
	fclose(fp);
	if (raw.len > CSV_MAX) {
		snprintf(err, errlen, "the file is larger than %u MiB; is it a list?", CSV_MAX >> 20);
		buf_free(&raw);
		return -1;
	}
	const char *p = raw.ptr ? raw.ptr : "";
	size_t len = raw.len;
	int rc = 0;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
		s->encoding = "UTF-8";
		buf_put(&text, p + 3, len - 3);
	} else if (len >= 2 && (!memcmp(p, "\xFF\xFE", 2) || !memcmp(p, "\xFE\xFF", 2))) {
		s->encoding = "UTF-16";
		rc = convert("UTF-16", p, len, &text);
	} else if (utf8_check(p, len) == (size_t)-1) {
		s->encoding = "UTF-8";
		buf_put(&text, p, len);
	} else {
		s->encoding = "GB18030";
		rc = convert("GB18030", p, len, &text);
	}
	buf_free(&raw);
	if (rc != 0 || (text.len && utf8_check(text.ptr, text.len) != (size_t)-1)) {
		snprintf(err, errlen, "the file is neither UTF-8 nor GBK/GB18030 text; save it again as CSV (UTF-8)");
		buf_free(&text);
		return -1;
	}
	/* the separator: tabs when the first line has them and no comma */
	size_t eol = text.len ? strcspn(text.ptr, "\n") : 0;
	bool tabs = memchr(text.ptr ? text.ptr : "", '\t', eol) && !memchr(text.ptr ? text.ptr : "", ',', eol);
	struct csv_parser cp;
	csv_init(&cp, 0);
	if (tabs)
		csv_set_delim(&cp, '\t');
	fill f = { s, 0, 0 };
	const char *slash = strrchr(path, '/');
	s->name = arena_strdup(&s->a, slash ? slash + 1 : path);
	rc = 0;
	if (csv_parse(&cp, text.ptr ? text.ptr : "", text.len, on_field, on_row, &f) != text.len ||
	    csv_fini(&cp, on_field, on_row, &f) != 0) {
		snprintf(err, errlen, "not readable as CSV: %s", csv_strerror(csv_error(&cp)));
		rc = -1;
	}
	csv_free(&cp);
	buf_free(&text);
	return rc;
}
