/* Mustache sections, inverted sections, comments and set-delimiter tags,
 * written from the specification's rules: truthiness, lists, maps, the
 * context stack, and the standalone-line rules (with \n and \r\n). */
#include "t.h"
#include "test_mustache.h"

#define R mu_t_render

TEST(mu_section_truthy_and_falsey)
{
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{b: true}", NULL), "<on>");
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{b: false}", NULL), "<>");
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{b: null}", NULL), "<>");
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{}", NULL), "<>");
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{b: []}", NULL), "<>");
	/* zero, empty text and empty maps are true */
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{b: 0}", NULL), "<on>");
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{b: ''}", NULL), "<on>");
	CHECK_STR(R("<{{#b}}on{{/b}}>", "{b: {}}", NULL), "<on>");
}

TEST(mu_section_text_is_not_a_list)
{
	CHECK_STR(R("{{#s}}[{{.}}]{{/s}}", "{s: 成华区}", NULL), "[成华区]");
}

TEST(mu_section_map_is_pushed)
{
	CHECK_STR(R("{{#org}}{{name}}（{{type}}）{{/org}}", "{org: {name: 社工站, type: 社会组织}}", NULL),
		  "社工站（社会组织）");
}

TEST(mu_section_value_is_on_top_of_the_stack)
{
	/* inside {{#foo}} the value itself is {{.}}, and names still reach
	 * the contexts below */
	CHECK_STR(R("{{#foo}}{{.}} = {{foo}}{{/foo}}", "{foo: bar}", NULL), "bar = bar");
}

TEST(mu_section_names_fall_back_down_the_stack)
{
	CHECK_STR(R("{{#sec}}{{a}},{{b}},{{c.d}}{{/sec}}", "{a: root-a, b: root-b, sec: {b: sec-b}, c: {d: cd}}",
		    NULL),
		  "root-a,sec-b,cd");
}

TEST(mu_section_list_iterates)
{
	CHECK_STR(R("{{#items}}<li>{{title}}</li>{{/items}}", "{items: [{title: 一}, {title: 二}, {title: 三}]}",
		    NULL),
		  "<li>一</li><li>二</li><li>三</li>");
	CHECK_STR(R("{{#l}}x{{/l}}", "{l: [1, 2, 3, 4]}", NULL), "xxxx");
}

TEST(mu_section_list_elements_see_outer_contexts)
{
	const char *data = "{unit: 元, rows: [{name: 甲, cells: [{v: 1}, {v: 2}]}, {name: 乙, cells: [{v: 3}]}]}";
	CHECK_STR(R("{{#rows}}{{name}}:{{#cells}}{{v}}{{unit}}{{name}};{{/cells}}{{/rows}}", data, NULL),
		  "甲:1元甲;2元甲;乙:3元乙;");
}

TEST(mu_section_deep_context_stack)
{
	const char *data = "{a: {x: 1}, b: {y: 2}, c: {z: 3, d: {w: 4}}}";
	CHECK_STR(R("{{#a}}{{#b}}{{#c}}{{#d}}{{x}}{{y}}{{z}}{{w}}{{/d}}{{/c}}{{/b}}{{/a}}", data, NULL), "1234");
	/* the innermost wins when names repeat */
	CHECK_STR(R("{{#a}}{{n}}{{#b}}{{n}}{{#c}}{{n}}{{/c}}{{n}}{{/b}}{{n}}{{/a}}",
		    "{a: {n: 1}, b: {n: 2}, c: {n: 3}}", NULL),
		  "12321");
}

TEST(mu_section_implicit_iterator_over_lists)
{
	CHECK_STR(R("{{#l}}({{.}}){{/l}}", "{l: [甲, 乙, 丙]}", NULL), "(甲)(乙)(丙)");
	CHECK_STR(R("{{#l}}({{.}}){{/l}}", "{l: [10, 20]}", NULL), "(10)(20)");
	CHECK_STR(R("{{#l}}({{.}}){{/l}}", "{l: [1.50, 0.250]}", NULL), "(1.5)(0.25)");
	CHECK_STR(R("{{#l}}({{.}}|{{{.}}}|{{&.}}){{/l}}", "{l: ['<', '&']}", NULL), "(&lt;|<|<)(&amp;|&|&)");
	/* a list of lists, and a list at the root */
	CHECK_STR(R("{{#l}}[{{#.}}{{.}}{{/.}}]{{/l}}", "{l: [[1, 2], [a, b, c]]}", NULL), "[12][abc]");
	CHECK_STR(R("{{#.}}<{{n}}>{{/.}}", "[{n: x}, {n: y}]", NULL), "<x><y>");
}

