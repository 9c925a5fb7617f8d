/* timer: step timings for --timings (timer.h). */
#include "timer.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"

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
		/* and what the process holds now, of which the arenas' pool has
		 * how much ready and unused */
		long pages = 0, resident = 0;
		FILE *f = fopen("/proc/self/statm", "r");
		if (f) {
			if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
				resident = 0;
			fclose(f);
		}
		size_t pool;
		arena_pool_free(&pool);
		fprintf(stderr, "qingdan: %-10s %7.1f ms  (peak %ld MB, now %ld MB, %zu MB of it free in the arena pool)\n",
			step, (n - tm->t) * 1e3, ru.ru_maxrss / 1024, resident * (sysconf(_SC_PAGESIZE) / 1024) / 1024,
			pool >> 20);
	}
	tm->t = n;
}
