// A run of a call's events that is not in its log: a reopened history entry keeps the first and
// the last events of a long call (main/workspace/history/cap-events.ts). The timeline shows the
// gap as a row of its own where the events are missing, so the middle is never silently gone.
import type { CallEvent } from '../../shared/calls/events.js';

export interface LogGap {
  /** The seq (in the log) of the first event after the missing ones. */
  at: number;
  /** How many events are missing. */
  events: number;
  /** The messages among them; undefined when not known (an entry from before gaps were stored). */
  sent?: number;
  received?: number;
}

/** A gap as a timeline row; `seq` -1: it is no event, nothing opens for it. */
export interface GapRow extends LogGap {
  type: 'gap';
  seq: -1;
}

/** What a timeline row shows: an event, or a gap. */
export type TimelineRow = CallEvent | GapRow;

export function isGap(row: TimelineRow): row is GapRow {
  return row.type === 'gap';
}

export function gapRow(gap: LogGap): GapRow {
  return { ...gap, type: 'gap', seq: -1 };
}

/** The words of a gap row. */
export function gapText(gap: LogGap): string {
  const n = gap.events.toLocaleString('en-US');
  return `${n} event${gap.events === 1 ? '' : 's'} not kept in history — record the call to keep every event`;
}
