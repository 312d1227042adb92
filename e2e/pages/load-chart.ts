// What a load chart draws, as a person sees it: the marks of its figures (lines and dots) that
// take room on screen. Specs never touch selectors.
import type { Locator } from '@playwright/test';

/** How many of the chart's series show a mark with a size (a line of two points or more, a dot). */
export function drawnSeries(chart: Locator): Promise<number> {
  return chart.evaluate(
    (svg) =>
      [...svg.querySelectorAll('polyline, circle')].filter((mark) => {
        const box = mark.getBoundingClientRect();
        return box.width > 0 || box.height > 0;
      }).length,
  );
}
