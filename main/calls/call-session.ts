import * as grpc from '@grpc/grpc-js';
import { performance } from 'node:perf_hooks';
import type { CallEvent, CallStatus, JsonValue, StatusDetail } from '../../shared/calls/events.js';
import { fromGrpcMetadata, toGrpcMetadata } from '../metadata/index.js';
import {
  receivedWireSize,
  sentWireSize,
  trackWireSizes,
  type WireSize,
  type WireTracker,
} from '../channels/wire-sizes.js';
import { proxyRouteOfChannel } from '../channels/proxy-options.js';
import { CodecError } from '../codec/codec-error.js';
import { PACKED_TYPE_LOOKUP_MS } from '../codec/packed-types.js';
import {
  CallStateError,
  type CallOptions,
  type CallSession,
  type RawSend,
  type WireCall,
} from './call-types.js';
import { installRawStatusCapture, rawStatusOf } from './raw-status-capture.js';
import { eventTime } from './event-time.js';
import { makeStatus, receivedStatus } from './status.js';
import { decodeStatusDetailsRaw } from './status-details.js';
import { FRAME_PREFIX, frameAll, framedSinkOf } from './framed-writes.js';

const EMPTY = Buffer.alloc(0);
/** Messages gathered into one write up to this size (grpc-go writes in 32 KB buffers). */
const BATCH_BYTES = 64 << 10;
/** A sender waits (whenWritable) once this much is queued, until it is down to LOW_WATER. */
const HIGH_WATER_BYTES = 1 << 20;
const LOW_WATER_BYTES = 256 << 10;
/** A cancel waits at most this long for the messages before it to go out (cancel()). */
const FLUSH_BEFORE_CANCEL_MS = 1000;
const CANCELLED_BY_CLIENT = 'Cancelled by the client';
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Node may fire grpc-js's deadline timer a millisecond early; a status this close counts as at it. */
const DEADLINE_SLACK_MS = 20;

/** How long past its deadline a call may take before the watchdog ends it itself. */
export const WATCHDOG_GRACE_MS = 1000;

/** grpc-js's channel-level call (not the Client stream wrappers that grpc.Call names). */
type ChannelCall = ReturnType<grpc.ChannelInterface['createCall']>;

type EventBody = CallEvent extends infer E
  ? E extends CallEvent
    ? Omit<E, 'seq' | 't'>
    : never
  : never;

/**
 * Starts a call of any kind. Throws MetadataError for bad metadata and CodecError for a message
 * that does not fit (naming which one when there are several), before anything is sent or logged.
 *
 * Works on grpc-js's channel-level call (Channel.createCall) with Buffers: every listener callback
 * arrives in wire order (the Client stream wrappers can emit 'status' before buffered messages),
 * sizes are exact, and messages skip the Readable/Writable stream machinery on the hot path.
 */
export function startCall(opts: CallOptions): CallSession {
  installRawStatusCapture();
  const metadata = toGrpcMetadata(opts.metadata);
  const encoded = encodeAll(opts);
  const session = new Session(opts);
  session.begin(metadata, encoded);
  return session;
}

interface Encoded {
  json: JsonValue;
  bytes: Uint8Array;
}

function encodeAll(opts: CallOptions): Encoded[] {
  const messages = opts.messages ?? [];
  return messages.map((json, index) => {
    try {
      return { json, bytes: opts.requestCodec.encode(json) };
    } catch (error) {
      if (error instanceof CodecError && messages.length > 1) throw error.inMessage(index);
      throw error;
    }
  });
}

/**
 * The first event; its optional fields set one by one (no throwaway objects per call), in the
 * order the log and recordings have always shown them.
 */
function startedEvent(opts: CallOptions, metadata: grpc.Metadata): EventBody {
  type Started = Extract<EventBody, { type: 'started' }>;
  const event: Omit<Started, 'metadata'> & Partial<Pick<Started, 'metadata'>> = {
    type: 'started',
    at: Date.now(),
    method: opts.path,
    kind: opts.kind,
    target: opts.target,
  };
  if (opts.proxy !== undefined) event.proxy = opts.proxy;
  if (opts.transport) event.protocol = opts.transport.protocol;
  event.metadata = opts.metadata ? fromGrpcMetadata(metadata) : [];
  if (opts.deadlineMs !== undefined) event.deadlineMs = opts.deadlineMs;
  return event as Started;
}

