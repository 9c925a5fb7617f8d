/* t: registry and runner for the unit tests (see t.h). */
#include "t.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct t_case {
	const char *name, *file;
	t_fn fn;
} t_case;

static t_case cases[2048];
static size_t ncases;
static int failed_checks;

void t_register(const char *name, t_fn fn, const char *file)
{
	if (ncases == sizeof cases / sizeof cases[0]) {
		fprintf(stderr, "t: too many tests\n");
		exit(2);
	}
	cases[ncases++] = (t_case){ name, file, fn };
}

int t_check(int ok, const char *expr, const char *file, int line)
{
	if (!ok) {
		failed_checks++;
		fprintf(stderr, "%s:%d: check failed: %s\n", file, line, expr);
	}
	return ok;
}

int t_check_str(const char *got, const char *want, const char *expr, const char *file, int line)
{
	int ok = (got == want) || (got && want && strcmp(got, want) == 0);
	if (!ok) {
		failed_checks++;
		fprintf(stderr, "%s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n", file, line, expr,
			got ? got : "(null)", want ? want : "(null)");
	}
	return ok;
}

int t_check_int(long long got, long long want, const char *expr, const char *file, int line)
{
	if (got != want) {
		failed_checks++;
		fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", file, line, expr, got, want);
	}
	return got == want;
}

static int by_file_name(const void *pa, const void *pb)
{
	const t_case *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	return c ? c : strcmp(a->name, b->name);
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	size_t passed = 0, failed = 0;
	qsort(cases, ncases, sizeof cases[0], by_file_name);
	for (size_t i = 0; i < ncases; i++) {
		if (filter && !strstr(cases[i].name, filter) && !strstr(cases[i].file, filter))
			continue;
		int before = failed_checks;
		cases[i].fn();
		if (failed_checks == before) {
			passed++;
		} else {
			failed++;
			fprintf(stderr, "FAIL %s (%s)\n", cases[i].name, cases[i].file);
		}
	}
	printf("unit: %zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}
