/* keep: costly files that the previous output already has, kept instead
 * of made again. An Excel workbook costs about a millisecond of
 * libxlsxwriter's time (a list's own included: 0.5 s of CPU for the 416
 * lists of the benchmark), though its bytes depend only on data that a
 * cheap file beside it (its CSV) already holds. Such a file gets a key: a
 * hash of everything its bytes depend on. The keys of the files a build
 * made are listed in the output's `.qingdan-keys`; a later build that
 * finds the same key for the same file there, and the file itself with
 * the size it was made with, links the old file into the new output
 * (output.h: as an unchanged file is) rather than making it. A changed
 * key, a missing or hand-edited list, a missing or resized file: the file
 * is made. The list is sorted, so two builds of
 * the same content write the same bytes. */
#ifndef QD_KEEP_H
#define QD_KEEP_H
#include <stdint.h>

#include "output.h"

typedef struct keep keep;

/* Read the previous output's keys (none when there is no previous
 * output). Never fails: an unreadable list only means nothing is kept. */
keep *keep_open(output *o);
/* When the previous output made `rel` under the same key and still has
 * it, of the size it had then, link it into the new output through w,
 * record it and return true (the caller makes nothing). Else false: the
 * caller makes the file and records it with keep_made. From any thread. */
bool keep_try(keep *k, output_writer *w, const char *rel, uint64_t key);
/* Record that `rel` was made under `key`, `size` bytes. */
void keep_made(keep *k, const char *rel, uint64_t key, size_t size);
/* Write the keys recorded (`.qingdan-keys`, sorted by file) and free k.
 * Returns 0, or -1 after reporting. */
int keep_close(keep *k, output *o);
/* Free k without writing (a failed build). */
void keep_free(keep *k);

/* A key: FNV-1a over the bytes given, chained (start with KEEP_SEED). */
#define KEEP_SEED 0xcbf29ce484222325ull
uint64_t keep_hash(uint64_t h, const void *p, size_t n);

#endif
