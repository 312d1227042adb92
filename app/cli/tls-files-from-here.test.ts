import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { removeDir, tempDir } from '../../main/workspace/workspace.testkit.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';

// grpcurl reads -cacert, -cert and -key from the current folder; gwb's engine reads a relative
// TLS path from its own (temporary) workspace, so a call once failed with "cannot read
// /tmp/gwb-engine-…/workspace/ca.pem" where `list` worked (review30-a S-2).
let certs: TestCerts;
let mutual: DemoServer;
let here: string;
let savedCwd: string;

beforeAll(async () => {
  certs = makeTestCerts();
  mutual = await startDemoServer({ tls: { ...certs.server, clientCa: certs.ca.cert } });
  here = tempDir('gwb-tls-here-');
  mkdirSync(path.join(here, 'certs'));
  writeFileSync(path.join(here, 'certs', 'ca.pem'), certs.ca.cert);
  writeFileSync(path.join(here, 'certs', 'client.pem'), certs.client.cert);
  writeFileSync(path.join(here, 'certs', 'client.key'), certs.client.key);
  savedCwd = process.cwd();
  process.chdir(here);
});

afterAll(async () => {
  process.chdir(savedCwd);
  await mutual?.close();
  certs?.cleanup();
  if (here) removeDir(here);
});

const tlsFlags = [
  '-cacert',
  'certs/ca.pem',
  '-cert',
  'certs/client.pem',
  '-key',
  'certs/client.key',
];

describe('TLS files named relative to the current folder', () => {
  it('a call and list both read them from there, as grpcurl does', async () => {
    const address = `localhost:${mutual.port}`;
    const call = await gwb([
      ...tlsFlags,
      '-d',
      '{"id":"1"}',
      address,
      'example.UserService/GetUser',
    ]);
    expect(call.stderr).toBe('');
    expect(call.stdout).toContain('"name": "Ada Lovelace"');
    const list = await gwb([...tlsFlags, address, 'list']);
    expect(list.stdout).toContain('example.UserService\n');
  });

  it('a missing one is named as the current folder holds it', async () => {
    const call = await gwb([
      '-cacert',
      'certs/nope.pem',
      `localhost:${mutual.port}`,
      'example.UserService/GetUser',
    ]);
    expect(call.code).toBe(1);
    expect(call.stderr).toContain(`cannot read ${path.join(here, 'certs', 'nope.pem')}`);
  });
});
