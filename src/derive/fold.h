/* fold: the one form in which search compares text, so that a query
 * finds what it means whatever the width, case or script it is typed in:
 * full-width forms become their ASCII twins (ＡＢＣ１２３ is ABC123, the
 * ideographic space a space), ASCII capitals become small letters, and a
 * traditional character becomes its simplified form (社區 is 社区), as
 * OpenCC's t2s conversion gives it for the character on its own (Debian's
 * libopencc, read when qingdan is compiled: fold_table.h). Folding works on one code point at a time, so a folded text
 * has as many characters as the text, and positions carry over.
 * Exported names carry the prefix fold_. */
#ifndef QD_FOLD_H
#define QD_FOLD_H
#include <stddef.h>

/* The folding tables (fold_open). */
typedef struct fold {
	/* every character of the Basic Multilingual Plane, folded (all
	 * three rules): one load per character for the index, which folds
	 * every character of the site */
	unsigned *bmp;
} fold;

/* The characters t2s may change: CJK Extension A through the Unified
 * Ideographs (fold_table.h). Outside it nothing is converted. */
#define FOLD_CJK_FIRST 0x3400u
#define FOLD_CJK_LAST 0x9FFFu

/* The folding tables, ready (never NULL). */
fold *fold_open(void);
void fold_close(fold *f);

/* c folded by width and case only (the rules that need no table). */
static inline unsigned fold_width_case(unsigned c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFF01 - 0x21; /* full-width ASCII */
	else if (c == 0x3000)
		c = ' ';
	if (c >= 'A' && c <= 'Z')
		return c + ('a' - 'A');
	return c;
}

/* c folded. f may be NULL: width and case only. Read-only: threads may
 * share f. Inline: the index folds every character of the site. */
static inline unsigned fold_cp(const fold *f, unsigned c)
{
	if (f && c < 0x10000)
		return f->bmp[c];
	return fold_width_case(c); /* (outside the BMP only a NULL f folds) */
}

/* A code point that separates words: a query's words and the indexed
 * text's runs break at these (ASCII and ideographic spaces, tabs, line
 * breaks). Takes a folded code point. */
static inline int fold_is_space(unsigned c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

#endif
