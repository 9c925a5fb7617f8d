/* test_mustache: helpers shared by the tests/unit/test_mustache*.c files.
 * Each call compiles a fresh template set, so tests stay independent; the
 * strings returned stay valid until the next call of any helper. */
#ifndef QD_TEST_MUSTACHE_H
#define QD_TEST_MUSTACHE_H

#include "mustache.h"

/* Render template `tpl` (compiled as "main") against the YAML text `yaml`
 * (flow style is handy: "{a: 1, b: [x, y]}"), with partials given as
 * name, text pairs ending in NULL. The set is linked leniently and the
 * render is not strict, as the specification's tests assume. Returns the
 * output, or "ERROR: <diagnostics>" when anything failed. */
const char *mu_t_render(const char *tpl, const char *yaml, ...);

/* Like mu_t_render with MU_LINK_STRICT and MU_RENDER_STRICT (a site
 * build). */
const char *mu_t_render_strict(const char *tpl, const char *yaml, ...);

/* Like mu_t_render_strict with `render_flags`, after sealing every map
 * that is an element of a list (value_seal: the rows of a view). */
const char *mu_t_render_rows(unsigned render_flags, const char *tpl, const char *yaml, ...);

/* Compile `tpl` as templates/main.mustache (plus partials, name/text
 * pairs ending in NULL, as templates/NAME.mustache), link strictly, and
 * return every diagnostic as diag_print writes it ("" when none). */
const char *mu_t_diags(const char *tpl, ...);

/* The data tree for `yaml`, in an arena that lives until the next call. */
const void *mu_t_data(const char *yaml);

#endif
