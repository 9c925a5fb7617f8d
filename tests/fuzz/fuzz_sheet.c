/* Fuzz target for the spreadsheet readers and the importer (read/sheet*.c,
 * model/import.c): the first byte chooses what the rest is, written to a
 * file as `qingdan import` would be given it:
 *   0  a .csv file (UTF-8, GB18030 or UTF-16 by its bytes);
 *   1  a whole .xlsx file (a zip);
 *   2  the parts of an .xlsx, parted by NUL bytes: the sheet's XML, then
 *      sharedStrings.xml, styles.xml, workbook.xml and its .rels (the last
 *      two default to a workbook of one sheet), zipped here, so that the
 *      fuzzer works on the XML rather than on zip checksums;
 *   3  a .xls file (libfreexl).
 * Reading and importing must finish without a crash or a leak, and the
 * list file the importer writes must be YAML that the loader reads
 * without a syntax error: whatever a cell holds, it is written as a
 * value, and the content checks (not the YAML parser) judge it, at a
 * line the importer can trace back to its cell. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "arena.h"
#include "diag.h"
#include "import.h"
#include "sheet.h"
#include "yamlload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char WORKBOOK[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
	"<sheet name=\"需求清单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
	"Target=\"worksheets/sheet1.xml\"/></Relationships>";

static int write_file(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	if (n)
		fwrite(p, 1, n, f);
	return fclose(f);
}

static int write_xlsx(const char *path, const uint8_t *p, size_t n)
{
	static const char *const names[] = { "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
					     "xl/workbook.xml", "xl/_rels/workbook.xml.rels" };
	const char *text[5] = { 0, 0, 0, WORKBOOK, RELS };
	size_t len[5] = { 0, 0, 0, sizeof WORKBOOK - 1, sizeof RELS - 1 };
	const char *s = (const char *)p, *end = s + n;
	for (int i = 0; i < 5; i++) {
		const char *z = memchr(s, '\0', (size_t)(end - s));
		text[i] = s;
		len[i] = z ? (size_t)(z - s) : (size_t)(end - s);
		if (!z)
			break;
		s = z + 1;
	}
	int err = 0;
	unlink(path);
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z)
		return -1;
	for (int i = 0; i < 5; i++) {
		if (!text[i])
			continue;
		zip_source_t *src = zip_source_buffer(z, text[i], len[i], 0);
		if (!src || zip_file_add(z, names[i], src, ZIP_FL_OVERWRITE) < 0) {
			zip_source_free(src);
			zip_discard(z);
			return -1;
		}
	}
	return zip_close(z) == 0 ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static char dir[64];
	if (!dir[0])
		snprintf(dir, sizeof dir, "/tmp/qd-fuzz-sheet-%d", (int)getpid());
	static const char *const ext[] = { "csv", "xlsx", "xlsx", "xls" };
	unsigned mode = data[0] % 4;
	char path[96];
	snprintf(path, sizeof path, "%s.%s", dir, ext[mode]);
	int rc = mode == 2 ? write_xlsx(path, data + 1, size - 1) : write_file(path, data + 1, size - 1);
	if (rc != 0)
		return 0;
	sheet sh;
	char err[256];
	if (sheet_read(&sh, path, NULL, err, sizeof err) == 0) {
		import_opts o = { .list_id = "fuzz", .published = "2024-04-08", .source = path,
				  .unknown_as_notes = size % 2, .today = date_from_ymd(2024, 4, 8) };
		import_result r;
		import_sheet(&sh, &o, &r);
		arena a;
		diag d;
		arena_init(&a);
		diag_init(&d);
		value *v = yamlload_parse(&a, &d, "fuzz.yaml", r.yaml.ptr ? r.yaml.ptr : "", r.yaml.len, 1);
		/* values the loader refuses (a control character in a cell) are
		 * content errors, reported at the cell the line came from: each
		 * must be at a line the importer knows; a syntax error never */
		bool bad = !v && !d.errors;
		for (size_t k = 0; k < d.n; k++)
			if (strstr(d.v[k].msg, "YAML syntax") || d.v[k].line < 1 || d.v[k].line > r.nlines)
				bad = true;
		if (bad) {
			fprintf(stderr, "import wrote a list file the loader cannot read (%zu lines known):\n", r.nlines);
			diag_print(&d, stderr);
			fprintf(stderr, "%.*s\n", (int)(r.yaml.len < 4000 ? r.yaml.len : 4000), r.yaml.ptr);
			abort();
		}
		diag_free(&d);
		arena_free(&a);
		import_free(&r);
	}
	sheet_free(&sh);
	unlink(path);
	return 0;
}
