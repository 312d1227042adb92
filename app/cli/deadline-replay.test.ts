// A call that ran out of its deadline replays IDENTICAL: its status reads "Deadline exceeded" on
// every run (grpc-js's "after 0.301s,LB pick: …,remote_addr=…" is the raw detail only, never
// compared). A real grpc-js server in process whose GetUser answers after any deadline here.
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { gwb } from './cli.testkit.js';

const raw = (b: Buffer): Buffer => b;
let server: grpc.Server;
let target: string;
let dir: string;

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(
    {
      GetUser: {
        path: '/example.UserService/GetUser',
        requestStream: false,
        responseStream: false,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
      },
    },
    {
      GetUser: (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => {
        setTimeout(() => callback(null, Buffer.alloc(0)), 30_000).unref();
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  target = `127.0.0.1:${port}`;
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-deadline-replay-'));
});

afterAll(() => {
  server?.forceShutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a call ended by -max-time is recorded in words and replays IDENTICAL', async () => {
  const file = path.join(dir, 'slow.ndjson');
  const recorded = await gwb([
    '-plaintext',
    '-import-path',
    resourcePath('protos'),
    '-proto',
    'example.proto',
    // -max-time covers loading the schema too (as grpcurl's does) and the recording keeps what
    // was left for the call: on a loaded machine 0.3 s could all go to loading, leaving the
    // replay a 1 ms deadline that ends before its message is sent.
    '-max-time',
    '2',
    '-record',
    file,
    target,
    'example.UserService/GetUser',
  ]);
  expect(recorded.code).toBe(68);
  expect(recorded.stderr).toBe(
    'ERROR:\n  Code: DeadlineExceeded\n  Message: context deadline exceeded\n',
  );
  const status = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"type":"status"'))
    .map((line) => JSON.parse(line) as { status: Record<string, unknown> })[0]?.status;
  expect(status).toMatchObject({ message: 'Deadline exceeded', failure: 'deadline' });
  expect(status?.rawMessage).toMatch(/^Deadline exceeded after /);

  const replayed = await gwb(['replay', file, '--speed=max']);
  expect(replayed.stdout).toMatch(/^IDENTICAL: \/example\.UserService\/GetUser\n/);
  expect(replayed.code).toBe(0);
});
