/* sheet_xls: an Excel 97-2003 .xls worksheet, read with libfreexl (see
 * sheet.h). freexl gives dates as "YYYY-MM-DD" text; they are kept as
 * text, which the importer reads as dates. */
#include <freexl.h>
#include <stdio.h>
#include <string.h>

#include "sheet.h"

int sheet_read_xls(sheet *s, const char *path, const char *name, char *err, size_t errlen)
{
	const void *h = NULL;
	if (freexl_open(path, &h) != FREEXL_OK) {
		snprintf(err, errlen, "not a readable .xls file; save it again from Excel or WPS, or as .xlsx");
		if (h)
			freexl_close(h);
		return -1;
	}
	unsigned int nsheets = 0;
	freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets);
	unsigned short pick = 0;
	bool found = name == NULL;
	for (unsigned short i = 0; i < nsheets && !found; i++) {
		const char *nm = NULL;
		if (freexl_get_worksheet_name(h, i, &nm) == FREEXL_OK && nm && !strcmp(nm, name))
			pick = i, found = true;
	}
	if (!found || nsheets == 0) {
		snprintf(err, errlen, nsheets ? "no sheet named '%s'; give one of the workbook's sheets" : "the workbook has no sheet%s",
			 name ? name : "");
		freexl_close(h);
		return -1;
	}
	const char *nm = NULL;
	freexl_get_worksheet_name(h, pick, &nm);
	s->name = arena_strdup(&s->a, nm ? nm : "");
	unsigned int rows = 0;
	unsigned short cols = 0;
	if (freexl_select_active_worksheet(h, pick) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
		snprintf(err, errlen, "cannot read the sheet; save the file again, or as .xlsx");
		freexl_close(h);
		return -1;
	}
	char num[64];
	for (unsigned r = 0; r < rows; r++)
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
				continue;
			switch (v.type) {
			case FREEXL_CELL_INT:
				snprintf(num, sizeof num, "%d", v.value.int_value);
				sheet_set(s, r, c, CELL_NUMBER, num, strlen(num), v.value.int_value);
				break;
			case FREEXL_CELL_DOUBLE:
				snprintf(num, sizeof num, "%.15g", v.value.double_value);
				sheet_set(s, r, c, CELL_NUMBER, num, strlen(num), v.value.double_value);
				break;
			case FREEXL_CELL_TEXT:
			case FREEXL_CELL_SST_TEXT:
			case FREEXL_CELL_DATE:
			case FREEXL_CELL_DATETIME:
			case FREEXL_CELL_TIME:
				if (v.value.text_value)
					sheet_set(s, r, c, CELL_TEXT, v.value.text_value, strlen(v.value.text_value), 0);
				break;
			default: break;
			}
		}
	freexl_close(h);
	return 0;
}
