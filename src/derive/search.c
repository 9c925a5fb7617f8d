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

static void fold_into(cps *c, const fold *f, const char *s, size_t len)
{
	/* at most one character per byte: one allocation */
	c->v = xgrow(c->v, &c->cap, c->n + len + 1, sizeof *c->v);
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	uint32_t *o = c->v + c->n;
	while (p < end) {
		/* well-formed UTF-8 (si_doc's promise), decoded here: this is
		 * every character of the site */
		uint32_t x = *p;
		if (x < 0x80)
			p++;
		else if (x < 0xE0 && p + 1 < end)
			x = (x & 0x1F) << 6 | (p[1] & 0x3F), p += 2;
		else if (x < 0xF0 && p + 2 < end)
			x = (x & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F), p += 3;
		else if (p + 3 < end)
			x = (x & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 |
			    (p[3] & 0x3F), p += 4;
		else
			p++, x = 0xFFFD; /* cut short: cannot be, but never read past the end */
		x = fold_cp(f, x);
		*o++ = fold_is_space(x) ? 0 : x;
	}
	c->n = (size_t)(o - c->v);
}

/* ---- terms by key: an open-addressing table while counting ---- */

static uint64_t key_of(uint32_t a, uint32_t b) { return (uint64_t)a << 32 | b; }

typedef struct table {
	uint64_t *keys; /* key + 1; 0 is an empty slot */
	uint32_t *id;
	size_t cap, n;
	unsigned shift; /* 64 - log2(cap): a slot is the hash's top bits */
	uint32_t *bmp;  /* single characters below U+10000: id + 1, 0 unseen */
} table;

static uint32_t intern_slow(table *t, uint64_t k);

static inline size_t slot_of(const table *t, uint64_t k)
{
	/* the product's top bits, which every bit of both characters reaches */
	size_t h = (size_t)((k * 0x9E3779B97F4A7C15ull) >> t->shift);
	while (t->keys[h] && t->keys[h] != k + 1)
		h = (h + 1) & (t->cap - 1);
	return h;
}

static void grow(table *t)
{
	table old = *t;
	t->cap = old.cap ? 2 * old.cap : 1024;
	t->shift = old.cap ? old.shift - 1 : 64 - 10;
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
static inline uint32_t intern(table *t, uint64_t k)
{
	if ((uint32_t)k != 0 && t->cap) { /* a pair: most often one already seen */
		size_t s = slot_of(t, k);
		if (t->keys[s])
			return t->id[s];
		return intern_slow(t, k);
	}
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

/* One document's folded code points into c (emptied first): title, a
 * break, the text's parts with a break between. Returns the title's
 * length. */
static uint32_t fold_doc(cps *c, const fold *f, const si_doc *doc)
{
	c->n = 0;
	fold_into(c, f, doc->title, doc->title_len);
	uint32_t title = (uint32_t)c->n;
	for (size_t i = 0; i < doc->ntext; i++) {
		cps_push(c, 0);
		fold_into(c, f, doc->text[i].s, doc->text[i].len);
	}
	return title;
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

/* ---- a part's lists, while they grow: chains of chunks ----
 *
 * Lists grow a varint at a time, thousands of them side by side. Kept
 * whole, each would be copied to a larger block as it grows and leave
 * the old block behind: 38 MB of memory touched for 11 MB of lists at
 * 10,000 needs, and fresh memory costs a page fault per 4 KB. Chained,
 * a list's chunks double up to CHUNK_MAX bytes and nothing is copied; a
 * varint never spans two chunks (a chunk with under 5 bytes left is
 * closed). Chunks come from the part's arena. */
#define CHUNK_FIRST 16u
#define CHUNK_MAX 4096u

typedef struct chunk {
	struct chunk *next;
	uint32_t len, cap;
	unsigned char b[];
} chunk;

/* The tail's write position and end live here, beside the term, rather
 * than in the chunk: thousands of lists grow side by side, and reading
 * each tail's header cost a cache miss per character (40 % of the time).
 * A chunk's len is set when it is closed (clist_close for the last). */
typedef struct clist {
	chunk *head, *tail;
	unsigned char *wp, *end;
	size_t len; /* bytes in all chunks, once closed (clist_close) */
} clist;

static void clist_grow(arena *a, clist *l)
{
	uint32_t cap = l->tail ? l->tail->cap * 2 : CHUNK_FIRST;
	if (cap > CHUNK_MAX)
		cap = CHUNK_MAX;
	chunk *c = arena_alloc_raw(a, sizeof *c + cap);
	c->next = NULL;
	c->len = 0;
	c->cap = cap;
	if (l->tail) {
		l->tail->len = (uint32_t)(l->wp - l->tail->b);
		l->tail->next = c;
	} else {
		l->head = c;
	}
	l->tail = c;
	l->wp = c->b;
	l->end = c->b + cap;
}

static void clist_close(clist *l)
{
	if (l->tail)
		l->tail->len = (uint32_t)(l->wp - l->tail->b);
	l->len = 0;
	for (const chunk *c = l->head; c; c = c->next)
		l->len += c->len;
}

static inline void clist_varint(arena *a, clist *l, uint32_t v)
{
	if (l->end - l->wp < 5)
		clist_grow(a, l);
	unsigned char *o = l->wp;
	while (v >= 0x80) {
		*o++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*o++ = (unsigned char)v;
	l->wp = o;
}

static void clist_put(const clist *l, buf *out)
{
	for (const chunk *c = l->head; c; c = c->next)
		buf_put(out, c->b, c->len);
}

/* A term of a part; while documents are added, the last document it was
 * in (+1) and, for a pair, its last place there (+1), kept beside its
 * lists (one cache line fewer per character than arrays of their own). */
typedef struct pterm {
	uint32_t last, place;
	uint32_t a, b, ndocs, last_doc;
	clist docs, pos;
} pterm;

/* A part: the index of a range of documents (si_parts). */
struct si_part {
	arena mem;    /* the chunks */
	pterm *terms; /* sorted by (a, b) */
	size_t nterms;
	uint64_t hash;
};

static int cmp_pterm(const void *pa, const void *pb)
{
	const pterm *a = pa, *b = pb;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

typedef struct building {
	arena *mem; /* the part's */
	pterm *v;
	size_t n, cap;
	/* the pairs of the document being added (their lists of places are
	 * ended when it is) */
	uint32_t *touched;
	size_t ntouched, touched_cap;
} building;

/* A new term's slot (ids are given in order of first sight). */
static void term_new(building *bd, uint32_t id, uint64_t k)
{
	bd->v = xgrow(bd->v, &bd->cap, (size_t)id + 1, sizeof *bd->v);
	size_t had = bd->n;
	bd->n = (size_t)id + 1;
	memset(bd->v + had, 0, (bd->n - had) * sizeof *bd->v);
	bd->v[id].a = (uint32_t)(k >> 32);
	bd->v[id].b = (uint32_t)k;
}

static inline pterm *term_at(building *bd, uint32_t id, uint64_t k)
{
	if (id >= bd->n)
		term_new(bd, id, k);
	return &bd->v[id];
}

static inline void add_doc_entry(building *bd, pterm *t, uint32_t doc, bool title)
{
	uint32_t prev = t->ndocs ? t->last - 1 : 0;
	clist_varint(bd->mem, &t->docs, (doc - prev) << 1 | (title ? 1u : 0u));
	t->last = doc + 1;
	t->last_doc = doc;
	t->ndocs++;
}

/* A document's share of the index's hash: of its number, the length of
 * its title and its folded characters. The shares are added up, so the
 * sum does not depend on how documents are split among threads. */
static uint64_t doc_hash(const cps *c, uint32_t title, uint32_t d)
{
	/* four independent lanes: one chain of multiplications over every
	 * character of the site was a fifth of the index's time */
	uint64_t lane[4] = { 0xCBF29CE484222325ull ^ ((uint64_t)d << 32 | title), 0x84222325CBF29CE4ull,
			     0x9E3779B97F4A7C15ull, (uint64_t)c->n };
	size_t i = 0;
	for (; i + 4 <= c->n; i += 4)
		for (int k = 0; k < 4; k++)
			lane[k] = (lane[k] ^ c->v[i + k]) * 0x100000001B3ull;
	for (; i < c->n; i++)
		lane[0] = (lane[0] ^ c->v[i]) * 0x100000001B3ull;
	uint64_t h = lane[0];
	for (int k = 1; k < 4; k++)
		h = (h ^ lane[k]) * 0x9E3779B97F4A7C15ull;
	h ^= h >> 31;
	h *= 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 29);
}

/* The part of documents [from, to) (numbered as in the whole). */
static si_part *build_range(const si_doc *docs, size_t from, size_t to, const fold *f)
{
	si_part *pt = xcalloc(1, sizeof *pt);
	arena_init(&pt->mem);
	cps c = { 0 };
	table t = { 0 };
	t.bmp = xcalloc(0x10000, sizeof *t.bmp);
	building bd = { .mem = &pt->mem };
	for (size_t d = from; d < to; d++) {
		uint32_t title = fold_doc(&c, f, &docs[d]);
		pt->hash += doc_hash(&c, title, (uint32_t)d);
		bd.ntouched = 0;
		c.v[c.n] = 0; /* (fold_into leaves room) the last character has no pair */
		for (size_t p = 0; p < c.n; p++) {
			uint32_t x = c.v[p], y = c.v[p + 1];
			if (!x)
				continue;
			bool in_title = p < title;
			uint64_t k = key_of(x, 0);
			pterm *tm = term_at(&bd, intern(&t, k), k);
			if (tm->last != d + 1) /* a character: its first place */
				add_doc_entry(&bd, tm, (uint32_t)d, in_title);
			if (!y)
				continue;
			k = key_of(x, y);
			uint32_t id = intern(&t, k);
			tm = term_at(&bd, id, k);
			if (tm->last != d + 1) { /* the pair's first place here */
				if (bd.ntouched == bd.touched_cap)
					bd.touched = xgrow(bd.touched, &bd.touched_cap, bd.ntouched + 1,
							   sizeof *bd.touched);
				bd.touched[bd.ntouched++] = id;
				add_doc_entry(&bd, tm, (uint32_t)d, in_title);
				tm->place = 0;
			}
			clist_varint(&pt->mem, &tm->pos, ((uint32_t)p + 1 - tm->place) << 1 | (in_title ? 1u : 0u));
			tm->place = (uint32_t)p + 1;
		}
		/* each pair's places here end with a 0 */
		for (size_t i = 0; i < bd.ntouched; i++)
			clist_varint(&pt->mem, &bd.v[bd.touched[i]].pos, 0);
	}
	for (size_t i = 0; i < bd.n; i++) {
		clist_close(&bd.v[i].docs);
		clist_close(&bd.v[i].pos);
	}
	pt->nterms = bd.n;
	pt->terms = bd.v ? bd.v : xcalloc(1, sizeof *pt->terms);
	if (pt->nterms > 1)
		qsort(pt->terms, pt->nterms, sizeof *pt->terms, cmp_pterm);
	free(bd.touched);
	free(c.v);
	free(t.keys);
	free(t.id);
	free(t.bmp);
	return pt;
}

static void part_free(si_part *pt)
{
	if (!pt)
		return;
	arena_free(&pt->mem);
	free(pt->terms);
	free(pt);
}

typedef struct ranges {
	const si_doc *docs;
	size_t *cut; /* range r is [cut[r], cut[r + 1]) */
	const fold *f;
	si_part **part;
} ranges;

static size_t doc_size(const si_doc *d)
{
	size_t n = d->title_len + 1;
	for (size_t i = 0; i < d->ntext; i++)
		n += d->text[i].len + 1;
	return n;
}

static void build_part(void *ctx, unsigned worker, size_t r)
{
	ranges *g = ctx;
	g->part[r] = build_range(g->docs, g->cut[r], g->cut[r + 1], g->f);
}

/* The parts' terms in order, each with where it is in each part. */
static void join_terms(si_parts *p)
{
	unsigned n = p->n;
	size_t *at = xcalloc(n, sizeof *at), cap = 0;
	for (;;) {
		const pterm *low = NULL;
		for (unsigned k = 0; k < n; k++)
			if (at[k] < p->part[k]->nterms &&
			    (!low || cmp_pterm(&p->part[k]->terms[at[k]], low) < 0))
				low = &p->part[k]->terms[at[k]];
		if (!low)
			break;
		size_t i = p->nterms++;
		if (p->nterms > cap) {
			size_t c = cap;
			p->a = xgrow(p->a, &c, p->nterms, sizeof *p->a);
			c = cap;
			p->b = xgrow(p->b, &c, p->nterms, sizeof *p->b);
			p->in = xgrow(p->in, &cap, p->nterms, n * sizeof *p->in);
		}
		p->a[i] = low->a;
		p->b[i] = low->b;
		uint32_t a = low->a, b = low->b;
		for (unsigned k = 0; k < n; k++) {
			const pterm *t = at[k] < p->part[k]->nterms ? &p->part[k]->terms[at[k]] : NULL;
			p->in[i * n + k] = t && t->a == a && t->b == b ? (int32_t)at[k]++ : -1;
		}
	}
	free(at);
}

si_parts *si_build_parts(const si_doc *docs, size_t n, const fold *f, unsigned nthreads)
{
	if (nthreads < 1 || n < 2 * (size_t)nthreads)
		nthreads = 1;
	if (nthreads > PAR_MAX)
		nthreads = PAR_MAX;
	/* ranges of about the same amount of text */
	size_t total = 0, *cut = xcalloc(nthreads + 1, sizeof *cut);
	for (size_t d = 0; d < n; d++)
		total += doc_size(&docs[d]);
	size_t acc = 0, r = 1;
	for (size_t d = 0; d < n && r < nthreads; d++) {
		acc += doc_size(&docs[d]);
		if (acc * nthreads >= total * r)
			cut[r++] = d + 1;
	}
	while (r <= nthreads)
		cut[r++] = n;
	si_parts *p = xcalloc(1, sizeof *p);
	p->n = nthreads;
	p->ndocs = n;
	p->part = xcalloc(nthreads, sizeof *p->part);
	ranges g = { docs, cut, f, p->part };
	par_for(nthreads, nthreads, 1, build_part, &g);
	free(cut);
	for (unsigned k = 0; k < nthreads; k++) {
		p->hash += p->part[k]->hash;
		for (size_t i = 0; i < p->part[k]->nterms; i++)
			p->docs_bytes += p->part[k]->terms[i].docs.len;
	}
	join_terms(p);
	return p;
}

void si_parts_free(si_parts *p)
{
	if (!p)
		return;
	for (unsigned k = 0; k < p->n; k++)
		part_free(p->part[k]);
	free(p->part);
	free(p->a);
	free(p->b);
	free(p->in);
	free(p);
}

long si_parts_find(const si_parts *p, uint32_t a, uint32_t b)
{
	size_t lo = 0, hi = p->nterms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->a[mid] == a && p->b[mid] == b)
			return (long)mid;
		if (p->a[mid] < a || (p->a[mid] == a && p->b[mid] < b))
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

void si_put_varint(buf *b, uint32_t v)
{
	while (v >= 0x80) {
		buf_putc(b, (int)(v | 0x80));
		v >>= 7;
	}
	buf_putc(b, (int)v);
}

uint32_t si_parts_lists(const si_parts *p, size_t i, buf *docs, buf *pos)
{
	uint32_t ndocs = 0, last = 0;
	for (unsigned k = 0; k < p->n; k++) {
		int32_t at = p->in[i * p->n + k];
		if (at < 0)
			continue;
		const pterm *t = &p->part[k]->terms[at];
		if (docs) {
			/* the part's first document again, as a difference from
			 * the last one before it (a varint never spans chunks) */
			const chunk *c = t->docs.head;
			const unsigned char *q = c->b;
			uint32_t first = get_varint(&q);
			si_put_varint(docs, ((first >> 1) - last) << 1 | (first & 1));
			buf_put(docs, q, c->len - (size_t)(q - c->b));
			for (c = c->next; c; c = c->next)
				buf_put(docs, c->b, c->len);
		}
		if (pos)
			clist_put(&t->pos, pos);
		ndocs += t->ndocs;
		last = t->last_doc;
	}
	return ndocs;
}

si_index *si_build_par(const si_doc *docs, size_t n, const fold *f, unsigned nthreads)
{
	si_parts *p = si_build_parts(docs, n, f, nthreads);
	si_index *ix = xcalloc(1, sizeof *ix);
	arena_init(&ix->mem);
	ix->ndocs = n;
	ix->hash = p->hash;
	ix->nterms = p->nterms;
	ix->terms = xcalloc(p->nterms + 1, sizeof *ix->terms);
	buf d = BUF_INIT, q = BUF_INIT;
	for (size_t i = 0; i < p->nterms; i++) {
		si_term *t = &ix->terms[i];
		buf_reset(&d);
		buf_reset(&q);
		t->a = p->a[i];
		t->b = p->b[i];
		t->ndocs = si_parts_lists(p, i, &d, &q);
		for (unsigned k = 0; k < p->n; k++)
			if (p->in[i * p->n + k] >= 0)
				t->last_doc = p->part[k]->terms[p->in[i * p->n + k]].last_doc;
		t->docs = arena_memdup(&ix->mem, d.ptr, d.len);
		t->docs_len = d.len;
		t->pos = q.len ? arena_memdup(&ix->mem, q.ptr, q.len) : NULL;
		t->pos_len = q.len;
	}
	buf_free(&d);
	buf_free(&q);
	si_parts_free(p);
	return ix;
}

si_index *si_build(const si_doc *docs, size_t n, const fold *f)
{
	return si_build_par(docs, n, f, 1);
}

void si_free(si_index *ix)
{
	if (!ix)
		return;
	arena_free(&ix->mem);
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

/* This document's places of a pair into pos/title; returns how many. */
static uint32_t read_places(cursor *c, uint32_t **pos, unsigned char **title, size_t *cap)
{
	uint32_t n = 0, at = 0; /* the place + 1 */
	for (uint32_t v; (v = get_varint(&c->p)) != 0; n++) {
		if (n == *cap) {
			*pos = xgrow(*pos, cap, (size_t)n + 1, sizeof **pos);
			*title = realloc(*title, *cap);
			if (!*title)
				abort();
		}
		at += v >> 1;
		(*pos)[n] = at - 1;
		(*title)[n] = v & 1;
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

size_t si_search(const si_index *ix, const fold *f, const char *q, size_t len, uint32_t **out)
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
