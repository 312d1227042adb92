// gwb mock --protocols all (issue 16 §1): the mock answers gRPC-Web and Connect on two more ports it
// prints, and gwb's own Connect client (schema by reflection over Connect, HTTP/2) gets the
// recorded answer there; a wrong --protocols is a usage error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { closeProtocolConnections } from '../../main/transports/index.js';
import { gwb, jsonMessages } from './cli.testkit.js';

let demo: DemoServer;
let dir: string;
let target: string;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  target = `127.0.0.1:${demo.port}`;
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-mock-protocols-'));
});

afterAll(async () => {
  closeProtocolConnections();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

const GET_USER = ['-d', '{"id":"2"}'];

it('serves a recording over Connect on the port it prints', async () => {
  const file = path.join(dir, 'user.ndjson');
  const recorded = await gwb([
    '-plaintext',
    '-record',
    file,
    ...GET_USER,
    target,
    'example.UserService/GetUser',
  ]);
  expect(recorded.code).toBe(0);

  const controller = new AbortController();
  let announce!: (text: string) => void;
  const announced = new Promise<string>((resolve) => (announce = resolve));
  const mock = gwb(['mock', file, '--port', '0', '--protocols', 'all', '--speed', 'max'], {
    signal: controller.signal,
    onStdout: (text) => announce(text),
  });
  const banner = await announced;
  const ports = /over HTTP\/2 \(and gRPC\) on port (\d+), over HTTP\/1\.1 on port (\d+)/.exec(
    banner,
  );
  expect(ports, banner).not.toBeNull();
  const overConnect = await gwb([
    '-plaintext',
    '-protocol',
    'connect',
    ...GET_USER,
    `127.0.0.1:${ports![1]}`,
    'example.UserService/GetUser',
  ]);
  expect(overConnect.stderr).toBe('');
  expect(jsonMessages(overConnect.stdout)).toEqual(jsonMessages(recorded.stdout));
  controller.abort();
  expect((await mock).code).toBe(0);
});

it('refuses a --protocols it does not know', async () => {
  const result = await gwb(['mock', path.join(dir, 'user.ndjson'), '--protocols', 'http3']);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain('--protocols is grpc or all, not http3');
});
