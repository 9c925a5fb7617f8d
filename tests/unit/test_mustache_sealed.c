/* Sealed contexts (mu_data.sealed, value_seal): a row, card or record
 * never shows a value of an enclosing section. Mustache's own rule would
 * let a row without a budget show its group's subtotal; with sealed rows
 * the name is read from the root only, and MU_RENDER_OWN makes the
 * template's mistake an error instead. */
#include <string.h>

#include "t.h"
#include "test_mustache.h"

#define ROWS mu_t_render_rows

/* the defect this guards against: group subtotals in the rows */
static const char groups[] =
	"{site: 测试, groups: [{budget: 21, items: [{no: 1, budget: 6.6}, {no: 2}]}, "
	"{budget: 3, items: [{no: 3, budget: null}]}]}";

TEST(mu_sealed_unsealed_rows_leak_as_the_spec_says)
{
	/* without sealing, the specification's lookup finds the group's */
	CHECK_STR(mu_t_render("{{#groups}}{{#items}}[{{no}}:{{budget}}]{{/items}}{{/groups}}", groups, NULL),
		  "[1:6.6][2:21][3:]");
}

TEST(mu_sealed_row_never_reads_its_group)
{
	CHECK_STR(ROWS(MU_RENDER_STRICT | MU_RENDER_OWN, "{{#groups}}{{#items}}[{{no}}:{{budget}}]{{/items}}{{/groups}}", groups,
		       NULL),
		  "ERROR: templates/main.mustache:1:30: error: 'budget' is not a value of this row or record, "
		  "only of an enclosing section, whose value it would show; read it from the page (e.g. "
		  "'{{page.budget}}') or give the row that value (docs/templates.md)\n");
}

TEST(mu_sealed_row_reads_the_root)
{
	/* the page's own values (site, page) are at the root: found */
	CHECK_STR(ROWS(MU_RENDER_STRICT | MU_RENDER_OWN, "{{#groups}}{{#items}}{{site}}{{no}} {{/items}}{{/groups}}",
		       groups, NULL),
		  "测试1 测试2 测试3 ");
}

TEST(mu_sealed_without_own_flag_reads_nothing)
{
	/* not an error without MU_RENDER_OWN, but still never the group's */
	CHECK_STR(ROWS(MU_RENDER_STRICT, "{{#groups}}{{#items}}[{{no}}:{{budget}}]{{/items}}{{/groups}}", groups,
		       NULL),
		  "[1:6.6][2:][3:]");
}

TEST(mu_sealed_sections_and_inverted)
{
	const char *tpl = "{{#groups}}{{#items}}{{#budget}}有{{/budget}}{{^budget}}无{{/budget}}{{/items}}{{/groups}}";
	CHECK_STR(ROWS(MU_RENDER_STRICT, tpl, groups, NULL), "有无无");
}

TEST(mu_sealed_own_values_and_sections_inside_a_row)
{
	/* inside a row, a section on one of its values still reads the row */
	CHECK_STR(ROWS(MU_RENDER_STRICT | MU_RENDER_OWN,
		       "{{#rows}}{{#org}}<{{name}}@{{no}}>{{/org}}{{/rows}}",
		       "{rows: [{no: 1, org: {name: 社工站}}, {no: 2, org: null}]}", NULL),
		  "<社工站@1>");
}

TEST(mu_sealed_dotted_names_and_dynamic_partials)
{
	/* a dotted name's first part follows the same rule */
	CHECK_STR(ROWS(MU_RENDER_STRICT, "{{#g}}{{#rows}}[{{c.d}}]{{/rows}}{{/g}}",
		       "{g: [{c: {d: leak}, rows: [{x: 1}]}]}", NULL),
		  "[]");
	CHECK_STR(ROWS(MU_RENDER_STRICT, "{{#g}}{{#rows}}[{{>*p}}]{{/rows}}{{/g}}",
		       "{p: ok, g: [{p: leak, rows: [{x: 1}]}]}", "ok", "root", "leak", "group", NULL),
		  "[root]");
}

TEST(mu_sealed_error_on_dynamic_name_and_section)
{
	CHECK(strstr(ROWS(MU_RENDER_STRICT | MU_RENDER_OWN, "{{#g}}{{#rows}}{{#c}}x{{/c}}{{/rows}}{{/g}}",
			  "{g: [{c: true, rows: [{x: 1}]}]}", NULL),
		     "'c' is not a value of this row"));
}

TEST(mu_sealed_present_null_stops_the_walk)
{
	/* an explicit null in the row is the row's value: no error */
	CHECK_STR(ROWS(MU_RENDER_STRICT | MU_RENDER_OWN,
		       "{{#groups}}{{#items}}[{{no}}:{{budget}}]{{/items}}{{/groups}}",
		       "{groups: [{budget: 21, items: [{no: 2, budget: null}]}]}", NULL),
		  "[2:]");
}
