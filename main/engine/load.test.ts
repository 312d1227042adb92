// Workbench load runs through the real router and engine against an in-process grpc-js server:
// progress arrives as periodic snapshots, the counts add up (sent = OK + errors, and the server
// answered exactly the calls sent), the report is saved beside the request and read back, cancel
// stops a run, and a mistake in the settings is answered in words naming its field.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract/index.js';
import {
  loadEvents,
  loadSummarySchema,
  type LoadProgressEvent,
} from '../../shared/contract/load-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { LOAD_PROTO, loadRequest, startLoadServer, type LoadServer } from '../load/load.testkit.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { removeDir, tempDir } from '../workspace/workspace.testkit.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';
import { LOAD_REPORTS_FOLDER } from './load-reports.js';

let server: LoadServer;
let kit: EngineKit;
let ws: Workspace;

/** A run on a loaded two-core machine can take a while to start its workers: generous. */
const RUN_BOUND_MS = 120_000;

function request(method: string, text = 'hi'): RequestDocument {
  return {
    ...loadRequest(server, method, [{ text }]),
    method: `/loadtest.Load/${method}`,
    schema: { kind: 'protoFiles', files: ['load.proto'], importPaths: [] },
  };
}

function progressOf(loadId: string): LoadProgressEvent[] {
  return kit.events
    .filter((e) => e.topic === 'load.progress')
    .map((e) => e.payload as LoadProgressEvent)
    .filter((p) => p.loadId === loadId);
}

async function runToEnd(input: Input<'load.start'>) {
  const { loadId } = await kit.call('load.start', input);
  const end = await kit.waitForEvent(
    'load.progress',
    (p) => p.loadId === loadId && p.type !== 'progress',
    RUN_BOUND_MS,
  );
  if (end.type === 'failed') throw new Error(`the run failed: ${end.message}`);
  if (end.type !== 'finished') throw new Error('unreachable');
  return { loadId, end };
}

async function settingsError(settings: Input<'load.start'>['settings']) {
  const error = await kit.call('load.start', { path: 'load/unary', settings }).then(
    () => undefined,
    (e: { reply: { code: string; message: string; details?: { field?: string } } }) => e.reply,
  );
  if (!error) throw new Error('load.start accepted the settings');
  return error;
}

beforeAll(async () => {
  server = await startLoadServer();
  kit = startEngineKit();
  ws = openWorkspace(tempDir('gwb-load-ws-'));
  copyFileSync(LOAD_PROTO, path.join(ws.dir, 'load.proto'));
  ws.saveRequest('load/unary', request('Unary'));
  ws.saveRequest('load/failing', request('Unary', 'fail'));
  ws.saveRequest('load/uuids', request('Unary', 'id {{$uuid}}'));
  ws.saveRequest('load/rows', request('Unary', '{{word}}'));
  writeFileSync(path.join(ws.dir, 'words.csv'), 'word\nhello\nfail\n');
  writeFileSync(path.join(ws.dir, 'broken.csv'), 'word\n"unclosed\n');
  await kit.call('workspace.open', { dir: ws.dir });
});

afterAll(async () => {
  await kit.close();
  server.close();
  removeDir(ws.dir);
});

