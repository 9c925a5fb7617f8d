/* t: the unit-test harness. A test is `TEST(name) { CHECK(...); }` in any
 * test file under tests/unit; it registers itself, so no list needs editing. The
 * runner prints each failure as file:line and ends with
 * "unit: N passed, N failed" (tests, not checks). */
#ifndef QD_T_H
#define QD_T_H
#include <stddef.h>
#include <string.h>

typedef void (*t_fn)(void);
void t_register(const char *name, t_fn fn, const char *file);
int t_check(int ok, const char *expr, const char *file, int line);
int t_check_str(const char *got, const char *want, const char *expr, const char *file, int line);
int t_check_int(long long got, long long want, const char *expr, const char *file, int line);

#define TEST(name)                                                            \
	static void name(void);                                               \
	__attribute__((constructor)) static void t_reg_##name(void)           \
	{ t_register(#name, name, __FILE__); }                                \
	static void name(void)

#define CHECK(cond) t_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) t_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_INT(got, want) t_check_int((long long)(got), (long long)(want), #got, __FILE__, __LINE__)

#endif
