/* cmd_init: starting a site and its content files.
 *   qingdan init DIR              a new site: DIR/content/ with site.yaml,
 *                                 places.yaml, categories.yaml, one commented
 *                                 example of each kind of record (a list, an
 *                                 event, a case, an organisation, a page) and
 *                                 an empty static/; it passes `check` as made.
 *                                 DIR must be empty or not exist.
 *   qingdan new KIND ID           one content file, every field present and
 *                                 commented in Chinese (the optional ones
 *                                 commented out), its required values as
 *                                 【placeholders】: list, event, case, org or
 *                                 page, written as content/<folder>/ID.<ext>
 *                                 (--content DIR for another folder). It
 *                                 refuses an id `check` would refuse, with
 *                                 the same message, and a file that exists.
 * The files come from skeleton/ in the source tree, compiled in by
 * tools/embed.c (skeleton_files.h). */
#ifndef QD_CMD_INIT_H
#define QD_CMD_INIT_H

/* argv[0] is "init" / "new". Return the exit status. */
int cmd_init(int argc, char **argv);
int cmd_new(int argc, const char *const *argv, const char *content);

#endif
