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

/** How many different sizes the chart's one-point marks have (each series its own: no colour needed). */
export function markSizes(chart: Locator): Promise<number> {
  return chart.evaluate(
    (svg) =>
      new Set(
        [...svg.querySelectorAll('circle')].map((m) => Math.round(m.getBoundingClientRect().width)),
      ).size,
  );
}

/** How many points the chart titled `title` has: the rows of its "as a table" (opened here). */
export async function pointsInTable(dialog: Locator, title: string): Promise<number> {
  const figure = dialog.getByRole('figure', { name: new RegExp(`^${title}`) });
  await figure.getByText(`${title} as a table`, { exact: true }).click();
  const table = figure.getByRole('table');
  await table.waitFor();
  // Every row but the heading's.
  return (await table.getByRole('row').count()) - 1;
}
