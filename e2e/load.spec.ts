// The Load view (issue 18 §2): "Run load…" on a saved request to the demo server, a short run with
// the live charts, the report (statuses, thresholds, histogram) saved beside the request as JSON,
// two saved reports compared; a setting in error said beside its field; Cancel stops a run. axe
// in both themes, and screenshots at 1440×900.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { axeViolations } from './pages/accessibility.js';
import { CollectionsPanel } from './pages/collections.js';
import { LoadPage } from './pages/load.js';
import { saveRequests } from './pages/runner.js';

test.use({ viewport: { width: 1440, height: 900 } });

/** Worker threads start slowly on a loaded two-core machine: generous, never a target. */
const RUN_BOUND = { timeout: 90_000 };

const getUser = { 'get user': { messages: [{ id: '1' }] } };

test('a short load on a saved request shows live charts and a report saved beside it; two reports compare', async ({
  wb,
  env,
  page,
}) => {
  test.setTimeout(240_000);
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', getUser);
  const load = new LoadPage(page);
  await load.open('get user');
  await load.set({
    Concurrency: '2',
    Duration: '3s',
    Thresholds: 'errors < 1\np99 < 10s',
  });
  await load.run();
  await expect(load.state).toContainText('Running:', RUN_BOUND);
  await expect(load.chart('Throughput')).toBeVisible();
  await expect(load.chart('Latency over')).toBeVisible();
  await expect(load.state).toHaveText('Finished', RUN_BOUND);
  await expect(load.report).toContainText('Calls sent');
  await expect(load.statuses).toContainText('OK (0)');
  await expect(load.thresholds.getByRole('listitem')).toHaveCount(2);
  await expect(load.thresholds).not.toContainText('Failed');
  await expect(load.chart('Latency histogram')).toBeVisible();
  await docScreenshot(page, 'load-light');

  const dir = join(
    await new CollectionsPanel(page).workspaceDir(),
    'load-reports',
    'Load',
    'get user',
  );
  const first = readdirSync(dir);
  expect(first).toHaveLength(1);
  const saved = JSON.parse(readFileSync(join(dir, first[0] as string), 'utf8')) as {
    request: string;
    summary: { sent: number; ok: number; errors: number };
  };
  expect(saved.request).toBe('Load/get user');
  expect(saved.summary.sent).toBe(saved.summary.ok + saved.summary.errors);
  await expect(load.report).toContainText(`saved as load-reports/Load/get user/${first[0]}`);

  // A second run, by a number of calls: the two saved reports side by side.
  await load.set({ Duration: '', 'Total calls': '40' });
  await load.run();
  await expect(load.state).toHaveText('Finished', RUN_BOUND);
  await expect(load.reportChoices()).toHaveCount(2);
  await load.compareFirstTwo();
  await expect(load.comparison).toBeVisible();
  const sentRow = load.comparison.getByRole('row', { name: /^Calls sent/ });
  await expect(sentRow).toContainText('40');
  await expect(load.comparison.getByRole('row', { name: /^p99 / })).toContainText('%');

  await wb.chooseTheme('dark');
  expect(await axeViolations(page)).toEqual([]);
  await load.comparison.scrollIntoViewIfNeeded();
  await docScreenshot(page, 'load-dark');
  await wb.chooseTheme('light');
  expect(await axeViolations(page)).toEqual([]);
});

test('a setting in error is said beside its field, and nothing runs', async ({ wb, env, page }) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', getUser);
  const load = new LoadPage(page);
  await load.open('get user');
  await load.set({ 'Rate (calls/s)': '100:fast:5s' });
  await load.run();
  await expect(load.field('Rate (calls/s)')).toHaveAttribute('aria-invalid', 'true');
  expect(await load.fieldError('Rate (calls/s)')).toContain(
    'Rate: 100:fast:5s: the second rate "fast" is not a rate (calls per second)',
  );
  await load.set({ 'Rate (calls/s)': '', Concurrency: 'many' });
  await load.run();
  await expect
    .poll(() => load.fieldError('Concurrency'))
    .toContain('Concurrency: "many" is not a whole number from 1');
  await load.set({ Concurrency: '2', Thresholds: 'p99 < soon' });
  await load.run();
  // The error replaces the last one once the settings are checked again: wait for it.
  await expect
    .poll(() => load.fieldError('Thresholds'))
    .toContain('Threshold "p99 < soon": at position 7: "soon" is not a number');
  expect(await axeViolations(page)).toEqual([]);
  await expect(load.savedReports).toContainText('None yet');
  // A modal: Tab goes round its controls, never to the page behind it.
  expect(await load.tabStaysInside(30)).toBe(true);
  expect(await load.tabStaysInside(30, 'Shift+Tab')).toBe(true);
});

