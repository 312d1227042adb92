import type * as grpc from '@grpc/grpc-js';
import type {
  CallEvent,
  CallStatus,
  JsonValue,
  MetadataEntry,
  StatusDetail,
} from '../../shared/calls/events.js';
import type { CallKind } from '../../shared/schema/model.js';
import type { MessageCodec } from '../codec/types.js';

export interface CallOptions {
  client: grpc.Client;
  /** '/package.Service/Method' */
  path: string;
  kind: CallKind;
  /** Shown in the started event only. */
  target: string;
  requestCodec: MessageCodec;
  responseCodec: MessageCodec;
  /**
   * The one request of a unary or server-stream call (sent and half-closed at once); when absent,
   * the first send() carries it. For client and bidi streams, an optional first message (the
   * stream stays open for send()).
   */
  request?: JsonValue;
  metadata?: MetadataEntry[];
  /** Deadline in ms from startCall(); none when absent. */
  deadlineMs?: number;
  /** Keep base64 of every encoded message in sent/received events (recordings). */
  keepRaw?: boolean;
  /** Decodes `grpc-status-details-bin`; a schema-free decoder (type + raw only) by default. */
  decodeStatusDetails?: (bin: Uint8Array) => StatusDetail[];
  /** Called synchronously for every event, in order, as it is appended (a throw is reported as a process warning). */
  onEvent?: (event: CallEvent) => void;
}

export interface CallSession {
  /** The event log so far; only ever appended to. */
  readonly events: readonly CallEvent[];
  /**
   * Encodes and sends one message. Throws CodecError (with the field path) synchronously when
   * the JSON does not fit the request type; nothing is sent and the call stays usable.
   * Throws CallStateError when the call cannot take a message (already half-closed, ended, or a
   * unary/server-stream call that already has its request).
   */
  send(message: JsonValue): void;
  /** Ends the client side of a client or bidi stream; a no-op once half-closed or ended. */
  halfClose(): void;
  /** Cancels the call; the log ends with a CANCELLED status. A no-op once ended. */
  cancel(): void;
  /** Resolves with the one final status (never rejects). */
  readonly done: Promise<CallStatus>;
}

export class CallStateError extends Error {
  override readonly name = 'CallStateError';
}
