/* records: site.yaml, organisations, events, cases and pages (records.h).
 * Lists have their own file (lists.c). */
#include "records.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "imgsize.h"
#include "resolve.h"
#include "suggest.h"

void records_body(loadctx *c, const doc *dc, const value *fv, markdown_src *out)
{
	memset(out, 0, sizeof *out);
	if (fv && dc->is_md && dc->body.text) {
		const char *p = dc->body.text;
		while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
			p++;
		if (*p) {
			diag_error(c->d, fv->pos,
				   "the body is given twice: in 'body' (正文) and below the front matter; keep one");
			return;
		}
	}
	if (fv)
		fld_markdown(c, fv, out);
	else if (dc->is_md && fld_markdown_size_ok(c, &dc->body))
		*out = dc->body;
}

/* ---- site.yaml ---- */

enum { S_TITLE, S_SUBTITLE, S_DESC, S_LANG, S_URL, S_PER_PAGE, S_PUBLISHER, S_CONTACT, S_ICP,
       S_SITE_CODE, S_POLICE, S_MENU, S_LICENSE, S_SCRIPTS, S_COUNT };
static const field site_fields[S_COUNT] = {
	[S_TITLE] = { "title", "标题" },
	[S_SUBTITLE] = { "subtitle", "副标题" },
	[S_DESC] = { "description", "简介" },
	[S_LANG] = { "language", "语言" },
	[S_URL] = { "base_url", "网址" },
	[S_PER_PAGE] = { "per_page", "每页条数" },
	[S_PUBLISHER] = { "publisher", "发布单位" },
	[S_CONTACT] = { "contact", "联系方式" },
	[S_ICP] = { "icp", "备案号" },
	[S_SITE_CODE] = { "site_code", "网站标识码" },
	[S_POLICE] = { "police_record", "公安备案号" },
	[S_MENU] = { "menu", "菜单" },
	[S_LICENSE] = { "data_license", "数据许可" },
	[S_SCRIPTS] = { "allow_static_scripts", "允许静态脚本" },
};
static const field menu_fields[] = { { "title", "标题" }, { "url", "链接" } };

static void base_url(loadctx *c, const value *v)
{
	site *s = c->s;
	const char *u;
	if (!fld_text(c, v, &u))
		return;
	const char *rest = strncmp(u, "https://", 8) == 0 ? u + 8
			   : strncmp(u, "http://", 7) == 0 ? u + 7 : NULL;
	const char *slash = rest ? strchr(rest, '/') : NULL;
	if (!rest || rest == slash || !*rest || strpbrk(u, " \"'<>\\?#")) {
		diag_error(c->d, v->pos,
			   "base_url '%s' is not an absolute http(s) address; write it like https://example.org/ or https://example.org/jihui/",
			   u);
		return;
	}
	/* normalise to end in '/', so that base_url + "lists/" is a URL */
	size_t n = strlen(u);
	s->base_url = u[n - 1] == '/' ? u : arena_printf(c->a, "%s/", u);
	s->base_path = slash ? strchr(s->base_url + (rest - u), '/') : "/";
}

/* 网站标识码: the 10-digit code of a government website. */
static void site_code(loadctx *c, const value *v)
{
	const char *t;
	if (!fld_text(c, v, &t))
		return;
	size_t n = strspn(t, "0123456789");
	if (n != 10 || t[n]) {
		diag_error(c->d, v->pos,
			   "site_code (网站标识码) '%s' is not a 10-digit code; copy the code of the site exactly as the government-website registry gives it, digits only, e.g. 5101000001",
			   t);
		return;
	}
	c->s->site_code = t;
}

/* 公安备案号: shown as written ("川公网安备 51010802000000号"); its first
 * run of digits is the record's number in the registry's address. */
