/* diag: file:line:col diagnostics, collected during a run and printed
 * together, sorted by file and position, in the compiler's shape:
 *   content/lists/x.yaml:14:11: error: unknown street '白莲池街'; did you mean '白莲池街道'?
 * Messages should say what is wrong, then (after "; ") what to do. */
#ifndef QD_DIAG_H
#define QD_DIAG_H
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "value.h"

typedef enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag_entry {
	diag_level level;
	char *file;       /* NULL: not about a file */
	unsigned line, col; /* line 0: about the whole file */
	size_t seq;       /* order of reporting, to keep sorting stable */
	char *msg;
} diag_entry;

typedef struct diag {
	diag_entry *v;
	size_t n, cap;
	size_t errors, warnings;
	size_t max_print; /* cap on errors, and on warnings, printed (the
			   * counts stay exact) */
} diag;

void diag_init(diag *d);
void diag_free(diag *d);
/* Record a diagnostic; the file and message are copied. */
void diag_report(diag *d, diag_level level, const char *file, unsigned line,
		 unsigned col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_vreport(diag *d, diag_level level, const char *file, unsigned line,
		  unsigned col, const char *fmt, va_list ap);
/* Shorthands at a value's position. */
void diag_error(diag *d, vpos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warn(diag *d, vpos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Move every entry of src into dst (reported after dst's own ones); src
 * is left empty. (Threads report to their own diag, merged at the end.) */
void diag_merge(diag *dst, diag *src);
/* Print every entry, sorted by file, line, column; at most max_print
 * errors, then a line saying how many more there were. Empties d. */
void diag_print(diag *d, FILE *out);

#endif
