/* xlsx: the open data as Excel workbooks (data/needs.xlsx, data/supply.xlsx
 * and each list's own), written with libxlsxwriter: one sheet, a bold
 * header row of the columns' Chinese names (site/datacols.h), frozen
 * below it, with an autofilter, column widths that fit Chinese text,
 * numbers and dates as typed cells (dates shown YYYY-MM-DD), other cells
 * as text (never a formula). The workbook's time stamp is the build's
 * "today", so two builds of the same content give the same bytes. */
#ifndef QD_XLSX_H
#define QD_XLSX_H
#include "datacols.h"
#include "output.h"

/* Write `n` records of table t as the workbook `rel` of the output,
 * through w (the bytes go through output_put, so an unchanged workbook
 * is linked from the previous output like any file). `sheet` names the
 * sheet (at most 31 characters are kept); `created` is the workbook's
 * date (docProps: the data's date, never the clock); *size is set to
 * the workbook's size. Returns 0, or -1 after reporting. */
int xlsx_write(output_writer *w, const view_ctx *vc, dc_table t, const void *const *recs, size_t n,
	       const char *rel, const char *sheet, qdate created, size_t *size, arena *a);
/* The key of such a workbook (keep.h): everything its bytes depend on,
 * given the CSV of the same records (`csv`, which holds every cell's
 * text): this writer's version and libxlsxwriter's, the table's columns
 * (names, types, widths), the sheet's name, the date. */
uint64_t xlsx_key(dc_table t, const char *sheet, qdate created, const char *csv, size_t csv_len);

#endif
