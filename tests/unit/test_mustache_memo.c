/* The memo of rows (mu_memo): a section's output for a lasting sealed row
 * is written again on later pages only when it would be the same. Every
 * test renders the same templates against several roots that share one
 * list of rows, with a memo and without, and checks that the outputs are
 * equal, then that the memo was (or was not) used. */
#include <pthread.h>
#include <string.h>

#include "t.h"
#include "test_mustache.h"
#include "value.h"
#include "yamlload.h"

typedef struct fixture {
	arena a;
	diag d;
	mu_set *set;
	const mu_template *t;
	value *rows; /* sealed, lasting: shared by every root */
} fixture;

/* Compile tpl (and partials: name, text pairs, NULL) and load the rows
 * (a YAML list), each sealed and, when `lasting`, marked lasting. */
static void setup(fixture *f, const char *tpl, const char *rows, bool lasting, ...)
{
	arena_init(&f->a);
	diag_init(&f->d);
	f->set = mu_set_new(&f->a);
	f->t = mu_compile(f->set, &f->d, "main", "templates/main.mustache", tpl, strlen(tpl));
	va_list ap;
	va_start(ap, lasting);
	const char *name;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *text = va_arg(ap, const char *);
		mu_compile(f->set, &f->d, name, arena_printf(&f->a, "templates/%s.mustache", name), text,
			   strlen(text));
	}
	va_end(ap);
	mu_link(f->set, &f->d, MU_LINK_STRICT, NULL, NULL);
	f->rows = yamlload_parse(&f->a, &f->d, "rows.yaml", rows, strlen(rows), 1);
	for (size_t i = 0; f->rows && i < f->rows->n; i++) {
		value_seal(f->rows->items[i]);
		if (lasting)
			value_lasting(f->rows->items[i]);
	}
}

static void teardown(fixture *f)
{
	mu_set_free(f->set);
	diag_free(&f->d);
	arena_free(&f->a);
}

/* The root from `yaml` (a map) with the shared rows under "items", and
 * under "groups[*].items" when the root has groups. */
static value *root_of(fixture *f, const char *yaml)
{
	value *root = yamlload_parse(&f->a, &f->d, "root.yaml", yaml, strlen(yaml), 1);
	value_set(&f->a, root, "items", f->rows);
	value *groups = value_get(root, "groups");
	for (size_t i = 0; groups && i < groups->n; i++)
		value_set(&f->a, groups->items[i], "items", f->rows);
	return root;
}

/* Render root with memo m (NULL: none) into a fresh string in f's arena,
 * or "ERROR: <message>". */
static const char *render(fixture *f, const value *root, mu_memo *m, unsigned flags)
{
	buf out = BUF_INIT;
	mu_opts opts = { .flags = flags, .max_steps = 1000000, .memo = m };
	mu_error err;
	const char *s;
	if (mu_render(f->t, &mu_value_data, root, &opts, &out, &err) != MU_OK)
		s = arena_printf(&f->a, "ERROR: %s", err.msg);
	else
		s = arena_strndup(&f->a, out.ptr, out.len);
	buf_free(&out);
	return s;
}

/* Render each root three times in turn with one memo (an output is kept
 * the second time it is made, used from the third), and once without:
 * the outputs must agree. Returns the memo's hits; *kept its entries. */
/* The memo notes what it has seen once in a filter of hashed bits, whose
 * hashes include addresses: a chance collision keeps an output the first
 * time rather than the second (harmless, but it changes the counts these
 * tests check, about once in 30 runs with the smallest filter). A filter
 * sized for a million rows makes that a chance in a million. */
#define ROWS_NO_COLLISION ((size_t)1 << 20)

static size_t agree(fixture *f, const char *const *roots, size_t n, unsigned flags, size_t *kept)
{
	mu_memo *m = mu_memo_new(ROWS_NO_COLLISION, 1 << 20);
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < n; i++) {
			const value *root = root_of(f, roots[i]);
			CHECK_STR(render(f, root, m, flags), render(f, root, NULL, flags));
		}
	size_t hits;
	mu_memo_stats(m, &hits, kept);
	mu_memo_free(m);
	return hits;
}

