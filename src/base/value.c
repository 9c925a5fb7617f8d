/* value: constructors, lookup and text forms of the data tree (value.h). */
#include "value.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* a + b, stopping at UINT32_MAX */
static inline uint32_t weigh(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

value *value_new(arena *a, vkind kind)
{
	value *v = arena_alloc_raw(a, sizeof *v);
	*v = (value){ .kind = kind, .s = "", .weight = 1 };
	return v;
}

value *value_null(arena *a) { return value_new(a, V_NULL); }

value *value_seal(value *m)
{
	m->sealed = true;
	return m;
}

static void seal_in(value *v, bool in_list)
{
	if (!v)
		return;
	if (v->kind == V_MAP && in_list)
		value_seal(v);
	if (v->kind == V_LIST)
		for (size_t i = 0; i < v->n; i++)
			seal_in(v->items[i], true);
	if (v->kind == V_MAP)
		for (size_t i = 0; i < v->n; i++)
			seal_in(value_val(v, i), false);
}

void value_seal_rows(value *v)
{
	seal_in(v, false);
}

void value_make_text(value *v)
{
	v->kind = V_STR;
	v->u.keys = 0;
}

value *value_lasting(value *v)
{
	v->lasting = true;
	return v;
}

value *value_bool(arena *a, bool b)
{
	value *v = value_new(a, V_BOOL);
	v->u.b = b;
	v->s = b ? "true" : "false";
	v->len = strlen(v->s);
	return v;
}

value *value_int(arena *a, long long i)
{
	value *v = value_new(a, V_INT);
	char tmp[24], *p = buf_fmt_int(tmp, i);
	v->u.i = i;
	v->len = (size_t)(tmp + sizeof tmp - p);
	v->s = arena_strndup(a, p, v->len);
	return v;
}

value *value_float(arena *a, double f)
{
	value *v = value_new(a, V_FLOAT);
	buf b = BUF_INIT;
	value_fmt_double(f, &b);
	v->u.f = f;
	v->s = arena_strndup(a, b.ptr, b.len);
	v->len = b.len;
	buf_free(&b);
	return v;
}

value *value_str(arena *a, const char *s, size_t len)
{
	value *v = value_new(a, V_STR);
	v->s = s;
	v->len = len;
	return v;
}

value *value_cstr(arena *a, const char *s)
{
	return value_str(a, s, strlen(s));
}

value *value_list(arena *a, size_t cap)
{
	value *v = value_new(a, V_LIST);
	v->cap = cap;
	v->items = cap ? arena_alloc_raw(a, cap * sizeof *v->items) : NULL;
	return v;
}

value *value_map(arena *a, size_t cap)
{
	value *v = value_new(a, V_MAP);
	v->cap = cap;
	v->items = cap ? arena_alloc_raw(a, cap * 2 * sizeof *v->items) : NULL;
	return v;
}

static void reserve(arena *a, value *v, size_t slots_per)
{
	if (v->n < v->cap)
		return;
	size_t cap = v->cap ? v->cap * 2 : 8;
	value **items = arena_alloc_raw(a, cap * slots_per * sizeof *items);
	if (v->n)
		memcpy(items, v->items, v->n * slots_per * sizeof *items);
	v->items = items;
	v->cap = cap;
}

void value_push(arena *a, value *list, value *v)
{
	reserve(a, list, 1);
	list->items[list->n++] = v;
	list->weight = weigh(list->weight, v->weight);
}

/* Which bit of a map's filter a key sets: templates look most names up
 * in several maps down the context stack, and most of those lookups are
 * misses that the filter answers without comparing keys. */
static inline unsigned long long key_bit(const char *s, size_t len)
{
	if (!len)
		return 1;
	unsigned h = (unsigned char)s[0] * 31u + (unsigned char)s[len - 1] * 7u + (unsigned)len;
	return 1ull << (h & 63);
}

/* The filter bit of a key value: worked out already for value_name's. */
static inline unsigned long long bit_of(const value *key)
{
	return key->kind == V_STR && key->u.keys ? key->u.keys : key_bit(key->s, key->len);
}

value *value_map_of(arena *a, size_t n, value *const *keys, value *const *vals)
{
	value *m = value_new(a, V_MAP);
	m->cap = n;
	m->items = n ? arena_alloc_raw(a, 2 * n * sizeof *m->items) : NULL;
	for (size_t i = 0; i < n; i++) {
		m->u.keys |= bit_of(keys[i]);
		m->items[2 * i] = keys[i];
		m->items[2 * i + 1] = vals[i];
		m->weight = weigh(m->weight, weigh(keys[i]->weight, vals[i]->weight));
	}
	m->n = n;
	return m;
}

value *value_name(arena *a, const char *s)
{
	value *k = value_cstr(a, s);
	k->u.keys = key_bit(k->s, k->len);
	return k;
}

void value_set_kv(arena *a, value *map, value *key, value *v)
{
	map->u.keys |= bit_of(key);
	reserve(a, map, 2);
	map->items[2 * map->n] = key;
	map->items[2 * map->n + 1] = v;
	map->n++;
	map->weight = weigh(map->weight, weigh(key->weight, v->weight));
}

void value_set(arena *a, value *map, const char *key, value *v)
{
	value_set_kv(a, map, value_cstr(a, key), v);
}

/* Where a key was found last, by the address of the name looked up: a
 * template looks the same name up, from the same place in its text, in
 * many maps built alike (one per item row), so the guess is nearly always
 * right and saves the scan. Per thread; a wrong guess costs one compare. */
static _Thread_local unsigned char key_hint[512];

/* k's text is key's: keys are short names, compared here without a call
 * to memcmp. */
static inline uint64_t load8(const char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	return x;
}

static inline uint32_t load4(const char *p)
{
	uint32_t x;
	memcpy(&x, p, 4);
	return x;
}

/* Names are short ("url", "community_url"): compared as a word or two
 * from each end (overlapping, never past either end) rather than a byte
 * at a time; five million lookups a build. */
static inline bool same_key(const value *k, const char *key, size_t len)
{
	if (k->len != len)
		return false;
	const char *s = k->s;
	if (len >= 8 && len <= 16)
		return load8(s) == load8(key) && load8(s + len - 8) == load8(key + len - 8);
	if (len >= 4 && len < 8)
		return load4(s) == load4(key) && load4(s + len - 4) == load4(key + len - 4);
	return memcmp(s, key, len) == 0;
}

/* The search through every key, when the hint did not find it: out of
 * line, so that the common case saves no registers. */
static __attribute__((noinline)) value *getn_scan(const value *map, const char *key, size_t len,
						  unsigned char *hint)
{
	for (size_t i = 0; i < map->n; i++) {
		const value *k = map->items[2 * i];
		if (same_key(k, key, len)) {
			*hint = (unsigned char)(i < 256 ? i : 255);
			return map->items[2 * i + 1];
		}
	}
	return NULL;
}

value *value_getn(const value *map, const char *key, size_t len)
{
	if (!map || map->kind != V_MAP || !(map->u.keys & key_bit(key, len)))
		return NULL;
	unsigned char *hint = &key_hint[((uintptr_t)key >> 2) & 511];
	if (*hint < map->n) {
		const value *k = map->items[2 * *hint];
		if (same_key(k, key, len))
			return map->items[2 * *hint + 1];
	}
	return getn_scan(map, key, len, hint);
}

value *value_get(const value *map, const char *key)
{
	return value_getn(map, key, strlen(key));
}

bool value_truthy(const value *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case V_NULL: return false;
	case V_BOOL: return v->u.b;
	case V_LIST: return v->n > 0;
	default: return true;
	}
}

