/* search: the character-pair index and its exact query (see search.h). */
#include "search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "par.h"
#include "utf8.h"
#include "xalloc.h"

/* A folded text as code points; 0 stands between runs (a space, or the
 * end of the title), where no pair is formed. */
typedef struct cps {
	uint32_t *v;
	size_t n, cap;
} cps;

static inline void cps_push(cps *c, uint32_t x)
{
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = x;
}

static void fold_into(cps *c, fold *f, const char *s, size_t len)
{
	/* at most one character per byte: one allocation */
	c->v = xgrow(c->v, &c->cap, c->n + len + 1, sizeof *c->v);
	const char *p = s, *end = s + len;
	while (p < end) {
		uint32_t x = fold_cp(f, utf8_next(&p));
		c->v[c->n++] = fold_is_space(x) ? 0 : x;
	}
}

/* ---- terms by key: an open-addressing table while counting ---- */

static uint64_t key_of(uint32_t a, uint32_t b) { return (uint64_t)a << 32 | b; }

typedef struct table {
	uint64_t *keys; /* key + 1; 0 is an empty slot */
	uint32_t *id;
	size_t cap, n;
	uint32_t *bmp;  /* single characters below U+10000: id + 1, 0 unseen */
} table;

static uint32_t intern_slow(table *t, uint64_t k);

static size_t slot_of(const table *t, uint64_t k)
{
	size_t h = (size_t)((k * 0x9E3779B97F4A7C15ull) >> 20) & (t->cap - 1);
	while (t->keys[h] && t->keys[h] != k + 1)
		h = (h + 1) & (t->cap - 1);
	return h;
}

static void grow(table *t)
{
	table old = *t;
	t->cap = old.cap ? 2 * old.cap : 1024;
	t->keys = xcalloc(t->cap, sizeof *t->keys);
	t->id = xcalloc(t->cap, sizeof *t->id);
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			size_t s = slot_of(t, old.keys[i] - 1);
			t->keys[s] = old.keys[i];
			t->id[s] = old.id[i];
		}
	free(old.keys);
	free(old.id);
}

/* The term id of k, made when new (ids in order of first sight). A
 * character of the Basic Multilingual Plane is found in `bmp` (its id + 1)
 * rather than hashed: every position has one. */
static uint32_t intern(table *t, uint64_t k)
{
	if ((uint32_t)k == 0 && (k >> 32) < 0x10000) {
		uint32_t *slot = &t->bmp[k >> 32];
		if (!*slot) {
			intern_slow(t, k);
			*slot = t->id[slot_of(t, k)] + 1;
		}
		return *slot - 1;
	}
	return intern_slow(t, k);
}

static uint32_t intern_slow(table *t, uint64_t k)
{
	if (2 * (t->n + 1) > t->cap)
		grow(t);
	size_t s = slot_of(t, k);
	if (!t->keys[s]) {
		t->keys[s] = k + 1;
		t->id[s] = (uint32_t)t->n++;
	}
	return t->id[s];
}