TEST(mu_section_dotted_names)
{
	CHECK_STR(R("{{#a.b.c}}yes{{/a.b.c}}", "{a: {b: {c: true}}}", NULL), "yes");
	CHECK_STR(R("[{{#a.b.c}}yes{{/a.b.c}}]", "{a: {b: {c: false}}}", NULL), "[]");
	CHECK_STR(R("[{{#a.b.c}}yes{{/a.b.c}}]", "{a: {}}", NULL), "[]");
	CHECK_STR(R("{{#a.b}}{{c}}{{/a.b}}", "{a: {b: {c: found}}}", NULL), "found");
}

TEST(mu_section_nested_and_repeated)
{
	CHECK_STR(R("| A {{#t}}B {{#t}}C{{/t}} D{{/t}} E |", "{t: true}", NULL), "| A B C D E |");
	CHECK_STR(R("| A {{#t}}B {{#t}}C{{/t}} D{{/t}} E |", "{t: false}", NULL), "| A  E |");
	CHECK_STR(R("{{#t}}1{{/t}}{{#t}}2{{/t}}", "{t: true}", NULL), "12");
}

TEST(mu_section_whitespace_inside_and_around)
{
	CHECK_STR(R(" | {{#t}}\t|\t{{/t}} | \n", "{t: true}", NULL), " | \t|\t | \n");
	CHECK_STR(R(" | {{#t}} {{! note }}\n {{/t}} | \n", "{t: true}", NULL), " |  \n  | \n");
	CHECK_STR(R(" {{#t}}是{{/t}}\n {{#t}}好{{/t}}\n", "{t: true}", NULL), " 是\n 好\n");
}

