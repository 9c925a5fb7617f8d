/* Search (derive/search.c, derive/fold.c): folding, and the exactness of
 * the character-pair index checked against a plain substring search over
 * the same folded texts, for every substring of every document and for
 * random queries, on texts made of few characters so that pairs repeat
 * everywhere (where a pair index alone would give false matches). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "search.h"
#include "t.h"
#include "utf8.h"

static const fold *the_fold(void)
{
	static fold *f;
	if (!f)
		f = fold_open();
	return f;
}

static void folded(const fold *f, const char *s, char *out)
{
	const char *p = s;
	size_t n = 0;
	while (*p) {
		unsigned c = fold_cp(f, utf8_next(&p));
		if (c < 0x80)
			out[n++] = (char)c;
		else if (c < 0x800)
			out[n++] = (char)(0xC0 | c >> 6), out[n++] = (char)(0x80 | (c & 0x3F));
		else
			out[n++] = (char)(0xE0 | c >> 12), out[n++] = (char)(0x80 | ((c >> 6) & 0x3F)),
			out[n++] = (char)(0x80 | (c & 0x3F));
	}
	out[n] = 0;
}

TEST(fold_width_case_script)
{
	const fold *f = the_fold();
	CHECK(f != NULL);
	char out[64];
	folded(f, "社區服務ＡＢＣ１２３Ｘy", out);
	CHECK_STR(out, "社区服务abc123xy");
	folded(f, "白蓮池　街道", out);
	CHECK_STR(out, "白莲池 街道");
	folded(NULL, "ＡＢ區", out);
	CHECK_STR(out, "ab區"); /* without OpenCC: width and case only */
	CHECK(fold_is_space(fold_cp(f, 0x3000)));
	CHECK(!fold_is_space(fold_cp(f, 0x4E00)));
}

/* ---- exactness against a plain search ---- */

enum { NDOCS = 40 };
static char titles[NDOCS][64], texts[NDOCS][256];
static char ftitles[NDOCS][256], ftexts[NDOCS][1024];

/* few characters, so pairs repeat: 社 区 服 务 老 + a traditional form,
 * a full-width letter, Latin, a digit, a space */
static const char *const alphabet[] = { "社", "区", "服", "务", "老", "區", "Ａ", "a", "1", " " };

static void random_text(char *out, size_t chars)
{
	out[0] = 0;
	for (size_t i = 0; i < chars; i++)
		strcat(out, alphabet[rand() % 10]);
}

/* whether the folded query's every word is in title (2), in title or
 * text (1), or not (0), by strstr over the folded texts */
static int plain_match(const fold *f, const char *q, int d)
{
	char fq[256], word[256];
	folded(f, q, fq);
	int best = 2, words = 0;
	for (char *p = fq; *p;) {
		while (*p == ' ')
			p++;
		size_t k = strcspn(p, " ");
		if (!k)
			break;
		memcpy(word, p, k);
		word[k] = 0;
		p += k;
		words++;
		int h = strstr(ftitles[d], word) ? 2 : strstr(ftexts[d], word) ? 1 : 0;
		if (h < best)
			best = h;
	}
	return words ? best : 0;
}

static size_t misses;

static void check_query(const si_index *ix, const fold *f, const char *q)
{
	uint32_t *got;
	size_t n = si_search(ix, f, q, strlen(q), &got);
	/* the plain search's answer, in the index's order: title matches first */
	uint32_t want[NDOCS];
	size_t m = 0;
	for (int level = 2; level >= 1; level--)
		for (int d = 0; d < NDOCS; d++)
			if (plain_match(f, q, d) == level)
				want[m++] = (uint32_t)d;
	if (n != m || (n && memcmp(got, want, n * sizeof *got) != 0)) {
		if (misses++ < 5)
			fprintf(stderr, "query '%s': %zu results, want %zu\n", q, n, m);
	}
	free(got);
}

