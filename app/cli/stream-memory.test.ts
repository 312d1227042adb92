// gwb keeps nothing it has printed (issue 11, point 4): an endless Tail grew gwb to 4.3 GB. A long
// server stream is printed by gwb in a process of its own; its heap, measured after a full GC,
// must not grow with the number of messages (50k vs 200k).
import path from 'node:path';
import { expect, it } from 'vitest';
import { childReport, useBenchServer } from './bench-server-heap.testkit.js';

const target = useBenchServer();

async function heap(count: number): Promise<{ first: number; peak: number }> {
  const field = await childReport('stream-memory.child.ts', [
    target(),
    String(count),
    path.join(process.cwd(), 'bench'),
  ]);
  expect(field('CODE')).toBe('0');
  expect(field('LINES')).toBe(String(count));
  return { first: Number(field('FIRST')), peak: Number(field('PEAK')) };
}

it('prints a 200k-message stream with the heap of a 50k one', { timeout: 120_000 }, async () => {
  const small = await heap(50_000);
  const large = await heap(200_000);
  // Keeping each event cost ~0.4 KB: 150k more messages were ~60 MB more. The engine's default
  // window (50k events) is not enough either: gwb keeps a few events, so the heap after 10k
  // messages is the heap at 200k.
  expect(large.peak - small.peak).toBeLessThan(4 << 20);
  expect(large.peak - large.first).toBeLessThan(4 << 20);
});
