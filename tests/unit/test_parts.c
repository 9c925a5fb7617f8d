/* Unit tests of the small parts: dates, front matter, suggestions, UTF-8,
 * output paths, buffers, string maps, number formatting. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "frontmatter.h"
#include "output.h"
#include "source.h"
#include "strmap.h"
#include "suggest.h"
#include "t.h"
#include "value.h"
#include "view.h"

TEST(date_parse_and_format)
{
	qdate d;
	char b[11];
	CHECK_INT(date_parse("1970-01-01", &d), 0);
	CHECK_INT(d, 0);
	CHECK_INT(date_parse("2020-06-23", &d), 0);
	date_format(d, b);
	CHECK_STR(b, "2020-06-23");
	CHECK_INT(date_parse("2024-02-29", &d), 0);
	CHECK_INT(date_parse("2023-02-29", &d), -1);
	CHECK_INT(date_parse("2020-6-23", &d), -1);
	CHECK_INT(date_parse("2020-06-31", &d), -1);
	CHECK_INT(date_parse("2020-06-23x", &d), -1);
	CHECK_INT(date_parse("20200623", &d), -1);
	for (qdate k = -800; k < 40000; k += 37) {
		int y, m, day;
		date_to_ymd(k, &y, &m, &day);
		CHECK_INT(date_from_ymd(y, m, day), k);
	}
}

TEST(date_today_is_china_time)
{
	qdate d;
	char b[11];
	/* 2020-07-31 15:59:59 UTC is 23:59:59 in Chengdu: still the 31st */
	setenv("SOURCE_DATE_EPOCH", "1596211199", 1);
	CHECK_INT(date_today(&d), 0);
	date_format(d, b);
	CHECK_STR(b, "2020-07-31");
	setenv("SOURCE_DATE_EPOCH", "1596211200", 1);
	CHECK_INT(date_today(&d), 0);
	date_format(d, b);
	CHECK_STR(b, "2020-08-01");
	setenv("SOURCE_DATE_EPOCH", "soon", 1);
	CHECK_INT(date_today(&d), -1);
	unsetenv("SOURCE_DATE_EPOCH");
}

TEST(frontmatter_split_lf_and_crlf)
{
	frontmatter fm;
	const char *t = "---\ntitle: x\n---\nbody\n";
	CHECK_INT(frontmatter_split(t, strlen(t), &fm), 0);
	CHECK_INT(fm.yaml_len, strlen("title: x\n"));
	CHECK_INT(fm.body_line, 4);
	CHECK(strncmp(fm.body, "body", 4) == 0);
	t = "---\r\ntitle: x\r\n---\r\nbody\r\n";
	CHECK_INT(frontmatter_split(t, strlen(t), &fm), 0);
	CHECK(strncmp(fm.body, "body", 4) == 0);
	t = "---\ntitle: x\n---";
	CHECK_INT(frontmatter_split(t, strlen(t), &fm), 0);
	CHECK_INT(fm.body_len, 0);
	t = "title: x\n";
	CHECK_INT(frontmatter_split(t, strlen(t), &fm), 1);
	t = "---\ntitle: x\n----\n";
	CHECK_INT(frontmatter_split(t, strlen(t), &fm), 2);
}

TEST(suggest_nearest_name)
{
	suggest sg;
	suggest_init(&sg, "白莲池街");
	suggest_offer(&sg, "双水碾街道");
	suggest_offer(&sg, "白莲池街道");
	suggest_offer(&sg, "东升街道");
	CHECK_STR(suggest_result(&sg), "白莲池街道");
	suggest_init(&sg, "bailianch");
	suggest_offer(&sg, "bailianchi");
	suggest_offer(&sg, "shuangshuinian");
	CHECK_STR(suggest_result(&sg), "bailianchi");
	suggest_init(&sg, "zzzzzz");
	suggest_offer(&sg, "bailianchi");
	CHECK(suggest_result(&sg) == NULL);
	CHECK_INT(suggest_distance("白莲池街", "白莲池街道", 10), 1);
	CHECK_INT(suggest_distance("Title", "title", 10), 0);
}

TEST(utf8_validation)
{
	CHECK(utf8_check("abc 白莲", strlen("abc 白莲")) == (size_t)-1);
	CHECK_INT(utf8_check("ab\xC0\xAF", 4), 2);        /* overlong */
	CHECK_INT(utf8_check("\xED\xA0\x80", 3), 0);      /* surrogate */
	CHECK_INT(utf8_check("a\xE7\x99", 3), 1);         /* truncated */
	CHECK_INT(utf8_check("\xF4\x90\x80\x80", 4), 0);  /* above U+10FFFF */
	CHECK_INT(utf8_count("白莲a", strlen("白莲a")), 3);
}

