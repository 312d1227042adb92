// A load run shorter than one progress tick (1 s) has one figure per series, its last, partial
// interval: the charts draw each as a dot rather than nothing (a line needs two points), so a
// short run's chart is never an empty frame. The run is checked to have one point, no more (a
// longer run's two points draw a line with or without the dot).
import { test, expect } from './fixtures/workbench.js';
import { drawnSeries, markSizes, pointsInTable } from './pages/load-chart.js';
import { LoadPage } from './pages/load.js';
import { saveRequests } from './pages/runner.js';

/** Worker threads start slowly on a loaded two-core machine: generous, never a target. */
const RUN_BOUND = { timeout: 90_000 };

test('a run shorter than one progress tick shows its one point in both charts', async ({
  wb,
  env,
  page,
}) => {
  test.setTimeout(180_000);
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', { 'get user': { messages: [{ id: '1' }] } });
  const load = new LoadPage(page);
  await load.open('get user');
  await load.set({ Concurrency: '1', Duration: '500ms' });
  await load.run();
  await expect(load.state).toHaveText('Finished', RUN_BOUND);
  await expect(load.report).toContainText('Calls sent');
  // One point: the chart spans the first second, its table has one row.
  await expect(load.chart('Throughput')).toHaveAttribute('aria-label', /over 1 s;/);
  expect(await pointsInTable(load.dialog, 'Throughput')).toBe(1);
  // One series of throughput, three of latency (p50, p90, p99).
  expect(await drawnSeries(load.chart('Throughput'))).toBe(1);
  expect(await drawnSeries(load.chart('Latency over'))).toBe(3);
  // …each told apart by its size, not only its colour (equal figures would hide all but one).
  expect(await markSizes(load.chart('Latency over'))).toBe(3);
});
