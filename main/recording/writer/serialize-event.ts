import type { CallEvent } from '../../../shared/calls/events.js';
import { directionOf } from '../../../shared/recording/index.js';

/**
 * One event as its NDJSON line (no newline). Messages are the hot path (once per streamed message),
 * so their line is assembled by hand: only the payload goes through JSON.stringify, base64 needs no
 * escaping, and the key order matches the generic form. Everything else is stringified whole with
 * the direction spliced in front.
 */
export function serializeEvent(event: CallEvent): string {
  if (event.type === 'received' || event.type === 'sent') {
    const dir = event.type === 'sent' ? 'client' : 'server';
    const raw = event.raw === undefined ? '' : `,"raw":"${event.raw}"`;
    const error =
      event.decodeError === undefined ? '' : `,"decodeError":${JSON.stringify(event.decodeError)}`;
    return `{"dir":"${dir}","type":"${event.type}","message":${JSON.stringify(event.message)},"size":${event.size}${raw}${error},"seq":${event.seq},"t":${event.t}}`;
  }
  return `{"dir":"${directionOf(event.type)}",${JSON.stringify(event).slice(1)}`;
}
