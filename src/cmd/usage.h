/* usage: the one way a command reports a usage error: "qingdan: <what>",
 * then where to read how it is used; exit status 2. */
#ifndef QD_USAGE_H
#define QD_USAGE_H

#define USAGE_EXIT 2

/* Print "qingdan[ <verb>]: <fmt ...>" and "Try 'qingdan[ <verb>] --help'."
 * to stderr (verb may be NULL); returns USAGE_EXIT. */
int usage_error(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
