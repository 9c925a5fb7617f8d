/* schema: field binding and typed field getters (see schema.h). */
#include "schema.h"

#include <ctype.h>
#include <string.h>

#include "suggest.h"
#include "yamlload.h"

static const char *key_of(const field *f)
{
	return f->en;
}

bool fld_bind(loadctx *c, const value *map, const field *defs, size_t n, value **slots,
	      const char *what)
{
	for (size_t i = 0; i < n; i++)
		slots[i] = NULL;
	if (!map || map->kind != V_MAP) {
		diag_error(c->d, map ? map->pos : (vpos){ 0 },
			   "%s must be a map of 'key: value' lines, not %s; write one field per line",
			   what, map ? value_kind_name(map->kind) : "nothing");
		return false;
	}
	value *keys[64] = { 0 };
	for (size_t k = 0; k < map->n; k++) {
		value *key = value_key(map, k), *val = value_val(map, k);
		size_t i;
		for (i = 0; i < n; i++)
			if (strcmp(key->s, defs[i].en) == 0 || (defs[i].zh && strcmp(key->s, defs[i].zh) == 0))
				break;
		if (i == n) {
			suggest sg;
			suggest_init(&sg, key->s);
			for (size_t j = 0; j < n; j++) {
				suggest_offer(&sg, defs[j].en);
				suggest_offer(&sg, defs[j].zh);
			}
			if (suggest_result(&sg))
				diag_error(c->d, key->pos, "unknown field '%s' in %s; did you mean '%s'?",
					   key->s, what, suggest_result(&sg));
			else
				diag_error(c->d, key->pos,
					   "unknown field '%s' in %s; see docs/content.md for the fields it takes",
					   key->s, what);
			continue;
		}
		if (i < 64 && keys[i]) {
			diag_error(c->d, key->pos,
				   "'%s' gives the field '%s' (%s) a second time (first at line %u); keep one of them",
				   key->s, key_of(&defs[i]), defs[i].zh ? defs[i].zh : "", keys[i]->pos.line);
			continue;
		}
		if (i < 64)
			keys[i] = key;
		slots[i] = val->kind == V_NULL ? NULL : val;
	}
	return true;
}

void fld_missing(loadctx *c, vpos where, const field *f, const char *what)
{
	diag_error(c->d, where, "%s has no '%s' (%s); add it, it is required", what, f->en,
		   f->zh ? f->zh : "");
}

char name_ambiguous[1];

