import { test, expect } from './fixtures/workbench.js';
import { readFileSync, rmSync } from 'node:fs';
import { CapturePanel, chatThrough, getUserThrough } from './pages/capture.js';
import { makeCerts } from './fixtures/certs.js';
import { RecordingsPanel } from './pages/recordings.js';
import { axeViolations } from './pages/accessibility.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

// The Capture panel: a recording proxy started from the UI in front of the demo server. A real
// grpc-js client (this test, not the workbench) calls through it; the call shows live, opens in
// the recording viewer while it runs (and keeps coming in), and becomes a request, a replay with
// its diff, and a mock.

/** Where the tab is when the page reloads: nothing listens on the discard port. */
const OTHER_SERVER = '127.0.0.1:9';

test('a real client calls through a capture: live in the list, open while running, as a request, replayed, mocked', async ({
  wb,
  env,
  page,
}) => {
  const capture = new CapturePanel(page);
  await wb.connect(env.demoAddress);
  await capture.show();
  // The target is the active tab's server until it is changed.
  await expect(capture.target).toHaveValue(env.demoAddress);
  const listen = await capture.start();
  await expect(capture.status).toContainText(`→ ${env.demoAddress}`);

  const chat = chatThrough(listen);
  chat.say('alice');
  const row = capture.call('Chat');
  await expect(row).toContainText('running');
  await expect(row).toContainText('1↑ 1↓');

  // Opened while it runs; what comes after shows in the viewer too.
  await capture.open('Chat');
  await expect(capture.timeline).toContainText('Hello, alice!');
  chat.say('bob');
  await expect(row).toContainText('2↑ 2↓');
  await expect(capture.timeline).toContainText('Hello, bob!');
  await chat.end();
  await expect(row).toContainText('OK');
  expect(chat.replies).toHaveLength(2);

  // A reload finds the capture still running, with its calls (so it can be stopped), and still
  // in front of its own target while the tab is on another server.
  await wb.address.fill(OTHER_SERVER);
  await page.reload();
  await expect(wb.address).toHaveValue(OTHER_SERVER);
  await capture.show();
  await expect(capture.status).toContainText(listen);
  await expect(row).toContainText('OK');
  // The panel shows the running capture's target, and its port cannot be changed under it.
  await expect(capture.target).toHaveValue(env.demoAddress);
  await expect(capture.port).toBeDisabled();
  await capture.open('Chat');

  // Replayed against the target: the diff says the server answered the same.
  await capture.replayAndDiff();
  await expect(capture.viewer.getByRole('region', { name: 'Diff summary' })).toContainText(
    'Identical',
  );

  // The viewer's own Replay goes to the capture's target too, not the tab's server.
  await capture.viewer.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(capture.viewer.getByRole('region', { name: 'Diff summary' })).toContainText(
    'Identical',
  );

  await page.screenshot({ path: 'test-results/capture/replayed.png' });

  // Served by the mock server.
  await capture.addToMock();
  await expect(page.getByRole('alert').filter({ hasText: 'serves this call' })).toBeVisible();

  // Its metadata and messages as the draft of a new tab on the target.
  await capture.openAsRequest();
  await expect(wb.tabs.getByRole('tab', { selected: true })).toContainText('Chat');
  await expect(wb.request).toContainText('alice');
  await expect(wb.address).toHaveValue(env.demoAddress);

  await capture.show();
  await capture.stop();
  // The calls stay listed; their recordings stay in the recordings folder, listed as captured.
  await expect(row).toContainText('OK');
  const recordings = new RecordingsPanel(page);
  await recordings.show();
  await recordings.showAll();
  await expect(recordings.entries.filter({ hasText: 'Chat (captured)' })).toHaveCount(1);
});

test('the Capture settings dialog holds focus: first field on open, Tab stays in, Done gives it back', async ({
  wb,
  page,
}) => {
  const capture = new CapturePanel(page);
  await wb.skipWelcome();
  await capture.show();
  await capture.openSettings();
  const address = capture.settings.getByRole('textbox', { name: 'Address' });
  const done = capture.settings.getByRole('button', { name: 'Done' });
  await expect(address).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(done).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(address).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(capture.settings).toBeHidden();
  await expect(capture.settingsButton).toBeFocused();
});

test('a port in use is said in words', async ({ wb, env, page }) => {
  const capture = new CapturePanel(page);
  await wb.connect(env.demoAddress);
  await capture.show();
  const port = env.demoAddress.split(':')[1] as string;
  await capture.port.fill(port);
  await capture.region.getByRole('button', { name: 'Start capture' }).click();
  await expect(capture.error).toContainText(`port ${port} is in use by another program`);
});

test('clients reach the capture over TLS with a certificate and key chosen in the file browser', async ({
  wb,
  env,
  page,
}) => {
  const certs = makeCerts();
  try {
    const capture = new CapturePanel(page);
    await wb.connect(env.demoAddress);
    await capture.show();
    await capture.openSettings();
    await capture.serveTls(certs.dir, 'server.pem', 'server.key');
    await expect(capture.settings.getByRole('textbox', { name: 'Certificate file' })).toHaveValue(
      `${certs.dir}/server.pem`,
    );
    await page.screenshot({ path: 'test-results/capture/settings.png' });
    await capture.closeSettings();
    const listen = await capture.start();
    await expect(capture.status).toContainText('(TLS)');
    const reply = await getUserThrough(
      listen.replace('127.0.0.1', 'localhost'),
      readFileSync(certs.caFile),
    );
    expect(reply['id']).toBe('1');
    await expect(capture.call('GetUser')).toContainText('OK');
    await expect(capture.call('GetUser')).toContainText('1↑ 1↓');
  } finally {
    rmSync(certs.dir, { recursive: true, force: true });
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`the Capture panel with a live call passes axe (${theme})`, async ({ wb, env, page }) => {
    const capture = new CapturePanel(page);
    await wb.connect(env.demoAddress);
    await wb.chooseTheme(theme);
    await capture.show();
    const listen = await capture.start();
    const chat = chatThrough(listen);
    chat.say('alice');
    await expect(capture.call('Chat')).toContainText('1↑ 1↓');
    await capture.open('Chat');
    await expect(capture.timeline).toContainText('Hello, alice!');
    const serious = (await axeViolations(page)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious).toEqual([]);
    await docScreenshot(page, `screenshots/capture-${theme}`);
    await chat.end();
  });
}
