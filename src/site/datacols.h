/* datacols: the columns of the open data (data/ in the output): which
 * fields of a need, an offer, a list, an event and an organisation the
 * CSV, Excel and JSON files carry, in which order, under which Chinese
 * header and English key, of which type, and what each means (the data
 * page documents every column from these tables). One table per file
 * family; the writers (out/opendata.c, out/xlsx.c) and the data page
 * (site/view_follow.c) only walk them, so a column is added in one place.
 *
 * A cell is computed from its own record only. Money is in 万元 as a
 * plain number, dates are YYYY-MM-DD (China Standard Time days), a
 * reference is the other record's id (and, beside it, its name). */
#ifndef QD_DATACOLS_H
#define QD_DATACOLS_H
#include "view.h"

typedef enum dc_type {
	DC_TEXT,   /* a string */
	DC_NUMBER, /* a number (money in 万元) */
	DC_INT,    /* a whole number */
	DC_DATE,   /* YYYY-MM-DD */
	DC_BOOL,   /* 是/否 in CSV and Excel, true/false in JSON */
	DC_LIST,   /* texts: joined with 、 in CSV and Excel, an array in JSON */
} dc_type;

typedef enum dc_table { DC_NEEDS, DC_SUPPLY, DC_LISTS, DC_EVENTS, DC_ORGS, DC_TABLE_COUNT } dc_table;

typedef struct dc_col {
	int id;            /* the table's own column id (datacols.c) */
	const char *key;   /* JSON key */
	const char *zh;    /* CSV and Excel header */
	dc_type type;
	unsigned width;    /* Excel column width, in characters (a CJK character is 2) */
	const char *doc_zh, *doc_en;
} dc_col;

typedef struct dc_def {
	const char *name;  /* the files' stem: needs, supply, lists, events, orgs */
	const char *zh;    /* what a row is, in Chinese (需求, 供给, ...) */
	const dc_col *cols;
	size_t ncols;
	bool csv, xlsx;    /* which formats besides JSON carry it */
} dc_def;

extern const dc_def dc_tables[DC_TABLE_COUNT];

/* One cell's value; `set` false is an empty cell (null in JSON). */
typedef struct dc_cell {
	bool set;
	const char *s;  /* DC_TEXT */
	double num;     /* DC_NUMBER */
	long long i;    /* DC_INT */
	qdate date;     /* DC_DATE */
	bool b;         /* DC_BOOL */
	strs list;      /* DC_LIST */
} dc_cell;

/* Append a DC_LIST cell as CSV and Excel show it: its texts joined
 * with 、. */
void dc_join(buf *out, strs l);

/* The table a list's own files use: its items' (needs for a pain-point
 * list, which has no table of its own). */
dc_table dc_list_table(const list *l);
/* The cells of one record of `t` (an item for DC_NEEDS and DC_SUPPLY, a
 * list, an event, an org), one per column, into `out`
 * (dc_tables[t].ncols of them); texts that must be made are made in `a`.
 * URLs are absolute (the site's base_url). */
void dc_cells(const view_ctx *vc, dc_table t, const void *rec, dc_cell *out, arena *a);
/* The records of `t`, in the order the files list them. */
size_t dc_count(const view_ctx *vc, dc_table t);
const void *dc_record(const view_ctx *vc, dc_table t, size_t i);

#endif