class Session implements CallSession {
  readonly events: CallEvent[] = [];
  readonly done: Promise<CallStatus>;
  private resolve!: (status: CallStatus) => void;
  private readonly t0 = performance.now();
  private readonly keepLog: boolean;
  private seq = 0;
  private call: WireCall | undefined;
  private ended = false;
  /** A received message waits for the types of its Anys (responseCodec.typesToFetch). */
  private lookingUp: Promise<void> | undefined;
  private halfClosed = false;
  private requestSent = false;
  private received = 0;
  /** What grpc-js's compression filter saw of this call's received messages (wire-sizes.ts). */
  private wire: WireTracker | undefined;
  /** Headers or trailers came: the server was reached (see receivedStatus). */
  private heardFromServer = false;
  private watchdog: NodeJS.Timeout | undefined;
  // grpc-js's channel-level call holds one write until its callback fires; later writes would
  // overwrite it, so messages wait here (head index instead of shift(): no O(n²)). Whatever has
  // gathered by the time a write is done goes in the next one (framed-writes.ts).
  private readonly outbox: Buffer[] = [];
  /** Per queued message, who wants to hear that it was written (sendRaw's flow control). */
  private readonly outboxWritten: ((() => void) | undefined)[] = [];
  private outboxHead = 0;
  /** Bytes waiting in the outbox: a sender that outpaces the wire waits (whenWritable). */
  private queuedBytes = 0;
  private readonly writableWaiters: (() => void)[] = [];
  private writing = false;
  private inFlightWritten: (() => void)[] = [];
  private halfClosePending = false;
  /** Some message went to grpc-js: a cancel lets it reach the wire first (cancel()). */
  private wroteAny = false;
  /** cancel() came while messages were on their way: the reason, until they have gone out. */
  private cancelAfterWrites: string | undefined;
  private cancelTimer: NodeJS.Timeout | undefined;
  private readonly onWritten = (): void => {
    this.writing = false;
    const written = this.inFlightWritten;
    if (written.length > 0) {
      this.inFlightWritten = [];
      for (const callback of written) callback();
    }
    this.flush();
  };
  /** One context for every write: grpc-js only calls its callback, once per write. */
  private readonly writeContext = { callback: this.onWritten };
  /** Unary and server-stream calls take exactly one request. */
  private readonly oneRequest: boolean;
  /** Unary and client-stream calls expect exactly one response. */
  private readonly oneResponse: boolean;

  elapsedMs(): number {
    return performance.now() - this.t0;
  }

  constructor(private readonly opts: CallOptions) {
    this.oneRequest = opts.kind === 'unary' || opts.kind === 'server_stream';
    this.oneResponse = opts.kind === 'unary' || opts.kind === 'client_stream';
    this.keepLog = opts.keepLog !== false;
    this.done = new Promise((resolve) => (this.resolve = resolve));
  }

  begin(metadata: grpc.Metadata, messages: readonly Encoded[]): void {
    const { opts } = this;
    this.push(startedEvent(opts, metadata));
    const deadline = opts.deadlineMs !== undefined ? Date.now() + opts.deadlineMs : Infinity;
    // Node fires timers longer than 2^31-1 ms at once; such a deadline has no practical watchdog need.
    if (opts.deadlineMs !== undefined && opts.deadlineMs + WATCHDOG_GRACE_MS <= MAX_TIMER_MS) {
      // grpc-js sometimes never reports a status (see PRODUCT.md); never wait past deadline + 1 s.
      this.watchdog = setTimeout(() => this.onWatchdog(), opts.deadlineMs + WATCHDOG_GRACE_MS);
    }
    this.wire = trackWireSizes(metadata);
    try {
      const call = this.createCall(deadline);
      this.call = call;
      call.start(metadata, {
        onReceiveMetadata: (md: grpc.Metadata) => this.onHeaders(md),
        onReceiveMessage: (message: Buffer) => this.onMessage(message),
        onReceiveStatus: (status: grpc.StatusObject) => this.onStatus(status),
      });
      call.startRead();
    } catch (error) {
      this.finish(
        makeStatus(
          grpc.status.UNAVAILABLE,
          `could not start the call: ${(error as Error).message}`,
          [],
        ),
      );
      return;
    }
    for (const message of messages) {
      if (this.ended || this.halfClosed) break;
      this.write(message.json, message.bytes);
    }
    // Unary and server streams half-close with their one message (or the send() that brings it).
    if (opts.halfClose && !this.oneRequest) this.halfClose();
  }

  /** gRPC's channel call, or the other protocol's (the transport seam, call-types.ts). */
  private createCall(deadline: number): WireCall {
    const { opts } = this;
    if (opts.transport) return opts.transport.createCall(opts.path, deadline);
    if (!opts.client) throw new Error('a call needs a gRPC client or a transport');
    return opts.client.getChannel().createCall(opts.path, deadline, null, null, null);
  }

