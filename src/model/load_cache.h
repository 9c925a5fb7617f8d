/* load_cache: content files parsed by one load, kept for the next load in
 * the same process (`qingdan serve`), so that after an edit only the
 * files that changed are read and parsed again.
 *
 * A file is known by its path and by what stat says of it (device, inode,
 * size, modification and change times, to the nanosecond); any change of
 * these is a new file. Only a file whose parse reported nothing is kept:
 * a file with a warning or an error is parsed again on every load, so
 * its messages are reported on every load too.
 *
 * A kept file owns its memory (an arena: the YAML tree, the texts the
 * records keep, the Markdown body), so a site loaded from the cache
 * points into the cache. An entry replaced by a newer version of its
 * file, or whose file is gone, is retired, not freed: a site loaded
 * earlier may still point into it. load_cache_sweep frees the retired
 * entries once the caller holds no site but the newest.
 *
 * One thread at a time: site_load uses the cache on the thread that
 * called it. Exported names carry the prefix load_cache_. */
#ifndef QD_LOAD_CACHE_H
#define QD_LOAD_CACHE_H
#include <stdbool.h>
#include <sys/stat.h>

#include "arena.h"
#include "records.h"

typedef struct load_cache load_cache;

load_cache *load_cache_new(void);
void load_cache_free(load_cache *lc);
/* Free the entries retired by earlier loads. Call only when no site
 * loaded before the last load is alive. */
void load_cache_sweep(load_cache *lc);
/* How many files the last load parsed, and how many it took from the
 * cache. */
void load_cache_counts(const load_cache *lc, size_t *parsed, size_t *kept);

/* ---- for the loader (load.c) ---- */

/* Start a load: every entry not seen by the end of it (load_cache_end)
 * is retired. */
void load_cache_begin(load_cache *lc);
/* What stat said of `path` (followed through a symlink), into *st;
 * false when it cannot be stat'ed. */
bool load_cache_stat(const char *path, struct stat *st);
/* The kept parse of `path` when the file is unchanged (st): dc's path,
 * root and body are set from it (dc->id and is_md stay). */
bool load_cache_take(load_cache *lc, doc *dc, const struct stat *st);
/* Keep dc (parsed into `own`, which holds dc's path, tree, texts and
 * body, and is taken over) for the next load. */
void load_cache_put(load_cache *lc, const doc *dc, const struct stat *st, arena *own);
/* End a load: retire the entries of files it did not see. */
void load_cache_end(load_cache *lc);

#endif
