import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { FileSecretStore, openWorkspace, type Workspace } from '../../main/workspace/index.js';
import {
  filesContaining,
  removeDir,
  sampleRequest,
  tempDir,
} from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';

// A secret variable used by `gwb request run`: sent to the server, never written to the
// workspace or its history (the engine substitutes it and masks it in what it keeps).
let server: DemoServer;
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;
const SENTINEL = `SENTINEL-${randomUUID()}`;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  const probe = openWorkspace(tempDir());
  // The store gwb's engine uses: the key file and encrypted file in its data folder.
  const store = new FileSecretStore({
    file: path.join(dataDir, 'secrets.enc.json'),
    keyFile: path.join(dataDir, 'secrets.key'),
    namespace: probe.id,
  });
  ws = openWorkspace(probe.dir, { secrets: store });
});

afterAll(async () => {
  await server.close();
  removeDir(ws.dir);
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

describe('gwb request run with a secret variable', () => {
  it('sends its value and keeps it out of the workspace and history', async () => {
    await ws.environments.save({
      name: 'prod',
      variables: [
        { name: 'host', value: `127.0.0.1:${server.port}` },
        { name: 'token', value: SENTINEL, secret: true },
      ],
    });
    // The token goes into metadata the demo echoes back and into the body.
    ws.saveRequest(
      'api/echo',
      sampleRequest({
        connection: { address: '{{host}}', security: { kind: 'plaintext' } },
        schema: {
          kind: 'protoFiles',
          files: ['example.proto'],
          importPaths: [resourcePath('protos')],
        },
        metadata: [{ key: 'x-echo-auth', value: 'Bearer {{token}}' }],
        messages: [{ id: '{{token}}' }],
      }),
    );
    const result = await gwb([
      'request',
      'run',
      'api/echo',
      '--env',
      'prod',
      '--workspace',
      ws.dir,
    ]);
    // It was really sent: the server answers NotFound for the id, quoting it.
    expect(result.code).toBe(69);
    expect(result.stderr).toContain(SENTINEL);
    const entry = JSON.stringify(ws.history.list().entries[0]);
    expect(entry).toContain('Bearer [secret:token]');
    expect(entry).toContain('user \\"[secret:token]\\" not found');
    expect(filesContaining(ws.dir, SENTINEL)).toEqual([]);
    expect(filesContaining(dataDir, SENTINEL)).toEqual([]);
  });
});
