/* Mustache errors a theme author can act on: what is wrong and where
 * (file:line:col, columns in characters), what to do; every error of a
 * template set, not only the first; limits that stop hostile templates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "test_mustache.h"

#define D mu_t_diags
#define M "templates/main.mustache:"

TEST(mu_error_none)
{
	CHECK_STR(D("{{#a}}{{b}}{{/a}}{{>p}}", "p", "x", NULL), "");
}

TEST(mu_error_unclosed_tag)
{
	CHECK_STR(D("ab\ncd {{name", NULL),
		  M "2:4: error: tag '{{' is never closed; add '}}' after the name (to write '{{' as text, "
		    "change the delimiters with {{=<% %>=}})\n");
	CHECK_STR(D("{{{name}}", NULL), M "1:1: error: '{{{' is never closed; add '}}}' after the name\n");
	CHECK_STR(D("x{{", NULL),
		  M "1:2: error: tag '{{' is never closed; add '}}' after the name (to write '{{' as text, "
		    "change the delimiters with {{=<% %>=}})\n");
}

TEST(mu_error_columns_count_characters)
{
	/* 成华区 is three characters (nine bytes) */
	CHECK_STR(D("成华区{{}}", NULL), M "1:4: error: empty tag '{{}}'; put a name inside it, or remove it\n");
}

TEST(mu_error_bad_names)
{
	CHECK_STR(D("{{ }}", NULL), M "1:1: error: empty tag '{{ }}'; put a name inside it, or remove it\n");
	CHECK_STR(D("{{page title}}", NULL),
		  M "1:1: error: '{{page title}}': a name cannot contain spaces; write one name per tag (dots "
		    "reach inside values: 'page.title')\n");
	CHECK_STR(D("{{a..b}}{{a.}}", NULL),
		  M "1:1: error: name 'a..b' has an empty part; write names like 'page.title' (one dot "
		    "between parts, none at the end)\n" M "1:9: error: name 'a.' has an empty part; write "
		    "names like 'page.title' (one dot between parts, none at the end)\n");
	CHECK_STR(D("{{ #a}}", NULL),
		  M "1:1: error: '{{ #a}}': the '#' must come right after the opening delimiter\n");
}

TEST(mu_error_bad_partial_names)
{
	CHECK_STR(D("{{>../secret}}", NULL),
		  M "1:1: error: template name '../secret' is not a path inside the templates directory; name "
		    "templates like 'partials/header' (no '..', '.', empty parts or leading '/')\n");
	CHECK(strstr(D("{{>/etc/x}}", NULL), "is not a path inside") != NULL);
	CHECK(strstr(D("{{<a//b}}{{/a//b}}", NULL), "is not a path inside") != NULL);
	CHECK(strstr(D("{{>./a}}", NULL), "is not a path inside") != NULL);
	CHECK_STR(D("{{>*}}", NULL), M "1:1: error: empty tag '{{>*}}'; put a name inside it, or remove it\n");
}

TEST(mu_error_bad_delimiters)
{
	CHECK_STR(D("{{=<%=}}", NULL),
		  M "1:1: error: a set-delimiter tag needs two delimiters separated by a space, like "
		    "{{=<% %>=}}\n");
	CHECK_STR(D("{{= a b c =}}", NULL),
		  M "1:1: error: a set-delimiter tag needs two delimiters separated by a space, like "
		    "{{=<% %>=}}\n");
	CHECK_STR(D("{{=<= =>=}}", NULL),
		  M "1:1: error: delimiters cannot contain '='; choose others, like {{=<% %>=}}\n");
	CHECK_STR(D("{{=<% %>}}", NULL),
		  M "1:1: error: set-delimiter tag is never closed; write it like {{=<% %>=}}\n");
	char tpl[100];
	snprintf(tpl, sizeof tpl, "{{=%s >=}}", "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"); /* 33 */
	CHECK_STR(D(tpl, NULL), M "1:1: error: a delimiter is longer than 32 bytes; choose a shorter one\n");
}

