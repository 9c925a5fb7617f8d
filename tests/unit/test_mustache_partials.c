/* Mustache partials and dynamic names, written from the specification's
 * rules (partials module, ~dynamic-names module): context, recursion,
 * indentation of standalone partials, and names taken from the data. */
#include "t.h"
#include "test_mustache.h"

#define R mu_t_render

TEST(mu_partial_basic_and_missing)
{
	CHECK_STR(R("[{{>p}}]", "{}", "p", "来自局部模板", NULL), "[来自局部模板]");
	/* the specification: a partial that does not exist renders nothing */
	CHECK_STR(R("[{{>nope}}]", "{}", NULL), "[]");
	CHECK_STR(R("[{{>p}}]", "{}", "p", "", NULL), "[]");
}

TEST(mu_partial_sees_the_callers_context)
{
	CHECK_STR(R("{{>p}}", "{v: 根}", "p", "*{{v}}*", NULL), "*根*");
	CHECK_STR(R("{{#item}}{{>p}}{{/item}}", "{item: {v: 项}, v: 根}", "p", "*{{v}}*", NULL), "*项*");
	CHECK_STR(R("{{#l}}{{>p}}{{/l}}", "{l: [1, 2, 3]}", "p", "<{{.}}>", NULL), "<1><2><3>");
}

TEST(mu_partial_names_with_directories)
{
	CHECK_STR(R("{{>partials/card}}", "{t: x}", "partials/card", "[{{t}}]", NULL), "[x]");
	CHECK_STR(R("{{> partials/card }}", "{t: x}", "partials/card", "[{{t}}]", NULL), "[x]");
}

TEST(mu_partial_recursion_over_data)
{
	const char *data = "{name: 根, kids: [{name: 甲, kids: [{name: 甲一, kids: []}]}, {name: 乙, kids: []}]}";
	CHECK_STR(R("{{>node}}", data, "node", "{{name}}({{#kids}}{{>node}}{{/kids}})", NULL),
		  "根(甲(甲一())乙())");
}

TEST(mu_partial_nested)
{
	CHECK_STR(R("{{>outer}}", "{a: A, b: B}", "outer", "<{{a}} {{>inner}}>", "inner", "{{b}}!", NULL),
		  "<A B!>");
}

TEST(mu_partial_inline_is_not_indented)
{
	CHECK_STR(R("| {{>p}} |", "{}", "p", "\t|\t", NULL), "| \t|\t |");
	/* something else on the line: the partial's lines stay as they are */
	CHECK_STR(R("  {{v}}  {{>p}}\n", "{v: '|'}", "p", ">\n>", NULL), "  |  >\n>\n");
	CHECK_STR(R("  x {{>p}}\n", "{}", "p", "a\nb\n", NULL), "  x a\nb\n\n");
}

TEST(mu_partial_standalone_line_endings)
{
	CHECK_STR(R("|\r\n{{>p}}\r\n|", "{}", "p", ">", NULL), "|\r\n>|");
	CHECK_STR(R("|\n{{>p}}\n|", "{}", "p", "one\n", NULL), "|\none\n|");
}

TEST(mu_partial_standalone_without_previous_line_or_newline)
{
	CHECK_STR(R("  {{>p}}\n>", "{}", "p", ">\n>", NULL), "  >\n  >>");
	CHECK_STR(R(">\n  {{>p}}", "{}", "p", ">\n>", NULL), ">\n  >\n  >");
}

TEST(mu_partial_standalone_indents_every_line)
{
	CHECK_STR(R("<ul>\n  {{>items}}\n</ul>\n", "{}", "items", "<li>1</li>\n<li>2</li>\n", NULL),
		  "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n");
	/* tabs too, and lines that start with a tag */
	CHECK_STR(R("\t{{>p}}\n", "{a: A, b: B}", "p", "{{a}}\n{{b}}\n", NULL), "\tA\n\tB\n");
	/* lines of a section in the partial, every time it repeats */
	CHECK_STR(R("  {{>p}}\n", "{l: [1, 2]}", "p", "{{#l}}\n- {{.}}\n{{/l}}\n", NULL), "  - 1\n  - 2\n");
	/* blank lines of the partial are lines too */
	CHECK_STR(R("  {{>p}}\n", "{}", "p", "a\n\nb\n", NULL), "  a\n  \n  b\n");
}

