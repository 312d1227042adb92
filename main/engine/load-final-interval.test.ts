// A workbench load run shorter than one progress tick: its saved report's timeline has the run's
// last, partial interval (the Load view's charts draw it), told live as a snapshot too, with the
// summary's counts; the file on disk and load.report read back hold the same point.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LoadProgressEvent } from '../../shared/contract/load-commands.js';
import { LOAD_PROTO, loadRequest, startLoadServer, type LoadServer } from '../load/load.testkit.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { removeDir, tempDir } from '../workspace/workspace.testkit.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';
import { LOAD_REPORTS_FOLDER } from './load-reports.js';

let server: LoadServer;
let kit: EngineKit;
let ws: Workspace;

beforeAll(async () => {
  server = await startLoadServer();
  kit = startEngineKit();
  ws = openWorkspace(tempDir('gwb-load-tail-'));
  copyFileSync(LOAD_PROTO, path.join(ws.dir, 'load.proto'));
  ws.saveRequest('load/unary', {
    ...loadRequest(server, 'Unary'),
    method: '/loadtest.Load/Unary',
    schema: { kind: 'protoFiles', files: ['load.proto'], importPaths: [] },
  });
  await kit.call('workspace.open', { dir: ws.dir });
});

afterAll(async () => {
  await kit.close();
  server.close();
  removeDir(ws.dir);
});

it('saves a 300 ms run with its last interval in the timeline', { timeout: 120_000 }, async () => {
  const { loadId } = await kit.call('load.start', {
    path: 'load/unary',
    saveReport: true,
    settings: { concurrency: 2, duration: '300ms', workers: 1 },
  });
  const end = await kit.waitForEvent(
    'load.progress',
    (p) => p.loadId === loadId && p.type !== 'progress',
    120_000,
  );
  if (end.type !== 'finished') throw new Error(`the run did not finish: ${JSON.stringify(end)}`);
  const { summary, timeline } = end.report;
  expect(summary.sent).toBeGreaterThan(0);
  expect(timeline).toHaveLength(1);
  const [point] = timeline;
  expect(point).toMatchObject({
    sent: summary.sent,
    ok: summary.ok,
    errors: summary.errors,
    messagesSent: summary.messagesSent,
    messagesReceived: summary.messagesReceived,
    bytesSent: summary.bytesSent,
    bytesReceived: summary.bytesReceived,
  });
  expect(point?.rps).toBeGreaterThan(0);
  expect(point?.latencyMs.p50).toBeGreaterThan(0);
  // Told live as well, before the end: the view draws it while the report arrives.
  const told = kit.events
    .filter((e) => e.topic === 'load.progress')
    .map((e) => e.payload as LoadProgressEvent)
    .flatMap((p) => (p.loadId === loadId && p.type === 'progress' ? [p.snapshot] : []));
  expect(told).toEqual(timeline);
  // The saved file and load.report hold the same point.
  const file = path.join(ws.dir, LOAD_REPORTS_FOLDER, 'load', 'unary', `${end.name}.json`);
  expect((JSON.parse(readFileSync(file, 'utf8')) as { timeline: unknown }).timeline).toEqual(
    timeline,
  );
  const read = await kit.call('load.report', { path: 'load/unary', name: end.name as string });
  expect(read.timeline).toEqual(timeline);
});
