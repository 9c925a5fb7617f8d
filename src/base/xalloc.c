/* xalloc: allocation wrappers that abort on out-of-memory (see xalloc.h). */
#include "xalloc.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void oom(size_t n)
{
	fprintf(stderr, "qingdan: out of memory (requested %zu bytes)\n", n);
	abort();
}

/* From this size on, memory is asked for as transparent huge pages: a
 * fresh 4 KB page costs a page fault, some 13 microseconds on the virtual
 * machines qingdan runs on, and a 2 MB page costs one fault. The index
 * tables, the search index's arrays and the big buffers of a 10,000-need
 * build are megabytes each. */
#define HUGE_PAGE ((size_t)2 << 20)
#define HUGE_FROM ((size_t)1 << 20)

void *xhuge(size_t n)
{
	size_t round = (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (round < n)
		oom(n);
	void *p = aligned_alloc(HUGE_PAGE, round);
	if (!p)
		oom(n);
	madvise(p, round, MADV_HUGEPAGE);
	return p;
}

void *xmalloc(size_t n)
{
	if (n >= HUGE_FROM)
		return xhuge(n);
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	if (n * size >= HUGE_FROM)
		return memset(xhuge(n * size), 0, n * size);
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	if (n >= HUGE_FROM) {
		size_t have = p ? malloc_usable_size(p) : 0;
		if (have >= n)
			return p;
		void *q = xhuge(n);
		if (p) {
			memcpy(q, p, have);
			free(p);
		}
		return q;
	}
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > ((size_t)-1) / 2 / size)
			oom(need * size);
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * size);
}
