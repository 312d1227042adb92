// The runner view shows its own run only: `runner.progress` of an earlier or another window's run
// that arrives before runner.start answers is not adopted, and the slice listens to progress only
// while a run is followed (not from store creation on).
import { describe, expect, it } from 'vitest';
import type {
  RequestResult,
  RunnerProgress,
  RunResult,
} from '../../shared/contract/runner-commands.js';
import type { EventPayload, EventTopic } from '../../shared/contract/types.js';
import { ScriptedClient, type Handler } from '../api/scripted-client.testkit.js';
import { createWorkbenchStore } from '../store/index.js';

const settings = { environment: null, iterations: 1, filter: '', bail: false, dataFile: '' };

const result = (path: string): RequestResult => ({
  path,
  iteration: 1,
  passed: true,
  status: { code: 0, codeName: 'OK', message: '' },
  durationMs: 5,
  assertions: [],
  captured: [],
  responses: [],
  received: 1,
});

const finalOf = (runId: string, results: RequestResult[]): RunResult => ({
  runId,
  target: 'c',
  iterations: 1,
  planned: results.length,
  results,
  summary: {
    requests: results.length,
    passed: results.length,
    failed: 0,
    assertions: 0,
    assertionsPassed: 0,
    assertionsFailed: 0,
    snapshotsNew: 0,
    snapshotsFailed: 0,
    durationMs: 5,
  },
  cancelled: false,
  bailed: false,
});

/** Counts the `runner.progress` listeners the store holds. */
class CountingClient extends ScriptedClient {
  listening = 0;
  constructor(handlers: Partial<Record<string, Handler>>) {
    super(handlers);
  }
  override subscribe<T extends EventTopic>(
    topic: T,
    cb: (payload: EventPayload<T>) => void,
  ): () => void {
    const off = super.subscribe(topic, cb);
    if (topic !== 'runner.progress') return off;
    this.listening++;
    return () => {
      this.listening--;
      off();
    };
  }
}

describe('runner: only its own run’s events', () => {
  it('ignores an earlier run’s progress that arrives before runner.start answers', async () => {
    let release: () => void = () => undefined;
    const client: ScriptedClient = new ScriptedClient({
      'runner.start': () => {
        // An earlier run (or another window's) is still reporting while this one starts.
        const old: RunnerProgress[] = [
          { type: 'started', runId: 'old', paths: ['c/old'], iterations: 3 },
          { type: 'request-started', runId: 'old', iteration: 2, path: 'c/old' },
          { type: 'request-finished', runId: 'old', result: result('c/old') },
        ];
        for (const p of old) client.emit('runner.progress', p);
        client.emit('runner.progress', {
          type: 'started',
          runId: 'new',
          paths: ['c/a'],
          iterations: 1,
        });
        client.emit('runner.progress', {
          type: 'request-started',
          runId: 'new',
          iteration: 1,
          path: 'c/a',
        });
        return { runId: 'new' };
      },
      'runner.wait': () =>
        new Promise((resolve) => (release = () => resolve(finalOf('new', [result('c/a')])))),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().openRunner({ path: 'c' });
    const started = store.getState().startRun(settings);
    await expect.poll(() => store.getState().run?.runId).toBe('new');
    expect(store.getState().run).toMatchObject({
      paths: ['c/a'],
      iterations: 1,
      current: 'c/a',
      iteration: 1,
      results: [],
    });
    // The earlier run finishing later does not end this one either.
    client.emit('runner.progress', {
      type: 'finished',
      runId: 'old',
      result: finalOf('old', [result('c/old')]),
    });
    expect(store.getState().run?.final).toBeNull();
    release();
    await started;
    expect(store.getState().run?.results.map((r) => r.path)).toEqual(['c/a']);
  });

  it('listens to progress only while a run is followed', async () => {
    let release: () => void = () => undefined;
    const client = new CountingClient({
      'runner.start': () => ({ runId: 'r1' }),
      'runner.wait': () =>
        new Promise((resolve) => (release = () => resolve(finalOf('r1', [result('c/a')])))),
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    expect(client.listening).toBe(0);
    store.getState().openRunner({ path: 'c' });
    const started = store.getState().startRun(settings);
    await expect.poll(() => client.count('runner.wait')).toBe(1);
    expect(client.listening).toBe(1);
    release();
    await started;
    expect(client.listening).toBe(0);
  });

  it('stops listening when runner.start refuses the run', async () => {
    const client = new CountingClient({
      'runner.start': () => {
        throw Object.assign(new Error('no request of c matches the filter "zz"'), {
          code: 'invalid_input',
        });
      },
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    store.getState().openRunner({ path: 'c' });
    await store.getState().startRun({ ...settings, filter: 'zz' });
    expect(store.getState().run?.error).toContain('matches the filter');
    expect(client.listening).toBe(0);
  });
});
