/* datafiles: the data files a site's pages fetch, written as they were
 * made: the filters' item data (site/filter_data.h). */
#ifndef QD_DATAFILES_H
#define QD_DATAFILES_H
#include "filter_data.h"
#include "output.h"

/* Returns 0, or -1 after reporting an output error. */
int datafiles_write(const filter_files *ff, output *o);

#endif
