// A request's own snapshot (issue 15 §3): "Compare with snapshot" ticked in the Tests section of a
// saved request, with an ignore path, is saved in the file as `snapshot`; the runner (no
// --snapshots asked) then compares the call with its snapshot: the first run writes it and says
// NEW, the second matches it, and after the request changes the run fails with the differences.
// Axe-clean and pictured in both themes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { axeViolations } from './pages/accessibility.js';
import { ChecksPage } from './pages/checks.js';
import { CollectionsPanel } from './pages/collections.js';
import { RunnerPage, saveRequests } from './pages/runner.js';

test('Compare with snapshot on a saved request: saved as snapshot, the runner says NEW, then the run matches it, then a changed call fails with its differences', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await wb.chooseTheme('light');
  await saveRequests(page, env.demoAddress, 'Snap', { 'get ada': { messages: [{ id: '1' }] } });
  const collections = new CollectionsPanel(page);
  await collections.open('get ada');
  await expect(wb.tabs.getByRole('tab', { name: /get ada/ })).toBeVisible();

  const checks = new ChecksPage(page);
  await expect(checks.compareWithSnapshot).not.toBeChecked();
  await checks.compareWithSnapshot.check();
  await checks.addSnapshotIgnorePath('server.messages.lastSeen');
  await checks.addSnapshotIgnorePath('headers.date');
  await checks.removeSnapshotIgnorePath(1);
  await expect(checks.snapshotIgnorePath(1)).toHaveValue('headers.date');
  await expect(checks.snapshotIgnorePath(2)).toHaveCount(0);
  await checks.compareWithSnapshot.scrollIntoViewIfNeeded();
  await docScreenshot(page, 'snapshot-request-tests-light');
  expect(await axeViolations(page)).toEqual([]);
  await wb.chooseTheme('dark');
  await docScreenshot(page, 'snapshot-request-tests-dark');
  expect(await axeViolations(page)).toEqual([]);
  await wb.chooseTheme('light');

  await collections.save();
  const file = join(await collections.workspaceDir(), 'collections', 'Snap', 'get ada.grpc.json');
  await expect
    .poll(() => (JSON.parse(readFileSync(file, 'utf8')) as { snapshot?: unknown }).snapshot)
    .toEqual({ ignore: ['headers.date'] });

  const runner = new RunnerPage(page);
  await runner.open('Snap');
  await runner.run();
  await expect(runner.state).toContainText('Finished: 1 passed, 0 failed');
  await expect(runner.result('Snap/get ada')).toContainText('Snapshot NEW');
  await expect(runner.result('Snap/get ada')).toContainText('snapshots/');
  await docScreenshot(page, 'snapshot-request-runner-new-light');
  expect(await axeViolations(page)).toEqual([]);
  await runner.close();

  await wb.chooseTheme('dark');
  await runner.open('Snap');
  await runner.run();
  await expect(runner.result('Snap/get ada')).toContainText('Snapshot matches');
  await expect(runner.state).toContainText('Finished: 1 passed, 0 failed');
  await docScreenshot(page, 'snapshot-request-runner-matches-dark');
  expect(await axeViolations(page)).toEqual([]);
  await runner.close();

  // Another user asked for: the call no longer matches, and the differences are said.
  await wb.fill('id', '2');
  await collections.save();
  await expect
    .poll(() => (JSON.parse(readFileSync(file, 'utf8')) as { messages: unknown[] }).messages)
    .toEqual([{ id: '2' }]);
  await runner.open('Snap');
  await runner.run();
  await expect(runner.state).toContainText('Finished: 0 passed, 1 failed');
  const changed = runner.result('Snap/get ada');
  await expect(changed).toContainText('✗ Failed');
  await expect(changed).toContainText('Snapshot changed');
  await expect(
    changed.getByLabel('Snapshot differences of snapshots/Snap/get ada.ndjson'),
  ).toContainText(/\S/);
  await docScreenshot(page, 'snapshot-request-runner-changed-dark');
  expect(await axeViolations(page)).toEqual([]);
});
