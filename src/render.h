/* render: produce every page of a loaded, error-free site into an open
 * output (see output.h). Reports template and write errors to d. */
#ifndef QD_RENDER_H
#define QD_RENDER_H
#include "diag.h"
#include "model.h"
#include "output.h"

/* `templates_dir` holds the site's own templates and assets, which
 * override the built-in theme file by file (NULL: the built-in theme
 * only). Pages are rendered by `nthreads` threads (the output is the same
 * for any number). Returns 0 on success, 1 after reporting errors in the
 * templates or the content (a menu link to no page), -1 after reporting
 * an error writing the output. */
int render_site(const site *s, const char *templates_dir, unsigned nthreads, output *o, diag *d);

#endif
