// The Load view's run always ends, and stays small, whatever the engine's events do: a run whose
// final event was missed (a reconnect replays call events only) ends when Cancel finds the engine
// no longer knows it; an engine answer naming a field the form does not have is the run's words;
// an hour of snapshots keeps a bounded number of chart points.
import { describe, expect, it } from 'vitest';
import type { LoadSnapshot } from '../../shared/contract/load-commands.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';
import { isLoadRunning, RUN_UNKNOWN } from './loadSlice.js';
import { chartPoints, MAX_POINTS } from './timeline.js';

const latencyMs = { p50: 1, p90: 2, p95: 2, p99: 3, p999: 4, max: 5, mean: 1.5 };
const snapshotAt = (second: number, p99 = 3): LoadSnapshot => ({
  elapsedMs: second * 1000,
  sent: second,
  ok: second,
  errors: 0,
  messagesSent: second,
  messagesReceived: second,
  bytesSent: second,
  bytesReceived: second,
  rps: 10,
  latencyMs: { ...latencyMs, p99 },
});

function started(handlers: ConstructorParameters<typeof ScriptedClient>[0] = {}) {
  const client = new ScriptedClient({ 'load.start': () => ({ loadId: 'load-1' }), ...handlers });
  const store = createWorkbenchStore(client, (cb) => cb());
  store.getState().openLoad({ path: null, title: 'unsaved' });
  return { client, store };
}

describe('a load run in the view', () => {
  it('ends, and stops listening, when Cancel finds the engine no longer knows it', async () => {
    const { client, store } = started({
      'load.cancel': () => {
        throw Object.assign(new Error('no load run load-1 is running'), { code: 'not_found' });
      },
    });
    await store.getState().startLoad({ thresholds: [] });
    expect(isLoadRunning(store.getState().loadRun)).toBe(true);
    await store.getState().cancelLoad();
    expect(isLoadRunning(store.getState().loadRun)).toBe(false);
    expect(store.getState().loadRun?.error).toBe(RUN_UNKNOWN);
    // Listening stopped: a late event changes nothing.
    client.emit('load.progress', { type: 'progress', loadId: 'load-1', snapshot: snapshotAt(1) });
    expect(store.getState().loadRun?.snapshots).toEqual([]);
  });

  it('keeps running after a cancel the engine took: its end is on its way', async () => {
    const { store } = started({ 'load.cancel': () => ({ ok: true }) });
    await store.getState().startLoad({ thresholds: [] });
    await store.getState().cancelLoad();
    expect(isLoadRunning(store.getState().loadRun)).toBe(true);
  });

  it('shows an answer about a field the form does not have as the run’s words', async () => {
    const { store } = started({
      'load.start': () => {
        throw Object.assign(new Error('method: no method Nope'), {
          code: 'invalid_input',
          details: { field: 'method' },
        });
      },
    });
    await store.getState().startLoad({ thresholds: [] });
    expect(store.getState().loadRun).toMatchObject({
      error: 'method: no method Nope',
      field: null,
    });
  });

  it('keeps a threshold’s own line as the Thresholds field', async () => {
    const { store } = started({
      'load.start': () => {
        throw Object.assign(new Error('Thresholds: bad'), {
          code: 'invalid_input',
          details: { field: 'thresholds[1]' },
        });
      },
    });
    await store.getState().startLoad({ thresholds: [] });
    expect(store.getState().loadRun?.field).toBe('thresholds[1]');
  });

  it('keeps at most a bounded number of chart points over two hours of snapshots', async () => {
    const { client, store } = started();
    await store.getState().startLoad({ thresholds: [] });
    for (let s = 1; s <= 7200; s++)
      client.emit('load.progress', {
        type: 'progress',
        loadId: 'load-1',
        // One spike: merging keeps it visible.
        snapshot: snapshotAt(s, s === 4321 ? 900 : 3),
      });
    const points = store.getState().loadRun?.snapshots ?? [];
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(points.length).toBeGreaterThan(MAX_POINTS / 4);
    // The latest counts stay the run's, the time runs forward, the spike is still there.
    expect(points.at(-1)?.sent).toBe(7200);
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.elapsedMs).toBeGreaterThan(points[i - 1]!.elapsedMs);
    expect(Math.max(...points.map((p) => p.latencyMs.p99))).toBe(900);
  });

  it('draws a finished report’s two-hour timeline as a bounded number of points', () => {
    const timeline = Array.from({ length: 7200 }, (_, i) => snapshotAt(i + 1));
    const points = chartPoints(timeline);
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(points.at(-1)?.sent).toBe(7200);
  });

  it('files no report under the saved request when the tab has unsaved edits', async () => {
    const client = new ScriptedClient({ 'load.start': () => ({ loadId: 'load-1' }) });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().openLoad({ path: 'c/a', title: 'c/a', unsavedEdits: true });
    await store.getState().startLoad({ thresholds: [] });
    expect(client.inputs('load.start')[0]).toMatchObject({ path: 'c/a', saveReport: false });
  });
});