TEST(mu_partial_indentation_is_not_applied_to_values)
{
	/* the partial's own lines are indented; a value's lines are not */
	CHECK_STR(R("\\\n {{>p}}\n/\n", "{c: \"<\\n->\"}", "p", "|\n{{{c}}}\n|\n", NULL),
		  "\\\n |\n <\n->\n |\n/\n");
}

TEST(mu_partial_indentation_accumulates)
{
	CHECK_STR(R("    {{>outer}}\n", "{}", "outer", "a\n  {{>inner}}\nb\n", "inner", "1\n2\n", NULL),
		  "    a\n      1\n      2\n    b\n");
	/* an inline partial inside an indented one is not indented again */
	CHECK_STR(R("  {{>outer}}\n", "{}", "outer", "a {{>inner}}\n", "inner", "1\n2", NULL),
		  "  a 1\n2\n");
}

TEST(mu_partial_standalone_line_with_two_tags_is_inline)
{
	CHECK_STR(R("  {{>p}}{{>p}}\n", "{}", "p", "x\n", NULL), "  x\nx\n\n");
}

TEST(mu_partial_padding)
{
	CHECK_STR(R("|{{> p }}|", "{}", "p", "[]", NULL), "|[]|");
	CHECK_STR(R("|{{>\tp\n}}|", "{}", "p", "[]", NULL), "|[]|");
}

TEST(mu_partial_runaway_recursion_stops_with_an_error)
{
	/* recursion the data never stops: an error after 100 partials, not
	 * a crash */
	const char *got = R("{{>r}}", "{a: {x: 1}}", "r", "{{#a}}.{{>r}}{{/a}}", NULL);
	CHECK(strstr(got, "ERROR: templates/r.mustache:1:8: error: partials and parents nest more than 100 "
			  "deep here") == got);
}

TEST(mu_partial_recursion_as_deep_as_the_data)
{
	/* 30 nested maps (near the YAML depth limit), one partial each */
	buf b = BUF_INIT, want = BUF_INIT;
	for (int i = 0; i < 29; i++)
		buf_puts(&b, "{more: true, k: ");
	buf_puts(&b, "{more: false}");
	for (int i = 0; i < 29; i++)
		buf_puts(&b, "}");
	for (int i = 0; i < 30; i++)
		buf_puts(&want, "(");
	for (int i = 0; i < 30; i++)
		buf_puts(&want, ")");
	CHECK_STR(R("{{>r}}", b.ptr, "r", "({{#more}}{{#k}}{{>r}}{{/k}}{{/more}})", NULL), want.ptr);
	buf_free(&b);
	buf_free(&want);
}

TEST(mu_dynamic_partial_basic)
{
	CHECK_STR(R("[{{>*which}}]", "{which: card}", "card", "卡片", NULL), "[卡片]");
	/* the asterisk is not part of the name looked up */
	CHECK_STR(R("[{{>*which}}]", "{which: card, '*which': wrong}", "card", "right", "wrong", "no", NULL),
		  "[right]");
}

TEST(mu_dynamic_partial_misses_render_nothing)
{
	CHECK_STR(R("[{{>*nope}}]", "{}", "nope", "no", NULL), "[]");
	CHECK_STR(R("[{{>*which}}]", "{which: ghost}", "card", "no", NULL), "[]");
	CHECK_STR(R("[{{>*which}}]", "{which: null}", "card", "no", NULL), "[]");
}

