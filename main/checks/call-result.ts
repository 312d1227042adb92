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
   * Received messages as proto3 JSON, in order (null for one that could not be decoded). From the
   * events the log still held: an endless stream keeps its most recent window (call-log.ts).
   */
  messages: JsonValue[];
  durationMs: number;
}

/** The call's result from its event log (`started` … `ended`, as call.events pages it). */
export function callResultFromLog(events: readonly CallEvent[]): CallResult {
  const result: CallResult = {
    kind: 'unary',
    headers: [],
    trailers: [],
    messages: [],
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
  return result;
}
