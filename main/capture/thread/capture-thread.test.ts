import * as grpc from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordingIndex, recordingsIn } from '../../recording/index.js';
import { tempDir } from '../../recording/recording.testkit.js';
import {
  openHangingTail,
  startRecordingProxy,
  startTargetServer,
  stub,
  until,
  type RecordingProxy,
} from '../capture.testkit.js';

type Obj = Record<string, unknown>;
type Unary = (req: Obj, cb: (e: grpc.ServiceError | null, r?: Obj) => void) => void;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(
  extra = {},
): Promise<{ rec: RecordingProxy; targetPort: number; dir: string }> {
  const tmp = tempDir();
  cleanup.push(() => tmp.remove());
  const target = await startTargetServer();
  cleanup.push(() => target.kill());
  const rec = await startRecordingProxy(target.port, tmp.dir, extra);
  cleanup.push(() => rec.proxy.close());
  return { rec, targetPort: target.port, dir: tmp.dir };
}

function getUser(
  port: number,
  id: string,
): Promise<{ error: grpc.ServiceError | null; res?: Obj }> {
  const client = stub('UserService', port);
  const call = (client as unknown as Record<string, Unary>)['GetUser'] as Unary;
  return new Promise((resolve) =>
    call.call(client, { id }, (error, res) => {
      client.close();
      resolve({ error, res });
    }),
  );
}

const lines = (file: string | undefined): Obj[] =>
  readFileSync(file as string, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Obj);

describe('the capture thread', () => {
  it('a whole ring behind: the copy is dropped, not queued; forwarding goes on and the recording says why', async () => {
    // A 16 KiB ring: the target's 1 MiB answer comes in 64 KiB reads, none of which fits.
    const { rec } = await setUp({ captureRingBytes: 16 * 1024 });
    const big = await getUser(rec.proxy.port, `big:${1024 * 1024}`);
    expect(big.error).toBeNull();
    expect((big.res?.['name'] as string).length).toBe(1024 * 1024);
    await until(() => rec.calls.length === 1, 'the recording to close');
    expect(rec.calls[0]?.status).toMatchObject({
      code: 2,
      message: expect.stringMatching(/capture thread fell 0\.015625 MiB behind/),
    });
    const status = lines(rec.calls[0]?.file).find((e) => e['type'] === 'status');
    expect(JSON.stringify(status)).toMatch(/dropped its copy of the bytes/);
    expect(rec.errors.map((e) => e.message).join('\n')).toMatch(/not recorded from there on/);
    // Another connection is read again once the ring has room.
    expect((await getUser(rec.proxy.port, 'ok')).error).toBeNull();
    await until(() => rec.calls.length === 2, 'the second recording to close');
    expect(rec.calls[1]?.status.code).toBe(0);
  });

  it('kill -9 of the proxy: what the thread has recorded of a running call is on disk', async () => {
    const { targetPort, dir } = await setUp();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'testdata/proxy.child.ts'),
        String(targetPort),
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanup.push(() => child.kill('SIGKILL'));
    let capturePath = '';
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('PATH ')) capturePath = line.slice(5);
        if (line.startsWith('PORT ')) resolve(Number(line.slice(5)));
      });
      child.once('exit', () => reject(new Error('the proxy exited early')));
    });
    // What follows is what the thread (not the event loop) had put on disk.
    expect(capturePath).toBe('thread');
    // Five messages, then the call stays open: only the recording's flushing puts them on disk.
    const tail = await openHangingTail(port);
    cleanup.push(() => tail.close());
    const received = (file: string): number =>
      lines(file).filter((e) => e['type'] === 'received').length;
    const file = (): string => {
      const names = readdirOf(dir);
      return path.join(dir, names[0] ?? 'none');
    };
    await until(
      () => readdirOf(dir).length === 1 && received(file()) === 5,
      'five messages on disk',
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const after = lines(file());
    expect(after[0]).toMatchObject({ method: '/example.LogService/Tail' });
    expect(after.filter((e) => e['type'] === 'received')).toHaveLength(5);
  });
});

describe('the capture thread, short calls packed into a file of several', () => {
  it('kill -9 amid calls: every recording reported is whole in the file, at most the last is cut', async () => {
    const { targetPort, dir } = await setUp();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'testdata/proxy.child.ts'),
        String(targetPort),
        dir,
        'pack',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanup.push(() => child.kill('SIGKILL'));
    const reported: string[] = [];
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('PORT ')) resolve(Number(line.slice(5)));
        if (line.startsWith('CALL ')) reported.push(line.slice(5));
      });
      child.once('exit', () => reject(new Error('the proxy exited early')));
    });
    for (let i = 0; i < 20; i++) expect((await getUser(port, `k${i}`)).error).toBeNull();
    await until(() => reported.length === 20, 'twenty recordings closed');
    // Killed while calls go on: what was reported closed is on disk whole.
    const more = Array.from({ length: 40 }, (_, i) => getUser(port, `m${i}`));
    await until(() => reported.length >= 25, 'more recordings closed');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    await Promise.all(more);
    const seen = [...reported];
    for (const [i, address] of seen.entries()) {
      const index = await buildRecordingIndex(address);
      expect(index, address).toMatchObject({ complete: true, received: 1 });
      if (i < 20) expect(index.header.method).toBe('/example.UserService/GetUser');
    }
    // Every recording in the files: whole, but for a file's last one, which may be cut.
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.recordings'))) {
      const file = path.join(dir, name);
      const all = recordingsIn(file);
      for (const [i, address] of all.entries()) {
        const index = await buildRecordingIndex(address);
        if (i < all.length - 1) expect(index, address).toMatchObject({ complete: true });
      }
    }
  }, 60_000);
});

function readdirOf(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.ndjson'));
}
