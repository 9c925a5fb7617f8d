/* follow: feeds, calendars and open data, on a thread (see follow.h). */
#include "follow.h"

#include <time.h>

#include "calendar.h"
#include "feeds.h"
#include "keep.h"
#include "opendata.h"
#include "xlsx.h"

static int put_buf(output_writer *w, const char *rel, buf *b)
{
	int rc = output_put(w, rel, b->ptr, b->len);
	buf_reset(b);
	return rc;
}

/* the date of the site's data: its newest list's */
static qdate data_date(const view_ctx *vc)
{
	qdate d = DATE_NONE;
	for (size_t i = 0; i < vc->s->nlists; i++)
		if (vc->s->lists[i]->published != DATE_NONE && (d == DATE_NONE || vc->s->lists[i]->published > d))
			d = vc->s->lists[i]->published;
	return d != DATE_NONE ? d : vc->s->today;
}

/* a workbook, unless the previous output has it under the same key */
static int workbook(follow_job *j, output_writer *w, dc_table t, const void *const *recs, size_t n,
		    const char *rel, const char *sheet, qdate date, const buf *csv, arena *a)
{
	uint64_t key = xlsx_key(t, sheet, date, csv->ptr, csv->len);
	if (keep_try(j->keep, w, rel, key))
		return 0;
	size_t size = 0;
	int rc = xlsx_write(w, j->vc, t, recs, n, rel, sheet, date, &size, a);
	if (rc == 0)
		keep_made(j->keep, rel, key, size);
	return rc;
}

/* data/NAME.csv, .json (and .xlsx) of a whole table */
static int write_table(follow_job *j, output_writer *w, dc_table t, buf *b, arena *a)
{
	const view_ctx *vc = j->vc;
	const dc_def *d = &dc_tables[t];
	size_t n = dc_count(vc, t);
	const void **recs = arena_alloc(a, (n + 1) * sizeof *recs);
	for (size_t i = 0; i < n; i++)
		recs[i] = dc_record(vc, t, i);
	int rc = 0;
	/* the CSV first: a workbook's key is made from it */
	opendata_csv(vc, t, recs, n, b, a);
	if (d->xlsx)
		rc = workbook(j, w, t, recs, n, url_file_of(a, "", URL_DATA, arena_printf(a, "%s.xlsx", d->name)), d->zh,
			      data_date(vc), b, a);
	if (rc == 0 && d->csv)
		rc = output_put(w, url_file_of(a, "", URL_DATA, arena_printf(a, "%s.csv", d->name)), b->ptr, b->len);
	buf_reset(b);
	if (rc == 0) {
		opendata_json(vc, t, recs, n, b, a);
		rc = put_buf(w, url_file_of(a, "", URL_DATA, arena_printf(a, "%s.json", d->name)), b);
	}
	return rc;
}

static int write_data(follow_job *j, output_writer *w)
{
	const view_ctx *vc = j->vc;
	arena a;
	arena_init(&a);
	buf b = BUF_INIT;
	int rc = 0;
	for (int t = 0; t < DC_TABLE_COUNT && rc == 0; t++)
		rc = write_table(j, w, (dc_table)t, &b, &a);
	if (rc == 0) {
		opendata_places_json(vc, &b);
		rc = put_buf(w, url_file_of(&a, "", URL_DATA, "places.json"), &b);
	}
	if (rc == 0) {
		opendata_categories_json(vc, &b);
		rc = put_buf(w, url_file_of(&a, "", URL_DATA, "categories.json"), &b);
	}
	buf_free(&b);
	arena_free(&a);
	return rc;
}

/* lists' own files, one list at a time, until none are left: its items
 * in 序号 order as CSV and Excel */
static void write_lists(follow_job *j)
{
	const view_ctx *vc = j->vc;
	output_writer w;
	output_writer_init(&w, j->o);
	arena a;
	arena_init(&a);
	buf b = BUF_INIT;
	size_t i;
	while (!atomic_load(&j->failed) && (i = atomic_fetch_add(&j->next_list, 1)) < vc->s->nlists) {
		const list *l = vc->s->lists[i];
		const void **items = opendata_list_items(l, &a);
		dc_table t = dc_list_table(l);
		opendata_csv(vc, t, items, l->nitems, &b, &a);
		int rc = workbook(j, &w, t, items, l->nitems, url_file_of(&a, "", URL_LIST_XLSX, l->id), l->title,
				  l->published != DATE_NONE ? l->published : vc->s->today, &b, &a);
		if (rc == 0)
			rc = put_buf(&w, url_file_of(&a, "", URL_LIST_CSV, l->id), &b);
		if (rc != 0)
			atomic_store(&j->failed, 1);
		arena_reset(&a);
	}
	buf_free(&b);
	arena_free(&a);
	output_writer_end(&w);
}

static void write_site(follow_job *j)
{
	output_writer w;
	output_writer_init(&w, j->o);
	int rc = feeds_write(j->vc, &w);
	if (rc == 0)
		rc = calendar_write(j->vc, &w);
	if (rc == 0)
		rc = write_data(j, &w);
	output_writer_end(&w);
	if (rc != 0)
		atomic_store(&j->failed, 1);
}

static void *run(void *arg)
{
	follow_job *j = arg;
	struct timespec t0, t1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	write_site(j);
	write_lists(j);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	j->ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	return NULL;
}

void follow_start(follow_job *j, const view_ctx *vc, output *o)
{
	*j = (follow_job){ .vc = vc, .o = o, .keep = keep_open(o) };
	if (pthread_create(&j->thread, NULL, run, j) == 0)
		j->started = true;
	else
		run(j);
}

void follow_help(follow_job *j)
{
	write_lists(j);
}

int follow_finish(follow_job *j)
{
	if (j->started) {
		pthread_join(j->thread, NULL);
		j->started = false;
	}
	bool ok = !atomic_load(&j->failed);
	if (ok)
		ok = keep_close(j->keep, j->o) == 0;
	else
		keep_free(j->keep);
	j->keep = NULL;
	return ok ? 0 : -1;
}
