/* value: the data tree (null, bool, number, string, list, map) that YAML
 * loads into and templates read from. Every node carries its source
 * position. Nodes live in an arena; nothing here frees. */
#ifndef QD_VALUE_H
#define QD_VALUE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

typedef enum vkind { V_NULL, V_BOOL, V_INT, V_FLOAT, V_STR, V_LIST, V_MAP } vkind;

/* Where a value came from: file path (owned by the build's arena), 1-based
 * line and column counted in characters. line 0 means "the whole file";
 * file NULL means "made by the program". */
typedef struct vpos {
	const char *file;
	unsigned line, col;
} vpos;

typedef struct value value;
/* 72 bytes: a 10,000-need build makes some half a million of them. */
struct value {
	vkind kind : 8;
	bool plain;       /* scalar written without quotes or block style */
	bool sealed;      /* map: a row, card or record (see value_seal) */
	bool lasting;     /* it and all it holds stay as they are (value_lasting) */
	uint32_t weight;  /* nodes in this subtree, counting itself (at most
			   * UINT32_MAX: an alias bomb is stopped long before) */
	vpos pos;
	const char *s;    /* every scalar: its text exactly as written */
	size_t len;       /* length of s in bytes */
	union {
		bool b;
		long long i;
		double f;
		unsigned long long keys; /* map: a one-word Bloom filter of its
					  * keys; a key made by value_name
					  * (text): its own bit */
	} u;
	size_t n;         /* list: element count; map: pair count */
	size_t cap;       /* capacity of items (in elements / pairs) */
	value **items;    /* list: n values; map: 2n values, key then value */
};

/* Constructors; results are owned by `a`. value_str copies nothing: `s`
 * must outlive the tree (use arena_strndup first when it does not). */
value *value_new(arena *a, vkind kind);
value *value_null(arena *a);
value *value_bool(arena *a, bool b);
value *value_int(arena *a, long long i);
value *value_float(arena *a, double f);
value *value_str(arena *a, const char *s, size_t len);
value *value_cstr(arena *a, const char *s);
/* A string meant to be a map key again and again (the names views set on
 * every page): its filter bit is worked out once, here. */
value *value_name(arena *a, const char *s);
value *value_list(arena *a, size_t cap);
value *value_map(arena *a, size_t cap);

/* Mark a map as a row, card or record: a template reading a name the map
 * lacks, inside it, must not find the value of an enclosing section (a
 * row without a budget would show its group's subtotal); the template
 * engine looks such a name up at the root only (mustache.h: mu_data's
 * sealed). Returns m. */
value *value_seal(value *m);
/* Seal every map that is an element of a list, at any depth: the rows of
 * a tree read from YAML, as the views seal theirs (the template engine's
 * tests and fuzz target). */
void value_seal_rows(value *v);
/* Make a scalar text (its own text as written), whatever it was read
 * as: the number or boolean it held is dropped with its kind (u holds a
 * text's key filter bit, value_name). */
void value_make_text(value *v);
/* Mark v as made once for a whole build and never changed after, at the
 * same address, as long as the build's arena lives, everything it holds
 * included (not a page's value, whose arena is reset): the template
 * engine may then remember what a row printed for it (mu_memo). Returns v. */
value *value_lasting(value *v);

/* Append to a list / add a pair to a map (no duplicate check; the loader
 * checks duplicates itself). Grows inside the arena when full. */
void value_push(arena *a, value *list, value *v);
void value_set(arena *a, value *map, const char *key, value *v);
void value_set_kv(arena *a, value *map, value *key, value *v);
/* A map of the n pairs keys[i]: vals[i], made in one go (the keys are
 * distinct). */
value *value_map_of(arena *a, size_t n, value *const *keys, value *const *vals);

/* Map lookup by key text; NULL when absent or `map` is not a map.
 * Linear: maps in content and views are small. */
value *value_get(const value *map, const char *key);
value *value_getn(const value *map, const char *key, size_t len);
/* The i-th key / value of a map. */
static inline value *value_key(const value *m, size_t i) { return m->items[2 * i]; }
static inline value *value_val(const value *m, size_t i) { return m->items[2 * i + 1]; }

/* Mustache truthiness: null, false, empty list are false; everything else
 * (including 0 and "") is true. */
bool value_truthy(const value *v);
/* Append the text form of a scalar: strings as is, integers in decimal,
 * floats in their shortest round-trip form (1.210 -> "1.21"), booleans
 * as true/false, null as nothing. Lists and maps append nothing. */
void value_text(const value *v, buf *out);
/* Format a double in its shortest round-trip form. */
void value_fmt_double(double f, buf *out);
/* Readable name of a kind for error messages ("a list", "text", ...). */
const char *value_kind_name(vkind k);
/* Write the tree as JSON (strings escaped for JSON, also safe inside an
 * HTML <script>: '<', '>', '&', U+2028/9 are escaped). */
void value_json(const value *v, buf *out);
/* The same, indented by two spaces per level, ending in a newline. */
void value_json_pretty(const value *v, buf *out);

#endif
