/* assets: the files a site serves as they are: the theme's assets under
 * their hashed names (theme.h) and the content's static/ folder. A root
 * file (url_root_file: favicon.ico) is written at the site's root, from
 * static/ when the content has one there, else from the theme. */
#ifndef QD_ASSETS_H
#define QD_ASSETS_H
#include "output.h"
#include "theme.h"

/* Returns 0, or -1 after reporting an output error. */
int assets_write(const site *s, const theme *t, output *o);

#endif