/* agree(), then the memo's counts: outputs kept, rows written from it. */
static void agree_counts(fixture *f, const char *const *roots, size_t n, unsigned flags, size_t want_kept,
			 size_t want_hits)
{
	size_t kept, hits = agree(f, roots, n, flags, &kept);
	CHECK_INT(kept, want_kept);
	CHECK_INT(hits, want_hits);
}

static const char rows3[] = "[{no: 1, title: 甲}, {no: 2, title: 乙, budget: 3}, {no: 3, title: '<丙>'}]";

TEST(mu_memo_rows_written_again_per_root_flag)
{
	fixture f;
	setup(&f, "{{#items}}[{{no}}:{{title}}{{^flag}}*{{/flag}}]{{/items}}", rows3, true, NULL);
	const char *roots[] = { "{flag: true}", "{other: 1}", "{flag: false}" };
	/* three outputs per row: flag true, missing, and false (a scalar is
	 * compared by its kind and text, so false and missing differ) */
	agree_counts(&f, roots, 3, MU_RENDER_STRICT | MU_RENDER_OWN, 9, 9);
	CHECK_STR(render(&f, root_of(&f, "{flag: true}"), NULL, 0), "[1:甲][2:乙][3:&lt;丙&gt;]");
	teardown(&f);
}

TEST(mu_memo_root_text_is_compared)
{
	fixture f;
	setup(&f, "{{#items}}{{no}}@{{site}} {{/items}}", rows3, true, NULL);
	const char *roots[] = { "{site: 甲站}", "{site: 乙站}", "{site: 甲站}" };
	/* 甲站's rows are kept when the third root meets them again */
	agree_counts(&f, roots, 3, MU_RENDER_STRICT, 6, 15);
	teardown(&f);
}

TEST(mu_memo_rows_of_a_page_are_not_kept)
{
	/* not lasting: a page's own rows may share an address with the next
	 * page's, so nothing may be remembered for them */
	fixture f;
	setup(&f, "{{#items}}[{{title}}]{{/items}}", rows3, false, NULL);
	const char *roots[] = { "{a: 1}", "{a: 2}" };
	agree_counts(&f, roots, 2, MU_RENDER_STRICT, 0, 0);
	teardown(&f);
}

TEST(mu_memo_body_with_a_partial_is_not_kept)
{
	fixture f;
	setup(&f, "{{#items}}[{{>cell}}]{{/items}}", rows3, true, "cell", "{{title}}", NULL);
	const char *roots[] = { "{a: 1}", "{a: 2}" };
	agree_counts(&f, roots, 2, MU_RENDER_STRICT, 0, 0);
	teardown(&f);
}

TEST(mu_memo_root_map_or_list_is_not_comparable)
{
	/* a page's map read from inside the row: its contents are not
	 * compared, so the row is rendered anew on every page */
	fixture f;
	setup(&f, "{{#items}}{{#page}}{{name}}{{/page}}{{no}} {{/items}}", rows3, true, NULL);
	const char *roots[] = { "{page: {name: 一}}", "{page: {name: 二}}" };
	agree_counts(&f, roots, 2, MU_RENDER_STRICT, 0, 0);
	CHECK_STR(render(&f, root_of(&f, roots[1]), NULL, 0), "二1 二2 二3 ");
	teardown(&f);
}

TEST(mu_memo_dotted_root_names)
{
	fixture f;
	setup(&f, "{{#items}}{{no}}{{site.name}}{{^site.off}}+{{/site.off}} {{/items}}", rows3, true, NULL);
	const char *roots[] = { "{site: {name: 甲}}", "{site: {name: 乙, off: true}}" };
	agree_counts(&f, roots, 2, MU_RENDER_STRICT, 6, 6);
	teardown(&f);
}

