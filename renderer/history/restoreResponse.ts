// A history entry keeps the call's event log (capped at its first and last events: see
// main/workspace/history/cap-events.ts). Reopening an entry loads that log into the tab as a
// finished call, so the response shows as it was — the body, headers, trailers and timeline — not
// only the request; where events were left out, the timeline shows a gap that says so. The call id is the page's own: the engine never had a call by that name, so
// after a reload the tab falls back to the response summary the session keeps.
import type { CallEvent, JsonValue } from '../../shared/calls/events.js';
import type { CallKind } from '../../shared/schema/model.js';
import type { HistoryGap } from '../../shared/workspace/history.js';
import type { LogGap } from '../timeline/gap.js';
import { logFor } from '../store/callLogs.js';
// The one summary of a finished call (what the session keeps), not a copy of it.
import { summarize, type CallInfo } from '../store/callsSlice.js';
import type { ResponseSummary } from '../../shared/session/session.js';

function isCallEvent(v: JsonValue): v is JsonValue & CallEvent {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.type === 'string';
}

/**
 * The stored events numbered from 0 again (the cap may have cut the middle out; the gaps say where,
 * by these numbers).
 */
export function storedEvents(events: readonly JsonValue[]): CallEvent[] {
  return events.filter(isCallEvent).map((e, seq) => ({ ...(e as object), seq }) as CallEvent);
}

/**
 * Where the entry's events are missing. An entry stored before gaps were recorded says only how
 * many were dropped: the cap cut them from the middle, and their messages are not known.
 */
export function storedGaps(entry: {
  events: readonly JsonValue[];
  droppedEvents?: number;
  gaps?: readonly HistoryGap[];
}): LogGap[] {
  if (entry.gaps) return [...entry.gaps];
  const dropped = entry.droppedEvents ?? 0;
  return dropped > 0 ? [{ at: Math.ceil(entry.events.length / 2), events: dropped }] : [];
}

let restored = 0;

/** A finished call in the page holding the entry's events; its log is filled here. */
export function restoredCall(
  entryId: string,
  tabId: string,
  entry: {
    at: string;
    events: readonly JsonValue[];
    droppedEvents?: number;
    gaps?: readonly HistoryGap[];
  },
  fallbackKind: CallKind,
): { call: CallInfo; summary: ResponseSummary } {
  const callId = `history-${entryId}-${++restored}`;
  const log = logFor(callId);
  log.setGaps(storedGaps(entry));
  log.append(storedEvents(entry.events));
  const started = log.started;
  return {
    summary: summarize(log, Date.parse(entry.at) || Date.now()),
    call: {
      callId,
      tabId,
      kind: started?.type === 'started' ? started.kind : fallbackKind,
      version: log.version,
      done: true,
      halfClosed: log.counts.half_closed > 0,
      composerError: null,
    },
  };
}
