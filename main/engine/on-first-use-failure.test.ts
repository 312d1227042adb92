// A feature built on first use whose build fails: not kept (the next use builds again), shared by
// the callers of one build, and closed by closeIfBuilt only once built. And closeEach, which the
// engine's close() uses: every part is closed whatever one part's failure, then the failures told.
import { describe, expect, it } from 'vitest';
import { closeEach } from './close-each.js';
import { closeIfBuilt, onFirstUse } from './on-first-use.js';

/** A feature whose first `failures` builds throw; counts builds and closes. */
function flakyFeature(failures: number) {
  const counts = { builds: 0, closes: 0 };
  const feature = onFirstUse(async () => {
    counts.builds++;
    if (counts.builds <= failures) throw new Error(`build ${counts.builds} failed: disk busy`);
    return { close: () => void counts.closes++ };
  });
  return { counts, feature };
}

describe('a build that fails', () => {
  it('is not kept: the next use builds again, and says each failure', async () => {
    const { counts, feature } = flakyFeature(2);
    await expect(feature.get()).rejects.toThrow('build 1 failed: disk busy');
    expect(feature.started()).toBeUndefined();
    expect(feature.now()).toBeUndefined();
    await expect(feature.get()).rejects.toThrow('build 2 failed: disk busy');
    const built = await feature.get();
    expect(counts.builds).toBe(3);
    expect(feature.now()).toBe(built);
    expect(await feature.get()).toBe(built);
    expect(counts.builds).toBe(3);
  });

  it('is one failure for the callers of the same build', async () => {
    const { counts, feature } = flakyFeature(1);
    const both = [feature.get(), feature.get()];
    await expect(both[0]).rejects.toThrow('build 1 failed');
    await expect(both[1]).rejects.toThrow('build 1 failed');
    expect(counts.builds).toBe(1);
  });

  it('leaves nothing to close; a built feature is closed', async () => {
    const { counts, feature } = flakyFeature(1);
    await closeIfBuilt(feature); // never asked for
    const failing = feature.get();
    await closeIfBuilt(feature); // its build fails while closing waits for it
    await expect(failing).rejects.toThrow('build 1 failed');
    await feature.get();
    await closeIfBuilt(feature);
    expect(counts.closes).toBe(1);
  });
});

describe('closeEach', () => {
  it('closes every part in order whatever one fails, then names each failed part', async () => {
    const closed: string[] = [];
    const closing = closeEach([
      ['the calls', () => void closed.push('calls')],
      [
        'the load runner',
        async () => {
          closed.push('load');
          throw new Error('worker did not stop');
        },
      ],
      ['the history', async () => void closed.push('history')],
      [
        'the channels',
        () => {
          closed.push('channels');
          throw new Error('socket busy');
        },
      ],
      ['the demo server', () => void closed.push('demo')],
    ]);
    await expect(closing).rejects.toThrow(
      'The engine closed, but 2 parts failed to close: the load runner: worker did not stop; ' +
        'the channels: socket busy',
    );
    expect(closed).toEqual(['calls', 'load', 'history', 'channels', 'demo']);
    const error = await closing.catch((e: unknown) => e);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual([
      'worker did not stop',
      'socket busy',
    ]);
  });

  it('resolves when every part closed', async () => {
    await expect(closeEach([['the calls', () => undefined]])).resolves.toBeUndefined();
  });
});