test('a request the engine refuses (an unknown method) says the engine’s words in view', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', {
    'no such method': { method: '/example.UserService/Nope' },
  });
  const load = new LoadPage(page);
  await load.open('no such method');
  await load.set({ Concurrency: '1', Duration: '', 'Total calls': '1' });
  await load.run();
  // Not a field of the form: the run's line says it, visibly.
  await expect(load.state).toContainText('Not run: method:', RUN_BOUND);
  await expect(load.state).toContainText('Nope');
  await expect(load.state).toBeVisible();
  await load.close();
});

test('Cancel stops a load run; what ran is reported', async ({ wb, env, page }) => {
  test.setTimeout(180_000);
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', getUser);
  const load = new LoadPage(page);
  await load.open('get user');
  await load.set({ Concurrency: '1', Duration: '10m' });
  await load.run();
  await expect(load.state).toContainText('Running:', RUN_BOUND);
  // Close is disabled while it runs: Tab goes round the rest, the charts' table toggles too.
  await expect(load.chart('Latency')).toBeVisible();
  expect(await load.tabStaysInside(30)).toBe(true);
  expect(await load.tabStaysInside(30, 'Shift+Tab')).toBe(true);
  await load.cancel();
  await expect(load.state).toHaveText('Cancelled', RUN_BOUND);
  await expect(load.report).toContainText('Cancelled');
  await load.close();
});

test('"Run load…" on an unsaved tab runs its request as it is, and keeps no report', async ({
  wb,
  env,
  page,
}) => {
  test.setTimeout(180_000);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');
  const load = new LoadPage(page);
  await load.openFromTab();
  await load.set({ Concurrency: '1', Duration: '', 'Total calls': '10' });
  await load.run();
  await expect(load.state).toHaveText('Finished', RUN_BOUND);
  await expect(load.report).toContainText('not saved (unsaved request)');
  await expect(load.statuses).toContainText('OK (0)');
  await expect(load.savedReports).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  // Closed, focus is back on the button that opened the view.
  await load.close();
  await expect(page.getByRole('button', { name: 'Run load…' })).toBeFocused();
});

test('worker threads and a data file: call k uses row k; an unreadable file is said beside its field', async ({
  wb,
  env,
  page,
}) => {
  test.setTimeout(180_000);
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', {
    'user by row': { messages: [{ id: '{{uid}}' }] },
  });
  const workspace = await new CollectionsPanel(page).workspaceDir();
  // User 1 exists, user 999 does not: the rows alternate OK and NOT_FOUND.
  writeFileSync(join(workspace, 'users.csv'), 'uid\n1\n999\n');
  const load = new LoadPage(page);
  await load.open('user by row');
  await load.set({ 'Worker threads': '2', Concurrency: '1', Duration: '', 'Total calls': '10' });
  await load.dataFile.fill('missing.csv');
  await load.run();
  await expect(load.dataFile).toHaveAttribute('aria-invalid', 'true');
  expect(await load.fieldError('Data file')).toContain('Data file missing.csv: no such file');
  expect(await axeViolations(page)).toEqual([]);
  await wb.chooseTheme('dark');
  expect(await axeViolations(page)).toEqual([]);
  await load.dataFile.fill('users.csv');
  await load.run();
  await expect(load.state).toHaveText('Finished', RUN_BOUND);
  await docScreenshot(page, 'load-data-file');
  const dir = join(workspace, 'load-reports', 'Load', 'user by row');
  const [name] = readdirSync(dir);
  const saved = JSON.parse(readFileSync(join(dir, name as string), 'utf8')) as {
    settings: { workers?: number };
    summary: { sent: number; ok: number; errors: number; workers: number };
  };
  expect(saved.settings.workers).toBe(2);
  expect(saved.summary).toMatchObject({ sent: 10, ok: 5, errors: 5, workers: 2 });
});