static int cmp_term(const void *pa, const void *pb)
{
	const si_term *a = pa, *b = pb;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* One document's folded code points into c (emptied first): title, a
 * break, text. Returns the title's length. */
static uint32_t fold_doc(cps *c, fold *f, const si_doc *doc)
{
	c->n = 0;
	fold_into(c, f, doc->title, doc->title_len);
	uint32_t title = (uint32_t)c->n;
	cps_push(c, 0);
	if (doc->text)
		fold_into(c, f, doc->text, doc->text_len);
	return title;
}

static inline void put_varint(unsigned char **buf, size_t *len, size_t *cap, uint32_t v)
{
	if (*len + 5 > *cap)
		*buf = xgrow(*buf, cap, *len + 5, 1);
	while (v >= 0x80) {
		(*buf)[(*len)++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	(*buf)[(*len)++] = (unsigned char)v;
}

static uint32_t get_varint(const unsigned char **p)
{
	uint32_t v = 0;
	for (int shift = 0;; shift += 7) {
		unsigned char c = *(*p)++;
		v |= (uint32_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return v;
	}
}

/* What a term needs while documents are added: the last document it was
 * in (+1) and where that document's entry began. */
typedef struct building {
	si_term *v;
	uint32_t *last;
	size_t n, cap;
	/* the document being added: its places of each pair it has (the
	 * count goes first, so they wait here), and which pairs those are */
	uint32_t **at;
	uint32_t *nat, *atcap;
	uint32_t *touched;
	size_t ntouched, touched_cap;
} building;

static si_term *term_at(building *bd, uint32_t id, uint64_t k)
{
	if (id >= bd->n) {
		bd->v = xgrow(bd->v, &bd->cap, (size_t)id + 1, sizeof *bd->v);
		size_t had = bd->n;
		bd->n = (size_t)id + 1;
		memset(bd->v + had, 0, (bd->n - had) * sizeof *bd->v);
		bd->last = realloc(bd->last, bd->cap * sizeof *bd->last);
		bd->at = realloc(bd->at, bd->cap * sizeof *bd->at);
		bd->nat = realloc(bd->nat, bd->cap * sizeof *bd->nat);
		bd->atcap = realloc(bd->atcap, bd->cap * sizeof *bd->atcap);
		if (!bd->last || !bd->at || !bd->nat || !bd->atcap)
			abort();
		memset(bd->last + had, 0, (bd->n - had) * sizeof *bd->last);
		memset(bd->at + had, 0, (bd->n - had) * sizeof *bd->at);
		memset(bd->nat + had, 0, (bd->n - had) * sizeof *bd->nat);
		memset(bd->atcap + had, 0, (bd->n - had) * sizeof *bd->atcap);
		bd->v[id].a = (uint32_t)(k >> 32);
		bd->v[id].b = (uint32_t)k;
	}
	return &bd->v[id];
}

static void add_doc_entry(building *bd, uint32_t id, uint32_t doc, bool title)
{
	si_term *t = &bd->v[id];
	uint32_t prev = t->ndocs ? bd->last[id] - 1 : 0;
	put_varint(&t->docs, &t->docs_len, &t->docs_cap, (doc - prev) << 1 | (title ? 1u : 0u));
	bd->last[id] = doc + 1;
	t->last_doc = doc;
	t->ndocs++;
}

/* The index of documents [from, to) (numbered as in the whole). */
static si_index *build_range(const si_doc *docs, size_t from, size_t to, size_t n, fold *f)
{
	si_index *ix = xcalloc(1, sizeof *ix);
	ix->ndocs = n;
	cps c = { 0 };
	table t = { 0 };
	t.bmp = xcalloc(0x10000, sizeof *t.bmp);
	building bd = { 0 };
	for (size_t d = from; d < to; d++) {
		uint32_t title = fold_doc(&c, f, &docs[d]);
		bd.ntouched = 0;
		for (size_t p = 0; p < c.n; p++) {
			if (!c.v[p])
				continue;
			uint64_t k = key_of(c.v[p], 0);
			uint32_t id = intern(&t, k);
			term_at(&bd, id, k);
			if (bd.last[id] != d + 1) /* a character: its first place */
				add_doc_entry(&bd, id, (uint32_t)d, p < title);
			if (p + 1 < c.n && c.v[p + 1]) {
				k = key_of(c.v[p], c.v[p + 1]);
				id = intern(&t, k);
				term_at(&bd, id, k);
				if (!bd.nat[id]) {
					bd.touched = xgrow(bd.touched, &bd.touched_cap, bd.ntouched + 1,
							   sizeof *bd.touched);
					bd.touched[bd.ntouched++] = id;
				}
				if (bd.nat[id] == bd.atcap[id]) {
					size_t cap = bd.atcap[id];
					bd.at[id] = xgrow(bd.at[id], &cap, (size_t)bd.nat[id] + 1, sizeof **bd.at);
					bd.atcap[id] = (uint32_t)cap;
				}
				bd.at[id][bd.nat[id]++] = (uint32_t)p;
			}
		}
		/* the pairs: one entry each, its places after (in the order
		 * they stand: they were met in that order) */
		for (size_t i = 0; i < bd.ntouched; i++) {
			uint32_t id = bd.touched[i];
			si_term *tm = &bd.v[id];
			const uint32_t *at = bd.at[id];
			add_doc_entry(&bd, id, (uint32_t)d, at[0] < title);
			put_varint(&tm->pos, &tm->pos_len, &tm->pos_cap, bd.nat[id]);
			uint32_t prev = 0;
			for (uint32_t k = 0; k < bd.nat[id]; k++) {
				put_varint(&tm->pos, &tm->pos_len, &tm->pos_cap,
					   (at[k] - prev) << 1 | (at[k] < title ? 1u : 0u));
				prev = at[k];
			}
			bd.nat[id] = 0;
		}
	}
	ix->nterms = bd.n;
	ix->terms = bd.v ? bd.v : xcalloc(1, sizeof *ix->terms);
	if (ix->nterms > 1)
		qsort(ix->terms, ix->nterms, sizeof *ix->terms, cmp_term);
	for (size_t i = 0; i < bd.n; i++)
		free(bd.at[i]);
	free(bd.at);
	free(bd.nat);
	free(bd.atcap);
	free(bd.touched);
	free(bd.last);
	free(c.v);
	free(t.keys);
	free(t.id);
	free(t.bmp);
	return ix;
}

si_index *si_build(const si_doc *docs, size_t n, fold *f)
{
	return build_range(docs, 0, n, n, f);
}

/* Append b's lists of a term to a's (b's documents all come after a's):
 * b's first document is written again as a difference from a's last. */
static void append_term(si_term *a, si_term *b)
{
	const unsigned char *p = b->docs;
	uint32_t first = get_varint(&p);
	uint32_t doc = first >> 1;
	put_varint(&a->docs, &a->docs_len, &a->docs_cap, (doc - a->last_doc) << 1 | (first & 1));
	size_t rest = b->docs_len - (size_t)(p - b->docs);
	a->docs = xgrow(a->docs, &a->docs_cap, a->docs_len + rest, 1);
	memcpy(a->docs + a->docs_len, p, rest);
	a->docs_len += rest;
	if (b->pos_len) {
		a->pos = xgrow(a->pos, &a->pos_cap, a->pos_len + b->pos_len, 1);
		memcpy(a->pos + a->pos_len, b->pos, b->pos_len);
		a->pos_len += b->pos_len;
	}
	a->ndocs += b->ndocs;
	a->last_doc = b->last_doc;
	free(b->docs);
	free(b->pos);
}

/* a and b (whose documents all come after a's) as one index, in a; b is
 * freed. */
static void merge(si_index *a, si_index *b)
{
	si_term *v = xcalloc(a->nterms + b->nterms + 1, sizeof *v);
	size_t i = 0, j = 0, k = 0;
	while (i < a->nterms || j < b->nterms) {
		int c = i == a->nterms ? 1 : j == b->nterms ? -1 : cmp_term(&a->terms[i], &b->terms[j]);
		if (c < 0) {
			v[k++] = a->terms[i++];
		} else if (c > 0) {
			v[k++] = b->terms[j++];
		} else {
			append_term(&a->terms[i], &b->terms[j++]);
			v[k++] = a->terms[i++];
		}
	}
	free(a->terms);
	free(b->terms);
	free(b);
	a->terms = v;
	a->nterms = k;
}

typedef struct ranges {
	const si_doc *docs;
	size_t n;
	size_t *cut; /* range r is [cut[r], cut[r + 1]) */
	fold **folds;
	si_index **part;
} ranges;

static void build_part(void *ctx, unsigned worker, size_t r)
{
	ranges *g = ctx;
	g->part[r] = build_range(g->docs, g->cut[r], g->cut[r + 1], g->n, g->folds[worker]);
}

si_index *si_build_par(const si_doc *docs, size_t n, fold **folds, unsigned nthreads)
{
	if (nthreads < 2 || n < 2 * nthreads)
		return si_build(docs, n, folds[0]);
	if (nthreads > PAR_MAX)
		nthreads = PAR_MAX;
	/* ranges of about the same amount of text */
	size_t total = 0, *cut = xcalloc(nthreads + 1, sizeof *cut);
	for (size_t d = 0; d < n; d++)
		total += docs[d].title_len + docs[d].text_len + 1;
	size_t acc = 0, r = 1;
	for (size_t d = 0; d < n && r < nthreads; d++) {
		acc += docs[d].title_len + docs[d].text_len + 1;
		if (acc * nthreads >= total * r)
			cut[r++] = d + 1;
	}
	while (r <= nthreads)
		cut[r++] = n;
	ranges g = { docs, n, cut, folds, xcalloc(nthreads, sizeof *g.part) };
	par_for(nthreads, nthreads, 1, build_part, &g);
	si_index *ix = g.part[0];
	for (unsigned k = 1; k < nthreads; k++)
		merge(ix, g.part[k]);
	free(g.part);
	free(cut);
	return ix;
}

void si_free(si_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nterms; i++) {
		free(ix->terms[i].docs);
		free(ix->terms[i].pos);
	}
	free(ix->terms);
	free(ix);
}

const si_term *si_term_find(const si_index *ix, uint32_t a, uint32_t b)
{
	size_t lo = 0, hi = ix->nterms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const si_term *m = &ix->terms[mid];
		if (m->a == a && m->b == b)
			return m;
		if (m->a < a || (m->a == a && m->b < b))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Reading a term's lists, document by document. */
typedef struct cursor {
	const si_term *t;
	const unsigned char *d, *p;
	uint32_t left, doc;
	bool title;
} cursor;

static bool next_doc(cursor *c)
{
	if (!c->left)
		return false;
	uint32_t v = get_varint(&c->d);
	c->doc = (c->t->ndocs - c->left ? c->doc : 0) + (v >> 1);
	c->title = v & 1;
	c->left--;
	return true;
}

/* This document's places of a pair into pos/title (n of them). */
static uint32_t read_places(cursor *c, uint32_t **pos, unsigned char **title, size_t *cap)
{
	uint32_t n = get_varint(&c->p), prev = 0;
	*pos = xgrow(*pos, cap, n, sizeof **pos);
	*title = realloc(*title, *cap);
	if (!*title)
		abort();
	for (uint32_t i = 0; i < n; i++) {
		uint32_t v = get_varint(&c->p);
		prev += v >> 1;
		(*pos)[i] = prev;
		(*title)[i] = v & 1;
	}
	return n;
}

static bool has_place(const uint32_t *pos, uint32_t n, uint32_t want)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pos[mid] == want)
			return true;
		if (pos[mid] < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* One word's matches: per document 0 none, 1 in the text, 2 in the title. */
static void match_word(const si_index *ix, const uint32_t *w, size_t k, unsigned char *hit)
{
	memset(hit, 0, ix->ndocs);
	size_t nterms = k == 1 ? 1 : k - 1;
	cursor *cur = xcalloc(nterms, sizeof *cur);
	for (size_t i = 0; i < nterms; i++) {
		const si_term *t = si_term_find(ix, w[i], k == 1 ? 0 : w[i + 1]);
		if (!t) {
			free(cur);
			return;
		}
		cur[i] = (cursor){ t, t->docs, t->pos, t->ndocs, 0, false };
	}
	if (k <= 2) { /* the term's documents are the answer */
		while (next_doc(&cur[0]))
			hit[cur[0].doc] = cur[0].title ? 2 : 1;
		free(cur);
		return;
	}
	/* the pairs' documents in common, then their places one after another */
	uint32_t **pos = xcalloc(nterms, sizeof *pos);
	unsigned char **title = xcalloc(nterms, sizeof *title);
	size_t *cap = xcalloc(nterms, sizeof *cap);
	uint32_t *np = xcalloc(nterms, sizeof *np);
	bool more = true;
	for (size_t i = 0; i < nterms && more; i++)
		more = next_doc(&cur[i]);
	while (more) {
		uint32_t top = 0;
		for (size_t i = 0; i < nterms; i++)
			if (cur[i].doc > top)
				top = cur[i].doc;
		bool same = true;
		for (size_t i = 0; i < nterms && more; i++)
			while (cur[i].doc < top && more) {
				read_places(&cur[i], &pos[i], &title[i], &cap[i]); /* skip its places */
				more = next_doc(&cur[i]);
				same = false;
			}
		if (!more)
			break;
		if (!same)
			continue;
		for (size_t i = 0; i < nterms; i++)
			np[i] = read_places(&cur[i], &pos[i], &title[i], &cap[i]);
		for (uint32_t s = 0; s < np[0] && hit[top] != 2; s++) {
			bool all = true;
			for (size_t i = 1; i < nterms && all; i++)
				all = has_place(pos[i], np[i], pos[0][s] + (uint32_t)i);
			if (all && (title[0][s] ? 2 : 1) > hit[top])
				hit[top] = title[0][s] ? 2 : 1;
		}
		for (size_t i = 0; i < nterms && more; i++)
			more = next_doc(&cur[i]);
	}
	for (size_t i = 0; i < nterms; i++) {
		free(pos[i]);
		free(title[i]);
	}
	free(pos);
	free(title);
	free(cap);
	free(np);
	free(cur);
}

size_t si_search(const si_index *ix, fold *f, const char *q, size_t len, uint32_t **out)
{
	*out = NULL;
	cps c = { 0 };
	fold_into(&c, f, q, len);
	unsigned char *all = xcalloc(ix->ndocs ? ix->ndocs : 1, 1), *hit = xcalloc(ix->ndocs ? ix->ndocs : 1, 1);
	size_t words = 0;
	for (size_t i = 0; i < c.n;) {
		if (!c.v[i]) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < c.n && c.v[j])
			j++;
		match_word(ix, c.v + i, j - i, hit);
		for (size_t d = 0; d < ix->ndocs; d++)
			all[d] = words == 0 ? hit[d] : (hit[d] && all[d]) ? (hit[d] < all[d] ? hit[d] : all[d]) : 0;
		words++;
		i = j;
	}
	size_t n = 0;
	if (words) {
		for (size_t d = 0; d < ix->ndocs; d++)
			n += all[d] != 0;
		if (n) {
			*out = xcalloc(n, sizeof **out);
			size_t k = 0;
			for (int want = 2; want >= 1; want--)
				for (size_t d = 0; d < ix->ndocs; d++)
					if (all[d] == want)
						(*out)[k++] = (uint32_t)d;
		}
	}
	free(all);
	free(hit);
	free(c.v);
	return n;
}
