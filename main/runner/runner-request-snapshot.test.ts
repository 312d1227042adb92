// A snapshot asked for in the request document (`snapshot: { ignore }`, issue 15 §3): the runner
// compares that request's call with its stored snapshot with or without the run's `snapshots`
// option — a missing one is written and reported as new, a changed answer fails with the
// differences, `update` rewrites it — and leaves out the document's ignore paths. Requests
// without the setting keep no snapshot unless the run asks. Against the demo server.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  r.save('snap/get user', { messages: [{ id: '1' }], snapshot: {} });
  r.save('snap/plain', { messages: [{ id: '2' }] });
  // Each line carries the time it was sent: it differs on every run unless left out.
  r.save('tail/ignoring time', {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 3, intervalMs: 2 }],
    snapshot: { ignore: ['at'] },
  });
  r.save('tail/with time', {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 3, intervalMs: 2 }],
    snapshot: {},
  });
});

afterAll(async () => {
  await r.close();
  await server.close();
});

const snapshotOf = (result: { results: { path: string; snapshot?: unknown }[] }, p: string) =>
  result.results.find((x) => x.path === p)?.snapshot;

describe('a snapshot asked for by the request document', () => {
  it('is created as new without --snapshots, passes, fails when the answer changes, is rewritten by update', async () => {
    const first = await r.run({ target: 'snap' });
    expect(snapshotOf(first, 'snap/get user')).toEqual({
      state: 'new',
      file: 'snapshots/snap/get user.ndjson',
    });
    expect(existsSync(path.join(r.ws.dir, 'snapshots', 'snap', 'get user.ndjson'))).toBe(true);
    // The request without the setting keeps none when the run does not ask.
    expect(snapshotOf(first, 'snap/plain')).toBeUndefined();
    expect(existsSync(path.join(r.ws.dir, 'snapshots', 'snap', 'plain.ndjson'))).toBe(false);
    expect(first.summary).toMatchObject({ failed: 0, snapshotsNew: 1 });

    const second = await r.run({ target: 'snap' });
    expect(snapshotOf(second, 'snap/get user')).toEqual({
      state: 'passed',
      file: 'snapshots/snap/get user.ndjson',
    });

    // A deliberate change: another user answers.
    r.save('snap/get user', { messages: [{ id: '3' }], snapshot: {} });
    const changed = await r.run({ target: 'snap' });
    const failed = changed.results.find((x) => x.path === 'snap/get user');
    expect(failed?.passed).toBe(false);
    expect(failed?.snapshot).toMatchObject({ state: 'failed' });
    expect(failed?.snapshot?.differences).toContain('Grace Hopper');

    const updated = await r.run({ target: 'snap', snapshots: 'update' });
    expect(snapshotOf(updated, 'snap/get user')).toMatchObject({ state: 'updated' });
    expect(
      readFileSync(path.join(r.ws.dir, 'snapshots', 'snap', 'get user.ndjson'), 'utf8'),
    ).toContain('Grace Hopper');
    const after = await r.run({ target: 'snap' });
    expect(snapshotOf(after, 'snap/get user')).toMatchObject({ state: 'passed' });
  });

  it("leaves out the document's ignore paths (and only those requests')", async () => {
    const first = await r.run({ target: 'tail' });
    expect(first.results.map((x) => (x.snapshot as { state: string }).state)).toEqual([
      'new',
      'new',
    ]);
    const second = await r.run({ target: 'tail' });
    expect(snapshotOf(second, 'tail/ignoring time')).toMatchObject({ state: 'passed' });
    // The same stream without the ignore path differs by its times: the comparison compares.
    expect(snapshotOf(second, 'tail/with time')).toMatchObject({ state: 'failed' });
  });

  it('saved files without the setting load unchanged; with it, it is kept', async () => {
    const plain = await r.kit.call('request.read', { path: 'snap/plain' });
    expect(plain.request).not.toHaveProperty('snapshot');
    const tail = await r.kit.call('request.read', { path: 'tail/ignoring time' });
    expect(tail.request.snapshot).toEqual({ ignore: ['at'] });
  });
});
