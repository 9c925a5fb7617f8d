/* date: calendar days as integers (days since 1970-01-01), parsing of
 * YYYY-MM-DD, and "today" in China Standard Time (UTC+8), taken from
 * SOURCE_DATE_EPOCH when it is set so that builds are reproducible. */
#ifndef QD_DATE_H
#define QD_DATE_H
#include <stdint.h>

typedef int32_t qdate;
#define DATE_NONE INT32_MIN

/* Parse exactly YYYY-MM-DD (a real calendar day, years 1900-2999). Returns
 * 0 and sets *out, or -1. */
int date_parse(const char *s, qdate *out);
/* Why `s` is not a date date_parse takes, for messages: DATE_SHAPE (not
 * written YYYY-MM-DD), DATE_YEAR (not 1900-2999), DATE_MONTH (not 01-12),
 * DATE_DAY (not a day of that month), with *y, *m, *d as written; or
 * DATE_OK. */
enum { DATE_OK, DATE_SHAPE, DATE_YEAR, DATE_MONTH, DATE_DAY };
int date_problem(const char *s, int *y, int *m, int *d);
/* The number of days of month m (1-12) of year y. */
int date_month_days(int y, int m);
/* A date as people write it by hand: 2024/4/8, 2024.4.8, 2024-4-8,
 * 2024年4月8日 (a real calendar day, years 1900-2999). Returns 0 and sets
 * *out, or -1. */
int date_parse_loose(const char *s, qdate *out);
/* Days since the epoch of y-m-d (proleptic Gregorian). */
qdate date_from_ymd(int y, int m, int d);
void date_to_ymd(qdate d, int *y, int *m, int *day);
/* Write YYYY-MM-DD into out (11 bytes). */
void date_format(qdate d, char out[11]);
/* Today in UTC+8: from SOURCE_DATE_EPOCH when set, else the clock.
 * Returns -1 (and leaves *out) when SOURCE_DATE_EPOCH is not a number. */
int date_today(qdate *out);

/* Parse a time of day as content writes it (an event's `time`): the first
 * clock time (H:MM, H：MM or H点[半]), 12 hours later after 下午 or 晚上
 * (for an hour before 12), and a second one after - — ~ 到 至 as its end
 * (下午2:00-4:00 ends at 16:00). Returns how many were found: 0, 1, or 2
 * (an end not after the start is not counted); minutes after midnight in
 * *start and *end. */
int date_clock_parse(const char *s, int *start, int *end);

#endif
