/* Unit tests of escape.c: exact output of every context for representative
 * input (Chinese text, every special character, empty and ill-formed
 * input), and the HTML, XML and JSON escapers against plain byte-by-byte
 * reference versions with a special character at every byte position
 * 0..40 (the HTML scan reads 16-byte blocks). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "t.h"

typedef void (*esc_fn)(buf *out, const char *s, size_t len);

/* The escaped form of a C string through f, in a static buffer reused by
 * the next call. */
static const char *esc(esc_fn f, const char *s)
{
	static buf b = BUF_INIT;
	buf_reset(&b);
	f(&b, s, strlen(s));
	return b.ptr;
}

/* The same for input with NUL bytes in it. */
static const char *escn(esc_fn f, const char *s, size_t len)
{
	static buf b = BUF_INIT;
	buf_reset(&b);
	f(&b, s, len);
	return b.ptr;
}

/* ---- reference versions: obviously right, one byte at a time ---- */

static void ref_html(buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		switch (s[i]) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default: buf_putc(out, s[i]); break;
		}
}

/* For well-formed input without forbidden characters. */
static void ref_xml(buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		switch (s[i]) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&apos;"); break;
		case '\r': buf_puts(out, "&#13;"); break;
		default: buf_putc(out, s[i]); break;
		}
}

/* value.c's json_str before escape.c, without the quotes: the output the
 * golden tests and `qingdan dump` were made with. */
static void ref_json(buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(out, "\\\""); continue;
		case '\\': buf_puts(out, "\\\\"); continue;
		case '\n': buf_puts(out, "\\n"); continue;
		case '\r': buf_puts(out, "\\r"); continue;
		case '\t': buf_puts(out, "\\t"); continue;
		case '<': buf_puts(out, "\\u003c"); continue;
		case '>': buf_puts(out, "\\u003e"); continue;
		case '&': buf_puts(out, "\\u0026"); continue;
		default: break;
		}
		if (c < 0x20) {
			char e[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
			buf_puts(out, e);
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			buf_puts(out, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
			i += 2;
		} else {
			buf_putc(out, c);
		}
	}
}

/* esc_html_inplace as an appending writer, behind some text already in
 * the buffer that it must leave alone (and that it reads, for values
 * shorter than 16 bytes: full of characters it must not take for the
 * value's). */
static void html_inplace_after(buf *out, const char *s, size_t len)
{
	static const char before[] = "<keep this=\"&'<>\">";
	size_t mark = out->len;
	buf_puts(out, before);
	size_t from = out->len;
	buf_put(out, s, len);
	esc_html_inplace(out, from);
	if (memcmp(out->ptr + mark, before, sizeof before - 1) != 0)
		buf_puts(out, "(the text before was changed)");
	/* drop the prefix so the result compares with the reference's */
	memmove(out->ptr + mark, out->ptr + from, out->len - from);
	buf_truncate(out, out->len - (from - mark));
}

/* esc_html_inplace over the whole buffer. */
static void html_inplace(buf *out, const char *s, size_t len)
{
	size_t from = out->len;
	buf_put(out, s, len);
	esc_html_inplace(out, from);
}

/* ---- a special character at every position ---- */

/* 41 bytes of text of one kind, with `special` (a whole UTF-8 sequence)
 * starting at byte `pos`, and then more text: ASCII letters, or Chinese
 * after pos % 3 ASCII letters, so that the special character lands at
 * every byte offset and never splits a character. */
static void make_text(buf *b, bool chinese, size_t pos, const char *special)
{
	static const char han[] = "白莲池街道需求清单供给社区成都"; /* 15 x 3 bytes */
	buf_reset(b);
	if (!chinese) {
		for (size_t i = 0; i < pos; i++)
			buf_putc(b, (char)('a' + i % 26));
		buf_puts(b, special);
		for (size_t i = 0; i < 40 - pos; i++)
			buf_putc(b, (char)('A' + i % 26));
		return;
	}
	for (size_t i = 0; i < pos % 3; i++)
		buf_putc(b, 'x');
	for (size_t i = 0; i < pos / 3; i++)
		buf_put(b, han + 3 * (i % 15), 3);
	buf_puts(b, special);
	for (size_t i = 0; i < 14; i++)
		buf_put(b, han + 3 * ((i + 7) % 15), 3);
}

