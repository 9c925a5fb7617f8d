/* source: read one content file into memory and vet its encoding.
 * Enforces the file-size limit, strips a UTF-8 BOM, and rejects anything
 * that is not UTF-8, saying which encoding it looks like (GBK/GB18030 from
 * Windows tools, UTF-16) and how to convert it. Never parses. */
#ifndef QD_SOURCE_H
#define QD_SOURCE_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "utf8.h"

#define SOURCE_MAX_FILE (8u << 20) /* bytes */

typedef struct source {
	const char *path; /* as given, owned by the arena */
	const char *text; /* NUL-terminated, BOM removed; owned by the arena */
	size_t len;
} source;

/* Read `path`. On success fill `src` and return 0. On a content problem
 * (too big, not UTF-8, contains NUL) report it to `d` and return 1; on an
 * I/O error report it and return -1. */
int source_read(arena *a, diag *d, const char *path, source *src);
/* source_read without the UTF-8 check, for a file that libyaml reads
 * whole: it checks UTF-8 itself, and the loader calls source_utf8_report
 * when it fails to read one (the check is a tenth of parsing's work). */
int source_read_unchecked(arena *a, diag *d, const char *path, source *src);
/* Read a file as bytes (an image, a stylesheet): the size limit only, no
 * encoding check. Returns like source_read. */
int source_read_bytes(arena *a, diag *d, const char *path, source *src);
/* When `text` is not valid UTF-8, report the first bad byte's place (and
 * name GBK/GB18030 when the bytes look like it) and return true. */
bool source_utf8_report(diag *d, const char *path, const char *text, size_t len);

#endif
