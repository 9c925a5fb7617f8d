/* escape: HTML, URL, XML, JSON, CSV and iCalendar escaping (escape.h).
 * Each writer copies runs of bytes that need nothing in one buf_put and
 * stops only at the bytes its context changes. */
#include "escape.h"

#include <stdbool.h>
#include <string.h>

#include "utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* How many bytes of p[0..n) the UTF-8 sequence that starts at p[0] takes
 * when *ok is set; otherwise the length of the maximal ill-formed subpart
 * there (at least 1), which is to become one U+FFFD. */
static size_t utf8_seq(const unsigned char *p, size_t n, bool *ok)
{
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	size_t need;
	*ok = false;
	if (c < 0x80) {
		*ok = true;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		if (c == 0xF4)
			hi = 0x8F; /* past U+10FFFF */
	} else {
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= n || p[i] < lo || p[i] > hi)
			return i;
		lo = 0x80;
		hi = 0xBF;
	}
	*ok = true;
	return need + 1;
}

/* ---- HTML ---- */

/* Bytes each of & < > " ' grows by when escaped; 0 for every other byte. */
static const unsigned char html_extra[256] = {
	['&'] = 4, ['<'] = 3, ['>'] = 3, ['"'] = 5, ['\''] = 4,
};

static const char *html_entity(unsigned char ch)
{
	switch (ch) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	default: return "&#39;";
	}
}

typedef unsigned char v16 __attribute__((vector_size(16)));

/* Whether any of the 16 bytes at p is one of & < > " ', ignoring the
 * first `skip` of them (the compiler's portable vector extension). */
static inline bool html_block_hits(const unsigned char *p, size_t skip)
{
	/* 16 zero bytes, then 16 0xff: from offset 16 - skip, a mask whose
	 * first `skip` lanes are clear */
	static const unsigned char lanes[32] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
	};
	v16 x, mask;
	memcpy(&x, p, 16);
	memcpy(&mask, lanes + 16 - skip, 16);
	v16 hit = ((x == '&') | (x == '<') | (x == '>') | (x == '"') | (x == '\'')) & mask;
	unsigned long long w[2];
	memcpy(w, &hit, 16);
	return (w[0] | w[1]) != 0;
}

/* Where the first byte of p[0..n) that HTML escaping changes is (n if
 * none). Most text has none (Chinese is all bytes above 0x7f), so this
 * looks at 16 bytes at a time. The last, partial block is read as the 16
 * bytes that end at p + n: they overlap bytes already looked at or, for
 * text shorter than 16 bytes, the `before` bytes in front of p that the
 * caller says are there to read, so most short values (names, amounts)
 * are passed with one block and no loop over their bytes. */
static inline size_t html_first_special(const unsigned char *p, size_t n, size_t before)
{
	size_t i = 0;
	for (; i + 16 <= n; i += 16)
		if (html_block_hits(p + i, 0))
			goto scan;
	if (i == n)
		return n;
	if (n >= 16 ? !html_block_hits(p + n - 16, 0)
		    : before >= 16 - n && !html_block_hits(p + n - 16, 16 - n))
		return n;
scan:
	while (i < n && !html_extra[p[i]])
		i++;
	return i;
}

void esc_html(buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		size_t run = html_first_special(p + i, len - i, i); /* s[0..i) is there to read */
		buf_put(out, s + i, run);
		i += run;
		if (i < len) {
			buf_put(out, html_entity(p[i]), html_extra[p[i]] + 1u);
			i++;
		}
	}
}

void esc_html_attr(buf *out, const char *s, size_t len)
{
	esc_html(out, s, len);
}

/* Escape out->ptr[from..len), whose first byte is one to escape: count
 * what the bytes grow by, then move runs back to front, so each byte moves
 * once. Kept out of esc_html_inplace, so that the common case (nothing to
 * escape) is a short function that saves no registers. */
static __attribute__((noinline)) void html_escape_tail(buf *out, size_t from)
{
	const unsigned char *p = (const unsigned char *)out->ptr;
	size_t extra = 0;
	for (size_t i = from; i < out->len; i++)
		extra += html_extra[p[i]];
	buf_grow(out, extra);
	char *s = out->ptr;
	size_t rd = out->len, wr = out->len + extra;
	while (rd > from) {
		size_t run = rd;
		while (run > from && !html_extra[(unsigned char)s[run - 1]])
			run--;
		wr -= rd - run;
		memmove(s + wr, s + run, rd - run);
		rd = run;
		if (rd > from) {
			unsigned char ch = (unsigned char)s[--rd];
			size_t n = html_extra[ch] + 1u;
			wr -= n;
			memcpy(s + wr, html_entity(ch), n);
		}
	}
	out->len += extra;
	s[out->len] = '\0';
}

