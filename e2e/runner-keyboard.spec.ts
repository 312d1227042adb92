// The runner dialog by keyboard: Tab and Shift+Tab stay in it (before, during and after a run,
// when starting a run disables its settings and ending it takes Cancel away), and focus goes back
// to the button that opened it when it closes, by Escape or by Close.
import { test, expect } from './fixtures/workbench.js';
import { RunnerPage, saveRequests } from './pages/runner.js';

/** More presses than the dialog has controls, so every wrap-around is crossed. */
const AROUND = 14;

test('Tab stays in the runner dialog and Escape gives focus back to its opener', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Keys', {
    'get ada': { messages: [{ id: '1' }], assertions: [{ expr: 'status.code == 0' }] },
  });
  const runner = new RunnerPage(page);
  await runner.open('Keys');
  await expect(runner.dialog.getByRole('combobox', { name: /^Environment/ })).toBeFocused();
  expect(await runner.tabStaysInside(AROUND)).toBe(true);
  expect(await runner.tabStaysInside(AROUND, 'Shift+Tab')).toBe(true);
  await page.keyboard.press('Escape');
  await expect(runner.dialog).toBeHidden();
  await expect(runner.actionsButton('Keys')).toBeFocused();
});

test('focus stays in the runner dialog through a run, and Close gives it back to its opener', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Tail', {
    'tail forever': {
      method: '/example.LogService/Tail',
      messages: [{ source: 'e2e', lines: 0, intervalMs: 50 }],
    },
  });
  const runner = new RunnerPage(page);
  await runner.open('Tail');
  const run = runner.dialog.getByRole('button', { name: 'Run', exact: true });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(runner.dialog.getByText('Now: Tail/tail forever')).toBeVisible();
  // The settings are disabled while it runs: Cancel, the one control left, has focus.
  const cancel = runner.dialog.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  expect(await runner.tabStaysInside(3)).toBe(true);
  expect(await runner.tabStaysInside(3, 'Shift+Tab')).toBe(true);
  // Escape does not close a run in progress.
  await page.keyboard.press('Escape');
  await expect(runner.dialog).toBeVisible();
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(runner.state).toContainText('Cancelled');
  expect(await runner.focusIsInside()).toBe(true);
  expect(await runner.tabStaysInside(AROUND)).toBe(true);
  const close = runner.dialog.getByRole('button', { name: 'Close' });
  await close.focus();
  await page.keyboard.press('Enter');
  await expect(runner.dialog).toBeHidden();
  await expect(runner.actionsButton('Tail')).toBeFocused();
});
