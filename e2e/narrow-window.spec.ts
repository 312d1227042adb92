// A 900 px window (session 25's review): the sidebar gives way to the request, a recording's
// viewer never stays over Send, the viewer's title and the load view's verdict are read once and
// whole, and a picked timeline row survives the window narrowing.
import { test, expect } from './fixtures/workbench.js';
import { CapturePanel, getUserThrough } from './pages/capture.js';
import { ChecksPage } from './pages/checks.js';
import {
  clippedInside,
  controlsOutside,
  linesSpanned,
  onTop,
  seenTexts,
  contentLeft,
  textLines,
  wrapLines,
  type WrapLine,
} from './pages/design-review.js';
import { gapBetween } from './pages/field-spacing.js';
import { LayoutPage, type RailPanelName } from './pages/layout.js';
import { LoadPage } from './pages/load.js';
import { RecordingsPanel } from './pages/recordings.js';
import { saveRequests } from './pages/runner.js';
import { TimelinePage } from './pages/timeline.js';

/** The narrowest window the desktop app allows (app/electron/window.ts minWidth) and 900 px. */
const NARROW = [900, 720];

/** What keeps lines from wrapping cleanly (none when each ends at the first one's right edge, its
 *  parts on one middle and --tool-gap, 4 px, apart), each said with `what` and its line. */
function unclean(lines: WrapLine[], what: string, left = -Infinity): string[] {
  const right = lines[0]?.right ?? 0;
  return lines.flatMap((line, i) => {
    const at = `${what}, line ${i + 1} of ${lines.length}`;
    return [
      ...(line.left < left - 0.5 ? [`${at}: starts at ${line.left}, left of ${left}`] : []),
      ...(Math.abs(line.right - right) > 1 ? [`${at}: right edge ${line.right} vs ${right}`] : []),
      ...(line.spread > 1 ? [`${at}: middles ${line.spread} apart`] : []),
      ...line.gaps.filter((g) => Math.abs(g - 4) > 0.5).map((g) => `${at}: gap ${g}`),
    ];
  });
}

/** Worker threads start slowly on a loaded two-core machine: generous, never a target. */
const RUN_BOUND = { timeout: 90_000 };

test('at 900 px the sidebar gives way and the request header stands on two lines; at 1440 px it has its width back', async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await page.setViewportSize({ width: 900, height: 700 });
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  const header = [
    wb.request.getByText('UNARY', { exact: true }),
    wb.request.getByText('example.UserService.GetUser', { exact: true }),
    wb.request.getByRole('checkbox', { name: 'Record' }),
    wb.request.getByRole('textbox', { name: 'Deadline (ms)' }),
    wb.request.getByRole('button', { name: 'Send', exact: true }),
  ];
  await expect.poll(() => linesSpanned(header)).toBeLessThanOrEqual(2);
  expect(await layout.sidebarWidth()).toBeLessThan(280);
  // The tree is still there to pick from.
  expect(await layout.treeWidth()).toBeGreaterThanOrEqual(190);
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect.poll(() => layout.sidebarWidth()).toBe(280);
});

test('a recording viewer goes when the user goes to another sidebar panel: Send is never under it; its title is whole', async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  const rec = new RecordingsPanel(page);
  await page.setViewportSize({ width: 900, height: 700 });
  await wb.connect(env.demoAddress);
  await wb.tailToEnd(5, 1);
  await rec.show();
  await rec.open();
  // Whole, not cut by an ellipsis: the date and the counts and the status are read.
  expect(await layout.textClipped(rec.viewerTitle, 'OK')).toBe(false);
  await expect(rec.viewerTitle).toContainText(/Tail · .+ · 5 ↓ 1 ↑ · OK/);

  await layout.openPanel('Services');
  await expect(rec.viewer).toBeHidden();
  const send = wb.request.getByRole('button', { name: 'Send', exact: true });
  expect(await onTop(send)).toBe(true);

  // A captured call's viewer, then the Recordings panel (which shows a viewer too): it went.
  const capture = new CapturePanel(page);
  await rec.show();
  await rec.open();
  await capture.show();
  await expect(rec.viewer).toBeHidden();
  await getUserThrough(await capture.start(), undefined);
  await capture.open('GetUser');
  await rec.show();
  await expect(rec.viewer).toBeHidden();
  expect(await onTop(send)).toBe(true);

  // Collapsing the sidebar from the Recordings panel is going elsewhere too.
  await rec.show();
  await rec.open();
  await layout.railTab('Recordings').click();
  await expect(layout.openPanels).toHaveCount(0);
  await expect(rec.viewer).toBeHidden();
  expect(await onTop(send)).toBe(true);
});