  send(message: JsonValue): void {
    this.checkWritable();
    const bytes = this.opts.requestCodec.encode(message);
    this.write(message, bytes);
  }

  sendRaw(bytes: Uint8Array, how: RawSend): void {
    if (this.keepLog)
      throw new CallStateError('sendRaw is for sessions that keep no log (keepLog: false)');
    this.checkWritable();
    how.log(this.seq++, eventTime(this.t0));
    this.enqueue(bytes, how.written);
  }

  private checkWritable(): void {
    if (this.ended) throw new CallStateError('the call has ended; no more messages can be sent');
    if (this.halfClosed)
      throw new CallStateError('the call is half-closed; no more messages can be sent');
  }

  halfClose(): void {
    if (this.ended || this.halfClosed) return;
    if (this.oneRequest && !this.requestSent) {
      throw new CallStateError(
        `a ${this.opts.kind} call needs its request before it can be half-closed`,
      );
    }
    this.halfClosed = true;
    this.push({ type: 'half_closed' });
    this.halfClosePending = true;
    this.flush();
  }

  private flush(): void {
    if (!this.call) return;
    if (!this.writing) {
      if (this.ended && this.cancelAfterWrites === undefined) return;
      if (this.outboxHead < this.outbox.length) {
        this.writeQueued(this.call);
        if (this.queuedBytes <= LOW_WATER_BYTES) this.wakeWriters();
      } else if (this.cancelAfterWrites !== undefined) {
        this.cancelOnTheWire();
        return;
      }
    }
    // Nothing in flight, or the write in flight is the last one (halfClosesBehindWrite).
    if (this.halfClosePending && (!this.writing || this.halfClosesBehindWrite())) {
      this.halfClosePending = false;
      this.call.halfClose();
    }
  }

  /**
   * A half-close with nothing queued behind the write in flight goes to grpc-js at once: grpc-js
   * orders it after the message it holds, as its own unary client sends both together, so the
   * request's last DATA frame carries the end of the stream. Waiting for the write's callback
   * sent it as an empty frame of its own, a loop turn later, that the server waited for before
   * it answered a unary call (every call of a run paid that turn). Another protocol's call
   * (main/transports) orders them too: its MessageQueue.end() half-closes after what it holds.
   */
  private halfClosesBehindWrite(): boolean {
    return (
      !this.ended && this.cancelAfterWrites === undefined && this.outboxHead === this.outbox.length
    );
  }

  /** Everything queued that fits in one write goes in one; one message takes grpc-js's path. */
  private writeQueued(call: WireCall): void {
    // framedSinkOf looks for grpc-js's own layers and finds none in another protocol's call.
    const framed =
      this.outbox.length - this.outboxHead > 1 ? framedSinkOf(call as ChannelCall) : undefined;
    if (framed) {
      const messages: Buffer[] = [];
      const written: (() => void)[] = [];
      let bytes = 0;
      while (this.outboxHead < this.outbox.length) {
        const next = this.outbox[this.outboxHead] as Buffer;
        if (next.length > framed.maxMessage) break;
        if (messages.length > 0 && bytes + FRAME_PREFIX + next.length > BATCH_BYTES) break;
        const [buffer, callback] = this.dequeue();
        messages.push(buffer);
        if (callback) written.push(callback);
        bytes += FRAME_PREFIX + buffer.length;
      }
      if (messages.length > 0) {
        this.writing = true;
        this.wroteAny = true;
        this.inFlightWritten = written;
        framed.sink.sendMessageWithContext(this.writeContext, frameAll(messages, bytes));
        return;
      }
    }
    const [buffer, callback] = this.dequeue();
    this.writeNow(buffer, callback);
  }

  private dequeue(): [Buffer, (() => void) | undefined] {
    const head = this.outboxHead++;
    const buffer = this.outbox[head] as Buffer;
    const written = this.outboxWritten[head];
    this.outbox[head] = EMPTY;
    this.outboxWritten[head] = undefined;
    this.queuedBytes -= buffer.length;
    if (this.outboxHead === this.outbox.length) {
      this.outbox.length = 0;
      this.outboxWritten.length = 0;
      this.outboxHead = 0;
    }
    return [buffer, written];
  }

  /** The one write grpc-js holds: the next waits for this one's callback (onWritten). */
  private writeNow(buffer: Buffer, written: (() => void) | undefined): void {
    this.writing = true;
    this.wroteAny = true;
    if (written) this.inFlightWritten = [written];
    (this.call as WireCall).sendMessageWithContext(this.writeContext, buffer);
  }

