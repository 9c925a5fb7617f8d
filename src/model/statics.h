/* statics: which files of static/ may be published. A file there is
 * served from the site's own address, outside every check qingdan makes
 * of content: an HTML page, a script or an SVG image with a script in it
 * would run with the site's authority (stored cross-site scripting, once
 * not every contributor is trusted). Such "active" files are refused with
 * an error, unless site.yaml sets allow_static_scripts (允许静态脚本):
 *
 *   - by name: .html .htm .shtml .xhtml .xht .js .mjs .xsl .xslt .svgz;
 *   - an .svg holding <script, <foreignObject, an event attribute
 *     (onload=, onclick=, ...) or a javascript: address, found by
 *     reading the file through in 64 KiB pieces (any size). */
#ifndef QD_STATICS_H
#define QD_STATICS_H
#include "schema.h"

/* Report every active file of c->s->statics (errors), unless the site
 * allows them. */
void statics_check(loadctx *c);

#endif
