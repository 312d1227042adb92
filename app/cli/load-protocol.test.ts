// gwb load speaks gRPC only for now: a request set to Connect or gRPC-Web (a saved one, or
// -protocol on the command line) is refused naming connection.protocol, before even the first
// call through the engine. The server is a bare HTTP/2 server that counts every request it gets.
import { copyFileSync, mkdirSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOAD_PROTO } from '../../main/load/load.testkit.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';

let server: http2.Http2Server;
let address: string;
let requests = 0;
const sessions = new Set<http2.ServerHttp2Session>();
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;

beforeAll(async () => {
  server = http2.createServer();
  server.on('session', (session) => sessions.add(session));
  server.on('stream', (stream) => {
    requests++;
    stream.respond({ ':status': 415 });
    stream.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  ws = openWorkspace(tempDir());
  mkdirSync(path.join(ws.dir, 'protos'));
  copyFileSync(LOAD_PROTO, path.join(ws.dir, 'protos', 'load.proto'));
  ws.saveRequest(
    'api/web unary',
    sampleRequest({
      connection: { address, security: { kind: 'plaintext' }, protocol: { kind: 'grpcweb' } },
      schema: { kind: 'protoFiles', files: ['load.proto'], importPaths: ['protos'] },
      method: '/loadtest.Load/Unary',
      messages: [{ text: 'hi' }],
      metadata: [],
    }),
  );
});

afterAll(async () => {
  for (const session of sessions) session.destroy();
  await new Promise((resolve) => server.close(resolve));
  removeDir(ws.dir);
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

it('refuses -protocol connect, sending nothing', { timeout: 60_000 }, async () => {
  const before = requests;
  const run = await gwb([
    'load',
    '-plaintext',
    '-protocol',
    'connect',
    '-proto',
    LOAD_PROTO,
    '-d',
    '{"text":"hi"}',
    address,
    'loadtest.Load/Unary',
    '--total',
    '5',
    '--workers',
    '1',
  ]);
  expect(run.stderr).toBe(
    "gwb load: load runs speak gRPC only for now: this request's connection.protocol is Connect binary (HTTP/2); set it to gRPC (-protocol grpc) to load-test it. Nothing was sent\n",
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(requests).toBe(before);
});

it('refuses a saved request set to gRPC-Web, sending nothing', { timeout: 60_000 }, async () => {
  const before = requests;
  const run = await gwb(['load', 'api/web unary', '--workspace', ws.dir, '--total', '5']);
  expect(run.stderr).toContain("this request's connection.protocol is gRPC-Web (HTTP/2)");
  expect(run.code).toBe(1);
  expect(requests).toBe(before);
});
