/* mustache_bench: how fast a compiled template set renders a realistic
 * page — a base layout with inheritance, header and footer partials, and a
 * list page of 50 items with several fields each, Chinese text escaped
 * (tests/mustache/layout). Reports renders/second and output bytes/second
 * for one thread and for several threads sharing the one compiled set,
 * and how long compiling the set takes.
 *
 * usage: mustache_bench [CASE_DIR [SECONDS [THREADS]]]
 *        (default tests/mustache/layout, 2 seconds, 2 threads) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mustache.h"
#include "source.h"
#include "yamlload.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct job {
	const mu_template *page;
	const void *data;
	double seconds;
	long renders;
	size_t bytes;
	int failed;
} job;

/* Render until `seconds` have passed, into one reused buffer. */
static void *run(void *arg)
{
	job *j = arg;
	buf out = BUF_INIT;
	mu_opts opts = { MU_RENDER_STRICT, 0 };
	double end = now() + j->seconds;
	j->renders = 0;
	j->bytes = 0;
	do {
		for (int k = 0; k < 100; k++) {
			buf_reset(&out);
			if (mu_render(j->page, &mu_value_data, j->data, &opts, &out, NULL) != MU_OK)
				j->failed = 1;
			j->renders++;
			j->bytes += out.len;
		}
	} while (now() < end);
	buf_free(&out);
	return NULL;
}

static void report(const char *what, long renders, size_t bytes, double secs)
{
	printf("%-22s %9.0f renders/s  %7.1f MB/s  %6.2f us/render\n", what, renders / secs,
	       (double)bytes / secs / 1e6, secs * 1e6 / (double)renders);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/mustache/layout";
	double seconds = argc > 2 ? atof(argv[2]) : 2.0;
	int threads = argc > 3 ? atoi(argv[3]) : 2;
	char path[512];
	arena a;
	diag d;
	source src;
	int status = 1;
	arena_init(&a);
	diag_init(&d);
	if (threads < 1 || threads > 64 || seconds <= 0) {
		fprintf(stderr, "usage: mustache_bench [CASE_DIR [SECONDS [THREADS]]]\n");
		return 2;
	}

	/* compile the set a few times to time compilation */
	snprintf(path, sizeof path, "%s/templates", dir);
	int compiles = 200;
	double t0 = now();
	mu_set *set = NULL;
	for (int i = 0; i < compiles; i++) {
		mu_set_free(set);
		arena_free(&a);
		set = mu_set_new(&a);
		if (mu_load_dir(set, &d, path) != 0 || mu_link(set, &d, MU_LINK_STRICT, NULL, NULL) != 0)
			goto out;
	}
	double compile_secs = (now() - t0) / compiles;
	const mu_template *page = mu_get(set, "page", 4);
	snprintf(path, sizeof path, "%s/data.yaml", dir);
	if (!page || source_read(&a, &d, path, &src) != 0)
		goto out;
	const void *data = yamlload_parse(&a, &d, path, src.text, src.len, 1);
	if (!data)
		goto out;

	job one = { page, data, seconds, 0, 0, 0 };
	run(&one);
	printf("mustache_bench: %s, %zu bytes per page, set compiled in %.1f us (load, parse, link)\n",
	       dir, one.bytes / (size_t)one.renders, compile_secs * 1e6);
	report("1 thread", one.renders, one.bytes, seconds);

	pthread_t th[64];
	job jobs[64];
	for (int i = 0; i < threads; i++) {
		jobs[i] = (job){ page, data, seconds, 0, 0, 0 };
		pthread_create(&th[i], NULL, run, &jobs[i]);
	}
	long renders = 0;
	size_t bytes = 0;
	int failed = one.failed;
	for (int i = 0; i < threads; i++) {
		pthread_join(th[i], NULL);
		renders += jobs[i].renders;
		bytes += jobs[i].bytes;
		failed |= jobs[i].failed;
	}
	char what[32];
	snprintf(what, sizeof what, "%d threads, one set", threads);
	report(what, renders, bytes, seconds);
	status = failed;
out:
	diag_print(&d, stderr);
	diag_free(&d);
	mu_set_free(set);
	arena_free(&a);
	return status;
}