void esc_html_inplace(buf *out, size_t from)
{
	const unsigned char *p = (const unsigned char *)out->ptr;
	size_t n = out->len - from;
	/* the bytes before `from` are the caller's, there to be read */
	size_t at = html_first_special(p + from, n, from);
	if (at < n)
		html_escape_tail(out, from + at);
}

/* ---- URL ---- */

static bool url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

static void percent_encode(buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (url_unreserved(c))
			continue;
		buf_put(out, s + start, i - start);
		char e[3] = { '%', hex[c >> 4], hex[c & 15] };
		buf_put(out, e, 3);
		start = i + 1;
	}
	buf_put(out, s + start, len - start);
}

void esc_url_path(buf *out, const char *s, size_t len)
{
	percent_encode(out, s, len);
}

void esc_url_query(buf *out, const char *s, size_t len)
{
	percent_encode(out, s, len);
}

/* ---- the Unicode-text formats: XML, JSON, iCalendar ---- */

/* A context's replacement for one ASCII byte: NULL keeps it, "" drops it. */
typedef const char *(*ascii_fn)(unsigned char c);

/* Write s with `ascii` deciding every byte below 0x80, well-formed UTF-8
 * sequences above it copied unless `special` (for a 3-byte sequence)
 * replaces them, and ill-formed ones replaced with U+FFFD. */
static void write_text(buf *out, const char *s, size_t len, ascii_fn ascii,
		       const char *(*special)(const unsigned char *seq))
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = 0, i = 0;
	while (i < len) {
		const char *rep;
		size_t n = 1;
		if (p[i] < 0x80) {
			rep = ascii(p[i]);
		} else {
			bool ok;
			n = utf8_seq(p + i, len - i, &ok);
			rep = !ok ? REPLACEMENT : n == 3 && special ? special(p + i) : NULL;
		}
		if (rep) {
			buf_put(out, s + start, i - start);
			buf_puts(out, rep);
			start = i + n;
		}
		i += n;
	}
	buf_put(out, s + start, len - start);
}

/* XML 1.0's Char excludes U+FFFE and U+FFFF (EF BF BE, EF BF BF). */
static const char *xml_special(const unsigned char *q)
{
	return q[0] == 0xEF && q[1] == 0xBF && q[2] >= 0xBE ? REPLACEMENT : NULL;
}

static const char *xml_ascii(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&apos;";
	case '\r': return "&#13;";
	case '\t': case '\n': return NULL;
	default: return c < 0x20 ? REPLACEMENT : NULL;
	}
}

static const char *xml_attr_ascii(unsigned char c)
{
	switch (c) {
	case '\t': return "&#9;";
	case '\n': return "&#10;";
	default: return xml_ascii(c);
	}
}

void esc_xml(buf *out, const char *s, size_t len)
{
	write_text(out, s, len, xml_ascii, xml_special);
}

void esc_xml_attr(buf *out, const char *s, size_t len)
{
	write_text(out, s, len, xml_attr_ascii, xml_special);
}

/* U+2028 and U+2029 (E2 80 A8, E2 80 A9) end a line in JavaScript. */
static const char *json_special(const unsigned char *q)
{
	if (q[0] != 0xE2 || q[1] != 0x80)
		return NULL;
	return q[2] == 0xA8 ? "\\u2028" : q[2] == 0xA9 ? "\\u2029" : NULL;
}

static const char *json_ascii(unsigned char c)
{
	/* \u00XX for each control character, in lowercase hex */
	static const char ctl[32][7] = {
		"\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006",
		"\\u0007", "\\u0008", "\\t",     "\\n",     "\\u000b", "\\u000c", "\\r",
		"\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014",
		"\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b",
		"\\u001c", "\\u001d", "\\u001e", "\\u001f",
	};
	if (c < 0x20)
		return ctl[c];
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '<': return "\\u003c";
	case '>': return "\\u003e";
	case '&': return "\\u0026";
	default: return NULL;
	}
}

/* Whether s is copied as it is: no byte below 0x20, no " \\ < > &, no
 * U+2028 or U+2029, and well-formed UTF-8. Most text is (titles, names):
 * checking is much cheaper than escaping character by character. */
static bool json_plain(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&')
			return false;
		if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
			return false;
	}
	return utf8_check(str, len) == (size_t)-1;
}

void esc_json(buf *out, const char *s, size_t len)
{
	if (json_plain(s, len))
		buf_put(out, s, len);
	else
		write_text(out, s, len, json_ascii, json_special);
}

void esc_json_str(buf *out, const char *s)
{
	buf_putc(out, '"');
	if (s)
		esc_json(out, s, strlen(s));
	buf_putc(out, '"');
}