/* f against ref for each special character at each position 0..40, in
 * ASCII and in Chinese text, alone and followed by a second special
 * character 17 bytes later (the next block, and so the back-to-front
 * copy, has to see it too). Returns how many inputs disagreed. */
static int sweep(esc_fn f, esc_fn ref, const char *const *specials, size_t nspecials)
{
	buf in = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	int bad = 0;
	for (int chinese = 0; chinese < 2; chinese++)
		for (size_t k = 0; k < nspecials; k++)
			for (size_t pos = 0; pos <= 40; pos++)
				for (int twice = 0; twice < 2; twice++) {
					make_text(&in, chinese, pos, specials[k]);
					if (twice)
						buf_puts(&in, specials[(k + 1) % nspecials]);
					buf_reset(&got);
					buf_reset(&want);
					f(&got, in.ptr, in.len);
					ref(&want, in.ptr, in.len);
					if (got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0) {
						if (bad++ < 5)
							fprintf(stderr,
								"  input \"%s\"\n  got   \"%s\"\n  want  \"%s\"\n",
								in.ptr, got.ptr, want.ptr);
					}
				}
	buf_free(&in);
	buf_free(&got);
	buf_free(&want);
	return bad;
}

static const char *const html_specials[] = { "&", "<", ">", "\"", "'" };
static const char *const xml_specials[] = { "&", "<", ">", "\"", "'", "\r" };
static const char *const json_specials[] = {
	"\"", "\\", "\n", "\r", "\t", "\x01", "\x1f", "<", ">", "&", "\xE2\x80\xA8", "\xE2\x80\xA9",
};
#define N(a) (sizeof(a) / sizeof *(a))

/* ---- HTML ---- */

