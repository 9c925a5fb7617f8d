/* xalloc: the one out-of-memory policy of qingdan.
 * Every allocation that is not from an arena goes through these wrappers;
 * on failure they print a message and abort, so callers never check for NULL.
 * Return codes elsewhere are reserved for I/O and content errors. */
#ifndef QD_XALLOC_H
#define QD_XALLOC_H
#include <stddef.h>

/* malloc/calloc/realloc that never return NULL (abort on exhaustion). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* strdup/strndup that never return NULL; caller frees. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow an array of `*cap` elements of `size` bytes to hold at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

#endif
