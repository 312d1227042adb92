// A recording of a gzip-compressed call, opened in the viewer: a message's detail says its size
// and its size on the wire ("N B · M B gzip on the wire"), as the live call's does (the recording
// keeps wireSize and encoding since 5e07e50). The call is made in the UI with gzip chosen in
// Connection settings; the sent message is long and repetitive, so it crosses the wire smaller.
import { test, expect, type Env } from './fixtures/workbench.js';
import type { WorkbenchPage } from './pages/workbench.js';
import { axeViolations } from './pages/accessibility.js';
import { ProxyPage } from './pages/proxy.js';
import { RecordingEvent } from './pages/recording-event.js';
import { RecordingsPanel } from './pages/recordings.js';

/** What the sent message's source is: 300 bytes that gzip makes a few dozen. */
const SOURCE = 'wire'.repeat(75);
const WIRE_SIZE = /^at \+[\d.]+ ?(ms|s) · 3\d\d B · \d\d B gzip on the wire$/;

/** Records a Tail call sent gzip-compressed, and opens its recording and its sent message. */
async function openCompressedRecording(
  wb: WorkbenchPage,
  env: Env,
  rec: RecordingsPanel,
): Promise<RecordingEvent> {
  const settings = new ProxyPage(wb.page);
  await rec.show();
  await wb.address.fill(env.demoAddress);
  await settings.open();
  await settings.compression.selectOption('gzip');
  await settings.loadSchema();
  await wb.openMethod('example.LogService', 'Tail');
  await expect(rec.recordToggle).toBeChecked();
  await wb.fill('source', SOURCE);
  await wb.fill('lines', '1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(rec.entries).toHaveCount(1);
  await rec.open();
  const event = new RecordingEvent(rec);
  await event.open('sent');
  return event;
}

test("an opened recording of a gzip call says a message's size on the wire", async ({
  wb,
  env,
  page,
}) => {
  const rec = new RecordingsPanel(page);
  await wb.skipWelcome();
  const event = await openCompressedRecording(wb, env, rec);
  await expect(event.heading).toHaveText(/sent/i);
  await expect(event.facts).toHaveText(WIRE_SIZE);
});

// The detail as the user sees it: a picture per theme (kept with the test's results, to look at)
// and axe's WCAG A/AA check of the page.
for (const theme of ['light', 'dark'] as const)
  test(`a message's size on the wire in an opened recording: no axe violation (${theme})`, async ({
    wb,
    env,
    page,
  }, testInfo) => {
    const rec = new RecordingsPanel(page);
    await wb.skipWelcome();
    await wb.chooseTheme(theme);
    const event = await openCompressedRecording(wb, env, rec);
    await expect(event.facts).toHaveText(WIRE_SIZE);
    await page.screenshot({ path: testInfo.outputPath(`recording-wire-size-${theme}.png`) });
    await event.detail.screenshot({
      path: testInfo.outputPath(`recording-wire-size-detail-${theme}.png`),
    });
    expect(await axeViolations(page)).toEqual([]);
  });
