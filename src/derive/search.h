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

#include "fold.h"

typedef struct si_doc {
	const char *title, *text; /* UTF-8 (valid), not folded; text may be NULL */
	size_t title_len, text_len;
} si_doc;

/* A term: one character (b == 0) or a pair (a, b), and where it stands,
 * as the site's files will carry it (varints of 7 bits, low first):
 *  - docs: per document it is in, ascending: (number - previous) << 1 |
 *    whether the title has it (the first "previous" is 0);
 *  - pos (pairs only): per document, in the same order, the count of its
 *    places, then per place (position - previous) << 1 | in the title
 *    (positions count characters from the title's start, the title and
 *    the text parted by one character that is in no term; "previous"
 *    starts at 0 in each document). */
typedef struct si_term {
	uint32_t a, b;
	uint32_t ndocs, last_doc;
	unsigned char *docs, *pos;
	size_t docs_len, pos_len, docs_cap, pos_cap;
} si_term;

typedef struct si_index {
	size_t ndocs;
	si_term *terms; /* sorted by (a, b) */
	size_t nterms;
} si_index;

/* Index n documents; f folds (NULL: width and case only). */
si_index *si_build(const si_doc *docs, size_t n, fold *f);
/* The same index, made on up to `nthreads` threads (each its own part of
 * the documents, then joined), thread k folding with folds[k]. The bytes
 * are those si_build gives. */
si_index *si_build_par(const si_doc *docs, size_t n, fold **folds, unsigned nthreads);
void si_free(si_index *ix);

/* The term (a, b), or NULL. */
const si_term *si_term_find(const si_index *ix, uint32_t a, uint32_t b);

/* The documents that contain every word of the query: first those whose
 * title contains every word, then the others, each group by document
 * number. Sets *out (malloc'd, the caller frees; NULL when none) and
 * returns the count. A query without words finds nothing. */
size_t si_search(const si_index *ix, fold *f, const char *q, size_t len, uint32_t **out);

#endif