  get writable(): boolean {
    return this.ended || this.queuedBytes < HIGH_WATER_BYTES;
  }

  whenWritable(): Promise<void> {
    if (this.writable) return Promise.resolve();
    return new Promise((resolve) => this.writableWaiters.push(resolve));
  }

  private wakeWriters(): void {
    if (this.writableWaiters.length === 0) return;
    for (const wake of this.writableWaiters.splice(0)) wake();
  }

  cancel(reason = CANCELLED_BY_CLIENT): void {
    if (this.ended) return;
    if (this.call && this.wroteAny) {
      // Messages logged as sent reach the server before the cancellation, as grpc-go orders
      // them (grpcurl sends what -d @ read before the input broke off): the writes still queued
      // go out, then the cancel, never later than FLUSH_BEFORE_CANCEL_MS.
      this.cancelAfterWrites = reason;
      this.halfClosePending = false;
      this.cancelTimer = setTimeout(() => this.cancelNow(), FLUSH_BEFORE_CANCEL_MS);
      this.cancelTimer.unref();
      this.finish(makeStatus(grpc.status.CANCELLED, reason, []));
      this.flush();
      return;
    }
    this.call?.cancelWithStatus(grpc.status.CANCELLED, reason);
    this.finish(makeStatus(grpc.status.CANCELLED, reason, []));
  }

  /**
   * Every queued message has been handed to grpc-js; it takes them to the HTTP/2 stream within
   * this turn (its promises and ticks), so the cancel follows on the next one.
   */
  private cancelOnTheWire(): void {
    setImmediate(() => this.cancelNow());
  }

  private cancelNow(): void {
    const reason = this.cancelAfterWrites;
    if (reason === undefined) return;
    this.cancelAfterWrites = undefined;
    if (this.cancelTimer) clearTimeout(this.cancelTimer);
    this.outbox.length = 0;
    this.outboxWritten.length = 0;
    this.outboxHead = 0;
    this.queuedBytes = 0;
    this.call?.cancelWithStatus(grpc.status.CANCELLED, reason);
  }

  private write(json: JsonValue, bytes: Uint8Array): void {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const event: EventBody = { type: 'sent', message: json, size: buffer.length };
    if (this.opts.compression)
      Object.assign(
        event,
        this.opts.transport?.sentWireSize?.(buffer) ?? sentWireSize(buffer, this.opts.compression),
      );
    if (this.opts.keepRaw) event.raw = buffer.toString('base64');
    this.push(event, buffer);
    this.enqueue(buffer, undefined);
  }

  private enqueue(bytes: Uint8Array, written: (() => void) | undefined): void {
    const buffer = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Nothing waiting and nothing in flight (a unary call; replay, which waits for each write):
    // straight to grpc-js, past the queue.
    if (!this.writing && this.outboxHead === this.outbox.length && this.call && !this.ended)
      this.writeNow(buffer, written);
    else {
      this.outbox.push(buffer);
      this.outboxWritten.push(written);
      this.queuedBytes += buffer.length;
      this.flush();
    }
    if (this.oneRequest) {
      this.requestSent = true;
      this.halfClose();
    }
  }

  private onHeaders(md: grpc.Metadata): void {
    if (this.ended) return;
    this.heardFromServer = true;
    this.push({ type: 'headers', metadata: fromGrpcMetadata(md) });
  }

  private onMessage(buffer: Buffer): void {
    if (this.ended) return;
    this.received++;
    if (this.oneResponse && this.received > 1) {
      // grpc-js's own Client hangs here until the deadline; end it now instead.
      this.call?.cancelWithStatus(grpc.status.INTERNAL, 'Too many responses received');
      this.finish(
        makeStatus(
          grpc.status.INTERNAL,
          `protocol violation: the server sent more than one response to a ${this.opts.kind} call`,
          [],
        ),
      );
      return;
    }
    // Anys of types the schema lacks that its server's reflection may know: looked up first, and
    // nothing more is read (nor the status taken) until this message is out.
    const wire = this.wire && receivedWireSize(this.wire, this.received);
    const lookup = this.opts.responseCodec.typesToFetch?.(buffer);
    if (lookup) {
      this.lookingUp = this.noLongerThanAllowed(lookup).then(() => {
        this.lookingUp = undefined;
        this.deliverMessage(buffer, wire);
      });
      return;
    }
    this.deliverMessage(buffer, wire);
  }

