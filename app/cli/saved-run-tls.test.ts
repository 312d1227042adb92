import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';

// Saved TLS settings point at files relative to the workspace (so a repo can carry its test CA).
let certs: TestCerts;
let mutual: DemoServer;
let otherHost: DemoServer;
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;
const run = (name: string) =>
  gwb(['request', 'run', name, '--workspace', ws.dir, '--connect-timeout', '3']);

beforeAll(async () => {
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  certs = makeTestCerts();
  [mutual, otherHost] = await Promise.all([
    startDemoServer({ tls: { ...certs.server, clientCa: certs.ca.cert } }),
    startDemoServer({ tls: certs.otherHost }),
  ]);
  ws = openWorkspace(tempDir());
  mkdirSync(path.join(ws.dir, 'certs'));
  writeFileSync(path.join(ws.dir, 'certs', 'ca.pem'), certs.ca.cert);
  writeFileSync(path.join(ws.dir, 'certs', 'client.pem'), certs.client.cert);
  writeFileSync(path.join(ws.dir, 'certs', 'client.key'), certs.client.key);
});

afterAll(async () => {
  await Promise.all([mutual, otherHost].map((s) => s?.close()));
  certs?.cleanup();
  if (ws) removeDir(ws.dir);
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

describe('saved requests over TLS', () => {
  it('uses the CA, client certificate and server name files saved with the request', async () => {
    ws.saveRequest(
      'tls/mtls',
      sampleRequest({
        connection: {
          address: `localhost:${mutual.port}`,
          security: {
            kind: 'tls',
            caFile: 'certs/ca.pem',
            certFile: 'certs/client.pem',
            keyFile: 'certs/client.key',
          },
        },
      }),
    );
    ws.saveRequest(
      'tls/renamed host',
      sampleRequest({
        connection: {
          address: `127.0.0.1:${otherHost.port}`,
          security: {
            kind: 'tls',
            caFile: path.join(ws.dir, 'certs', 'ca.pem'),
            serverName: 'other.example',
          },
        },
      }),
    );
    for (const name of ['tls/mtls', 'tls/renamed host']) {
      const result = await run(name);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ id: '1', name: 'Ada Lovelace', age: 36 });
    }
  });

  it('says which TLS file is missing, as the flag that sets it', async () => {
    ws.saveRequest(
      'tls/missing',
      sampleRequest({
        connection: {
          address: `localhost:${mutual.port}`,
          security: { kind: 'tls', caFile: 'certs/nope.pem' },
        },
      }),
    );
    const result = await run('tls/missing');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `gwb: tls/missing: -cacert: cannot read ${path.join(ws.dir, 'certs', 'nope.pem')}: no such file\n`,
    );
  });
});
