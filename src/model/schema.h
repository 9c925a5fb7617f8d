/* schema: reading typed fields out of YAML maps. A record type declares
 * its fields (English key and Chinese alias); fld_bind matches a map's
 * keys to them, reporting unknown keys (with a suggestion) and fields
 * given twice. The fld_* getters type a value by the field it belongs to
 * and report, at the value's position, what is wrong and what to write.
 * Getters return true when the value was present and valid. Exported
 * names carry the prefix fld_ (a field). */
#ifndef QD_SCHEMA_H
#define QD_SCHEMA_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "model.h"
#include "value.h"

/* What every loading step needs. */
typedef struct loadctx {
	arena *a;
	diag *d;
	site *s;
} loadctx;

typedef struct field {
	const char *en, *zh;
} field;

/* Match the keys of `map` to `defs` (n of them): slots[i] receives the value
 * of defs[i] or NULL. `what` names the record in messages ("a list item").
 * Null values count as absent. Returns false (after reporting) when `map`
 * is not a map; unknown and repeated keys are reported but binding goes on. */
bool fld_bind(loadctx *c, const value *map, const field *defs, size_t n, value **slots,
	      const char *what);
/* Report a missing required field `f` of the record at `where`. */
void fld_missing(loadctx *c, vpos where, const field *f, const char *what);

/* The slug rule for ids and file names: [a-z0-9][a-z0-9-]*, at most 80
 * bytes. */
bool fld_slug_ok(const char *s, size_t len);
/* An id field: text that follows the slug rule. An invalid id is reported
 * but still stored in *out, so that references to it do not cascade. */
bool fld_id(loadctx *c, const value *v, const char **out);
/* Register `key` -> `rec` in a name map; a name given to two records is
 * marked ambiguous so that a reference by it asks for the id instead. */
void fld_name_register(strmap *names, const char *key, void *rec);
/* The marker stored for an ambiguous name. */
extern char name_ambiguous[];

/* Text: any scalar, exactly as written. */
bool fld_text(loadctx *c, const value *v, const char **out);
/* Text that must not be empty. */
bool fld_text_required(loadctx *c, const value *v, const field *f, vpos where,
		       const char *what, const char **out);
/* A number (integer or decimal), e.g. money in 万元. */
bool fld_number(loadctx *c, const value *v, double *out);
/* A whole number in [min, max]. */
bool fld_int(loadctx *c, const value *v, long long min, long long max, long long *out);
/* A date written YYYY-MM-DD. */
bool fld_date(loadctx *c, const value *v, qdate *out);
/* One of `names` (English or Chinese); the error names the field `fd` and
 * the nearest value. */
bool fld_enum(loadctx *c, const value *v, const field *fd, const enum_name *names, size_t n, int *out);
/* One text or a list of texts. */
bool fld_strs(loadctx *c, const value *v, strs *out);
/* A contact map: name 联系人, phone 电话, email 邮箱, address 地址; a plain
 * text is taken as the contact's name. */
bool fld_contact(loadctx *c, const value *v, const contact **out);
/* A source map: name 名称, date 日期, url 链接. */
bool fld_source(loadctx *c, const value *v, source_ref *out);
/* A URL that is safe to link: http, https, mailto or tel, or (when
 * `relative_ok`) a path starting with '/'. Control characters and leading
 * spaces are removed before the check; *out is the cleaned URL. */
bool fld_url(loadctx *c, const value *v, bool relative_ok, const char **out);
/* Markdown text from a value (for requirements, description, body). */
bool fld_markdown(loadctx *c, const value *v, markdown_src *out);
/* Markdown longer than this is refused: cmark has inputs whose time grows
 * with the square of their size (CVE-2023-22486 in Debian 12's 0.30.2:
 * 500 KB of "![[]()" takes 8 s here), so the size is what bounds the time.
 * At 64 KiB the worst known input takes about 0.15 s; 64 KiB is some
 * 20,000 Chinese characters, a long article. */
#define MARKDOWN_MAX (64u << 10)
/* Report and return false when `m` is over MARKDOWN_MAX. */
bool fld_markdown_size_ok(loadctx *c, const markdown_src *m);
/* A field that takes one value or a list of them: how many values, and
 * the i-th (a single value is its own element 0). Nulls count as absent. */
size_t fld_count(const value *v);
value *fld_at(const value *v, size_t i);

#endif