TEST(mu_dynamic_partial_context_and_dotted_names)
{
	CHECK_STR(R("{{>*kind}}", "{kind: p, t: 文本}", "p", "*{{t}}*", NULL), "*文本*");
	CHECK_STR(R("{{>*a.b.c}}", "{t: T, a: {b: {c: p}}}", "p", "*{{t}}*", NULL), "*T*");
	/* the whole dotted name resolves first, then names a template */
	CHECK_STR(R("[{{>*a.b.c}}]", "{t: T, a: x, x: {b: {c: p}}}", "p", "*{{t}}*", NULL), "[]");
	/* resolving the name pushes nothing: the partial sees the stack as
	 * it was */
	CHECK_STR(R("{{>*a.b.c}}", "{a: {t: inner, b: {c: p}}}", "p", "*{{t}}*", NULL), "**");
	CHECK_STR(R("{{#s1}}{{>*s2.d}}{{/s1}}", "{s1: {v: one}, s2: {d: p, v: two}}", "p", "<{{v}}>", NULL),
		  "<one>");
	CHECK_STR(R("{{#s1}}{{>*s2.d}}{{/s1}}", "{v: root, s1: [1, 2], s2: {d: p, v: two}}", "p", "{{v}}",
		    NULL),
		  "rootroot");
}

TEST(mu_dynamic_partial_recursion)
{
	CHECK_STR(R("{{>*tpl}}", "{tpl: node, n: X, kids: [{n: Y, kids: []}]}", "node",
		    "{{n}}<{{#kids}}{{>*tpl}}{{/kids}}>", NULL),
		  "X<Y<>>");
}

TEST(mu_dynamic_partial_is_resolved_once)
{
	/* '**x' looks up '*x', which is missing; '*a.*b' looks up 'a', then
	 * '*b' inside it */
	CHECK_STR(R("[{{>**d}}]", "{d: t, t: c}", "c", "no", NULL), "[]");
	CHECK_STR(R("[{{>*a.*b}}]", "{a: f, b: g, f: {g: c}}", "c", "no", NULL), "[]");
}

TEST(mu_dynamic_partial_empty_names_name_nothing)
{
	/* lists, maps and empty text have no name, even for a template
	 * whose name is empty */
	CHECK_STR(R("[{{>*d}}]", "{d: {a: 1}}", "", "no", NULL), "[]");
	CHECK_STR(R("[{{>*d}}]", "{d: [x]}", "", "no", NULL), "[]");
	CHECK_STR(R("[{{>*d}}]", "{d: ''}", "", "no", NULL), "[]");
}

TEST(mu_dynamic_partial_numbers_name_templates)
{
	CHECK_STR(R("{{>*n}}", "{n: 404}", "404", "找不到", NULL), "找不到");
}

TEST(mu_dynamic_partial_whitespace_rules)
{
	CHECK_STR(R("| {{>*d}} |", "{d: p}", "p", "\t|\t", NULL), "| \t|\t |");
	CHECK_STR(R("  {{v}}  {{>*d}}\n", "{d: p, v: '|'}", "p", ">\n>", NULL), "  |  >\n>\n");
	CHECK_STR(R("|\r\n{{>*d}}\r\n|", "{d: p}", "p", ">", NULL), "|\r\n>|");
	CHECK_STR(R("  {{>*d}}\n>", "{d: p}", "p", ">\n>", NULL), "  >\n  >>");
	CHECK_STR(R(">\n  {{>*d}}", "{d: p}", "p", ">\n>", NULL), ">\n  >\n  >");
	CHECK_STR(R("\\\n {{>*d}}\n/\n", "{d: p, c: \"<\\n->\"}", "p", "|\n{{{c}}}\n|\n", NULL),
		  "\\\n |\n <\n->\n |\n/\n");
	CHECK_STR(R("|{{> * d }}|", "{d: p}", "p", "[]", NULL), "|[]|");
}

TEST(mu_dynamic_partial_strict_misses_are_errors)
{
	CHECK_STR(mu_t_render_strict("a\n {{>*kind}}", "{kind: ghost}", NULL),
		  "ERROR: templates/main.mustache:2:2: error: '{{>*kind}}' names 'ghost', which is not a "
		  "template; add ghost.mustache to the templates, or fix the data\n");
	CHECK_STR(mu_t_render_strict("{{>*kind}}", "{}", NULL),
		  "ERROR: templates/main.mustache:1:1: error: '{{>*kind}}': there is no 'kind' here to name "
		  "a template; add it to the data, or test for it with '{{#kind}}'\n");
	CHECK_STR(mu_t_render_strict("{{>*kind}}", "{kind: p}", "p", "ok", NULL), "ok");
}
