import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { CallTracker } from './call-tracker.js';

const ev = (seq: number, type: 'received' | 'ended' = 'received'): CallEvent =>
  type === 'ended'
    ? { seq, t: seq, type, durationMs: seq }
    : { seq, t: seq, type, message: null, size: 0 };

describe('CallTracker', () => {
  it('drops duplicates, fills a gap from the engine and holds newer live events until then', async () => {
    const log = Array.from({ length: 10 }, (_, i) => ev(i, i === 9 ? 'ended' : 'received'));
    const delivered: number[] = [];
    let caughtUp!: () => void;
    const upTo8 = new Promise<void>((r) => (caughtUp = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tracker = new CallTracker(
      async (_id, since) => {
        await gate;
        return { callId: 'c', events: log.slice(since, 7), nextSeq: 7, more: false, done: false };
      },
      (_id, events) => {
        delivered.push(...events.map((e) => e.seq));
        if (delivered.includes(8)) caughtUp();
      },
    );
    tracker.live('c', [ev(0), ev(1)]);
    tracker.live('c', [ev(1), ev(2)]); // duplicate 1
    tracker.live('c', [ev(5), ev(6)]); // gap: 3, 4 missing -> catch-up starts
    tracker.live('c', [ev(7), ev(8)]); // arrives while catching up
    expect(delivered).toEqual([0, 1, 2]);
    release();
    await upTo8;
    tracker.live('c', [ev(9, 'ended')]);
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
