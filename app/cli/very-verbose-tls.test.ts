import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';

// grpcurl -vv over TLS times "TLS Setup" (its TLS configuration built from the files) inside Dial,
// before BlockingDial; in plain text there is no such step. And each command keeps its own tree:
// two gwb commands run at once in one process print one tree each, with their own steps.
let certs: TestCerts;
let tls: DemoServer;
let plain: DemoServer;

beforeAll(async () => {
  certs = makeTestCerts();
  [tls, plain] = await Promise.all([startDemoServer({ tls: certs.server }), startDemoServer({})]);
});

afterAll(async () => {
  await Promise.all([tls, plain].map((s) => s?.close()));
  certs?.cleanup();
});

const D = String.raw`\d+(\.\d+)?(ns|µs|ms|s)`;
const tree = (...lines: string[]): RegExp =>
  new RegExp(String.raw`\nTiming Data: ${D}\n${lines.map((l) => `${l}: ${D}\n`).join('')}$`);

const tlsCall = (): string[] => [
  '-vv',
  '-cacert',
  path.join(certs.dir, 'ca.crt'),
  '-d',
  '{"id":"1"}',
  `localhost:${tls.port}`,
  'example.UserService/GetUser',
];

describe('-vv over TLS', () => {
  it('a call: Dial holds TLS Setup, then BlockingDial; then InvokeRPC', async () => {
    const run = await gwb(tlsCall());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(tree('  Dial', '    TLS Setup', '    BlockingDial', '  InvokeRPC'));
  });

  it('list over reflection (-insecure): Dial holds TLS Setup, then BlockingDial', async () => {
    const run = await gwb(['-vv', '-insecure', `localhost:${tls.port}`, 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(tree('  Dial', '    TLS Setup', '    BlockingDial'));
  });

  it('in plain text there is no TLS Setup', async () => {
    const run = await gwb(['-vv', '-plaintext', `127.0.0.1:${plain.port}`, 'list']);
    expect(run.stdout).toMatch(tree('  Dial', '    BlockingDial'));
  });
});

describe('-vv trees are per command', () => {
  it('two commands at once in one process each print their own tree', async () => {
    const [call, list, quiet] = await Promise.all([
      gwb([
        '-vv',
        '-plaintext',
        '-d',
        '{"id":"1"}',
        `127.0.0.1:${plain.port}`,
        'example.UserService/GetUser',
      ]),
      gwb(['-vv', '-plaintext', `127.0.0.1:${plain.port}`, 'list']),
      gwb(['-plaintext', `127.0.0.1:${plain.port}`, 'list']),
    ]);
    expect(call.stdout).toMatch(tree('  Dial', '    BlockingDial', '  InvokeRPC'));
    expect(list.stdout).toMatch(tree('  Dial', '    BlockingDial'));
    expect(quiet.stdout).not.toContain('Timing Data');
  });
});