describe('load runs in the workbench', () => {
  it('sends snapshots while it runs, and a report whose counts add up, saved and read back', async () => {
    const before = server.unaryCalls();
    const { loadId, end } = await runToEnd({
      path: 'load/unary',
      settings: { concurrency: 4, duration: '2500ms', workers: 2, thresholds: ['errors < 1'] },
    });
    const snapshots = progressOf(loadId).flatMap((p) =>
      p.type === 'progress' ? [p.snapshot] : [],
    );
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    // Snapshots are cumulative counts: never going back.
    for (let i = 1; i < snapshots.length; i++)
      expect(snapshots[i]?.sent).toBeGreaterThanOrEqual(snapshots[i - 1]?.sent ?? 0);
    const { summary } = end.report;
    expect(summary.sent).toBeGreaterThan(0);
    expect(summary.sent).toBe(summary.ok + summary.errors);
    expect(summary.errors).toBe(0);
    expect(server.unaryCalls() - before).toBe(summary.sent);
    expect(summary.statuses).toEqual([
      { code: 0, codeName: 'OK', count: summary.sent, sample: expect.any(String) },
    ]);
    expect(summary.thresholds).toEqual([{ threshold: 'errors < 1', passed: true, actual: 0 }]);
    expect(end.report.histogram.reduce((n, b) => n + b.count, 0)).toBe(summary.sent);
    expect(end.report.timeline).toEqual(snapshots);

    // Saved beside the request, outside collections/ (the tree lists no new folder), read back.
    expect(end.name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(-\d+)?$/);
    const file = path.join(ws.dir, LOAD_REPORTS_FOLDER, 'load', 'unary', `${end.name}.json`);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(end.report);
    expect(text).toBe(`${JSON.stringify(end.report, null, 2)}\n`);
    // The date is in the file's name only: two runs' files differ where their figures do.
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      'version',
      'request',
      'settings',
      'summary',
      'histogram',
      'timeline',
    ]);
    // Written in the schema's key order, whatever order the engine made the parts in.
    const written = JSON.parse(text) as { summary: { statuses: object[] } };
    expect(Object.keys(written.summary)).toEqual(Object.keys(loadSummarySchema.shape));
    expect(Object.keys(written.summary.statuses[0] ?? {})).toEqual([
      'code',
      'codeName',
      'count',
      'sample',
    ]);
    const { reports } = await kit.call('load.reports', { path: 'load/unary' });
    expect(reports.map((r) => r.name)).toContain(end.name);
    expect(await kit.call('load.report', { path: 'load/unary', name: end.name as string })).toEqual(
      end.report,
    );
    const tree = await kit.call('workspace.tree', {});
    expect(JSON.stringify(tree.collections)).not.toContain(LOAD_REPORTS_FOLDER);
  });

  it('counts every failed call by its status with a sample message, and fails its threshold', async () => {
    const { end } = await runToEnd({
      path: 'load/failing',
      settings: { concurrency: 2, total: 30, workers: 1, thresholds: ['errors < 1'] },
    });
    const { summary } = end.report;
    expect(summary).toMatchObject({ sent: 30, ok: 0, errors: 30 });
    expect(summary.statuses).toEqual([
      { code: 3, codeName: 'INVALID_ARGUMENT', count: 30, sample: 'told to fail' },
    ]);
    expect(summary.thresholds).toEqual([{ threshold: 'errors < 1', passed: false, actual: 30 }]);
    expect(summary.bytesSent).toBeGreaterThan(0);
  });

  it('fills in {{$uuid}} for every call, after the engine resolved the rest', async () => {
    const from = server.texts.length;
    await runToEnd({ path: 'load/uuids', settings: { concurrency: 2, total: 20, workers: 1 } });
    const texts = server.texts.slice(from);
    expect(texts).toHaveLength(20);
    expect(new Set(texts).size).toBe(20);
    for (const t of texts) expect(t).toMatch(/^id [0-9a-f-]{36}$/);
  });

  it('gives call k the data file row k (a relative path from the workspace)', async () => {
    const from = server.texts.length;
    const { end } = await runToEnd({
      path: 'load/rows',
      dataFile: 'words.csv',
      settings: { concurrency: 1, total: 20, workers: 2 },
    });
    const texts = server.texts.slice(from);
    expect(texts.filter((t) => t === 'hello')).toHaveLength(10);
    expect(texts.filter((t) => t === 'fail')).toHaveLength(10);
    // Row 2 says fail: the server refuses it.
    expect(end.report.summary).toMatchObject({ sent: 20, ok: 10, errors: 10 });
  });

  it('answers a data file it cannot read beside the Data file field, with file and line', async () => {
    const start = (dataFile: string) =>
      kit.call('load.start', { path: 'load/rows', dataFile, settings: { total: 1 } }).then(
        () => undefined,
        (e: { reply: { code: string; message: string; details?: { field?: string } } }) => e.reply,
      );
    expect(await start('broken.csv')).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^broken\.csv:2: /) as unknown,
      details: { field: 'dataFile', line: 2 },
    });
    expect(await start('missing.csv')).toMatchObject({
      message: expect.stringContaining('Data file missing.csv: no such file') as unknown,
      details: { field: 'dataFile' },
    });
  });

  it('runs a request given as a document (an unsaved tab) without saving a report', async () => {
    const { end } = await runToEnd({
      request: request('Unary'),
      settings: { concurrency: 1, total: 5, workers: 1 },
    });
    expect(end.name).toBeUndefined();
    expect(end.report.request).toBeUndefined();
    expect(end.report.summary.sent).toBe(5);
  });

  it('stops when cancelled: the calls in flight are counted, the report says interrupted', async () => {
    const { loadId } = await kit.call('load.start', {
      path: 'load/unary',
      settings: { concurrency: 2, duration: '10m', workers: 1 },
    });
    await kit.waitForEvent(
      'load.progress',
      (p) => p.loadId === loadId && p.type === 'progress',
      RUN_BOUND_MS,
    );
    await kit.call('load.cancel', { loadId });
    const end = await kit.waitForEvent(
      'load.progress',
      (p) => p.loadId === loadId && p.type !== 'progress',
      RUN_BOUND_MS,
    );
    if (end.type !== 'finished') throw new Error(`expected finished, got ${end.type}`);
    expect(end.report.summary.interrupted).toBe(true);
    expect(end.report.summary.sent).toBe(end.report.summary.ok + end.report.summary.errors);
    const again = await kit.call('load.cancel', { loadId }).then(
      () => 'answered',
      (e: { reply: { code: string } }) => e.reply.code,
    );
    expect(again).toBe('not_found');
  });

  it('answers a mistake in the settings in words, naming the field, before anything runs', async () => {
    expect(await settingsError({ rps: 'fast' })).toMatchObject({
      code: 'invalid_input',
      message: 'Rate: fast: the rate "fast" is not a rate (calls per second)',
      details: { field: 'rps' },
    });
    expect(await settingsError({ duration: '10' })).toMatchObject({
      message: 'Duration: 10: expected a duration such as 500ms, 10s or 2m',
      details: { field: 'duration' },
    });
    expect(await settingsError({ duration: '1s', total: 5 })).toMatchObject({
      details: { field: 'total' },
    });
    expect(await settingsError({ thresholds: ['p99 < 5ms', 'p99 < fast'] })).toMatchObject({
      message: 'Threshold "p99 < fast": at position 7: "fast" is not a number',
      details: { field: 'thresholds[1]' },
    });
  });

  it('every load.progress event matches its declared schema', () => {
    const all = kit.events.filter((e) => e.topic === 'load.progress');
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) expect(() => loadEvents['load.progress'].parse(e.payload)).not.toThrow();
  });

  it('says which report is missing or broken', async () => {
    const missing = await kit.call('load.report', { path: 'load/unary', name: 'nope' }).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(missing).toContain(`${LOAD_REPORTS_FOLDER}/load/unary/nope.json: no such load report`);
    expect(readdirSync(path.join(ws.dir, LOAD_REPORTS_FOLDER, 'load'))).toEqual(
      expect.arrayContaining(['unary', 'failing']),
    );
  });
});