TEST(output_paths_stay_inside)
{
	CHECK(output_path_ok("index.html"));
	CHECK(output_path_ok("lists/2020-a/3/index.html"));
	CHECK(!output_path_ok(""));
	CHECK(!output_path_ok("/etc/passwd"));
	CHECK(!output_path_ok("../x"));
	CHECK(!output_path_ok("a/../../x"));
	CHECK(!output_path_ok("a/./x"));
	CHECK(!output_path_ok("a//x"));
	CHECK(!output_path_ok("a/"));
	CHECK(!output_path_ok("a\\..\\x"));
	CHECK(!output_path_ok("a\nb"));
}

TEST(buf_never_null)
{
	buf b = BUF_INIT;
	CHECK(b.ptr != NULL && b.ptr[0] == '\0');
	buf_printf(&b, "%d-%s", 12, "ab");
	CHECK_STR(b.ptr, "12-ab");
	buf_truncate(&b, 2);
	CHECK_STR(b.ptr, "12");
	size_t n;
	char *p = buf_detach(&b, &n);
	CHECK_INT(n, 2);
	CHECK(b.ptr != NULL && b.len == 0);
	free(p);
	p = buf_detach(&b, NULL);
	CHECK_STR(p, "");
	free(p);
}

TEST(strmap_grows_and_finds)
{
	strmap m;
	strmap_init(&m);
	static char keys[5000][16];
	for (int i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		CHECK(strmap_put(&m, keys[i], strlen(keys[i]), keys[i]) == NULL);
	}
	CHECK(strmap_put(&m, "k42", 3, NULL) == keys[42]);
	for (int i = 0; i < 5000; i += 7)
		CHECK(strmap_get(&m, keys[i], strlen(keys[i])) == keys[i]);
	CHECK(strmap_get(&m, "nope", 4) == NULL);
	strmap_set(&m, "k1", 2, keys[2]);
	CHECK(strmap_get(&m, "k1", 2) == keys[2]);
	strmap_free(&m);
}

TEST(value_text_and_json)
{
	arena a;
	arena_init(&a);
	buf b = BUF_INIT;
	value_text(value_float(&a, 1.210), &b);
	CHECK_STR(b.ptr, "1.21");
	buf_reset(&b);
	value_text(value_float(&a, 241.2), &b);
	CHECK_STR(b.ptr, "241.2");
	buf_reset(&b);
	value_text(value_float(&a, 3.0), &b);
	CHECK_STR(b.ptr, "3");
	buf_reset(&b);
	value_text(value_float(&a, 0.1 + 0.2), &b);
	CHECK_STR(b.ptr, "0.30000000000000004");
	buf_reset(&b);
	value *m = value_map(&a, 0);
	value_set(&a, m, "t", value_cstr(&a, "</script>\"\n\xE2\x80\xA8"));
	value_json(m, &b);
	CHECK_STR(b.ptr, "{\"t\":\"\\u003c/script\\u003e\\\"\\n\\u2028\"}");
	CHECK(value_truthy(value_int(&a, 0)));
	CHECK(value_truthy(value_cstr(&a, "")));
	CHECK(!value_truthy(value_list(&a, 0)));
	CHECK(!value_truthy(value_null(&a)));
	buf_free(&b);
	arena_free(&a);
}

TEST(money_and_dates_as_text)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 0, "0" }, { 6.6, "6.6" }, { 6.60, "6.6" }, { 8.45, "8.45" }, { 10, "10" },
		{ 0.1 + 0.2, "0.3" }, { 0.005, "0.01" }, { 0.004, "0" }, { 2.999, "3" },
		{ 12345678.9, "12345678.9" }, { 99999999.99, "99999999.99" }, { -0.001, "0" },
		{ -3.5, "-3.5" }, { 1e20, "100000000000000000000" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf b = BUF_INIT;
		view_money(cases[i].v, &b);
		CHECK_STR(b.ptr, cases[i].want);
		buf_free(&b);
	}
	buf b = BUF_INIT;
	qdate d;
	date_parse("2020-06-23", &d);
	view_date_zh(d, &b);
	CHECK_STR(b.ptr, "2020年6月23日");
	buf_reset(&b);
	buf_puti(&b, -9223372036854775807LL - 1);
	CHECK_STR(b.ptr, "-9223372036854775808");
	buf_free(&b);
}
