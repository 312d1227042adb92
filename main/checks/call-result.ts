// What a call gave, as checks see it, built from the call's event log: the one builder the
// engine's per-call observer and the runner share (callResultFromLog).
import type { CallEvent, CallStatus, JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import type { CallKind } from '../../shared/schema/model.js';

export interface CallResult {
  kind: CallKind;
  /** The final status; absent when the log has none (a call that has not ended). */
  status?: CallStatus;
  /** Response headers and trailers, in the order received. */
  headers: MetadataEntry[];
  trailers: MetadataEntry[];
  /**
   * Received messages as proto3 JSON, in order (null for one that could not be decoded): the
   * first MAX_KEPT_MESSAGES of the call (kept-events.ts, the same for the UI's calls and runs).
   */
  messages: JsonValue[];
  /**
   * Received messages left out of `messages` (past MAX_KEPT_MESSAGES, kept-events.ts): an
   * assertion over `messages` or `message` fails when some were, saying so.
   */
  droppedMessages?: number;
  durationMs: number;
}

/**
 * The call's result from its event log (`started` … `ended`, as call.events pages it).
 * `received`: the messages received in all, when the log left some out (KeptEvents counts them).
 */
export function callResultFromLog(events: readonly CallEvent[], received?: number): CallResult {
  const result: CallResult = {
    kind: 'unary',
    headers: [],
    trailers: [],
    messages: [],
    droppedMessages: 0,
    durationMs: 0,
  };
  for (const event of events) {
    switch (event.type) {
      case 'started':
        result.kind = event.kind;
        break;
      case 'headers':
        result.headers.push(...event.metadata);
        break;
      case 'received':
        result.messages.push(event.message);
        break;
      case 'trailers':
        result.trailers.push(...event.metadata);
        break;
      case 'status':
        result.status = event.status;
        break;
      case 'ended':
        result.durationMs = event.durationMs;
        break;
      default:
        break;
    }
  }
  if (received !== undefined)
    result.droppedMessages = Math.max(0, received - result.messages.length);
  return result;
}
