// A capture thread that is stuck (not dead) while new connections keep coming: what the event loop
// keeps for it stays bounded. A connection the thread never heard of needs nothing more sent.
import { describe, expect, it } from 'vitest';
import { startBareThread } from './bare-thread.testkit.js';

describe('a stuck capture thread and many new connections', () => {
  it('keeps nothing for connections it never saw, and says once that they are not recorded', async () => {
    const { thread, errors } = startBareThread({ ringBytes: 4096 });
    await thread.flush(); // running
    thread.stallForTests(1500);
    for (let i = 0; i < 10_000; i++) {
      const observer = thread.observe();
      observer.fromClient(Buffer.alloc(300));
      observer.closed('client', undefined, true);
      void observer.read();
    }
    const { held } = thread as unknown as { held: unknown[] };
    // Only the few connections whose first bytes fit before the ring filled are held for.
    expect(held.length).toBeLessThan(100);
    expect(errors.filter((e) => /new connections are forwarded but not recorded/.test(e))).toEqual([
      expect.any(String),
    ]);
    // Once it reads again, the held ends reach it and it lets every connection go.
    expect(await thread.flush()).toBe(0);
    await thread.close();
  });
});
