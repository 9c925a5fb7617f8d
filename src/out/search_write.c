/* search_write: the search index made and written beside the rest of the
 * build (search_write.h). */
#include "search_write.h"

#include <time.h>

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

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

/* After the index: name and write, or stop. */
static void finish_work(search_job *j)
{
	if (j->go > 0) {
		double t0 = cpu_ms();
		sfile_name(j->sf, j->vc, &j->a);
		j->rc = write_files(j->sf, j->o);
		j->files_ms = cpu_ms() - t0;
	}
	/* what the files were made from is not needed by the search page */
	sfile_free(j->sf);
}

static void *run(void *arg)
{
	search_job *j = arg;
	double t0 = cpu_ms();
	sfile_index(j->sf, j->s, &j->a, j->nthreads);
	j->index_ms = cpu_ms() - t0;
	pthread_mutex_lock(&j->lock);
	while (!j->go)
		pthread_cond_wait(&j->cond, &j->lock);
	pthread_mutex_unlock(&j->lock);
	finish_work(j);
	return NULL;
}

void search_start(search_job *j, search_files *sf, const site *s, unsigned nthreads)
{
	*j = (search_job){ .sf = sf, .s = s, .nthreads = nthreads };
	arena_init(&j->a);
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->cond, NULL);
	j->started = pthread_create(&j->thread, NULL, run, j) == 0;
}

static void tell(search_job *j, int go)
{
	pthread_mutex_lock(&j->lock);
	if (!j->go)
		j->go = go;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
}

void search_write_files(search_job *j, const view_ctx *vc, output *o)
{
	j->vc = vc;
	j->o = o;
	tell(j, 1);
}

int search_finish(search_job *j, arena *a)
{
	if (j->started) {
		tell(j, -1); /* no effect once told to write */
		pthread_join(j->thread, NULL);
	} else {
		/* no thread: all of it here, now */
		sfile_index(j->sf, j->s, &j->a, j->nthreads);
		if (!j->go)
			j->go = -1;
		finish_work(j);
	}
	j->started = false;
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->cond);
	arena_adopt(a, &j->a);
	return j->rc;
}
