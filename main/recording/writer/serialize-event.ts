import type { CallEvent } from '../../../shared/calls/events.js';
import { measureEventLine, writeEventLine } from './event-line.js';
import { measureMessageLine, writeMessageLine } from './message-line.js';

/**
 * One event as its NDJSON line (no newline). A message's line is the one the recording writer
 * writes as bytes (message-line.ts, the hot path: once per streamed message), keys in the event
 * schema's order; a message's `raw` is its base64 in the event when the call keeps it there, else
 * made from `bytes` (the call hands observers the encoded message). Any other event is
 * `{"dir":"…",` and JSON.stringify's text of it after its `{` (event-line.ts).
 */
export function serializeEvent(event: Readonly<CallEvent>, bytes?: Uint8Array): string {
  if (event.type === 'received' || event.type === 'sent') {
    const line = Buffer.allocUnsafe(measureMessageLine(event, bytes));
    return line.toString('utf8', 0, writeMessageLine(line, 0, event) - 1);
  }
  const line = Buffer.allocUnsafe(measureEventLine(event));
  return line.toString('utf8', 0, writeEventLine(line, 0) - 1);
}
