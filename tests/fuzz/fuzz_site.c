/* Fuzz target for the checks over a whole site (model/, derive/, the
 * views and the links check, then rendering): a copy of the test fixture
 * tests/fixtures/mini (a small site of every record type) gets one file
 * from the fuzzer, chosen by the first byte:
 *   0 lists/fuzz.yaml   1 lists/fuzz.md    2 orgs/fuzz.md   3 events/fuzz.md
 *   4 cases/fuzz.md     5 pages/fuzz.md    6 places.yaml (replaced)
 *   7 categories.yaml (replaced)           8 site.yaml (replaced)
 * and is checked as `qingdan check` does (build_prepare, BUILD_CHECK).
 * When the site passes, it is prepared for writing and its home page and
 * the new record's pages are rendered from memory (as `serve` does), so
 * that whatever the checks let through is also rendered. Nothing may
 * crash, leak or hang; a replaced file is put back after each input.
 * Runs from the repository's top folder (make fuzz, make check). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], out_dir[80];
static const char *const slot[] = { "lists/fuzz.yaml", "lists/fuzz.md", "orgs/fuzz.md", "events/fuzz.md",
				    "cases/fuzz.md", "pages/fuzz.md", "places.yaml", "categories.yaml",
				    "site.yaml" };
enum { NSLOTS = sizeof slot / sizeof slot[0], FIRST_REPLACED = 6 };
static char *saved[NSLOTS];
static size_t saved_len[NSLOTS];

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		abort();
	char *p = NULL;
	size_t cap = 0, n = 0, r;
	do {
		if (n + 4096 > cap && !(p = realloc(p, cap = cap * 2 + 4096)))
			abort();
	} while ((r = fread(p + n, 1, cap - n, f)) > 0 && (n += r));
	fclose(f);
	*len = n;
	return p;
}

static void put(int i, const void *p, size_t n)
{
	char path[160];
	snprintf(path, sizeof path, "%s/%s", dir, slot[i]);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (n)
		fwrite(p, 1, n, f);
	fclose(f);
}

static void cleanup(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", dir, out_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_site: could not remove %s\n", dir);
}

static void init(void)
{
	snprintf(dir, sizeof dir, "/tmp/qd-fuzz-site-%d", (int)getpid());
	snprintf(out_dir, sizeof out_dir, "%s-out", dir);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s %s && cp -r tests/fixtures/mini %s", dir, out_dir, dir);
	if (system(cmd) != 0)
		abort();
	atexit(cleanup);
	for (int i = FIRST_REPLACED; i < NSLOTS; i++) {
		char path[160];
		snprintf(path, sizeof path, "%s/%s", dir, slot[i]);
		saved[i] = read_all(path, &saved_len[i]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0])
		init();
	if (size < 1)
		return 0;
	int i = data[0] % NSLOTS;
	put(i, data + 1, size - 1);
	build_opts o = { .content = dir, .output = out_dir, .quiet = 1, .jobs = 1, .no_search = 1,
			 .pages_on_request = 1, .late_search = 1 };
	build_state *b = NULL;
	if (build_prepare(&o, BUILD_CHECK, NULL, &b) == 0 && build_prepare(&o, BUILD_WRITE, NULL, &b) == 0) {
		build_index_pages(b);
		static const char *const pages[] = {
			"index.html", "lists/fuzz/index.html", "lists/fuzz/1.html", "lists/fuzz/2.html",
			"posters/lists/fuzz.html", "orgs/fuzz.html", "events/fuzz.html", "posters/events/fuzz.html",
			"cases/fuzz.html", "pages/fuzz.html", "needs/index.html", "stats/index.html", "orgs/index.html",
		};
		for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
			buf page = BUF_INIT;
			if (build_has_page(b, pages[k]))
				build_render_page(b, pages[k], &page);
			buf_free(&page);
		}
		build_free(b);
	}
	if (i >= FIRST_REPLACED) {
		put(i, saved[i], saved_len[i]);
	} else {
		char path[160];
		snprintf(path, sizeof path, "%s/%s", dir, slot[i]);
		unlink(path);
	}
	return 0;
}
