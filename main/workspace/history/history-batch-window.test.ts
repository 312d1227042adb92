// What is appended while a batch is being written waits for its own window before it is written,
// as the first entry of a batch always does: written as soon as the batch before it was done, a
// run's batches held only the calls of one write and fsync, and it paid a batch's file work every
// few calls. An entry whose window is over by then is written at once: what a crash can lose stays
// the last window and the batch in flight. The window's timer is faked (the files are real), so
// the tests say when the window is over instead of waiting for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { removeDir, tempDir } from '../workspace.testkit.js';
import { HistoryWriter } from './history-writer.js';

const WINDOW_MS = 50;
const dirs: string[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  dirs.splice(0).forEach(removeDir);
});

/** A writer in a temp folder, and the ids of each batch it reports written, in order. */
function writer() {
  const dir = tempDir('gwb-history-window-');
  dirs.push(dir);
  const batches: string[][] = [];
  const history = new HistoryWriter(dir, (_file, ids) => batches.push(ids));
  const add = (id: string) => history.add(id, JSON.stringify({ id }));
  return { history, batches, add };
}

/** Until `done()` holds, a turn of the event loop at a time (the file work is real). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe('history batch window', () => {
  it('entries appended during a write wait for their window, then go in one batch', async () => {
    const { history, batches, add } = writer();
    add('a');
    vi.advanceTimersByTime(WINDOW_MS); // a's batch is being written
    add('b');
    add('c');
    await until(() => batches.length === 1);
    // The turn on which the batch before would have started the next one, had it not waited.
    await new Promise((resolve) => setImmediate(resolve));
    add('d');
    vi.advanceTimersByTime(WINDOW_MS);
    await history.flush();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('an entry whose window ended during the write is written right after it', async () => {
    const { batches, add } = writer();
    add('a');
    vi.advanceTimersByTime(WINDOW_MS);
    add('b');
    vi.advanceTimersByTime(WINDOW_MS); // b's window is over while a's batch is still being written
    // No flush, no more time: b's batch starts as a's is done.
    await until(() => batches.length === 2);
    expect(batches).toEqual([['a'], ['b']]);
  });
});
