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

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t varint_len(uint32_t v)
{
	size_t n = 1;
	while (v >= 0x80)
		v >>= 7, n++;
	return n;
}

static int by_n(const void *a, const void *b)
{
	const si_term *x = a, *y = b;
	return x->n > y->n ? -1 : x->n < y->n;
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
	size_t bytes = 0;
	for (size_t i = 0; i < s->nitems; i++) {
		const item *it = s->items[i];
		docs[i] = (si_doc){ it->title, it->description.text, strlen(it->title), it->description.len };
		bytes += docs[i].title_len + docs[i].text_len;
	}
	char err[200];
	double t0 = now();
	fold *f = fold_open(err, sizeof err);
	double t1 = now();
	si_index *ix = si_build(docs, s->nitems, f);
	double t2 = now();
	printf("%zu items, %.1f MB of text; OpenCC open %.1f ms, index %.1f ms (one thread)\n", s->nitems,
	       bytes / 1e6, (t1 - t0) * 1e3, (t2 - t1) * 1e3);
	size_t single = 0;
	for (size_t i = 0; i < ix->nterms; i++)
		single += ix->terms[i].b == 0;
	printf("%zu terms (%zu characters, %zu pairs), %zu occurrences\n", ix->nterms, single, ix->nterms - single,
	       ix->nocc);
	si_term *sorted = malloc(ix->nterms * sizeof *sorted);
	memcpy(sorted, ix->terms, ix->nterms * sizeof *sorted);
	qsort(sorted, ix->nterms, sizeof *sorted, by_n);
	for (size_t i = 0; i < 5 && i < ix->nterms; i++)
		printf("  most: U+%04X U+%04X %u occurrences\n", sorted[i].a, sorted[i].b, sorted[i].n);
	/* what the lists weigh written as varints: per document its number's
	 * difference from the last, its count, then position differences */
	size_t total = 0, biggest = 0, pairs_total = 0;
	for (size_t i = 0; i < ix->nterms; i++) {
		const si_term *t = &ix->terms[i];
		size_t bytes_t = 0;
		uint32_t last_doc = 0, last_pos = 0;
		for (uint32_t k = t->start; k < t->start + t->n;) {
			uint32_t doc = ix->occ[k].doc, m = 0;
			bytes_t += varint_len(doc - last_doc);
			last_doc = doc, last_pos = 0;
			while (k < t->start + t->n && ix->occ[k].doc == doc) {
				if (t->b)
					bytes_t += varint_len(ix->occ[k].pos - last_pos);
				last_pos = ix->occ[k].pos;
				k++, m++;
			}
			if (t->b)
				bytes_t += varint_len(m);
		}
		total += bytes_t;
		if (t->b)
			pairs_total += bytes_t;
		if (bytes_t > biggest)
			biggest = bytes_t;
	}
	printf("written as varints: %.1f MB (pairs %.1f MB), the biggest list %.1f KB\n", total / 1e6,
	       pairs_total / 1e6, biggest / 1e3);
	uint32_t *out;
	double t3 = now();
	size_t n = si_search(ix, f, "社区服务", strlen("社区服务"), &out);
	double t4 = now();
	printf("'社区服务': %zu documents in %.2f ms\n", n, (t4 - t3) * 1e3);
	free(out);
	free(sorted);
	si_free(ix);
	fold_close(f);
	free(docs);
	return 0;
}
