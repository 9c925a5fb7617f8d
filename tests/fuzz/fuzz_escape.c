/* Fuzz target for the escaping functions (base/escape.c): each one's output
 * is read back by a decoder written here from the format's rules, not from
 * escape.c, and must give the input again (the property the function
 * promises), and must hold no byte its context forbids. Where a function
 * replaces characters its format cannot carry (XML, JSON, iCalendar, CSS:
 * ill-formed UTF-8 and some control characters become U+FFFD), the input
 * is valid UTF-8 for the read-back check and the expected text is made
 * here character by character; ill-formed input is checked for a
 * well-formed output only. A broken property aborts (a finding). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *in, size_t len, const buf *out)
{
	fprintf(stderr, "escape property broken: %s\ninput (%zu bytes):", what, len);
	for (size_t i = 0; i < len && i < 200; i++)
		fprintf(stderr, " %02x", (unsigned char)in[i]);
	fprintf(stderr, "\noutput: %.*s\n", (int)(out->len < 400 ? out->len : 400), out->ptr);
	abort();
}

#define REQUIRE(cond, what)                                 \
	do {                                                \
		if (!(cond))                                \
			fail(what, in, len, out);           \
	} while (0)

static bool same(const buf *a, const char *s, size_t len)
{
	return a->len == len && (len == 0 || memcmp(a->ptr, s, len) == 0);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void put_cp(buf *b, unsigned c)
{
	char u[4];
	size_t n;
	if (c < 0x80)
		u[0] = (char)c, n = 1;
	else if (c < 0x800)
		u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3F)), n = 2;
	else if (c < 0x10000)
		u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
		u[2] = (char)(0x80 | (c & 0x3F)), n = 3;
	else
		u[0] = (char)(0xF0 | c >> 18), u[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F)), n = 4;
	buf_put(b, u, n);
}

/* ---- entity decoding, for HTML and XML ---- */

typedef struct ent {
	const char *name;
	char c;
} ent;

/* Decode o's entities (only those in `ents`) into dec; false when o holds
 * a raw byte `raw_ok` refuses or an & that starts none of them. */
static bool decode_entities(const buf *o, const ent *ents, size_t nents, bool (*raw_ok)(unsigned char),
			    buf *dec)
{
	for (size_t i = 0; i < o->len;) {
		unsigned char c = (unsigned char)o->ptr[i];
		if (c != '&') {
			if (!raw_ok(c))
				return false;
			buf_putc(dec, (char)c);
			i++;
			continue;
		}
		size_t k = 0;
		for (; k < nents; k++) {
			size_t n = strlen(ents[k].name);
			if (o->len - i >= n && memcmp(o->ptr + i, ents[k].name, n) == 0) {
				buf_putc(dec, ents[k].c);
				i += n;
				break;
			}
		}
		if (k == nents)
			return false;
	}
	return true;
}

/* ---- HTML: the five entities Mustache writes ---- */

static bool html_raw_ok(unsigned char c)
{
	return c != '<' && c != '>' && c != '"' && c != '\'';
}

static bool html_decode(const buf *o, buf *dec)
{
	static const ent ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
	};
	return decode_entities(o, ents, sizeof ents / sizeof ents[0], html_raw_ok, dec);
}

static void check_html(const char *in, size_t len)
{
	buf o = BUF_INIT, *out = &o, dec = BUF_INIT, attr = BUF_INIT, inpl = BUF_INIT;
	esc_html(&o, in, len);
	REQUIRE(html_decode(&o, &dec), "esc_html: a raw < > \" ' or a stray &");
	REQUIRE(same(&dec, in, len), "esc_html: decoding does not give the input");
	esc_html_attr(&attr, in, len);
	REQUIRE(same(&attr, o.ptr, o.len), "esc_html_attr differs from esc_html");
	buf_puts(&inpl, "prefix<");
	buf_put(&inpl, in, len);
	esc_html_inplace(&inpl, 7);
	REQUIRE(inpl.len == 7 + o.len && memcmp(inpl.ptr, "prefix<", 7) == 0 &&
			(o.len == 0 || memcmp(inpl.ptr + 7, o.ptr, o.len) == 0),
		"esc_html_inplace differs from esc_html, or touched what came before");
	buf_free(&o), buf_free(&dec), buf_free(&attr), buf_free(&inpl);
}

