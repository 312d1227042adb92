// "Open as request" for a captured call: a draft for a new tab on the capture's target, with the
// call's method, the metadata the client sent (transport headers were never recorded), its
// deadline, and the first messages it sent as the request's messages.
import type { CallEvent } from '../../shared/calls/events.js';
import type { Connection, RequestDocument } from '../../shared/request/index.js';
import { newRequest } from '../../shared/request/new-request.js';

/** A draft holds a few messages to edit, not a whole stream. */
export const MAX_DRAFT_MESSAGES = 100;

export function requestFromRecording(
  events: readonly CallEvent[],
  connection: Connection,
  recordingId: string,
): RequestDocument {
  const started = events.find((e) => e.type === 'started');
  const method = started?.type === 'started' ? started.method : '';
  const doc = newRequest(connection, method);
  if (started?.type === 'started') {
    doc.metadata = started.metadata.map(({ key, value }) => ({ key, value }));
    if (started.deadlineMs !== undefined)
      doc.deadlineMs = Math.max(1, Math.round(started.deadlineMs));
  }
  const sent = events.filter((e) => e.type === 'sent');
  const decoded = sent.flatMap((e) => (e.type === 'sent' && e.message !== null ? [e.message] : []));
  if (decoded.length > 0) doc.messages = decoded.slice(0, MAX_DRAFT_MESSAGES);
  const undecoded = sent.length - decoded.length;
  doc.notes =
    `Captured call ${recordingId}.` +
    (undecoded > 0
      ? ` ${undecoded} of its ${sent.length} messages had no schema to decode them and are left out.`
      : '') +
    (decoded.length > MAX_DRAFT_MESSAGES
      ? ` Its first ${MAX_DRAFT_MESSAGES} of ${decoded.length} messages are here.`
      : '');
  return doc;
}
