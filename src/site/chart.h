/* chart: accessible bar charts as inline SVG, written at build time (no
 * JavaScript, nothing fetched). A pure function of its labels and values:
 * it knows nothing of the content model or of pages.
 *
 * The chart is a horizontal bar chart that reads at 360 px: each bar has
 * its label written above it and its value written after it, as SVG
 * text, so neither colour nor bar length alone carries a figure. The
 * <svg> has a viewBox 360 units wide and width 100%, role="img" and
 * aria-labelledby its <title>; text is 16 units high (about 15 px on a
 * 360 px phone). Pages follow each chart with a table of the same data. */
#ifndef QD_CHART_H
#define QD_CHART_H
#include <stddef.h>

#include "buf.h"

typedef struct chart_bar {
	const char *label;      /* what the bar stands for ("待认领", "2024") */
	double value;           /* its length; negative counts as 0 */
	const char *value_text; /* written after the bar ("12", "35.5") */
} chart_bar;

/* Append the chart of `n` bars to `out`. `id` names the chart's <title>
 * element and must be unique on the page; `title` says what the chart
 * shows, units included. Every text is HTML-escaped. Labels too wide for the chart are
 * shortened with "…" (the table after the chart has them in full). With
 * every value 0 no bar is drawn, the values are still written. */
void chart_bars(buf *out, const char *id, const char *title, const chart_bar *bars, size_t n);

#endif
