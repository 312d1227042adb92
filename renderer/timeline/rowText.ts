// The text of one timeline row. A visible row's summary is built once per event and kept beside
// it (a WeakMap lets it go with the event), so following a live stream never re-serialises the
// payloads already drawn — only the rows that scroll into view.
import type { CallEvent } from '../../shared/calls/events.js';
import { gapText, isGap, type TimelineRow } from './gap.js';

export const ARROWS: Record<CallEvent['type'], string> = {
  started: '▶ started',
  headers: '⇣ headers',
  sent: '↑ sent',
  half_closed: '⇡ end',
  received: '↓ received',
  trailers: '⇣ trailers',
  status: '■ status',
  ended: '■ ended',
};

/** A row shows at most this much of a payload; the detail view shows all of it. */
export const SUMMARY_CHARS = 2000;

export function formatMs(ms: number): string {
  return ms < 1
    ? `${ms.toFixed(2)} ms`
    : ms < 1000
      ? `${ms.toFixed(1)} ms`
      : `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(n: number): string {
  return n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function rowSummary(e: CallEvent): string {
  switch (e.type) {
    case 'sent':
    case 'received':
      return e.message === null
        ? `(undecodable) ${e.decodeError ?? ''}`
        : JSON.stringify(e.message).slice(0, SUMMARY_CHARS);
    case 'headers':
    case 'trailers':
      return e.metadata.map((m) => `${m.key}: ${m.value}`).join('  ');
    case 'started':
      return `${e.method} → ${e.target}${e.protocol !== undefined ? ` over ${e.protocol}` : ''}${e.proxy !== undefined ? ` via proxy ${e.proxy}` : ''}`;
    case 'status':
      return `${e.status.codeName}${e.status.message && e.status.message !== e.status.codeName ? ' ' + e.status.message : ''}`;
    case 'half_closed':
      return 'client finished sending';
    case 'ended':
      return formatMs(e.durationMs);
  }
}

const summaries = new WeakMap<CallEvent, string>();

export function cachedSummary(e: CallEvent): string {
  let s = summaries.get(e);
  if (s === undefined) summaries.set(e, (s = rowSummary(e)));
  return s;
}

/** The four cells of a row: time, direction arrow, size, payload summary (a gap: its words). */
export function rowCells(e: TimelineRow): [string, string, string, string] {
  if (isGap(e)) return ['', '⋯', '', gapText(e)];
  return [
    `+${formatMs(e.t)}`,
    ARROWS[e.type],
    e.type === 'sent' || e.type === 'received' ? formatBytes(e.size) : '',
    cachedSummary(e),
  ];
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * The heading of an event's detail: a message by its number in its direction ("2nd message
 * received"), anything else by what it is; never the event's seq, which counts headers and all.
 */
export function detailHeading(e: CallEvent, messageNumber: number | undefined): string {
  if (e.type === 'sent' || e.type === 'received') {
    const which = messageNumber === undefined ? 'Message' : `${ordinal(messageNumber)} message`;
    return `${which} ${e.type}`;
  }
  return DETAIL_NAMES[e.type];
}

const DETAIL_NAMES: Record<Exclude<CallEvent['type'], 'sent' | 'received'>, string> = {
  started: 'Call started',
  headers: 'Response headers',
  half_closed: 'Client finished sending',
  trailers: 'Response trailers',
  status: 'Status',
  ended: 'Call ended',
};
