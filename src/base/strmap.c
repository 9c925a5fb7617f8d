/* strmap: open-addressing string hash map (see strmap.h). */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void strmap_init(strmap *m)
{
	memset(m, 0, sizeof *m);
}

void strmap_free(strmap *m)
{
	free(m->slots);
	strmap_init(m);
}

uint64_t strmap_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static strmap_slot *find(const strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		strmap_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

void *strmap_get(const strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return NULL;
	strmap_slot *s = find(m, key, len, strmap_hash(key, len));
	return s->key ? s->val : NULL;
}

static void rehash_to(strmap *m, size_t cap)
{
	strmap old = *m;
	m->cap = cap;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < old.cap; i++) {
		strmap_slot *o = &old.slots[i];
		if (o->key)
			*find(m, o->key, o->len, o->hash) = *o;
	}
	free(old.slots);
}

void strmap_reserve(strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;
	while (n * 4 > cap * 3)
		cap *= 2;
	if (cap != m->cap)
		rehash_to(m, cap);
}

static strmap_slot *slot_for(strmap *m, const char *key, size_t len)
{
	if ((m->n + 1) * 4 > m->cap * 3)
		rehash_to(m, m->cap ? m->cap * 2 : 16);
	uint64_t h = strmap_hash(key, len);
	strmap_slot *s = find(m, key, len, h);
	if (!s->key) {
		s->key = key;
		s->len = len;
		s->hash = h;
		s->val = NULL;
		m->n++;
	}
	return s;
}

void strmap_set(strmap *m, const char *key, size_t len, void *val)
{
	slot_for(m, key, len)->val = val;
}

void *strmap_put(strmap *m, const char *key, size_t len, void *val)
{
	size_t before = m->n;
	strmap_slot *s = slot_for(m, key, len);
	if (m->n == before)
		return s->val;
	s->val = val;
	return NULL;
}
