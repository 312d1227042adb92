// gwb proxy's files of several recordings (packRecordings): a short call's recording goes whole
// into the proxy's `*.recordings` file as `FILE#N`, a call that lasts past the writer's flush
// interval keeps a file of its own; each replays equal against the target, on every path.
import * as grpc from '@grpc/grpc-js';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordingIndex, diffRecordings, replayRecording } from '../recording/index.js';
import { plainClient, tempDir } from '../recording/recording.testkit.js';
import {
  PROXY_PATHS,
  startRecordingProxy,
  startTargetServer,
  stub,
  until,
  type TargetServer,
  recordedEvents as events,
} from './capture.testkit.js';

type Obj = Record<string, unknown>;
type Unary = (req: Obj, cb: (e: grpc.ServiceError | null, r?: Obj) => void) => grpc.ClientUnaryCall;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function getUser(port: number, id: string): Promise<grpc.ServiceError | null> {
  const client = stub('UserService', port);
  const call = (client as unknown as Record<string, Unary>)['GetUser'] as Unary;
  return new Promise((resolve) =>
    call.call(client, { id }, (error) => {
      client.close();
      resolve(error);
    }),
  );
}

/** A LogService/Tail call of `lines` messages from `source` (the target's 'hang' never ends). */
function tail(port: number, source: string, lines: number) {
  const client = stub('LogService', port) as unknown as Record<string, unknown>;
  const call = (client['Tail'] as (r: Obj) => grpc.ClientReadableStream<Obj>).call(client, {
    source,
    lines,
  });
  // The client is closed after the test: closed at once, a cancel may not leave it.
  cleanup.push(() => (client as unknown as grpc.Client).close());
  const done = new Promise<void>((resolve) => {
    call.on('data', () => undefined);
    call.on('error', () => resolve());
    call.on('end', () => resolve());
  });
  return { cancel: () => call.cancel(), done };
}

async function replaysEqual(target: TargetServer, file: string, out: string): Promise<void> {
  const client = plainClient(`127.0.0.1:${target.port}`);
  try {
    await replayRecording({ recording: file, client, target: 'direct', out, speed: 'max' });
    const diff = await diffRecordings(file, out);
    expect(diff.identical, JSON.stringify(diff, null, 1).slice(0, 2000)).toBe(true);
  } finally {
    client.close();
  }
}

async function setUp(via: (typeof PROXY_PATHS)[number], dir?: (tmp: string) => string) {
  const tmp = tempDir();
  cleanup.push(() => tmp.remove());
  const target = await startTargetServer();
  cleanup.push(() => target.close());
  const recordDir = dir ? dir(tmp.dir) : tmp.dir;
  const rec = await startRecordingProxy(target.port, recordDir, { packRecordings: true }, via);
  cleanup.push(() => rec.proxy.close());
  return { tmp, target, rec, recordDir };
}

const PACKED = /^(.*\.recordings)#(\d+)$/;

describe.each(PROXY_PATHS)('gwb proxy, files of several recordings (%s)', (via) => {
  it('short calls go whole into one file as #1, #2, …; a long one has its own; each replays equal', async () => {
    const { tmp, target, rec, recordDir } = await setUp(via);
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (const id of ids) expect(await getUser(rec.proxy.port, id)).toBeNull();
    await until(() => rec.calls.length === ids.length, 'the calls recorded');
    // A call still open past the flush interval: its recording is written as it goes, to a file
    // of its own (there once the interval passed), and ends when the client cancels.
    const hanging = tail(rec.proxy.port, 'hang', 5);
    // Its own file by name: on a loaded machine a short call above can outlast the flush
    // interval and have an .ndjson of its own too (see below), which is not this call's.
    await until(
      () => readdirSync(recordDir).some((f) => f.endsWith('Tail.ndjson')),
      'its own file',
    );
    hanging.cancel();
    await until(() => rec.calls.length === ids.length + 1, 'the long call recorded');
    // A short call that outgrows the first batch (64 KiB message) has its own file too.
    await tail(rec.proxy.port, 'wide', 1).done;
    await until(() => rec.calls.length === ids.length + 2, 'the big call recorded');
    expect(rec.errors).toEqual([]);

    // Short calls are numbered in the one file as they end (a call slower than the flush
    // interval, rare but possible on a loaded machine, has a file of its own).
    const packed = rec.calls
      .slice(0, ids.length)
      .map((c) => PACKED.exec(c.file ?? ''))
      .filter((m) => m !== null);
    expect(packed.length).toBeGreaterThan(0);
    const packFile = packed[0]?.[1] as string;
    expect(path.dirname(packFile)).toBe(recordDir);
    expect(packed.map((m) => [m[1], Number(m[2])])).toEqual(
      packed.map((_, i) => [packFile, i + 1]),
    );
    const [long, big] = rec.calls.slice(ids.length).map((c) => c.file) as [string, string];
    expect(long).toMatch(/Tail\.ndjson$/);
    expect(big).toMatch(/Tail\.ndjson$/);
    const files = new Set(
      rec.calls.map((c) => path.basename(PACKED.exec(c.file ?? '')?.[1] ?? c.file ?? '')),
    );
    expect(readdirSync(recordDir).sort()).toEqual([...files].sort());
    for (const [i, id] of ids.entries()) {
      const file = rec.calls[i]?.file as string;
      expect(await events(file)).toContainEqual(
        expect.objectContaining({
          type: 'received',
          message: expect.objectContaining({ name: `user ${id}` }),
        }),
      );
      expect(await buildRecordingIndex(file)).toMatchObject({ complete: true, received: 1 });
      await replaysEqual(target, file, tmp.file(`replay-${id}.ndjson`));
    }
    expect((await events(long)).slice(-2).map((e) => e.type)).toEqual(['status', 'ended']);
    expect(await buildRecordingIndex(big)).toMatchObject({ complete: true, received: 1 });
  });

  it('a file of recordings that cannot be made: the calls go through, the next file is a new one', async () => {
    let dir = '';
    const { rec } = await setUp(via, (tmp) => (dir = path.join(tmp, 'gone')));
    expect(await getUser(rec.proxy.port, 'a')).toBeNull();
    await until(() => rec.calls.length === 1, 'the unrecorded call reported');
    // Into the file of several (or, a call slower than the flush interval, a file of its own).
    expect(rec.calls[0]?.recordingError).toMatch(/cannot create recording (file )?.*gone/);
    mkdirSync(dir);
    // The failed file is given up: the first recording packed next is #1 of a new one (a call
    // slower than the flush interval has its own file; the next one is tried then).
    let packed: RegExpExecArray | null = null;
    for (let n = 2; packed === null && n < 12; n++) {
      expect(await getUser(rec.proxy.port, `u${n}`)).toBeNull();
      await until(() => rec.calls.length === n, 'the next call recorded');
      expect(rec.calls[n - 1]?.recordingError).toBeUndefined();
      packed = PACKED.exec(rec.calls[n - 1]?.file ?? '');
    }
    expect(packed?.[2]).toBe('1');
    expect(await events(packed?.[0] as string)).toContainEqual(
      expect.objectContaining({ type: 'received' }),
    );
  });
});
