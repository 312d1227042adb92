// The frame scales with the work: a rail of sidebar panels (one open, resizable, collapsible,
// remembered), history rows that show their server and reopen with their response, a top bar on
// one line at 1024 px, dialogs below the tab bar.
import { test, expect } from './fixtures/workbench.js';
import { LayoutPage } from './pages/layout.js';
import { axeViolations } from './pages/accessibility.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { RecordingsPanel } from './pages/recordings.js';
import { freePort } from '../test/free-port.testkit.js';

test('the sidebar is a rail: one panel at a time, resized by keyboard, collapsed, remembered', async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await wb.connect(env.demoAddress);
  await expect(layout.openPanels).toHaveCount(1);
  await expect(layout.panel('Services')).toBeVisible();

  await layout.openPanel('History');
  await expect(layout.openPanels).toHaveCount(1);
  await expect(layout.panel('History').getByRole('region', { name: 'History' })).toBeVisible();
  await expect(wb.tree).toBeHidden();

  // The splitter: arrow keys move it, and it stops at a width the service tree still fits in.
  await layout.openPanel('Services');
  const start = await layout.sidebarWidth();
  await layout.splitter.focus();
  await page.keyboard.press('ArrowRight');
  await expect(layout.splitter).toHaveAttribute('aria-valuenow', String(start + 16));
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowLeft');
  const narrowest = await layout.sidebarWidth();
  expect(narrowest).toBeGreaterThanOrEqual(200);
  expect(await layout.treeWidth()).toBeGreaterThanOrEqual(190);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const chosen = await layout.sidebarWidth();

  // Collapsing leaves the rail; its button opens the panel again.
  await page.keyboard.press('Enter');
  await expect(layout.openPanels).toHaveCount(0);
  await layout.openPanel('History');
  await expect(layout.openPanels).toHaveCount(1);

  // A reload keeps the open panel and the width.
  await page.reload();
  await expect(layout.panel('History')).toBeVisible();
  expect(await layout.sidebarWidth()).toBe(chosen);
});

test('history rows show the server and the whole method; reopening brings back the response', async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await wb.connect(env.demoAddress);
  await wb.getUser('1');
  await expect(wb.responseJson).toContainText('"name"');
  const answer = (await wb.responseJson.textContent()) ?? '';
  await wb.fill('id', 'nobody');
  await wb.send();
  await expect(wb.status).toContainText('NOT_FOUND');

  await layout.openPanel('History');
  // At the narrowest sidebar, a long status and the server still leave the method whole.
  await layout.splitter.focus();
  await page.keyboard.press('Home');
  await expect(layout.historyEntries).toHaveCount(2);
  for (const row of [layout.historyEntries.first(), layout.historyEntries.nth(1)]) {
    await expect(row).toContainText(env.demoAddress);
    expect(await layout.textClipped(row, 'GetUser')).toBe(false);
  }

  // The OK call reopens in a new tab with its response, not only its request.
  await layout.historyEntries.nth(1).click();
  await expect(layout.requestTabs.getByRole('tab')).toHaveCount(2);
  await expect(wb.field('id')).toHaveValue('1');
  await expect(wb.status).toContainText('OK');
  await expect(wb.responseJson).toHaveText(answer);
});

test('the top bar keeps one line at 1024 px, and dialogs open below the tab bar', async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  // The welcome dialog first: it too leaves the tab bar in view.
  const welcome = page.getByRole('dialog', { name: 'Welcome' });
  await expect(welcome).toBeVisible();
  expect(await layout.dialogTop(welcome)).toBeGreaterThanOrEqual(await layout.tabBarBottom());
  await wb.connect(env.demoAddress);
  // The widest the bar gets: TLS without verification shows its warning.
  await page.getByRole('combobox', { name: 'Security' }).selectOption('tls-skip');
  await expect(page.getByRole('note').filter({ hasText: 'verification is off' })).toBeVisible();
  expect(await layout.topBarRows()).toBe(1);
  expect(await layout.topBarOverflows()).toBe(false);
  for (const control of [
    page.getByRole('combobox', { name: 'Theme' }),
    page.getByRole('button', { name: 'Connection settings…' }),
    page.getByRole('button', { name: 'Load by reflection' }),
  ])
    expect(await layout.inWindow(control)).toBe(true);

  await page.getByRole('button', { name: 'Connection settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Connection settings' });
  await expect(settings).toBeVisible();
  expect(await layout.dialogTop(settings)).toBeGreaterThanOrEqual(await layout.tabBarBottom());
  await page.screenshot({ path: 'test-results/layout/dialog-1024.png' });
});

test('the demo server and a mock listen on the port given in the UI, remembered for next time', async ({
  wb,
  page,
}) => {
  const layout = new LayoutPage(page);
  const demoPort = await freePort();
  await layout.portField('Demo port').fill(String(demoPort));
  await wb.tryDemo();
  await expect(wb.address).toHaveValue(new RegExp(`:${demoPort}$`));
  await expect(wb.tree.getByRole('treeitem').first()).toBeVisible();

  await wb.openMethod('example.UserService', 'GetUser');
  await wb.request.getByRole('checkbox', { name: 'Record' }).check();
  await wb.fill('id', '1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await layout.openPanel('Recordings');
  const mockPort = await freePort();
  await layout.portField('Mock port').fill(String(mockPort));
  await layout.portField('Mock port').fill('70000');
  await expect(layout.panel('Recordings').getByRole('alert')).toContainText('65535');
  await layout.portField('Mock port').fill(String(mockPort));
  const rec = new RecordingsPanel(page);
  await rec.open(0);
  expect(await rec.serveAsMock()).toBe(mockPort);
  await rec.stopMock();

  await layout.welcomeAgain();
  await expect(layout.portField('Demo port')).toHaveValue(String(demoPort));
  await page.keyboard.press('Escape');
  await layout.openPanel('Recordings');
  await expect(layout.portField('Mock port')).toHaveValue(String(mockPort));
});

for (const theme of ['light', 'dark'] as const) {
  test(`the rail at 1024, 1440 and 1920 px passes axe (${theme})`, async ({ wb, env, page }) => {
    const layout = new LayoutPage(page);
    await wb.connect(env.demoAddress);
    await wb.chooseTheme(theme);
    await wb.getUser('1');
    await layout.openPanel('History');
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      expect(await layout.topBarRows()).toBe(1);
      // The request and response panes are checked by their own specs: here the rail and top bar.
      const serious = [];
      for (const v of await axeViolations(page)) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        const mine = await layout.inFrame(v.targets);
        if (mine.length > 0) serious.push({ id: v.id, targets: mine });
      }
      expect(serious).toEqual([]);
      await page.screenshot({ path: `test-results/layout/rail-${theme}-${width}.png` });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await docScreenshot(page, `screenshots/rail-${theme}`);
  });
}
