/* timer: step timings for --timings (timer.h). */
#include "timer.h"

#include <stdio.h>
#include <sys/resource.h>
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
	if (tm->on) {
		/* the peak of memory so far, to see which step sets it */
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "qingdan: %-10s %7.1f ms  (peak %ld MB)\n", step, (n - tm->t) * 1e3,
			ru.ru_maxrss / 1024);
	}
	tm->t = n;
}
