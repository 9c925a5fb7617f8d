/* search_write: the search index made and written beside the pages
 * (search_write.h). */
#include "search_write.h"

static int write_files(const search_files *sf, output *o)
{
	buf data = BUF_INIT, path = BUF_INIT;
	output_writer w;
	output_writer_init(&w, o);
	int rc = 0;
	for (size_t k = 0, n = sfile_count(sf); k < n && rc == 0; k++)
		if (sfile_file(sf, k, &data, &path))
			rc = output_put(&w, path.ptr, data.ptr, data.len);
	output_writer_end(&w);
	buf_free(&data);
	buf_free(&path);
	return rc;
}

static void *run(void *arg)
{
	search_job *j = arg;
	sfile_make(j->sf, j->vc, &j->a, j->nthreads);
	j->rc = write_files(j->sf, j->o);
	/* what the files were made from is not needed by the search page */
	sfile_free(j->sf);
	return NULL;
}

void search_start(search_job *j, search_files *sf, const view_ctx *vc, output *o, unsigned nthreads)
{
	*j = (search_job){ .sf = sf, .vc = vc, .o = o, .nthreads = nthreads };
	arena_init(&j->a);
	j->started = pthread_create(&j->thread, NULL, run, j) == 0;
	if (!j->started)
		run(j);
}

int search_finish(search_job *j, arena *a)
{
	if (j->started)
		pthread_join(j->thread, NULL);
	j->started = false;
	arena_adopt(a, &j->a);
	return j->rc;
}
