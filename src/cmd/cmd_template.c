/* cmd_template: `qingdan template render FILE --data DATA [--partials DIR]`.
 * Loads the data with the project's YAML loader (JSON is YAML), compiles
 * the template and the partials it names (DIR/NAME.mustache, loaded as
 * they are named; every template in DIR when a dynamic name could pick
 * any of them) and prints the result. Missing partials render as nothing,
 * as the specification says, with a warning on stderr. */
#include "cmd_template.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "source.h"
#include "value.h"
#include "yamlload.h"
#include "usage.h"

/* Enough for any honest template; stops partials that fan out without end. */
#define MAX_STEPS 200000000ULL

static const char usage[] =
	"usage: qingdan template render FILE --data DATA [--partials DIR]\n"
	"\n"
	"Render the Mustache template FILE against DATA, a YAML or JSON file, and\n"
	"print the result, exactly as the Mustache specification says: a partial\n"
	"that does not exist renders as nothing (with a warning on stderr).\n"
	"'-' as FILE or DATA reads standard input.\n"
	"\n"
	"options:\n"
	"  --data DATA     the values the template sees (required)\n"
	"  --partials DIR  where {{>name}} and {{<name}} find name.mustache\n"
	"                  (default: the directory of FILE)\n"
	"  -h, --help      show this help\n"
	"\n"
	"exit status: 0 success, 1 template or data errors, 2 usage errors,\n"
	"3 I/O errors. The template language: docs/templates.md.\n";

/* Read a file, or standard input for "-", as vetted UTF-8 text. Returns
 * like source_read: 0, 1 content error, -1 I/O error (all reported). */
static int read_input(arena *a, diag *d, const char *path, source *src)
{
	if (strcmp(path, "-") != 0)
		return source_read(a, d, path, src);
	buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_put(&b, chunk, n);
		if (b.len > SOURCE_MAX_FILE) {
			diag_report(d, DIAG_ERROR, "<stdin>", 0, 0,
				    "input is over the limit of %u bytes (8 MiB)", SOURCE_MAX_FILE);
			rc = 1;
			goto out;
		}
	}
	if (ferror(stdin)) {
		diag_report(d, DIAG_ERROR, "<stdin>", 0, 0, "cannot read: %s", strerror(errno));
		rc = -1;
		goto out;
	}
	size_t skip = b.len >= 3 && memcmp(b.ptr, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (utf8_check(b.ptr + skip, b.len - skip) != (size_t)-1 ||
	    memchr(b.ptr + skip, '\0', b.len - skip)) {
		diag_report(d, DIAG_ERROR, "<stdin>", 0, 0, "input is not UTF-8 text; save it as UTF-8");
		rc = 1;
		goto out;
	}
	src->path = "<stdin>";
	src->text = arena_strndup(a, b.ptr + skip, b.len - skip);
	src->len = b.len - skip;
out:
	buf_free(&b);
	return rc;
}

typedef struct loader {
	const char *dir;
	int io_error;
} loader;

/* mu_loader: compile DIR/NAME.mustache if it exists. */
static int load_partial(void *ctx, mu_set *s, diag *d, const char *name)
{
	loader *l = ctx;
	buf path = BUF_INIT;
	int rc = 0;
	buf_printf(&path, "%s/%s.mustache", l->dir, name);
	struct stat st;
	if (stat(path.ptr, &st) != 0 && errno == ENOENT) {
		diag_report(d, DIAG_WARNING, path.ptr, 0, 0,
			    "no such file, so the partial '%s' renders as nothing", name);
		goto out;
	}
	rc = mu_load_file(s, d, name, path.ptr);
	if (rc < 0)
		l->io_error = 1;
out:
	buf_free(&path);
	return rc;
}

/* The name the template itself goes by: its file name without
 * ".mustache" when it is the DIR/NAME.mustache a partial tag would load,
 * else "" (which no tag can name). */
static char *own_name(arena *a, const char *file, const char *dir)
{
	size_t n = strlen(file);
	if (strcmp(file, "-") == 0 || n <= 9 || strcmp(file + n - 9, ".mustache") != 0)
		return "";
	char *copy = arena_strdup(a, file);
	char *base = basename(copy);
	base[strlen(base) - 9] = '\0';
	char *there = arena_printf(a, "%s/%s.mustache", dir, base);
	struct stat s1, s2;
	if (stat(file, &s1) == 0 && stat(there, &s2) == 0 && s1.st_dev == s2.st_dev &&
	    s1.st_ino == s2.st_ino)
		return base;
	return "";
}