/* ---- URL: only unreserved characters and %XX ---- */

static void check_url(const char *in, size_t len, bool query)
{
	buf o = BUF_INIT, *out = &o, dec = BUF_INIT;
	if (query)
		esc_url_query(&o, in, len);
	else
		esc_url_path(&o, in, len);
	for (size_t i = 0; i < o.len; i++) {
		unsigned char c = (unsigned char)o.ptr[i];
		if (c == '%') {
			REQUIRE(i + 2 < o.len, "url: % without two digits");
			int h = hexval(o.ptr[i + 1]), l = hexval(o.ptr[i + 2]);
			REQUIRE(h >= 0 && l >= 0, "url: % without two hex digits");
			REQUIRE(!(o.ptr[i + 1] >= 'a' && o.ptr[i + 1] <= 'f') && !(o.ptr[i + 2] >= 'a' && o.ptr[i + 2] <= 'f'),
				"url: lowercase hex");
			buf_putc(&dec, (char)(h * 16 + l));
			i += 2;
			continue;
		}
		REQUIRE((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
				c == '.' || c == '_' || c == '~',
			"url: a reserved or unsafe character left as it is");
		buf_putc(&dec, (char)c);
	}
	REQUIRE(same(&dec, in, len), "url: decoding does not give the input");
	buf_free(&o), buf_free(&dec);
}

/* ---- the characters a Unicode format carries, for valid input ---- */

typedef enum { CTX_XML, CTX_XML_ATTR, CTX_JSON, CTX_ICAL, CTX_CSS } ctx;

/* What the escaper promises to keep of each character of valid input:
 * the same character, U+FFFD, or (iCalendar's CR) nothing. */
static void expected(ctx x, const char *in, size_t len, buf *exp)
{
	const char *p = in, *end = in + len;
	while (p < end) {
		unsigned c = utf8_next(&p);
		switch (x) {
		case CTX_XML:
		case CTX_XML_ATTR:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
				c = 0xFFFD;
			break;
		case CTX_ICAL:
			if (c == '\r')
				continue;
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
				c = 0xFFFD;
			break;
		case CTX_JSON:
		case CTX_CSS:
			break;
		}
		put_cp(exp, c);
	}
}

static bool xml_raw_ok(unsigned char c)
{
	return html_raw_ok(c) && c != '\r' && (c >= 0x20 || c == '\t' || c == '\n');
}

static bool xml_attr_raw_ok(unsigned char c)
{
	return xml_raw_ok(c) && c != '\t' && c != '\n';
}

static bool xml_decode(const buf *o, bool attr, buf *dec)
{
	static const ent ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
		{ "&apos;", '\'' }, { "&#13;", '\r' }, { "&#9;", '\t' }, { "&#10;", '\n' },
	};
	return decode_entities(o, ents, sizeof ents / sizeof ents[0], attr ? xml_attr_raw_ok : xml_raw_ok, dec);
}

static void check_xml(const char *in, size_t len, bool valid, bool attr)
{
	buf o = BUF_INIT, *out = &o, dec = BUF_INIT, exp = BUF_INIT;
	(attr ? esc_xml_attr : esc_xml)(&o, in, len);
	REQUIRE(utf8_check(o.ptr ? o.ptr : "", o.len) == (size_t)-1, "xml: ill-formed UTF-8 in the output");
	REQUIRE(!memmem(o.ptr ? o.ptr : "", o.len, "\xEF\xBF\xBE", 3) && !memmem(o.ptr ? o.ptr : "", o.len, "\xEF\xBF\xBF", 3),
		"xml: U+FFFE or U+FFFF in the output");
	REQUIRE(xml_decode(&o, attr, &dec), "xml: a raw markup or control character, or a stray &");
	if (valid) {
		expected(attr ? CTX_XML_ATTR : CTX_XML, in, len, &exp);
		REQUIRE(same(&dec, exp.ptr, exp.len), "xml: decoding does not give the input");
	}
	buf_free(&o), buf_free(&dec), buf_free(&exp);
}

