// A client stream from a fast stdin (a file: gwb never waits for it) keeps gwb's memory flat:
// gwb reads the next piece only once the call has room (call.send answers when the session's
// queue is below its mark). Before, every message read waited in the session's queue: 1M
// messages peaked at 540 MB. Measured in a process of its own, the heap after a full GC.
import { expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { childReport, useBenchServer } from './bench-server-heap.testkit.js';

const target = useBenchServer();

async function heap(count: number): Promise<{ first: number; peak: number }> {
  const field = await childReport('stream-memory-client.child.ts', [
    target(),
    String(count),
    resourcePath('protos'),
  ]);
  expect(field('CODE')).toBe('0');
  expect(field('PRODUCED')).toBe(String(count));
  expect(field('OUT')).toBe('{}');
  return { first: Number(field('FIRST')), peak: Number(field('PEAK')) };
}

it('sends 300k messages from a fast stdin with the heap of 60k', { timeout: 180_000 }, async () => {
  const small = await heap(60_000);
  const large = await heap(300_000);
  expect(large.peak - small.peak).toBeLessThan(8 << 20);
  expect(large.peak - large.first).toBeLessThan(8 << 20);
});
