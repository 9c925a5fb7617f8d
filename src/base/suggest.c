/* suggest: nearest-name search by code-point edit distance (suggest.h). */
#include "suggest.h"

#include <string.h>

#include "utf8.h"

#define SUGGEST_MAXCP 64

static size_t decode(const char *s, unsigned *out)
{
	size_t n = 0;
	while (*s && n < SUGGEST_MAXCP)
		out[n++] = utf8_next(&s);
	return n;
}

static unsigned fold(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

size_t suggest_distance(const char *a, const char *b, size_t cap)
{
	unsigned ca[SUGGEST_MAXCP], cb[SUGGEST_MAXCP];
	size_t na = decode(a, ca), nb = decode(b, cb);
	size_t row[SUGGEST_MAXCP + 1];
	if ((na > nb ? na - nb : nb - na) >= cap)
		return cap;
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t prev = row[0], best = row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t cost = fold(ca[i - 1]) == fold(cb[j - 1]) ? 0 : 1;
			size_t v = prev + cost;
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			prev = up;
			if (v < best)
				best = v;
		}
		if (best >= cap)
			return cap;
	}
	return row[nb] < cap ? row[nb] : cap;
}

void suggest_init(suggest *sg, const char *query)
{
	sg->query = query;
	sg->qlen = utf8_count(query, strlen(query));
	sg->best = NULL;
	sg->container = NULL;
	sg->container_len = 0;
	/* plausible: at most a third of the name wrong, and at least one edit */
	sg->best_dist = sg->qlen / 3 + 2;
}

void suggest_offer(suggest *sg, const char *candidate)
{
	if (!candidate || !*candidate)
		return;
	size_t clen = strlen(candidate);
	if (sg->qlen >= 2 && strstr(candidate, sg->query) &&
	    (!sg->container || clen < sg->container_len)) {
		sg->container = candidate;
		sg->container_len = clen;
	}
	size_t d = suggest_distance(sg->query, candidate, sg->best_dist);
	if (d < sg->best_dist) {
		sg->best = candidate;
		sg->best_dist = d;
	}
}

const char *suggest_result(const suggest *sg)
{
	return sg->best ? sg->best : sg->container;
}
