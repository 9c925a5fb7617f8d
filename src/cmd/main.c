/* main: the command line. Parses arguments, runs one verb, and maps the
 * result to an exit status: 0 success, 1 content errors, 2 usage errors,
 * 3 I/O or internal errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cmd_import.h"
#include "cmd_init.h"
#include "cmd_serve.h"
#include "date.h"
#include "cmd_template.h"
#include "usage.h"

#ifndef QINGDAN_VERSION
#define QINGDAN_VERSION "0.1.0"
#endif

static const char usage[] =
	"usage: qingdan <command> [options]\n"
	"\n"
	"qingdan (清单) builds a static website from a folder of community-governance\n"
	"lists: needs lists (需求清单), supply lists (供给清单), matching events\n"
	"(供需对接会), cases (案例) and organisations, written in Markdown and YAML.\n"
	"\n"
	"commands:\n"
	"  build            check the content and write the site (nothing is written\n"
	"                   unless the whole build succeeds)\n"
	"  check            check the content only: report every error and warning\n"
	"  dump             check the content and print it as JSON (for debugging)\n"
	"  init DIR         start a new site in DIR: content/ with commented examples\n"
	"  new KIND ID      a new content file: KIND is list, event, case, org or page\n"
	"  import FILE --list ID --street ID|--district ID\n"
	"                   a spreadsheet (.xlsx, .xls, CSV) as content/lists/ID.yaml\n"
	"  serve [--port 8000] [--bind 127.0.0.1]\n"
	"                   preview: build, serve, rebuild and reload on every change\n"
	"  template render FILE --data DATA [--partials DIR]\n"
	"                   render one Mustache template against a YAML/JSON file\n"
	"  help [COMMAND]   this help, or one command's\n"
	"\n"
	"options:\n"
	"  --content DIR    content folder (default: content)\n"
	"  --templates DIR  templates folder (default: DIR/../templates next to the\n"
	"                   content if it exists, else the built-in theme)\n"
	"  --output DIR     output folder (default: public)\n"
	"  --base-url URL   use URL instead of base_url (网址) from site.yaml, e.g. for\n"
	"                   a preview under another address\n"
	"  --jobs N         render with N threads (default: one per processor);\n"
	"                   the output is the same for any N\n"
	"  --timings        print how long loading, rendering and writing took,\n"
	"                   and the peak of memory after each step\n"
	"  --no-search      write no search index (the search page then links to the\n"
	"                   indexes by street, category and status only)\n"
	"  --quiet          print only errors and warnings\n"
	"  -h, --help       show this help\n"
	"  --version        show the version\n"
	"\n"
	"exit status: 0 success, 1 content errors, 2 usage errors, 3 I/O errors.\n"
	"SOURCE_DATE_EPOCH, when set, is \"today\" (decides 已截止, closed for\n"
	"applications), so that two builds of the same content are identical.\n"
	"Documentation: docs/content.md (writing content), docs/templates.md.\n";

/* `qingdan help COMMAND`, `qingdan COMMAND --help` */
static const struct {
	const char *name, *text;
} helps[] = {
	{ "build", "usage: qingdan build [--content DIR] [--output DIR] [--base-url URL] [--templates DIR]\n"
		   "                     [--jobs N] [--no-search] [--timings] [--quiet]\n"
		   "Check the content, then write the whole site to the output folder (public).\n"
		   "Nothing is written unless every file succeeds: the previous output stays as\n"
		   "it was until the new one replaces it in one step. Files whose bytes did not\n"
		   "change keep their inode (hard links), so rsync uploads only what changed.\n" },
	{ "check", "usage: qingdan check [--content DIR] [--base-url URL] [--quiet]\n"
		   "Read and check every content file; print every error and warning as\n"
		   "file:line:col: error: what is wrong; what to do. Writes nothing.\n" },
	{ "dump", "usage: qingdan dump [--content DIR] [--base-url URL]\n"
		  "Check the content and print what qingdan understood, as JSON.\n" },
	{ "init", "usage: qingdan init DIR\n"
		  "Start a new site in DIR (which must be empty or not exist): DIR/content/\n"
		  "with site.yaml, places.yaml, categories.yaml, one commented example of a\n"
		  "list, an event, a case, an organisation and a page, and an empty static/.\n"
		  "It passes qingdan check as made.\n" },
	{ "new", "usage: qingdan new list|event|case|org|page ID [--content DIR]\n"
		 "Write one new content file, content/<lists|events|cases|orgs|pages>/ID.yaml\n"
		 "or .md, with every field commented in Chinese; required values are\n"
		 "【placeholders】 to fill in. Refuses an invalid id (as check does) and a\n"
		 "file that exists.\n" },
	{ "import", "usage: qingdan import FILE --list ID (--street ID | --district ID) [--kind needs|supply|pain-points]\n"
		    "                      [--title TEXT] [--published YYYY-MM-DD] [--sheet NAME] [--unknown-as-notes]\n"
		    "                      [--force] [--content DIR]\n"
		    "Read the spreadsheet a street office sent (.xlsx, .xls, or CSV in UTF-8 or GBK)\n"
		    "and write its rows as the list content/lists/ID.yaml. Columns are matched by\n"
		    "their headers (序号, 项目名称, 社区, 类别, 预算（万元）, 截止日期, 状态, 联系人,\n"
		    "联系电话, 备注, ...); 6.6万元, 66000元 and dates like 2024/4/8 are converted,\n"
		    "each conversion listed as a note. The list is checked as qingdan check\n"
		    "would; every error is given as FILE:row:column (header), and nothing is\n"
		    "written while there is one. An existing list is replaced only with --force\n"
		    "(the old file kept as ID.yaml.bak).\n" },
	{ "serve", "usage: qingdan serve [--port 8000] [--bind 127.0.0.1] [--content DIR] [--templates DIR]\n"
		   "Build the site into a private folder and serve it at http://BIND:PORT/ under\n"
		   "its base path; build again whenever a file under the content or templates\n"
		   "folder changes, reading again only the files that changed. Pages are made\n"
		   "from memory as soon as the content is checked, so open pages reload at once;\n"
		   "the folder (feeds, data, search) follows. After a bad build they show its\n"
		   "errors (file:line:col) over the last good build. Ctrl-C stops.\n" },
	{ "template", "usage: qingdan template render FILE --data DATA [--partials DIR]\n"
		      "Render one Mustache template against a YAML or JSON file, to try a\n"
		      "template of a theme (docs/templates.md).\n" },
	{ "help", "usage: qingdan help [COMMAND]\n" },
};

