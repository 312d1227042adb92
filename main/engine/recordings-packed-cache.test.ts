// A file of several recordings grows while `gwb proxy` appends to it: listing it again reads only
// the recordings new since the last listing (the others are cached by where their bytes are), not
// the whole file again (~1 s for an 8 MiB file of unary calls here).
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { exampleSchema, plainClient, recordCall, tempDir } from '../recording/recording.testkit.js';
import { RecordingPack } from '../recording/writer/recording-pack.js';
import { RecordingThread } from '../recording/writer/recording-thread.js';
import { createRecordingsStore } from './recordings-store.js';

const tmp = tempDir();
let demo: DemoServer;
afterAll(async () => {
  await demo?.close();
  tmp.remove();
});
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});

describe('a growing file of several recordings', () => {
  it('is listed again by reading its new recordings only', async () => {
    const folder = join(tmp.dir, 'proxied');
    mkdirSync(folder);
    const target = `127.0.0.1:${demo.port}`;
    const client = plainClient(target);
    const schema = exampleSchema();
    const packed = {
      thread: new RecordingThread(),
      pack: new RecordingPack(() => join(folder, 'calls.recordings')),
      flushIntervalMs: 60_000,
    };
    const record = (id: string) =>
      recordCall({
        client,
        schema,
        method: '/example.UserService/GetUser',
        target,
        requests: [{ id }],
        packed,
        out: join(folder, `never-${id}.ndjson`),
      });
    const store = createRecordingsStore(tmp.dir);
    const list = () =>
      Promise.all(
        store
          .files()
          .flatMap((f) => store.recordingsOf(f))
          .map((a) => store.summary(a)),
      );
    for (const id of ['1', '2', '3']) await record(id);
    expect((await list()).map((s) => s.id)).toEqual(
      [3, 2, 1].map((n) => `proxied/calls.recordings#${n}`),
    );
    // The first listing reads the file once for its 3 recordings.
    expect(store.indexed).toEqual({ recordings: 3, passes: 1 });
    await record('4');
    client.close();
    expect(readdirSync(folder)).toEqual(['calls.recordings']);
    const again = await list();
    expect(again.map((s) => s.id)[0]).toBe('proxied/calls.recordings#4');
    // Listed again: one more pass, over the new recording alone.
    expect(store.indexed).toEqual({ recordings: 4, passes: 2 });
    await list();
    expect(store.indexed).toEqual({ recordings: 4, passes: 2 });
  });
});