  /**
   * A lookup holds a message at most PACKED_TYPE_LOOKUP_MS, and never past the call's deadline: a
   * server whose reflection does not answer must not keep (or, at the watchdog, lose) a response
   * that arrived in time. The message is then shown with the type still unknown.
   */
  private noLongerThanAllowed(lookup: Promise<void>): Promise<void> {
    const left =
      this.opts.deadlineMs === undefined
        ? Infinity
        : this.opts.deadlineMs - (performance.now() - this.t0);
    const limit = Math.max(0, Math.min(left, PACKED_TYPE_LOOKUP_MS));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, limit)));
    return Promise.race([lookup.catch(() => undefined), late]).finally(() => clearTimeout(timer));
  }

  private deliverMessage(buffer: Buffer, wire: WireSize | undefined): void {
    if (this.ended) return;
    let message: JsonValue = null;
    let decodeError: string | undefined;
    try {
      message = this.opts.responseCodec.decode(buffer);
    } catch (error) {
      decodeError = (error as Error).message || String(error);
    }
    const event: EventBody = { type: 'received', message, size: buffer.length };
    if (wire) Object.assign(event, wire);
    if (this.opts.keepRaw) event.raw = buffer.toString('base64');
    if (decodeError !== undefined) event.decodeError = decodeError;
    this.push(event, buffer);
    this.call?.startRead();
  }

  private onStatus(status: grpc.StatusObject): void {
    if (this.ended) return;
    if (this.lookingUp) {
      void this.lookingUp.then(() => this.onStatus(status));
      return;
    }
    const trailers = status.metadata;
    let details: StatusDetail[] = [];
    if (trailers) {
      const entries = fromGrpcMetadata(trailers);
      // Any trailer at all says a server answered (counted from the entries: a plain object of
      // them, as getMap() builds, has no key for a trailer named `__proto__`).
      if (entries.length > 0) {
        this.heardFromServer = true;
        this.push({ type: 'trailers', metadata: entries });
      }
      const bin = trailers.get('grpc-status-details-bin')[0];
      if (bin instanceof Buffer) details = this.decodeDetails(bin);
    }
    if (status.code === grpc.status.OK && this.oneResponse && this.received === 0) {
      this.finish(
        makeStatus(
          grpc.status.INTERNAL,
          `protocol violation: the server ended the ${this.opts.kind} call with OK but sent no response`,
          details,
        ),
      );
      return;
    }
    this.finish(
      receivedStatus(status.code, status.details ?? '', details, rawStatusOf(trailers), {
        target: this.opts.target,
        heardFromServer: this.heardFromServer || this.received > 0,
        deadlinePassed:
          this.opts.deadlineMs !== undefined &&
          performance.now() - this.t0 >= this.opts.deadlineMs - DEADLINE_SLACK_MS,
        proxyRoute:
          this.opts.transport?.proxyRoute ??
          (this.opts.client && proxyRouteOfChannel(this.opts.client.getChannel())),
      }),
    );
  }

  private decodeDetails(bin: Buffer): StatusDetail[] {
    try {
      return (this.opts.decodeStatusDetails ?? decodeStatusDetailsRaw)(bin);
    } catch {
      // A broken details blob must not hide the status itself.
      return decodeStatusDetailsRaw(bin);
    }
  }

  private onWatchdog(): void {
    this.watchdog = undefined;
    if (this.ended) return;
    this.call?.cancelWithStatus(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded');
    this.finish({
      ...makeStatus(
        grpc.status.DEADLINE_EXCEEDED,
        `Deadline exceeded: no status from the server ${WATCHDOG_GRACE_MS} ms after the deadline (ended by the client watchdog)`,
        [],
      ),
      failure: 'deadline',
    });
  }

  private finish(status: CallStatus): void {
    if (this.ended) return;
    this.ended = true;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.wakeWriters();
    this.push({ type: 'status', status });
    this.push({ type: 'ended', durationMs: performance.now() - this.t0 });
    this.resolve(status);
  }

  private push(body: EventBody, raw?: Uint8Array): void {
    // Numbered and timed before anyone sees it; never changed once appended.
    let event = body as CallEvent;
    event.seq = this.seq++;
    event.t = eventTime(this.t0);
    // Masked at the source: nothing downstream (log, clients, recorder, history) sees a secret.
    if (this.opts.mask) ({ event, raw } = this.opts.mask.event(event, raw));
    if (this.keepLog) this.events.push(event);
    if (this.opts.onEvent) {
      try {
        this.opts.onEvent(event, raw);
      } catch (error) {
        // A failing observer must not break grpc-js's callbacks or the log; say so and go on.
        process.emitWarning(
          `call ${this.opts.path}: onEvent threw on a ${event.type} event: ${(error as Error).message}`,
        );
      }
    }
  }
}
