/* fold: width, case and script folding for search (see fold.h). */
#include "fold.h"

#include <stdlib.h>

#include "fold_table.h"
#include "xalloc.h"

fold *fold_open(void)
{
	fold *f = xcalloc(1, sizeof *f);
	f->simp = xcalloc(FOLD_CJK_LAST - FOLD_CJK_FIRST + 1, sizeof *f->simp);
	for (size_t i = 0; i < fold_t2s_count; i++)
		f->simp[fold_t2s[i][0] - FOLD_CJK_FIRST] = fold_t2s[i][1];
	return f;
}

void fold_close(fold *f)
{
	if (!f)
		return;
	free(f->simp);
	free(f);
}