static void police_record(loadctx *c, const value *v)
{
	const char *t;
	if (!fld_text(c, v, &t))
		return;
	const char *d = t + strcspn(t, "0123456789");
	size_t n = strspn(d, "0123456789");
	if (!n) {
		diag_error(c->d, v->pos,
			   "police_record (公安备案号) '%s' has no record number; write it as the registry shows it, with its digits, e.g. 川公网安备 51010802000000号",
			   t);
		return;
	}
	c->s->police_record = t;
	c->s->police_code = arena_strndup(c->a, d, n);
}

void records_site(loadctx *c, const value *root, const char *path, const char *override)
{
	site *s = c->s;
	value *f[S_COUNT];
	if (!root) {
		diag_report(c->d, DIAG_ERROR, path, 0, 0,
			    "site.yaml is missing; every content folder needs one with at least title (标题) and base_url (网址)");
		return;
	}
	if (!fld_bind(c, root, site_fields, S_COUNT, f, "site.yaml"))
		return;
	fld_text_required(c, f[S_TITLE], &site_fields[S_TITLE], root->pos, "site.yaml", &s->title);
	fld_text(c, f[S_SUBTITLE], &s->subtitle);
	fld_text(c, f[S_DESC], &s->description);
	fld_text(c, f[S_LANG], &s->language);
	if (!f[S_URL])
		fld_missing(c, root->pos, &site_fields[S_URL], "site.yaml");
	else
		base_url(c, f[S_URL]);
	if (override) {
		value *v = value_cstr(c->a, arena_strdup(c->a, override));
		v->pos.file = "--base-url";
		base_url(c, v);
	}
	fld_int(c, f[S_PER_PAGE], 1, 1000, &s->per_page);
	fld_text(c, f[S_PUBLISHER], &s->publisher);
	fld_contact(c, f[S_CONTACT], &s->contact);
	fld_text(c, f[S_ICP], &s->icp);
	site_code(c, f[S_SITE_CODE]);
	police_record(c, f[S_POLICE]);
	fld_text(c, f[S_LICENSE], &s->data_license);
	if (f[S_SCRIPTS] && f[S_SCRIPTS]->kind != V_BOOL)
		diag_error(c->d, f[S_SCRIPTS]->pos, "allow_static_scripts (允许静态脚本) is true or false, not '%s'",
			   f[S_SCRIPTS]->s);
	else if (f[S_SCRIPTS])
		s->allow_static_scripts = f[S_SCRIPTS]->u.b;
	const value *menu = f[S_MENU];
	if (!menu)
		return;
	if (menu->kind != V_LIST) {
		diag_error(c->d, menu->pos, "'menu' must be a list of {title, url} entries, not %s",
			   value_kind_name(menu->kind));
		return;
	}
	s->menu = arena_array(c->a, menu->n ? menu->n : 1, sizeof *s->menu);
	for (size_t i = 0; i < menu->n; i++) {
		value *m[2];
		menu_entry *e = &s->menu[s->nmenu];
		if (!fld_bind(c, menu->items[i], menu_fields, 2, m, "a menu entry"))
			continue;
		bool ok = fld_text_required(c, m[0], &menu_fields[0], menu->items[i]->pos,
					    "a menu entry", &e->title);
		if (!m[1])
			fld_missing(c, menu->items[i]->pos, &menu_fields[1], "a menu entry"), ok = false;
		else
			ok &= fld_url(c, m[1], true, &e->url);
		if (m[1])
			e->pos = m[1]->pos;
		if (ok)
			s->nmenu++;
	}
}

/* ---- organisations ---- */

enum { O_NAME, O_KIND, O_DISTRICT, O_STREET, O_SERVICES, O_AREAS, O_POOL, O_CONTACT, O_WEBSITE,
       O_FOUNDED, O_SUMMARY, O_BODY, O_COUNT };