static int help(const char *cmd)
{
	if (!cmd) {
		fputs(usage, stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof helps / sizeof *helps; i++)
		if (!strcmp(helps[i].name, cmd)) {
			fputs(helps[i].text, stdout);
			return 0;
		}
	return usage_error("help", "unknown command '%s' (commands: build, check, dump, init, new, import, serve, template, help)",
			   cmd);
}

int main(int argc, char **argv)
{
	build_opts opt = { .content = "content", .output = "public", .exiting = 1 };
	const char *verb = NULL;
	const char *new_args[3] = { "new", NULL, NULL }; /* qingdan new KIND ID */
	int nargs = 0;
	if (argc > 1 && strcmp(argv[1], "template") == 0)
		return cmd_template(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "help") == 0)
		return argc > 3 ? usage_error("help", "one command at a time") : help(argc > 2 ? argv[2] : NULL);
	if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")))
		return help(argv[1]);
	/* "today" comes from SOURCE_DATE_EPOCH when it is set: a value that
	 * is no number is a mistake in how qingdan was run (status 2), not in
	 * the content */
	qdate today;
	if (date_today(&today) != 0) {
		fprintf(stderr, "qingdan: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
				"not '%s'; unset it to use the clock\n", getenv("SOURCE_DATE_EPOCH"));
		return USAGE_EXIT;
	}
	if (argc > 1 && strcmp(argv[1], "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "import") == 0)
		return cmd_import(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help") || !strcmp(a, "help")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("qingdan %s\n", QINGDAN_VERSION);
			return 0;
		} else if (!strcmp(a, "--timings")) {
			opt.timings = 1;
			continue;
		} else if (!strcmp(a, "--no-search")) {
			opt.no_search = 1;
			continue;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			opt.quiet = 1;
			continue;
		} else if (!strcmp(a, "--content")) {
			slot = &opt.content;
		} else if (!strcmp(a, "--templates")) {
			slot = &opt.templates;
		} else if (!strcmp(a, "--output")) {
			slot = &opt.output;
		} else if (!strcmp(a, "--base-url")) {
			slot = &opt.base_url;
		} else if (!strcmp(a, "--jobs") || !strcmp(a, "-j")) {
			if (i + 1 >= argc)
				return usage_error(NULL, "option '%s' needs a value", a);
			char *end;
			long n = strtol(argv[++i], &end, 10);
			if (*end || n < 1 || n > 64)
				return usage_error(NULL, "--jobs needs a number from 1 to 64, not '%s'", argv[i]);
			opt.jobs = (unsigned)n;
			continue;
		} else if (a[0] == '-') {
			return usage_error(NULL, "unknown option '%s'", a);
		} else if (!verb) {
			verb = a;
			continue;
		} else if (!strcmp(verb, "new") && nargs < 2) {
			new_args[1 + nargs++] = a;
			continue;
		} else {
			return usage_error(NULL, "unexpected argument '%s'", a);
		}
		if (i + 1 >= argc || !*argv[i + 1])
			return usage_error(NULL, "option '%s' needs a value", a);
		*slot = argv[++i];
	}
	if (!verb) {
		fputs(usage, stderr);
		return 2;
	}
	if (!strcmp(verb, "build"))
		return build_run(&opt, BUILD_WRITE);
	if (!strcmp(verb, "check"))
		return build_run(&opt, BUILD_CHECK);
	if (!strcmp(verb, "dump"))
		return build_run(&opt, BUILD_DUMP);
	if (!strcmp(verb, "new"))
		return cmd_new(1 + nargs, new_args, opt.content);
	return usage_error(NULL, "unknown command '%s' (commands: build, check, dump, init, new, template, help)", verb);
}
