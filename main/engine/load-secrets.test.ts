// Issue 18: a load run's target is the prepared request with its secrets filled in. Nothing a run
// tells (load.progress) or saves (load-reports/, committed with the workspace) may hold a secret
// value: not the target's address, not a server's error text that echoes a token. And a report is
// saved in the workspace the run started in, even when another one is open by the time it ends.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadProgressEvent } from '../../shared/contract/load-commands.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { removeDir, tempDir } from '../workspace/workspace.testkit.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';
import { LOAD_REPORTS_FOLDER } from './load-reports.js';

const SENTINEL = `SENTINEL-${randomUUID()}`;
/** A run on a loaded two-core machine can take a while to start its workers: generous. */
const RUN_BOUND_MS = 120_000;

let server: DemoServer;
let kit: EngineKit;
let ws: Workspace;
let other: Workspace;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const endOf = (loadId: string) =>
  kit.waitForEvent(
    'load.progress',
    (p: LoadProgressEvent) => p.loadId === loadId && p.type !== 'progress',
    RUN_BOUND_MS,
  );

beforeAll(async () => {
  // The demo answers UNAUTHENTICATED unless the real value arrives: the wire has the secret.
  server = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${SENTINEL}` });
  kit = startEngineKit();
  ws = openWorkspace(tempDir('gwb-load-secrets-'));
  other = openWorkspace(tempDir('gwb-load-other-'));
  copyFileSync(resourcePath('protos', 'example.proto'), path.join(ws.dir, 'example.proto'));
  // The address is a secret too, and GetUser answers NOT_FOUND quoting the id it was given.
  ws.saveRequest('secret/get', {
    ...demoRequest('{{addr}}', '/example.UserService/GetUser', [{ id: '{{token}}' }], {
      metadata: [{ key: 'authorization', value: 'Bearer {{token}}' }],
    }),
    schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: [] },
  });
  await kit.call('workspace.open', { dir: ws.dir });
  await kit.call('environment.save', {
    name: 'prod',
    variables: [
      { name: 'token', value: SENTINEL, secret: true },
      { name: 'addr', value: `127.0.0.1:${server.port}`, secret: true },
    ],
  });
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
  if (ws) removeDir(ws.dir);
  if (other) removeDir(other.dir);
});

describe('a load run with secrets', () => {
  it('tells and saves the secret values masked, the server’s echo of them too', async () => {
    const { loadId } = await kit.call('load.start', {
      path: 'secret/get',
      environment: 'prod',
      settings: { concurrency: 1, total: 3, workers: 1, thresholds: [] },
    });
    const end = await endOf(loadId);
    if (end.type !== 'finished') throw new Error(`the run did not finish: ${JSON.stringify(end)}`);
    // The calls got past the authorization check (the secret was sent) and were echoed.
    expect(end.report.summary.statuses).toEqual([
      expect.objectContaining({
        codeName: 'NOT_FOUND',
        sample: expect.stringContaining('[secret:token]'),
      }),
    ]);
    expect(end.report.summary.target).toBe('[secret:addr]');
    const told = JSON.stringify(kit.events.filter((e) => e.topic === 'load.progress'));
    expect(told).not.toContain(SENTINEL);
    expect(told).not.toContain(`127.0.0.1:${server.port}`);
    const saved = filesUnder(path.join(ws.dir, LOAD_REPORTS_FOLDER));
    expect(saved.length).toBe(1);
    for (const file of saved) {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('[secret:token]');
      expect(text).not.toContain(SENTINEL);
      expect(text).not.toContain(Buffer.from(SENTINEL).toString('hex'));
    }
  });

  it('saves its report in the workspace it started in, when another is open at its end', async () => {
    const { loadId } = await kit.call('load.start', {
      path: 'secret/get',
      environment: 'prod',
      settings: { concurrency: 1, duration: '10m', workers: 1, thresholds: [] },
    });
    await kit.waitForEvent(
      'load.progress',
      (p: LoadProgressEvent) => p.loadId === loadId && p.type === 'progress',
      RUN_BOUND_MS,
    );
    const before = filesUnder(path.join(ws.dir, LOAD_REPORTS_FOLDER));
    await kit.call('workspace.open', { dir: other.dir });
    await kit.call('load.cancel', { loadId });
    const end = await endOf(loadId);
    if (end.type !== 'finished') throw new Error(`the run did not finish: ${JSON.stringify(end)}`);
    expect(end.name).toBeDefined();
    expect(filesUnder(path.join(other.dir, LOAD_REPORTS_FOLDER))).toEqual([]);
    const after = filesUnder(path.join(ws.dir, LOAD_REPORTS_FOLDER));
    expect(after.length).toBe(before.length + 1);
    expect(after.some((f) => path.basename(f) === `${end.name}.json`)).toBe(true);
  });
});
