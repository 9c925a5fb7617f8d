/* search: the index that makes search exact in Chinese. Every document
 * (a record's title and its text) is folded (fold.h) and cut into runs at
 * spaces and between its title and text; every character of a run, and
 * every pair of neighbouring characters, is a term, listed with each place
 * it stands (document, position). A word of one character is found by its
 * term; a longer word by its pairs standing one after another at the same
 * place, so that a document is found exactly when its folded title or
 * text contains the word: no dictionary, no word splitting, no misses and
 * no false matches. A query's words (split at spaces) must all be found.
 * This is the index in memory and its query; the files the site serves
 * are written from it. Exported names carry the prefix si_.
 *
 * Documents are numbered in the order given, which is the order results
 * come in after title matches: the caller numbers them by rank. */
#ifndef QD_SEARCH_H
#define QD_SEARCH_H
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "fold.h"

/* A part of a document's text; no word is found across two parts (the
 * title, a description, a place's name). */
typedef struct si_text {
	const char *s; /* UTF-8 (valid), not folded */
	size_t len;
} si_text;

typedef struct si_doc {
	const char *title; /* UTF-8 (valid), not folded */
	size_t title_len;
	const si_text *text; /* its parts, in order */
	size_t ntext;
} si_doc;

/* A term: one character (b == 0) or a pair (a, b), and where it stands,
 * as the site's files will carry it (varints of 7 bits, low first):
 *  - docs: per document it is in, ascending: (number - previous) << 1 |
 *    whether the title has it (the first "previous" is 0);
 *  - pos (pairs only): per document, in the same order, per place
 *    (position + 1 - previous) << 1 | in the title, then 0 (positions
 *    count characters from the title's start, the title and each part
 *    of the text parted by one character that is in no term; "previous"
 *    is the previous place's position + 1, at first 0: every value but
 *    the last is at least 2). */
typedef struct si_term {
	uint32_t a, b;
	uint32_t ndocs, last_doc;
	unsigned char *docs, *pos;
	size_t docs_len, pos_len;
} si_term;

typedef struct si_index {
	size_t ndocs;
	si_term *terms; /* sorted by (a, b) */
	size_t nterms;
	arena mem;      /* the terms' lists */
	uint64_t hash;  /* of the documents' folded texts (see si_parts) */
} si_index;

/* Index n documents; f folds (NULL: width and case only). */
si_index *si_build(const si_doc *docs, size_t n, const fold *f);
/* The same index, made on up to `nthreads` threads (each its own part of
 * the documents, then joined). The bytes are those si_build gives. */
si_index *si_build_par(const si_doc *docs, size_t n, const fold *f, unsigned nthreads);

/* The index as made on up to `nthreads` threads: parts of consecutive
 * documents (numbered as in the whole), not joined in memory (that would
 * copy every list once more) but term by term as they are read. */
typedef struct si_part si_part;
typedef struct si_parts {
	si_part **part;
	unsigned n;
	size_t ndocs;
	/* the terms of all parts, in order, and for each the term's place in
	 * each part (in[i * n + k], -1 when part k lacks it) */
	size_t nterms;
	uint32_t *a, *b;
	int32_t *in;
	size_t docs_bytes; /* of all documents lists */
	/* of every document's number and folded text: a changed index has a
	 * changed hash (whatever the number of threads) */
	uint64_t hash;
} si_parts;

si_parts *si_build_parts(const si_doc *docs, size_t n, const fold *f, unsigned nthreads);
void si_parts_free(si_parts *p);
/* Append v as the lists' varint (7 bits a byte, low first). */
void si_put_varint(buf *b, uint32_t v);
/* The number of term (a, b) among p's terms, or -1. */
long si_parts_find(const si_parts *p, uint32_t a, uint32_t b);
/* Term i's lists as si_term has them, appended to docs and pos (either
 * may be NULL); returns its document count. */
uint32_t si_parts_lists(const si_parts *p, size_t i, buf *docs, buf *pos);
void si_free(si_index *ix);

/* The term (a, b), or NULL. */
const si_term *si_term_find(const si_index *ix, uint32_t a, uint32_t b);

/* The documents that contain every word of the query: first those whose
 * title contains every word, then the others, each group by document
 * number. Sets *out (malloc'd, the caller frees; NULL when none) and
 * returns the count. A query without words finds nothing. */
size_t si_search(const si_index *ix, const fold *f, const char *q, size_t len, uint32_t **out);

#endif
