/* Unit tests of the YAML loader: core-schema typing, positions, limits,
 * duplicate keys, tabs, aliases. */
#include <string.h>

#include "t.h"
#include "yamlload.h"

static value *load(arena *a, diag *d, const char *text)
{
	return yamlload_parse(a, d, "t.yaml", text, strlen(text), 1);
}

TEST(yaml_core_schema_typing)
{
	value v;
	CHECK_INT(yamlload_core_type("true", 4, &v), V_BOOL);
	CHECK_INT(yamlload_core_type("False", 5, &v), V_BOOL);
	CHECK_INT(yamlload_core_type("~", 1, &v), V_NULL);
	CHECK_INT(yamlload_core_type("null", 4, &v), V_NULL);
	CHECK_INT(yamlload_core_type("42", 2, &v), V_INT);
	CHECK_INT(v.u.i, 42);
	CHECK_INT(yamlload_core_type("-7", 2, &v), V_INT);
	CHECK_INT(yamlload_core_type("0", 1, &v), V_INT);
	CHECK_INT(yamlload_core_type("0x1F", 4, &v), V_INT);
	CHECK_INT(v.u.i, 31);
	CHECK_INT(yamlload_core_type("0o17", 4, &v), V_INT);
	CHECK_INT(v.u.i, 15);
	CHECK_INT(yamlload_core_type("6.6", 3, &v), V_FLOAT);
	CHECK(v.u.f == 6.6);
	CHECK_INT(yamlload_core_type("1e3", 3, &v), V_FLOAT);
	CHECK_INT(yamlload_core_type(".inf", 4, &v), V_FLOAT);
	/* YAML 1.1 booleans and octals stay text (no Norway problem) */
	CHECK_INT(yamlload_core_type("NO", 2, &v), V_STR);
	CHECK_INT(yamlload_core_type("on", 2, &v), V_STR);
	CHECK_INT(yamlload_core_type("yes", 3, &v), V_STR);
	CHECK_INT(yamlload_core_type("0755", 4, &v), V_STR);
	CHECK_INT(yamlload_core_type("028", 3, &v), V_STR);
	CHECK_INT(yamlload_core_type("07.5", 4, &v), V_STR);
	CHECK_INT(yamlload_core_type("2020-06-23", 10, &v), V_STR);
	CHECK_INT(yamlload_core_type("13800000000", 11, &v), V_INT);
	CHECK_INT(yamlload_core_type("99999999999999999999", 20, &v), V_STR);
	CHECK_INT(yamlload_core_type("1.2.3", 5, &v), V_STR);
	CHECK_INT(yamlload_core_type("241.2万元", strlen("241.2万元"), &v), V_STR);
}

TEST(yaml_scalars_keep_their_text)
{
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	value *r = load(&a, &d, "phone: 13800000000\ntitle: 2024\nnotes: NO\nq: \"12\"\nbudget: 1.210\n");
	CHECK(r && r->kind == V_MAP);
	CHECK_STR(value_get(r, "phone")->s, "13800000000");
	CHECK_STR(value_get(r, "title")->s, "2024");
	CHECK_INT(value_get(r, "notes")->kind, V_STR);
	CHECK_INT(value_get(r, "q")->kind, V_STR);
	CHECK(!value_get(r, "q")->plain);
	CHECK_STR(value_get(r, "budget")->s, "1.210");
	CHECK_INT(value_get(r, "budget")->kind, V_FLOAT);
	/* keys are text, whatever they look like */
	r = load(&a, &d, "no: 1\n2: two\n");
	CHECK(value_get(r, "no") != NULL);
	CHECK_STR(value_get(r, "2")->s, "two");
	CHECK_INT(d.errors, 0);
	diag_free(&d);
	arena_free(&a);
}

TEST(yaml_positions_are_one_based_in_characters)
{
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	value *r = yamlload_parse(&a, &d, "f.md", "标题: 白莲\nstreet: x\n", strlen("标题: 白莲\nstreet: x\n"), 2);
	value *v = value_get(r, "标题");
	CHECK_INT(v->pos.line, 2);
	CHECK_INT(v->pos.col, 5); /* 标题: is 3 characters and a space */
	CHECK_INT(value_get(r, "street")->pos.line, 3);
	CHECK_INT(value_get(r, "street")->pos.col, 9);
	diag_free(&d);
	arena_free(&a);
}

TEST(yaml_duplicate_keys_are_errors)
{
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	CHECK(load(&a, &d, "a: 1\nb: 2\na: 3\n") == NULL);
	CHECK_INT(d.errors, 1);
	CHECK_INT(d.v[0].line, 3);
	CHECK(strstr(d.v[0].msg, "duplicate key 'a'") != NULL);
	/* a big map uses the hash, still finds it */
	char big[20000];
	size_t n = 0;
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(big + n, sizeof big - n, "k%d: %d\n", i, i);
	snprintf(big + n, sizeof big - n, "k500: again\n");
	diag_free(&d);
	diag_init(&d);
	CHECK(load(&a, &d, big) == NULL);
	CHECK_INT(d.errors, 1);
	diag_free(&d);
	arena_free(&a);
}

TEST(yaml_limits)
{
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	char deep[400];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	deep[200] = '\0';
	CHECK(load(&a, &d, deep) == NULL);
	CHECK(d.errors == 1 && strstr(d.v[0].msg, "nesting is deeper"));
	diag_free(&d);
	diag_init(&d);
	/* an alias bomb fails on the level where it would explode */
	const char *bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
			   "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
			   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
			   "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
			   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
			   "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
	CHECK(load(&a, &d, bomb) == NULL);
	CHECK(d.errors == 1 && strstr(d.v[0].msg, "alias bomb"));
	CHECK_INT(d.v[0].line, 5);
	diag_free(&d);
	diag_init(&d);
	/* an alias used a few times is fine, and shared, not copied */
	value *r = load(&a, &d, "c: &c {name: x}\nd: *c\n");
	CHECK(r && value_get(r, "c") == value_get(r, "d"));
	CHECK(load(&a, &d, "a: *nope\n") == NULL);
	CHECK(load(&a, &d, "a: &x [*x]\n") == NULL);
	diag_free(&d);
	arena_free(&a);
}

TEST(yaml_tabs_and_documents)
{
	arena a;
	diag d;
	arena_init(&a);
	diag_init(&d);
	CHECK(load(&a, &d, "a:\n\tb: 1\n\t\tc: 2\n") == NULL);
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.v[0].line, 2);
	CHECK(strstr(d.v[0].msg, "tab character in indentation") != NULL);
	diag_free(&d);
	diag_init(&d);
	/* a tab after the key is fine */
	CHECK(load(&a, &d, "a:\t1\n") != NULL);
	CHECK(load(&a, &d, "a: 1\n---\nb: 2\n") == NULL);
	CHECK(load(&a, &d, "!!binary abc\n") == NULL);
	value *r = load(&a, &d, "a: !!str 12\n");
	CHECK(r == NULL || value_get(r, "a")->kind == V_STR);
	value *e = load(&a, &d, "# only a comment\n");
	CHECK(e && e->kind == V_NULL);
	diag_free(&d);
	arena_free(&a);
}
