// The runner slice over a scripted engine client (the real runner is driven in e2e/runner.spec.ts):
// progress that arrives before runner.start answers is kept, and the final result is taken from
// runner.wait when its event was missed.
import { describe, expect, it } from 'vitest';
import type { RequestResult, RunResult } from '../../shared/contract/runner-commands.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';

const result: RequestResult = {
  path: 'c/a',
  iteration: 1,
  passed: true,
  status: { code: 0, codeName: 'OK', message: '' },
  durationMs: 5,
  assertions: [{ expression: 'status.code == 0', passed: true }],
  captured: [],
  responses: [],
  received: 1,
};

const final: RunResult = {
  runId: 'run-1',
  target: 'c',
  iterations: 1,
  planned: 1,
  results: [result],
  summary: {
    requests: 1,
    passed: 1,
    failed: 0,
    assertions: 1,
    assertionsPassed: 1,
    assertionsFailed: 0,
    snapshotsNew: 0,
    snapshotsFailed: 0,
    durationMs: 5,
  },
  cancelled: false,
  bailed: false,
};

describe('runner slice', () => {
  it('keeps progress sent before runner.start answers, and ends with runner.wait', async () => {
    let release: () => void = () => undefined;
    const client: ScriptedClient = new ScriptedClient({
      'runner.start': () => {
        // The engine starts at once: its first events come before the answer.
        client.emit('runner.progress', {
          type: 'started',
          runId: 'run-1',
          paths: ['c/a'],
          iterations: 1,
        });
        client.emit('runner.progress', {
          type: 'request-started',
          runId: 'run-1',
          iteration: 1,
          path: 'c/a',
        });
        return { runId: 'run-1' };
      },
      'runner.wait': () => new Promise((resolve) => (release = () => resolve(final))),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().openRunner({ path: 'c' });
    const started = store
      .getState()
      .startRun({ environment: null, iterations: 1, filter: '', bail: false, dataFile: '' });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().run).toMatchObject({ runId: 'run-1', paths: ['c/a'], current: 'c/a' });
    // Another run's events (another window) are not this one's.
    client.emit('runner.progress', {
      type: 'request-finished',
      runId: 'run-2',
      result: { ...result, path: 'x' },
    });
    expect(store.getState().run?.results).toEqual([]);
    release();
    await started;
    expect(store.getState().run?.final?.summary.passed).toBe(1);
    expect(store.getState().run?.results).toEqual([result]);
    expect(client.inputs('runner.start')[0]).toMatchObject({ target: 'c' });
    expect(client.inputs('runner.start')[0]).not.toHaveProperty('filter');
  });

  it('passes the typed filter, or the dependency list’s paths', async () => {
    const client = new ScriptedClient({
      'runner.start': () => ({ runId: 'r' }),
      'runner.wait': () => ({ ...final, runId: 'r' }),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().openRunner({ path: 'c' });
    await store.getState().startRun({
      environment: 'dev',
      iterations: 2,
      filter: ' users/* ',
      bail: true,
      dataFile: '',
    });
    store.getState().openRunner({
      path: 'c',
      dependenciesOf: 'c/b',
      paths: ['c/a', 'c/b'],
    });
    await store
      .getState()
      .startRun({ environment: null, iterations: 1, filter: 'ignored', bail: false, dataFile: '' });
    const [first, second] = client.inputs('runner.start');
    expect(first).toMatchObject({
      filter: 'users/*',
      environment: 'dev',
      iterations: 2,
      bail: true,
    });
    expect(second).toMatchObject({ paths: ['c/a', 'c/b'], target: 'c' });
    expect(second).not.toHaveProperty('filter');
  });
});