TEST(esc_html_exact)
{
	CHECK_STR(esc(esc_html, ""), "");
	CHECK_STR(esc(esc_html, "plain text"), "plain text");
	CHECK_STR(esc(esc_html, "a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	CHECK_STR(esc(esc_html, "&&<<"), "&amp;&amp;&lt;&lt;");
	CHECK_STR(esc(esc_html, "白莲池街道<社区>“居民”"), "白莲池街道&lt;社区&gt;“居民”");
	CHECK_STR(esc(esc_html, "&amp;"), "&amp;amp;"); /* never decodes */
	/* ill-formed bytes and NUL pass as they are */
	CHECK_STR(esc(esc_html, "\xff\xfe<\x80"), "\xff\xfe&lt;\x80");
	CHECK_INT(strlen(escn(esc_html, "a\0<", 3)), 1);
	CHECK(memcmp(escn(esc_html, "a\0<", 3), "a\0&lt;", 7) == 0);
	CHECK_STR(esc(esc_html_attr, "say \"hi\" & 'bye'"), "say &quot;hi&quot; &amp; &#39;bye&#39;");
}

TEST(esc_html_inplace_exact)
{
	buf b = BUF_INIT;
	buf_puts(&b, "<p>");
	size_t from = b.len;
	buf_puts(&b, "需求 <清单> & \"供给\"");
	esc_html_inplace(&b, from);
	CHECK_STR(b.ptr, "<p>需求 &lt;清单&gt; &amp; &quot;供给&quot;");
	CHECK_INT(b.len, strlen(b.ptr));
	from = b.len;
	esc_html_inplace(&b, from); /* nothing after from */
	CHECK_STR(b.ptr, "<p>需求 &lt;清单&gt; &amp; &quot;供给&quot;");
	buf_free(&b);
	/* on an empty buf, which points at the static "" */
	buf e = BUF_INIT;
	esc_html_inplace(&e, 0);
	CHECK_STR(e.ptr, "");
	buf_puts(&e, "'");
	esc_html_inplace(&e, 0);
	CHECK_STR(e.ptr, "&#39;");
	buf_free(&e);
	CHECK_STR(esc(html_inplace, "0123456789abcdef0123456789abcdef<"),
		  "0123456789abcdef0123456789abcdef&lt;");
}

TEST(esc_html_every_position)
{
	CHECK_INT(sweep(esc_html, ref_html, html_specials, N(html_specials)), 0);
	CHECK_INT(sweep(html_inplace, ref_html, html_specials, N(html_specials)), 0);
	CHECK_INT(sweep(html_inplace_after, ref_html, html_specials, N(html_specials)), 0);
}

/* Values shorter than a block, read together with the bytes before them. */
TEST(esc_html_short_values)
{
	buf in = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	int bad = 0;
	for (size_t n = 0; n <= 33; n++)
		for (size_t pos = 0; pos <= n; pos++)
			for (size_t k = 0; k < N(html_specials); k++) {
				buf_reset(&in);
				for (size_t i = 0; i < n; i++)
					buf_putc(&in, i == pos ? html_specials[k][0] : 'x');
				/* pos == n: no special at all */
				buf_reset(&got);
				buf_reset(&want);
				html_inplace_after(&got, in.ptr, in.len);
				ref_html(&want, in.ptr, in.len);
				bad += strcmp(got.ptr, want.ptr) != 0;
				buf_reset(&got);
				esc_html(&got, in.ptr, in.len);
				bad += strcmp(got.ptr, want.ptr) != 0;
			}
	CHECK_INT(bad, 0);
	buf_free(&in);
	buf_free(&got);
	buf_free(&want);
}

/* Every byte value alone and at the end of a 16-byte block. */
TEST(esc_html_every_byte)
{
	int bad = 0;
	for (int c = 0; c < 256; c++) {
		char in[33];
		memset(in, 'x', sizeof in);
		in[0] = in[15] = in[16] = in[32] = (char)c;
		buf got = BUF_INIT, want = BUF_INIT;
		esc_html(&got, in, sizeof in);
		ref_html(&want, in, sizeof in);
		bad += got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0;
		buf_reset(&got);
		html_inplace(&got, in, sizeof in);
		bad += got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0;
		buf_free(&got);
		buf_free(&want);
	}
	CHECK_INT(bad, 0);
}

/* ---- URL ---- */

TEST(esc_url_exact)
{
	CHECK_STR(esc(esc_url_path, ""), "");
	CHECK_STR(esc(esc_url_path, "AZaz09-._~"), "AZaz09-._~");
	CHECK_STR(esc(esc_url_path, "a b/c?d=e&f+g#h%i"), "a%20b%2Fc%3Fd%3De%26f%2Bg%23h%25i");
	CHECK_STR(esc(esc_url_path, "白莲池"), "%E7%99%BD%E8%8E%B2%E6%B1%A0");
	CHECK_STR(esc(esc_url_path, ":@!$'()*,;\"<>\\^`{|}"),
		  "%3A%40%21%24%27%28%29%2A%2C%3B%22%3C%3E%5C%5E%60%7B%7C%7D");
	CHECK_STR(esc(esc_url_path, "\x01\x7f\xff"), "%01%7F%FF");
	CHECK_STR(escn(esc_url_path, "a\0b", 3), "a%00b");
	CHECK_STR(esc(esc_url_query, "q=需求 清单&page=2"),
		  "q%3D%E9%9C%80%E6%B1%82%20%E6%B8%85%E5%8D%95%26page%3D2");
	CHECK_STR(esc(esc_url_query, "1+1"), "1%2B1");
	/* every byte: unreserved as is, the rest %XX */
	int bad = 0;
	for (int c = 0; c < 256; c++) {
		char in[1] = { (char)c }, want[4];
		bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
		if (keep)
			snprintf(want, sizeof want, "%c", c);
		else
			snprintf(want, sizeof want, "%%%02X", c);
		bad += strcmp(escn(esc_url_path, in, 1), want) != 0;
		bad += strcmp(escn(esc_url_query, in, 1), want) != 0;
	}
	CHECK_INT(bad, 0);
}

/* ---- XML ---- */

TEST(esc_xml_exact)
{
	CHECK_STR(esc(esc_xml, ""), "");
	CHECK_STR(esc(esc_xml, "a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f");
	/* what sitemap.c wrote before: ordinary URLs come out as they are */
	CHECK_STR(esc(esc_xml, "https://example.org/qingdan/lists/2020-bailianchi-needs.html"),
		  "https://example.org/qingdan/lists/2020-bailianchi-needs.html");
	CHECK_STR(esc(esc_xml, "https://example.org/?a=1&b='2'"),
		  "https://example.org/?a=1&amp;b=&apos;2&apos;");
	CHECK_STR(esc(esc_xml, "白莲池街道<社区>"), "白莲池街道&lt;社区&gt;");
	/* TAB and LF stay; CR is kept as a reference */
	CHECK_STR(esc(esc_xml, "a\tb\nc\r\nd"), "a\tb\nc&#13;\nd");
	/* forbidden characters become U+FFFD */
	CHECK_STR(esc(esc_xml, "a\x01" "b\x1f" "c\x0b"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD");
	CHECK_STR(escn(esc_xml, "a\0b", 3), "a\xEF\xBF\xBD" "b");
	CHECK_STR(esc(esc_xml, "x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
	/* allowed although unusual: DEL, C1 controls, U+FFFD itself, astral */
	CHECK_STR(esc(esc_xml, "\x7f\xC2\x85\xEF\xBF\xBD\xF0\x9F\x98\x80"),
		  "\x7f\xC2\x85\xEF\xBF\xBD\xF0\x9F\x98\x80");
	CHECK_STR(esc(esc_xml_attr, "a\tb\nc\rd<\"'>"), "a&#9;b&#10;c&#13;d&lt;&quot;&apos;&gt;");
	CHECK_STR(esc(esc_xml_attr, "需求\x02"), "需求\xEF\xBF\xBD");
}

/* Ill-formed UTF-8: one U+FFFD per maximal ill-formed subpart. */
TEST(esc_ill_formed_utf8)
{
#define R "\xEF\xBF\xBD"
	CHECK_STR(esc(esc_xml, "\xff"), R);
	CHECK_STR(esc(esc_xml, "a\x80" "b"), "a" R "b");
	CHECK_STR(esc(esc_xml, "\xE7\x99"), R);            /* cut short at the end */
	CHECK_STR(esc(esc_xml, "\xE7\x99" "A"), R "A");    /* cut short before ASCII */
	CHECK_STR(esc(esc_xml, "\xE7\x99\xE7\x99\xBD"), R "白");
	CHECK_STR(esc(esc_xml, "\xC0\xAF"), R R);          /* overlong */
	CHECK_STR(esc(esc_xml, "\xE0\x80\xAF"), R R R);    /* overlong */
	CHECK_STR(esc(esc_xml, "\xED\xA0\x80"), R R R);    /* a surrogate */
	CHECK_STR(esc(esc_xml, "\xF4\x90\x80\x80"), R R R R); /* past U+10FFFF */
	CHECK_STR(esc(esc_xml, "\xF0\x9F\x98"), R);
	CHECK_STR(esc(esc_xml, "\xF5\x80"), R R);
	CHECK_STR(esc(esc_json, "\xE2\x80"), R);
	CHECK_STR(esc(esc_json, "<\xff>"), "\\u003c" R "\\u003e");
	CHECK_STR(esc(esc_ical_text, "\xE7\x99;"), R "\\;");
#undef R
}

TEST(esc_xml_every_position)
{
	CHECK_INT(sweep(esc_xml, ref_xml, xml_specials, N(xml_specials)), 0);
}

/* ---- JSON ---- */

TEST(esc_json_exact)
{
	CHECK_STR(esc(esc_json, ""), "");
	CHECK_STR(esc(esc_json, "清单 list"), "清单 list");
	CHECK_STR(esc(esc_json, "a\"b\\c/d"), "a\\\"b\\\\c/d");
	CHECK_STR(esc(esc_json, "\n\r\t\b\f\x01\x1f\x7f"), "\\n\\r\\t\\u0008\\u000c\\u0001\\u001f\x7f");
	CHECK_STR(esc(esc_json, "</script><!--&"), "\\u003c/script\\u003e\\u003c!--\\u0026");
	CHECK_STR(esc(esc_json, "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xE2\x80\xAA"),
		  "a\\u2028b\\u2029c\xE2\x80\xAA");
	CHECK_STR(escn(esc_json, "a\0b", 3), "a\\u0000b");
	/* the old writer's output for every byte below 0x80 */
	int bad = 0;
	for (int c = 0; c < 0x80; c++) {
		char in[1] = { (char)c };
		buf want = BUF_INIT;
		ref_json(&want, in, 1);
		bad += strcmp(escn(esc_json, in, 1), want.ptr) != 0;
		buf_free(&want);
	}
	CHECK_INT(bad, 0);
}

/* a whole string, quotes included; NULL is "" */
TEST(esc_json_str_quoted)
{
	buf b = BUF_INIT;
	esc_json_str(&b, "社区\"<x>");
	esc_json_str(&b, NULL);
	CHECK_STR(b.ptr, "\"社区\\\"\\u003cx\\u003e\"\"\"");
	buf_free(&b);
}

TEST(esc_json_every_position)
{
	CHECK_INT(sweep(esc_json, ref_json, json_specials, N(json_specials)), 0);
}

/* ---- CSV ---- */

TEST(esc_csv_exact)
{
	CHECK_STR(esc(esc_csv_field, ""), "");
	CHECK_STR(esc(esc_csv_field, "白莲池街道"), "白莲池街道");
	CHECK_STR(esc(esc_csv_field, "plain text; with 'quotes'"), "plain text; with 'quotes'");
	CHECK_STR(esc(esc_csv_field, "a,b"), "\"a,b\"");
	CHECK_STR(esc(esc_csv_field, "say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(esc(esc_csv_field, "\""), "\"\"\"\"");
	CHECK_STR(esc(esc_csv_field, "\"\""), "\"\"\"\"\"\"");
	CHECK_STR(esc(esc_csv_field, "line 1\nline 2"), "\"line 1\nline 2\"");
	CHECK_STR(esc(esc_csv_field, "line 1\r\nline 2"), "\"line 1\r\nline 2\"");
	CHECK_STR(esc(esc_csv_field, "需求，清单"), "需求，清单"); /* a full-width comma */
	/* formula prefixes */
	CHECK_STR(esc(esc_csv_field, "=1+2"), "'=1+2");
	CHECK_STR(esc(esc_csv_field, "+86 28 1234"), "'+86 28 1234");
	CHECK_STR(esc(esc_csv_field, "-5"), "'-5");
	CHECK_STR(esc(esc_csv_field, "@SUM(A1)"), "'@SUM(A1)");
	CHECK_STR(esc(esc_csv_field, "\tx"), "'\tx");
	CHECK_STR(esc(esc_csv_field, "\rx"), "\"'\rx\"");
	CHECK_STR(esc(esc_csv_field, "=HYPERLINK(\"http://x\",\"y\")"),
		  "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	CHECK_STR(esc(esc_csv_field, "a=1"), "a=1"); /* only at the start */
	CHECK_STR(esc(esc_csv_field, " =1"), " =1");
	CHECK_STR(esc(esc_csv_field, "'=1"), "'=1");
	CHECK_INT(strlen(escn(esc_csv_field, "=\0", 2)), 2);
}

/* ---- iCalendar ---- */

TEST(esc_ical_text_exact)
{
	CHECK_STR(esc(esc_ical_text, ""), "");
	CHECK_STR(esc(esc_ical_text, "供需对接会"), "供需对接会");
	CHECK_STR(esc(esc_ical_text, "a;b,c\\d"), "a\\;b\\,c\\\\d");
	CHECK_STR(esc(esc_ical_text, "line 1\nline 2\r\nline 3\r"), "line 1\\nline 2\\nline 3");
	CHECK_STR(esc(esc_ical_text, "a:b \"c\"\td"), "a:b \"c\"\td");
	CHECK_STR(esc(esc_ical_text, "a\x01" "b\x7f"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
	CHECK_STR(esc(esc_ical_text, "成都，武侯区；白莲池"), "成都，武侯区；白莲池");
}

/* Each physical line of out[from..] is at most 75 octets and well-formed
 * UTF-8 on its own, continuation lines start with one space, and
 * unfolding gives `want` back. */
static bool folded_ok(const buf *out, size_t from, const char *want)
{
	buf joined = BUF_INIT;
	bool ok = true;
	const char *p = out->ptr + from, *end = out->ptr + out->len;
	for (bool first = true;; first = false) {
		const char *nl = strstr(p, "\r\n");
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		ok &= n <= 75;
		if (!first) {
			ok &= n >= 2 && p[0] == ' ' && p[1] != ' ';
			p++;
			n--;
		}
		/* no line starts or ends inside a character */
		ok &= n > 0 && ((unsigned char)p[0] & 0xC0) != 0x80;
		size_t k = n;
		while (k > 0 && ((unsigned char)p[k - 1] & 0xC0) == 0x80)
			k--;
		if (k > 0) {
			unsigned char lead = (unsigned char)p[k - 1];
			size_t want_len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
			ok &= n - (k - 1) == want_len;
		}
		buf_put(&joined, p, n);
		if (!nl)
			break;
		p = nl + 2;
	}
	ok &= strcmp(joined.ptr, want) == 0;
	buf_free(&joined);
	return ok;
}

TEST(esc_ical_fold_lines)
{
	buf b = BUF_INIT;
	/* short lines stay as they are; 75 octets is still one line */
	buf_puts(&b, "SUMMARY:供需对接会");
	esc_ical_fold(&b, 0);
	CHECK_STR(b.ptr, "SUMMARY:供需对接会");
	buf_reset(&b);
	char l75[76];
	memset(l75, 'x', 75);
	l75[75] = '\0';
	buf_puts(&b, l75);
	esc_ical_fold(&b, 0);
	CHECK_STR(b.ptr, l75);
	buf_putc(&b, 'y');
	esc_ical_fold(&b, 0);
	CHECK_INT(b.len, 79);
	CHECK(memcmp(b.ptr + 75, "\r\n y", 4) == 0);
	/* all 1-, 2-, 3- and 4-byte characters, after prefixes of every length,
	 * behind a line already in the buffer */
	static const char *const chars[] = { "a", "é", "需", "😀" };
	int bad = 0;
	for (size_t c = 0; c < N(chars); c++)
		for (size_t prefix = 0; prefix <= 80; prefix++)
			for (size_t count = 1; count <= 120; count += 17) {
				buf want = BUF_INIT;
				for (size_t i = 0; i < prefix; i++)
					buf_putc(&want, 'P');
				for (size_t i = 0; i < count; i++)
					buf_puts(&want, chars[c]);
				buf_reset(&b);
				buf_puts(&b, "BEGIN:VEVENT\r\n");
				size_t from = b.len;
				buf_put(&b, want.ptr, want.len);
				esc_ical_fold(&b, from);
				bad += strncmp(b.ptr, "BEGIN:VEVENT\r\n", from) != 0;
				bad += !folded_ok(&b, from, want.ptr);
				buf_free(&want);
			}
	CHECK_INT(bad, 0);
	/* a real line: the escaped text of a long Chinese description */
	buf_reset(&b);
	buf_puts(&b, "DESCRIPTION:");
	const char *text = "白莲池街道2020年需求清单：社区养老、助餐点，以及儿童托管；"
			   "共12项，总预算6.6万元。\n详见https://example.org/qingdan/";
	esc_ical_text(&b, text, strlen(text));
	buf unfolded = BUF_INIT;
	buf_put(&unfolded, b.ptr, b.len);
	esc_ical_fold(&b, 0);
	CHECK(folded_ok(&b, 0, unfolded.ptr));
	CHECK(b.len > unfolded.len);
	buf_free(&unfolded);
	buf_free(&b);
}

/* ---- CSS ---- */

TEST(esc_css_string_exact)
{
	CHECK_STR(esc(esc_css_string, ""), "");
	CHECK_STR(esc(esc_css_string, "https://example.org/jihui/lists/x-1/ · 2025年7月1日生成"),
		  "https://example.org/jihui/lists/x-1/ · 2025年7月1日生成");
	/* what could end the string or the <style> element */
	CHECK_STR(esc(esc_css_string, "a\"b\\c"), "a\\000022b\\00005cc");
	CHECK_STR(esc(esc_css_string, "</style><script>"),
		  "\\00003c/style\\00003e\\00003cscript\\00003e");
	CHECK_STR(esc(esc_css_string, "x\ny\rz\x0c"), "x\\00000ay\\00000dz\\00000c");
	CHECK_STR(esc(esc_css_string, "a;b{c}d'e&f"), "a\\00003bb\\00007bc\\00007dd\\000027e\\000026f");
	CHECK_STR(esc(esc_css_string, "a\xff" "b"), "a\xEF\xBF\xBD" "b");
}

/* every ASCII byte either passes as itself or becomes a six-digit escape
 * that names it */
TEST(esc_css_string_every_byte)
{
	size_t bad = 0;
	for (unsigned c = 1; c < 0x80; c++) {
		char in[2] = { (char)c, 0 };
		const char *out = esc(esc_css_string, in);
		char want[8];
		snprintf(want, sizeof want, "\\%06x", c);
		bool plain = strcmp(out, in) == 0;
		bool escaped = strcmp(out, want) == 0;
		bool may_pass = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				strchr(" ./:_-?=#%~,()+@!", (int)c);
		bad += may_pass ? !plain : !escaped;
	}
	CHECK_INT(bad, 0);
}