TEST(mu_error_unclosed_section)
{
	CHECK_STR(D("<ul>\n  {{#items}}\n  <li>\n", NULL),
		  M "2:3: error: '{{#items}}' is never closed; add '{{/items}}' where it should end\n");
	CHECK_STR(D("{{^a}}{{$b}}{{<c}}", NULL),
		  M "1:1: error: '{{^a}}' is never closed; add '{{/a}}' where it should end\n" M
		    "1:7: error: '{{$b}}' is never closed; add '{{/b}}' where it should end\n" M
		    "1:13: error: '{{<c}}' is never closed; add '{{/c}}' where it should end\n" M
		    "1:13: error: unknown parent template 'c'; create c.mustache in the templates "
		    "directory, or fix the name\n");
}

TEST(mu_error_mismatched_and_stray_end)
{
	CHECK_STR(D("{{#a}}\n{{/b}}\n{{/a}}", NULL),
		  M "2:1: error: '{{/b}}' does not close '{{#a}}' (opened at line 1, column 1); close that "
		    "first with '{{/a}}', or fix the name\n");
	CHECK_STR(D("x {{/a}}", NULL),
		  M "1:3: error: '{{/a}}' closes nothing; remove it, or open it before with '{{#a}}'\n");
	/* closing an outer section closes what is left open inside it */
	CHECK_STR(D("{{#a}}{{#b}}{{/a}}", NULL),
		  M "1:7: error: '{{#b}}' is never closed ('{{/a}}' came first); add '{{/b}}' where it "
		    "should end\n");
}

TEST(mu_error_every_error_is_reported)
{
	const char *got = D("{{#a}}\n{{x y}}\n{{>missing}}\n{{/b}}\n{{/a}}\n{{=x=}}\n", "other", "{{#c}}", NULL);
	CHECK_STR(got,
		  M "2:1: error: '{{x y}}': a name cannot contain spaces; write one name per tag (dots reach "
		    "inside values: 'page.title')\n" M
		    "3:1: error: unknown partial 'missing'; create missing.mustache in the templates "
		    "directory, or fix the name\n" M
		    "4:1: error: '{{/b}}' does not close '{{#a}}' (opened at line 1, column 1); close that "
		    "first with '{{/a}}', or fix the name\n" M
		    "6:1: error: a set-delimiter tag needs two delimiters separated by a space, like "
		    "{{=<% %>=}}\n"
		    "templates/other.mustache:1:1: error: '{{#c}}' is never closed; add '{{/c}}' where it "
		    "should end\n");
}

TEST(mu_error_unknown_partial_suggests)
{
	CHECK_STR(D("{{>partials/heder}}", "partials/header", "h", "partials/footer", "f", NULL),
		  M "1:1: error: unknown partial 'partials/heder' (there is no partials/heder.mustache in the "
		    "templates directory); did you mean 'partials/header'?\n");
	CHECK_STR(D("x\n  {{<bse}}{{/bse}}", "base", "b", NULL),
		  M "2:3: error: unknown parent template 'bse' (there is no bse.mustache in the templates "
		    "directory); did you mean 'base'?\n");
}

TEST(mu_error_broken_partial_adds_no_unknown_error)
{
	/* p has an error; main's {{>p}} still finds it */
	CHECK_STR(D("{{>p}}", "p", "{{#x}}", NULL),
		  "templates/p.mustache:1:1: error: '{{#x}}' is never closed; add '{{/x}}' where it should "
		  "end\n");
}

TEST(mu_error_duplicate_argument)
{
	CHECK_STR(D("{{<p}}\n{{$a}}1{{/a}}\n{{$a}}2{{/a}}\n{{/p}}", "p", "{{$a}}{{/a}}", NULL),
		  M "3:1: error: block 'a' is given twice in this parent tag; remove one of them\n");
}

TEST(mu_error_unconditional_self_inclusion)
{
	CHECK_STR(D("x{{>main}}", NULL),
		  M "1:2: error: templates include each other without end ('main' -> 'main'); put the "
		    "include inside a section that stops\n");
	CHECK_STR(D("{{>a}}", "a", "a{{>b}}", "b", "{{<a}}{{/a}}", NULL),
		  "templates/b.mustache:1:1: error: templates include each other without end ('a' -> 'b' -> "
		  "'a'); put the include inside a section that stops\n");
	/* inside a section or a block default it may stop: no error */
	CHECK_STR(D("{{#more}}{{>main}}{{/more}}{{$b}}{{>main}}{{/b}}", NULL), "");
}

