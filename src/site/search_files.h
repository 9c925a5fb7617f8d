/* search_files: the search index as the files the site serves, so that a
 * query downloads only what it needs (the search page's script,
 * templates/assets/search.js, reads them).
 *
 * Everything lives in one folder, search/<16 hex digits>/, named by a hash
 * of the index and the result lines: a changed index is a new folder, so
 * WeChat's hard cache never mixes old and new parts.
 *
 *  - Terms (derive/search.h) are spread over `buckets` buckets (a power of
 *    two) by sfile_bucket, a hash the script computes the same way. Bucket
 *    k's terms, ascending by (a, b), are in d<k>.bin: per term the varints
 *    a, b, its document count, the length of its documents list, then that
 *    list; and, for its pairs, in p<k>.bin: per pair a, b, the length of
 *    its places list, then that list. A query of one or two characters per
 *    word reads only d files; a longer word reads the p files of its
 *    pairs too. Every bucket has a d file (perhaps empty); a bucket
 *    without pairs has no p file.
 *  - Result lines (search_docs.h), `per` to a file: m<k>.json is the JSON
 *    array of the lines of documents k*per to (k+1)*per - 1.
 *
 * The query's script folding (fold.h) comes with the search page: the
 * pairs of traditional and simplified characters whose simplified form is
 * in the index (t2s); the rest of the table cannot matter to a query.
 *
 * sfile_index makes the index from the model alone, sfile_name the
 * result lines (they need the pages' URLs) and the folder's name (the
 * search page needs it); the files' bytes are made one by one as they are
 * written (sfile_file), so they are never all in memory at once.
 * Exported names carry the prefix sfile_. */
#ifndef QD_SEARCH_FILES_H
#define QD_SEARCH_FILES_H
#include <stdint.h>

#include "search.h"
#include "search_docs.h"

typedef struct search_files {
	const char *dir;   /* "search/<hash>/", relative to the output folder */
	unsigned buckets;  /* a power of two */
	unsigned per;      /* result lines per m file */
	size_t ndocs;
	const char *t2s;   /* traditional, simplified, ... as UTF-8 */
	/* what the files are made from (owned; sfile_free) */
	arena work;        /* the documents and their result lines */
	search_docs docs;
	si_parts *ix;
	size_t *order;     /* the index's terms by bucket ... */
	size_t *first;     /* ... bucket k's are order[first[k] .. first[k + 1]) */
} search_files;

/* The site's search index: its documents (search_docs.h), their index
 * (on up to `nthreads` threads), the folding table a query needs; in `a`. */
void sfile_index(search_files *sf, const site *s, arena *a, unsigned nthreads);
/* Then its result lines and its folder's name, in `a`. */
void sfile_name(search_files *sf, const view_ctx *vc, arena *a);
void sfile_free(search_files *sf);

/* How many files there are at most, and file k's bytes (into out, emptied
 * first) and path in the output folder (into path, from the folder on);
 * returns false when file k is not written (a bucket's p file when the
 * bucket has no pairs). */
size_t sfile_count(const search_files *sf);
bool sfile_file(const search_files *sf, size_t k, buf *out, buf *path);

/* The bucket of term (a, b) among `buckets` (a power of two). */
unsigned sfile_bucket(uint32_t a, uint32_t b, unsigned buckets);

#endif
