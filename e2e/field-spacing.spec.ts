// What a careful user sees (issue: look of the main views): a label's words never touch its field
// (Capture's Listen port, the request's Deadline, the runner's settings, the recording viewer's
// tools), the Data file… button stands clear of its field, the top bar never runs off a 900 px
// window, the recording viewer starts below the tab bar, and a settings dialog takes focus when
// it opens so Escape closes it; the environment editor's fields fill their columns; a tab's name
// stays on one line, a narrow timeline gives its data a line of its own, and a checkbox sits on
// the middle of its words. Each check fails without its fix (styles.css, useDialogTop,
// useModalFocus, Timeline's row height read from the styles).
import { test, expect } from './fixtures/workbench.js';
import { ActionRowPage } from './pages/action-row.js';
import { CapturePanel, chatThrough, getUserThrough } from './pages/capture.js';
import { cutHints, offMiddle } from './pages/design-review.js';
import { EnvironmentsPage } from './pages/environments.js';
import {
  boxesOffTheirWords,
  brokenOverLines,
  columnEdges,
  dataRoomInCharacters,
  fillsColumn,
  gapBetween,
  labelsTouchingFields,
  rowsOverlap,
  shownWhole,
} from './pages/field-spacing.js';
import { LayoutPage } from './pages/layout.js';
import { LoadPage } from './pages/load.js';
import { RecordingsPanel } from './pages/recordings.js';
import { RunnerPage, saveRequests } from './pages/runner.js';
import { TimelinePage } from './pages/timeline.js';

test.use({ viewport: { width: 1280, height: 800 } });

test('labels keep their words off their fields: Capture, request, recording viewer', async ({
  wb,
  env,
  page,
}) => {
  const capture = new CapturePanel(page);
  await wb.connect(env.demoAddress);
  await capture.show();
  await expect(capture.port).toBeVisible();
  expect(await labelsTouchingFields(capture.region)).toEqual([]);

  const rec = new RecordingsPanel(page);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '2');
  await wb.fill('interval_ms', '1');
  expect(await labelsTouchingFields(wb.request)).toEqual([]);
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await rec.show();
  await rec.open();
  expect(await labelsTouchingFields(rec.viewer)).toEqual([]);
});

test('the runner and Load settings: labels off their fields, Data file… clear of its field', async ({
  wb,
  env,
  page,
}) => {
  test.setTimeout(120_000);
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Suite', { 'get user': { messages: [{ id: '1' }] } });
  const runner = new RunnerPage(page);
  await runner.open('Suite');
  expect(await labelsTouchingFields(runner.dialog)).toEqual([]);
  const runnerFile = runner.dialog.getByRole('textbox', { name: 'Data file' });
  const runnerBrowse = runner.dialog.getByRole('button', { name: 'Data file…' });
  expect(await gapBetween(runnerFile, runnerBrowse)).toBeGreaterThanOrEqual(4);
  expect((await offMiddle(runnerFile, [runnerBrowse]))[0]).toBeLessThanOrEqual(2);
  // …and wide enough for its hint at 1280 and 900 px.
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    expect(await cutHints(runnerFile), `Data file at ${width}`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await runner.close();

  const load = new LoadPage(page);
  await load.open('get user');
  expect(await labelsTouchingFields(load.dialog)).toEqual([]);
  const browse = load.dialog.getByRole('button', { name: 'Data file…' });
  expect(await gapBetween(load.dataFile, browse)).toBeGreaterThanOrEqual(4);
});

test('at 900 px the top bar keeps every control in the window; the recording viewer fits between the tabs and the status bar, beside the Recordings panel', async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await wb.connect(env.demoAddress);
  const rec = new RecordingsPanel(page);
  await wb.tailToEnd(2, 1);
  await rec.show();
  await rec.open();
  await rec.serveAsMock();
  const stopMock = rec.region.getByRole('button', { name: 'Stop mock' });
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    expect(await brokenOverLines(stopMock), `Stop mock at ${width}`).toEqual([]);
    expect(await layout.topBarOverflows(), `top bar at ${width}`).toBe(false);
    await expect
      .poll(() => layout.inWindow(page.getByRole('combobox', { name: 'Theme' })))
      .toBe(true);
    const tabsEnd = await layout.tabBarBottom();
    await expect
      .poll(async () => (await rec.viewer.boundingBox())?.y ?? 0, `viewer at ${width}`)
      .toBeGreaterThanOrEqual(tabsEnd - 1);
    // …and it ends at the status bar: nothing of the pane behind shows in between, nor is the
    // status bar covered.
    // …and beside the Recordings panel, never over its list.
    expect(
      await gapBetween(rec.region, rec.viewer),
      `viewer beside at ${width}`,
    ).toBeGreaterThanOrEqual(0);
    const barTop = (await wb.statusBar.boundingBox())?.y ?? 0;
    await expect
      .poll(async () => {
        const box = await rec.viewer.boundingBox();
        return Math.abs(Math.round(barTop - (box ? box.y + box.height : 0)));
      }, `viewer's foot at ${width}`)
      .toBeLessThanOrEqual(1);
  }
});

