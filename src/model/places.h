/* places: load places.yaml (districts -> streets -> communities) and
 * categories.yaml into the site, registering every id and name for
 * references. Runs before any record that refers to them. */
#ifndef QD_PLACES_H
#define QD_PLACES_H
#include "schema.h"

/* `root` is the parsed file, or NULL when the file is absent. */
void places_load(loadctx *c, const value *root, const char *path);
void places_categories(loadctx *c, const value *root, const char *path);

#endif