TEST(search_exact_over_every_substring)
{
	const fold *f = the_fold();
	srand(12345);
	si_doc docs[NDOCS];
	si_text parts[NDOCS];
	for (int d = 0; d < NDOCS; d++) {
		random_text(titles[d], 4 + (size_t)(rand() % 8));
		random_text(texts[d], (size_t)(rand() % 60));
		parts[d] = (si_text){ texts[d], strlen(texts[d]) };
		docs[d] = (si_doc){ titles[d], strlen(titles[d]), &parts[d], 1 };
		folded(f, titles[d], ftitles[d]);
		folded(f, texts[d], ftexts[d]);
	}
	si_index *ix = si_build(docs, NDOCS, f);
	misses = 0;
	size_t queries = 0;
	/* every substring of up to 6 characters of every title and text, as
	 * written (unfolded: the query is folded like the documents) */
	for (int d = 0; d < NDOCS; d++) {
		const char *src[2] = { titles[d], texts[d] };
		for (int s = 0; s < 2; s++) {
			const char *p = src[s];
			while (*p) {
				const char *e = p;
				for (int len = 1; len <= 6 && *e; len++) {
					utf8_next(&e);
					char q[64];
					memcpy(q, p, (size_t)(e - p));
					q[e - p] = 0;
					check_query(ix, f, q);
					queries++;
				}
				utf8_next(&p);
			}
		}
	}
	/* random queries, most of them found nowhere, some of several words */
	for (int i = 0; i < 3000; i++) {
		char q[128];
		random_text(q, 1 + (size_t)(rand() % 7));
		check_query(ix, f, q);
		queries++;
	}
	CHECK_INT(misses, 0);
	CHECK(queries > 5000);
	/* no word, nothing */
	uint32_t *got;
	CHECK_INT(si_search(ix, f, "   ", 3, &got), 0);
	CHECK(got == NULL);
	si_free(ix);
}

/* a term's lists as search.h gives their bytes */
static uint32_t varint(const unsigned char **p)
{
	uint32_t v = 0;
	for (int shift = 0;; shift += 7) {
		unsigned char c = *(*p)++;
		v |= (uint32_t)(c & 0x7F) << shift;
		if (!(c & 0x80))
			return v;
	}
}

TEST(search_terms_and_positions)
{
	const si_text text = { "服务社区", 12 };
	si_doc docs[2] = { { "社区服务", 12, &text, 1 }, { "区服", 6, NULL, 0 } };
	si_index *ix = si_build(docs, 2, the_fold());
	const si_term *t = si_term_find(ix, 0x670D, 0x52A1); /* 服务 */
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->ndocs, 1);
		const unsigned char *d = t->docs, *p = t->pos;
		CHECK_INT(varint(&d), 0 << 1 | 1); /* document 0, in its title */
		CHECK_INT(varint(&p), 3 << 1 | 1); /* place 2 (+1), in the title */
		CHECK_INT(varint(&p), 3 << 1 | 0); /* 5 (after the title and its break): 6 - 3, in the text */
		CHECK_INT(varint(&p), 0);          /* the document's places end */
		CHECK(d == t->docs + t->docs_len && p == t->pos + t->pos_len);
	}
	const si_term *q = si_term_find(ix, 0x533A, 0); /* 区: its first place only */
	CHECK(q != NULL);
	if (q) {
		CHECK_INT(q->ndocs, 2);
		CHECK(q->pos == NULL);
		const unsigned char *d = q->docs;
		CHECK_INT(varint(&d), 0 << 1 | 1);
		CHECK_INT(varint(&d), 1 << 1 | 1); /* document 0 + 1 */
	}
	CHECK(si_term_find(ix, 0x52A1, 0x670D) == NULL); /* 务|服 spans the title's end */
	/* a title match comes first */
	uint32_t *got;
	CHECK_INT(si_search(ix, the_fold(), "区服", strlen("区服"), &got), 2);
	CHECK_INT(got[0], 0);
	CHECK_INT(got[1], 1);
	free(got);
	CHECK_INT(si_search(ix, the_fold(), "服務 社區", strlen("服務 社區"), &got), 1);
	free(got);
	si_free(ix);
}

/* a document's text parts (a description, a place's name) are runs of
 * their own: a word is found in one part, never across two */