test('Connection settings and Environments take focus when they open: Escape closes them, focus returns; its buttons stay in view', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  const opener = page.getByRole('button', { name: 'Connection settings…' });
  await opener.click();
  const settings = page.getByRole('dialog', { name: 'Connection settings' });
  await expect(settings.getByRole('textbox', { name: 'Address' })).toBeFocused();
  // Longer than a 800 px window, it scrolls; its buttons stay whole at its foot.
  for (const name of ['Close', 'Load schema'])
    expect(await shownWhole(settings.getByRole('button', { name, exact: true })), name).toBe(true);
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(opener).toBeFocused();

  const envs = new EnvironmentsPage(page);
  await envs.openEditor();
  // No environment yet: the editor opens on a new one, its name first.
  await expect(envs.editor.getByLabel('Environment name')).toBeFocused();
  // The variables' fields fill their columns, under their headings.
  const table = envs.editor.getByRole('table', { name: 'Variables' });
  for (const [field, heading] of [
    ['Variable 1 name', 'Name'],
    ['Variable 1 value', 'Value'],
  ] as const)
    expect(
      await fillsColumn(
        envs.editor.getByLabel(field),
        table.getByRole('columnheader', { name: heading }),
      ),
      field,
    ).toBe(true);
  await page.keyboard.press('Escape');
  await expect(envs.editor).toBeHidden();
  await expect(page.getByRole('button', { name: 'Environments…' })).toBeFocused();
});

test('the response views: every tab in the window, Copy centred beside them, at 1280 and 900 px', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.getUser('1');
  const copy = wb.response.getByRole('button', { name: 'Copy', exact: true });
  const first = wb.response.getByRole('tab', { name: 'Response' });
  const tabs = wb.response.getByRole('tablist', { name: 'Response views' }).getByRole('tab');
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    // Every tab stays in the window: a row too narrow for them all wraps whole tabs.
    for (const tab of await tabs.all())
      await expect.poll(() => shownWhole(tab), `tab at ${width}`).toBe(true);
    const [c, t] = await Promise.all([copy.boundingBox(), first.boundingBox()]);
    // Not stretched over the row's bottom border: shorter than the tabs and centred on them.
    expect(c?.height ?? 99, `Copy at ${width}`).toBeLessThan((t?.height ?? 0) - 2);
    expect((await offMiddle(copy, [first]))[0], `Copy at ${width}`).toBeLessThanOrEqual(2);
  }
});

test('the Auth type select is as wide as the message field above it, at 1280 and 900 px', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  const id = wb.request.getByRole('textbox', { name: /^id/ });
  const authType = wb.request.getByRole('combobox', { name: 'Auth type' });
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([authType.boundingBox(), id.boundingBox()]);
        return Math.round((a?.width ?? 0) - (b?.width ?? 0));
      }, `Auth type at ${width}`)
      .toBeGreaterThanOrEqual(-2);
  }
});

