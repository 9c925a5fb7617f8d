/* Fuzz target for the Mustache engine (src/mustache/): the bytes are up to
 * three templates parted by NUL bytes, compiled as "main", "p" and
 * "layouts/q" (so partials, parents, blocks and dynamic names can reach
 * each other), linked, and rendered against a fixed data tree that has
 * what a site's views have: maps, sealed rows in lists, nested lists,
 * text with markup characters, numbers, booleans, null. Compiling and
 * rendering must finish (the step limit bounds a render) without a
 * crash or a leak, and two properties must hold: a render that succeeds
 * gives the same bytes with the row memo (mu_memo) as without it, on the
 * first pass and on the second (when rows come from the memo); and no
 * render error leaves a diagnostic without a position. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "value.h"
#include "yamlload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char DATA[] =
	"title: 'A & B <b>\"quoted\"</b>'\n"
	"count: 3\n"
	"ratio: 1.210\n"
	"yes: true\n"
	"no: false\n"
	"nothing: null\n"
	"empty: []\n"
	"html: '<script>alert(1)</script>'\n"
	"site: {name: 清单, base: /sub/, lang: zh-CN}\n"
	"rows:\n"
	"  - {id: a1, title: 第一, budget: 6.6, tags: [x, y], status: open}\n"
	"  - {id: a2, title: '第二 {{title}}', done: true, tags: []}\n"
	"  - {id: a3, title: '', budget: 0, sub: {rows: [{id: s1}, {id: s2, title: in}]}}\n"
	"groups:\n"
	"  - name: g1\n"
	"    subtotal: 10\n"
	"    rows: [{id: r1, budget: 1}, {id: r2}]\n"
	"  - name: g2\n"
	"    rows: []\n"
	"partial: p\n"
	"layout: layouts/q\n";

static arena data_arena;
static value *root;

static void init(void)
{
	diag d;
	diag_init(&d);
	arena_init(&data_arena);
	root = yamlload_parse(&data_arena, &d, "data.yaml", DATA, sizeof DATA - 1, 1);
	if (!root || d.errors)
		abort();
	value_seal_rows(root);
	value_lasting(root);
	diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!root)
		init();
	static const char *const names[] = { "main", "p", "layouts/q" };
	static const char *const paths[] = { "templates/main.mustache", "templates/p.mustache",
					     "templates/layouts/q.mustache" };
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	mu_set *set = mu_set_new(&a);
	const char *p = (const char *)data, *end = p + size;
	for (int i = 0; i < 3; i++) {
		const char *z = memchr(p, '\0', (size_t)(end - p));
		size_t n = z ? (size_t)(z - p) : (size_t)(end - p);
		mu_compile(set, &d, names[i], paths[i], p, n);
		if (!z)
			break;
		p = z + 1;
	}
	unsigned flags = size % 2 ? MU_LINK_STRICT : 0;
	mu_link(set, &d, flags, NULL, NULL);
	const mu_template *t = mu_get(set, "main", 4);
	if (t && !d.errors) {
		mu_opts o = { .flags = (size / 2) % 4, .max_steps = 100000 };
		buf plain = BUF_INIT, memo1 = BUF_INIT, memo2 = BUF_INIT;
		mu_error err;
		mu_status st = mu_render(t, &mu_value_data, root, &o, &plain, &err);
		if (st != MU_OK) {
			mu_report(&d, &err);
			if (!err.file || !err.line || !err.msg[0])
				abort(); /* an error must say where and what */
		} else {
			mu_memo *m = mu_memo_new(64, 1 << 20);
			mu_opts om = o;
			om.memo = m;
			mu_status s1 = mu_render(t, &mu_value_data, root, &om, &memo1, &err);
			mu_status s2 = mu_render(t, &mu_value_data, root, &om, &memo2, &err);
			if (s1 != MU_OK || s2 != MU_OK || memo1.len != plain.len || memo2.len != plain.len ||
			    (plain.len && (memcmp(memo1.ptr, plain.ptr, plain.len) || memcmp(memo2.ptr, plain.ptr, plain.len)))) {
				fprintf(stderr, "mustache: the memo changed the output\nplain: %.*s\nmemo1: %.*s\nmemo2: %.*s\n",
					(int)plain.len, plain.ptr, (int)memo1.len, memo1.ptr, (int)memo2.len, memo2.ptr);
				abort();
			}
			mu_memo_free(m);
		}
		buf_free(&plain), buf_free(&memo1), buf_free(&memo2);
	}
	mu_set_free(set);
	diag_free(&d);
	arena_free(&a);
	return 0;
}
