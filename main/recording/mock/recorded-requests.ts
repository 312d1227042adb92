import type { CallKind } from '../../../shared/schema/model.js';
import type { RecordingEvent } from '../../../shared/recording/index.js';
import { EventCursor, sourceAddress, type RecordingSource } from '../reader/index.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import type { MessageCodec } from '../../codec/types.js';
import { RecordingError } from '../recording-error.js';
import { requestKey, RequestSequence } from './request-key.js';

/** What choosing a recording by request needs to know of its client side. */
export interface RecordedRequests {
  /** The key of the first client message (see requestKey). */
  firstKey?: string;
  /** Client streams: every client message, as a count and digest (see RequestSequence). */
  all?: { count: number; digest: string };
  /** Bidi: the server sent a message before the client sent any, so it cannot wait for one. */
  serverSpeaksFirst: boolean;
}

const isMessage = (e: RecordingEvent): boolean => e.type === 'sent' || e.type === 'received';

/**
 * Reads as much of a recording as choosing by request needs: up to the first client message, or
 * for a client stream the whole file (which also checks every line, so a corrupt one is reported
 * when the mock loads rather than in the middle of a call).
 */
export async function readRecordedRequests(
  recording: RecordingSource,
  kind: CallKind,
  requestCodec: MessageCodec,
): Promise<RecordedRequests> {
  // A recorded message is the JSON as the user typed it (proto field names, numbers for int64…);
  // a live request is decoded from bytes into canonical proto3 JSON. Compare like with like: the
  // recorded bytes when the line has them, else the recorded JSON through the codec once.
  const canonical = (event: { message: JsonValue; raw?: string }): JsonValue =>
    requestCodec.decode(
      event.raw !== undefined
        ? Buffer.from(event.raw, 'base64')
        : requestCodec.encode(event.message),
    );
  const wholeFile = kind === 'client_stream';
  const cursor = new EventCursor(recording, wholeFile ? () => true : isMessage);
  const sequence = new RequestSequence();
  const out: RecordedRequests = { serverSpeaksFirst: false };
  try {
    for (let item = await cursor.next(); item; item = await cursor.next()) {
      const event = item.event;
      if (event.type === 'received' && kind === 'bidi_stream') {
        out.serverSpeaksFirst = true;
        break;
      }
      if (event.type !== 'sent') continue;
      let message: JsonValue;
      try {
        message = canonical(event);
      } catch (error) {
        throw new RecordingError(
          `the client message does not fit ${requestCodec.typeName}: ${(error as Error).message}`,
          sourceAddress(recording),
          item.line,
        );
      }
      out.firstKey ??= requestKey(message);
      if (!wholeFile) break;
      sequence.add(message);
    }
  } finally {
    await cursor.close();
  }
  if (wholeFile) out.all = { count: sequence.count, digest: sequence.digest() };
  return out;
}
