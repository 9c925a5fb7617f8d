/* buf: growable byte buffer.
 * A buf's `ptr` is never NULL and always NUL-terminated (an empty buf points
 * at a static ""), so it can be passed to string functions at any time.
 * buf_detach is the only way to take ownership of its memory. */
#ifndef QD_BUF_H
#define QD_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr is the static empty string */
} buf;

#define BUF_INIT { buf_empty_, 0, 0 }
extern char buf_empty_[];

void buf_init(buf *b);
/* Free the memory; the buf is empty again. */
void buf_free(buf *b);
/* What buf_grow does when the room is short: a larger block. */
void buf_grow_slow(buf *b, size_t extra);
/* Make room for `extra` more bytes (plus the NUL). Inline: every byte a
 * page writes asks, and the answer is nearly always yes. */
static inline void buf_grow(buf *b, size_t extra)
{
	if (extra >= b->cap - b->len) /* (cap 0: always; never wraps) */
		buf_grow_slow(b, extra);
}
/* Keep the memory, drop the contents. */
void buf_reset(buf *b);
/* Cut to `len` bytes (len <= b->len). */
void buf_truncate(buf *b, size_t len);
void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
static inline void buf_putc(buf *b, int c)
{
	buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}
/* Append an integer in decimal (printf's %lld, without printf's cost). */
void buf_puti(buf *b, long long i);
/* Write i in decimal at the end of out[0..24): returns where it starts
 * (the text ends at out + 24, not NUL-terminated). */
char *buf_fmt_int(char out[24], long long i);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Take the memory (caller frees with free()); the buf is left empty. */
char *buf_detach(buf *b, size_t *len);

#endif