static bool json_decode(const buf *o, buf *dec)
{
	for (size_t i = 0; i < o->len;) {
		unsigned char c = (unsigned char)o->ptr[i];
		if (c < 0x20 || c == '"' || c == '<' || c == '>' || c == '&')
			return false;
		if (o->len - i >= 3 && memcmp(o->ptr + i, "\xE2\x80", 2) == 0 &&
		    ((unsigned char)o->ptr[i + 2] == 0xA8 || (unsigned char)o->ptr[i + 2] == 0xA9))
			return false; /* a raw line separator ends a line in JavaScript */
		if (c != '\\') {
			buf_putc(dec, (char)c);
			i++;
			continue;
		}
		if (i + 1 >= o->len)
			return false;
		char e = o->ptr[i + 1];
		const char *simple = strchr("\"\\/bfnrt", e);
		if (e && simple) {
			static const char to[] = "\"\\/\b\f\n\r\t";
			buf_putc(dec, to[simple - "\"\\/bfnrt"]);
			i += 2;
			continue;
		}
		if (e != 'u' || o->len - i < 6)
			return false;
		unsigned v = 0;
		for (int k = 2; k < 6; k++) {
			int h = hexval(o->ptr[i + k]);
			if (h < 0)
				return false;
			v = v * 16 + (unsigned)h;
		}
		if (v >= 0xD800 && v <= 0xDFFF)
			return false; /* esc_json never needs surrogates */
		put_cp(dec, v);
		i += 6;
	}
	return true;
}

static void check_json(const char *in, size_t len, bool valid)
{
	buf o = BUF_INIT, *out = &o, dec = BUF_INIT;
	esc_json(&o, in, len);
	REQUIRE(utf8_check(o.ptr ? o.ptr : "", o.len) == (size_t)-1, "json: ill-formed UTF-8 in the output");
	REQUIRE(json_decode(&o, &dec), "json: a raw quote, control, < > & or line separator, or a bad escape");
	if (valid)
		REQUIRE(same(&dec, in, len), "json: decoding does not give the input");
	buf_free(&o), buf_free(&dec);
}

/* ---- CSV: one field of RFC 4180, with the formula guard ---- */

static void check_csv(const char *in, size_t len)
{
	buf o = BUF_INIT, *out = &o, dec = BUF_INIT;
	esc_csv_field(&o, in, len);
	if (o.len && o.ptr[0] == '"') {
		REQUIRE(o.len >= 2 && o.ptr[o.len - 1] == '"', "csv: a quoted field not closed");
		for (size_t i = 1; i + 1 < o.len; i++) {
			if (o.ptr[i] == '"') {
				REQUIRE(i + 2 < o.len && o.ptr[i + 1] == '"', "csv: a lone quote inside a quoted field");
				i++;
			}
			buf_putc(&dec, o.ptr[i]);
		}
	} else {
		for (size_t i = 0; i < o.len; i++)
			REQUIRE(o.ptr[i] != ',' && o.ptr[i] != '"' && o.ptr[i] != '\r' && o.ptr[i] != '\n',
				"csv: a bare field holds a separator, quote or line break");
		buf_put(&dec, o.ptr ? o.ptr : "", o.len);
	}
	bool formula = len && strchr("=+-@\t\r", in[0]) && in[0];
	if (formula) {
		REQUIRE(dec.len == len + 1 && dec.ptr[0] == '\'' && memcmp(dec.ptr + 1, in, len) == 0,
			"csv: a formula-like field is not made text with a leading apostrophe");
	} else {
		REQUIRE(same(&dec, in, len), "csv: reading the field back does not give the input");
	}
	buf_free(&o), buf_free(&dec);
}

/* ---- iCalendar TEXT, and folding ---- */

