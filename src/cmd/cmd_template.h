/* cmd_template: the `qingdan template` command — render one Mustache
 * template against a YAML or JSON data file, exactly as the Mustache
 * specification says, to try templates outside a site build. */
#ifndef QD_CMD_TEMPLATE_H
#define QD_CMD_TEMPLATE_H

/* Run `template render FILE --data DATA [--partials DIR]` (argv[0] is
 * "template"). Writes the result to stdout and diagnostics to stderr.
 * Returns the exit status: 0 ok, 1 template or data errors, 2 usage
 * errors, 3 I/O errors. */
int cmd_template(int argc, char **argv);

#endif
