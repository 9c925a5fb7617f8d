/* date: day arithmetic and parsing (see date.h). */
#include "date.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Days from civil date by counting 400-year eras from 0000-03-01, so that
 * the leap day falls at the end of each counted year. */
qdate date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (qdate)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(qdate z0, int *y, int *m, int *d)
{
	int z = z0 + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int date_month_days(int y, int m)
{
	return days_in_month(y, m);
}

int date_problem(const char *s, int *y, int *m, int *d)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return DATE_SHAPE;
		} else if (s[i] < '0' || s[i] > '9') {
			return DATE_SHAPE;
		}
	}
	if (s[10] != '\0')
		return DATE_SHAPE;
	*y = atoi(s), *m = atoi(s + 5), *d = atoi(s + 8);
	if (*y < 1900 || *y > 2999)
		return DATE_YEAR;
	if (*m < 1 || *m > 12)
		return DATE_MONTH;
	if (*d < 1 || *d > days_in_month(*y, *m))
		return DATE_DAY;
	return DATE_OK;
}

int date_parse(const char *s, qdate *out)
{
	int y, m, d;
	if (date_problem(s, &y, &m, &d) != DATE_OK)
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int date_parse_loose(const char *s, qdate *out)
{
	int y, m, d;
	char s1[8], s2[8], tail[8] = "";
	if (sscanf(s, "%4d%7[/.-]%2d%7[/.-]%2d%7s", &y, s1, &m, s2, &d, tail) >= 5 && !tail[0] && s1[1] == 0 &&
	    s1[0] == s2[0]) {
	} else if (sscanf(s, "%4d年%2d月%2d日", &y, &m, &d) == 3) {
	} else {
		return -1;
	}
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

void date_format(qdate d, char out[11])
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	unsigned uy = (unsigned)y % 10000, um = (unsigned)m % 100, ud = (unsigned)day % 100;
	out[0] = (char)('0' + uy / 1000), out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10), out[3] = (char)('0' + uy % 10);
	out[4] = '-', out[5] = (char)('0' + um / 10), out[6] = (char)('0' + um % 10);
	out[7] = '-', out[8] = (char)('0' + ud / 10), out[9] = (char)('0' + ud % 10);
	out[10] = '\0';
}

int date_today(qdate *out)
{
	long long t;
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		char *end;
		errno = 0;
		t = strtoll(env, &end, 10);
		if (errno || *end || t < 0)
			return -1;
	} else {
		t = (long long)time(NULL);
	}
	t += 8 * 3600; /* China Standard Time, no daylight saving */
	*out = (qdate)(t / 86400);
	return 0;
}

/* ---- the time of day (date_clock_parse) ---- */

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* one clock time at *ps, after an optional 上午/下午/晚上/中午; advances
 * past it */
static bool clock_at(const char **ps, int *minutes)
{
	const char *s = *ps;
	int pm = 0;
	if (starts(s, "下午") || starts(s, "晚上"))
		pm = 1, s += 6;
	else if (starts(s, "上午") || starts(s, "早上") || starts(s, "中午"))
		s += 6;
	if (!digit(*s))
		return false;
	int h = 0, m = 0;
	while (digit(*s) && h < 100)
		h = h * 10 + (*s++ - '0');
	if (*s == ':' || starts(s, "：")) {
		s += *s == ':' ? 1 : 3;
		if (!digit(s[0]) || !digit(s[1]))
			return false;
		m = (s[0] - '0') * 10 + (s[1] - '0');
		s += 2;
	} else if (starts(s, "点") || starts(s, "时")) {
		s += 3;
		if (starts(s, "半"))
			m = 30, s += 3;
	} else {
		return false;
	}
	if (pm && h < 12)
		h += 12;
	if (h > 23 || m > 59)
		return false;
	*minutes = h * 60 + m;
	*ps = s;
	return true;
}

int date_clock_parse(const char *s, int *start, int *end)
{
	if (!s)
		return 0;
	for (const char *p = s; *p; p++) {
		const char *q = p;
		/* a time starts a number: not "5:00" inside "25:00" */
		if ((p > s && digit(p[-1])) || !clock_at(&q, start))
			continue;
		while (*q == ' ')
			q++;
		static const char *const dash[] = { "-", "—", "–", "~", "～", "到", "至" };
		for (size_t i = 0; i < sizeof dash / sizeof *dash; i++)
			if (starts(q, dash[i])) {
				const char *r = q + strlen(dash[i]);
				while (*r == ' ')
					r++;
				bool later_pm = *start >= 12 * 60 && !starts(r, "上午");
				if (clock_at(&r, end)) {
					if (later_pm && *end < 12 * 60)
						*end += 12 * 60; /* 下午2:00-4:00 */
					return *end > *start ? 2 : 1;
				}
			}
		return 1;
	}
	return 0;
}
