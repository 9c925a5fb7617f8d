/* fold: width, case and script folding for search (see fold.h). */
#include "fold.h"

#include <stdlib.h>

#include "fold_table.h"
#include "xalloc.h"

fold *fold_open(void)
{
	fold *f = xcalloc(1, sizeof *f);
	f->bmp = xmalloc(0x10000 * sizeof *f->bmp);
	for (unsigned c = 0; c < 0x10000; c++)
		f->bmp[c] = fold_width_case(c);
	/* t2s keys are in [FOLD_CJK_FIRST, FOLD_CJK_LAST], where width and
	 * case change nothing */
	for (size_t i = 0; i < fold_t2s_count; i++)
		f->bmp[fold_t2s[i][0]] = fold_t2s[i][1];
	return f;
}

void fold_close(fold *f)
{
	if (!f)
		return;
	free(f->bmp);
	free(f);
}
