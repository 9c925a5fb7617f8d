/* `qingdan template render`, run in-process with stdout and stderr
 * captured: exit statuses, exact output, partial lookup, stdin. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cmd_template.h"
#include "t.h"

static char dir[] = "/tmp/qd-mu-cmd-XXXXXX";
static char *out_text, *err_text;

static void put_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	mkdir(path, 0755);
	*slash = '/';
	FILE *f = fopen(path, "wb");
	fputs(text, f);
	fclose(f);
}

static char *slurp(FILE *f)
{
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	rewind(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, NULL);
}

/* Run `qingdan template ARGS...` (NULL-terminated; "@" is replaced by the
 * test directory) with `in` as standard input; returns the exit status. */
static int run(const char *in, ...)
{
	char *argv[16], paths[16][256];
	int argc = 0;
	va_list ap;
	va_start(ap, in);
	argv[argc++] = "template";
	const char *a;
	while ((a = va_arg(ap, const char *)) != NULL && argc < 15) {
		const char *at = strchr(a, '@');
		if (at) {
			snprintf(paths[argc], sizeof paths[argc], "%.*s%s%s", (int)(at - a), a, dir, at + 1);
			argv[argc] = paths[argc];
		} else {
			argv[argc] = (char *)a;
		}
		argc++;
	}
	va_end(ap);
	argv[argc] = NULL;
	free(out_text);
	free(err_text);
	fflush(stdout);
	fflush(stderr);
	FILE *fo = tmpfile(), *fe = tmpfile(), *fi = tmpfile();
	fputs(in ? in : "", fi);
	rewind(fi);
	int so = dup(1), se = dup(2), si = dup(0);
	dup2(fileno(fo), 1);
	dup2(fileno(fe), 2);
	dup2(fileno(fi), 0);
	int rc = cmd_template(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	dup2(si, 0);
	close(so);
	close(se);
	close(si);
	clearerr(stdin);
	fclose(fi);
	out_text = slurp(fo);
	err_text = slurp(fe);
	return rc;
}

static void cleanup(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(out_text);
	free(err_text);
	out_text = err_text = NULL;
}

static void setup(void)
{
	static int made;
	if (!made && mkdtemp(dir)) {
		made = 1;
		atexit(cleanup);
	}
	put_file("page.mustache", "<h1>{{title}}</h1>\n  {{>part}}\n{{#n}}{{n}}{{/n}}\n");
	put_file("part.mustache", "<p>{{body}}</p>\n<p>{{x}}</p>\n");
	put_file("data.yaml", "title: 清单 & 目录\nbody: <b>正文</b>\nn: 1.210\n");
	put_file("data.json", "{\"title\": \"JSON\", \"n\": 2.50, \"body\": \"b\", \"x\": [1]}");
	put_file("other/part.mustache", "[other {{title}}]\n");
	put_file("tree.mustache", "{{name}}({{#kids}}{{>tree}}{{/kids}})");
	put_file("tree.yaml", "{name: a, kids: [{name: b, kids: []}, {name: c, kids: []}]}");
	put_file("loop.yaml", "{name: a, kids: [{name: b}]}");
	put_file("dyn.mustache", "{{#cards}}{{>*kind}}{{/cards}}");
	put_file("cards/t.mustache", "<t:{{v}}>");
	put_file("cards.yaml", "cards: [{kind: cards/t, v: 1}, {kind: cards/none, v: 2}]");
	put_file("bad.mustache", "ok\n{{#open}}\n{{x y}}\n");
	put_file("bad.yaml", "a: [1\n");
}

TEST(mu_cmd_help_and_usage_errors)
{
	setup();
	CHECK_INT(run(NULL, "--help", NULL), 0);
	CHECK(strstr(out_text, "usage: qingdan template render FILE --data DATA [--partials DIR]") == out_text);
	CHECK_INT(run(NULL, "render", "-h", NULL), 0);
	CHECK_INT(run(NULL, NULL), 2);
	CHECK_STR(err_text, "qingdan template: missing subcommand (only 'render' exists)\n"
			    "Try 'qingdan template --help'.\n");
	CHECK_INT(run(NULL, "draw", NULL), 2);
	CHECK_INT(run(NULL, "render", NULL), 2);
	CHECK_INT(run(NULL, "render", "@/page.mustache", NULL), 2);
	CHECK_STR(err_text, "qingdan template: missing --data DATA (a YAML or JSON file; '-' for stdin)\n"
			    "Try 'qingdan template --help'.\n");
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", NULL), 2);
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", "x", "--nope", NULL), 2);
	CHECK_INT(run(NULL, "render", "a", "b", "--data", "x", NULL), 2);
	CHECK_INT(run(NULL, "render", "-", "--data", "-", NULL), 2);
	CHECK_STR(out_text, "");
}

TEST(mu_cmd_renders_with_partials_from_the_template_directory)
{
	setup();
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", "@/data.yaml", NULL), 0);
	CHECK_STR(out_text, "<h1>清单 &amp; 目录</h1>\n  <p>&lt;b&gt;正文&lt;/b&gt;</p>\n  <p></p>\n1.21\n");
	CHECK_STR(err_text, "");
	/* JSON is YAML */
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data=@/data.json", NULL), 0);
	CHECK_STR(out_text, "<h1>JSON</h1>\n  <p>b</p>\n  <p></p>\n2.5\n");
}

TEST(mu_cmd_partials_option)
{
	setup();
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", "@/data.yaml", "--partials", "@/other", NULL), 0);
	CHECK_STR(out_text, "<h1>清单 &amp; 目录</h1>\n  [other 清单 &amp; 目录]\n1.21\n");
}

TEST(mu_cmd_missing_partial_renders_nothing)
{
	setup();
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", "@/data.yaml", "--partials", "@/cards", NULL), 0);
	CHECK_STR(out_text, "<h1>清单 &amp; 目录</h1>\n1.21\n");
	CHECK(strstr(err_text, "/cards/part.mustache: warning: no such file, so the partial 'part' renders as "
			       "nothing\n") != NULL);
}

TEST(mu_cmd_recursive_partial_is_the_template_itself)
{
	setup();
	CHECK_INT(run(NULL, "render", "@/tree.mustache", "--data", "@/tree.yaml", NULL), 0);
	CHECK_STR(out_text, "a(b()c())");
	/* b has no kids of its own, so {{#kids}} finds a's again: stopped */
	CHECK_INT(run(NULL, "render", "@/tree.mustache", "--data", "@/loop.yaml", NULL), 1);
	CHECK(strstr(err_text, "/tree.mustache:1:19: error: partials and parents nest more than 100 deep") !=
	      NULL);
}

TEST(mu_cmd_dynamic_names_see_the_whole_directory)
{
	setup();
	CHECK_INT(run(NULL, "render", "@/dyn.mustache", "--data", "@/cards.yaml", NULL), 0);
	CHECK_STR(out_text, "<t:1>");
	/* bad.mustache in the same directory has errors, but this render
	 * does not use it: a warning only */
	CHECK(strstr(err_text, "warning: 2 errors in other templates here") != NULL);
	put_file("cards.yaml", "cards: [{kind: bad}]");
	CHECK_INT(run(NULL, "render", "@/dyn.mustache", "--data", "@/cards.yaml", NULL), 1);
	CHECK(strstr(err_text, "/dyn.mustache:1:11: error: template 'bad' has errors\n") != NULL);
	CHECK(strstr(err_text, "/bad.mustache:2:1: error: '{{#open}}' is never closed") != NULL);
	put_file("cards.yaml", "cards: [{kind: cards/t, v: 1}, {kind: cards/none, v: 2}]");
}

TEST(mu_cmd_stdin)
{
	setup();
	CHECK_INT(run("v: 标准输入", "render", "@/cards/t.mustache", "--data", "-", NULL), 0);
	CHECK_STR(out_text, "<t:标准输入>");
	CHECK_INT(run("[{{v}}]{{>cards/t}}", "render", "-", "--data", "@/cards.yaml", "--partials", "@", NULL), 0);
	CHECK_STR(out_text, "[]<t:>");
}

TEST(mu_cmd_errors_and_exit_statuses)
{
	setup();
	CHECK_INT(run(NULL, "render", "@/bad.mustache", "--data", "@/data.yaml", NULL), 1);
	CHECK_STR(out_text, "");
	CHECK(strstr(err_text, "/bad.mustache:2:1: error: '{{#open}}' is never closed") != NULL);
	CHECK(strstr(err_text, "/bad.mustache:3:1: error: '{{x y}}': a name cannot contain spaces") != NULL);
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", "@/bad.yaml", NULL), 1);
	CHECK(strstr(err_text, "/bad.yaml:") != NULL);
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", "@/nope.yaml", NULL), 3);
	CHECK(strstr(err_text, "/nope.yaml: error: cannot open: No such file or directory") != NULL);
	CHECK_INT(run(NULL, "render", "@/nope.mustache", "--data", "@/data.yaml", NULL), 3);
	CHECK_INT(run(NULL, "render", "@/page.mustache", "--data", "@/data.yaml", "--partials", "@/nodir", NULL),
		  0);
}
