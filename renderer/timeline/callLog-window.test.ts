// The page's bounded window of a call's log (issue 11, point 4): with a source (the engine's
// `call.events`), at most `maxPages` pages stay in memory whatever the stream's length, and rows
// and filter scans in pages let go of are read back from the source.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { CallLog, PAGE_SIZE } from './callLog.js';
import type { Direction } from './filter.js';

function received(seq: number): CallEvent {
  return { seq, t: seq, type: 'received', message: { n: seq, text: `line ${seq}` }, size: 10 };
}

/** What the engine answers: `call.events` over every event the call has had, and who asked. */
function engineLog(count: number): {
  all: CallEvent[];
  asked: number[];
  fetch: (since: number, limit: number) => Promise<CallEvent[]>;
} {
  const all = Array.from({ length: count }, (_, i) => received(i));
  const asked: number[] = [];
  return {
    all,
    asked,
    fetch: (since, limit) => {
      asked.push(since);
      return Promise.resolve(all.slice(since, since + limit));
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('CallLog window', () => {
  it('keeps at most maxPages pages of a 300k-event stream in memory', () => {
    const engine = engineLog(300_000);
    const log = new CallLog(16);
    let loaded = 0;
    log.setSource(engine.fetch, () => loaded++);
    let most = 0;
    for (let i = 0; i < engine.all.length; i += 1000) {
      log.append(engine.all.slice(i, i + 1000));
      most = Math.max(most, log.pagesInMemory);
    }
    expect(most).toBeLessThanOrEqual(16);
    expect(log.length).toBe(300_000);
    expect(log.counts.received).toBe(300_000);
    expect(log.rowCount).toBe(300_000);
    // The newest rows are in memory; nothing was fetched to show them.
    expect(log.row(299_999)?.seq).toBe(299_999);
    expect(engine.asked).toEqual([]);
    expect(loaded).toBe(0);
  });

  it('reads a row let go of back from the source, once, and says so', async () => {
    const engine = engineLog(100_000);
    const log = new CallLog(4);
    let loaded = 0;
    log.setSource(engine.fetch, () => loaded++);
    log.append(engine.all);
    expect(log.row(5)).toBeUndefined();
    expect(log.row(6)).toBeUndefined();
    await settle();
    expect(engine.asked).toEqual([0]);
    expect(loaded).toBe(1);
    expect(log.row(5)).toEqual(received(5));
    expect(log.eventAt(PAGE_SIZE - 1)?.seq).toBe(PAGE_SIZE - 1);
    expect(log.pagesInMemory).toBeLessThanOrEqual(4);
  });

  it('applies a filter over pages let go of, reading them back as it goes', async () => {
    const engine = engineLog(50_000);
    const log = new CallLog(4);
    log.setSource(engine.fetch, () => undefined);
    log.append(engine.all);
    let done = log.setFilter({ directions: new Set<Direction>(['received']), text: 'line 4999' });
    for (let steps = 0; !done && steps < 10_000; steps++) {
      await settle();
      done = log.continueScan();
    }
    expect(done).toBe(true);
    // line 4999 and line 49990..49999
    expect(log.rowCount).toBe(11);
    expect(log.pagesInMemory).toBeLessThanOrEqual(4);
    // Its page was let go of again while the scan went on: asked for, then there.
    expect(log.row(0)).toBeUndefined();
    await settle();
    expect(log.row(0)?.seq).toBe(4999);
  });

  it('without a source keeps every event (a recording is read whole)', () => {
    const engine = engineLog(20_000);
    const log = new CallLog(4);
    log.append(engine.all);
    expect(log.pagesInMemory).toBe(Math.ceil(20_000 / PAGE_SIZE));
    expect(log.row(0)?.seq).toBe(0);
  });
});
