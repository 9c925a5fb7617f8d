/* load_cache: parsed files kept between loads (see load_cache.h). */
#include "load_cache.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

typedef struct entry {
	doc dc;              /* path, root and body point into own */
	struct stat st;      /* what the file was when parsed */
	arena own;
	unsigned long seen;  /* the last load that took or put it */
} entry;

struct load_cache {
	strmap files;        /* path -> entry (keys live in `keys`) */
	arena keys;          /* every path ever kept: a few hundred bytes each */
	entry **retired;
	size_t nretired, cap;
	unsigned long load;  /* loads so far */
	size_t parsed, kept; /* of the last load */
	entry **all;         /* every live entry, for load_cache_end */
	size_t nall, allcap;
};

load_cache *load_cache_new(void)
{
	load_cache *lc = xcalloc(1, sizeof *lc);
	strmap_init(&lc->files);
	arena_init(&lc->keys);
	return lc;
}

static void entry_free(entry *e)
{
	arena_free(&e->own);
	free(e);
}

void load_cache_sweep(load_cache *lc)
{
	for (size_t i = 0; i < lc->nretired; i++)
		entry_free(lc->retired[i]);
	lc->nretired = 0;
}

void load_cache_free(load_cache *lc)
{
	if (!lc)
		return;
	load_cache_sweep(lc);
	for (size_t i = 0; i < lc->nall; i++)
		entry_free(lc->all[i]);
	free(lc->all);
	free(lc->retired);
	strmap_free(&lc->files);
	arena_free(&lc->keys);
	free(lc);
}

void load_cache_counts(const load_cache *lc, size_t *parsed, size_t *kept)
{
	*parsed = lc->parsed;
	*kept = lc->kept;
}

void load_cache_begin(load_cache *lc)
{
	lc->load++;
	lc->parsed = lc->kept = 0;
}

bool load_cache_stat(const char *path, struct stat *st)
{
	return stat(path, st) == 0;
}

static bool same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

bool load_cache_take(load_cache *lc, doc *dc, const struct stat *st)
{
	entry *e = strmap_get(&lc->files, dc->path, strlen(dc->path));
	if (!e || e->seen == lc->load || !same(&e->st, st)) {
		lc->parsed++;
		return false;
	}
	e->seen = lc->load;
	dc->path = e->dc.path;
	dc->root = e->dc.root;
	dc->body = e->dc.body;
	lc->kept++;
	return true;
}

static void retire(load_cache *lc, entry *e)
{
	lc->retired = xgrow(lc->retired, &lc->cap, lc->nretired + 1, sizeof *lc->retired);
	lc->retired[lc->nretired++] = e;
}

void load_cache_put(load_cache *lc, const doc *dc, const struct stat *st, arena *own)
{
	entry *e = xcalloc(1, sizeof *e);
	e->dc = *dc;
	e->st = *st;
	e->own = *own;
	arena_init(own);
	e->seen = lc->load;
	size_t n = strlen(dc->path);
	entry *old = strmap_get(&lc->files, dc->path, n);
	/* the key is kept only when the path is new to the map */
	strmap_set(&lc->files, arena_strndup(&lc->keys, dc->path, n), n, e);
	if (old) {
		for (size_t i = 0; i < lc->nall; i++)
			if (lc->all[i] == old)
				lc->all[i] = e;
		retire(lc, old);
		return;
	}
	lc->all = xgrow(lc->all, &lc->allcap, lc->nall + 1, sizeof *lc->all);
	lc->all[lc->nall++] = e;
}

void load_cache_end(load_cache *lc)
{
	/* a file not seen is gone (or failed to parse this time): its entry
	 * is retired and its path forgets it */
	size_t kept = 0;
	for (size_t i = 0; i < lc->nall; i++) {
		entry *e = lc->all[i];
		if (e->seen == lc->load) {
			lc->all[kept++] = e;
			continue;
		}
		strmap_set(&lc->files, e->dc.path, strlen(e->dc.path), NULL);
		retire(lc, e);
	}
	lc->nall = kept;
}
