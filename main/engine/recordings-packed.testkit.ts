// Shared by the tests of the workbench's list of a file of several recordings (gwb proxy's
// `*.recordings`): GetUser calls to the demo server, packed by the real writer (a recording thread
// appending short calls to a RecordingPack) into `proxied/calls.recordings` under a temp folder
// that a recordings store lists.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { exampleSchema, plainClient, recordCall, tempDir } from '../recording/recording.testkit.js';
import { RecordingPack } from '../recording/writer/recording-pack.js';
import { RecordingThread } from '../recording/writer/recording-thread.js';
import { createRecordingsStore, type RecordingsStore } from './recordings-store.js';

export interface PackedListFixture {
  /** The folder a store lists (the file of several is in `proxied/` below it). */
  readonly dir: string;
  /** The file of several the calls go to. */
  readonly file: string;
  /** One GetUser call (`{id}`), appended to the file once it is over. */
  record(id: string): Promise<void>;
  /** A store of the folder, and a listing through it: every recording's summary, as the list. */
  store(): { store: RecordingsStore; list: () => ReturnType<typeof listAll> };
}

/** Every recording of a store's folder summarised, as the workbench's list does. */
export function listAll(store: RecordingsStore) {
  return Promise.all(
    store
      .files()
      .flatMap((f) => store.recordingsOf(f))
      .map((a) => store.summary(a)),
  );
}

/** The demo server started, the folder made (beforeAll); both gone after (afterAll). */
export function packedListFixture(): PackedListFixture {
  const tmp = tempDir();
  const folder = join(tmp.dir, 'proxied');
  const file = join(folder, 'calls.recordings');
  let demo: DemoServer | undefined;
  const packed = {
    thread: new RecordingThread(),
    pack: new RecordingPack(() => file),
    // Every call counts as short (over before its first flush), however loaded the machine.
    flushIntervalMs: 60_000,
  };
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
    mkdirSync(folder);
  });
  afterAll(async () => {
    await demo?.close();
    tmp.remove();
  });
  return {
    dir: tmp.dir,
    file,
    async record(id) {
      if (demo === undefined) throw new Error('the demo server is started in beforeAll');
      const target = `127.0.0.1:${demo.port}`;
      const client = plainClient(target);
      try {
        await recordCall({
          client,
          schema: exampleSchema(),
          method: '/example.UserService/GetUser',
          target,
          requests: [{ id }],
          packed,
          out: join(folder, `never-${id}.ndjson`),
        });
      } finally {
        client.close();
      }
    },
    store() {
      const store = createRecordingsStore(tmp.dir);
      return { store, list: () => listAll(store) };
    },
  };
}
