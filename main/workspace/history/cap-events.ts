// What a history entry keeps of a call's log: the first and the last events (the start — what was
// sent, headers — and the end — trailers, status), and where the rest went missing. Events can be
// missing for two reasons: the cap leaves out the middle, and a long call's log in the engine keeps
// only its first events and a window of the last ones (main/engine/call-log.ts), so the events it
// hands over may already skip seqs. Every run of missing seqs becomes a gap with its size and the
// messages in it, so a reopened entry says what is missing where, and numbers the messages after
// it as the live call did.
import type { CallEvent } from '../../../shared/calls/events.js';
import type { HistoryGap } from '../../../shared/workspace/history.js';

export interface MessageCounts {
  sent: number;
  received: number;
}

export interface CappedEvents {
  /** The events themselves, not copies: the entry is serialised once, as its batch file's line. */
  kept: readonly CallEvent[];
  droppedEvents: number;
  /** Only when some events are missing. */
  gaps?: HistoryGap[];
}

function countMessages(events: readonly CallEvent[], from: number, to: number): MessageCounts {
  const counts = { sent: 0, received: 0 };
  for (let i = from; i < to; i++) {
    const type = (events[i] as CallEvent).type;
    if (type === 'sent' || type === 'received') counts[type]++;
  }
  return counts;
}

/**
 * Keeps at most `max` of `events` (in seq order, possibly with seqs missing). `totals`: the
 * messages of the whole call, when the engine counted them; the messages of the seqs it no longer
 * held are those not found in `events`, and are put in the last gap that holds such seqs.
 */
export function capEvents(
  events: readonly CallEvent[],
  max: number,
  totals?: MessageCounts,
): CappedEvents {
  const head = events.length <= max ? events.length : Math.ceil(max / 2);
  const tailFrom = events.length <= max ? events.length : events.length - (max - head);
  // Index in `events` of each kept event. Sliced, not copied: a 1M-event log must not be copied.
  const at = (k: number): number => (k < head ? k : tailFrom + (k - head));
  const kept =
    events.length <= max ? events : [...events.slice(0, head), ...events.slice(tailFrom)];
  const gaps: HistoryGap[] = [];
  let notInMemoryGap = -1;
  let expected = 0;
  for (let k = 0; k < kept.length; k++) {
    const seq = (kept[k] as CallEvent).seq;
    if (seq > expected) {
      const inMemoryFrom = k === 0 ? 0 : at(k - 1) + 1;
      const inMemory = at(k) - inMemoryFrom;
      const messages = countMessages(events, inMemoryFrom, at(k));
      if (seq - expected > inMemory) notInMemoryGap = gaps.length;
      gaps.push({ at: k, events: seq - expected, ...messages });
    }
    expected = seq + 1;
  }
  if (totals && notInMemoryGap >= 0) {
    // What the engine counted and `events` does not hold went in the seqs it let go of.
    const held = countMessages(events, 0, events.length);
    const gap = gaps[notInMemoryGap] as HistoryGap;
    gap.sent += Math.max(0, totals.sent - held.sent);
    gap.received += Math.max(0, totals.received - held.received);
  }
  const droppedEvents = gaps.reduce((n, g) => n + g.events, 0);
  return {
    kept,
    droppedEvents,
    ...(gaps.length > 0 ? { gaps } : {}),
  };
}
