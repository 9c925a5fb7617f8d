/* sheet: the grid the spreadsheet readers fill (see sheet.h). */
#include "sheet.h"

#include <stdio.h>
#include <string.h>

#include "xalloc.h"

/* cells are kept in a growing grid: capacity in rows and columns */
typedef struct grid_cap {
	unsigned rows, cols;
} grid_cap;

static grid_cap *cap_of(sheet *s)
{
	/* the capacity lives just before the cells, in the arena */
	return s->cells ? (grid_cap *)s->cells - 1 : NULL;
}

static void grow(sheet *s, unsigned rows, unsigned cols)
{
	grid_cap *cap = cap_of(s);
	unsigned cr = cap ? cap->rows : 0, cc = cap ? cap->cols : 0;
	if (rows <= cr && cols <= cc)
		return;
	unsigned nr = cr, nc = cc;
	while (nr < rows)
		nr = nr ? nr * 2 : 64;
	while (nc < cols)
		nc = nc ? nc * 2 : 16;
	grid_cap *fresh = arena_alloc(&s->a, sizeof *fresh + (size_t)nr * nc * sizeof(cell));
	fresh->rows = nr, fresh->cols = nc;
	cell *cells = (cell *)(fresh + 1);
	for (size_t i = 0; i < (size_t)nr * nc; i++)
		cells[i] = (cell){ CELL_EMPTY, "", 0 };
	for (unsigned r = 0; r < s->rows; r++)
		memcpy(cells + (size_t)r * nc, s->cells + (size_t)r * cc, s->cols * sizeof(cell));
	s->cells = cells;
}

void sheet_set(sheet *s, unsigned r, unsigned c, cell_kind k, const char *text, size_t len, double num)
{
	if (r >= SHEET_MAX_ROWS || c >= SHEET_MAX_COLS) {
		s->too_big = true;
		return;
	}
	grow(s, r + 1, c + 1);
	if (r >= s->rows)
		s->rows = r + 1;
	if (c >= s->cols)
		s->cols = c + 1;
	unsigned stride = cap_of(s)->cols;
	s->cells[(size_t)r * stride + c] = (cell){ k, arena_strndup(&s->a, text, len), num };
}

void sheet_add_merge(sheet *s, merge m)
{
	merge *v = arena_alloc(&s->a, (s->nmerges + 1) * sizeof *v);
	if (s->nmerges)
		memcpy(v, s->merges, s->nmerges * sizeof *v);
	v[s->nmerges++] = m;
	s->merges = v;
}

const cell *sheet_at(const sheet *s, unsigned r, unsigned c)
{
	static const cell empty = { CELL_EMPTY, "", 0 };
	if (r >= s->rows || c >= s->cols)
		return &empty;
	return &s->cells[(size_t)r * ((const grid_cap *)s->cells - 1)->cols + c];
}

void sheet_col_name(unsigned c, char out[8])
{
	char t[8];
	int n = 0;
	c++;
	while (c && n < 7) {
		c--;
		t[n++] = (char)('A' + c % 26);
		c /= 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = t[n - 1 - i];
	out[n] = '\0';
}

int sheet_read(sheet *s, const char *path, const char *name, char *err, size_t errlen)
{
	memset(s, 0, sizeof *s);
	arena_init(&s->a);
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open the file; check its name");
		return -1;
	}
	unsigned char magic[8] = { 0 };
	size_t n = fread(magic, 1, sizeof magic, f);
	fclose(f);
	int rc;
	if (n >= 4 && !memcmp(magic, "PK\3\4", 4))
		rc = sheet_read_xlsx(s, path, name, err, errlen);
	else if (n == 8 && !memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		rc = sheet_read_xls(s, path, name, err, errlen);
	else if (name) {
		snprintf(err, errlen, "a CSV file has one sheet; leave out --sheet");
		rc = -1;
	} else
		rc = sheet_read_csv(s, path, err, errlen);
	if (rc == 0 && s->too_big) {
		snprintf(err, errlen, "the sheet goes past row %u or column %u; is it a list? Copy the list's rows into a new sheet",
			 SHEET_MAX_ROWS, SHEET_MAX_COLS);
		rc = -1;
	}
	return rc;
}

void sheet_free(sheet *s)
{
	arena_free(&s->a);
	memset(s, 0, sizeof *s);
}
