/* strmap: a string-keyed hash map (open addressing) for lookups by id and
 * name. Keys are not copied: they must outlive the map (arena strings).
 * The table itself is malloc'd and freed with strmap_free. */
#ifndef QD_STRMAP_H
#define QD_STRMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct strmap_slot {
	const char *key;
	size_t len;
	uint64_t hash;
	void *val;
} strmap_slot;

typedef struct strmap {
	strmap_slot *slots;
	size_t cap; /* power of two, 0 when empty */
	size_t n;
} strmap;

void strmap_init(strmap *m);
void strmap_free(strmap *m);
/* Room for n keys in all without growing again (one table, not a chain of
 * doubling ones: a build's big maps hold tens of thousands of keys). */
void strmap_reserve(strmap *m, size_t n);
/* The value stored under key, or NULL. */
void *strmap_get(const strmap *m, const char *key, size_t len);
/* Store val under key unless present. Returns the value already stored
 * (and stores nothing), or NULL when val was stored. */
void *strmap_put(strmap *m, const char *key, size_t len, void *val);
/* Store val under key, replacing any value stored before. */
void strmap_set(strmap *m, const char *key, size_t len, void *val);
/* FNV-1a, exposed for callers that hash other byte strings. */
uint64_t strmap_hash(const char *s, size_t len);

#endif