test('the load view says "Finished" once: the report heading', async ({ wb, env, page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 900, height: 700 });
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Load', { 'get user': { messages: [{ id: '1' }] } });
  const load = new LoadPage(page);
  await load.open('get user');
  await load.set({ Concurrency: '1', Duration: '500ms' });
  await load.run();
  // Still told to a screen reader, through the status line.
  await expect(load.state).toHaveText('Finished', RUN_BOUND);
  await expect(load.report).toBeVisible();
  expect(await seenTexts(load.dialog, 'Finished')).toEqual([
    // A quiet machine makes 1,000 or more calls in the 500 ms: the count has a thousands separator.
    expect.stringMatching(/^Finished: \d{1,3}(,\d{3})* calls/),
  ]);
});

for (const pick of ['19', '2'] as const)
  test(`a picked timeline row (seq ${pick}), then the window narrows: rows are drawn, the picked one in view`, async ({
    wb,
    env,
    page,
  }) => {
    const tl = new TimelinePage(wb);
    await page.setViewportSize({ width: 1440, height: 900 });
    await wb.connect(env.demoAddress);
    await wb.tailToEnd(20, 1);
    await tl.rows.filter({ hasText: `"seq":"${pick}"` }).click();
    await expect(tl.detailHeading).toHaveText(/message received/);
    await page.setViewportSize({ width: 900, height: 700 });
    await expect.poll(async () => (await tl.rowsInView()).join('\n')).toContain(`"seq":"${pick}"`);
  });

test('the keyboard on a timeline row, then the window narrows: rows are drawn', async ({
  wb,
  env,
  page,
}) => {
  const tl = new TimelinePage(wb);
  await page.setViewportSize({ width: 1440, height: 900 });
  await wb.connect(env.demoAddress);
  await wb.tailToEnd(20, 1);
  await tl.tabIntoList();
  await tl.press('End');
  await tl.press('ArrowUp', 2);
  await tl.press('Enter');
  await expect(tl.detailHeading).toHaveText(/message received/);
  await page.setViewportSize({ width: 900, height: 700 });
  await expect.poll(async () => (await tl.rowsInView()).length).toBeGreaterThan(0);
  expect(await tl.activeRowInView()).toBe(true);
});

test('a failed call at 900 and 1440 px: its error and details stay inside the response pane, a capture not taken reads "userName =" on one line', async ({
  wb,
  env,
  page,
}) => {
  const checks = new ChecksPage(page);
  const layout = new LayoutPage(page);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', 'nobody');
  await checks.addCapture('userName', 'response.name');
  await wb.send();
  await expect(wb.status).toContainText('NOT_FOUND');
  // Only a capture: the view is "Captured", saying why the name was not taken.
  await checks.responseView(/^Captured\b/).click();
  const term = wb.response.getByRole('term').filter({ hasText: 'userName' });
  for (const width of [1440, 900]) {
    await page.setViewportSize({ width, height: 700 });
    await expect.poll(() => textLines(term), `the name at ${width}`).toBe(1);
    expect(await layout.textClipped(wb.response, 'not found'), `message at ${width}`).toBe(false);
    // The details' longest line (ResourceInfo's description).
    expect(await layout.textClipped(wb.response, 'known ids'), `details at ${width}`).toBe(false);
  }
});

test("every panel at the sidebar's narrowest (200 px): its controls inside it", async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await wb.connect(env.demoAddress);
  await layout.splitter.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => layout.sidebarWidth()).toBe(200);
  const panels: RailPanelName[] = ['Services', 'Collections', 'History', 'Recordings', 'Capture'];
  for (const panel of panels) {
    await layout.openPanel(panel);
    expect(await controlsOutside(layout.panel(panel)), `controls of ${panel}`).toEqual([]);
  }
});

test("at the sidebar's narrowest (200 px) nothing in a panel is cut or runs past its box; a long search ends in an ellipsis", async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await wb.connect(env.demoAddress);
  await saveRequests(page, env.demoAddress, 'A collection with a long name', {
    'get the user whose id is one': { messages: [{ id: '1' }] },
  });
  await wb.getUser('1');
  await wb.tailToEnd(3, 1);
  await layout.splitter.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => layout.sidebarWidth()).toBe(200);
  const panels: RailPanelName[] = ['Services', 'Collections', 'History', 'Recordings', 'Capture'];
  for (const panel of panels) {
    await layout.openPanel(panel);
    // "Method, host, body, statu" was the History search's hint; "Import file…" ran 3 px past
    // its button (the file field inside it).
    expect(await clippedInside(layout.panel(panel)), panel).toEqual([]);
  }
  const long = 'example.UserService/GetUser on 127.0.0.1 NOT_FOUND';
  for (const [panel, search] of [
    ['Services', 'Filter services'],
    ['History', 'Search history'],
  ] as const) {
    await layout.openPanel(panel);
    await layout.panel(panel).getByRole('searchbox', { name: search }).fill(long);
    await layout.panel(panel).getByRole('searchbox', { name: search }).blur();
    expect(await clippedInside(layout.panel(panel)), `${panel} searched`).toEqual([]);
  }
});

