/* search_bench: what the search index (derive/search.c) costs on a real
 * content folder: the time to fold and index every item's title and
 * description, and the index's size (terms, occurrences, the longest
 * lists), to plan how it is written as shards.
 *
 * usage: search_bench CONTENT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "fold.h"
#include "checks.h"
#include "load.h"
#include "search.h"
#include "utf8.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: search_bench CONTENT_DIR\n");
		return 2;
	}
	arena a;
	arena_init(&a);
	diag d;
	diag_init(&d);
	site *s = site_load(&a, &d, argv[1], NULL, 2);
	if (!s) {
		fprintf(stderr, "search_bench: the content did not load\n");
		return 1;
	}
	site_check(s, &d);
	si_doc *docs = calloc(s->nitems ? s->nitems : 1, sizeof *docs);
	si_text *parts = calloc(s->nitems ? s->nitems : 1, sizeof *parts);
	size_t bytes = 0;
	for (size_t i = 0; i < s->nitems; i++) {
		const item *it = s->items[i];
		parts[i] = (si_text){ it->description.text, it->description.len };
		docs[i] = (si_doc){ it->title, strlen(it->title), &parts[i], it->description.text ? 1 : 0 };
		bytes += docs[i].title_len + parts[i].len;
	}
	double t0 = now();
	fold *f = fold_open();
	double t1 = now();
	si_index *ix = si_build(docs, s->nitems, f);
	double t2 = now();
	for (int rep = getenv("SEARCH_REPEAT") ? atoi(getenv("SEARCH_REPEAT")) : 0; rep > 0; rep--)
		si_free(si_build(docs, s->nitems, f));
	printf("%zu items, %.1f MB of text; folding tables %.1f ms, index %.1f ms (one thread)\n", s->nitems,
	       bytes / 1e6, (t1 - t0) * 1e3, (t2 - t1) * 1e3);
	double t5 = now();
	si_index *ix2 = si_build_par(docs, s->nitems, f, 2);
	double t6 = now();
	{
		double p0 = now();
		si_parts *pp = si_build_parts(docs, s->nitems, f, 1);
		double p1 = now();
		si_parts_free(pp);
		pp = si_build_parts(docs, s->nitems, f, 2);
		double p2 = now();
		si_parts_free(pp);
		printf("parts only: one thread %.1f ms, two %.1f ms\n", (p1 - p0) * 1e3, (p2 - p1) * 1e3);
	}
	printf("index on two threads %.1f ms\n", (t6 - t5) * 1e3);
	si_free(ix2);
	size_t single = 0, docs_bytes = 0, pos_bytes = 0, biggest = 0;
	for (size_t i = 0; i < ix->nterms; i++) {
		const si_term *t = &ix->terms[i];
		single += t->b == 0;
		docs_bytes += t->docs_len;
		pos_bytes += t->pos_len;
		if (t->docs_len > biggest)
			biggest = t->docs_len;
	}
	printf("%zu terms (%zu characters, %zu pairs); documents lists %.1f MB (the biggest %.1f KB), "
	       "places %.1f MB\n", ix->nterms, single, ix->nterms - single, docs_bytes / 1e6, biggest / 1e3,
	       pos_bytes / 1e6);
	{
		/* what folding alone costs: every document's characters decoded and folded */
		double a0 = now();
		unsigned long sum = 0;
		for (size_t i = 0; i < s->nitems; i++)
			for (size_t k = 0; k < docs[i].ntext; k++) {
				const char *p = docs[i].text[k].s, *e = p + docs[i].text[k].len;
				while (p < e)
					sum += fold_cp(f, utf8_next(&p));
			}
		double a1 = now();
		printf("folding alone %.1f ms (%lu)\n", (a1 - a0) * 1e3, sum & 1);
	}
	uint32_t *out;
	double t3 = now();
	size_t n = si_search(ix, f, "社区服务", strlen("社区服务"), &out);
	double t4 = now();
	printf("'社区服务': %zu documents in %.2f ms\n", n, (t4 - t3) * 1e3);
	free(out);
	si_free(ix);
	fold_close(f);
	free(docs);
	free(parts);
	return 0;
}
