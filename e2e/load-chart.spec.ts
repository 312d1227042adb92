// A load run of 1.5 s has one figure per series (one progress tick, at 1 s): the charts draw each
// as a dot rather than nothing (a line needs two points), so a short run's chart is never an
// empty frame. (A run shorter than one tick has no figures over time at all: the engine's report
// timeline is empty then, and the charts say "no figures yet".)
import { test, expect } from './fixtures/workbench.js';
import { drawnSeries } from './pages/load-chart.js';
import { LoadPage } from './pages/load.js';
import { saveRequests } from './pages/runner.js';

/** Worker threads start slowly on a loaded two-core machine: generous, never a target. */
const RUN_BOUND = { timeout: 90_000 };

test('a run of one progress tick shows its figures in both charts', async ({ wb, env, page }) => {
  test.setTimeout(180_000);
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', { 'get user': { messages: [{ id: '1' }] } });
  const load = new LoadPage(page);
  await load.open('get user');
  await load.set({ Concurrency: '1', Duration: '1500ms' });
  await load.run();
  await expect(load.state).toHaveText('Finished', RUN_BOUND);
  await expect(load.report).toContainText('Calls sent');
  // One series of throughput, three of latency (p50, p90, p99).
  expect(await drawnSeries(load.chart('Throughput'))).toBe(1);
  expect(await drawnSeries(load.chart('Latency over'))).toBe(3);
});
