import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';

// gwb replay connects with the flags of a call (the one flag table): against a server that asks
// for a client certificate, the same -cacert/-cert/-key that made the recording replay it.

let dir: string;
let certs: TestCerts;
let mutual: DemoServer;
let recording: string;
const pem = (name: string): string => path.join(certs.dir, name);
const mtlsFlags = (): string[] => [
  '-cacert',
  pem('ca.crt'),
  '-cert',
  pem('client.crt'),
  '-key',
  pem('client.key'),
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-replay-mtls-'));
  certs = makeTestCerts();
  mutual = await startDemoServer({ tls: { ...certs.server, clientCa: certs.ca.cert } });
  recording = path.join(dir, 'mtls.ndjson');
  const made = await gwb([
    ...mtlsFlags(),
    '-record',
    recording,
    '-d',
    '{"id":"1"}',
    `localhost:${mutual.port}`,
    'example.UserService/GetUser',
  ]);
  expect(made.stderr).toBe('');
}, 30_000);

afterAll(async () => {
  await mutual?.close();
  certs?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('gwb replay over mutual TLS', () => {
  it('replays with the client certificate flags of a call', async () => {
    const r = await gwb(['replay', recording, ...mtlsFlags(), '--speed=max']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^IDENTICAL: \/example\.UserService\/GetUser\n/);
  });

  it('without the client certificate the server refuses it: exit 2, not a difference', async () => {
    const r = await gwb([
      'replay',
      recording,
      '-cacert',
      pem('ca.crt'),
      '-connect-timeout',
      '3',
      '--speed=max',
      '--out',
      path.join(dir, 'refused.ndjson'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gwb: replay .*mtls\.ndjson: failed to connect to localhost:\d+/);
  });

  it('says which TLS flag is incomplete, as a call does', async () => {
    const r = await gwb([
      'replay',
      recording,
      '-cacert',
      pem('ca.crt'),
      '-cert',
      pem('client.crt'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "gwb replay: -cert and -key must be given together (mutual TLS needs both)\nTry 'gwb replay --help' for more details.\n",
    );
  });
});