TEST(search_text_parts)
{
	const si_text parts[3] = { { "助餐服务", 12 }, { "白莲池街道", 15 }, { "", 0 } };
	si_doc docs[1] = { { "老年", 6, parts, 3 } };
	si_index *ix = si_build(docs, 1, the_fold());
	uint32_t *got;
	CHECK_INT(si_search(ix, the_fold(), "服务", strlen("服务"), &got), 1);
	free(got);
	CHECK_INT(si_search(ix, the_fold(), "白莲池", strlen("白莲池"), &got), 1);
	free(got);
	CHECK_INT(si_search(ix, the_fold(), "务白", strlen("务白"), &got), 0);
	CHECK_INT(si_search(ix, the_fold(), "年助餐", strlen("年助餐"), &got), 0);
	CHECK_INT(si_search(ix, the_fold(), "助餐 白莲", strlen("助餐 白莲"), &got), 1);
	free(got);
	si_free(ix);
}

/* numbers and places past one byte of a varint (documents past 63,
 * places past 63 and 8191), checked against a plain search */
TEST(search_long_texts_and_many_documents)
{
	enum { N = 300 };
	static char title[N][32], text[N][4096];
	si_doc docs[N];
	static si_text parts[N];
	for (int d = 0; d < N; d++) {
		snprintf(title[d], sizeof title[d], "第%d项", d);
		text[d][0] = 0;
		for (int i = 0; i < (d * 13) % 1300; i++)
			strcat(text[d], "老");
		strcat(text[d], d % 3 ? "社区服务" : "社區服務");
		for (int i = 0; i < d % 7; i++)
			strcat(text[d], "务");
		parts[d] = (si_text){ text[d], strlen(text[d]) };
		docs[d] = (si_doc){ title[d], strlen(title[d]), &parts[d], 1 };
	}
	const fold *f = the_fold();
	si_index *ix = si_build(docs, N, f);
	const char *queries[] = { "社区服务", "老社区服", "服务务务", "区服务务务务务务", "第1", "第12项", "项", "老老老老老老老老" };
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		uint32_t *got;
		size_t n = si_search(ix, f, queries[q], strlen(queries[q]), &got);
		uint32_t want[N];
		size_t m = 0;
		char ft[64], fx[8192], fq[64];
		folded(f, queries[q], fq);
		for (int level = 2; level >= 1; level--)
			for (int d = 0; d < N; d++) {
				folded(f, title[d], ft);
				folded(f, text[d], fx);
				int h = strstr(ft, fq) ? 2 : strstr(fx, fq) ? 1 : 0;
				if (h == level)
					want[m++] = (uint32_t)d;
			}
		CHECK_INT(n, m);
		CHECK(n == m && (!n || memcmp(got, want, n * sizeof *got) == 0));
		free(got);
	}
	si_free(ix);
}

/* made on several threads, the index has the bytes made on one */
TEST(search_par_same_bytes)
{
	enum { N = 257 };
	static char title[N][32], text[N][600];
	si_doc docs[N];
	static si_text parts[N];
	srand(777);
	for (int d = 0; d < N; d++) {
		random_text(title[d], 3 + (size_t)(rand() % 6));
		random_text(text[d], (size_t)(rand() % 150));
		parts[d] = (si_text){ text[d], strlen(text[d]) };
		docs[d] = (si_doc){ title[d], strlen(title[d]), &parts[d], 1 };
	}
	const fold *f = the_fold();
	si_index *one = si_build(docs, N, f);
	for (unsigned threads = 2; threads <= 5; threads++) {
		si_index *par = si_build_par(docs, N, f, threads);
		size_t diff = par->nterms != one->nterms;
		for (size_t i = 0; !diff && i < one->nterms; i++) {
			const si_term *x = &one->terms[i], *y = &par->terms[i];
			diff += x->a != y->a || x->b != y->b || x->ndocs != y->ndocs || x->last_doc != y->last_doc ||
				x->docs_len != y->docs_len || x->pos_len != y->pos_len ||
				memcmp(x->docs, y->docs, x->docs_len) != 0 ||
				(x->pos_len && memcmp(x->pos, y->pos, x->pos_len) != 0);
		}
		CHECK_INT(diff, 0);
		CHECK(par->hash == one->hash);
		si_free(par);
	}
	/* one character changed: another hash */
	text[N / 2][0] = text[N / 2][0] == 'x' ? 'y' : 'x';
	parts[N / 2].len = parts[N / 2].len ? parts[N / 2].len : 1;
	si_index *other = si_build_par(docs, N, f, 2);
	CHECK(other->hash != one->hash);
	si_free(other);
	si_free(one);
}
