/* yamlload: build a value tree from libyaml's event stream (yamlload.h).
 * The parser is event-driven, so nesting never recurses here; limits are
 * checked as events arrive, so hostile input fails before it expands. */
#include "yamlload.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "source.h"
#include "strmap.h"
#include "xalloc.h"

typedef struct frame {
	value *node;
	value *key;    /* map: key waiting for its value */
	strmap keys;   /* map: key text -> key node, for duplicate checks */
	const char *anchor;
} frame;

typedef struct loader {
	arena *a;     /* the tree: nodes, their lists, anchors' names */
	arena *texts; /* the scalars' texts */
	diag *d;
	const char *path;
	unsigned first_line;
	frame stack[YL_MAX_DEPTH + 1];
	size_t depth;
	strmap anchors; /* name -> finished node */
	size_t aliases, alias_nodes;
	size_t nodes, max_nodes; /* values made, and the most this file may make */
	int failed;
} loader;

static vpos mark_pos(loader *l, yaml_mark_t m)
{
	vpos p = { l->path, (unsigned)m.line + l->first_line, (unsigned)m.column + 1 };
	return p;
}

/* ---- core schema ---- */

static int all_digits(const char *s, size_t len, int base)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		int ok = base == 16 ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
					      (c >= 'A' && c <= 'F')
			 : base == 8 ? c >= '0' && c <= '7'
				     : c >= '0' && c <= '9';
		if (!ok)
			return 0;
	}
	return 1;
}

static int is_float(const char *s, size_t len)
{
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (!digits)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i >= len || !(s[i] >= '0' && s[i] <= '9'))
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == len;
}

