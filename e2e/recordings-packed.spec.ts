// The recordings `gwb proxy` packs into a file of several (`*.recordings`, written here by the
// real writer: a recording thread appending short calls to a RecordingPack) are listed in the
// sidebar each as its own entry, and one opens in the viewer.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { RecordingsPanel } from './pages/recordings.js';
import { recordingPackName } from '../main/capture/call-record.js';
import { exampleSchema, plainClient, recordCall } from '../main/recording/recording.testkit.js';
import { RecordingPack } from '../main/recording/writer/recording-pack.js';
import { RecordingThread } from '../main/recording/writer/recording-thread.js';

test('each recording of a file gwb proxy packed is listed, opens, and exports on its own', async ({
  wb,
  env,
  page,
}) => {
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
  await expect(rec.deleteButton).toHaveCount(0);
  const download = await rec.exportAs('NDJSON');
  expect(download.suggestedFilename()).toMatch(/^example\.UserService\.GetUser-.+-2\.ndjson$/);
});
