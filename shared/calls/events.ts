// A call is a session whose output is an ordered, numbered, timestamped event log. That one log
// feeds the timeline, history and recordings, so every event is plain JSON and self-describing.
// Types only (the renderer imports this file): the one zod declaration of the events, which the
// compiler keeps equal to these types, is ./event-schema.ts.

import type { CallKind } from '../schema/model.js';

/** A JSON-safe value: int64 as strings, bytes as base64, enums by name (proto3 JSON mapping). */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One metadata entry. Keys ending in `-bin` carry base64 of the raw bytes in `value`. */
export interface MetadataEntry {
  key: string;
  value: string;
}

export type StatusCodeName =
  | 'OK'
  | 'CANCELLED'
  | 'UNKNOWN'
  | 'INVALID_ARGUMENT'
  | 'DEADLINE_EXCEEDED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'FAILED_PRECONDITION'
  | 'ABORTED'
  | 'OUT_OF_RANGE'
  | 'UNIMPLEMENTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DATA_LOSS'
  | 'UNAUTHENTICATED';

export const STATUS_CODE_NAMES: readonly StatusCodeName[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** A decoded entry of google.rpc.Status.details. */
export interface StatusDetail {
  /** Full type name from the Any's type URL, e.g. `google.rpc.ResourceInfo`. */
  type: string;
  /** The decoded message as proto3 JSON, or null when the type is not known to the schema. */
  value: JsonValue;
  /** base64 of the raw bytes, always present so nothing is lost when the type is unknown. */
  raw: string;
}

/**
 * Why a call failed on the client's side, for words and next steps: `deadline` (the call's own
 * deadline passed), or it never reached the server: `unreachable` (refused, no route),
 * `unresolved` (no such host), `tls_mismatch` (TLS spoken to a plaintext server), `tls_rejected`
 * (the TLS handshake failed: certificate untrusted, wrong name, client certificate wanted),
 * `not_connected` (any other failure to connect), `proxy_refused` (the HTTP proxy would not
 * open the tunnel: refused, wanted credentials, or could not be reached).
 */
export type CallFailure =
  | 'deadline'
  | 'unreachable'
  | 'unresolved'
  | 'tls_mismatch'
  | 'tls_rejected'
  | 'not_connected'
  | 'proxy_refused';

export const CALL_FAILURES: readonly CallFailure[] = [
  'deadline',
  'unreachable',
  'unresolved',
  'tls_mismatch',
  'tls_rejected',
  'not_connected',
  'proxy_refused',
];

export interface CallStatus {
  code: number;
  codeName: StatusCodeName;
  message: string;
  details: StatusDetail[];
  /** Set when the server sent a `grpc-status` that is not a valid code (shown as UNKNOWN). */
  rawCode?: string;
  /** Set when the client ended the call itself (see CallFailure); a server's status has none. */
  failure?: CallFailure;
  /**
   * grpc-js's own text when `message` was put in words (it holds timings, addresses and OpenSSL
   * internals that differ on every run): the detail behind the words, never compared.
   */
  rawMessage?: string;
}

/** A message as it crossed the wire. */
export interface MessagePayload {
  /** proto3 JSON of the message; null when it could not be decoded (see decodeError). */
  message: JsonValue;
  /** Encoded size in bytes (decoded from any compression). */
  size: number;
  /** Set when the message crossed the wire compressed: its compressed size in bytes. */
  wireSize?: number;
  /** The grpc-encoding it crossed the wire in (gzip, deflate), with wireSize. */
  encoding?: string;
  /** base64 of the encoded bytes; only kept when the session was asked to (recordings). */
  raw?: string;
  decodeError?: string;
  /**
   * Set when the message held a secret value: `message` has it masked (`[secret:NAME]`) and the
   * encoded bytes (`raw`) are left out, since they cannot be masked and stay the message.
   */
  rawDropped?: 'secret';
}

interface EventBase {
  /** 0, 1, 2, … in the order the events happened. */
  seq: number;
  /** Milliseconds since the call started (fractional). */
  t: number;
}

export type CallEvent = EventBase &
  (
    | {
        type: 'started';
        /** Wall-clock start, ms since the epoch. */
        at: number;
        method: string;
        kind: CallKind;
        target: string;
        /** The HTTP CONNECT proxy the call went through, `host:port` (never its credentials). */
        proxy?: string;
        /** gRPC-Web or Connect in words, e.g. "Connect JSON (HTTP/2)"; absent for gRPC. */
        protocol?: string;
        metadata: MetadataEntry[];
        /** Deadline in ms from the start, if any. */
        deadlineMs?: number;
      }
    | { type: 'headers'; metadata: MetadataEntry[] }
    | ({ type: 'sent' } & MessagePayload)
    | { type: 'half_closed' }
    | ({ type: 'received' } & MessagePayload)
    | { type: 'trailers'; metadata: MetadataEntry[] }
    | { type: 'status'; status: CallStatus }
    | { type: 'ended'; durationMs: number }
  );

export type CallEventType = CallEvent['type'];