bool fld_slug_ok(const char *s, size_t len)
{
	if (len == 0 || len > 80)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

bool fld_id(loadctx *c, const value *v, const char **out)
{
	const char *s;
	if (!fld_text(c, v, &s))
		return false;
	*out = s; /* kept even when invalid, so that references to it resolve */
	if (!fld_slug_ok(s, strlen(s))) {
		diag_error(c->d, v->pos,
			   "id '%s' is not valid; use lowercase letters a-z, digits and '-', starting with a letter or digit, at most 80 bytes (e.g. bailianchi)",
			   s);
		return false;
	}
	*out = s;
	return true;
}

void fld_name_register(strmap *names, const char *key, void *rec)
{
	void *had = strmap_put(names, key, strlen(key), rec);
	if (had && had != rec)
		strmap_set(names, key, strlen(key), name_ambiguous);
}

static bool scalar(const value *v)
{
	return v->kind != V_LIST && v->kind != V_MAP;
}

bool fld_text(loadctx *c, const value *v, const char **out)
{
	if (!v)
		return false;
	if (!scalar(v)) {
		diag_error(c->d, v->pos, "expected text, found %s; write a single value",
			   value_kind_name(v->kind));
		return false;
	}
	*out = v->s;
	return true;
}

bool fld_text_required(loadctx *c, const value *v, const field *f, vpos where,
		       const char *what, const char **out)
{
	if (!v) {
		fld_missing(c, where, f, what);
		return false;
	}
	if (!fld_text(c, v, out))
		return false;
	const char *s = *out;
	while (*s == ' ')
		s++;
	if (!*s) {
		diag_error(c->d, v->pos, "'%s' is empty; give it a value", f->en);
		return false;
	}
	return true;
}

bool fld_number(loadctx *c, const value *v, double *out)
{
	if (!v)
		return false;
	if (v->kind == V_INT) {
		*out = (double)v->u.i;
		return true;
	}
	if (v->kind == V_FLOAT && v->u.f == v->u.f && v->u.f - v->u.f == 0) {
		*out = v->u.f;
		return true;
	}
	value probe;
	if (v->kind == V_STR && !v->plain && yamlload_core_type(v->s, v->len, &probe) != V_STR &&
	    yamlload_core_type(v->s, v->len, &probe) != V_NULL)
		diag_error(c->d, v->pos, "'%s' is in quotes, which makes it text; remove the quotes to give a number",
			   v->s);
	else
		diag_error(c->d, v->pos,
			   "expected a number, found '%s'; write a plain number such as 6.6 (amounts are in 万元, without the unit)",
			   scalar(v) ? v->s : value_kind_name(v->kind));
	return false;
}

bool fld_int(loadctx *c, const value *v, long long min, long long max, long long *out)
{
	if (!v)
		return false;
	if (v->kind != V_INT) {
		diag_error(c->d, v->pos, "expected a whole number, found '%s'; write digits only, e.g. %lld",
			   scalar(v) ? v->s : value_kind_name(v->kind), min > 1 ? min : 1);
		return false;
	}
	if (v->u.i < min || v->u.i > max) {
		diag_error(c->d, v->pos, "%lld is out of range; use a number from %lld to %lld",
			   v->u.i, min, max);
		return false;
	}
	*out = v->u.i;
	return true;
}

bool fld_date(loadctx *c, const value *v, qdate *out)
{
	if (!v)
		return false;
	if (scalar(v) && date_parse(v->s, out) == 0)
		return true;
	/* say what is wrong: the form (and the date in the right one, when
	 * its meaning is certain), or the month or day that does not exist */
	int y, m, d;
	qdate loose;
	int why = scalar(v) ? date_problem(v->s, &y, &m, &d) : DATE_SHAPE;
	if (why == DATE_MONTH)
		diag_error(c->d, v->pos, "'%s' is not a date: there is no month %d; write YYYY-MM-DD with a month from 01 to 12",
			   v->s, m);
	else if (why == DATE_DAY)
		diag_error(c->d, v->pos, "'%s' is not a date: month %d of %d has %d days; correct the day", v->s, m, y,
			   date_month_days(y, m));
	else if (why == DATE_YEAR)
		diag_error(c->d, v->pos, "'%s' is not a date qingdan takes: the year must be from 1900 to 2999", v->s);
	else if (scalar(v) && date_parse_loose(v->s, &loose) == 0) {
		char iso[11];
		date_format(loose, iso);
		diag_error(c->d, v->pos, "'%s' is not written YYYY-MM-DD; write it %s", v->s, iso);
	} else
		diag_error(c->d, v->pos, "'%s' is not a date; write dates as YYYY-MM-DD, e.g. 2020-06-23",
			   scalar(v) ? v->s : value_kind_name(v->kind));
	return false;
}

bool fld_enum(loadctx *c, const value *v, const field *fd, const enum_name *names, size_t n, int *out)
{
	if (!v)
		return false;
	if (scalar(v)) {
		for (size_t i = 0; i < n; i++) {
			if (strcmp(v->s, names[i].en) == 0 || strcmp(v->s, names[i].zh) == 0) {
				*out = names[i].val;
				return true;
			}
		}
	}
	/* the nearest accepted value, in the language it was written in
	 * (进行中 -> 实施中, opne -> open) */
	const char *near = NULL;
	for (size_t i = 0; scalar(v) && i < n && !near; i++)
		for (const char *w = names[i].also; w && *w && !near;) {
			size_t k = strcspn(w, "|");
			if (k == strlen(v->s) && strncmp(w, v->s, k) == 0)
				near = (unsigned char)v->s[0] < 0x80 ? names[i].en : names[i].zh;
			w += k + (w[k] == '|');
		}
	if (scalar(v) && !near) {
		suggest sg;
		suggest_init(&sg, v->s);
		for (size_t i = 0; i < n; i++) {
			suggest_offer(&sg, names[i].zh);
			suggest_offer(&sg, names[i].en);
		}
		near = suggest_result(&sg);
	}
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s (%s)", i ? ", " : "", names[i].en, names[i].zh);
	if (near)
		diag_error(c->d, v->pos, "%s (%s): '%s' is not one of its values; did you mean '%s'? The values are: %s",
			   fd->en, fd->zh, v->s, near, b.ptr);
	else
		diag_error(c->d, v->pos, "%s (%s): '%s' is not one of its values; use one of: %s", fd->en, fd->zh,
			   scalar(v) ? v->s : value_kind_name(v->kind), b.ptr);
	buf_free(&b);
	return false;
}

size_t fld_count(const value *v)
{
	if (!v || v->kind == V_NULL)
		return 0;
	return v->kind == V_LIST ? v->n : 1;
}

value *fld_at(const value *v, size_t i)
{
	return v->kind == V_LIST ? v->items[i] : (value *)v;
}

bool fld_strs(loadctx *c, const value *v, strs *out)
{
	out->v = NULL;
	out->n = 0;
	if (!v)
		return false;
	if (v->kind != V_LIST) {
		const char *s;
		if (!fld_text(c, v, &s))
			return false;
		out->v = arena_alloc(c->a, sizeof *out->v);
		out->v[0] = s;
		out->n = 1;
		return true;
	}
	out->v = arena_array(c->a, v->n, sizeof *out->v);
	bool ok = true;
	for (size_t i = 0; i < v->n; i++) {
		const char *s;
		if (v->items[i]->kind == V_NULL)
			continue;
		if (fld_text(c, v->items[i], &s))
			out->v[out->n++] = s;
		else
			ok = false;
	}
	return ok;
}

static const field contact_fields[] = {
	{ "name", "联系人" }, { "phone", "电话" }, { "email", "邮箱" }, { "address", "地址" },
};

bool fld_contact(loadctx *c, const value *v, const contact **out)
{
	if (!v)
		return false;
	contact *ct = arena_alloc(c->a, sizeof *ct);
	if (scalar(v)) {
		ct->name = v->s;
		*out = ct;
		return true;
	}
	value *slot[4];
	if (!fld_bind(c, v, contact_fields, 4, slot, "a contact"))
		return false;
	fld_text(c, slot[0], &ct->name);
	fld_text(c, slot[1], &ct->phone);
	fld_text(c, slot[2], &ct->email);
	fld_text(c, slot[3], &ct->address);
	if (ct->email && !strchr(ct->email, '@'))
		diag_error(c->d, slot[2]->pos, "'%s' is not an e-mail address; write it as name@example.org",
			   ct->email);
	*out = ct;
	return true;
}

static const field source_fields[] = {
	{ "name", "名称" }, { "date", "日期" }, { "url", "链接" },
};

bool fld_source(loadctx *c, const value *v, source_ref *out)
{
	memset(out, 0, sizeof *out);
	out->date = DATE_NONE;
	if (!v)
		return false;
	if (scalar(v)) {
		out->name = v->s;
		return true;
	}
	value *slot[3];
	if (!fld_bind(c, v, source_fields, 3, slot, "a source"))
		return false;
	fld_text(c, slot[0], &out->name);
	fld_date(c, slot[1], &out->date);
	fld_url(c, slot[2], false, &out->url);
	return true;
}

static bool has_scheme(const char *s, const char *scheme)
{
	size_t n = strlen(scheme);
	return strncasecmp(s, scheme, n) == 0;
}

bool fld_url(loadctx *c, const value *v, bool relative_ok, const char **out)
{
	const char *raw;
	if (!fld_text(c, v, &raw))
		return false;
	/* browsers ignore control characters and leading spaces in URLs, so
	 * "java\tscript:" must be checked as "javascript:" */
	size_t n = strlen(raw);
	char *clean = arena_alloc(c->a, n + 1), *w = clean;
	const char *p = raw;
	while (*p == ' ' || ((unsigned char)*p < 0x20))
		p++;
	for (; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			*w++ = *p;
	*w = '\0';
	while (w > clean && w[-1] == ' ')
		*--w = '\0';
	bool ok = has_scheme(clean, "http://") || has_scheme(clean, "https://") ||
		  has_scheme(clean, "mailto:") || has_scheme(clean, "tel:") ||
		  (relative_ok && clean[0] == '/' && clean[1] != '/');
	if (!ok) {
		diag_error(c->d, v->pos,
			   "'%s' is not an accepted link; use an http:// or https:// address%s",
			   raw, relative_ok ? ", mailto:, tel:, or a site path starting with '/'" : ", mailto: or tel:");
		return false;
	}
	*out = clean;
	return true;
}

bool fld_markdown_size_ok(loadctx *c, const markdown_src *m)
{
	if (m->len <= MARKDOWN_MAX)
		return true;
	diag_error(c->d, m->pos,
		   "the Markdown text is %zu bytes, over the limit of %u bytes (64 KiB); split it into several records or pages",
		   m->len, MARKDOWN_MAX);
	return false;
}

bool fld_markdown(loadctx *c, const value *v, markdown_src *out)
{
	memset(out, 0, sizeof *out);
	const char *s;
	if (!v || !fld_text(c, v, &s))
		return false;
	out->text = s;
	out->len = v->len;
	out->pos = v->pos;
	if (!fld_markdown_size_ok(c, out)) {
		memset(out, 0, sizeof *out);
		return false;
	}
	return true;
}
