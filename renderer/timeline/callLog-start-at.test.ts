// A recording's window read from the middle (a find hit far into it): the log starts at that seq,
// its rows are the window's events, and message numbers stay the recording's.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { CallLog, PAGE_SIZE } from './callLog.js';

const message = (seq: number): CallEvent =>
  seq % 2 === 0
    ? { seq, t: seq, type: 'sent', message: { n: seq }, size: 1 }
    : { seq, t: seq, type: 'received', message: { n: seq }, size: 1 };

describe('a log started at a seq', () => {
  it('shows the window from that seq with the recording message numbers', () => {
    const first = 3 * PAGE_SIZE + 100;
    const log = new CallLog();
    // Events 0…first-1 held first/2 sent and first/2 received messages.
    log.startAt(first, { sent: first / 2, received: first / 2 });
    log.append(Array.from({ length: 2 * PAGE_SIZE }, (_, i) => message(first + i)));
    expect(log.length).toBe(first + 2 * PAGE_SIZE);
    expect(log.rowCount).toBe(2 * PAGE_SIZE);
    expect(log.row(0)?.seq).toBe(first);
    expect(log.row(2 * PAGE_SIZE - 1)?.seq).toBe(first + 2 * PAGE_SIZE - 1);
    expect(log.eventAt(first + 1000)?.seq).toBe(first + 1000);
    expect(log.eventAt(first - 1)).toBeUndefined();
    expect(log.messageNumber(first, 'sent')).toBe(first / 2 + 1);
    expect(log.messageNumber(first + 3, 'received')).toBe(first / 2 + 2);
  });

  it('finds the row of a seq under a filter, none when the filter hides it', () => {
    const log = new CallLog();
    log.startAt(10, { sent: 5, received: 5 });
    log.append(Array.from({ length: 20 }, (_, i) => message(10 + i)));
    expect(log.rowOf(15)).toBe(5);
    log.setFilter({ directions: new Set(['received']), text: '' });
    expect(log.rowOf(15)).toBe(2);
    expect(log.rowOf(14)).toBeUndefined();
  });
});
