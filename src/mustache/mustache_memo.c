/* mustache_memo: the table of remembered rows (see mu_memo in
 * mustache.h; mustache_render.c decides what may be kept and when it may
 * be used again). Readers never lock: an entry is complete before it is
 * published at the head of its bucket's chain, and never changes after.
 * Writers take the lock only to allocate and publish. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_int.h"
#include "xalloc.h"

struct mu_memo {
	_Atomic(const mu_memo_entry *) *bucket;
	size_t mask;
	/* a bit per output seen once (by a hash of the row, its section and
	 * its root values): an output is kept the second time it is made,
	 * so a row met once (a list's own page, a print table) costs no
	 * memory */
	atomic_ullong *seen;
	size_t seen_mask; /* in bits */
	arena mem;              /* entries, their output and texts */
	size_t bytes, max_bytes; /* kept so far (under lock) */
	atomic_size_t hits, kept;
	pthread_mutex_t lock;
};

mu_memo *mu_memo_new(size_t rows, size_t max_bytes)
{
	mu_memo *m = xcalloc(1, sizeof *m);
	size_t n = 1024;
	while (n < rows && n < ((size_t)1 << 24))
		n *= 2;
	m->bucket = xcalloc(n, sizeof *m->bucket);
	m->mask = n - 1;
	m->seen = xcalloc(n / 4, sizeof *m->seen); /* 16 bits a row */
	m->seen_mask = n * 16 - 1;
	m->max_bytes = max_bytes;
	arena_init(&m->mem);
	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void mu_memo_free(mu_memo *m)
{
	if (!m)
		return;
	arena_free(&m->mem);
	pthread_mutex_destroy(&m->lock);
	free((void *)m->bucket);
	free((void *)m->seen);
	free(m);
}

void mu_memo_stats(const mu_memo *m, size_t *hits, size_t *kept)
{
	*hits = atomic_load(&m->hits);
	*kept = atomic_load(&m->kept);
}

static size_t slot(const mu_memo *m, const mu_op *op, const void *e)
{
	uint64_t k = (uint64_t)(uintptr_t)op * 0x9E3779B97F4A7C15ull ^ (uint64_t)(uintptr_t)e;
	k *= 0xBF58476D1CE4E5B9ull;
	return (size_t)(k >> 32) & m->mask;
}

bool mu_memo_again(mu_memo *m, const mu_op *op, const void *e, const mu_dep *deps, unsigned ndeps)
{
	uint64_t h = (uint64_t)(uintptr_t)op * 0x9E3779B97F4A7C15ull ^ (uint64_t)(uintptr_t)e;
	for (unsigned i = 0; i < ndeps; i++) {
		const mu_dep *d = &deps[i];
		h = (h ^ (uint64_t)(uintptr_t)d->op ^ (uint64_t)d->how << 8 ^ d->kind) * 0xBF58476D1CE4E5B9ull;
		h = (h ^ (uint64_t)(uintptr_t)d->v) * 0x94D049BB133111EBull;
		for (uint32_t k = 0; k < d->len; k++)
			h = (h ^ (unsigned char)d->text[k]) * 0x100000001B3ull;
	}
	h ^= h >> 31;
	size_t bit = (size_t)(h * 0x9E3779B97F4A7C15ull >> 20) & m->seen_mask;
	unsigned long long mask = 1ull << (bit & 63);
	return atomic_fetch_or_explicit(&m->seen[bit >> 6], mask, memory_order_relaxed) & mask;
}

const mu_memo_entry *mu_memo_first(const mu_memo *m, const mu_op *op, const void *e)
{
	return atomic_load_explicit(&m->bucket[slot(m, op, e)], memory_order_acquire);
}

void mu_memo_put(mu_memo *m, const mu_op *op, const void *e, const char *out, size_t len,
		 const mu_dep *deps, unsigned ndeps)
{
	size_t texts = 0;
	for (unsigned i = 0; i < ndeps; i++)
		texts += deps[i].len;
	size_t size = sizeof(mu_memo_entry) + ndeps * sizeof(mu_dep) + len + texts;
	pthread_mutex_lock(&m->lock);
	if (m->bytes + size > m->max_bytes) {
		pthread_mutex_unlock(&m->lock);
		return;
	}
	m->bytes += size;
	mu_memo_entry *en = arena_alloc_raw(&m->mem, sizeof *en + ndeps * sizeof(mu_dep));
	char *bytes = arena_alloc_raw(&m->mem, len + texts + 1);
	en->op = op;
	en->e = e;
	en->out = memcpy(bytes, out, len);
	en->len = len;
	en->ndeps = ndeps;
	char *tp = bytes + len;
	for (unsigned i = 0; i < ndeps; i++) {
		en->deps[i] = deps[i];
		if (deps[i].len) {
			memcpy(tp, deps[i].text, deps[i].len);
			en->deps[i].text = tp;
			tp += deps[i].len;
		}
	}
	_Atomic(const mu_memo_entry *) *b = &m->bucket[slot(m, op, e)];
	en->next = atomic_load_explicit(b, memory_order_relaxed);
	atomic_store_explicit(b, en, memory_order_release);
	pthread_mutex_unlock(&m->lock);
	atomic_fetch_add_explicit(&m->kept, 1, memory_order_relaxed);
}

void mu_memo_count(mu_memo *m, size_t hits)
{
	atomic_fetch_add_explicit(&m->hits, hits, memory_order_relaxed);
}
