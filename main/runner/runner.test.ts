// The collection runner through the real engine and router, against the demo server: order,
// status judging, streams, filter, bail, iterations, progress events, cancel, history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  r.save('demo/1 get user', { messages: [{ id: '1' }] });
  r.save('demo/2 missing user', { messages: [{ id: '999' }] });
  r.save('demo/streams/tail', {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 3, intervalMs: 1 }],
  });
  r.save('demo/streams/upload', {
    method: '/example.BatchService/Upload',
    messages: [
      { key: 'a', text: 'x' },
      { key: 'b', number: 2 },
    ],
  });
  r.save('slow/forever', {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 0, intervalMs: 50 }],
  });
});

afterAll(async () => {
  await r.close();
  await server.close();
});

describe('runner', () => {
  it('runs a collection in tree order, streams included; status decides without assertions', async () => {
    const result = await r.run({ target: 'demo' });
    expect(result.results.map((x) => [x.path, x.passed, x.status?.codeName])).toEqual([
      ['demo/streams/tail', true, 'OK'],
      ['demo/streams/upload', true, 'OK'],
      ['demo/1 get user', true, 'OK'],
      ['demo/2 missing user', false, 'NOT_FOUND'],
    ]);
    // The client stream sent both messages and half-closed: the server summed them.
    expect(result.results[1]?.responses).toEqual([
      expect.objectContaining({ count: 2, keys: ['a', 'b'] }),
    ]);
    expect(result.results[0]?.received).toBe(3);
    expect(result.summary).toMatchObject({ requests: 4, passed: 3, failed: 1 });
    expect(result.cancelled).toBe(false);
    // Each call is in history, as a Send from the UI.
    const history = await r.kit.call('history.list', {});
    expect(JSON.stringify(history)).toContain('demo/2 missing user');
  });

  it('emits progress: started, iteration, each request started and finished, finished', async () => {
    const { runId } = await r.kit.call('runner.start', { target: 'demo/streams', iterations: 2 });
    const result = await r.kit.call('runner.wait', { runId });
    const types = r
      .progress(runId)
      .map((p) =>
        p.type === 'request-started'
          ? `start ${p.path}`
          : p.type === 'request-finished'
            ? `done ${p.result.path}`
            : p.type,
      );
    // call-started names the call whose events a watcher (gwb request run) prints.
    expect(types).toEqual([
      'started',
      'iteration',
      'start demo/streams/tail',
      'call-started',
      'done demo/streams/tail',
      'start demo/streams/upload',
      'call-started',
      'done demo/streams/upload',
      'iteration',
      'start demo/streams/tail',
      'call-started',
      'done demo/streams/tail',
      'start demo/streams/upload',
      'call-started',
      'done demo/streams/upload',
      'finished',
    ]);
    expect(result.results.map((x) => x.iteration)).toEqual([1, 1, 2, 2]);
  });

  it('filters by substring or glob, bails at the first failure, runs one request by path', async () => {
    const sub = await r.run({ target: 'demo', filter: 'USER' });
    expect(sub.results.map((x) => x.path)).toEqual(['demo/1 get user', 'demo/2 missing user']);
    const glob = await r.run({ target: 'demo', filter: 'demo/*/t*' });
    expect(glob.results.map((x) => x.path)).toEqual(['demo/streams/tail']);
    const deep = await r.run({ target: 'demo', filter: 'demo/**/*user' });
    expect(deep.results.map((x) => x.path)).toEqual(['demo/1 get user', 'demo/2 missing user']);
    const bail = await r.run({ target: 'demo', filter: 'user', bail: true, iterations: 3 });
    expect(bail.results.map((x) => x.path)).toEqual(['demo/1 get user', 'demo/2 missing user']);
    expect(bail.bailed).toBe(true);
    // What the run was to make: 2 requests a time, 3 times over (the reports say how many ran).
    expect(bail.planned).toBe(6);
    const one = await r.run({ target: 'demo/1 get user' });
    expect(one.results.map((x) => x.path)).toEqual(['demo/1 get user']);
  });

  it('refuses what cannot run: no such target, a filter matching nothing, bad call flags', async () => {
    await expect(r.run({ target: 'nope' })).rejects.toThrow(
      'not_found: no collection, folder or request nope',
    );
    await expect(r.run({ target: 'demo', filter: 'zzz' })).rejects.toThrow(
      /no request of demo matches the filter "zzz" \(of 4: demo\/streams\/tail/,
    );
    await expect(r.run({ target: 'demo', callFlags: ['-nope'] })).rejects.toThrow(
      'invalid_input: callFlags: flag provided but not defined: -nope',
    );
  });

  it('lays call flags over every saved request', async () => {
    const result = await r.run({ target: 'demo/1 get user', callFlags: ['-max-time', '0.000001'] });
    expect(result.results[0]?.status?.codeName).toBe('DEADLINE_EXCEEDED');
  });

  it('cancels the call in flight and stops', async () => {
    const { runId } = await r.kit.call('runner.start', { target: 'slow', iterations: 5 });
    await r.kit.waitForEvent(
      'runner.progress',
      (p) => p.runId === runId && p.type === 'request-started',
    );
    await r.kit.call('runner.cancel', { runId });
    const result = await r.kit.call('runner.wait', { runId });
    expect(result.cancelled).toBe(true);
    expect(result.results).toHaveLength(1);
    expect(result.planned).toBe(5);
    expect(result.results[0]?.status?.codeName).toBe('CANCELLED');
  });
});
