/* search_files: the index as served files (see search_files.h). */
#include "search_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fold_table.h"
#include "xalloc.h"

/* A d file of about this many bytes on average; a query of two
 * characters downloads one. */
#define BUCKET_BYTES 8192
#define MAX_BUCKETS 4096
#define LINES_PER_FILE 32

unsigned sfile_bucket(uint32_t a, uint32_t b, unsigned buckets)
{
	uint32_t h = a * 0x9E3779B1u + b * 0x85EBCA77u;
	h ^= h >> 15;
	h *= 0x2C1B3C6Du;
	h ^= h >> 12;
	return h & (buckets - 1);
}

static void put_utf8(buf *b, unsigned c)
{
	char o[3];
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6), o[1] = (char)(0x80 | (c & 0x3F));
		buf_put(b, o, 2);
	} else {
		o[0] = (char)(0xE0 | c >> 12), o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		buf_put(b, o, 3);
	}
}

/* Enough buckets for d files of BUCKET_BYTES on average. */
static unsigned bucket_count(const si_parts *ix)
{
	size_t total = ix->docs_bytes;
	unsigned n = 1;
	while (n < MAX_BUCKETS && (size_t)n * BUCKET_BYTES < total)
		n *= 2;
	return n;
}

/* The terms of each bucket, in the index's order (ascending). */
static void sort_buckets(search_files *sf)
{
	const si_parts *ix = sf->ix;
	unsigned nb = sf->buckets;
	size_t *first = xcalloc(nb + 2, sizeof *first), *order = xcalloc(ix->nterms + 1, sizeof *order);
	unsigned *of = xcalloc(ix->nterms + 1, sizeof *of);
	for (size_t i = 0; i < ix->nterms; i++) {
		of[i] = sfile_bucket(ix->a[i], ix->b[i], nb);
		first[of[i] + 2]++;
	}
	for (unsigned k = 0; k < nb; k++)
		first[k + 2] += first[k + 1];
	for (size_t i = 0; i < ix->nterms; i++)
		order[first[of[i] + 1]++] = i;
	free(of);
	sf->order = order;
	sf->first = first;
}

/* The folding pairs a query can need: those whose simplified form is a
 * character of the index. */
static const char *t2s_table(const si_parts *ix, arena *a)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < fold_t2s_count; i++)
		if (si_parts_find(ix, fold_t2s[i][1], 0) >= 0) {
			put_utf8(&b, fold_t2s[i][0]);
			put_utf8(&b, fold_t2s[i][1]);
		}
	const char *s = arena_strdup(a, b.len ? b.ptr : "");
	buf_free(&b);
	return s;
}

/* The result lines' share of the folder's hash (the index's is its own). */
static uint64_t meta_hash(const search_docs *sd)
{
	uint64_t h = 0x84222325CBF29CE4ull;
	for (size_t i = 0; i < sd->n; i++)
		for (size_t j = 0; j < sd->meta_len[i]; j++)
			h = (h ^ (unsigned char)sd->meta[i][j]) * 0x100000001B3ull;
	return h;
}

void sfile_index(search_files *sf, const site *s, arena *a, unsigned nthreads)
{
	memset(sf, 0, sizeof *sf);
	arena_init(&sf->work);
	sdoc_build(&sf->docs, s, &sf->work);
	fold *f = fold_open();
	sf->ix = si_build_parts(sf->docs.docs, sf->docs.n, f, nthreads);
	sf->t2s = t2s_table(sf->ix, a);
	fold_close(f);
	sf->buckets = bucket_count(sf->ix);
	sf->per = LINES_PER_FILE;
	sf->ndocs = sf->docs.n;
	sort_buckets(sf);
}

void sfile_name(search_files *sf, const view_ctx *vc, arena *a)
{
	sdoc_lines(&sf->docs, vc, &sf->work);
	uint64_t h = sf->ix->hash ^ meta_hash(&sf->docs) * 0x9E3779B97F4A7C15ull;
	h ^= (uint64_t)sf->buckets << 40 ^ (uint64_t)sf->per << 20;
	sf->dir = arena_printf(a, "search/%016llx/", (unsigned long long)h);
}

void sfile_free(search_files *sf)
{
	si_parts_free(sf->ix);
	arena_free(&sf->work);
	memset(&sf->docs, 0, sizeof sf->docs);
	free(sf->order);
	free(sf->first);
	sf->ix = NULL;
	sf->order = sf->first = NULL;
}

size_t sfile_count(const search_files *sf)
{
	return 2 * (size_t)sf->buckets + (sf->ndocs + sf->per - 1) / sf->per;
}

/* Bucket k's d file (pos NULL) or p file (docs NULL). */
static void bucket_file(const search_files *sf, unsigned k, buf *out, bool docs)
{
	const si_parts *ix = sf->ix;
	buf lists = BUF_INIT;
	for (size_t j = sf->first[k]; j < sf->first[k + 1]; j++) {
		size_t i = sf->order[j];
		if (!docs && !ix->b[i])
			continue;
		buf_reset(&lists);
		uint32_t n = si_parts_lists(ix, i, docs ? &lists : NULL, docs ? NULL : &lists);
		si_put_varint(out, ix->a[i]);
		si_put_varint(out, ix->b[i]);
		if (docs)
			si_put_varint(out, n);
		si_put_varint(out, (uint32_t)lists.len);
		buf_put(out, lists.ptr, lists.len);
	}
	buf_free(&lists);
}

static void meta_file(const search_files *sf, size_t k, buf *out)
{
	const search_docs *sd = &sf->docs;
	size_t from = k * sf->per;
	buf_putc(out, '[');
	for (size_t i = from; i < sd->n && i < from + sf->per; i++) {
		if (i > from)
			buf_puts(out, ",\n");
		buf_put(out, sd->meta[i], sd->meta_len[i]);
	}
	buf_puts(out, "]\n");
}

bool sfile_file(const search_files *sf, size_t k, buf *out, buf *path)
{
	buf_reset(out);
	buf_reset(path);
	buf_puts(path, sf->dir);
	if (k < 2 * (size_t)sf->buckets) {
		unsigned b = (unsigned)(k / 2);
		bool docs = k % 2 == 0;
		bucket_file(sf, b, out, docs);
		if (!docs && !out->len)
			return false;
		buf_printf(path, "%c%u.bin", docs ? 'd' : 'p', b);
		return true;
	}
	k -= 2 * (size_t)sf->buckets;
	meta_file(sf, k, out);
	buf_printf(path, "m%zu.json", k);
	return true;
}
