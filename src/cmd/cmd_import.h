/* cmd_import: `qingdan import FILE --list ID [...]`: the spreadsheet a
 * street office sent (.xlsx, .xls, or CSV in UTF-8 or GBK) as the list
 * file content/lists/ID.yaml. The sheet is read (read/sheet.h), its rows
 * become the list's items (model/import.h), and the file is loaded with
 * the rest of the content and checked exactly as `qingdan check` would,
 * in a scratch copy; every error is then reported at the cell it came
 * from, FILE:row:column (header): error: ..., all at once, and nothing is
 * written while there is one. An existing list file is replaced only with
 * --force, and kept as ID.yaml.bak. */
#ifndef QD_CMD_IMPORT_H
#define QD_CMD_IMPORT_H

/* argv[0] is "import". Returns the exit status. */
int cmd_import(int argc, char **argv);

#endif
