import type { CallKind } from '../../../shared/schema/model.js';
import type { RecordingEvent } from '../../../shared/recording/index.js';
import { EventCursor } from '../reader/index.js';
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
  file: string,
  kind: CallKind,
): Promise<RecordedRequests> {
  const wholeFile = kind === 'client_stream';
  const cursor = new EventCursor(file, wholeFile ? () => true : isMessage);
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
      out.firstKey ??= requestKey(event.message);
      if (!wholeFile) break;
      sequence.add(event.message);
    }
  } finally {
    await cursor.close();
  }
  if (wholeFile) out.all = { count: sequence.count, digest: sequence.digest() };
  return out;
}
