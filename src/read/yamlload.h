/* yamlload: libyaml events -> value tree, with positions and hard limits.
 * Typing follows the YAML 1.2 core schema for plain scalars only (true/false,
 * null/~, integers, floats); everything else, including NO, on and numbers
 * written with leading zeros (0755, 028), stays text. Every scalar keeps its
 * text exactly as written, so a field can be typed by what it means.
 * Duplicate keys, non-text keys, tabs in indentation, more than one
 * document and every limit below are errors, reported to diag. */
#ifndef QD_YAMLLOAD_H
#define QD_YAMLLOAD_H
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

#define YL_MAX_DEPTH 32            /* nested lists/maps */
#define YL_MAX_SCALAR (1u << 20)   /* bytes in one scalar */
#define YL_MAX_ALIASES 1000        /* alias uses in one document */
#define YL_MAX_ALIAS_NODES 100000  /* nodes reachable through aliases */

/* Parse `len` bytes of YAML text (UTF-8, no BOM) from `path`; `first_line`
 * is the file line the text starts on (1 for a whole file, 2 for front
 * matter). Returns the document's root (a V_NULL value for an empty
 * document) or NULL after reporting errors. The tree belongs to `a`; nodes
 * reached through an alias are shared, not copied. */
value *yamlload_parse(arena *a, diag *d, const char *path, const char *text, size_t len,
		 unsigned first_line);
/* The same, with the scalars' texts (keys' too) in `texts` and the rest
 * of the tree (nodes and their lists) in `a`: a caller that keeps only
 * texts once it has read the tree may free `a` then. */
value *yamlload_parse_split(arena *a, arena *texts, diag *d, const char *path, const char *text,
			    size_t len, unsigned first_line);

/* Core-schema type of a plain scalar: V_NULL, V_BOOL, V_INT, V_FLOAT or
 * V_STR; fills *v's u field for the typed ones. */
vkind yamlload_core_type(const char *s, size_t len, value *v);

#endif
