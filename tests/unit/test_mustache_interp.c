/* Mustache interpolation, written from the specification's rules
 * (interpolation module): escaping, triple mustache and ampersand, number
 * forms, missing values, dotted names, the implicit iterator, whitespace
 * around and inside tags. */
#include "t.h"
#include "test_mustache.h"

#define R mu_t_render

TEST(mu_interp_plain_text_is_copied)
{
	CHECK_STR(R("欢迎来到 {成华区}! } { {x} }}", "{}", NULL), "欢迎来到 {成华区}! } { {x} }}");
	CHECK_STR(R("", "{}", NULL), "");
	CHECK_STR(R("a\n\nb\r\n", "{}", NULL), "a\n\nb\r\n");
}

TEST(mu_interp_basic)
{
	CHECK_STR(R("街道：{{street}}。\n", "{street: 白莲池街道}", NULL), "街道：白莲池街道。\n");
	CHECK_STR(R("{{a}}{{b}}{{a}}", "{a: x, b: y}", NULL), "xyx");
}

TEST(mu_interp_escapes_five_characters)
{
	CHECK_STR(R("{{v}}", "{v: \"& < > \\\" '\"}", NULL), "&amp; &lt; &gt; &quot; &#39;");
	CHECK_STR(R("<p title=\"{{v}}\">", "{v: 'say \"hi\" & <go>'}", NULL),
		  "<p title=\"say &quot;hi&quot; &amp; &lt;go&gt;\">");
	/* already escaped text is escaped again: templates see raw text */
	CHECK_STR(R("{{v}}", "{v: '&amp;'}", NULL), "&amp;amp;");
	/* multi-byte text is never touched */
	CHECK_STR(R("{{v}}", "{v: '需求<清单>&供给'}", NULL), "需求&lt;清单&gt;&amp;供给");
}

TEST(mu_interp_escape_long_and_dense_values)
{
	/* long runs between specials, and specials back to back */
	CHECK_STR(R("[{{v}}]", "{v: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa<bbbbbbbbbbbbbbbbbbbb'}", NULL),
		  "[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&lt;bbbbbbbbbbbbbbbbbbbb]");
	CHECK_STR(R("{{v}}", "{v: \"<<>>&&''\"}", NULL), "&lt;&lt;&gt;&gt;&amp;&amp;&#39;&#39;");
	CHECK_STR(R("{{v}}", "{v: '<'}", NULL), "&lt;");
}

TEST(mu_interp_escape_at_every_position)
{
	/* the scan for specials reads 16 bytes at a time: put one special at
	 * every position of texts of every length around that width, with
	 * multi-byte text before it */
	static const char specials[] = "&<>'";
	static const char *const escaped[] = { "&amp;", "&lt;", "&gt;", "&#39;" };
	char yaml[128], want[128];
	size_t wrong = 0;
	for (size_t len = 1; len <= 40; len++)
		for (size_t at = 0; at < len; at++) {
			int k = (int)((len + at) % 4);
			size_t y = 0, w = 0;
			y += (size_t)snprintf(yaml + y, sizeof yaml - y, "{v: \"");
			for (size_t i = 0; i < len; i++) {
				if (i == at) {
					yaml[y++] = specials[k];
					w += (size_t)snprintf(want + w, sizeof want - w, "%s", escaped[k]);
				} else {
					char c = i % 3 ? 'a' + (char)(i % 26) : '9';
					yaml[y++] = c;
					want[w++] = c;
				}
			}
			snprintf(yaml + y, sizeof yaml - y, "\"}");
			want[w] = '\0';
			wrong += strcmp(R("{{v}}", yaml, NULL), want) != 0;
		}
	CHECK_INT(wrong, 0);
}

TEST(mu_interp_triple_and_ampersand_do_not_escape)
{
	CHECK_STR(R("{{{v}}}|{{&v}}", "{v: \"<b>&'\\\"\"}", NULL), "<b>&'\"|<b>&'\"");
}

TEST(mu_interp_is_not_reparsed)
{
	/* a value that looks like a tag is text */
	CHECK_STR(R("{{a}} {{{a}}}", "{a: '{{b}}', b: no}", NULL), "{{b}} {{b}}");
}

TEST(mu_interp_integers)
{
	CHECK_STR(R("{{n}} {{{n}}} {{&n}}", "{n: 2024}", NULL), "2024 2024 2024");
	CHECK_STR(R("{{n}}", "{n: -7}", NULL), "-7");
	CHECK_STR(R("{{n}}", "{n: 0}", NULL), "0");
}

TEST(mu_interp_decimals_print_shortest)
{
	/* 1.210 prints 1.21: the value, not the text written */
	CHECK_STR(R("{{x}} {{{x}}} {{&x}}", "{x: 1.210}", NULL), "1.21 1.21 1.21");
	CHECK_STR(R("{{x}}", "{x: 0.1}", NULL), "0.1");
	CHECK_STR(R("{{x}}", "{x: 2.50}", NULL), "2.5");
	CHECK_STR(R("{{x}}", "{x: 3.0}", NULL), "3");
	CHECK_STR(R("{{x}}", "{x: -0.0}", NULL), "0");
	/* quoted numbers are text and print as written */
	CHECK_STR(R("{{x}}", "{x: '1.210'}", NULL), "1.210");
}

TEST(mu_interp_booleans)
{
	CHECK_STR(R("{{t}}/{{f}}", "{t: true, f: false}", NULL), "true/false");
}

TEST(mu_interp_missing_and_null_are_empty)
{
	CHECK_STR(R("（{{nope}}）（{{{nope}}}）（{{&nope}}）", "{}", NULL), "（）（）（）");
	CHECK_STR(R("({{n}})({{{n}}})({{&n}})", "{n: null}", NULL), "()()()");
	CHECK_STR(R("({{n}})", "{n: ~}", NULL), "()");
}

