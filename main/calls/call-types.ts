import type * as grpc from '@grpc/grpc-js';
import type {
  CallEvent,
  CallStatus,
  JsonValue,
  MetadataEntry,
  StatusDetail,
} from '../../shared/calls/events.js';
import type { CallKind } from '../../shared/schema/model.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import type { MessageCodec } from '../codec/types.js';
import type { SecretMask } from './secret-mask.js';
import type { ProxyRoute } from '../proxy/proxy-failures.js';
import type { WireSize } from '../channels/wire-sizes.js';

/** What a WireCall tells its session, in wire order: headers, each message's bytes, the status. */
export interface WireListener {
  onReceiveMetadata(metadata: grpc.Metadata): void;
  onReceiveMessage(message: Buffer): void;
  onReceiveStatus(status: grpc.StatusObject): void;
}

/**
 * The transport seam: one call on the wire, as a session drives it. grpc-js's channel-level call
 * (Channel.createCall) has exactly this shape and is used as it is; main/transports makes one for
 * gRPC-Web and Connect, so every protocol goes through the same session and logs the same events.
 */
export interface WireCall {
  start(metadata: grpc.Metadata, listener: WireListener): void;
  /** The session is ready for the next received message (one per call). */
  startRead(): void;
  /** Sends one encoded message; `context.callback` once it is taken (the next write waits for it). */
  sendMessageWithContext(context: { callback?: () => void }, message: Buffer): void;
  halfClose(): void;
  cancelWithStatus(code: grpc.status, details: string): void;
}

/** Makes the calls of a protocol other than gRPC (main/transports). */
export interface CallTransport {
  /** The protocol in words, e.g. "Connect JSON (HTTP/2)": the started event names it. */
  readonly protocol: string;
  /** The proxy and CONNECT target when the calls go through a proxy: a refusal's words. */
  readonly proxyRoute?: ProxyRoute;
  /** A sent message's wire size, measured where it is compressed once (gRPC-Web and Connect). */
  sentWireSize?(bytes: Uint8Array): WireSize;
  /** `deadline` is a Date.now() time, or Infinity for none. */
  createCall(path: string, deadline: number): WireCall;
}

export interface CallOptions {
  /** gRPC's channel: used unless `transport` is given. */
  client?: grpc.Client;
  /** gRPC-Web or Connect (main/transports): the call goes over it instead of `client`'s channel. */
  transport?: CallTransport;
  /** '/package.Service/Method' */
  path: string;
  kind: CallKind;
  /** Shown in the started event only. */
  target: string;
  /** The proxy's `host:port`, when the channel goes through one: the started event and errors name it. */
  proxy?: string;
  /** The channel's compression of sent messages: sent events carry their wire size. */
  compression?: 'gzip' | 'deflate';
  requestCodec: MessageCodec;
  responseCodec: MessageCodec;
  /**
   * Messages sent in order as soon as the call starts. A unary or server-stream call takes exactly
   * one (sent and half-closed at once; when absent, the first send() carries it); a client or bidi
   * stream any number, staying open for send() unless `halfClose`.
   */
  messages?: readonly JsonValue[];
  /** Half-close a client or bidi stream after `messages` (unary and server streams always are). */
  halfClose?: boolean;
  metadata?: MetadataEntry[];
  /** Deadline in ms from startCall(); none when absent. */
  deadlineMs?: number;
  /** Keep base64 of every encoded message in sent/received events. */
  keepRaw?: boolean;
  /**
   * Keep the event log in `events` (default true). Replay streams a million messages to a file
   * and keeps none: its observer (onEvent) writes each event as it comes.
   */
  keepLog?: boolean;
  /** Decodes `grpc-status-details-bin`; a schema-free decoder (type + raw only) by default. */
  decodeStatusDetails?: (bin: Uint8Array) => StatusDetail[];
  /**
   * Called synchronously for every event, in order, as it is appended (a throw is reported as a
   * process warning). `raw` is the encoded message of a sent or received event, whatever
   * `keepRaw` says, so a recorder has the bytes without the log keeping them. The event is
   * frozen in the log: observers read it and never change it.
   */
  onEvent?: (event: CallEvent, raw?: Uint8Array) => void;
  /**
   * The secrets substituted into this call: every event is built with their values masked before
   * the log or an observer sees it (a message that held one has no raw bytes). The wire gets the
   * real values.
   */
  mask?: SecretMask;
}

/** How a message sent as bytes (sendRaw) is logged and paced by its sender. */
export interface RawSend {
  /**
   * Logs the sent message in the sender's own form with the seq and time the session gives it
   * (replay copies the recorded line with new numbers): no event object is built for it.
   */
  log(seq: number, t: number): void;
  /** Called once grpc-js has taken the bytes (flow control: send the next one from here). */
  written?(): void;
}

export interface CallSession {
  /** The event log so far; only ever appended to (empty when the session keeps no log). */
  readonly events: readonly CallEvent[];
  /**
   * Encodes and sends one message. Throws CodecError (with the field path) synchronously when
   * the JSON does not fit the request type; nothing is sent and the call stays usable.
   * Throws CallStateError when the call cannot take a message (already half-closed, ended, or a
   * unary/server-stream call that already has its request).
   */
  send(message: JsonValue): void;
  /**
   * Sends a message already encoded (replay sends the recorded bytes). Only for sessions that keep
   * no log (`keepLog: false`): the message's event is logged by `how.log`, not by the session.
   */
  sendRaw(bytes: Uint8Array, how: RawSend): void;
  /**
   * False while many bytes (1 MB) are queued for the wire: a sender faster than the server
   * (`-d @` from a file, a script) waits for whenWritable() before its next send(), so memory
   * stays flat. True again once the queue is down to a quarter, or the call has ended.
   */
  readonly writable: boolean;
  /** Resolves when `writable` (at once if it is). */
  whenWritable(): Promise<void>;
  /** Ends the client side of a client or bidi stream; a no-op once half-closed or ended. */
  halfClose(): void;
  /**
   * Cancels the call; the log ends with a CANCELLED status whose message is `reason` (default
   * "Cancelled by the client") at once. Messages already logged as sent still reach the server,
   * then the cancellation (at most a second later). A no-op once ended.
   */
  cancel(reason?: string): void;
  /** Resolves with the one final status (never rejects). */
  readonly done: Promise<CallStatus>;
  /**
   * Milliseconds since the session started, on the clock its events' `t` are measured on: a
   * replay times its sends on it, so the new recording's gaps are the recorded ones.
   */
  elapsedMs(): number;
}

/** An operation the call cannot take now (a message after half-close, …). */
export class CallStateError extends WorkbenchError {
  override readonly name = 'CallStateError';
  constructor(message: string) {
    super('call_error', message);
  }
}
