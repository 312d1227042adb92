// A reopened history entry keeps a head and a tail of a long call: the log shows a gap row where
// the middle went, numbers the messages after it as the live call did, and counts them all.
import { describe, it, expect } from 'vitest';
import type { CallEvent, JsonValue } from '../../shared/calls/events.js';
import { restoredCall, storedGaps } from '../history/restoreResponse.js';
import { CallLog } from './callLog.js';
import { ALL_DIRECTIONS } from './filter.js';
import { isGap } from './gap.js';
import { rowCells } from './rowText.js';

/** started, then `n` received messages numbered 1…n, then status and ended (seqs from 0). */
function tail(n: number): CallEvent[] {
  const events: CallEvent[] = [
    {
      seq: 0,
      t: 0,
      type: 'started',
      at: 0,
      method: '/example.LogService/Tail',
      kind: 'server_stream',
      target: 'x',
      metadata: [],
    },
  ];
  for (let i = 1; i <= n; i++)
    events.push({ seq: i, t: i, type: 'received', message: { line: `line ${i}` }, size: 9 });
  events.push({
    seq: n + 1,
    t: n + 1,
    type: 'status',
    status: { code: 0, codeName: 'OK', message: '', details: [] },
  });
  events.push({ seq: n + 2, t: n + 2, type: 'ended', durationMs: n + 2 });
  return events;
}

/** What history stores of `tail(n)` keeping `head` and `keepTail` events, and its gap. */
function entryOf(n: number, head: number, keepTail: number) {
  const all = tail(n);
  const kept = [...all.slice(0, head), ...all.slice(all.length - keepTail)];
  const missing = all.slice(head, all.length - keepTail);
  return {
    at: '2026-01-01T00:00:00.000Z',
    events: JSON.parse(JSON.stringify(kept)) as JsonValue[],
    droppedEvents: missing.length,
    gaps: [
      {
        at: head,
        events: missing.length,
        sent: 0,
        received: missing.filter((e) => e.type === 'received').length,
      },
    ],
  };
}

describe('a gap in a reopened history entry', () => {
  it('is a row of its own at its place, saying how many events are not kept', () => {
    const entry = entryOf(3000, 500, 500);
    const { call } = restoredCall('e1', 't1', entry, 'server_stream');
    const log = new CallLog();
    log.setGaps(storedGaps(entry));
    log.append(
      (entry.events as unknown as CallEvent[]).map((e, seq) => ({ ...e, seq }) as CallEvent),
    );
    expect(call.done).toBe(true);
    expect(log.rowCount).toBe(1001);
    const before = log.row(499);
    const gap = log.row(500);
    const after = log.row(501);
    expect(before && !isGap(before) && before.type === 'received' && before.message).toEqual({
      line: 'line 499',
    });
    expect(gap && isGap(gap)).toBe(true);
    expect(rowCells(gap!)[3]).toBe(
      '2,003 events not kept in history — record the call to keep every event',
    );
    expect(after && !isGap(after) && after.type === 'received' && after.message).toEqual({
      line: 'line 2503',
    });
    // The rows by seq skip the gap's row.
    expect(log.rowOf(500)).toBe(501);
    expect(log.rowOf(499)).toBe(499);
  });

  it('numbers the messages on both sides as the live call did', () => {
    const entry = entryOf(3000, 500, 500);
    const log = new CallLog();
    log.setGaps(storedGaps(entry));
    log.append(
      (entry.events as unknown as CallEvent[]).map((e, seq) => ({ ...e, seq }) as CallEvent),
    );
    expect(log.messageNumber(499, 'received')).toBe(499);
    expect(log.messageNumber(500, 'received')).toBe(2503);
    expect(log.messageNumber(996, 'received')).toBe(2999);
    expect(log.messageCount('received')).toBe(3000);
    expect(log.missingEvents).toBe(2003);
  });

  it('stays whatever the filter, and the summary counts every message received', () => {
    const entry = entryOf(3000, 500, 500);
    const { call, summary } = restoredCall('e2', 't1', entry, 'server_stream');
    expect(summary.received).toBe(3000);
    expect(call.kind).toBe('server_stream');
    const log = new CallLog();
    log.setGaps(storedGaps(entry));
    log.append(
      (entry.events as unknown as CallEvent[]).map((e, seq) => ({ ...e, seq }) as CallEvent),
    );
    log.setFilter({ directions: ALL_DIRECTIONS, text: 'line 2999' });
    expect(log.rowCount).toBe(2);
    expect(isGap(log.row(0)!)).toBe(true);
    expect(log.row(1)?.seq).toBe(996);
    log.setFilter({ directions: new Set(['meta']), text: '' });
    expect([...Array(log.rowCount).keys()].map((i) => log.row(i)?.type)).toEqual([
      'started',
      'gap',
      'status',
      'ended',
    ]);
  });

  it('of an entry stored before gaps were: in the middle, the numbers after it unknown', () => {
    const entry = entryOf(3000, 500, 500);
    const old = { at: entry.at, events: entry.events, droppedEvents: entry.droppedEvents };
    expect(storedGaps(old)).toEqual([{ at: 500, events: 2003 }]);
    const log = new CallLog();
    log.setGaps(storedGaps(old));
    log.append(
      (entry.events as unknown as CallEvent[]).map((e, seq) => ({ ...e, seq }) as CallEvent),
    );
    expect(log.messageNumber(499, 'received')).toBe(499);
    expect(log.messageNumber(500, 'received')).toBeUndefined();
    expect(isGap(log.row(500)!)).toBe(true);
  });
});
