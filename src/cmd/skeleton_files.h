/* skeleton_files: what `qingdan init` and `qingdan new` write
 * (skeleton/site/ and skeleton/new/ of the source tree), compiled into the
 * binary by tools/embed.c; names are "site/site.yaml", "new/list.yaml". */
#ifndef QD_SKELETON_FILES_H
#define QD_SKELETON_FILES_H
#include "theme_files.h"

/* Every file; ends with a { NULL } entry. */
extern const theme_file skeleton_files[];

#endif
