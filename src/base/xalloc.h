/* xalloc: the one out-of-memory policy of qingdan.
 * Every allocation that is not from an arena goes through these wrappers;
 * on failure they print a message and abort, so callers never check for NULL.
 * Return codes elsewhere are reserved for I/O and content errors. */
#ifndef QD_XALLOC_H
#define QD_XALLOC_H
#include <stddef.h>

/* malloc/calloc/realloc that never return NULL (abort on exhaustion).
 * From a megabyte on, they hand out transparent huge pages (xhuge). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* At least n bytes, not zeroed, aligned to and asked for as 2 MB
 * transparent huge pages: one page fault per 2 MB rather than per 4 KB.
 * Freed with free(), grown with xrealloc. */
void *xhuge(size_t n);
/* strdup/strndup that never return NULL; caller frees. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow an array of `*cap` elements of `size` bytes to hold at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

#endif
