/* fold: the one form in which search compares text, so that a query
 * finds what it means whatever the width, case or script it is typed in:
 * full-width forms become their ASCII twins (ＡＢＣ１２３ is ABC123, the
 * ideographic space a space), ASCII capitals become small letters, and a
 * traditional character becomes its simplified form (社區 is 社区), as
 * OpenCC's t2s conversion gives it for the character on its own (Debian's
 * libopencc). Folding works on one code point at a time, so a folded text
 * has as many characters as the text, and positions carry over.
 * Exported names carry the prefix fold_. */
#ifndef QD_FOLD_H
#define QD_FOLD_H
#include <stddef.h>

typedef struct fold fold;

/* OpenCC opened for traditional to simplified; NULL when it cannot be
 * (its data files missing), with the reason in err. */
fold *fold_open(char *err, size_t errlen);
void fold_close(fold *f);

/* c folded. f may be NULL: width and case only. Not thread-safe (each
 * character's script conversion is looked up once, then remembered). */
unsigned fold_cp(fold *f, unsigned c);

/* A code point that separates words: a query's words and the indexed
 * text's runs break at these (ASCII and ideographic spaces, tabs, line
 * breaks). Takes a folded code point. */
int fold_is_space(unsigned c);

#endif
