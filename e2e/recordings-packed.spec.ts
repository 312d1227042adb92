// The recordings `gwb proxy` packs into a file of several (`*.recordings`, written here by the
// real writer: a recording thread appending short calls to a RecordingPack) are listed in the
// sidebar each as its own entry, and one opens in the viewer.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Env } from './fixtures/workbench.js';
import { axeViolations } from './pages/accessibility.js';
import { RecordingsPanel } from './pages/recordings.js';
import { recordingPackName } from '../main/capture/call-record.js';
import { exampleSchema, plainClient, recordCall } from '../main/recording/recording.testkit.js';
import { RecordingPack } from '../main/recording/writer/recording-pack.js';
import { RecordingThread } from '../main/recording/writer/recording-thread.js';

/** Two GetUser calls packed by the real writer into a file of several in the data folder. */
async function packTwoCalls(env: Env): Promise<void> {
  const folder = join(env.dataDir, 'recordings', 'proxied');
  mkdirSync(folder, { recursive: true });
  const packed = {
    thread: new RecordingThread(),
    pack: new RecordingPack(() => recordingPackName(folder)),
    flushIntervalMs: 60_000,
  };
  const client = plainClient(env.demoAddress);
  const schema = exampleSchema();
  for (const id of ['1', '2'])
    await recordCall({
      client,
      schema,
      method: '/example.UserService/GetUser',
      target: env.demoAddress,
      requests: [{ id }],
      packed,
      out: join(folder, `never-${id}.ndjson`),
    });
  client.close();
}

test('each recording of a file gwb proxy packed is listed, opens, and exports on its own', async ({
  wb,
  env,
  page,
}) => {
  await packTwoCalls(env);
  const rec = new RecordingsPanel(page);
  await wb.skipWelcome();
  await rec.show();
  await rec.showAll();
  await expect(rec.entries).toHaveCount(2);
  await expect(rec.entries.nth(0)).toContainText('GetUser (#2)');
  await expect(rec.entries.nth(1)).toContainText('GetUser (#1)');
  await rec.open(0);
  await expect(rec.viewer.getByTestId('count-received')).toHaveText('1');
  await expect(rec.timeline).toContainText('"id":"2"');
  expect(await rec.openedFileName()).toMatch(/\.recordings#2$/);
  await expect(rec.viewerTitle).toContainText('/example.UserService/GetUser (#2) · ');
  // No Delete (the engine refuses to delete one alone): it says why instead.
  await expect(rec.deleteButton).toHaveCount(0);
  await expect(rec.viewer.getByText('#2 of a file of several')).toBeVisible();
  const download = await rec.exportAs('NDJSON');
  expect(download.suggestedFilename()).toMatch(/^example\.UserService\.GetUser-.+-2\.ndjson$/);
});

// The packed entries and the viewer of one, as the user sees them: a picture per theme (kept with
// the test's results, to look at) and axe's WCAG A/AA check of the page.
for (const theme of ['light', 'dark'] as const)
  test(`packed entries and an opened one: no axe violation (${theme})`, async ({
    wb,
    env,
    page,
  }, testInfo) => {
    await packTwoCalls(env);
    const rec = new RecordingsPanel(page);
    await wb.skipWelcome();
    await wb.chooseTheme(theme);
    await rec.show();
    await rec.showAll();
    await expect(rec.entries.nth(0)).toContainText('GetUser (#2)');
    await rec.open(0);
    await expect(rec.timeline).toContainText('"id":"2"');
    await page.screenshot({ path: testInfo.outputPath(`recordings-packed-${theme}.png`) });
    expect(await axeViolations(page)).toEqual([]);
  });
