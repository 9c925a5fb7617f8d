/* Helpers for the mustache unit tests (see test_mustache.h), and the
 * tests of the helpers' own plumbing: the value adapter. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "test_mustache.h"
#include "value.h"
#include "yamlload.h"

static arena last_arena;
static char *last_text;

static void reset(void)
{
	arena_free(&last_arena);
	free(last_text);
	last_text = NULL;
}

static const char *keep(buf *b)
{
	last_text = buf_detach(b, NULL);
	return last_text;
}

const void *mu_t_data(const char *yaml)
{
	diag d;
	reset();
	diag_init(&d);
	value *v = yamlload_parse(&last_arena, &d, "data.yaml", yaml, strlen(yaml), 1);
	if (!v)
		diag_print(&d, stderr);
	diag_free(&d);
	return v;
}

/* Compile tpl and the partials into a new set in last_arena. */
static const mu_template *compile(mu_set **set, diag *d, unsigned link_flags, const char *tpl,
				  va_list ap)
{
	*set = mu_set_new(&last_arena);
	const mu_template *t = mu_compile(*set, d, "main", "templates/main.mustache", tpl, strlen(tpl));
	const char *name;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *text = va_arg(ap, const char *);
		char *path = arena_printf(&last_arena, "templates/%s.mustache", name);
		mu_compile(*set, d, name, path, text, strlen(text));
	}
	mu_link(*set, d, link_flags, NULL, NULL);
	return t;
}

static bool sealing;

static const char *render_v(unsigned link_flags, unsigned render_flags, const char *tpl,
			    const char *yaml, va_list ap)
{
	diag d;
	buf out = BUF_INIT;
	mu_set *set;
	reset();
	diag_init(&d);
	value *data = yamlload_parse(&last_arena, &d, "data.yaml", yaml, strlen(yaml), 1);
	const mu_template *t = compile(&set, &d, link_flags, tpl, ap);
	if (sealing)
		value_seal_rows(data);
	if (data && t && !d.errors) {
		mu_opts opts = { .flags = render_flags, .max_steps = 1000000 };
		mu_error err;
		if (mu_render(t, &mu_value_data, data, &opts, &out, &err) != MU_OK) {
			buf_reset(&out);
			mu_report(&d, &err);
		}
	}
	if (d.errors) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		diag_print(&d, f);
		fclose(f);
		buf_reset(&out);
		buf_puts(&out, "ERROR: ");
		buf_put(&out, text, len);
		free(text);
	}
	diag_free(&d);
	mu_set_free(set);
	return keep(&out);
}

const char *mu_t_render(const char *tpl, const char *yaml, ...)
{
	va_list ap;
	va_start(ap, yaml);
	const char *s = render_v(0, 0, tpl, yaml, ap);
	va_end(ap);
	return s;
}

const char *mu_t_render_strict(const char *tpl, const char *yaml, ...)
{
	va_list ap;
	va_start(ap, yaml);
	const char *s = render_v(MU_LINK_STRICT, MU_RENDER_STRICT, tpl, yaml, ap);
	va_end(ap);
	return s;
}

const char *mu_t_render_rows(unsigned render_flags, const char *tpl, const char *yaml, ...)
{
	va_list ap;
	va_start(ap, yaml);
	sealing = true;
	const char *s = render_v(MU_LINK_STRICT, render_flags, tpl, yaml, ap);
	sealing = false;
	va_end(ap);
	return s;
}

const char *mu_t_diags(const char *tpl, ...)
{
	diag d;
	mu_set *set;
	va_list ap;
	reset();
	diag_init(&d);
	va_start(ap, tpl);
	compile(&set, &d, MU_LINK_STRICT, tpl, ap);
	va_end(ap);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	diag_print(&d, f);
	fclose(f);
	diag_free(&d);
	mu_set_free(set);
	last_text = text;
	return text;
}

/* ---- the value adapter ---- */

TEST(mu_value_adapter_kinds)
{
	const value *v = mu_t_data("{l: [1, 2], e: [], m: {}, s: '', z: 0, f: false, n: null, t: true}");
	const mu_data *dt = &mu_value_data;
	size_t n = 0;
	CHECK_INT(dt->kind(dt->get(v, "l", 1), &n), MU_LIST);
	CHECK_INT(n, 2);
	CHECK_INT(dt->kind(dt->get(v, "e", 1), &n), MU_FALSEY);
	CHECK_INT(dt->kind(dt->get(v, "m", 1), &n), MU_ONE);
	CHECK_INT(dt->kind(dt->get(v, "s", 1), &n), MU_ONE);
	CHECK_INT(dt->kind(dt->get(v, "z", 1), &n), MU_ONE);
	CHECK_INT(dt->kind(dt->get(v, "f", 1), &n), MU_FALSEY);
	CHECK_INT(dt->kind(dt->get(v, "n", 1), &n), MU_FALSEY);
	CHECK_INT(dt->kind(dt->get(v, "t", 1), &n), MU_ONE);
	/* a key present with null is found (it stops the stack walk) */
	CHECK(dt->get(v, "n", 1) != NULL);
	CHECK(dt->get(v, "nope", 4) == NULL);
	CHECK(dt->get(dt->get(v, "l", 1), "x", 1) == NULL); /* not a map */
	CHECK_INT(((const value *)dt->at(dt->get(v, "l", 1), 1))->u.i, 2);
}

TEST(mu_value_adapter_text)
{
	const value *v = mu_t_data("{s: 'a<b', i: -42, f: 1.210, g: 0.1, b: false, n: null, l: [1]}");
	buf b = BUF_INIT;
	const char *keys[] = { "s", "i", "f", "g", "b", "n", "l" };
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		mu_value_data.text(value_get(v, keys[k]), &b);
		buf_putc(&b, '|');
	}
	CHECK_STR(b.ptr, "a<b|-42|1.21|0.1|false|||");
	buf_free(&b);
}

TEST(mu_value_keys_that_look_like_other_types)
{
	/* a key is text whatever it looks like; its filter bit (value.h)
	 * must not be what was parsed before it became text */
	CHECK_STR(mu_t_render("{{yes}} {{no}} {{true}} {{2024}} {{on}} {{null}}",
			      "{yes: 1, no: 2, true: 3, 2024: 4, on: 5, null: 6}", NULL),
		  "1 2 3 4 5 6");
}
