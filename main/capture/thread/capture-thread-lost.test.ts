import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startBareThread } from './bare-thread.testkit.js';

describe('a capture thread that dies', () => {
  it('says so once, reads nothing more, and a flush does not wait for it', async () => {
    const { thread, errors } = startBareThread();
    const observer = thread.observe();
    observer.fromClient(Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'));
    await thread.flush(); // it runs: the flush is answered
    expect(thread.running).toBe(true);
    await (thread as unknown as { worker: Worker }).worker.terminate();
    await expect.poll(() => thread.running).toBe(false);
    expect(errors).toEqual([expect.stringMatching(/the capture thread stopped \(exit code 1\)/)]);
    // The proxy reads new connections on the event loop now; the old ones' ops go nowhere.
    observer.fromTarget(Buffer.alloc(10));
    observer.closed('client', undefined, true);
    await thread.flush();
    await thread.close();
    expect(errors).toHaveLength(1);
  });
});
