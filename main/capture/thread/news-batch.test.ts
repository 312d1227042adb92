// The capture thread's news batching, without a thread or a clock: each case tells news in a
// given order, sends the batch where the case says (the timer's turn, made by hand), and looks at
// exactly what each message held. A call's 'started' is taken back only when starts are not
// reported and it is unsent; anything else taken back (a neighbour's news, a sent item's place
// in the next batch) shows as a wrong message.
import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../call-record.js';
import { NewsBatch, type CaptureNews } from './news-batch.js';

const summary: CallSummary = {
  method: '/users.UserService/GetUser',
  file: undefined,
  status: { code: 0, codeName: 'OK', message: '', details: [] },
  sent: 1,
  received: 1,
  durationMs: 1,
};

/** A NewsBatch whose messages are read back as short words: s1 (started), e1 (ended), c1, err. */
function newsOf(startsReported: boolean) {
  const messages: string[][] = [];
  let pending: (() => void) | undefined;
  let asked = 0;
  const news = new NewsBatch({
    startsReported,
    later: (send) => {
      asked++;
      pending = send;
    },
    post: (batch) => messages.push(batch.map(word)),
  });
  return {
    news,
    messages,
    /** Times a send was arranged (once a batch). */
    asked: () => asked,
    start: (id: number): number =>
      news.tell({ k: 'started', id, method: summary.method, file: `call-${id}` }),
    end: (id: number, startedTicket: number | undefined): void =>
      news.ended(startedTicket, { k: 'ended', id, summary }),
    /** The arranged send's turn. */
    send: (): void => {
      const arranged = pending;
      pending = undefined;
      expect(arranged, 'a send was arranged').toBeDefined();
      arranged?.();
    },
  };
}

function word(item: CaptureNews): string {
  switch (item.k) {
    case 'started':
      return `s${item.id}`;
    case 'ended':
      return `e${item.id}`;
    case 'counts':
      return `c${item.id}`;
    case 'error':
      return 'err';
    case 'flushed':
      return `f${item.token}`;
  }
}

describe('NewsBatch, only ends reported (gwb proxy)', () => {
  it("takes back a call's unsent start when it ends in the same batch", () => {
    const t = newsOf(false);
    t.end(1, t.start(1));
    t.send();
    expect(t.messages).toEqual([['e1']]);
  });

  it('keeps a start already sent: its end goes alone in the next batch', () => {
    const t = newsOf(false);
    const s1 = t.start(1);
    t.send();
    t.end(1, s1);
    t.send();
    expect(t.messages).toEqual([['s1'], ['e1']]);
  });

  it("interleaved calls: only each ended call's own start is taken back, at index 0, inside and last", () => {
    const t = newsOf(false);
    const s1 = t.start(1); // index 0
    const s2 = t.start(2);
    const s3 = t.start(3);
    t.news.tell({ k: 'error', message: 'between' });
    const s4 = t.start(4); // last, when it ends
    t.end(4, s4);
    t.end(1, s1);
    t.end(3, s3);
    t.send();
    expect(t.messages).toEqual([['s2', 'err', 'e4', 'e1', 'e3']]);
    t.end(2, s2);
    t.send();
    expect(t.messages[1]).toEqual(['e2']);
  });

  it('across sends: a ticket from a sent batch takes back nothing in the next, holes and all', () => {
    const t = newsOf(false);
    const s1 = t.start(1);
    t.end(1, s1); // a hole at 0 in the first batch
    const s2 = t.start(2);
    const s3 = t.start(3);
    t.send();
    // Its first items sit where s2 and s3 sat in the batch before (with or without the hole).
    const s4 = t.start(4);
    t.news.tell({ k: 'counts', id: 5, sent: 1, received: 0 });
    const s6 = t.start(6);
    t.end(3, s3);
    t.end(2, s2);
    t.end(6, s6);
    t.send();
    t.end(4, s4);
    t.send();
    expect(t.messages).toEqual([['e1', 's2', 's3'], ['s4', 'c5', 'e3', 'e2', 'e6'], ['e4']]);
  });

  it('a call ended without a start it was told of takes nothing back', () => {
    const t = newsOf(false);
    t.start(1);
    t.end(2, undefined);
    t.send();
    expect(t.messages).toEqual([['s1', 'e2']]);
  });
});

describe('NewsBatch, starts reported (the Capture panel)', () => {
  it("never takes a call's start back, though it ends in the same batch", () => {
    const t = newsOf(true);
    t.end(1, t.start(1));
    t.send();
    expect(t.messages).toEqual([['s1', 'e1']]);
  });

  it('interleaved calls in one batch and across a send: every start and end is heard, in order', () => {
    const t = newsOf(true);
    const s1 = t.start(1);
    const s2 = t.start(2);
    t.end(2, s2);
    const s3 = t.start(3);
    t.send();
    t.end(1, s1);
    t.end(3, s3);
    t.send();
    expect(t.messages).toEqual([
      ['s1', 's2', 'e2', 's3'],
      ['e1', 'e3'],
    ]);
  });
});

describe('NewsBatch, its batches', () => {
  it('arranges one send a batch, at its first news', () => {
    const t = newsOf(false);
    t.start(1);
    t.start(2);
    expect(t.asked()).toBe(1);
    t.send();
    t.start(3);
    expect(t.asked()).toBe(2);
  });

  it('skips holes when sending, and sends nothing when every item was taken back', () => {
    const t = newsOf(false);
    const first = t.start(1);
    const second = t.start(2);
    expect(t.news.takeBack(second)).toBe(true);
    expect(t.news.takeBack(first)).toBe(true);
    expect(t.news.takeBack(first)).toBe(false); // a hole already
    expect(t.asked()).toBe(1); // the batch's send is still arranged
    t.send();
    expect(t.messages).toEqual([]);
    expect(t.news.takeBack(first)).toBe(false); // its batch is gone
    // The next batch starts afresh: its first item is at index 0 again, with its own send.
    const third = t.start(3);
    t.start(4);
    expect(t.asked()).toBe(2);
    expect(t.news.takeBack(third)).toBe(true);
    t.send();
    expect(t.messages).toEqual([['s4']]);
  });

  it('a ticket from a sent batch is refused, an unsent one is taken', () => {
    const t = newsOf(true);
    const sent = t.start(1);
    t.send();
    const unsent = t.start(2);
    expect(t.news.takeBack(sent)).toBe(false);
    expect(t.news.takeBack(unsent)).toBe(true);
    t.send();
    expect(t.messages).toEqual([['s1']]);
  });
});
