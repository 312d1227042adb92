// The Load view's store part over a scripted engine client (the real engine is driven in
// e2e/load.spec.ts and main/engine/load.test.ts): a run's events that arrive before load.start
// answers are kept, another run's are not taken for this one's, a refused setting keeps the field
// it names, and the form's counts are checked in words.
import { describe, expect, it } from 'vitest';
import type { LoadReportFile, LoadSnapshot } from '../../shared/contract/load-commands.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { change, niceMax } from './format.js';
import { settingsOf } from './LoadSettingsForm.js';

const latencyMs = { p50: 1, p90: 2, p95: 2, p99: 3, p999: 4, max: 5, mean: 1.5 };
const counts = {
  sent: 10,
  ok: 10,
  errors: 0,
  messagesSent: 10,
  messagesReceived: 10,
  bytesSent: 100,
  bytesReceived: 200,
};
const snapshot: LoadSnapshot = { elapsedMs: 1000, ...counts, rps: 10, latencyMs };
const report: LoadReportFile = {
  version: 1,
  request: 'c/a',
  settings: { thresholds: [] },
  summary: {
    target: 'h:1',
    method: '/s.S/M',
    model: 'closed',
    workers: 1,
    connections: 1,
    concurrency: 1,
    ...counts,
    durationMs: 1000,
    rps: 10,
    latencyMs,
    statuses: [{ code: 0, codeName: 'OK', count: 10, sample: '' }],
    thresholds: [],
    interrupted: false,
  },
  histogram: [{ upToMs: 1, count: 10 }],
  timeline: [snapshot],
};

describe('the load slice', () => {
  it('keeps the events that come before load.start answers, and only this run’s', async () => {
    const client: ScriptedClient = new ScriptedClient({
      'load.start': () => {
        client.emit('load.progress', { type: 'progress', loadId: 'other', snapshot });
        client.emit('load.progress', { type: 'progress', loadId: 'load-1', snapshot });
        return { loadId: 'load-1' };
      },
      'load.reports': () => ({ reports: [{ name: 'r1', file: 'load-reports/c/a/r1.json' }] }),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().openLoad({ path: 'c/a', title: 'c/a' });
    await store.getState().startLoad({ thresholds: [] });
    expect(store.getState().loadRun?.snapshots).toEqual([snapshot]);
    client.emit('load.progress', { type: 'finished', loadId: 'other', report, name: 'x' });
    expect(store.getState().loadRun?.report).toBeNull();
    client.emit('load.progress', { type: 'finished', loadId: 'load-1', report, name: 'r1' });
    expect(store.getState().loadRun).toMatchObject({ report, name: 'r1', error: null });
    await expect.poll(() => store.getState().loadReports.map((r) => r.name)).toEqual(['r1']);
  });

  it('keeps the field a refused setting names', async () => {
    const client = new ScriptedClient({
      'load.start': () => {
        throw Object.assign(new Error('Rate: x: the rate "x" is not a rate'), {
          code: 'invalid_input',
          details: { field: 'rps' },
        });
      },
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().openLoad({ path: null, title: 'unsaved' });
    await store.getState().startLoad({ rps: 'x', thresholds: [] });
    expect(store.getState().loadRun).toMatchObject({
      error: 'Rate: x: the rate "x" is not a rate',
      field: 'rps',
    });
  });
});

describe('the load form', () => {
  const blank = {
    concurrency: '',
    rps: '',
    duration: '',
    total: '',
    warmup: '',
    connections: '',
    streamMessages: '',
    workers: '',
    thresholds: '',
  };

  it('turns the texts into settings: counts as numbers, blank lines and fields left out', () => {
    expect(
      settingsOf({
        ...blank,
        concurrency: '8',
        rps: ' 10:100:5s ',
        thresholds: 'p99 < 5ms\n\n errors < 1 ',
      }),
    ).toEqual({
      settings: { concurrency: 8, rps: '10:100:5s', thresholds: ['p99 < 5ms', 'errors < 1'] },
    });
  });

  it('says which count is not a whole number from 1', () => {
    expect(settingsOf({ ...blank, total: '2.5' })).toEqual({
      field: 'total',
      error: 'Total calls: "2.5" is not a whole number from 1',
    });
    expect(settingsOf({ ...blank, connections: '0' })).toMatchObject({ field: 'connections' });
  });

  it('takes worker threads as a count, up to the 16 load.start takes', () => {
    expect(settingsOf({ ...blank, workers: '2' })).toEqual({
      settings: { workers: 2, thresholds: [] },
    });
    expect(settingsOf({ ...blank, workers: '17' })).toEqual({
      field: 'workers',
      error: 'Worker threads: 17 is more than 16',
    });
  });

  it('writes a difference with its sign, and axes end on a round figure', () => {
    expect(change(100, 150)).toBe('+50.0%');
    expect(change(200, 150)).toBe('−25.0%');
    expect(change(0, 0)).toBe('0%');
    expect(change(0, 3)).toBe('new');
    expect(niceMax(0)).toBe(1);
    expect(niceMax(633)).toBe(1000);
    expect(niceMax(38)).toBe(50);
    expect(niceMax(2.1)).toBe(2.5);
  });
});
