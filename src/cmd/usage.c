/* usage: usage errors of every command (usage.h). */
#include "usage.h"

#include <stdarg.h>
#include <stdio.h>

int usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "qingdan%s%s: ", verb ? " " : "", verb ? verb : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'qingdan%s%s --help'.\n", verb ? " " : "", verb ? verb : "");
	return USAGE_EXIT;
}