TEST(mu_section_standalone_lines_are_dropped)
{
	CHECK_STR(R("<ul>\n{{#l}}\n  <li>{{.}}</li>\n{{/l}}\n</ul>\n", "{l: [a, b]}", NULL),
		  "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
	/* indented, and with trailing spaces and tabs */
	CHECK_STR(R("x\n   {{#t}} \t\ny\n\t{{/t}}  \nz\n", "{t: true}", NULL), "x\ny\nz\n");
}

TEST(mu_section_standalone_crlf)
{
	CHECK_STR(R("a\r\n{{#t}}\r\nb\r\n{{/t}}\r\nc", "{t: true}", NULL), "a\r\nb\r\nc");
	CHECK_STR(R("|\r\n{{#t}}\r\n{{/t}}\r\n|", "{t: true}", NULL), "|\r\n|");
	/* a lone \r is not a line ending: not standalone */
	CHECK_STR(R("a\n{{#t}}\rb{{/t}}", "{t: true}", NULL), "a\n\rb");
}

TEST(mu_section_standalone_at_start_and_end_of_text)
{
	CHECK_STR(R("  {{#t}}\n#{{/t}}\n/", "{t: true}", NULL), "#\n/");
	CHECK_STR(R("#{{#t}}\n/\n  {{/t}}", "{t: true}", NULL), "#\n/\n");
	CHECK_STR(R("{{#t}}", "{t: true}", NULL), "ERROR: templates/main.mustache:1:1: error: '{{#t}}' is never "
		  "closed; add '{{/t}}' where it should end\n");
}

TEST(mu_section_two_tags_on_a_line_are_not_standalone)
{
	/* a tag stands alone only when it is the only thing on its line */
	CHECK_STR(R("a\n{{#t}}{{/t}}\nb", "{t: true}", NULL), "a\n\nb");
	CHECK_STR(R("a\n{{#t}}x{{/t}}\nb", "{t: false}", NULL), "a\n\nb");
}

TEST(mu_section_padding)
{
	CHECK_STR(R("|{{# t }}={{/ t }}|", "{t: true}", NULL), "|=|");
	CHECK_STR(R("|{{^ f }}={{/ f }}|", "{f: false}", NULL), "|=|");
}

TEST(mu_inverted_renders_when_falsey)
{
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{b: false}", NULL), "[none]");
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{b: null}", NULL), "[none]");
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{}", NULL), "[none]");
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{b: []}", NULL), "[none]");
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{b: true}", NULL), "[]");
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{b: [1]}", NULL), "[]");
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{b: {k: v}}", NULL), "[]");
	CHECK_STR(R("[{{^b}}none{{/b}}]", "{b: 0}", NULL), "[]");
}

TEST(mu_inverted_pushes_nothing)
{
	/* the body sees the same contexts as outside */
	CHECK_STR(R("{{^b}}{{x}}{{/b}}", "{b: false, x: out}", NULL), "out");
}

TEST(mu_inverted_with_section_as_else)
{
	const char *tpl = "{{#items}}<li>{{.}}</li>{{/items}}{{^items}}<p>暂无</p>{{/items}}";
	CHECK_STR(R(tpl, "{items: [a]}", NULL), "<li>a</li>");
	CHECK_STR(R(tpl, "{items: []}", NULL), "<p>暂无</p>");
}

TEST(mu_inverted_nested_and_dotted)
{
	CHECK_STR(R("| A {{^f}}B {{^f}}C{{/f}} D{{/f}} E |", "{f: false}", NULL), "| A B C D E |");
	CHECK_STR(R("| A {{^f}}B {{^f}}C{{/f}} D{{/f}} E |", "{f: true}", NULL), "| A  E |");
	CHECK_STR(R("[{{^a.b}}no{{/a.b}}]", "{a: {b: true}}", NULL), "[]");
	CHECK_STR(R("[{{^a.b}}no{{/a.b}}]", "{a: {b: false}}", NULL), "[no]");
	CHECK_STR(R("[{{^a.b.c}}no{{/a.b.c}}]", "{a: {}}", NULL), "[no]");
}

TEST(mu_inverted_standalone_lines)
{
	CHECK_STR(R("| x\n{{^f}}\n|\n{{/f}}\n| y\n", "{f: false}", NULL), "| x\n|\n| y\n");
	CHECK_STR(R("| x\n  {{^f}}\n|\n  {{/f}}\n| y\n", "{f: false}", NULL), "| x\n|\n| y\n");
	CHECK_STR(R("|\r\n{{^f}}\r\n{{/f}}\r\n|", "{f: false}", NULL), "|\r\n|");
	CHECK_STR(R("  {{^f}}\n^{{/f}}\n/", "{f: false}", NULL), "^\n/");
	CHECK_STR(R("^{{^f}}\n/\n  {{/f}}", "{f: false}", NULL), "^\n/\n");
	CHECK_STR(R(" {{^f}}不{{/f}}\n {{^f}}行{{/f}}\n", "{f: false}", NULL), " 不\n 行\n");
}

TEST(mu_comment_inline_and_multiline)
{
	CHECK_STR(R("12{{! 注释 }}34", "{}", NULL), "1234");
	CHECK_STR(R("12{{!\n  several\n  lines\n}}34\n", "{}", NULL), "1234\n");
	CHECK_STR(R("12 {{! c }} 34", "{}", NULL), "12  34");
	CHECK_STR(R("  12 {{! 34 }}\n", "{}", NULL), "  12 \n");
	/* a comment may hold anything but the closing delimiter, which
	 * ends it */
	CHECK_STR(R("a{{! {{x {{#y {{ }}b", "{}", NULL), "ab");
	CHECK_STR(R("a{{! {{x}} y}}b", "{}", NULL), "a y}}b");
}

TEST(mu_comment_standalone)
{
	CHECK_STR(R("Begin.\n{{! c }}\nEnd.\n", "{}", NULL), "Begin.\nEnd.\n");
	CHECK_STR(R("Begin.\n   {{! c }}\nEnd.\n", "{}", NULL), "Begin.\nEnd.\n");
	CHECK_STR(R("|\r\n{{! c }}\r\n|", "{}", NULL), "|\r\n|");
	CHECK_STR(R("  {{! c }}\n!", "{}", NULL), "!");
	CHECK_STR(R("!\n  {{! c }}", "{}", NULL), "!\n");
	CHECK_STR(R("Begin.\n{{!\nmany\nlines\n}}\nEnd.\n", "{}", NULL), "Begin.\nEnd.\n");
	CHECK_STR(R("Begin.\n  {{!\n    many\n  }}\nEnd.\n", "{}", NULL), "Begin.\nEnd.\n");
}

TEST(mu_comment_is_never_a_name)
{
	CHECK_STR(R(">{{! c }}<", "{'! c': 1, '! c ': 2, '!c': 3, c: 4}", NULL), "><");
}

TEST(mu_delims_change_tags)
{
	CHECK_STR(R("{{=<% %>=}}(<%v%>)", "{v: 改}", NULL), "(改)");
	CHECK_STR(R("({{=[ ]=}}[v])", "{v: ok}", NULL), "(ok)");
	CHECK_STR(R("{{=<% %>=}}<%{v}%>|<%&v%>|<%={{ }}=%>{{v}}", "{v: '<'}", NULL), "<|<|&lt;");
	/* after the change, the old delimiters are text */
	CHECK_STR(R("{{=| |=}}{{v}}|v|", "{v: x}", NULL), "{{v}}x");
}

TEST(mu_delims_with_sections)
{
	const char *tpl = "[\n{{#s}}\n  {{v}}\n  |v|\n{{/s}}\n{{= | | =}}\n|#s|\n  {{v}}\n  |v|\n|/s|\n]\n";
	CHECK_STR(R(tpl, "{s: true, v: x}", NULL), "[\n  x\n  |v|\n  {{v}}\n  x\n]\n");
	/* two tags on one line: neither stands alone */
	const char *inv = "{{=| |=}}|^s|\n|v|\n|/s|\n";
	CHECK_STR(R(inv, "{s: false, v: y}", NULL), "\ny\n");
	CHECK_STR(R("{{=| |=}}\n|^s|\n|v|\n|/s|\n", "{s: false, v: y}", NULL), "y\n");
}

TEST(mu_delims_do_not_reach_partials)
{
	/* a partial starts with {{ }} whatever its caller uses, and its own
	 * changes end with it */
	CHECK_STR(R("{{=| |=}}[|>p|]", "{v: yes}", "p", "<{{v}}>", NULL), "[<yes>]");
	CHECK_STR(R("{{>p}}|{{v}}", "{v: 1}", "p", "{{=| |=}}|v|", NULL), "1|1");
}

TEST(mu_delims_standalone_and_whitespace)
{
	CHECK_STR(R("| {{=@ @=}} |", "{}", NULL), "|  |");
	CHECK_STR(R(" | {{=@ @=}}\n", "{}", NULL), " | \n");
	CHECK_STR(R("Begin.\n{{=@ @=}}\nEnd.\n", "{}", NULL), "Begin.\nEnd.\n");
	CHECK_STR(R("Begin.\n  {{=@ @=}}\nEnd.\n", "{}", NULL), "Begin.\nEnd.\n");
	CHECK_STR(R("|\r\n{{= @ @ =}}\r\n|", "{}", NULL), "|\r\n|");
	CHECK_STR(R("  {{=@ @=}}\n=", "{}", NULL), "=");
	CHECK_STR(R("=\n  {{=@ @=}}", "{}", NULL), "=\n");
	CHECK_STR(R("|{{= @   @ =}}|@v@", "{v: 1}", NULL), "||1");
}

TEST(mu_delims_long_and_multibyte)
{
	CHECK_STR(R("{{=【【 】】=}}【【v】】", "{v: 好}", NULL), "好");
	CHECK_STR(R("{{=<<<< >>>>=}}<<<<#t>>>>x<<<</t>>>>", "{t: true}", NULL), "x");
}