static const field org_fields[O_COUNT] = {
	[O_NAME] = { "name", "名称" },
	[O_KIND] = { "kind", "类型" },
	[O_DISTRICT] = { "district", "区县" },
	[O_STREET] = { "street", "街道" },
	[O_SERVICES] = { "services", "服务领域" },
	[O_AREAS] = { "areas", "服务范围" },
	[O_POOL] = { "pool", "资源库" },
	[O_CONTACT] = { "contact", "联系方式" },
	[O_WEBSITE] = { "website", "网站" },
	[O_FOUNDED] = { "founded", "成立时间" },
	[O_SUMMARY] = { "summary", "简介" },
	[O_BODY] = { "body", "正文" },
};

void records_org(loadctx *c, org *o, const doc *dc)
{
	value *f[O_COUNT];
	const char *what = "an organisation";
	o->path = dc->path;
	o->pos = dc->root->pos;
	if (!fld_bind(c, dc->root, org_fields, O_COUNT, f, what))
		return;
	fld_text_required(c, f[O_NAME], &org_fields[O_NAME], o->pos, what, &o->name);
	int kind = ORG_OTHER;
	if (!f[O_KIND])
		fld_missing(c, o->pos, &org_fields[O_KIND], what);
	else
		fld_enum(c, f[O_KIND], &org_fields[O_KIND], org_kind_names, ORG_KIND_COUNT, &kind);
	o->kind = (org_kind)kind;
	ref_place(c, f[O_DISTRICT], f[O_STREET], o->pos, what, false, &o->district, &o->street);
	o->nservices = ref_categories(c, f[O_SERVICES], &o->services);
	o->nareas = ref_areas(c, f[O_AREAS], &o->areas);
	size_t n = fld_count(f[O_POOL]);
	o->pool = n ? arena_array(c->a, n, sizeof *o->pool) : NULL;
	for (size_t i = 0; i < n; i++)
		if (fld_int(c, fld_at(f[O_POOL], i), 1990, 2999, &o->pool[o->npool]))
			o->npool++;
	fld_contact(c, f[O_CONTACT], &o->contact);
	if (f[O_WEBSITE] && fld_url(c, f[O_WEBSITE], false, &o->website) &&
	    strncasecmp(o->website, "http", 4) != 0) {
		diag_error(c->d, f[O_WEBSITE]->pos, "a website must be an http:// or https:// address");
		o->website = NULL;
	}
	fld_int(c, f[O_FOUNDED], 1900, 2999, &o->founded);
	fld_text(c, f[O_SUMMARY], &o->summary);
	records_body(c, dc, f[O_BODY], &o->body);
}

/* ---- events ---- */

enum { E_TITLE, E_DATE, E_END, E_TIME, E_DISTRICT, E_STREET, E_VENUE, E_GUIDED, E_ORGANIZER,
       E_UNDERTAKER, E_PARTICIPANTS, E_RESULTS, E_LISTS, E_CATEGORIES, E_PHOTOS, E_BYLINE,
       E_CREDIT, E_SOURCE, E_BODY, E_COUNT };
static const field event_fields[E_COUNT] = {
	[E_TITLE] = { "title", "标题" },
	[E_DATE] = { "date", "日期" },
	[E_END] = { "end_date", "结束日期" },
	[E_TIME] = { "time", "时间" },
	[E_DISTRICT] = { "district", "区县" },
	[E_STREET] = { "street", "街道" },
	[E_VENUE] = { "venue", "地点" },
	[E_GUIDED] = { "guided_by", "指导单位" },
	[E_ORGANIZER] = { "organizer", "主办单位" },
	[E_UNDERTAKER] = { "undertaker", "承办单位" },
	[E_PARTICIPANTS] = { "participants", "参与情况" },
	[E_RESULTS] = { "results", "成果" },
	[E_LISTS] = { "lists", "发布清单" },
	[E_CATEGORIES] = { "categories", "类别" },
	[E_PHOTOS] = { "photos", "图片" },
	[E_BYLINE] = { "byline", "记者" },
	[E_CREDIT] = { "credit", "供图" },
	[E_SOURCE] = { "source", "来源" },
	[E_BODY] = { "body", "正文" },
};