TEST(mu_memo_inherited_name_is_still_an_error)
{
	/* the first page's groups lack 'budget': the row reads it at the
	 * root (missing) and is kept; the second page's group has one, which
	 * the row must not show: looked up anew, it is the same error as
	 * without the memo */
	fixture f;
	setup(&f, "{{#groups}}{{#items}}[{{title}}{{#budget}}={{budget}}{{/budget}}]{{/items}}{{/groups}}",
	      "[{no: 1, title: 甲}, {no: 2, title: 乙}]", true, NULL);
	mu_memo *m = mu_memo_new(ROWS_NO_COLLISION, 1 << 20);
	unsigned own = MU_RENDER_STRICT | MU_RENDER_OWN;
	const value *first = root_of(&f, "{groups: [{x: 1}]}");
	for (int i = 0; i < 2; i++)
		CHECK_STR(render(&f, first, m, own), "[甲][乙]");
	size_t hits, kept;
	mu_memo_stats(m, &hits, &kept);
	CHECK_INT(kept, 2);
	const value *second = root_of(&f, "{groups: [{budget: 5}]}");
	const char *with = render(&f, second, m, own);
	CHECK_STR(with, render(&f, second, NULL, own));
	CHECK(strstr(with, "'budget' is not a value of this row or record") != NULL);
	mu_memo_free(m);
	teardown(&f);
}

TEST(mu_memo_indented_rows_rendered_anew)
{
	/* rows inside an indented standalone partial: the indentation is
	 * part of their output, so the memo is not used there */
	fixture f;
	setup(&f, "<ul>\n  {{>list}}\n</ul>\n", rows3, true, "list", "{{#items}}\n<li>{{title}}</li>\n{{/items}}\n",
	      NULL);
	const char *roots[] = { "{a: 1}", "{a: 2}" };
	agree_counts(&f, roots, 2, MU_RENDER_STRICT, 0, 0);
	CHECK_STR(render(&f, root_of(&f, roots[0]), NULL, 0),
		  "<ul>\n  <li>甲</li>\n  <li>乙</li>\n  <li>&lt;丙&gt;</li>\n</ul>\n");
	teardown(&f);
}

TEST(mu_memo_full_memo_keeps_nothing_more)
{
	fixture f;
	setup(&f, "{{#items}}[{{title}}]{{/items}}", rows3, true, NULL);
	mu_memo *m = mu_memo_new(16, 100); /* room for one entry */
	const value *root = root_of(&f, "{a: 1}");
	for (int i = 0; i < 4; i++)
		CHECK_STR(render(&f, root, m, MU_RENDER_STRICT), "[甲][乙][&lt;丙&gt;]");
	size_t hits, kept;
	mu_memo_stats(m, &hits, &kept);
	CHECK_INT(kept, 1);
	CHECK_INT(hits, 2);
	mu_memo_free(m);
	teardown(&f);
}

/* Two threads rendering different roots with one memo, many times. */
typedef struct job {
	fixture *f;
	const value *root;
	const char *want;
	mu_memo *m;
	int bad;
} job;

static void *worker(void *p)
{
	job *j = p;
	mu_opts opts = { .flags = MU_RENDER_STRICT, .max_steps = 1000000, .memo = j->m };
	buf out = BUF_INIT;
	for (int i = 0; i < 2000; i++) {
		buf_reset(&out);
		mu_error err;
		if (mu_render(j->f->t, &mu_value_data, j->root, &opts, &out, &err) != MU_OK ||
		    strcmp(out.ptr, j->want) != 0)
			j->bad++;
	}
	buf_free(&out);
	return NULL;
}

TEST(mu_memo_shared_by_threads)
{
	fixture f;
	setup(&f, "{{#items}}[{{no}}{{^flag}}*{{/flag}}]{{/items}}", rows3, true, NULL);
	mu_memo *m = mu_memo_new(4, 1 << 20);
	job jobs[2] = { { &f, root_of(&f, "{flag: true}"), "[1][2][3]", m, 0 },
			{ &f, root_of(&f, "{a: 1}"), "[1*][2*][3*]", m, 0 } };
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, worker, &jobs[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK_INT(jobs[0].bad, 0);
	CHECK_INT(jobs[1].bad, 0);
	size_t hits, kept;
	mu_memo_stats(m, &hits, &kept);
	/* six outputs (three rows, two roots), each made at most twice by
	 * each thread before it is kept */
	CHECK(kept >= 6 && kept <= 12);
	CHECK(hits >= 2 * 2000 * 3 - 6 * 4);
	mu_memo_free(m);
	teardown(&f);
}
