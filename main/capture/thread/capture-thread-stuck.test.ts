// A capture thread that is alive but stuck (a stalled disk, a bug looping) when the proxy closes:
// close() gives up after its wait, says so, and stops the thread, so Ctrl-C and Stop still return.
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startBareThread } from './bare-thread.testkit.js';

describe('closing a stuck capture thread', () => {
  it('returns after its wait, saying the recordings may end early', async () => {
    const { thread, errors } = startBareThread({ closeWaitMs: 300 });
    await thread.flush(); // running
    thread.stallForTests(30_000);
    const start = performance.now();
    await thread.close();
    expect(performance.now() - start).toBeLessThan(5000);
    expect(thread.running).toBe(false);
    expect(errors).toEqual([
      expect.stringMatching(/capture thread was stopped \(it did not finish within 0\.3 s/),
    ]);
  });
});

describe('a capture thread that dies while a flush waits', () => {
  it('answers that flush (with nothing read) rather than leaving it waiting', async () => {
    const { thread } = startBareThread();
    await thread.flush(); // running
    thread.stallForTests(30_000);
    const waiting = thread.flush(); // cannot be answered while the thread is held
    await (thread as unknown as { worker: Worker }).worker.terminate();
    expect(await waiting).toBe(0);
    expect(thread.running).toBe(false);
  });
});
