/* Mustache template inheritance, written from the specification's rules
 * (~inheritance module and its whitespace notes): parent tags, blocks as
 * parameters with defaults and as arguments, multi-level inheritance,
 * block scope, dynamic parents, and how blocks are indented. */
#include "t.h"
#include "test_mustache.h"

#define R mu_t_render

TEST(mu_block_default_renders_without_a_parent)
{
	CHECK_STR(R("{{$title}}默认标题{{/title}}\n", "{}", NULL), "默认标题\n");
	CHECK_STR(R("{{$b}}a {{v}} {{{v}}} c{{/b}}", "{v: '<x>'}", NULL), "a &lt;x&gt; <x> c");
	CHECK_STR(R("{{$b}}[{{#s}}{{t}}{{/s}}][{{^n}}{{t}}{{/n}}]{{/b}}", "{s: {t: in}, t: out}", NULL),
		  "[in][out]");
	/* values that look like tags stay text */
	CHECK_STR(R("{{$b}}{{#s}}{{t}}{{/s}}{{/b}}", "{s: {t: '{{x}}'}}", NULL), "{{x}}");
}

TEST(mu_parent_with_no_arguments_is_a_partial)
{
	CHECK_STR(R("{{<p}}{{/p}}", "{}", "p", "{{$b}}默认{{/b}}", NULL), "默认");
	CHECK_STR(R("{{>p}}|{{<p}}{{/p}}", "{}", "p", "{{$b}}d{{/b}}", NULL), "d|d");
	CHECK_STR(R("[{{<nope}}{{$b}}x{{/b}}{{/nope}}]", "{}", NULL), "[]");
}

TEST(mu_parent_argument_replaces_the_default)
{
	CHECK_STR(R("{{<super}}{{$title}}子页标题{{/title}}{{/super}}", "{}", "super",
		    "<title>{{$title}}默认{{/title}}</title>", NULL),
		  "<title>子页标题</title>");
	CHECK_STR(R("{{<p}}{{$two}}second{{/two}}{{/p}}", "{}", "p", "{{$one}}1st{{/one}}, {{$two}}2nd{{/two}}",
		    NULL),
		  "1st, second");
}

TEST(mu_parent_data_never_overrides_a_block)
{
	CHECK_STR(R("{{<p}}{{$v}}from template{{/v}}{{/p}}", "{v: from data}", "p", "{{$v}}from parent{{/v}}",
		    NULL),
		  "from template");
	CHECK_STR(R("{{<p}}{{/p}}", "{v: from data}", "p", "{{$v}}from parent{{/v}}", NULL), "from parent");
}

TEST(mu_parent_inline_and_repeated)
{
	const char *p = "|{{$x}}...{{/x}}{{$y}} dflt{{/y}}|";
	CHECK_STR(R("a {{<p}}{{$x}}one{{/x}}{{/p}} {{<p}}{{$x}}two{{/x}}{{/p}}\n", "{}", "p", p, NULL),
		  "a |one dflt| |two dflt|\n");
}

TEST(mu_parent_argument_keeps_its_newlines)
{
	/* the line end right after an argument's opening tag belongs to the
	 * tag; every other one is content */
	CHECK_STR(R("{{<p}}{{$b}}\nline 1\n\nline 3\n{{/b}}{{/p}}", "{}", "p", "{{$b}}x{{/b}}", NULL),
		  "line 1\n\nline 3\n");
}

TEST(mu_parent_text_outside_blocks_is_ignored)
{
	CHECK_STR(R("{{<p}} ignored {{$b}}kept{{/b}} ignored {{/p}}", "{}", "p", "{{$b}}d{{/b}}", NULL), "kept");
	CHECK_STR(R("{{<p}} ignored {{v}} {{#s}}x{{/s}} {{/p}}", "{v: 1, s: true}", "p", "{{$b}}d{{/b}}", NULL),
		  "d");
	/* and said so */
	CHECK_STR(mu_t_diags("{{<p}}\n  hello {{$b}}x{{/b}}\n{{/p}}\n", "p", "{{$b}}{{/b}}", NULL),
		  "templates/main.mustache:2:3: warning: text inside a parent tag but outside any "
		  "'{{$block}}' is ignored; move it into a block, or out of the parent\n");
}

