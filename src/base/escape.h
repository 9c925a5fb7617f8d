/* escape: every output context's escaping, written once. One function per
 * context appends the escaped form of (s, len) to a buf; nothing here knows
 * the content model, allocates except through the buf, or keeps state.
 *
 * Input is meant to be UTF-8 (source.c checks every content file). Where a
 * context's format is defined over Unicode text (XML, JSON, iCalendar), an
 * ill-formed byte sequence is written as U+FFFD, one per maximal ill-formed
 * subpart (as the WHATWG decoder counts them), so the output is always
 * well-formed; HTML, URL and CSV escaping are byte-transparent apart from
 * the characters they escape. */
#ifndef QD_ESCAPE_H
#define QD_ESCAPE_H
#include <stddef.h>

#include "buf.h"

/* ---- HTML ---- */

/* Append s, HTML-escaped: & < > " ' become &amp; &lt; &gt; &quot; &#39;
 * (Mustache's {{x}} escaping). The result is safe both as element text and
 * inside a quoted attribute value (either quote). Every other byte,
 * including invalid UTF-8, is copied as it is. Never adds quotes. */
void esc_html(buf *out, const char *s, size_t len);
/* The same bytes as esc_html, named for a quoted attribute value. */
void esc_html_attr(buf *out, const char *s, size_t len);
/* HTML-escape, in place, the bytes out->ptr[from..out->len) that the caller
 * has just appended (the renderer's hot path: a value's text is written
 * straight into the page, then escaped where it stands). Looks at 16 bytes
 * at a time, so text without & < > " ' (Chinese text) costs one pass and
 * no copy. Grows out only when something is escaped. */
void esc_html_inplace(buf *out, size_t from);

/* ---- URL (RFC 3986) ---- */

/* Append s percent-encoded as one path segment: only the unreserved
 * characters (A-Z a-z 0-9 - . _ ~) stay as they are; every other byte,
 * '/' and each byte of a UTF-8 sequence included, becomes %XX (uppercase
 * hex). The result is also safe in HTML attributes and XML without more
 * escaping. Never decodes an existing %XX: '%' itself becomes %25. */
void esc_url_path(buf *out, const char *s, size_t len);
/* Append s percent-encoded as a query key or value: the same set as
 * esc_url_path (space is %20, never '+'; & = + # are encoded), so the
 * result never ends the key, value or query early. Kept as its own name
 * so that a caller says which context it writes. */
void esc_url_query(buf *out, const char *s, size_t len);

/* ---- XML 1.0 ---- */

/* Append s as XML character data: & < > " ' become &amp; &lt; &gt; &quot;
 * &apos; (safe in text and in either kind of quoted attribute), CR becomes
 * &#13; (it would otherwise be read back as LF). Characters XML 1.0 forbids
 * (control characters below 0x20 other than TAB, LF, CR; U+FFFE, U+FFFF)
 * and ill-formed UTF-8 are replaced with U+FFFD, never dropped, so what was
 * lost stays visible. */
void esc_xml(buf *out, const char *s, size_t len);
/* As esc_xml, and TAB and LF become &#9; and &#10;, which an XML parser's
 * attribute-value normalisation would otherwise turn into spaces. For
 * attribute values that must keep their line breaks; esc_xml is enough
 * for single-line ones (URLs). */
void esc_xml_attr(buf *out, const char *s, size_t len);

/* ---- JSON ---- */

/* Append the contents of a JSON string (without its quotes): " and \ are
 * backslash-escaped, \n \r \t by name, other control characters as \u00XX
 * (lowercase hex), and < > & U+2028 U+2029 as \u003c \u003e \u0026 \u2028
 * \u2029, so the JSON is also safe inside an HTML <script> element and in
 * JavaScript source. Other characters are copied as they are (no \u for
 * Chinese); ill-formed UTF-8 becomes U+FFFD. */
void esc_json(buf *out, const char *s, size_t len);
/* Append the NUL-terminated s as a whole JSON string, quotes included
 * (NULL as ""), escaped as esc_json does. */
void esc_json_str(buf *out, const char *s);

/* ---- CSV (RFC 4180) ---- */

/* Append s as one whole CSV field. A field that contains a comma, a double
 * quote, CR or LF is written between double quotes with each quote doubled;
 * any other field is written bare (an empty field stays empty). Against
 * spreadsheet formula injection, a field that begins with = + - @ TAB or
 * CR gets a leading apostrophe ('), which spreadsheets hide and which makes
 * them read the cell as text: "-5" is written '-5, so numbers meant to stay
 * numbers are written by the caller directly, not through here. Never
 * writes the separator or the line ending. */
void esc_csv_field(buf *out, const char *s, size_t len);

/* ---- iCalendar (RFC 5545) ---- */

/* Append s as an iCalendar TEXT value (§3.3.11): \ ; , become \\ \; \,
 * LF becomes \n, CR is dropped (so CRLF is one \n). Other control
 * characters but TAB (which TEXT does not allow) and ill-formed UTF-8
 * become U+FFFD. Does not fold: see esc_ical_fold. */
void esc_ical_text(buf *out, const char *s, size_t len);
/* Fold, in place, the content line out->ptr[from..out->len) (a whole
 * "NAME;PARAM=...:value" line without its CRLF, and with no CR or LF in it)
 * so that no line is longer than 75 octets: a CRLF and one space are
 * inserted before the 76th octet and then after every 74 more. A fold
 * never splits a UTF-8 sequence (it moves back to the sequence's first
 * byte), so a line may be shorter than 75. Does not append the final
 * CRLF; the calendar writer does. */
void esc_ical_fold(buf *out, size_t from);

/* ---- CSS ---- */

/* Append s as the inside of a double-quoted CSS string in a <style>
 * element: every ASCII byte but letters, digits, space and . / : _ - ? =
 * # % ~ , ( ) + @ ! becomes a backslash and six hex digits (so " \ < >
 * and line breaks cannot end the string or the element); well-formed
 * UTF-8 is copied, ill-formed becomes U+FFFD. Never adds quotes. */
void esc_css_string(buf *out, const char *s, size_t len);

#endif