test('at 900 and 720 px the request tools and the call buttons wrap cleanly, the primary button on the upper line and in view', async ({
  wb,
  env,
  page,
}) => {
  const tool = (name: string) => wb.request.getByRole('button', { name, exact: true });
  const secrets = wb.request.getByText('Include secrets', { exact: true });
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  for (const width of NARROW) {
    await page.setViewportSize({ width, height: 700 });
    for (const view of ['Form', 'JSON'] as const) {
      await (view === 'Form' ? wb.showForm() : wb.showJson());
      const tools = ['Example', ...(view === 'JSON' ? ['Format'] : []), 'Run load…'];
      const parts = [...tools, 'Copy as grpcurl'].map(tool).concat(secrets);
      // In JSON at 900 px: "Run load…" stood alone at the left of a second line, Copy on a third.
      // Polled: the sidebar gives way to a narrower window a moment after it narrows.
      // At 720 px "Copy as grpcurl" started 7 px left of the fields, on the pane's left edge: no
      // tool starts left of their row's padding (the row is Example's parent).
      await expect
        .poll(async () =>
          unclean(
            await wrapLines(parts),
            `${view} tools at ${width}`,
            await contentLeft(tool('Example').locator('xpath=..')),
          ),
        )
        .toEqual([]);
    }
  }

  await wb.startChat('Ada', 'hi');
  const calls = ['Send message', 'End stream', 'Cancel'].map(tool);
  for (const width of NARROW) {
    await page.setViewportSize({ width, height: 700 });
    await expect(tool('End stream')).toBeVisible();
    // At 900 px "Cancel" went alone to a second line; at 720 px "End stream" went with it.
    await expect
      .poll(async () => unclean(await wrapLines(calls), `call buttons at ${width}`))
      .toEqual([]);
    expect(
      await wrapLines([calls[1]!, calls[2]!]),
      `End stream and Cancel on one line at ${width}`,
    ).toHaveLength(1);
    const primary = (await calls[0]!.boundingBox())!;
    const others = await Promise.all(calls.slice(1).map((c) => c.boundingBox()));
    expect(
      others.every((b) => b !== null && b.y >= primary.y - 1),
      `primary on top at ${width}`,
    ).toBe(true);
    expect(primary.x + primary.width, `primary in the window at ${width}`).toBeLessThanOrEqual(
      width,
    );
    expect(await onTop(calls[0]!), `primary seen at ${width}`).toBe(true);
  }
});

test('the snapshot ignore-path rows keep small buttons as high as the other Tests buttons', async ({
  wb,
  env,
  page,
}) => {
  const checks = new ChecksPage(page);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await checks.compareWithSnapshot.check();
  await checks.addSnapshotIgnorePath('headers.date');
  const height = async (name: string): Promise<number> =>
    Math.round((await checks.section.getByRole('button', { name }).boundingBox())?.height ?? 0);
  const small = await height('Add assertion');
  expect(await height('Remove snapshot ignore path 1')).toBe(small);
  expect(await height('Add ignore path')).toBe(small);
});

test('the tools of a Tests row and of a prepared message stand as far apart as the request tools (4 px)', async ({
  wb,
  env,
  page,
}) => {
  const checks = new ChecksPage(page);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await checks.addAssertion('response.age > 40');
  const tool = (name: string) => checks.section.getByRole('button', { name, exact: true });
  const row = ['Move assertion 1 up', 'Move assertion 1 down', 'Delete assertion 1'].map(tool);
  for (let i = 1; i < row.length; i++)
    expect(await gapBetween(row[i - 1]!, row[i]!)).toBeGreaterThanOrEqual(4);

  await wb.openMethod('example.BatchService', 'Upload');
  await wb.addMessage();
  const action = (name: string) => wb.messageList.getByRole('button', { name, exact: true });
  const actions = ['Duplicate message 1', 'Move message 1 up', 'Move message 1 down'].map(action);
  for (let i = 1; i < actions.length; i++)
    expect(await gapBetween(actions[i - 1]!, actions[i]!)).toBeGreaterThanOrEqual(4);
});
