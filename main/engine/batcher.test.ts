import { describe, it, expect } from 'vitest';
import { createEventBatcher } from './batcher.js';
import type { CallEvent } from '../../shared/calls/events.js';

const received = (seq: number): CallEvent => ({
  seq,
  t: seq,
  type: 'received',
  message: { n: seq },
  size: 2,
});

describe('event batcher', () => {
  it('emits a full batch at once and the rest after the interval, in order', async () => {
    const batches: { callId: string; seqs: number[] }[] = [];
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const batcher = createEventBatcher({
      maxBatch: 1000,
      intervalMs: 16,
      emit: (callId, events) => {
        batches.push({ callId, seqs: events.map((e) => e.seq) });
        if (events.at(-1)?.seq === 2499) resolveDone();
      },
    });
    for (let i = 0; i < 2500; i++) batcher.push('a', received(i));
    expect(batches.map((b) => b.seqs.length)).toEqual([1000, 1000]);
    await done;
    expect(batches.map((b) => b.seqs.length)).toEqual([1000, 1000, 500]);
    expect(batches.flatMap((b) => b.seqs)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    batcher.close();
  });

  it('keeps calls apart and flushes one call on demand', () => {
    const batches: [string, number][] = [];
    const batcher = createEventBatcher({ emit: (id, ev) => batches.push([id, ev.length]) });
    batcher.push('a', received(0));
    batcher.push('b', received(0));
    batcher.push('a', received(1));
    batcher.flush('a');
    expect(batches).toEqual([['a', 2]]);
    batcher.flushAll();
    expect(batches).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    batcher.close();
  });
});
