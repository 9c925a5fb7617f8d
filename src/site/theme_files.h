/* theme_files: the default theme (templates/ of the source tree), compiled into
 * the binary by tools/embed.c. A site overrides any file of it by putting
 * its own file of the same name in its templates folder. */
#ifndef QD_THEME_FILES_H
#define QD_THEME_FILES_H
#include <stddef.h>

typedef struct theme_file {
	const char *name; /* path inside templates/, e.g. "layouts/base.mustache" */
	const char *data;
	size_t len;
} theme_file;

/* Every file of the default theme; ends with a { NULL } entry. */
extern const theme_file theme_files[];

#endif
