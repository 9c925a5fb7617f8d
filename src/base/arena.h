/* arena: one-owner memory for everything a build allocates.
 * Allocations are bump-pointer carved from large blocks and are never freed
 * one by one; arena_free releases them all at once. Blocks are 64 KB until
 * an arena holds a megabyte (carved from huge pages by a pool shared by all
 * arenas), then 2 MB, asked for as transparent huge pages (one page fault
 * each instead of 512: the YAML tree and the views of a 10k build touch
 * tens of megabytes). Blocks of both sizes go back to the pool when their
 * arena is freed, for the next arena to reuse without fresh pages (a block
 * of its own, for one big allocation, goes back to malloc). In a build
 * with AddressSanitizer, a block given back is poisoned until reused.
 * Out-of-memory aborts (see xalloc.h), so no allocation here returns NULL. */
#ifndef QD_ARENA_H
#define QD_ARENA_H
#include <stdarg.h>
#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *head;   /* current block; older blocks chained behind it */
	unsigned char *next; /* head's free space: [next, limit) */
	unsigned char *limit;
	size_t total;        /* bytes handed out, for statistics */
} arena;

/* An empty arena; no memory is taken until the first allocation. */
void arena_init(arena *a);
/* How many bytes the pool holds ready for arenas (given back, or carved
 * and not yet handed out): memory the process has and does not use, for
 * --timings. */
void arena_pool_free(size_t *bytes);
/* Release every block; the arena is empty again and may be reused. */
void arena_free(arena *a);
/* Release everything allocated, like arena_free, but keep one block of
 * ordinary or huge size (not one of its own for a single big allocation)
 * for what comes next: for a scratch arena emptied after
 * each of many pages, whose memory then stays in the cache. */
void arena_reset(arena *a);
/* Move every block of `src` into `dst`: what was allocated from src now
 * lives as long as dst. src is left empty. (Threads allocate from their
 * own arena, then hand the memory to the build's.) */
void arena_adopt(arena *dst, arena *src);
/* `n` bytes aligned for any type, zeroed. Owned by the arena. */
void *arena_alloc(arena *a, size_t n);
/* What arena_alloc_raw does when the head block has no room (or n is
 * absurd): a new block. */
void *arena_alloc_slow(arena *a, size_t n);

/* The same, not zeroed: for memory the caller fills at once. Inline:
 * a page's values make millions of small allocations, nearly all a bump
 * of the pointer. */
static inline void *arena_alloc_raw(arena *a, size_t n)
{
	size_t need = (n + 15) & ~(size_t)15;
	if (need >= n && (size_t)(a->limit - a->next) >= need) {
		void *p = a->next;
		a->next += need;
		a->total += n;
		return p;
	}
	return arena_alloc_slow(a, n);
}
/* An array of `n` elements of `size` bytes, zeroed; checks overflow. */
void *arena_array(arena *a, size_t n, size_t size);
/* NUL-terminated copies of `s` (first `n` bytes for strndup). */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
/* printf into arena memory. */
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);
/* An array of at least `need` elements of `size` bytes with p's first
 * *cap elements in front: p itself when *cap is enough, else a copy twice
 * as large (the old copy stays in the arena, unused). Sets *cap. Not
 * zeroed. For arrays whose length is known only at the end, in memory
 * that costs no page fault per 4 KB (see above) as malloc's does. */
void *arena_grow(arena *a, void *p, size_t *cap, size_t need, size_t size);
/* Copy `n` bytes of `p` into the arena. */
void *arena_memdup(arena *a, const void *p, size_t n);

#endif