static int render_file(const char *file, const char *data_path, const char *dir)
{
	arena a;
	diag d, others; /* others: templates loaded only for dynamic names */
	buf out = BUF_INIT;
	mu_set *set = NULL;
	int status = 1;
	arena_init(&a);
	diag_init(&d);
	diag_init(&others);
	if (!dir)
		dir = strcmp(file, "-") == 0 ? "." : dirname(arena_strdup(&a, file));

	source data_src, tpl_src;
	int rc = read_input(&a, &d, data_path, &data_src);
	if (rc != 0) {
		status = rc < 0 ? 3 : 1;
		goto out;
	}
	value *root = yamlload_parse(&a, &d, data_src.path, data_src.text, data_src.len, 1);
	rc = read_input(&a, &d, file, &tpl_src);
	if (rc != 0) {
		status = rc < 0 ? 3 : 1;
		goto out;
	}
	set = mu_set_new(&a);
	loader l = { dir, 0 };
	const mu_template *t = mu_compile(set, &d, own_name(&a, file, dir), tpl_src.path,
					  tpl_src.text, tpl_src.len);
	mu_link(set, &d, 0, load_partial, &l);
	if (mu_uses_dynamic(set)) {
		/* A name from the data may pick any template in DIR: load them
		 * all, but keep what they report apart. It matters only if the
		 * render reaches one of them. */
		if (mu_load_dir(set, &others, dir) < 0)
			l.io_error = 1;
		mu_link(set, &others, 0, load_partial, &l);
	}
	if (l.io_error) {
		status = 3;
		goto out;
	}
	if (!root || !t || d.errors) {
		diag_free(&others); /* beside the point until FILE and DATA are right */
		goto out;
	}
	mu_opts opts = { .max_steps = MAX_STEPS };
	mu_error err;
	if (mu_render(t, &mu_value_data, root, &opts, &out, &err) != MU_OK) {
		mu_report(&d, &err);
		goto out;
	}
	if (fwrite(out.ptr, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		diag_report(&d, DIAG_ERROR, NULL, 0, 0, "cannot write the output: %s", strerror(errno));
		status = 3;
		goto out;
	}
	status = 0;
	if (others.errors)
		diag_report(&d, DIAG_WARNING, dir, 0, 0,
			    "%zu errors in other templates here, which this render did not use "
			    "(`qingdan template render` on them shows the errors)",
			    others.errors);
	diag_free(&others); /* the render did not need them */
out:
	diag_print(&others, stderr);
	diag_print(&d, stderr);
	diag_free(&others);
	diag_free(&d);
	buf_free(&out);
	mu_set_free(set);
	arena_free(&a);
	return status;
}

int cmd_template(int argc, char **argv)
{
	const char *file = NULL, *data = NULL, *dir = NULL;
	int i = 1;
	if (i < argc && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (i >= argc)
		return usage_error("template", "%s", "missing subcommand (only 'render' exists)");
	if (strcmp(argv[i], "render") != 0)
		return usage_error("template", "unknown subcommand '%s' (only 'render' exists)", argv[i]);
	for (i++; i < argc; i++) {
		const char *arg = argv[i];
		const char **slot = NULL;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(arg, "--data")) {
			slot = &data;
		} else if (!strcmp(arg, "--partials")) {
			slot = &dir;
		} else if (!strncmp(arg, "--data=", 7)) {
			data = arg + 7;
			continue;
		} else if (!strncmp(arg, "--partials=", 11)) {
			dir = arg + 11;
			continue;
		} else if (arg[0] == '-' && arg[1]) {
			return usage_error("template", "unknown option '%s'", arg);
		} else if (!file) {
			file = arg;
			continue;
		} else {
			return usage_error("template", "unexpected argument '%s' (one template at a time)", arg);
		}
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error("template", "option '%s' needs a value", arg);
		*slot = argv[++i];
	}
	if (!file)
		return usage_error("template", "%s", "missing the template FILE to render");
	if (!data || !*data)
		return usage_error("template", "%s", "missing --data DATA (a YAML or JSON file; '-' for stdin)");
	if (dir && !*dir)
		return usage_error("template", "%s", "--partials needs a directory");
	if (!strcmp(file, "-") && !strcmp(data, "-"))
		return usage_error("template", "%s", "FILE and DATA cannot both be standard input");
	return render_file(file, data, dir);
}
