/* Fuzz target for the search index and its query (derive/search.c, with
 * derive/fold.c's folding): the bytes are a query (the first line) and up
 * to 64 documents (each further line: a title, then text parts, parted by
 * the byte 0x1F). The index must answer exactly what a plain substring
 * search over the same folded texts answers (search.h's promise: a
 * document is found when every word of the query is in its folded title
 * or in one of its folded parts; title matches first, each group by
 * document number), and the index made on two threads must be the one
 * made on one. Anything else aborts (a finding). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "search.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_DOCS = 64, MAX_PARTS = 4 };

/* a text folded, as code points */
typedef struct cps {
	unsigned *c;
	size_t n;
} cps;

static cps fold_text(const fold *f, const char *s, size_t len)
{
	cps r = { malloc((len + 1) * sizeof(unsigned)), 0 };
	const char *p = s, *end = s + len;
	while (p < end)
		r.c[r.n++] = fold_cp(f, utf8_next(&p));
	return r;
}

static bool contains(const cps *hay, const unsigned *w, size_t wn)
{
	if (wn > hay->n)
		return false;
	for (size_t i = 0; i + wn <= hay->n; i++)
		if (memcmp(hay->c + i, w, wn * sizeof *w) == 0)
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static fold *f;
	if (!f)
		f = fold_open();
	const char *s = (const char *)data, *end = s + size;
	if (utf8_check(s, size) != (size_t)-1 || memchr(s, '\0', size))
		return 0;
	const char *nl = memchr(s, '\n', size);
	const char *q = s;
	size_t qlen = nl ? (size_t)(nl - s) : size;
	si_doc docs[MAX_DOCS];
	si_text parts[MAX_DOCS][MAX_PARTS];
	cps ftitle[MAX_DOCS], fpart[MAX_DOCS][MAX_PARTS];
	size_t n = 0;
	for (const char *p = nl ? nl + 1 : end; p < end && n < MAX_DOCS;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		const char *fs = memchr(p, 0x1F, (size_t)(e - p));
		const char *te = fs ? fs : e;
		docs[n] = (si_doc){ p, (size_t)(te - p), parts[n], 0 };
		ftitle[n] = fold_text(f, p, (size_t)(te - p));
		while (fs && docs[n].ntext < MAX_PARTS) {
			const char *ps = fs + 1;
			fs = memchr(ps, 0x1F, (size_t)(e - ps));
			const char *pe = fs ? fs : e;
			size_t k = docs[n].ntext++;
			parts[n][k] = (si_text){ ps, (size_t)(pe - ps) };
			fpart[n][k] = fold_text(f, ps, (size_t)(pe - ps));
		}
		n++;
		p = e + 1;
	}
	si_index *ix = si_build(docs, n, f);
	si_index *ix2 = si_build_par(docs, n, f, 2);
	if (ix->nterms != ix2->nterms || ix->hash != ix2->hash) {
		fprintf(stderr, "search: two threads made another index\n");
		abort();
	}
	for (size_t i = 0; i < ix->nterms; i++) {
		const si_term *a = &ix->terms[i], *b = &ix2->terms[i];
		if (a->a != b->a || a->b != b->b || a->ndocs != b->ndocs || a->docs_len != b->docs_len ||
		    a->pos_len != b->pos_len || memcmp(a->docs, b->docs, a->docs_len) ||
		    (a->pos_len && memcmp(a->pos, b->pos, a->pos_len))) {
			fprintf(stderr, "search: two threads made another term %u,%u\n", a->a, a->b);
			abort();
		}
	}
	/* the plain answer: per document 2 when every word is in the title,
	 * 1 when every word is in the title or one part, else 0 */
	cps fq = fold_text(f, q, qlen);
	int level[MAX_DOCS];
	size_t words = 0;
	for (size_t d = 0; d < n; d++)
		level[d] = 2;
	for (size_t i = 0; i < fq.n;) {
		while (i < fq.n && fold_is_space(fq.c[i]))
			i++;
		size_t j = i;
		while (j < fq.n && !fold_is_space(fq.c[j]))
			j++;
		if (j == i)
			break;
		words++;
		for (size_t d = 0; d < n; d++) {
			int h = contains(&ftitle[d], fq.c + i, j - i) ? 2 : 0;
			for (size_t k = 0; !h && k < docs[d].ntext; k++)
				if (contains(&fpart[d][k], fq.c + i, j - i))
					h = 1;
			if (h < level[d])
				level[d] = h;
		}
		i = j;
	}
	uint32_t want[MAX_DOCS];
	size_t m = 0;
	for (int l = 2; words && l >= 1; l--)
		for (size_t d = 0; d < n; d++)
			if (level[d] == l)
				want[m++] = (uint32_t)d;
	uint32_t *got = NULL;
	size_t gn = si_search(ix, f, q, qlen, &got);
	if (gn != m || (m && memcmp(got, want, m * sizeof *got))) {
		fprintf(stderr, "search: %zu results, a plain search finds %zu\n", gn, m);
		abort();
	}
	free(got);
	free(fq.c);
	for (size_t d = 0; d < n; d++) {
		free(ftitle[d].c);
		for (size_t k = 0; k < docs[d].ntext; k++)
			free(fpart[d][k].c);
	}
	si_free(ix);
	si_free(ix2);
	return 0;
}