static const char *ical_ascii(unsigned char c)
{
	switch (c) {
	case '\\': return "\\\\";
	case ';': return "\\;";
	case ',': return "\\,";
	case '\n': return "\\n";
	case '\r': return "";
	case '\t': return NULL;
	default: return c < 0x20 || c == 0x7F ? REPLACEMENT : NULL;
	}
}

void esc_ical_text(buf *out, const char *s, size_t len)
{
	write_text(out, s, len, ical_ascii, NULL);
}

/* RFC 5545 §3.1: lines of at most 75 octets, a continuation starting with
 * one space. */
#define ICAL_LINE 75

void esc_ical_fold(buf *out, size_t from)
{
	if (out->len - from <= ICAL_LINE)
		return;
	buf line = BUF_INIT;
	buf_put(&line, out->ptr + from, out->len - from);
	buf_truncate(out, from);
	const unsigned char *p = (const unsigned char *)line.ptr;
	size_t i = 0, room = ICAL_LINE;
	while (line.len - i > room) {
		size_t cut = i + room;
		/* back to the first byte of the sequence the cut would split;
		 * at most 3 bytes back, so ill-formed runs of continuation
		 * bytes still fold */
		for (int k = 0; k < 3 && cut > i + 1 && (p[cut] & 0xC0) == 0x80; k++)
			cut--;
		buf_put(out, line.ptr + i, cut - i);
		buf_put(out, "\r\n ", 3);
		i = cut;
		room = ICAL_LINE - 1;
	}
	buf_put(out, line.ptr + i, line.len - i);
	buf_free(&line);
}

/* ---- CSV ---- */

void esc_csv_field(buf *out, const char *s, size_t len)
{
	bool formula = false;
	if (len)
		switch (s[0]) {
		case '=': case '+': case '-': case '@': case '\t': case '\r':
			formula = true;
			break;
		default:
			break;
		}
	bool quote = false;
	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (quote)
		buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	if (!quote) {
		buf_put(out, s, len);
		return;
	}
	size_t start = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '"') {
			buf_put(out, s + start, i + 1 - start); /* the quote, then its double */
			start = i;
		}
	buf_put(out, s + start, len - start);
	buf_putc(out, '"');
}

/* ---- CSS ---- */

static const char *css_ascii(unsigned char c)
{
	/* a backslash and six hex digits: needs no space after it */
	static const char hex[128][8] = {
		"\\000000", "\\000001", "\\000002", "\\000003", "\\000004", "\\000005", "\\000006", "\\000007",
		"\\000008", "\\000009", "\\00000a", "\\00000b", "\\00000c", "\\00000d", "\\00000e", "\\00000f",
		"\\000010", "\\000011", "\\000012", "\\000013", "\\000014", "\\000015", "\\000016", "\\000017",
		"\\000018", "\\000019", "\\00001a", "\\00001b", "\\00001c", "\\00001d", "\\00001e", "\\00001f",
		"\\000020", "\\000021", "\\000022", "\\000023", "\\000024", "\\000025", "\\000026", "\\000027",
		"\\000028", "\\000029", "\\00002a", "\\00002b", "\\00002c", "\\00002d", "\\00002e", "\\00002f",
		"\\000030", "\\000031", "\\000032", "\\000033", "\\000034", "\\000035", "\\000036", "\\000037",
		"\\000038", "\\000039", "\\00003a", "\\00003b", "\\00003c", "\\00003d", "\\00003e", "\\00003f",
		"\\000040", "\\000041", "\\000042", "\\000043", "\\000044", "\\000045", "\\000046", "\\000047",
		"\\000048", "\\000049", "\\00004a", "\\00004b", "\\00004c", "\\00004d", "\\00004e", "\\00004f",
		"\\000050", "\\000051", "\\000052", "\\000053", "\\000054", "\\000055", "\\000056", "\\000057",
		"\\000058", "\\000059", "\\00005a", "\\00005b", "\\00005c", "\\00005d", "\\00005e", "\\00005f",
		"\\000060", "\\000061", "\\000062", "\\000063", "\\000064", "\\000065", "\\000066", "\\000067",
		"\\000068", "\\000069", "\\00006a", "\\00006b", "\\00006c", "\\00006d", "\\00006e", "\\00006f",
		"\\000070", "\\000071", "\\000072", "\\000073", "\\000074", "\\000075", "\\000076", "\\000077",
		"\\000078", "\\000079", "\\00007a", "\\00007b", "\\00007c", "\\00007d", "\\00007e", "\\00007f",
	};
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return NULL;
	switch (c) {
	case ' ': case '.': case '/': case ':': case '_': case '-': case '?': case '=': case '#':
	case '%': case '~': case ',': case '(': case ')': case '+': case '@': case '!':
		return NULL;
	default: return hex[c];
	}
}

void esc_css_string(buf *out, const char *s, size_t len)
{
	write_text(out, s, len, css_ascii, NULL);
}