TEST(mu_parent_outermost_argument_wins)
{
	const char *gp = "{{$a}}g{{/a}}";
	const char *older = "{{<gp}}{{$a}}o{{/a}}{{/gp}}";
	const char *parent = "{{<older}}{{$a}}p{{/a}}{{/older}}";
	CHECK_STR(R("{{<parent}}{{$a}}c{{/a}}{{/parent}}", "{}", "parent", parent, "older", older, "gp", gp,
		    NULL),
		  "c");
	CHECK_STR(R("{{<parent}}{{/parent}}", "{}", "parent", parent, "older", older, "gp", gp, NULL), "p");
	CHECK_STR(R("{{<older}}{{/older}}", "{}", "parent", parent, "older", older, "gp", gp, NULL), "o");
}

TEST(mu_parent_recursion_through_blocks)
{
	/* a parent used again from inside its own block's default */
	const char *p1 = "{{$foo}}p1-foo{{/foo}} {{$bar}}{{<p2}}{{/p2}}{{/bar}}";
	const char *p2 = "{{$foo}}p2-foo{{/foo}} {{<p1}}{{$bar}}stop{{/bar}}{{/p1}}";
	CHECK_STR(R("{{<p1}}{{$foo}}mine{{/foo}}{{/p1}}", "{}", "p1", p1, "p2", p2, NULL), "mine mine mine stop");
}

TEST(mu_block_argument_renders_in_the_parents_context)
{
	CHECK_STR(R("{{<p}}{{$b}}I say {{fruit}}.{{/b}}{{/p}}", "{fruit: 苹果, nested: {fruit: 香蕉}}", "p",
		    "{{#nested}}{{$b}}You say {{fruit}}.{{/b}}{{/nested}}", NULL),
		  "I say 香蕉.");
	/* and once per element when the block sits in a list section */
	CHECK_STR(R("{{<p}}{{$row}}<{{.}}>{{/row}}{{/p}}", "{l: [1, 2]}", "p", "{{#l}}{{$row}}{{.}}{{/row}}{{/l}}",
		    NULL),
		  "<1><2>");
}

TEST(mu_block_overrides_reach_into_partials_of_the_parent)
{
	/* the layout includes a header partial whose block the page fills */
	CHECK_STR(R("{{<layout}}{{$brand}}清单{{/brand}}{{/layout}}", "{}", "layout", "<h>{{>header}}</h>",
		    "header", "{{$brand}}默认{{/brand}}", NULL),
		  "<h>清单</h>");
}

TEST(mu_parent_standalone_indents_every_line)
{
	CHECK_STR(R("Hi,\n  {{<p}}{{/p}}\n", "{}", "p", "one\ntwo\n", NULL), "Hi,\n  one\n  two\n");
	CHECK_STR(R("Hi,\n  {{<p}}\n  {{$b}}B{{/b}}\n  {{/p}}\nbye\n", "{}", "p", "one\n{{$b}}{{/b}}\n", NULL),
		  "Hi,\n  one\n  B\nbye\n");
}

TEST(mu_block_standalone_with_inline_default_indents_the_argument)
{
	/* whitespace, {{$b}}...{{/b}}, line end: the whitespace indents
	 * every line of the argument, and the line end stays */
	CHECK_STR(R("{{<p}}{{$b}}hammer time{{/b}}{{/p}}", "{}", "p", "stop:\n  {{$b}}listen{{/b}}\n", NULL),
		  "stop:\n  hammer time\n");
	CHECK_STR(R("{{<p}}{{$b}}\none\ntwo{{/b}}\n{{/p}}\n", "{}", "p", "Hi,\n  {{$b}}{{/b}}\n", NULL),
		  "Hi,\n  one\n  two\n");
	/* the default itself is written as it stands */
	CHECK_STR(R("{{<p}}{{/p}}", "{}", "p", "stop:\n  {{$b}}x\ny{{/b}}\n", NULL), "stop:\n  x\ny\n");
}

TEST(mu_block_reindentation)
{
	/* indentation is removed where the argument is written and added
	 * where the block is */
	CHECK_STR(R("{{<p}}{{$b}}\n    one\n    two\n{{/b}}{{/p}}\n", "{}", "p", "Hi,\n  {{$b}}\n  {{/b}}\n",
		    NULL),
		  "Hi,\n  one\n  two\n");
	/* a block on a line of its own takes the indentation of its default */
	CHECK_STR(R("{{<p}}{{$b}}\none\ntwo\n{{/b}}{{/p}}\n", "{}", "p", "Hi,\n{{$b}}\n  default\n{{/b}}\n",
		    NULL),
		  "Hi,\n  one\n  two\n");
	CHECK_STR(R("{{<p}}{{/p}}\n", "{}", "p", "Hi,\n{{$b}}\n  default\n    more\n{{/b}}\n", NULL),
		  "Hi,\n  default\n    more\n");
}

