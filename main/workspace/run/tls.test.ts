import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { makeTestCerts, type TestCerts } from '../../../test/tls/certs.js';
import { memorySecretStore, openWorkspace, requestRun, type Workspace } from '../index.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';

// Saved TLS settings point at files relative to the workspace (so a repo can carry its test CA).
let certs: TestCerts;
let mutual: DemoServer;
let otherHost: DemoServer;
let ws: Workspace;
const opts = { secrets: memorySecretStore(), recordHistory: false, connectTimeoutMs: 3000 };

beforeAll(async () => {
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
      const result = await requestRun(ws.dir, name, opts);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ id: '1', name: 'Ada Lovelace', age: 36 });
    }
  });

  it('says which TLS file is missing', async () => {
    ws.saveRequest(
      'tls/missing',
      sampleRequest({
        connection: {
          address: `localhost:${mutual.port}`,
          security: { kind: 'tls', caFile: 'certs/nope.pem' },
        },
      }),
    );
    const result = await requestRun(ws.dir, 'tls/missing', opts);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `gwb: tls/missing: cannot read the TLS CA file ${path.join(ws.dir, 'certs', 'nope.pem')}: no such file\n`,
    );
  });
});
