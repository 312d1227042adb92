import * as grpc from '@grpc/grpc-js';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffRecordings, replayRecording } from '../recording/index.js';
import { plainClient, tempDir } from '../recording/recording.testkit.js';
import { PYTHON, startPythonPeer, type PythonPeer } from '../../test/python/peer.js';
import {
  startRecordingProxy,
  startTargetServer,
  stub,
  until,
  type RecordingProxy,
  type TargetServer,
} from './capture.testkit.js';

// The non-Node peer on both sides of the proxy: a Python grpcio client calling a grpc-js server
// through it, and a grpc-js client calling the Python grpcio server through it.
const tmp = tempDir();
let target: TargetServer;
let peer: PythonPeer;

beforeAll(async () => {
  [target, peer] = await Promise.all([startTargetServer(), startPythonPeer()]);
});
afterAll(async () => {
  await peer?.close();
  await target?.close();
  tmp.remove();
});

async function replaysEqual(file: string, port: number): Promise<void> {
  const client = plainClient(`127.0.0.1:${port}`);
  try {
    const out = `${file}.replay.ndjson`;
    await replayRecording({ recording: file, client, target: 'direct', out, speed: 'max' });
    const diff = await diffRecordings(file, out);
    expect(diff.identical, `${file}: ${JSON.stringify(diff).slice(0, 1500)}`).toBe(true);
  } finally {
    client.close();
  }
}

describe('gwb proxy with Python grpcio', () => {
  let rec: RecordingProxy;

  it(
    'a Python client through the proxy to a grpc-js server: every kind, metadata, errors, deadline, cancel, 1 MiB, 100k stream',
    // A 100k-message stream among them: over 100 s on a loaded 2-core machine.
    { timeout: 300_000 },
    async () => {
      rec = await startRecordingProxy(target.port, path.join(tmp.dir));
      try {
        const { stdout } = await promisify(execFile)(
          PYTHON,
          [path.join(import.meta.dirname, 'python_client.py'), `127.0.0.1:${rec.proxy.port}`],
          { maxBuffer: 1 << 20 },
        );
        const got = JSON.parse(stdout) as Record<string, unknown>;
        expect(got).toMatchObject({
          unary: {
            headers: { 'echo-x-token': 'py', 'echo-x-blob-bin': '0001ff' },
            trailers: { 'x-trailer': 'done', 'x-trailer-bin': '000102ff' },
          },
          error: { code: 'NOT_FOUND', message: 'no user fail', detailsBin: 1 },
          deadline: 'DEADLINE_EXCEEDED',
          stream: 100_000,
          cancelledAfter: 3,
          chat: 2,
        });
        expect(got['bigBytes']).toBeGreaterThan(1 << 20);
        await until(() => rec.calls.length === 8, 'eight recorded calls', 120_000);
        const byMethod = (m: string) => rec.calls.filter((c) => c.method.endsWith(m));
        expect(byMethod('Tail').map((c) => [c.received, c.status.codeName])).toEqual([
          [100_000, 'OK'],
          [3, 'CANCELLED'],
        ]);
        expect(byMethod('GetUser').map((c) => c.status.codeName)).toEqual([
          'OK',
          'NOT_FOUND',
          'DEADLINE_EXCEEDED',
          'OK',
        ]);
        // Every call that ran to its status replays equal against the server.
        for (const call of rec.calls)
          if (call.status.codeName === 'OK' || call.status.codeName === 'NOT_FOUND')
            await replaysEqual(call.file as string, target.port);
      } finally {
        await rec.proxy.close();
      }
    },
  );

  it('a grpc-js client through the proxy to the Python server; the recordings replay equal', async () => {
    const dir = path.join(tmp.dir, 'to-python');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    rec = await startRecordingProxy(peer.port, dir);
    try {
      type Unary = (r: object, cb: (e: grpc.ServiceError | null, r?: object) => void) => void;
      const users = stub<Record<string, Unary>>('UserService', rec.proxy.port);
      const ask = (id: string) =>
        new Promise<{ e: grpc.ServiceError | null; r?: object }>((resolve) =>
          (users.GetUser as Unary).call(users, { id }, (e, r) => resolve({ e, r })),
        );
      expect((await ask('42')).r).toMatchObject({ name: 'Douglas Adams' });
      expect((await ask('nobody')).e?.code).toBe(grpc.status.NOT_FOUND);
      await until(() => rec.calls.length === 2, 'two recorded calls');
      const status = rec.calls[1]?.status;
      expect(status?.details[0]?.type).toBe('google.rpc.ResourceInfo');
      for (const call of rec.calls) await replaysEqual(call.file as string, peer.port);
    } finally {
      await rec.proxy.close();
    }
  });
});