TEST(mu_block_nested_reindentation)
{
	const char *gp = "{{$block}}default{{/block}}";
	const char *parent = "{{<gp}}{{$block}}\n  one\n  {{$nested}}\n    two\n  {{/nested}}\n{{/block}}{{/gp}}\n";
	CHECK_STR(R("{{<parent}}{{$nested}}\nthree\n{{/nested}}{{/parent}}\n", "{}", "parent", parent, "gp", gp,
		    NULL),
		  "one\n  three\n");
	CHECK_STR(R("{{<parent}}{{/parent}}\n", "{}", "parent", parent, "gp", gp, NULL), "one\n  two\n");
}

TEST(mu_block_argument_with_big_indentation_inline)
{
	/* an argument's intrinsic indentation goes, whatever it is */
	CHECK_STR(R("* a\n* {{<p}}{{$b}}\n          {{! note }}\n          c{{/b}}{{/p}}\n* d", "{}", "p",
		    "{{$b}}x{{/b}}", NULL),
		  "* a\n* c\n* d");
}

TEST(mu_block_argument_inside_an_indented_parent)
{
	CHECK_STR(R("<body>\n  {{<layout}}\n  {{$main}}\n  <p>1</p>\n  <p>2</p>\n  {{/main}}\n  {{/layout}}\n</body>\n",
		    "{}", "layout", "<main>\n  {{$main}}\n  {{/main}}\n</main>\n", NULL),
		  "<body>\n  <main>\n    <p>1</p>\n    <p>2</p>\n  </main>\n</body>\n");
}

TEST(mu_block_inline_argument_in_an_indented_partial)
{
	/* the first line of an argument written mid-line gets no
	 * indentation; the lines after it do */
	CHECK_STR(R("  {{>page}}\n", "{}", "page", "{{<p}}{{$b}}\nx\ny\n{{/b}}{{/p}}", "p", "<{{$b}}{{/b}}>", NULL),
		  "  <x\n  y\n>");
}

TEST(mu_parent_a_theme_layout)
{
	const char *base = "<html>\n"
			   "<head><title>{{$title}}{{site}}{{/title}}</title></head>\n"
			   "<body>\n"
			   "  {{$content}}\n"
			   "  <p>空</p>\n"
			   "  {{/content}}\n"
			   "</body>\n"
			   "</html>\n";
	const char *page = "{{<base}}\n"
			   "{{$title}}{{name}} · {{site}}{{/title}}\n"
			   "{{$content}}\n"
			   "<ul>\n"
			   "{{#items}}\n"
			   "  <li>{{.}}</li>\n"
			   "{{/items}}\n"
			   "</ul>\n"
			   "{{/content}}\n"
			   "{{/base}}\n";
	CHECK_STR(R(page, "{site: 清单, name: 需求, items: [甲, 乙]}", "base", base, NULL),
		  "<html>\n"
		  "<head><title>需求 · 清单</title></head>\n"
		  "<body>\n"
		  "  <ul>\n"
		  "    <li>甲</li>\n"
		  "    <li>乙</li>\n"
		  "  </ul>\n"
		  "</body>\n"
		  "</html>\n");
	CHECK_STR(R("{{<base}}{{/base}}", "{site: 清单}", "base", base, NULL),
		  "<html>\n<head><title>清单</title></head>\n<body>\n  <p>空</p>\n</body>\n</html>\n");
}

TEST(mu_parent_dynamic_name)
{
	const char *normal = "{{$text}}nothing{{/text}}";
	const char *bold = "<b>{{$text}}nothing{{/text}}</b>";
	const char *tpl = "{{<*layout}}{{$text}}你好{{/text}}{{/*layout}}";
	CHECK_STR(R(tpl, "{layout: bold}", "normal", normal, "bold", bold, NULL), "<b>你好</b>");
	CHECK_STR(R(tpl, "{layout: normal}", "normal", normal, "bold", bold, NULL), "你好");
	CHECK_STR(R(tpl, "{layout: none}", "normal", normal, "bold", bold, NULL), "");
	CHECK_STR(R("{{< * layout }}{{/ * layout }}", "{layout: bold}", "bold", bold, NULL), "<b>nothing</b>");
}

TEST(mu_block_names_are_their_own_namespace)
{
	/* a block named like a value or a template is still a block */
	CHECK_STR(R("{{<p}}{{$p}}arg{{/p}}{{/p}}", "{p: data}", "p", "[{{$p}}d{{/p}}|{{p}}]", NULL), "[arg|data]");
}
