// A file of several recordings rewritten in place (the same inode, the same layout, other bytes)
// is listed as it is now, not from the index cached by where its bytes are (review29 MUST-2).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { exampleSchema, plainClient, recordCall, tempDir } from '../recording/recording.testkit.js';
import { RecordingPack } from '../recording/writer/recording-pack.js';
import { RecordingThread } from '../recording/writer/recording-thread.js';
import { createRecordingsStore } from './recordings-store.js';

const tmp = tempDir();
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await demo?.close();
  tmp.remove();
});

it('a pack rewritten in place is listed as it is now', async () => {
  const folder = join(tmp.dir, 'proxied');
  mkdirSync(folder);
  const file = join(folder, 'calls.recordings');
  const target = `127.0.0.1:${demo.port}`;
  const client = plainClient(target);
  const packed = {
    thread: new RecordingThread(),
    pack: new RecordingPack(() => file),
    flushIntervalMs: 60_000,
  };
  for (const id of ['1', '2'])
    await recordCall({
      client,
      schema: exampleSchema(),
      method: '/example.UserService/GetUser',
      target,
      requests: [{ id }],
      packed,
      out: join(folder, `never-${id}.ndjson`),
    });
  client.close();
  const store = createRecordingsStore(tmp.dir);
  const list = () =>
    Promise.all(
      store
        .files()
        .flatMap((f) => store.recordingsOf(f))
        .map((a) => store.summary(a)),
    );
  const before = await list();
  const text = readFileSync(file, 'utf8');
  // The same layout, another method name of the same length in every header.
  const other = text.replaceAll('/example.UserService/GetUser"', '/example.UserService/GetUsex"');
  expect(other).not.toBe(text);
  expect(other.length).toBe(text.length);
  const ino = statSync(file).ino;
  writeFileSync(file, other); // truncates and rewrites: the same inode
  expect(statSync(file).ino).toBe(ino);
  const after = await list();
  expect(before.map((s) => s.method)).toEqual([
    '/example.UserService/GetUser',
    '/example.UserService/GetUser',
  ]);
  expect(after.map((s) => s.method)).toEqual([
    '/example.UserService/GetUsex',
    '/example.UserService/GetUsex',
  ]);
});