static int eq(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

vkind yamlload_core_type(const char *s, size_t len, value *v)
{
	if (len == 0 || eq(s, len, "~") || eq(s, len, "null") || eq(s, len, "Null") ||
	    eq(s, len, "NULL"))
		return V_NULL;
	if (eq(s, len, "true") || eq(s, len, "True") || eq(s, len, "TRUE")) {
		v->u.b = true;
		return V_BOOL;
	}
	if (eq(s, len, "false") || eq(s, len, "False") || eq(s, len, "FALSE")) {
		v->u.b = false;
		return V_BOOL;
	}
	char tmp[64];
	if (len >= sizeof tmp)
		return V_STR;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	size_t sign = (s[0] == '-' || s[0] == '+');
	/* decimal integer; a leading zero (0755, 028) keeps it text: codes
	 * and phone prefixes lose meaning as numbers */
	if (all_digits(s + sign, len - sign, 10)) {
		if (len - sign > 1 && s[sign] == '0')
			return V_STR;
		errno = 0;
		long long i = strtoll(tmp, NULL, 10);
		if (errno == ERANGE)
			return V_STR;
		v->u.i = i;
		return V_INT;
	}
	if (len > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		int base = s[1] == 'o' ? 8 : 16;
		if (!all_digits(s + 2, len - 2, base))
			return V_STR;
		errno = 0;
		unsigned long long u = strtoull(tmp + 2, NULL, base);
		if (errno == ERANGE || u > (unsigned long long)INT64_MAX)
			return V_STR;
		v->u.i = (long long)u;
		return V_INT;
	}
	const char *t = tmp + sign;
	if (eq(t, len - sign, ".inf") || eq(t, len - sign, ".Inf") || eq(t, len - sign, ".INF")) {
		v->u.f = s[0] == '-' ? -INFINITY : INFINITY;
		return V_FLOAT;
	}
	if (!sign && (eq(s, len, ".nan") || eq(s, len, ".NaN") || eq(s, len, ".NAN"))) {
		v->u.f = NAN;
		return V_FLOAT;
	}
	if (is_float(s, len)) {
		/* a leading zero before more digits (07.5) is not a number either */
		if (len - sign > 1 && s[sign] == '0' && s[sign + 1] >= '0' && s[sign + 1] <= '9')
			return V_STR;
		v->u.f = strtod(tmp, NULL);
		return V_FLOAT;
	}
	return V_STR;
}

/* ---- tree building ---- */

static void fail(loader *l, vpos p, const char *fmt, const char *arg)
{
	diag_report(l->d, DIAG_ERROR, p.file, p.line, p.col, fmt, arg);
	l->failed = 1;
}

static void too_many(loader *l, vpos p, size_t len)
{
	diag_report(l->d, DIAG_ERROR, p.file, p.line, p.col,
		    "more than %zu values in %zu bytes (one per 4 bytes at most, as content never needs more); "
		    "the file is not content qingdan can read: split it or write its values out",
		    l->max_nodes, len);
	l->failed = 1;
}

static void register_anchor(loader *l, const char *anchor, value *v)
{
	/* a later anchor of the same name replaces the earlier one */
	if (anchor)
		strmap_set(&l->anchors, anchor, strlen(anchor), v);
}

/* Attach a finished node to the collection on top of the stack. */
static void attach(loader *l, value *v, value **root)
{
	if (l->depth == 0) {
		*root = v;
		return;
	}
	frame *f = &l->stack[l->depth - 1];
	if (f->node->kind == V_LIST) {
		value_push(l->a, f->node, v);
		return;
	}
	if (!f->key) {
		if (v->kind != V_STR && v->kind != V_INT && v->kind != V_FLOAT &&
		    v->kind != V_BOOL && v->kind != V_NULL) {
			fail(l, v->pos, "a key must be plain text, not %s; write 'key: value'",
			     value_kind_name(v->kind));
			v = value_str(l->a, "", 0);
		}
		value *first = strmap_get(&f->keys, v->s, v->len);
		if (first) {
			diag_report(l->d, DIAG_ERROR, v->pos.file, v->pos.line, v->pos.col,
				    "duplicate key '%s' (first given at line %u); remove one of them",
				    v->s, first->pos.line);
			l->failed = 1;
		} else {
			strmap_put(&f->keys, v->s, v->len, v);
		}
		/* keys are text whatever they look like: `no:` is "no" */
		value_make_text(v);
		f->key = v;
		return;
	}
	value_set_kv(l->a, f->node, f->key, v);
	f->key = NULL;
}

static value *scalar(loader *l, yaml_event_t *e)
{
	const char *text = (const char *)e->data.scalar.value;
	size_t len = e->data.scalar.length;
	vpos p = mark_pos(l, e->start_mark);
	value *v = value_new(l->a, V_STR);
	v->pos = p;
	/* texts outlive the tree: the records keep them, keys' texts too
	 * (a table of figures is labelled by its keys) */
	v->s = arena_strndup(l->texts, text, len);
	v->len = len;
	const char *tag = (const char *)e->data.scalar.tag;
	bool plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	v->plain = plain && !tag;
	if (tag && strcmp(tag, YAML_STR_TAG) != 0 && strcmp(tag, "!") != 0) {
		fail(l, p, "YAML tag '%s' is not supported; remove it (values are typed by their field)",
		     tag);
	} else if (v->plain) {
		v->kind = yamlload_core_type(v->s, len, v);
	}
	return v;
}

static const char *plain_problem(const char *problem)
{
	static const struct { const char *libyaml, *plain; } map[] = {
		{ "mapping values are not allowed in this context",
		  "unexpected ':' in a value; put a value that contains ': ' in quotes, or check the indentation of this line" },
		{ "did not find expected key",
		  "this line is not indented like its neighbours, or a quote above is not closed; align it with the other keys" },
		{ "could not find expected ':'",
		  "expected 'key: value' but found no ':'; add the ':' or close the quote opened above" },
		{ "found character that cannot start any token",
		  "this character cannot start a value; put the value in quotes" },
		{ "did not find expected '-' indicator",
		  "a list entry is indented differently from the others; align its '-' with the other entries" },
		{ "found unexpected end of stream",
		  "the file ends inside a quoted value; close the quote" },
		{ "did not find expected node content",
		  "a value is missing here; write the value or put it in quotes" },
		{ "found a tab character that violates indentation",
		  "a tab is used for indentation; YAML indents with spaces only, replace the tab with spaces" },
		{ "found a tab character where an indentation space is expected",
		  "a tab is used for indentation; YAML indents with spaces only, replace the tab with spaces" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (problem && strcmp(problem, map[i].libyaml) == 0)
			return map[i].plain;
	return NULL;
}

static void syntax_error(loader *l, yaml_parser_t *p)
{
	vpos pos = mark_pos(l, p->problem_mark);
	const char *plain = plain_problem(p->problem);
	if (p->error == YAML_MEMORY_ERROR) {
		fail(l, pos, "%s", "out of memory while parsing YAML");
	} else if (plain) {
		diag_report(l->d, DIAG_ERROR, pos.file, pos.line, pos.col,
			    "YAML syntax: %s (%s)", plain, p->problem);
		l->failed = 1;
	} else {
		diag_report(l->d, DIAG_ERROR, pos.file, pos.line, pos.col,
			    "YAML syntax: %s%s%s; check the indentation and quoting here",
			    p->problem ? p->problem : "invalid YAML",
			    p->context ? " " : "", p->context ? p->context : "");
		l->failed = 1;
	}
}

/* Tabs in indentation are the commonest hand-editing error, and libyaml's
 * words for them are obscure: find them first and say it plainly. */
static int check_tabs(loader *l, const char *text, size_t len)
{
	int found = 0;
	unsigned line = l->first_line;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && (text[j] == ' ' || text[j] == '\t'))
			j++;
		const char *tab = memchr(text + i, '\t', j - i);
		if (tab && j < len && text[j] != '\n' && text[j] != '\r' && text[j] != '#') {
			if (found < 10)
				diag_report(l->d, DIAG_ERROR, l->path, line, (unsigned)(tab - (text + i)) + 1,
					    "tab character in indentation; YAML indents with spaces only, replace the tab with spaces");
			found++;
		}
		const char *nl = memchr(text + i, '\n', len - i);
		if (!nl)
			break;
		i = (size_t)(nl - text) + 1;
		line++;
	}
	return found;
}

static void push(loader *l, value *node, const char *anchor)
{
	frame *f = &l->stack[l->depth++];
	f->node = node;
	f->key = NULL;
	f->anchor = anchor;
	strmap_init(&f->keys);
}

value *yamlload_parse(arena *a, diag *d, const char *path, const char *text, size_t len,
		 unsigned first_line)
{
	return yamlload_parse_split(a, a, d, path, text, len, first_line);
}

value *yamlload_parse_split(arena *a, arena *texts, diag *d, const char *path, const char *text,
			    size_t len, unsigned first_line)
{
	/* a value costs about 100 bytes of tree: one per 4 bytes of text
	 * (more than content ever has: "- 1" and its line break) keeps a
	 * file's tree under 25 times its size, where 8 MB of "[t,t,t,...]"
	 * took a gigabyte */
	loader l = { .a = a, .texts = texts, .d = d, .path = path, .first_line = first_line,
		     .max_nodes = len / 4 + 4096 };
	value *root = NULL;
	yaml_parser_t parser;
	yaml_event_t e;
	int docs = 0, done = 0;

	if (check_tabs(&l, text, len))
		return NULL;
	strmap_init(&l.anchors);
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "qingdan: cannot initialise libyaml\n");
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && !l.failed) {
		if (!yaml_parser_parse(&parser, &e)) {
			/* bytes that are not UTF-8: the caller may have left the
			 * check to libyaml, whose words for it are obscure */
			if (parser.error == YAML_READER_ERROR && first_line == 1 &&
			    source_utf8_report(d, path, text, len))
				l.failed = 1;
			else
				syntax_error(&l, &parser);
			break;
		}
		vpos p = mark_pos(&l, e.start_mark);
		const char *anchor = NULL;
		switch (e.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				fail(&l, p, "%s", "a second YAML document ('---') in one file; keep one document per file");
			break;
		case YAML_SCALAR_EVENT: {
			if (e.data.scalar.length > YL_MAX_SCALAR) {
				diag_report(d, DIAG_ERROR, p.file, p.line, p.col,
					    "value is %zu bytes, over the limit of %u bytes (1 MiB); shorten it or split the content",
					    e.data.scalar.length, YL_MAX_SCALAR);
				l.failed = 1;
				break;
			}
			if (++l.nodes > l.max_nodes) {
				too_many(&l, p, len);
				break;
			}
			/* an escape ("\0", "\e", "\a") can put a control character
			 * in a value: NUL would cut it short wherever it is used as a
			 * C string, the others reach HTML, CSV and iCalendar; only
			 * tab and newline are text */
			const unsigned char *sv = e.data.scalar.value;
			size_t bad = 0;
			while (bad < e.data.scalar.length && (sv[bad] >= 0x20 || sv[bad] == '\t' || sv[bad] == '\n'))
				bad++;
			if (bad < e.data.scalar.length) {
				diag_report(d, DIAG_ERROR, p.file, p.line, p.col,
					    "value holds the control character U+%04X (written as an escape such as \\0 or \\x%02X); "
					    "remove it: only tab and newline may be written as escapes", sv[bad], sv[bad]);
				l.failed = 1;
				break;
			}
			value *v = scalar(&l, &e);
			if (e.data.scalar.anchor)
				anchor = arena_strdup(a, (const char *)e.data.scalar.anchor);
			register_anchor(&l, anchor, v);
			attach(&l, v, &root);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			if (l.depth >= YL_MAX_DEPTH) {
				diag_report(d, DIAG_ERROR, p.file, p.line, p.col,
					    "nesting is deeper than %d levels; content never needs this, flatten the structure",
					    YL_MAX_DEPTH);
				l.failed = 1;
				break;
			}
			if (++l.nodes > l.max_nodes) {
				too_many(&l, p, len);
				break;
			}
			int is_seq = e.type == YAML_SEQUENCE_START_EVENT;
			const yaml_char_t *an = is_seq ? e.data.sequence_start.anchor
						       : e.data.mapping_start.anchor;
			const yaml_char_t *tag = is_seq ? e.data.sequence_start.tag
							: e.data.mapping_start.tag;
			if (tag && strcmp((const char *)tag, is_seq ? YAML_SEQ_TAG : YAML_MAP_TAG) != 0) {
				fail(&l, p, "YAML tag '%s' is not supported; remove it", (const char *)tag);
				break;
			}
			value *v = is_seq ? value_list(a, 0) : value_map(a, 0);
			v->pos = p;
			push(&l, v, an ? arena_strdup(a, (const char *)an) : NULL);
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			frame *f = &l.stack[--l.depth];
			strmap_free(&f->keys);
			register_anchor(&l, f->anchor, f->node);
			attach(&l, f->node, &root);
			break;
		}
		case YAML_ALIAS_EVENT: {
			const char *name = (const char *)e.data.alias.anchor;
			value *target = strmap_get(&l.anchors, name, strlen(name));
			if (!target) {
				fail(&l, p, "alias '*%s' has no finished anchor '&' before it; define the anchor first (an anchor cannot contain its own alias)",
				     name);
				break;
			}
			l.aliases++;
			l.alias_nodes += target->weight;
			if (l.aliases > YL_MAX_ALIASES || l.alias_nodes > YL_MAX_ALIAS_NODES) {
				diag_report(d, DIAG_ERROR, p.file, p.line, p.col,
					    "too many aliases: expanding them would exceed %d aliases or %d values (an 'alias bomb'); write the values out instead",
					    YL_MAX_ALIASES, YL_MAX_ALIAS_NODES);
				l.failed = 1;
				break;
			}
			attach(&l, target, &root);
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&e);
	}
	while (l.depth > 0)
		strmap_free(&l.stack[--l.depth].keys);
	strmap_free(&l.anchors);
	yaml_parser_delete(&parser);
	if (l.failed)
		return NULL;
	if (!root) {
		root = value_null(a);
		root->pos.file = path;
		root->pos.line = first_line;
		root->pos.col = 1;
	}
	return root;
}
