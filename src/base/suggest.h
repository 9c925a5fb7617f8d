/* suggest: "did you mean ...?" — the nearest known name to a misspelt one,
 * by edit distance over Unicode code points (so 白莲池街 is one edit from
 * 白莲池街道, not three bytes). */
#ifndef QD_SUGGEST_H
#define QD_SUGGEST_H
#include <stddef.h>

typedef struct suggest {
	const char *query;
	size_t qlen;           /* code points in query */
	const char *best;      /* nearest candidate so far, or NULL */
	size_t best_dist;
	const char *container; /* shortest candidate containing the query */
	size_t container_len;
} suggest;

void suggest_init(suggest *sg, const char *query);
/* Offer one candidate; keeps it when it is closer than any before and
 * close enough to be a plausible misspelling. */
void suggest_offer(suggest *sg, const char *candidate);
/* The suggestion: the nearest plausible misspelling, else the shortest
 * candidate that contains the query (论坛 -> 社区发展治理论坛), else NULL. */
const char *suggest_result(const suggest *sg);
/* Edit distance between two UTF-8 strings, capped at `cap` (returns cap
 * when the distance is at least cap). */
size_t suggest_distance(const char *a, const char *b, size_t cap);

#endif
