/* timer: step timings for --timings (timer.h). */
#include "timer.h"

#include <stdio.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void timer_start(timer *tm, bool on)
{
	tm->on = on;
	tm->t = now();
}

void timer_lap(timer *tm, const char *step)
{
	double n = now();
	if (tm->on)
		fprintf(stderr, "qingdan: %-10s %7.1f ms\n", step, (n - tm->t) * 1e3);
	tm->t = n;
}