/* Known participant counts and their labels; other keys keep their key. */
static const field participant_keys[] = {
	{ "streets", "街道" }, { "communities", "社区" }, { "organizations", "社会组织" }, { "people", "人数" },
};

static void load_participants(loadctx *c, event *e, const value *v)
{
	if (v->kind != V_MAP) {
		diag_error(c->d, v->pos, "'participants' must be a map of counts, e.g. 'communities: 83', not %s",
			   value_kind_name(v->kind));
		return;
	}
	e->participants = arena_array(c->a, v->n ? v->n : 1, sizeof *e->participants);
	for (size_t i = 0; i < v->n; i++) {
		const value *k = value_key(v, i), *val = value_val(v, i);
		count_entry *ce = &e->participants[e->nparticipants];
		ce->key = ce->label = k->s;
		for (size_t j = 0; j < 4; j++)
			if (strcmp(k->s, participant_keys[j].en) == 0 || strcmp(k->s, participant_keys[j].zh) == 0)
				ce->key = participant_keys[j].en, ce->label = participant_keys[j].zh;
		if (val->kind == V_NULL || !fld_text(c, val, &ce->text))
			continue;
		/* a count, or a count with 余 / 多 ("150余") as the press writes it */
		const char *p = ce->text;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == ce->text || (*p && strcmp(p, "余") != 0 && strcmp(p, "多") != 0 && strcmp(p, "+") != 0)) {
			diag_error(c->d, val->pos,
				   "participant count '%s' is not a number; write a number such as 83 (or 150余)",
				   ce->text);
			continue;
		}
		e->nparticipants++;
	}
}

static const field result_fields[] = {
	{ "label", "指标" }, { "value", "数值" }, { "unit", "单位" }, { "measure", "统计项" },
};

/* A result's measure (统计项): what its figure counts over the event's
 * lists; checks.c compares the figure with the records. */
static void result_measure_of(loadctx *c, result_entry *re, const value *mv)
{
	const char *m;
	if (!fld_text(c, mv, &m))
		return;
	suggest sg;
	suggest_init(&sg, m);
	for (size_t i = 0; i < MEASURE_COUNT - 1; i++) {
		if (strcmp(m, measure_names[i].en) == 0 || strcmp(m, measure_names[i].zh) == 0) {
			re->measure = (result_measure)measure_names[i].val;
			re->measure_pos = mv->pos;
			return;
		}
		suggest_offer(&sg, measure_names[i].en);
		suggest_offer(&sg, measure_names[i].zh);
	}
	buf b = BUF_INIT;
	for (size_t i = 0; i < MEASURE_COUNT - 1; i++)
		buf_printf(&b, "%s%s (%s)", i ? ", " : "", measure_names[i].en, measure_names[i].zh);
	const char *near = suggest_result(&sg);
	if (near)
		diag_error(c->d, mv->pos, "unknown measure (统计项) '%s'; did you mean '%s'? (one of: %s)", m, near,
			   b.ptr);
	else
		diag_error(c->d, mv->pos, "unknown measure (统计项) '%s'; use one of: %s", m, b.ptr);
	buf_free(&b);
}

/* The figure of a result that has a measure: a plain number. */
static bool result_number(loadctx *c, result_entry *re, const value *vv)
{
	char *end;
	const char *p = re->value;
	errno = 0;
	double x = strtod(p, &end);
	if (end == p || *end || errno || !isfinite(x) || x < 0 || !(*p >= '0' && *p <= '9')) {
		diag_error(c->d, vv->pos,
			   "a result with a measure (统计项) needs a plain number as its value, not '%s'; write e.g. 'value: 300' and put 余, 多, 近 or 约 in the unit",
			   p);
		return false;
	}
	re->number = x;
	return true;
}
static const field photo_fields[] = { { "src", "文件" }, { "caption", "说明" } };

/* A photo's pixel size, for the width and height of its <img> (read
 * once per file, with static/: static_file_size); without it the page
 * still shows the photo, so a warning. */
