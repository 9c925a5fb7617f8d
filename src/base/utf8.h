/* utf8: the UTF-8 primitives the readers, the template engine and the
 * suggestions share: validate, decode one code point, count code points.
 * Knows nothing of files or content. */
#ifndef QD_UTF8_H
#define QD_UTF8_H
#include <stddef.h>

/* Check `len` bytes for valid UTF-8. Returns the offset of the first bad
 * byte, or (size_t)-1 when all is valid. */
size_t utf8_check(const char *s, size_t len);
/* Decode one code point at *s (valid UTF-8 assumed); advances *s. */
unsigned utf8_next(const char **s);
/* Number of code points in the first `n` bytes of valid UTF-8. */
size_t utf8_count(const char *s, size_t n);

#endif
