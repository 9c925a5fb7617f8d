/* import: a spreadsheet's rows as a list file (the YAML of content/lists/),
 * for `qingdan import`. The sheet's columns are matched to the item fields
 * by their headers, as street offices write them (序号, 项目名称, 社区,
 * 类别, 预算（万元）, 服务对象, 实施周期, 联系人, 联系电话, 截止日期, 状态,
 * 认领单位, 备注, and the English keys); the header row is the first of
 * the sheet's first ten rows that names a title column and another known
 * one, and a header merged over several columns names each of them.
 *
 * Values are written as the sheet has them, except where the meaning is
 * certain: 6.6万元 and 66000元 (or a number in a column headed 元) become
 * 6.6, in 万元; 2024/4/8, 2024.4.8, 2024年4月8日 and Excel date serials
 * become 2024-04-08; each such change is a note. Anything else stays as
 * written, so that loading the file (the same checks as `qingdan check`)
 * reports it; every line of the file remembers the cell it came from, so
 * that those errors can be given as FILE:row:column (header). A row whose
 * cells say 合计, 总计 or 小计 is a total, not an item, and is skipped with
 * a note; empty rows are skipped. */
#ifndef QD_IMPORT_H
#define QD_IMPORT_H
#include "buf.h"
#include "model.h"
#include "sheet.h"

typedef struct import_opts {
	const char *list_id;
	const char *kind;        /* needs, supply, pain-points (needs by default) */
	const char *title;       /* the list's title (default: the sheet's name) */
	const char *street, *district;
	const char *published;   /* YYYY-MM-DD (default: today) */
	qdate today;
	bool unknown_as_notes;   /* keep unknown columns in each item's notes */
	const char *source;      /* the file's name, for the comment at the top */
} import_opts;

/* Where a line of the list file came from: a cell (row and column,
 * 0-based), or an option (row UINT_MAX, `option` its name). */
typedef struct import_origin {
	unsigned row, col;
	const char *option;
} import_origin;

typedef struct import_msg {
	diag_level level;
	unsigned row, col;       /* the cell; col UINT_MAX: the whole row */
	const char *text;
} import_msg;

typedef struct import_result {
	buf yaml;                /* the list file */
	import_origin *line;     /* by line number (1-based; [0] unused) */
	size_t nlines;
	import_msg *msgs;        /* notes and errors found while importing */
	size_t nmsgs;
	unsigned header_row;     /* 0-based */
	const char **headers;    /* each column's header text ("" when none) */
	size_t items, totals, blank;
	size_t errors;
	arena a;
} import_result;

/* Turn the sheet into a list file. Returns 0, or -1 when there is no
 * header row (reported in r->msgs). */
int import_sheet(const sheet *s, const import_opts *o, import_result *r);
void import_free(import_result *r);

#endif