static void check_ical(const char *in, size_t len, bool valid)
{
	buf o = BUF_INIT, *out = &o, dec = BUF_INIT, exp = BUF_INIT, un = BUF_INIT;
	buf_puts(&o, "DESCRIPTION:");
	esc_ical_text(&o, in, len);
	size_t vlen = o.len;
	REQUIRE(utf8_check(o.ptr, o.len) == (size_t)-1, "ical: ill-formed UTF-8 in the output");
	for (size_t i = 12; i < o.len; i++) {
		unsigned char c = (unsigned char)o.ptr[i];
		REQUIRE(c >= 0x20 || c == '\t', "ical: a control character in a TEXT value");
		REQUIRE(c != 0x7F, "ical: DEL in a TEXT value");
		REQUIRE(c != ';' && c != ',', "ical: a bare ; or ,");
		if (c == '\\') {
			REQUIRE(i + 1 < o.len && strchr("\\;,n", o.ptr[i + 1]), "ical: a bad backslash escape");
			char e = o.ptr[++i];
			buf_putc(&dec, e == 'n' ? '\n' : e);
			continue;
		}
		buf_putc(&dec, (char)c);
	}
	if (valid) {
		expected(CTX_ICAL, in, len, &exp);
		REQUIRE(same(&dec, exp.ptr, exp.len), "ical: unescaping does not give the input");
	}
	/* fold: no line over 75 octets, continuations start with one space,
	 * unfolding gives the line back, no UTF-8 sequence split */
	buf line = BUF_INIT;
	buf_put(&line, o.ptr, vlen);
	esc_ical_fold(&o, 0);
	size_t start = 0;
	bool first = true;
	for (size_t i = 0; i <= o.len; i++) {
		if (i < o.len && !(o.ptr[i] == '\r'))
			continue;
		size_t n = i - start;
		REQUIRE(n <= 75, "ical fold: a line longer than 75 octets");
		REQUIRE(first || (n >= 1 && o.ptr[start] == ' '), "ical fold: a continuation without its space");
		REQUIRE(utf8_check(o.ptr + start, n) == (size_t)-1, "ical fold: a fold splits a UTF-8 sequence");
		buf_put(&un, o.ptr + start + (first ? 0 : 1), first ? n : n - 1);
		if (i < o.len) {
			REQUIRE(i + 2 < o.len && o.ptr[i + 1] == '\n' && o.ptr[i + 2] == ' ', "ical fold: CR not in CRLF space");
			i += 1;
			start = i + 1;
			first = false;
		}
	}
	REQUIRE(same(&un, line.ptr, line.len), "ical fold: unfolding does not give the line");
	buf_free(&line);
	buf_free(&o), buf_free(&dec), buf_free(&exp), buf_free(&un);
}

/* ---- CSS string ---- */

static void check_css(const char *in, size_t len, bool valid)
{
	buf o = BUF_INIT, *out = &o, dec = BUF_INIT;
	esc_css_string(&o, in, len);
	REQUIRE(utf8_check(o.ptr ? o.ptr : "", o.len) == (size_t)-1, "css: ill-formed UTF-8 in the output");
	for (size_t i = 0; i < o.len; i++) {
		unsigned char c = (unsigned char)o.ptr[i];
		if (c == '\\') {
			REQUIRE(o.len - i >= 7, "css: a short escape");
			unsigned v = 0;
			for (int k = 1; k <= 6; k++) {
				int h = hexval(o.ptr[i + k]);
				REQUIRE(h >= 0, "css: an escape without six hex digits");
				v = v * 16 + (unsigned)h;
			}
			REQUIRE(v < 0x80, "css: an escape of a non-ASCII byte");
			buf_putc(&dec, (char)v);
			i += 6;
			continue;
		}
		REQUIRE(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				strchr(" ./:_-?=#%~,()+@!", (int)c),
			"css: an ASCII character that can end the string or the element left as it is");
		buf_putc(&dec, (char)c);
	}
	if (valid)
		REQUIRE(same(&dec, in, len), "css: decoding does not give the input");
	buf_free(&o), buf_free(&dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	bool valid = utf8_check(in, size) == (size_t)-1;
	check_html(in, size);
	check_url(in, size, false);
	check_url(in, size, true);
	check_xml(in, size, valid, false);
	check_xml(in, size, valid, true);
	check_json(in, size, valid);
	check_csv(in, size);
	check_ical(in, size, valid);
	check_css(in, size, valid);
	return 0;
}
