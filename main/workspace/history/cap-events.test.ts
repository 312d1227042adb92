import { describe, it, expect, afterEach } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { capEvents } from './cap-events.js';
import { HistoryStore } from './history-store.js';

/** A bidi-like log: started, then per step a sent and two received messages, then status/ended. */
function log(steps: number): CallEvent[] {
  const types: CallEvent['type'][] = ['started'];
  for (let i = 0; i < steps; i++) types.push('sent', 'received', 'received');
  types.push('status', 'ended');
  return types.map((type, seq) => ({ seq, t: seq, type }) as unknown as CallEvent);
}

const seqs = (kept: readonly unknown[]): number[] => kept.map((e) => (e as CallEvent).seq);

describe('what history keeps of a call log', () => {
  it('keeps a short log whole, with no gap', () => {
    const capped = capEvents(log(3), 1000);
    expect(capped.kept).toHaveLength(12);
    expect(capped.droppedEvents).toBe(0);
    expect(capped).not.toHaveProperty('gaps');
  });

  it('keeps the head and the tail and says where the middle went and which messages were in it', () => {
    const events = log(100); // 303 events: seq 0..302
    const capped = capEvents(events, 10);
    expect(seqs(capped.kept)).toEqual([0, 1, 2, 3, 4, 298, 299, 300, 301, 302]);
    // Seqs 5..297 left out: 293 events (97 sent, 196 received).
    const middle = events.slice(5, 298);
    expect(capped.droppedEvents).toBe(293);
    expect(capped.gaps).toEqual([
      {
        at: 5,
        events: 293,
        sent: middle.filter((e) => e.type === 'sent').length,
        received: middle.filter((e) => e.type === 'received').length,
      },
    ]);
    // Both sides numbered as live: the tail's sent message (seq 298) is the 100th sent.
    const headSent = capped.kept
      .slice(0, 5)
      .filter((e) => (e as unknown as CallEvent).type === 'sent');
    expect(headSent.length + (capped.gaps?.[0]?.sent ?? 0) + 1).toBe(100);
  });

  it('turns the seqs the engine no longer held into gaps, their messages from the call totals', () => {
    const whole = log(1000); // 3003 events
    // The engine kept `started` (pinned) and a window of the last 50 events.
    const handed = [whole[0] as CallEvent, ...whole.slice(-50)];
    const totals = { sent: 1000, received: 2000 };
    const capped = capEvents(handed, 1000, totals);
    expect(seqs(capped.kept)).toEqual(seqs(handed));
    const missing = whole.slice(1, -50);
    expect(capped.gaps).toEqual([
      {
        at: 1,
        events: missing.length,
        sent: missing.filter((e) => e.type === 'sent').length,
        received: missing.filter((e) => e.type === 'received').length,
      },
    ]);
    expect(capped.droppedEvents).toBe(whole.length - handed.length);
  });

  it('with a window and the cap, each gap is in its place and the not-held messages in the right one', () => {
    const whole = log(1000);
    const handed = [whole[0] as CallEvent, ...whole.slice(-500)];
    const capped = capEvents(handed, 10, { sent: 1000, received: 2000 });
    expect(capped.kept).toHaveLength(10);
    const gaps = capped.gaps ?? [];
    expect(gaps.map((g) => g.at)).toEqual([1, 5]);
    // The first gap: seqs the engine let go of; the second: the middle of the window, cut here.
    const first = whole.slice(1, -500);
    const second = whole.slice(-500 + 4, -5);
    const messagesOf = (es: CallEvent[]) => ({
      sent: es.filter((e) => e.type === 'sent').length,
      received: es.filter((e) => e.type === 'received').length,
    });
    expect(gaps[0]).toEqual({ at: 1, events: first.length, ...messagesOf(first) });
    expect(gaps[1]).toEqual({ at: 5, events: second.length, ...messagesOf(second) });
    expect(capped.droppedEvents).toBe(whole.length - 10);
  });
});

describe('a history entry of a long stream', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) removeDir(d);
  });

  it('stores the gaps and reads them back', () => {
    const dir = tempDir();
    dirs.push(dir);
    const history = new HistoryStore(dir, { maxEvents: 10 });
    const appended = history.append({
      request: sampleRequest({ name: 'long' }),
      status: { code: 0, message: '' },
      durationMs: 1,
      events: log(100),
    });
    const read = history.get(appended.id);
    expect(read.droppedEvents).toBe(293);
    expect(read.gaps).toEqual([{ at: 5, events: 293, sent: 97, received: 196 }]);
  });
});
