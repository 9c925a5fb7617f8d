/* assets: theme assets and static files into the output (assets.h). */
#include "assets.h"

int assets_write(const site *s, const theme *t, output *o)
{
	for (size_t i = 0; i < s->nstatics; i++)
		if (output_copy(o, url_static(s->a, "", s->statics[i].path), s->statics[i].src) != 0)
			return -1;
	for (size_t i = 0; i < t->nassets; i++)
		if (output_write(o, t->assets[i].path, t->assets[i].data, t->assets[i].len) != 0)
			return -1;
	return 0;
}