static void photo_size(loadctx *c, photo *ph, static_file *f, vpos pos)
{
	static_file_size(f);
	imgsize_status st = f->size_is;
	ph->width = f->width; /* 0 unless OK */
	ph->height = f->height;
	if (st == IMGSIZE_OK)
		return;
	diag_warn(c->d, pos, "photo '%s' %s, so the page shows it without width and height; %s", ph->src,
		  imgsize_problem(st),
		  st == IMGSIZE_NO_SIZE ? "give its <svg> element width and height (or a viewBox)"
					: "save it again as a PNG, JPEG, GIF or WebP file");
}

void records_event(loadctx *c, event *e, const doc *dc)
{
	value *f[E_COUNT];
	const char *what = "an event";
	e->path = dc->path;
	e->pos = dc->root->pos;
	e->date = e->end_date = DATE_NONE;
	if (!fld_bind(c, dc->root, event_fields, E_COUNT, f, what))
		return;
	fld_text_required(c, f[E_TITLE], &event_fields[E_TITLE], e->pos, what, &e->title);
	if (!f[E_DATE])
		fld_missing(c, e->pos, &event_fields[E_DATE], what);
	else
		fld_date(c, f[E_DATE], &e->date);
	if (fld_date(c, f[E_END], &e->end_date) && e->date != DATE_NONE && e->end_date < e->date)
		diag_error(c->d, f[E_END]->pos, "the event ends before it starts; check 'end_date' (结束日期)");
	fld_text(c, f[E_TIME], &e->time);
	ref_place(c, f[E_DISTRICT], f[E_STREET], e->pos, what, true, &e->district, &e->street);
	fld_text(c, f[E_VENUE], &e->venue);
	fld_strs(c, f[E_GUIDED], &e->guided_by);
	fld_strs(c, f[E_ORGANIZER], &e->organizer);
	fld_strs(c, f[E_UNDERTAKER], &e->undertaker);
	if (f[E_PARTICIPANTS])
		load_participants(c, e, f[E_PARTICIPANTS]);
	size_t n = fld_count(f[E_RESULTS]);
	e->results = n ? arena_array(c->a, n, sizeof *e->results) : NULL;
	for (size_t i = 0; i < n; i++) {
		value *r[4];
		const value *rv = fld_at(f[E_RESULTS], i);
		result_entry *re = &e->results[e->nresults];
		memset(re, 0, sizeof *re); /* the slot of a result dropped before */
		if (!fld_bind(c, rv, result_fields, 4, r, "a result"))
			continue;
		bool ok = fld_text_required(c, r[0], &result_fields[0], rv->pos, "a result", &re->label);
		ok &= fld_text_required(c, r[1], &result_fields[1], rv->pos, "a result", &re->value);
		fld_text(c, r[2], &re->unit);
		re->pos = r[1] ? r[1]->pos : rv->pos;
		if (r[3])
			result_measure_of(c, re, r[3]);
		if (ok && re->measure && !result_number(c, re, r[1]))
			re->measure = MEASURE_NONE;
		if (ok)
			e->nresults++;
	}
	n = fld_count(f[E_LISTS]);
	e->lists = n ? arena_array(c->a, n, sizeof *e->lists) : NULL;
	for (size_t i = 0; i < n; i++) {
		list *l = ref_list(c, fld_at(f[E_LISTS], i));
		if (l)
			e->lists[e->nlists++] = l;
	}
	e->ncategories = ref_categories(c, f[E_CATEGORIES], &e->categories);
	n = fld_count(f[E_PHOTOS]);
	e->photos = n ? arena_array(c->a, n, sizeof *e->photos) : NULL;
	for (size_t i = 0; i < n; i++) {
		value *p[2];
		const value *pv = fld_at(f[E_PHOTOS], i);
		photo *ph = &e->photos[e->nphotos];
		if (!fld_bind(c, pv, photo_fields, 2, p, "a photo"))
			continue;
		if (!fld_text_required(c, p[0], &photo_fields[0], pv->pos, "a photo", &ph->src))
			continue;
		/* a file static/ publishes (load.c has walked it already) */
		static_file *sf = strmap_get(&c->s->static_paths, ph->src, strlen(ph->src));
		if (!sf) {
			diag_error(c->d, p[0]->pos,
				   "photo '%s' is not a file in static/; put the image in content/static/ and give its path relative to that folder",
				   ph->src);
			continue;
		}
		photo_size(c, ph, sf, p[0]->pos);
		fld_text(c, p[1], &ph->caption);
		ph->pos = pv->pos;
		e->nphotos++;
	}
	fld_text(c, f[E_BYLINE], &e->byline);
	fld_text(c, f[E_CREDIT], &e->credit);
	fld_source(c, f[E_SOURCE], &e->source);
	records_body(c, dc, f[E_BODY], &e->body);
}

