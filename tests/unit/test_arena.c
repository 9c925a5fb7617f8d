/* arena: carving, and the reuse of blocks given back (arena.c's pools). */
#include <stdint.h>

#include "arena.h"
#include "t.h"

#if defined(__SANITIZE_ADDRESS__)
#define T_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define T_ASAN 1
#endif
#endif
#ifdef T_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* Enough 1 KB pieces to pass the megabyte after which an arena grows by
 * huge blocks, and fill two of them. */
#define PIECES (1024 + 2 * 2048)

static void carve_pieces(arena *a, unsigned char **at)
{
	for (size_t i = 0; i < PIECES; i++)
		at[i] = arena_alloc_raw(a, 1024);
}

TEST(arena_alloc_aligned_and_zeroed)
{
	arena a;
	arena_init(&a);
	for (size_t n = 1; n < 200; n += 7) {
		unsigned char *p = arena_alloc(&a, n);
		CHECK(((uintptr_t)p & 15) == 0);
		size_t zero = 0;
		for (size_t i = 0; i < n; i++)
			zero += p[i] == 0;
		CHECK_INT(zero, n);
		memset(p, 0xAB, n);
	}
	CHECK_STR(arena_strndup(&a, "白莲池街道", 6), "白莲");
	arena_free(&a);
	CHECK(a.head == NULL);
}

TEST(arena_big_allocation_keeps_head_space)
{
	arena a;
	arena_init(&a);
	char *small = arena_alloc(&a, 10);
	char *big = arena_alloc(&a, 200 * 1024); /* a block of its own */
	char *next = arena_alloc(&a, 10);
	CHECK(next == small + 16); /* carved after the first, not in a new block */
	big[200 * 1024 - 1] = 1;
	arena_free(&a);
}

TEST(arena_huge_blocks_are_reused)
{
	static unsigned char *first[PIECES], *second[PIECES];
	arena a, b;
	arena_init(&a);
	carve_pieces(&a, first);
	arena_free(&a);
#ifdef T_ASAN
	/* given back: poisoned until handed out again */
	CHECK(__asan_address_is_poisoned(first[PIECES - 1]));
	CHECK(__asan_address_is_poisoned(first[0]));
#endif
	arena_init(&b);
	carve_pieces(&b, second);
	/* the huge blocks come back in the order they were taken, so the
	 * same pieces land at the same addresses */
	size_t same = 0;
	for (size_t i = 1024 + 16; i < PIECES; i++)
		same += first[i] == second[i];
	CHECK_INT(same, PIECES - 1024 - 16);
#ifdef T_ASAN
	CHECK(!__asan_address_is_poisoned(second[PIECES - 1]));
#endif
	memset(second[PIECES - 1], 1, 1024);
	arena_free(&b);
}

TEST(arena_reset_keeps_one_block)
{
	arena a;
	arena_init(&a);
	unsigned char *p = arena_alloc_raw(&a, 100);
	for (int i = 0; i < 200; i++)
		arena_alloc_raw(&a, 1024);
	arena_reset(&a);
	CHECK_INT(a.total, 0);
	unsigned char *q = arena_alloc_raw(&a, 100);
	CHECK(q != NULL);
	(void)p;
	arena_free(&a);
}
