// A message's number in its direction (issue 14: the detail header says "2nd message received",
// not the event's seq), kept by the log for every message appended.
import { describe, it, expect } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { CallLog, PAGE_SIZE } from './callLog.js';
import { detailHeading, ordinal } from './rowText.js';

const sent = (seq: number): CallEvent => ({
  seq,
  t: seq,
  type: 'sent',
  message: { n: seq },
  size: 2,
});
const received = (seq: number): CallEvent => ({
  seq,
  t: seq,
  type: 'received',
  message: { n: seq },
  size: 2,
});

describe('CallLog.messageNumber', () => {
  it('counts each direction on its own, skipping headers and other events', () => {
    const log = new CallLog();
    log.append([
      {
        seq: 0,
        t: 0,
        type: 'started',
        at: 0,
        method: '/a.B/C',
        kind: 'bidi_stream',
        target: 'x',
        metadata: [],
      },
      sent(1),
      { seq: 2, t: 2, type: 'headers', metadata: [] },
      received(3),
      sent(4),
      received(5),
      received(6),
    ]);
    expect(log.messageNumber(1, 'sent')).toBe(1);
    expect(log.messageNumber(4, 'sent')).toBe(2);
    expect(log.messageNumber(3, 'received')).toBe(1);
    expect(log.messageNumber(6, 'received')).toBe(3);
    expect(log.messageNumber(2, 'received')).toBeUndefined();
    expect(log.messageNumber(4, 'received')).toBeUndefined();
  });

  it('knows the number of a message whose page was let go of', () => {
    const log = new CallLog(1);
    log.setSource(
      () => new Promise(() => undefined),
      () => undefined,
    );
    const events: CallEvent[] = [];
    for (let i = 0; i < PAGE_SIZE * 3; i++) events.push(received(i));
    log.append(events);
    expect(log.pagesInMemory).toBe(1);
    expect(log.messageNumber(5, 'received')).toBe(6);
    expect(log.messageNumber(PAGE_SIZE * 3 - 1, 'received')).toBe(PAGE_SIZE * 3);
  });
});

describe('detail heading', () => {
  it('says 1st, 2nd, 3rd, 11th, 12th, 21st, 112th', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
      '112th',
    ]);
  });

  it('names a message by its number in its direction, not its seq', () => {
    expect(detailHeading(received(7), 2)).toBe('2nd message received');
    expect(detailHeading(sent(1), 1)).toBe('1st message sent');
    expect(
      detailHeading(
        {
          seq: 9,
          t: 1,
          type: 'status',
          status: { code: 0, codeName: 'OK', message: '', details: [] },
        },
        undefined,
      ),
    ).toBe('Status');
  });
});
