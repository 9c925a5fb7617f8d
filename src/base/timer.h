/* timer: how long each step of a run took, on the monotonic clock, for
 * --timings (and QINGDAN_TIMINGS=1 for the steps inside loading). Prints
 * to stderr only when switched on; costs one clock read a step. */
#ifndef QD_TIMER_H
#define QD_TIMER_H
#include <stdbool.h>

typedef struct timer {
	bool on;
	double t; /* seconds, at the last lap */
} timer;

/* Start timing; steps are printed only when `on`. */
void timer_start(timer *tm, bool on);
/* Print "qingdan: <step> N.N ms" for the time since the last lap (when
 * on) and start the next step. */
void timer_lap(timer *tm, const char *step);

#endif
