import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';

// `gwb request run` and `gwb run` take the TLS flags of a call (the one flag table) over what was
// saved: a request saved in plain text reaches a server that asks for a client certificate.

let certs: TestCerts;
let mutual: DemoServer;
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;
const pem = (name: string): string => path.join(certs.dir, name);

beforeAll(async () => {
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  certs = makeTestCerts();
  mutual = await startDemoServer({ tls: { ...certs.server, clientCa: certs.ca.cert } });
  ws = openWorkspace(tempDir());
  ws.saveRequest(
    'tls/saved-plain',
    sampleRequest({
      connection: { address: `localhost:${mutual.port}`, security: { kind: 'plaintext' } },
    }),
  );
});

afterAll(async () => {
  await mutual?.close();
  certs?.cleanup();
  if (ws) removeDir(ws.dir);
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

const mtls = (): string[] => [
  '-cacert',
  pem('ca.crt'),
  '-cert',
  pem('client.crt'),
  '-key',
  pem('client.key'),
];

describe('saved-request runs take the TLS flags of a call', () => {
  it('request run: -cacert/-cert/-key over a request saved in plain text', async () => {
    const r = await gwb(['request', 'run', 'tls/saved-plain', '--workspace', ws.dir, ...mtls()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: '1', name: 'Ada Lovelace', age: 36 });
  });

  it('run: the same flags for every request of the collection', async () => {
    const r = await gwb(['run', 'tls', '--workspace', ws.dir, '--reporter', 'json', ...mtls()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ada Lovelace');
  });

  it('without the client certificate the server refuses the call', async () => {
    const r = await gwb([
      'request',
      'run',
      'tls/saved-plain',
      '--workspace',
      ws.dir,
      '-cacert',
      pem('ca.crt'),
      '-connect-timeout',
      '3',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});
