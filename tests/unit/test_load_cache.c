/* The loader with a cache of parsed files (load_cache.h, what `serve`
 * loads with): after each kind of change to a copy of the demo content
 * (a list edited, a file added, one removed, a file broken and mended,
 * site.yaml edited), the site loaded through the cache dumps exactly as a
 * fresh load of the same folder (the same errors, or the same dump), and
 * only the changed files were parsed. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checks.h"
#include "dump.h"
#include "load.h"
#include "load_cache.h"
#include "t.h"

/* The dump of `dir` loaded and checked (through lc when not NULL), or
 * NULL when it has errors; *errors gets their count. */
static char *dumped(const char *dir, load_cache *lc, size_t *errors)
{
	arena a;
	arena_init(&a);
	diag d;
	diag_init(&d);
	site *s = site_load_cached(&a, &d, dir, NULL, 2, lc);
	if (s)
		site_check(s, &d);
	*errors = d.errors;
	char *out = NULL;
	if (s && !d.errors) {
		buf b = BUF_INIT;
		dump_site(s, &b);
		out = strdup(b.ptr);
		buf_free(&b);
	}
	site_free(s);
	diag_free(&d);
	arena_free(&a);
	return out;
}

/* A cached load agrees with a fresh one; returns how many files the
 * cached load parsed. */
static size_t agrees(const char *dir, load_cache *lc, bool bad)
{
	size_t e1, e2, parsed, kept;
	char *fresh = dumped(dir, NULL, &e1);
	char *cached = dumped(dir, lc, &e2);
	load_cache_sweep(lc); /* the cached site is gone: what it alone used may go */
	CHECK_INT(e2, e1);
	CHECK(bad ? e1 > 0 : e1 == 0);
	CHECK((fresh == NULL) == (cached == NULL));
	if (fresh && cached)
		CHECK(strcmp(fresh, cached) == 0);
	free(fresh);
	free(cached);
	load_cache_counts(lc, &parsed, &kept);
	return parsed;
}

/* Write `text` to a file of dir: mode "w" replaces it, "a" appends (its
 * size changes, as an edit's does). */
static void write_to(const char *dir, const char *mode, const char *name, const char *text)
{
	char path[8400];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, mode);
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

TEST(load_cache_agrees_with_a_fresh_load)
{
	char root[] = "/tmp/qd-lcache-XXXXXX";
	if (!mkdtemp(root)) {
		CHECK(!"mkdtemp");
		return;
	}
	char cmd[4400], dir[4200];
	snprintf(dir, sizeof dir, "%s/content", root);
	snprintf(cmd, sizeof cmd, "cp -r content '%s/content'", root);
	CHECK_INT(system(cmd), 0);
	load_cache *lc = load_cache_new();

	/* the first load parses everything, the second nothing */
	size_t first = agrees(dir, lc, false);
	CHECK(first > 10);
	CHECK_INT(agrees(dir, lc, false), 0);

	/* a list edited (a need's title), then an organisation's text: that
	 * file only, each time */
	snprintf(cmd, sizeof cmd, "sed -i 's/儿童空间运营与亲子活动/儿童空间运营与亲子活动（缓存测试）/' '%s/lists/2020-bailianchi-needs.yaml'", dir);
	CHECK_INT(system(cmd), 0);
	CHECK_INT(agrees(dir, lc, false), 1);
	write_to(dir, "a", "orgs/chenghua-yueweilai.md", "\n缓存测试中加上的一段。\n");
	CHECK_INT(agrees(dir, lc, false), 1);

	/* a new page, then removed again */
	write_to(dir, "w", "pages/cache-test.md", "---\ntitle: 缓存测试页\n---\n正文。\n");
	CHECK_INT(agrees(dir, lc, false), 1);
	snprintf(cmd, sizeof cmd, "%s/pages/cache-test.md", dir);
	CHECK_INT(unlink(cmd), 0);
	CHECK_INT(agrees(dir, lc, false), 0);

	/* a file broken: its error on every load, however often; then mended */
	snprintf(cmd, sizeof cmd, "cp '%s/lists/2020-bailianchi-needs.yaml' '%s/kept.yaml'", dir, root);
	CHECK_INT(system(cmd), 0);
	write_to(dir, "a", "lists/2020-bailianchi-needs.yaml", "fund: [unclosed\n");
	CHECK_INT(agrees(dir, lc, true), 1);
	CHECK_INT(agrees(dir, lc, true), 1);
	snprintf(cmd, sizeof cmd, "cp '%s/kept.yaml' '%s/lists/2020-bailianchi-needs.yaml'", root, dir);
	CHECK_INT(system(cmd), 0);
	CHECK_INT(agrees(dir, lc, false), 1);

	/* site.yaml edited: it is a file like the others */
	write_to(dir, "a", "site.yaml", "# edited\n");
	CHECK_INT(agrees(dir, lc, false), 1);

	load_cache_free(lc);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	CHECK_INT(system(cmd), 0);
}
