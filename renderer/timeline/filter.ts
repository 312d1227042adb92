// What the timeline shows: a set of directions and a text to find in the payload.
import type { CallEvent } from '../../shared/calls/events.js';

export type Direction = 'sent' | 'received' | 'meta';
export const ALL_DIRECTIONS: ReadonlySet<Direction> = new Set<Direction>([
  'sent',
  'received',
  'meta',
]);

export interface TimelineFilter {
  directions: ReadonlySet<Direction>;
  /** Case-insensitive text looked for in the payload JSON or metadata. */
  text: string;
}

export function directionOf(e: CallEvent): Direction {
  return e.type === 'sent' ? 'sent' : e.type === 'received' ? 'received' : 'meta';
}

export function eventText(e: CallEvent): string {
  switch (e.type) {
    case 'sent':
    case 'received':
      return e.message === null ? (e.decodeError ?? '') : JSON.stringify(e.message);
    case 'headers':
    case 'trailers':
    case 'started':
      return e.metadata.map((m) => `${m.key}: ${m.value}`).join('\n');
    case 'status':
      return `${e.status.codeName} ${e.status.message}`;
    default:
      return e.type;
  }
}

export function eventMatches(e: CallEvent, f: TimelineFilter): boolean {
  if (!f.directions.has(directionOf(e))) return false;
  if (!f.text) return true;
  return eventText(e).toLowerCase().includes(f.text.toLowerCase());
}
