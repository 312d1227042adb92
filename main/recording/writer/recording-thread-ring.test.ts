import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { MAX_QUEUED_BYTES, RecordingThread } from './recording-thread.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** The thread's control words (see RING LAYOUT in recording-thread.ts): [2] says it sleeps. */
const sleeping = (thread: RecordingThread): boolean =>
  Atomics.load((thread as unknown as { shared: { control: Int32Array } }).shared.control, 2) === 1;

describe('the recording thread reads its ops from a ring shared with the event loop', () => {
  it('a thread that went to sleep after the last recording is woken by the next one, with one message', async () => {
    const thread = new RecordingThread();
    const first = thread.open(tmp.file('before-sleep.ndjson'));
    first.append(Buffer.from('first\n'));
    await first.close();
    expect(thread.wakes).toBe(1);
    // The thread's own timers decide when it sleeps: polled, within expect.poll's bound.
    await expect
      .poll(() => sleeping(thread), {
        message: 'the thread to go to sleep after its last recording',
      })
      .toBe(true);
    const path = tmp.file('after-sleep.ndjson');
    const next = thread.open(path);
    next.append(Buffer.from('after the thread slept\n'));
    await next.close();
    expect(readFileSync(path, 'utf8')).toBe('after the thread slept\n');
    expect(thread.wakes).toBe(2);
  });

  it('big appends (in parts) through a ring that wraps many times: every file whole and in order', async () => {
    const thread = new RecordingThread();
    const paths = [0, 1, 2].map((i) => tmp.file(`wrapping-${i}.ndjson`));
    const files = paths.map((path) => thread.open(path));
    const expected = paths.map(() => [] as Buffer[]);
    let total = 0;
    // Sizes around the 1 MiB an op carries and odd ones, so ops end anywhere in the ring.
    for (let n = 0; total < 3 * MAX_QUEUED_BYTES; n++) {
      const i = n % 3;
      const size = [1024 * 1024 + 13, 300_001, 7, 2 * 1024 * 1024 - 5][n % 4] as number;
      const data = Buffer.alloc(size, 97 + (n % 26));
      expected[i]?.push(data);
      files[i]?.append(data);
      total += size;
      // Now and then a turn, so the thread writes while more comes.
      if (n % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(files.map((file) => file.close()));
    for (const [i, path] of paths.entries())
      expect(readFileSync(path).equals(Buffer.concat(expected[i] ?? []))).toBe(true);
  });
});
