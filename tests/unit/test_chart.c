/* Unit tests of chart.c: the SVG's accessible frame (role, title, viewBox,
 * width), every text escaped, a bar per value with its label and value
 * written as text, zero values and all-zero data, long labels shortened
 * to fit, and no script or external reference in any chart. */
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "t.h"

static const char *chart(const char *id, const char *title, const chart_bar *bars, size_t n)
{
	static buf b = BUF_INIT;
	buf_reset(&b);
	chart_bars(&b, id, title, bars, n);
	return b.ptr;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* The text of the k-th <text class="value"> (0-based), in a static buffer. */
static const char *value_text(const char *svg, size_t k)
{
	static char out[256];
	const char *p = svg;
	for (size_t i = 0; i <= k; i++) {
		p = strstr(p, "<text class=\"value\"");
		if (!p)
			return "";
		p++;
	}
	p = strchr(p, '>') + 1;
	const char *e = strstr(p, "</text>");
	size_t n = (size_t)(e - p) < sizeof out - 1 ? (size_t)(e - p) : sizeof out - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return out;
}

TEST(chart_frame_is_accessible)
{
	chart_bar bars[] = { { "待认领", 3, "3" }, { "已完成", 7, "7" } };
	const char *s = chart("c1", "需求数量（项），按状态", bars, 2);
	CHECK(strncmp(s, "<svg ", 5) == 0);
	CHECK(strstr(s, "role=\"img\""));
	CHECK(strstr(s, "aria-labelledby=\"c1\""));
	CHECK(strstr(s, "<title id=\"c1\">需求数量（项），按状态</title>"));
	CHECK(strstr(s, "viewBox=\"0 0 360 "));
	CHECK(strstr(s, "width=\"100%\""));
	CHECK(strstr(s, "font-size=\"16\""));
	CHECK(strcmp(s + strlen(s) - 6, "</svg>") == 0);
	CHECK_INT(count(s, "<g class=\"bar\">"), 2);
	CHECK_INT(count(s, "<rect "), 2);
	CHECK(strstr(s, "<text class=\"label\" x=\"0\" y=\"20\" fill=\"#1a1a1a\">待认领</text>"));
	CHECK_STR(value_text(s, 0), "3");
	CHECK_STR(value_text(s, 1), "7");
	/* the longest bar is the largest value; bars scale with values */
	CHECK(strstr(s, "width=\"342.4\""));
	CHECK(!strstr(s, "<script"));
	CHECK(!strstr(s, "href"));
}

TEST(chart_escapes_every_text)
{
	chart_bar bars[] = { { "<b>&\"'", 1, "1 <i>" } };
	const char *s = chart("x\"y", "a<b & \"c\"", bars, 1);
	CHECK(strstr(s, "aria-labelledby=\"x&quot;y\""));
	CHECK(strstr(s, "<title id=\"x&quot;y\">a&lt;b &amp; &quot;c&quot;</title>"));
	CHECK(strstr(s, ">&lt;b&gt;&amp;&quot;&#39;</text>"));
	CHECK_STR(value_text(s, 0), "1 &lt;i&gt;");
	CHECK(!strstr(s, "<b>"));
	CHECK(!strstr(s, "<i>"));
}

TEST(chart_zero_values)
{
	/* a zero bar has no rectangle but keeps its label and value */
	chart_bar bars[] = { { "已认领", 0, "0" }, { "实施中", 4, "4" } };
	const char *s = chart("z", "t", bars, 2);
	CHECK_INT(count(s, "<g class=\"bar\">"), 2);
	CHECK_INT(count(s, "<rect "), 1);
	CHECK_STR(value_text(s, 0), "0");
	CHECK(strstr(s, ">已认领</text>"));
	/* negative counts as zero */
	chart_bar neg[] = { { "a", -5, "-5" }, { "b", 1, "1" } };
	s = chart("n", "t", neg, 2);
	CHECK_INT(count(s, "<rect "), 1);
	/* a tiny value next to a huge one stays visible */
	chart_bar tiny[] = { { "a", 0.001, "0" }, { "b", 1e6, "1000000" } };
	s = chart("t", "t", tiny, 2);
	CHECK(strstr(s, "width=\"2.0\""));
}

TEST(chart_all_zero_and_empty)
{
	chart_bar bars[] = { { "2020", 0, "0" }, { "2021", 0, "0" }, { "2022", 0, "0" } };
	const char *s = chart("z", "t", bars, 3);
	CHECK_INT(count(s, "<g class=\"bar\">"), 3);
	CHECK_INT(count(s, "<rect "), 0);
	CHECK(!strstr(s, "nan"));
	CHECK(!strstr(s, "inf"));
	CHECK_STR(value_text(s, 2), "0");
	s = chart("e", "空", NULL, 0);
	CHECK(strstr(s, "viewBox=\"0 0 360 4\""));
	CHECK(strstr(s, "<title id=\"e\">空</title>"));
	CHECK_INT(count(s, "<g "), 0);
}

TEST(chart_long_labels_are_shortened)
{
	/* 40 CJK characters at 16 units do not fit in 360: cut, with … */
	const char *lab = "成都市成华区约未来社会工作服务中心成都市成华区约未来社会工作服务中心成都市";
	chart_bar bars[] = { { lab, 1, "1" } };
	const char *s = chart("l", "t", bars, 1);
	CHECK(!strstr(s, lab));
	const char *p = strstr(s, "<text class=\"label\"");
	CHECK(p != NULL);
	p = strchr(p, '>') + 1;
	const char *e = strstr(p, "</text>");
	/* 22 characters of 16 units and the ellipsis fit in 360 */
	CHECK(e - p <= 23 * 3);
	CHECK(strncmp(e - 3, "…", 3) == 0);
	CHECK(strncmp(p, "成都市成华区", strlen("成都市成华区")) == 0);
	/* a Latin label that fits is kept whole */
	chart_bar ok[] = { { "in-progress (2024)", 1, "1" } };
	s = chart("k", "t", ok, 1);
	CHECK(strstr(s, ">in-progress (2024)</text>"));
	/* a cut never splits a UTF-8 sequence: the text is valid UTF-8 */
	chart_bar mixed[] = { { "aé成aé成aé成aé成aé成aé成aé成aé成aé成aé成aé成aé成aé成aé成", 1, "1" } };
	s = chart("m", "t", mixed, 1);
	CHECK(strstr(s, "…</text>"));
}
