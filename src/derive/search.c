/* search: the character-pair index and its exact query (see search.h). */
#include "search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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

/* v grown to hold index `i`, the new part zeroed. */
static void ensure(uint32_t **v, size_t *cap, size_t i)
{
	if (i < *cap)
		return;
	size_t had = *cap;
	*v = xgrow(*v, cap, i + 1, sizeof **v);
	memset(*v + had, 0, (*cap - had) * sizeof **v);
}

/* Each term of document d (folded in c), in order, runs the statements
 * after it with id_ (the term) and pos_ (where): every pair, and a
 * character at its first place in the document only (a one-character
 * query needs no more: the title comes first, so the first place says
 * whether the title has it). last[id] (the last document + 1 that used
 * the character) keeps characters to one place per document. */
#define EACH_TERM(c, d, t, last, last_cap, ...)                                      \
	for (size_t p_ = 0; p_ < (c)->n; p_++) {                                     \
		if (!(c)->v[p_])                                                     \
			continue;                                                    \
		uint32_t id_ = intern((t), key_of((c)->v[p_], 0));                   \
		uint32_t pos_ = (uint32_t)p_;                                        \
		ensure(&(last), &(last_cap), id_);                                   \
		if ((last)[id_] != (uint32_t)(d) + 1) {                              \
			(last)[id_] = (uint32_t)(d) + 1;                             \
			__VA_ARGS__                                                  \
		}                                                                    \
		if (p_ + 1 < (c)->n && (c)->v[p_ + 1]) {                             \
			id_ = intern((t), key_of((c)->v[p_], (c)->v[p_ + 1]));       \
			__VA_ARGS__                                                  \
		}                                                                    \
	}

si_index *si_build(const si_doc *docs, size_t n, fold *f)
{
	si_index *ix = xcalloc(1, sizeof *ix);
	ix->ndocs = n;
	ix->title_chars = xcalloc(n ? n : 1, sizeof *ix->title_chars);
	cps c = { 0 };
	table t = { 0 };
	t.bmp = xcalloc(0x10000, sizeof *t.bmp);
	uint32_t *count = NULL, *last = NULL;
	size_t count_cap = 0, last_cap = 0;
	/* pass 1: fold, find the terms, count their occurrences */
	for (size_t d = 0; d < n; d++) {
		ix->title_chars[d] = fold_doc(&c, f, &docs[d]);
		EACH_TERM(&c, d, &t, last, last_cap, {
			(void)pos_;
			ensure(&count, &count_cap, id_);
			count[id_]++;
		})
	}
	/* the terms in key order, each with its slice of the occurrences */
	ix->nterms = t.n;
	ix->terms = xcalloc(t.n ? t.n : 1, sizeof *ix->terms);
	for (size_t s = 0; s < t.cap; s++)
		if (t.keys[s]) {
			uint64_t k = t.keys[s] - 1;
			ix->terms[t.id[s]] = (si_term){ (uint32_t)(k >> 32), (uint32_t)k, t.id[s], count[t.id[s]] };
		}
	if (t.n > 1)
		qsort(ix->terms, t.n, sizeof *ix->terms, cmp_term);
	uint32_t *at = xcalloc(t.n ? t.n : 1, sizeof *at); /* by first-sight id: next free slot */
	size_t total = 0;
	for (size_t i = 0; i < t.n; i++) {
		at[ix->terms[i].start] = (uint32_t)total; /* .start still holds the id */
		ix->terms[i].start = (uint32_t)total;
		total += ix->terms[i].n;
	}
	ix->nocc = total;
	ix->occ = xmalloc((total ? total : 1) * sizeof *ix->occ); /* every slot is written below */
	/* pass 2: every occurrence, in document and position order */
	memset(last, 0, last_cap * sizeof *last);
	for (size_t d = 0; d < n; d++) {
		fold_doc(&c, f, &docs[d]);
		EACH_TERM(&c, d, &t, last, last_cap, { ix->occ[at[id_]++] = (si_occ){ (uint32_t)d, pos_ }; })
	}
	free(c.v);
	free(at);
	free(count);
	free(last);
	free(t.keys);
	free(t.id);
	free(t.bmp);
	return ix;
}

void si_free(si_index *ix)
{
	if (!ix)
		return;
	free(ix->title_chars);
	free(ix->terms);
	free(ix->occ);
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

/* Whether the term has an occurrence at (doc, pos): a binary search. */
static bool occurs(const si_index *ix, const si_term *t, uint32_t doc, uint32_t pos)
{
	size_t lo = t->start, hi = (size_t)t->start + t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const si_occ *o = &ix->occ[mid];
		if (o->doc == doc && o->pos == pos)
			return true;
		if (o->doc < doc || (o->doc == doc && o->pos < pos))
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
	const si_term **t = xcalloc(nterms, sizeof *t);
	size_t anchor = 0;
	for (size_t i = 0; i < nterms; i++) {
		t[i] = si_term_find(ix, w[i], k == 1 ? 0 : w[i + 1]);
		if (!t[i]) {
			free(t);
			return;
		}
		if (t[i]->n < t[anchor]->n)
			anchor = i; /* the rarest pair leads */
	}
	for (uint32_t o = t[anchor]->start; o < t[anchor]->start + t[anchor]->n; o++) {
		const si_occ *x = &ix->occ[o];
		if (x->pos < anchor)
			continue;
		uint32_t start = x->pos - (uint32_t)anchor;
		if (hit[x->doc] == 2)
			continue;
		bool all = true;
		for (size_t i = 0; i < nterms && all; i++)
			all = i == anchor || occurs(ix, t[i], x->doc, start + (uint32_t)i);
		if (!all)
			continue;
		unsigned char h = start + k <= ix->title_chars[x->doc] ? 2 : 1;
		if (h > hit[x->doc])
			hit[x->doc] = h;
	}
	free(t);
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
