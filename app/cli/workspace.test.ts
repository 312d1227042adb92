import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { gwb, jsonMessages } from './cli.testkit.js';

// gwb's workspace commands on a workspace saved for this run, against the demo server.
let server: DemoServer;
let ws: Workspace;
let dataDir: string;
const savedDataDir = process.env.GWB_DATA_DIR;

beforeAll(async () => {
  // The default secret store lives in the data dir; keep it out of the user's home.
  dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  server = await startDemoServer({});
  ws = openWorkspace(tempDir());
  ws.schemaSources.save({
    id: 'demo',
    kind: 'protoFiles',
    files: ['example.proto'],
    importPaths: [resourcePath('protos')],
  });
  const connection = { address: '{{host}}', security: { kind: 'plaintext' as const } };
  ws.saveRequest(
    'demo/get user',
    sampleRequest({ connection, schemaSource: 'demo', body: { id: '{{userId}}' } }),
  );
  ws.saveRequest(
    'demo/tail',
    sampleRequest({
      connection,
      schemaSource: 'demo',
      method: '/example.LogService/Tail',
      body: { source: 'ws', lines: 2, intervalMs: 1 },
    }),
  );
  ws.saveRequest(
    'broken/missing user',
    sampleRequest({ connection, schemaSource: 'demo', body: { id: '404' } }),
  );
  await ws.environments.save({
    name: 'local',
    variables: [
      { name: 'host', value: `127.0.0.1:${server.port}` },
      { name: 'userId', value: '42' },
    ],
  });
});

afterAll(async () => {
  await server.close();
  removeDir(ws.dir);
  removeDir(dataDir);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

describe('gwb workspace commands', () => {
  it('collection ls lists the tree', async () => {
    const r = await gwb(['collection', 'ls', '--workspace', ws.dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('demo/\n');
    expect(r.stdout).toContain('get user');
  });

  it('request run prints like a call, streams included, and exits like one', async () => {
    const ok = await gwb([
      'request',
      'run',
      'demo/get user',
      '--env',
      'local',
      '--workspace',
      ws.dir,
    ]);
    expect(ok).toEqual({
      code: 0,
      stderr: '',
      stdout: '{\n  "id": "42",\n  "name": "Douglas Adams",\n  "age": 49\n}\n',
    });
    const tail = await gwb(['request', 'run', 'demo/tail', '--env=local', '--workspace', ws.dir]);
    expect(jsonMessages(tail.stdout)).toHaveLength(2);
    const missing = await gwb([
      'request',
      'run',
      'broken/missing user',
      '--env',
      'local',
      '--workspace',
      ws.dir,
    ]);
    expect(missing.code).toBe(69);
    expect(missing.stderr).toMatch(/^ERROR:\n {2}Code: NotFound\n/);
  });

  it('run runs a collection with a reporter and exits 1 when a request fails', async () => {
    const ok = await gwb([
      'run',
      'demo',
      '--env',
      'local',
      '--reporter',
      'json',
      '--workspace',
      ws.dir,
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toBeTruthy();
    const failing = await gwb([
      'run',
      'broken',
      '--env',
      'local',
      '--reporter',
      'junit',
      '--workspace',
      ws.dir,
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/<testsuite/);
  });

  it('explains wrong usage in one line', async () => {
    expect((await gwb(['collection'])).stderr).toBe(
      'gwb: collection: unknown action (none); try gwb collection ls\n',
    );
    expect((await gwb(['request', 'run'])).stderr).toBe('gwb: request run needs COLLECTION/PATH\n');
    expect((await gwb(['run', 'demo', '--reporter', 'xml'])).stderr).toBe(
      'gwb: run: --reporter is junit or json, not xml\n',
    );
  });
});
