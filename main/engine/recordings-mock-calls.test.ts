import { describe, expect, it } from 'vitest';
import {
  createMockCallFeed,
  MAX_MOCK_CALLS_PER_EVENT,
  type MockCall,
} from './recordings-mock-calls.js';

// The batching of mock call reports: a burst becomes one event holding its newest calls and the
// count of those left out; a stopped feed sends nothing more.

const call = (n: number): MockCall => ({
  at: n,
  method: '/example.LogService/Tail',
  recording: `r${n}.ndjson`,
  matched: n % 2 === 0,
  why: `#${n}`,
});

function collect(intervalMs = 5) {
  const batches: { calls: MockCall[]; dropped: number }[] = [];
  let notify: (() => void) | undefined;
  const feed = createMockCallFeed((calls, dropped) => {
    batches.push({ calls, dropped });
    notify?.();
  }, intervalMs);
  const next = () => new Promise<void>((resolve) => (notify = resolve));
  return { feed, batches, next };
}

describe('mock call feed', () => {
  it('sends a burst as one batch of the newest calls with the rest counted as dropped', async () => {
    const { feed, batches, next } = collect();
    const flushed = next();
    for (let n = 0; n < 1000; n++) feed.add(call(n));
    await flushed;
    expect(batches).toHaveLength(1);
    expect(batches[0]!.calls).toHaveLength(MAX_MOCK_CALLS_PER_EVENT);
    expect(batches[0]!.calls[0]).toEqual(call(1000 - MAX_MOCK_CALLS_PER_EVENT));
    expect(batches[0]!.calls.at(-1)).toEqual(call(999));
    expect(batches[0]!.dropped).toBe(1000 - MAX_MOCK_CALLS_PER_EVENT);
  });

  it('keeps order and drops nothing across batches below the cap', async () => {
    const { feed, batches, next } = collect();
    let flushed = next();
    feed.add(call(1));
    feed.add(call(2));
    await flushed;
    flushed = next();
    feed.add(call(3));
    await flushed;
    expect(batches).toEqual([
      { calls: [call(1), call(2)], dropped: 0 },
      { calls: [call(3)], dropped: 0 },
    ]);
  });

  it('sends nothing after stop, not even what was pending', async () => {
    const { feed, batches } = collect(1);
    const other = collect(1);
    feed.add(call(1));
    feed.stop();
    feed.add(call(2));
    // A second feed on the same interval proves the first one's timer would have fired by now.
    const flushed = other.next();
    other.feed.add(call(3));
    await flushed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([]);
  });
});