TEST(mu_interp_lists_and_maps_print_nothing)
{
	CHECK_STR(R("({{l}})({{m}})", "{l: [1, 2], m: {a: 1}}", NULL), "()()");
}

TEST(mu_interp_dotted_names)
{
	const char *data = "{page: {title: 首页, meta: {author: 张三}}}";
	CHECK_STR(R("{{page.title}}|{{{page.title}}}|{{&page.title}}", data, NULL), "首页|首页|首页");
	CHECK_STR(R("{{page.meta.author}}", data, NULL), "张三");
	/* the same as a section on the first part */
	CHECK_STR(R("{{#page}}{{title}}{{/page}}", data, NULL), "首页");
	CHECK_STR(R("{{a.b.c.d.e.f}}", "{a: {b: {c: {d: {e: {f: deep}}}}}}", NULL), "deep");
}

TEST(mu_interp_dotted_broken_chain_is_empty)
{
	CHECK_STR(R("[{{a.b.c}}]", "{a: {}}", NULL), "[]");
	CHECK_STR(R("[{{a.b.c}}]", "{a: 5}", NULL), "[]");
	CHECK_STR(R("[{{a.b}}]", "{a: [1]}", NULL), "[]");
	CHECK_STR(R("[{{a.b}}]", "{a: null}", NULL), "[]");
}

TEST(mu_interp_dotted_rest_never_falls_back_up_the_stack)
{
	/* the first part resolves, the rest does not: empty, even though
	 * the root has the missing name */
	CHECK_STR(R("[{{a.b.name}}]", "{a: {b: {}}, name: root}", NULL), "[]");
	CHECK_STR(R("[{{a.b.c}}]", "{a: {b: {}}, c: root, b: {c: root}}", NULL), "[]");
	/* inside a section: b is found in a first, and its c is missing */
	CHECK_STR(R("[{{#a}}{{b.c}}{{/a}}]", "{a: {b: {}}, b: {c: wrong}}", NULL), "[]");
}

TEST(mu_interp_dotted_first_part_walks_the_stack)
{
	CHECK_STR(R("{{#a}}{{b.c}}{{/a}}", "{a: {b: {c: inner}}, b: {c: outer}}", NULL), "inner");
	CHECK_STR(R("{{#a}}{{b.c}}{{/a}}", "{a: {x: 1}, b: {c: outer}}", NULL), "outer");
}

TEST(mu_interp_dotted_name_is_never_a_single_key)
{
	CHECK_STR(R("[{{a.b}}]", "{'a.b': wrong}", NULL), "[]");
	CHECK_STR(R("[{{a.b}}]", "{'a.b': wrong, a: {b: right}}", NULL), "[right]");
}

TEST(mu_interp_null_value_stops_the_walk)
{
	/* a key present with null hides the same key further down */
	CHECK_STR(R("{{#inner}}[{{name}}]{{/inner}}", "{name: outer, inner: {name: null}}", NULL), "[]");
}

TEST(mu_interp_leading_dot_looks_only_at_the_top)
{
	CHECK_STR(R("{{#a}}[{{.name}}]{{/a}}{{#b}}[{{.name}}]{{/b}}",
		    "{a: {x: 1}, b: {name: B}, name: root}", NULL),
		  "[][B]");
	CHECK_STR(R("{{#a}}{{.b.c}}{{/a}}", "{a: {b: {c: yes}}}", NULL), "yes");
}

TEST(mu_interp_implicit_iterator)
{
	CHECK_STR(R("你好，{{.}}！", "世界", NULL), "你好，世界！");
	CHECK_STR(R("{{.}}|{{{.}}}|{{&.}}", "'<&>'", NULL), "&lt;&amp;&gt;|<&>|<&>");
	CHECK_STR(R("{{.}} km", "42", NULL), "42 km");
	CHECK_STR(R("{{.}}", "3.140", NULL), "3.14");
	CHECK_STR(R("[{{.}}]", "{a: 1}", NULL), "[]");
}

TEST(mu_interp_whitespace_around_tags_is_kept)
{
	CHECK_STR(R("| {{v}} |", "{v: x}", NULL), "| x |");
	CHECK_STR(R("| {{{v}}} |", "{v: x}", NULL), "| x |");
	CHECK_STR(R("| {{&v}} |", "{v: x}", NULL), "| x |");
}

TEST(mu_interp_is_never_standalone)
{
	/* a line holding only an interpolation keeps its indentation and
	 * line ending, even when the value is empty */
	CHECK_STR(R("  {{v}}\n", "{v: x}", NULL), "  x\n");
	CHECK_STR(R("  {{{v}}}\n", "{v: x}", NULL), "  x\n");
	CHECK_STR(R("  {{&v}}\n", "{v: x}", NULL), "  x\n");
	CHECK_STR(R("a\n  {{nope}}\nb", "{}", NULL), "a\n  \nb");
}

TEST(mu_interp_padding_inside_tags_is_ignored)
{
	CHECK_STR(R("|{{ v }}|{{{ v }}}|{{& v }}|{{  v}}|{{\tv\t}}|", "{v: -}", NULL), "|-|-|-|-|-|");
	CHECK_STR(R("{{\nv\n}}", "{v: y}", NULL), "y");
	CHECK_STR(R("{{ a.b }}", "{a: {b: z}}", NULL), "z");
}

TEST(mu_interp_crlf_text_is_kept)
{
	CHECK_STR(R("{{a}}\r\n{{b}}\r\n", "{a: 1, b: 2}", NULL), "1\r\n2\r\n");
}