/* ---- cases ---- */

enum { C_TITLE, C_DATE, C_DISTRICT, C_STREET, C_COMMUNITY, C_CATEGORIES, C_ORGS, C_MODEL,
       C_HIGHLIGHTS, C_SOURCE, C_BODY, C_COUNT };
static const field case_fields[C_COUNT] = {
	[C_TITLE] = { "title", "标题" },
	[C_DATE] = { "date", "日期" },
	[C_DISTRICT] = { "district", "区县" },
	[C_STREET] = { "street", "街道" },
	[C_COMMUNITY] = { "community", "社区" },
	[C_CATEGORIES] = { "categories", "类别" },
	[C_ORGS] = { "orgs", "组织" },
	[C_MODEL] = { "model", "模式" },
	[C_HIGHLIGHTS] = { "highlights", "亮点" },
	[C_SOURCE] = { "source", "来源" },
	[C_BODY] = { "body", "正文" },
};

void records_case(loadctx *c, case_study *cs, const doc *dc)
{
	value *f[C_COUNT];
	const char *what = "a case";
	cs->path = dc->path;
	cs->pos = dc->root->pos;
	cs->date = DATE_NONE;
	if (!fld_bind(c, dc->root, case_fields, C_COUNT, f, what))
		return;
	fld_text_required(c, f[C_TITLE], &case_fields[C_TITLE], cs->pos, what, &cs->title);
	fld_date(c, f[C_DATE], &cs->date);
	ref_place(c, f[C_DISTRICT], f[C_STREET], cs->pos, what, false, &cs->district, &cs->street);
	if (f[C_COMMUNITY]) {
		cs->community = ref_community(c, f[C_COMMUNITY], cs->street, cs->district);
		if (cs->community) {
			cs->street = cs->community->street;
			cs->district = cs->street->district;
		}
	}
	cs->ncategories = ref_categories(c, f[C_CATEGORIES], &cs->categories);
	cs->norgs = ref_orgs(c, f[C_ORGS], &cs->orgs);
	fld_text(c, f[C_MODEL], &cs->model);
	fld_strs(c, f[C_HIGHLIGHTS], &cs->highlights);
	fld_source(c, f[C_SOURCE], &cs->source);
	records_body(c, dc, f[C_BODY], &cs->body);
}

/* ---- pages ---- */

static const field page_fields[] = { { "title", "标题" }, { "menu", "菜单" }, { "body", "正文" } };

void records_free_page(loadctx *c, free_page *p, const doc *dc)
{
	value *f[3];
	p->path = dc->path;
	p->pos = dc->root->pos;
	if (!fld_bind(c, dc->root, page_fields, 3, f, "a page"))
		return;
	fld_text_required(c, f[0], &page_fields[0], p->pos, "a page", &p->title);
	fld_int(c, f[1], 1, 1000, &p->menu);
	p->menu_pos = f[1] ? f[1]->pos : p->pos;
	records_body(c, dc, f[2], &p->body);
}
