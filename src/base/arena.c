/* arena: block-chained bump allocator (see arena.h). */
#include "arena.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16
/* Once an arena holds this much, it grows by huge blocks: one page fault
 * and one transparent huge page per 2 MB instead of 512 faults. */
#define ARENA_HUGE (2 * 1024 * 1024)
#define ARENA_GROW (1024 * 1024)

/* Where a block came from, and so where it goes back to. */
typedef enum block_kind {
	BLOCK_POOL, /* ARENA_BLOCK bytes, carved by the pool (pool_get) */
	BLOCK_HUGE, /* ARENA_HUGE bytes of huge pages, kept for reuse (huge_get) */
	BLOCK_OWN   /* any size, malloc'd for one allocation: freed */
} block_kind;

struct arena_block {
	arena_block *next;
	size_t size;
	block_kind kind;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

/* A block given back is poisoned for AddressSanitizer until it is handed
 * out again, so that memory read after its arena was freed is reported
 * in the sanitized build as it would be if the block went to free().
 * (The header stays readable: the free lists run through it.) */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* ---- the pool of first blocks ----
 *
 * Every arena starts with blocks of ARENA_BLOCK, and a build has hundreds
 * of arenas (one per content file read, per page rendered, per thread).
 * Taken from malloc, each fresh 4 KB of them costs a page fault: some 13
 * microseconds on the virtual machines this runs on, 60 ms of a 10,000-need
 * build. The pool carves them from huge pages instead (one fault per 2 MB)
 * and takes them back when an arena is freed, for the next arena. */
#define POOL_CHUNK ARENA_HUGE

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static arena_block *pool_free; /* blocks given back, ready again */
static unsigned char *pool_next, *pool_end; /* the current chunk's rest */
/* Huge blocks given back. A build frees some (the YAML tree once the
 * records are made, the search index once written) while later steps
 * still grow: reusing them saves a fresh huge page each, whose first
 * touch costs the kernel 2 MB of zeroing (and the host, on a virtual
 * machine, its own faults). */
static arena_block *huge_free;

/* A block of `bytes` from `list` (with pool_lock held), or NULL. */
static arena_block *take(arena_block **list, size_t bytes)
{
	arena_block *b = *list;
	if (b) {
		*list = b->next;
		UNPOISON(b->data, bytes - sizeof *b);
	}
	return b;
}

static arena_block *pool_get(void)
{
	pthread_mutex_lock(&pool_lock);
	arena_block *b = take(&pool_free, ARENA_BLOCK);
	if (!b) {
		if ((size_t)(pool_end - pool_next) < ARENA_BLOCK) {
			pool_next = xhuge(POOL_CHUNK);
			pool_end = pool_next + POOL_CHUNK;
		}
		b = (arena_block *)pool_next;
		pool_next += ARENA_BLOCK;
	}
	pthread_mutex_unlock(&pool_lock);
	b->kind = BLOCK_POOL;
	b->size = ARENA_BLOCK - sizeof *b;
	return b;
}

static arena_block *huge_get(void)
{
	pthread_mutex_lock(&pool_lock);
	arena_block *b = take(&huge_free, ARENA_HUGE);
	pthread_mutex_unlock(&pool_lock);
	if (!b)
		b = xmalloc(ARENA_HUGE); /* huge pages: xalloc.h */
	b->kind = BLOCK_HUGE;
	b->size = ARENA_HUGE - sizeof *b;
	return b;
}

static void block_free(arena_block *b)
{
	if (b->kind == BLOCK_OWN) {
		free(b);
		return;
	}
	arena_block **list = b->kind == BLOCK_POOL ? &pool_free : &huge_free;
	pthread_mutex_lock(&pool_lock);
	b->next = *list;
	*list = b;
	POISON(b->data, b->size);
	pthread_mutex_unlock(&pool_lock);
}

void arena_pool_free(size_t *bytes)
{
	size_t n = 0;
	pthread_mutex_lock(&pool_lock);
	for (arena_block *b = pool_free; b; b = b->next)
		n += ARENA_BLOCK;
	for (arena_block *b = huge_free; b; b = b->next)
		n += ARENA_HUGE;
	n += (size_t)(pool_end - pool_next);
	pthread_mutex_unlock(&pool_lock);
	*bytes = n;
}

void arena_init(arena *a)
{
	memset(a, 0, sizeof *a);
}

void arena_free(arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		block_free(b);
		b = next;
	}
	arena_init(a);
}

void arena_reset(arena *a)
{
	arena_block *keep = a->head;
	if (!keep || keep->size > ARENA_HUGE) {
		arena_free(a);
		return;
	}
	arena_block *b = keep->next;
	while (b) {
		arena_block *next = b->next;
		block_free(b);
		b = next;
	}
	keep->next = NULL;
	a->next = keep->data;
	a->limit = keep->data + keep->size;
	a->total = 0;
}

void arena_adopt(arena *dst, arena *src)
{
	arena_block *b = src->head;
	if (!b)
		return;
	if (!dst->head) {
		*dst = *src;
		arena_init(src);
		return;
	}
	/* keep dst's head (and its free space) first; src's chain goes after */
	arena_block *last = b;
	while (last->next)
		last = last->next;
	last->next = dst->head->next;
	dst->head->next = b;
	dst->total += src->total;
	arena_init(src);
}

/* A block of its own for one big allocation (of huge pages from a
 * megabyte on: xalloc.h). */
static arena_block *big_block(size_t bytes)
{
	arena_block *b = xmalloc(bytes);
	b->kind = BLOCK_OWN;
	return b;
}

static void *carve(arena *a, size_t n, int zero)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n)
		need = SIZE_MAX; /* overflow: let xmalloc fail loudly */
	if ((size_t)(a->limit - a->next) < need) {
		bool big = need > ARENA_BLOCK / 4;
		arena_block *b;
		if (big && need >= ARENA_HUGE / 8 && need <= ARENA_HUGE - sizeof *b) {
			/* a quarter megabyte or more: a huge block, likely one
			 * given back already, rather than malloc's fresh pages
			 * (a fault each 4 KB) */
			b = huge_get();
		} else if (big) {
			b = big_block(sizeof *b + need);
			b->size = need;
		} else if (a->total >= ARENA_GROW) {
			b = huge_get();
		} else {
			b = pool_get();
		}
		if (big && a->head) {
			/* big allocation: own block behind head, keep head's space */
			b->next = a->head->next;
			a->head->next = b;
			a->total += n;
			if (zero)
				memset(b->data, 0, need);
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->next = b->data;
		a->limit = b->data + b->size;
	}
	void *p = a->next;
	a->next += need;
	a->total += n;
	if (zero)
		memset(p, 0, need);
	return p;
}

void *arena_alloc(arena *a, size_t n)
{
	return carve(a, n, 1);
}

void *arena_alloc_slow(arena *a, size_t n)
{
	return carve(a, n, 0);
}

void *arena_array(arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fprintf(stderr, "qingdan: array size overflow\n");
		abort();
	}
	return arena_alloc(a, n * size);
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *arena_memdup(arena *a, const void *p, size_t n)
{
	void *q = arena_alloc_raw(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

void *arena_grow(arena *a, void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 16;
	while (c < need) {
		if (c > ((size_t)-1 / 2) / size)
			abort();
		c *= 2;
	}
	void *q = arena_alloc_raw(a, c * size);
	if (*cap)
		memcpy(q, p, *cap * size);
	*cap = c;
	return q;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
