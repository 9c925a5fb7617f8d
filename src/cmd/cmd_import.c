/* cmd_import: `qingdan import` (see cmd_import.h). */
#include "cmd_import.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "dirwalk.h"
#include "import.h"
#include "load.h"
#include "output.h"
#include "schema.h"
#include "usage.h"

/* copy one file (the scratch copy of the content) */
static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return -1;
	FILE *out = fopen(to, "wb");
	if (!out) {
		fclose(in);
		return -1;
	}
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		if (fwrite(chunk, 1, n, out) != n)
			rc = -1;
	fclose(in);
	return fclose(out) == 0 ? rc : -1;
}

/* the records a list may refer to: site, places, categories, orgs,
 * events, the other lists; regular files only, no deeper */
static int copy_content(const char *content, const char *to, const char *skip_list)
{
	static const char *const top[] = { "site.yaml", "places.yaml", "categories.yaml" };
	static const char *const dirs[] = { "orgs", "events", "lists" };
	buf a = BUF_INIT, b = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < 3 && rc == 0; i++) {
		buf_reset(&a), buf_reset(&b);
		buf_printf(&a, "%s/%s", content, top[i]);
		buf_printf(&b, "%s/%s", to, top[i]);
		struct stat st;
		if (stat(a.ptr, &st) == 0 && S_ISREG(st.st_mode))
			rc = copy_file(a.ptr, b.ptr);
	}
	for (size_t i = 0; i < 3 && rc == 0; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s/%s", to, dirs[i]);
		if (mkdir(b.ptr, 0700) != 0) {
			rc = -1;
			break;
		}
		buf_reset(&a);
		buf_printf(&a, "%s/%s", content, dirs[i]);
		size_t nn = 0;
		int derr = 0;
		dir_entry *names = dir_list(a.ptr, &nn, &derr);
		for (size_t k = 0; k < nn && rc == 0; k++) {
			const char *nm = names[k].name;
			if (skip_list && i == 2 && !strncmp(nm, skip_list, strlen(skip_list)) && nm[strlen(skip_list)] == '.')
				continue;
			buf_reset(&a), buf_reset(&b);
			buf_printf(&a, "%s/%s/%s", content, dirs[i], nm);
			buf_printf(&b, "%s/%s/%s", to, dirs[i], nm);
			struct stat st;
			if (lstat(a.ptr, &st) == 0 && S_ISREG(st.st_mode))
				rc = copy_file(a.ptr, b.ptr);
		}
		dir_list_free(names, nn);
	}
	buf_free(&a);
	buf_free(&b);
	return rc;
}

typedef struct report {
	diag_level level;
	unsigned row, col;
	const char *option;
	char *text;
} report;

