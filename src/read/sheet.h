/* sheet: one worksheet of a spreadsheet as street offices send them
 * (.xlsx, .xls, CSV), read into a grid of cells, for `qingdan import`.
 * Each reader turns its format into the same shape: every cell's text
 * (UTF-8) and, for a number, its value; a date cell is a number marked as
 * a date (an Excel serial day, its base said by `date1904`). Merged cells
 * are kept as ranges, so that a header merged over several columns names
 * each of them. Everything is in the sheet's arena.
 *
 * Readers (one file each): sheet_xlsx.c (libzip + libexpat), sheet_xls.c
 * (libfreexl), sheet_csv.c (libcsv; UTF-8 with or without BOM, or
 * GBK/GB18030 converted with iconv). */
#ifndef QD_SHEET_H
#define QD_SHEET_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef enum cell_kind { CELL_EMPTY, CELL_TEXT, CELL_NUMBER, CELL_DATE } cell_kind;

typedef struct cell {
	cell_kind kind;
	const char *text; /* as shown ("" when empty); for a number its digits */
	double num;       /* CELL_NUMBER; CELL_DATE: the serial day */
} cell;

typedef struct merge {
	unsigned r0, c0, r1, c1; /* inclusive, 0-based */
} merge;

typedef struct sheet {
	arena a;
	const char *name;      /* the sheet's name (CSV: the file's) */
	cell *cells;           /* rows x cols, row by row */
	unsigned rows, cols;
	merge *merges;
	size_t nmerges;
	bool date1904;         /* dates count from 1904-01-01 (old Mac Excel) */
	const char *encoding;  /* CSV: what the file was in ("UTF-8", "GB18030") */
	bool too_big;          /* a cell past SHEET_MAX_ROWS or SHEET_MAX_COLS was left out */
} sheet;

/* A list is a few hundred rows; the grid is dense, so a hostile file's
 * cell at XFD1048576 must not make it 17 billion cells. */
#define SHEET_MAX_ROWS 100000u
#define SHEET_MAX_COLS 512u

/* Read sheet `name` of the file (NULL: the first), choosing the reader by
 * the file's first bytes (a zip: .xlsx; OLE: .xls; else CSV). On failure
 * returns -1 with a message in err (what is wrong; what to do). */
int sheet_read(sheet *s, const char *path, const char *name, char *err, size_t errlen);
void sheet_free(sheet *s);
/* The cell at (r, c), or an empty one outside the grid. */
const cell *sheet_at(const sheet *s, unsigned r, unsigned c);
/* "A", "Z", "AA": a column's letters. */
void sheet_col_name(unsigned c, char out[8]);

/* the readers, for sheet_read (and tests) */
int sheet_read_xlsx(sheet *s, const char *path, const char *name, char *err, size_t errlen);
int sheet_read_xls(sheet *s, const char *path, const char *name, char *err, size_t errlen);
int sheet_read_csv(sheet *s, const char *path, char *err, size_t errlen);

/* Building a sheet (the readers): set cell (r, c), growing the grid. */
void sheet_set(sheet *s, unsigned r, unsigned c, cell_kind k, const char *text, size_t len, double num);
void sheet_add_merge(sheet *s, merge m);

#endif