void value_fmt_double(double f, buf *out)
{
	char tmp[40];
	if (isnan(f)) {
		buf_puts(out, "NaN");
		return;
	}
	if (isinf(f)) {
		buf_puts(out, f < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (f == floor(f) && fabs(f) < 1e15) {
		snprintf(tmp, sizeof tmp, "%.0f", f);
		buf_puts(out, strcmp(tmp, "-0") == 0 ? "0" : tmp);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, f);
		if (strtod(tmp, NULL) == f)
			break;
	}
	buf_puts(out, tmp);
}

void value_text(const value *v, buf *out)
{
	if (!v)
		return;
	switch (v->kind) {
	case V_NULL: case V_LIST: case V_MAP: return;
	case V_BOOL: buf_puts(out, v->u.b ? "true" : "false"); return;
	case V_INT: buf_puti(out, v->u.i); return;
	case V_FLOAT: value_fmt_double(v->u.f, out); return;
	case V_STR: buf_put(out, v->s, v->len); return;
	}
}

const char *value_kind_name(vkind k)
{
	switch (k) {
	case V_NULL: return "nothing (null)";
	case V_BOOL: return "true/false";
	case V_INT: return "a whole number";
	case V_FLOAT: return "a number";
	case V_STR: return "text";
	case V_LIST: return "a list";
	case V_MAP: return "a map of keys";
	}
	return "?";
}

static void json_str(const char *s, size_t len, buf *out)
{
	buf_putc(out, '"');
	esc_json(out, s, len);
	buf_putc(out, '"');
}

static void newline(buf *out, int indent)
{
	if (indent < 0)
		return;
	buf_putc(out, '\n');
	for (int i = 0; i < indent; i++)
		buf_puts(out, "  ");
}

static void json(const value *v, buf *out, int indent)
{
	int inner = indent < 0 ? -1 : indent + 1;
	if (!v) {
		buf_puts(out, "null");
		return;
	}
	switch (v->kind) {
	case V_NULL: buf_puts(out, "null"); return;
	case V_BOOL: case V_INT: value_text(v, out); return;
	case V_FLOAT:
		if (isnan(v->u.f) || isinf(v->u.f))
			buf_puts(out, "null");
		else
			value_fmt_double(v->u.f, out);
		return;
	case V_STR: json_str(v->s, v->len, out); return;
	case V_LIST:
		buf_putc(out, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				buf_putc(out, ',');
			newline(out, inner);
			json(v->items[i], out, inner);
		}
		if (v->n)
			newline(out, indent);
		buf_putc(out, ']');
		return;
	case V_MAP:
		buf_putc(out, '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				buf_putc(out, ',');
			newline(out, inner);
			const value *k = value_key(v, i);
			json_str(k->s, k->len, out);
			buf_puts(out, indent < 0 ? ":" : ": ");
			json(value_val(v, i), out, inner);
		}
		if (v->n)
			newline(out, indent);
		buf_putc(out, '}');
		return;
	}
}

void value_json(const value *v, buf *out)
{
	json(v, out, -1);
}

void value_json_pretty(const value *v, buf *out)
{
	json(v, out, 0);
	buf_putc(out, '\n');
}