test('the request editor tools stand apart like tool buttons elsewhere', async ({ wb, env }) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.showJson();
  const tool = (name: string) => wb.request.getByRole('button', { name, exact: true });
  expect(await gapBetween(tool('Example'), tool('Format'))).toBeGreaterThanOrEqual(4);
  expect(await gapBetween(tool('Format'), tool('Run load…'))).toBeGreaterThanOrEqual(4);
});

test('captured calls: their counts and durations stand in columns from row to row', async ({
  wb,
  env,
  page,
}) => {
  const capture = new CapturePanel(page);
  await wb.connect(env.demoAddress);
  await capture.show();
  const listen = await capture.start();
  // Rows of different widths every time: a stream of 150 messages each way (150↑ 150↓) beside
  // unary calls (1↑ 1↓), whose durations differ too (15 ms, 347 ms).
  const chat = chatThrough(listen);
  for (let i = 0; i < 150; i++) chat.say(`sender ${i}`);
  await expect.poll(() => chat.replies.length).toBe(150);
  await chat.end();
  for (let i = 0; i < 2; i++) await getUserThrough(listen);
  await expect(capture.calls).toHaveCount(3);
  await expect(capture.calls.filter({ hasText: 'running' })).toHaveCount(0);
  await expect(capture.call('Chat')).toContainText('150↑ 150↓');
  // The columns must not follow the figures: they start, and end, at the same place in each row.
  const edges = await columnEdges(capture.calls, 2);
  for (const row of edges) expect(row).toEqual(edges[0]);
  await capture.stop();
});

test('a stream at 900 px: its view tabs keep their names on one line, its timeline gives the data room', async ({
  wb,
  env,
  page,
}) => {
  const timeline = new TimelinePage(wb);
  await wb.connect(env.demoAddress);
  await wb.tailToEnd(3, 1);
  const tabs = wb.response.getByRole('tablist', { name: 'Response views' }).getByRole('tab');
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    await expect.poll(() => brokenOverLines(tabs), `tabs at ${width}`).toEqual([]);
    // Each row's data (the message, the headers, the status) has room for words, not 3 letters;
    // a narrow list puts it on a line of its own, and its rows still stand one below the other.
    await expect(timeline.rows).toHaveCount(9);
    for (const row of await timeline.rows.all())
      expect(await dataRoomInCharacters(row), `data at ${width}`).toBeGreaterThanOrEqual(20);
    // The row height follows the styles once the timeline's resize observer has run.
    await expect.poll(() => rowsOverlap(timeline.rows), `rows at ${width}`).toBe(false);
  }
  // An event's detail: its heading and its time and size each stay whole on a line.
  await timeline.rows.filter({ hasText: '"seq":"2"' }).click();
  await expect(timeline.detailHeading).toHaveText('2nd message received');
  const head = [timeline.detailHeading, timeline.detail.getByText(/^at \+/)];
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    for (const part of head)
      await expect.poll(() => brokenOverLines(part), `detail at ${width}`).toEqual([]);
  }
});

test('a checkbox sits on the middle of its words: Record, Include secrets, the timeline tools', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.tailToEnd(1);
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    expect(await boxesOffTheirWords(wb.request), `request at ${width}`).toEqual([]);
    expect(await boxesOffTheirWords(wb.response), `response at ${width}`).toEqual([]);
    // A flag in the words below stays whole: "--" never ends a line with "snapshots" on the next.
    expect(await brokenOverLines(wb.request.getByText('--snapshots')), `flag at ${width}`).toEqual(
      [],
    );
    // …and Record lines up with the Deadline field beside it.
    const record = wb.request.getByRole('checkbox', { name: 'Record' });
    const deadline = wb.request.getByRole('textbox', { name: 'Deadline (ms)' });
    expect((await offMiddle(record, [deadline]))[0], `Record at ${width}`).toBeLessThanOrEqual(1);
  }
});

test('an open stream at 900 px: Send message, End stream and Cancel all stay inside the request pane', async ({
  wb,
  env,
  page,
}) => {
  const row = new ActionRowPage(wb);
  await wb.connect(env.demoAddress);
  await wb.startChat('Ada', 'hi');
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    const { clipped } = await row.layout(['Send message', 'End stream', 'Cancel']);
    expect(clipped, `at ${width}`).toEqual([]);
  }
});
