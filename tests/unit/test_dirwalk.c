/* dirwalk: sorted listings and walks, hidden entries skipped, depth
 * bounded, errors reported to the callback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dirwalk.h"
#include "t.h"

static void touch(const char *root, const char *rel)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	if (f)
		fclose(f);
}

static void mkd(const char *root, const char *rel)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	mkdir(p, 0755);
}

static int record(void *ctx, const dir_item *it)
{
	buf *b = ctx;
	buf_printf(b, "%s%s%s;", it->rel, S_ISDIR(it->st.st_mode) ? "/" : "", it->too_deep ? "(deep)" : "");
	return 0;
}

static int stop_at_b(void *ctx, const dir_item *it)
{
	record(ctx, it);
	return strcmp(it->rel, "b") == 0 ? 7 : 0;
}

TEST(dirwalk_sorted_hidden_skipped_depth_bounded)
{
	char root[] = "/tmp/qd-dirwalk-XXXXXX";
	if (!mkdtemp(root)) {
		CHECK(!"mkdtemp");
		return;
	}
	/* made in an order no file system sorts by */
	touch(root, "c.yaml");
	touch(root, "a.yaml");
	touch(root, ".hidden");
	mkd(root, "b");
	touch(root, "b/z.md");
	touch(root, "b/y.md");
	mkd(root, "b/.git");
	mkd(root, "b/deep");
	mkd(root, "b/deep/deeper");
	touch(root, "b/deep/deeper/x");

	size_t n;
	int err;
	dir_entry *v = dir_list(root, &n, &err);
	CHECK_INT(n, 3);
	CHECK_STR(v[0].name, "a.yaml");
	CHECK_STR(v[1].name, "b");
	CHECK_STR(v[2].name, "c.yaml");
	dir_list_free(v, n);

	buf b = BUF_INIT;
	CHECK_INT(dir_walk(root, 1, record, &b), 0);
	CHECK_STR(b.ptr, "a.yaml;b/;b/deep/(deep);b/y.md;b/z.md;c.yaml;");
	buf_reset(&b);
	CHECK_INT(dir_walk(root, 16, record, &b), 0);
	CHECK_STR(b.ptr, "a.yaml;b/;b/deep/;b/deep/deeper/;b/deep/deeper/x;b/y.md;b/z.md;c.yaml;");
	/* a callback's non-zero answer stops the walk and is returned */
	buf_reset(&b);
	CHECK_INT(dir_walk(root, 16, stop_at_b, &b), 7);
	CHECK_STR(b.ptr, "a.yaml;b/;");
	buf_free(&b);

	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	CHECK_INT(system(cmd), 0);
	/* a folder that is not there */
	CHECK(dir_list(root, &n, &err) == NULL);
	CHECK(err != 0);
	CHECK_INT(dir_walk(root, 4, record, &b), -1);
}
