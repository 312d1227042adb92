// gwb load on a saved request: variables and a secret resolved by the engine's prepare step (the
// demo server answers nothing without the secret token), --data rows per call, nothing secret
// printed.
import { randomUUID } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import type { Workspace } from '../../main/workspace/index.js';
import { sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import type { LoadReport } from '../../main/load/report-types.js';
import { gwb } from './cli.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

let server: DemoServer;
let secrets: SecretWorkspace;
let ws: Workspace;
const SENTINEL = `SENTINEL-${randomUUID()}`;

beforeAll(async () => {
  server = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${SENTINEL}` });
  secrets = openSecretWorkspace();
  ws = secrets.ws;
  cpSync(resourcePath('protos'), path.join(ws.dir, 'protos'), { recursive: true });
  await ws.environments.save({
    name: 'prod',
    variables: [
      { name: 'host', value: `127.0.0.1:${server.port}` },
      { name: 'token', value: SENTINEL, secret: true },
    ],
  });
  ws.saveRequest(
    'api/get user',
    sampleRequest({
      connection: { address: '{{host}}', security: { kind: 'plaintext' } },
      schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
      metadata: [{ key: 'authorization', value: 'Bearer {{token}}' }],
      messages: [{ id: '{{uid}}' }],
    }),
  );
});

afterAll(async () => {
  await server.close();
  secrets.close();
});

it(
  'loads a saved request with its secret and a data row per call',
  { timeout: 60_000 },
  async () => {
    const data = path.join(tempDir(), 'users.csv');
    writeFileSync(data, 'uid\n1\n999\n');
    const run = await gwb([
      'load',
      'api/get user',
      '--workspace',
      ws.dir,
      '--env',
      'prod',
      '--data',
      data,
      '--total',
      '20',
      '--workers',
      '2',
      '--reporter',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain(SENTINEL);
    const report = JSON.parse(run.stdout) as LoadReport;
    // Rows alternate: user 1 exists, user 999 does not; no call was refused for want of the token.
    expect(report).toMatchObject({ sent: 20, ok: 10, errors: 10 });
    expect(report.statuses.map((s) => [s.code, s.count])).toEqual([
      [0, 10],
      [5, 10],
    ]);
    expect(run.code).toBe(0);
  },
);
