import type { CallEvent } from '../../../shared/calls/events.js';
import { directionOf } from '../../../shared/recording/index.js';

function toBase64(bytes: Uint8Array): string {
  return (
    Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  ).toString('base64');
}

/**
 * One event as its NDJSON line (no newline). Messages are the hot path (once per streamed message),
 * so their line is assembled by hand: only the payload goes through JSON.stringify, base64 needs no
 * escaping, and the keys are in the event schema's order (message, size, wireSize, encoding, raw,
 * decodeError, rawDropped). Everything else is stringified whole with
 * the direction spliced in front. A message's `raw` is its base64 in the event when the call keeps
 * it there, else made here from `bytes` (the call hands observers the encoded message).
 */
export function serializeEvent(event: Readonly<CallEvent>, bytes?: Uint8Array): string {
  if (event.type === 'received' || event.type === 'sent') {
    const dir = event.type === 'sent' ? 'client' : 'server';
    // A message that held a secret has no raw (see main/calls/secret-mask.ts), whatever is handed in.
    const base64 =
      event.rawDropped !== undefined
        ? undefined
        : (event.raw ?? (bytes === undefined ? undefined : toBase64(bytes)));
    const raw = base64 === undefined ? '' : `,"raw":"${base64}"`;
    const error =
      event.decodeError === undefined ? '' : `,"decodeError":${JSON.stringify(event.decodeError)}`;
    const dropped = event.rawDropped === undefined ? '' : `,"rawDropped":"${event.rawDropped}"`;
    // A message that crossed the wire compressed says how big it was there and in what encoding
    // (the renderer shows it beside the decoded size); the encoding is the peer's header text.
    const wire =
      event.wireSize === undefined
        ? ''
        : `,"wireSize":${event.wireSize}${event.encoding === undefined ? '' : `,"encoding":${JSON.stringify(event.encoding)}`}`;
    return `{"dir":"${dir}","type":"${event.type}","message":${JSON.stringify(event.message)},"size":${event.size}${wire}${raw}${error}${dropped},"seq":${event.seq},"t":${event.t}}`;
  }
  return `{"dir":"${directionOf(event.type)}",${JSON.stringify(event).slice(1)}`;
}
