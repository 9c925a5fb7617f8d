/* fold: width, case and script folding for search (see fold.h). */
#include "fold.h"

#include <opencc/opencc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/* The characters OpenCC's t2s may change: CJK Extension A through the
 * Unified Ideographs. Outside it nothing is converted. */
#define CJK_FIRST 0x3400u
#define CJK_LAST 0x9FFFu

struct fold {
	opencc_t cc;
	/* per character of [CJK_FIRST, CJK_LAST]: 0 not looked up yet, else
	 * its simplified form */
	unsigned *simp;
};

fold *fold_open(char *err, size_t errlen)
{
	opencc_t cc = opencc_open("t2s.json");
	if (cc == (opencc_t)-1) {
		snprintf(err, errlen, "OpenCC's t2s.json could not be opened (%s); install opencc-data",
			 opencc_error());
		return NULL;
	}
	fold *f = xcalloc(1, sizeof *f);
	f->cc = cc;
	f->simp = xcalloc(CJK_LAST - CJK_FIRST + 1, sizeof *f->simp);
	return f;
}

void fold_close(fold *f)
{
	if (!f)
		return;
	opencc_close(f->cc);
	free(f->simp);
	free(f);
}

static size_t put_utf8(unsigned c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | c >> 12);
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | c >> 18);
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* The character on its own through t2s; itself unless OpenCC gives back
 * exactly one other character. */
static unsigned simplified(fold *f, unsigned c)
{
	char in[4], out[64];
	size_t n = put_utf8(c, in);
	size_t m = opencc_convert_utf8_to_buffer(f->cc, in, n, out);
	if (m == (size_t)-1 || m == 0 || m > 4)
		return c;
	out[m] = 0;
	const char *p = out;
	if (utf8_check(out, m) != (size_t)-1)
		return c;
	unsigned s = utf8_next(&p);
	return *p ? c : s;
}

unsigned fold_cp(fold *f, unsigned c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFF01 - 0x21; /* full-width ASCII */
	else if (c == 0x3000)
		c = ' ';
	if (c >= 'A' && c <= 'Z')
		return c + ('a' - 'A');
	if (f && c >= CJK_FIRST && c <= CJK_LAST) {
		unsigned *slot = &f->simp[c - CJK_FIRST];
		if (!*slot)
			*slot = simplified(f, c);
		return *slot;
	}
	return c;
}

int fold_is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