TEST(mu_error_duplicate_template_name)
{
	diag d;
	arena a;
	diag_init(&d);
	arena_init(&a);
	mu_set *s = mu_set_new(&a);
	CHECK(mu_compile(s, &d, "x", "one/x.mustache", "1", 1) != NULL);
	CHECK(mu_compile(s, &d, "x", "two/x.mustache", "2", 1) == NULL);
	CHECK_INT(d.errors, 1);
	CHECK_STR(d.v[0].msg, "a template named 'x' already exists (one/x.mustache); rename one of them");
	CHECK_INT(mu_link(s, &d, MU_LINK_STRICT, NULL, NULL), 1);
	mu_set_free(s);
	arena_free(&a);
	diag_free(&d);
}

TEST(mu_error_render_needs_link_and_no_errors)
{
	diag d;
	arena a;
	buf out = BUF_INIT;
	mu_error err;
	diag_init(&d);
	arena_init(&a);
	mu_set *s = mu_set_new(&a);
	const mu_template *t = mu_compile(s, &d, "t", "t.mustache", "{{>u}}", 6);
	CHECK_INT(mu_render(t, &mu_value_data, NULL, NULL, &out, &err), MU_ERR_UNLINKED);
	CHECK_STR(err.msg, "template 't' was rendered before mu_link");
	mu_compile(s, &d, "u", "u.mustache", "{{#", 3);
	mu_link(s, &d, 0, NULL, NULL);
	CHECK_INT(mu_render(t, &mu_value_data, NULL, NULL, &out, &err), MU_ERR_BROKEN);
	CHECK_STR(err.msg, "template 'u' has errors");
	CHECK_STR(err.file, "t.mustache");
	CHECK_INT(err.line, 1);
	CHECK_INT(err.col, 1);
	mu_report(&d, &err);
	CHECK_INT(d.errors, 2);
	buf_free(&out);
	mu_set_free(s);
	arena_free(&a);
	diag_free(&d);
}

TEST(mu_error_render_null_root)
{
	diag d;
	arena a;
	buf out = BUF_INIT;
	diag_init(&d);
	arena_init(&a);
	mu_set *s = mu_set_new(&a);
	const mu_template *t = mu_compile(s, &d, "t", "t", "[{{a}}{{.}}{{#b}}x{{/b}}{{^b}}y{{/b}}{{.c}}]", 44);
	mu_link(s, &d, 0, NULL, NULL);
	CHECK_INT(mu_render(t, &mu_value_data, NULL, NULL, &out, NULL), MU_OK);
	CHECK_STR(out.ptr, "[y]");
	buf_free(&out);
	mu_set_free(s);
	arena_free(&a);
	diag_free(&d);
}

/* ---- limits ---- */

TEST(mu_limit_nesting_in_one_template)
{
	buf b = BUF_INIT;
	for (int i = 0; i < MU_MAX_NEST + 1; i++)
		buf_puts(&b, "{{#a}}");
	for (int i = 0; i < MU_MAX_NEST + 1; i++)
		buf_puts(&b, "{{/a}}");
	const char *got = D(b.ptr, NULL);
	CHECK(strstr(got, M "1:601: error: sections are nested more than 100 deep; split the template into "
			  "partials\n") == got);
	buf_free(&b);
}

TEST(mu_limit_partial_chain)
{
	/* p1 -> p2 -> ... -> pN: 100 deep renders, 101 is an error */
	for (int n = 100; n <= 101; n++) {
		diag d;
		arena a;
		buf out = BUF_INIT;
		mu_error err;
		diag_init(&d);
		arena_init(&a);
		mu_set *s = mu_set_new(&a);
		for (int i = 1; i <= n; i++) {
			char name[16], text[32];
			snprintf(name, sizeof name, "p%d", i);
			snprintf(text, sizeof text, i < n ? "{{>p%d}}" : "end", i + 1);
			mu_compile(s, &d, name, name, text, strlen(text));
		}
		const mu_template *top = mu_compile(s, &d, "top", "top", "{{>p1}}", 7);
		CHECK_INT(mu_link(s, &d, MU_LINK_STRICT, NULL, NULL), 0);
		mu_status st = mu_render(top, &mu_value_data, NULL, NULL, &out, &err);
		if (n == 100) {
			CHECK_INT(st, MU_OK);
			CHECK_STR(out.ptr, "end");
		} else {
			CHECK_INT(st, MU_ERR_DEPTH);
			CHECK_STR(err.file, "p100");
		}
		buf_free(&out);
		mu_set_free(s);
		arena_free(&a);
		diag_free(&d);
	}
}

