import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb } from './built-gwb.testkit.js';

// A gRPC call on the built gwb never asks dist/deps.cjs for Connect's node transport: the
// gRPC-Web/Connect session manager (main/transports/protocol-transport.ts) extends connect-node's
// Http2SessionManager only when a call on those protocols first needs it.
let dir: string;
let demo: DemoServer;

beforeAll(async () => {
  [{ dir }, demo] = await Promise.all([buildGwb('gwb-grpc-packages-'), startDemoServer({})]);
}, 120_000);

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a unary gRPC call does not load @connectrpc/connect-node', async () => {
  const hook = path.join(dir, 'asked.cjs');
  const askedFile = path.join(dir, 'asked.json');
  writeFileSync(
    hook,
    `const Module = require('node:module');
const asked = [];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (request !== './deps.cjs' || typeof loaded !== 'function') return loaded;
  return Object.assign((specifier) => (asked.push(specifier), loaded(specifier)), loaded);
};
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(askedFile)}, JSON.stringify(asked)));
`,
  );
  const args = ['-plaintext', '-d', '{"id":"1"}', `127.0.0.1:${demo.port}`];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', hook, path.join(dir, 'dist', 'cli.cjs'), ...args, 'example.UserService/GetUser'],
    { timeout: 60_000 },
  );
  expect(stdout).toContain('"name": "Ada Lovelace"');
  const asked = JSON.parse(readFileSync(askedFile, 'utf8')) as string[];
  expect(asked).toContain('@grpc/grpc-js');
  expect(asked).not.toContain('@connectrpc/connect-node');
});