static int by_place(const void *pa, const void *pb)
{
	const report *a = pa, *b = pb;
	/* about the whole file first, then row by row */
	unsigned ra = a->row == UINT_MAX ? 0 : a->row + 1, rb = b->row == UINT_MAX ? 0 : b->row + 1;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

static void put(report **v, size_t *n, diag_level lv, unsigned row, unsigned col, const char *option, const char *text)
{
	*v = realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (report){ lv, row, col, option, strdup(text) };
}

/* a message that points at another line of the list file ("first at line
 * 31") points at that line's row of the sheet instead */
static char *rows_for_lines(const char *m, const import_result *r)
{
	buf b = BUF_INIT;
	for (const char *p = m; *p;) {
		const char *at = strstr(p, "line ");
		if (!at) {
			buf_puts(&b, p);
			break;
		}
		buf_put(&b, p, (size_t)(at - p));
		char *end;
		unsigned long n = strtoul(at + 5, &end, 10);
		if (end > at + 5 && n >= 1 && n <= r->nlines && r->line[n].row != UINT_MAX)
			buf_printf(&b, "row %u", r->line[n].row + 1);
		else
			buf_put(&b, at, (size_t)(end - at));
		p = end > at + 5 ? end : at + 5;
	}
	char *out = strdup(b.ptr);
	buf_free(&b);
	return out;
}

static const char *level_name(diag_level lv)
{
	return lv == DIAG_ERROR ? "error" : lv == DIAG_WARNING ? "warning" : "note";
}

int cmd_import(int argc, char **argv)
{
	import_opts o = { 0 };
	const char *file = NULL, *sheet_name = NULL, *content = "content";
	bool force = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (!strcmp(a, "--force")) {
			force = true;
			continue;
		} else if (!strcmp(a, "--unknown-as-notes")) {
			o.unknown_as_notes = true;
			continue;
		} else if (!strcmp(a, "--list")) {
			slot = &o.list_id;
		} else if (!strcmp(a, "--kind")) {
			slot = &o.kind;
		} else if (!strcmp(a, "--title")) {
			slot = &o.title;
		} else if (!strcmp(a, "--street")) {
			slot = &o.street;
		} else if (!strcmp(a, "--district")) {
			slot = &o.district;
		} else if (!strcmp(a, "--published")) {
			slot = &o.published;
		} else if (!strcmp(a, "--sheet")) {
			slot = &sheet_name;
		} else if (!strcmp(a, "--content")) {
			slot = &content;
		} else if (a[0] == '-' && a[1]) {
			return usage_error("import", "unknown option '%s'", a);
		} else if (!file) {
			file = a;
			continue;
		} else {
			return usage_error("import", "one file at a time ('%s' is a second one)", a);
		}
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error("import", "option '%s' needs a value", a);
		*slot = argv[++i];
	}
	if (!file || !o.list_id)
		return usage_error("import", "give the spreadsheet and the new list's id, e.g. "
					     "qingdan import 需求.xlsx --list 2026-bailianchi-needs --street bailianchi");
	if (o.kind && strcmp(o.kind, "needs") && strcmp(o.kind, "supply") && strcmp(o.kind, "pain-points"))
		return usage_error("import", "--kind is needs, supply or pain-points, not '%s'", o.kind);
	if (!o.street && !o.district)
		return usage_error("import", "say whose list it is: --street ID or --district ID (as in places.yaml)");
	buf target = BUF_INIT;
	buf_printf(&target, "%s/lists/%s.yaml", content, o.list_id);
	if (!fld_slug_ok(o.list_id, strlen(o.list_id))) {
		diag d;
		diag_init(&d);
		load_report_bad_id(&d, target.ptr, target.ptr + target.len - strlen(o.list_id) - 5, strlen(o.list_id));
		diag_print(&d, stderr);
		diag_free(&d);
		buf_free(&target);
		return 1;
	}
	struct stat st;
	if (!force && lstat(target.ptr, &st) == 0) {
		fprintf(stderr, "%s: error: the list exists; give --force to replace it (the old file is kept as %s.bak)\n",
			target.ptr, target.ptr);
		buf_free(&target);
		return 1;
	}
	if (date_today(&o.today) != 0) {
		fprintf(stderr, "qingdan: error: SOURCE_DATE_EPOCH is not a number of seconds\n");
		buf_free(&target);
		return 2;
	}
	sheet sh;
	char err[512];
	if (sheet_read(&sh, file, sheet_name, err, sizeof err) != 0) {
		fprintf(stderr, "%s: error: %s\n", file, err);
		sheet_free(&sh);
		buf_free(&target);
		return 1;
	}
	const char *slash = strrchr(file, '/');
	o.source = slash ? slash + 1 : file;
	import_result r;
	int status = 0;
	report *reps = NULL;
	size_t nreps = 0;
	if (sh.encoding && strcmp(sh.encoding, "UTF-8"))
		put(&reps, &nreps, DIAG_NOTE, UINT_MAX, UINT_MAX, NULL,
		    strcmp(sh.encoding, "GB18030") ? "read as UTF-16, converted to UTF-8"
						   : "read as GBK (GB18030), converted to UTF-8");
	import_sheet(&sh, &o, &r);
	for (size_t i = 0; i < r.nmsgs; i++)
		put(&reps, &nreps, r.msgs[i].level, r.msgs[i].row, r.msgs[i].col, NULL, r.msgs[i].text);
	size_t errors = r.errors;
	/* the file, checked with the rest of the content, in a scratch copy */
	char tmpl[] = "/tmp/qingdan-import-XXXXXX";
	if (!errors && mkdtemp(tmpl)) {
		buf path = BUF_INIT;
		buf_printf(&path, "%s/lists/%s.yaml", tmpl, o.list_id);
		if (copy_content(content, tmpl, o.list_id) == 0) {
			FILE *f = fopen(path.ptr, "wb");
			if (f) {
				fwrite(r.yaml.ptr, 1, r.yaml.len, f);
				fclose(f);
			}
			arena a;
			arena_init(&a);
			diag d;
			diag_init(&d);
			site *s = site_load(&a, &d, tmpl, NULL, 1);
			if (s)
				site_check(s, &d);
			for (size_t i = 0; i < d.n; i++) {
				diag_entry *e = &d.v[i];
				if (!e->file || strcmp(e->file, path.ptr))
					continue; /* the other files' own: qingdan check reports them */
				const import_origin *from = e->line >= 1 && e->line <= r.nlines ? &r.line[e->line] : NULL;
				char *text = rows_for_lines(e->msg, &r);
				put(&reps, &nreps, e->level, from ? from->row : UINT_MAX, from ? from->col : UINT_MAX,
				    from ? from->option : NULL, text);
				free(text);
				errors += e->level == DIAG_ERROR;
			}
			if (!s && !errors)
				errors++, put(&reps, &nreps, DIAG_ERROR, UINT_MAX, UINT_MAX, NULL,
					      "the content folder could not be read; run qingdan check");
			if (s)
				site_free(s);
			diag_free(&d);
			arena_free(&a);
		} else {
			errors++;
			put(&reps, &nreps, DIAG_ERROR, UINT_MAX, UINT_MAX, NULL,
			    "cannot read the content folder to check the list against it; give --content DIR");
		}
		output_rmtree(tmpl);
		buf_free(&path);
	}
	/* every message, in the sheet's order */
	qsort(reps, nreps, sizeof *reps, by_place);
	for (size_t i = 0; i < nreps; i++) {
		const report *p = &reps[i];
		char col[8];
		if (p->option && strcmp(p->option, "the file"))
			fprintf(stderr, "%s: %s: %s (from %s)\n", file, level_name(p->level), p->text, p->option);
		else if (p->row == UINT_MAX)
			fprintf(stderr, "%s: %s: %s\n", file, level_name(p->level), p->text);
		else if (p->col == UINT_MAX)
			fprintf(stderr, "%s:%u: %s: %s\n", file, p->row + 1, level_name(p->level), p->text);
		else {
			sheet_col_name(p->col, col);
			fprintf(stderr, "%s:%u:%s (%s): %s: %s\n", file, p->row + 1, col,
				p->col < sh.cols && *r.headers[p->col] ? r.headers[p->col] : "?", level_name(p->level), p->text);
		}
		free(p->text);
	}
	free(reps);
	if (errors) {
		fprintf(stderr, "qingdan import: %zu error%s; nothing was written\n", errors, errors == 1 ? "" : "s");
		status = 1;
	} else {
		/* written next to it, then moved in place; the old one kept */
		buf tmp = BUF_INIT, bak = BUF_INIT;
		buf_printf(&tmp, "%s.tmp-%ld", target.ptr, (long)getpid());
		buf_printf(&bak, "%s.bak", target.ptr);
		FILE *f = fopen(tmp.ptr, "wx");
		int rc = f ? 0 : -1;
		if (f) {
			rc = fwrite(r.yaml.ptr, 1, r.yaml.len, f) == r.yaml.len ? 0 : -1;
			rc |= fclose(f);
		}
		if (rc == 0 && force && lstat(target.ptr, &st) == 0)
			rc = rename(target.ptr, bak.ptr);
		if (rc == 0)
			rc = rename(tmp.ptr, target.ptr);
		if (rc != 0) {
			fprintf(stderr, "%s: error: cannot write: %s\n", target.ptr, strerror(errno));
			unlink(tmp.ptr);
			status = 3;
		} else {
			printf("qingdan import: %zu items from %s (sheet %s) -> %s%s\n", r.items, file, sh.name ? sh.name : "",
			       target.ptr, r.totals ? "; a total row left out" : "");
		}
		buf_free(&tmp);
		buf_free(&bak);
	}
	import_free(&r);
	sheet_free(&sh);
	buf_free(&target);
	return status;
}