TEST(mu_limit_block_that_fills_itself)
{
	const char *got = mu_t_render("{{<p}}{{$b}}{{$b}}{{/b}}{{/b}}{{/p}}", "{}", "p", "{{$b}}{{/b}}", NULL);
	CHECK(strstr(got, "ERROR: templates/main.mustache:1:13: error: blocks, partials and parents nest "
			  "more than 100 deep here") == got);
}

TEST(mu_limit_deep_inverted_sections)
{
	/* 100 nested inverted sections per template, 5 templates deep */
	buf b = BUF_INIT;
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "{{^a}}");
	buf_puts(&b, "{{>q}}");
	for (int i = 0; i < 100; i++)
		buf_puts(&b, "{{/a}}");
	const char *got = mu_t_render(b.ptr, "{}", "q", b.ptr, NULL);
	CHECK(strstr(got, "error: templates nest more than 512 deep here") != NULL);
	buf_free(&b);
}

TEST(mu_limit_steps)
{
	/* eight calls of the next partial per level, nine levels: 8^9 */
	diag d;
	arena a;
	buf out = BUF_INIT;
	mu_error err;
	diag_init(&d);
	arena_init(&a);
	mu_set *s = mu_set_new(&a);
	for (int i = 1; i <= 9; i++) {
		char name[16], text[128] = "";
		snprintf(name, sizeof name, "f%d", i);
		for (int k = 0; k < 8; k++)
			snprintf(text + strlen(text), sizeof text - strlen(text), "{{>f%d}}", i + 1);
		mu_compile(s, &d, name, name, text, strlen(text));
	}
	mu_compile(s, &d, "f10", "f10", "", 0);
	mu_link(s, &d, 0, NULL, NULL);
	mu_opts opts = { .max_steps = 1000000 };
	CHECK_INT(mu_render(mu_get(s, "f1", 2), &mu_value_data, NULL, &opts, &out, &err), MU_ERR_STEPS);
	CHECK(strstr(err.msg, "rendering took more than 1000000 steps") == err.msg);
	buf_free(&out);
	mu_set_free(s);
	arena_free(&a);
	diag_free(&d);
}

TEST(mu_limit_long_line_compiles_in_linear_time)
{
	/* 200000 tags on one line: positions are counted incrementally */
	buf b = BUF_INIT;
	for (int i = 0; i < 200000; i++)
		buf_puts(&b, "成{{a}}");
	diag d;
	arena a;
	diag_init(&d);
	arena_init(&a);
	mu_set *s = mu_set_new(&a);
	const mu_template *t = mu_compile(s, &d, "t", "t", b.ptr, b.len);
	CHECK(t != NULL);
	mu_link(s, &d, 0, NULL, NULL);
	buf out = BUF_INIT;
	CHECK_INT(mu_render(t, &mu_value_data, mu_t_data("{a: x}"), NULL, &out, NULL), MU_OK);
	CHECK_INT(out.len, 200000 * 4);
	buf_free(&out);
	buf_free(&b);
	mu_set_free(s);
	arena_free(&a);
	diag_free(&d);
}

TEST(mu_error_broken_section_reports_once)
{
	/* the broken opening tag still matches its closing tag */
	CHECK_STR(D("{{#a..b}}x{{/a..b}}\n{{#c d}}y{{/c d}}", NULL),
		  M "1:1: error: name 'a..b' has an empty part; write names like 'page.title' (one dot "
		    "between parts, none at the end)\n" M
		    "2:1: error: '{{#c d}}': a name cannot contain spaces; write one name per tag (dots "
		    "reach inside values: 'page.title')\n" M
		    "2:10: error: '{{/c d}}': a name cannot contain spaces; write one name per tag (dots "
		    "reach inside values: 'page.title')\n");
	CHECK_STR(D("{{#*x}}{{/*x}}", NULL),
		  M "1:1: error: '{{#*x}}': a '*' (dynamic name) works only in partial and parent tags, "
		    "like {{>*name}} and {{<*name}}\n");
}
