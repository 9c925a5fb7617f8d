/* datafiles: generated data files into the output (datafiles.h). */
#include "datafiles.h"

static int put(output_writer *w, const filter_file *f)
{
	return f->nitems ? output_put(w, f->path, f->data, f->len) : 0;
}

int datafiles_write(const filter_files *ff, output *o)
{
	output_writer w;
	output_writer_init(&w, o);
	int rc = put(&w, &ff->needs);
	if (rc == 0)
		rc = put(&w, &ff->supply);
	for (size_t i = 0; i < ff->nstreets && rc == 0; i++)
		rc = put(&w, &ff->street[i]);
	output_writer_end(&w);
	return rc;
}
