import type { IncomingHttpHeaders } from 'node:http2';
import type { CallRecord } from '../call-record.js';
import { clientEndedCall, statusOfReset } from '../call-ends.js';
import { FrameObserver } from '../grpc-frames.js';
import { deadlineMsOf, grpcMessageOf, responseHeadersOf, trailersOf } from '../wire-metadata.js';
import { IdTable } from '../../platform/id-table.js';
import { FrameReader, type FrameEvents } from './frame-reader.js';

const NO_ERROR = 0;

export interface ObserverContext {
  /** What the recordings name as the target. */
  target: string;
  maxObservedBytes: number;
  newRecord(method: string, headers: IncomingHttpHeaders): CallRecord;
  /** The call is over: its recording is closed (and the call reported). */
  settle(record: CallRecord): void;
  onError(error: Error): void;
  /** When the bytes being read passed the proxy (performance.now()'s scale; the default). */
  now?: () => number;
}

/** One stream of the connection, as its recording follows it. */
interface ObservedCall {
  record: CallRecord;
  fromClient: FrameObserver;
  fromTarget: FrameObserver;
  /** The target's response headers have come (the next HEADERS are its trailers). */
  responded: boolean;
  /** END_STREAM from the client / from the target without a status (a reset may follow). */
  clientEnded: boolean;
  endedWithoutStatus: boolean;
  started: number;
  deadlineMs: number | undefined;
}

/**
 * The calls of one passed-through connection, read from a copy of its bytes in both directions
 * (in the order they passed the proxy) and turned into the CallRecord events the terminating path
 * (forward-call.ts) makes: started at the request headers, messages each way, half_closed at the
 * client's END_STREAM, headers, trailers or trailers-only, and a fault when a stream is reset or
 * the connection ends first. The bytes themselves went on untouched before any of this ran: what
 * the peers see is what a direct connection gives them.
 */
export class ObservedConnection {
  /** By stream id; an IdTable, not a Map: a call per stream comes and goes (see IdTable). */
  private readonly calls = new IdTable<ObservedCall>();
  private readonly client: FrameReader;
  private readonly target: FrameReader;
  /** The code of the GOAWAY the target sent, once it has. */
  private targetGoaway: number | undefined;
  /** The highest stream id the client has opened (ids only grow, RFC 9113 §5.1.1). */
  private lastStreamId = 0;
  /** Bytes that are not HTTP/2 were seen: nothing more is read (forwarding goes on). */
  private lost = false;

  private readonly now: () => number;

  constructor(private readonly ctx: ObserverContext) {
    this.now = ctx.now ?? (() => performance.now());
    this.client = new FrameReader(this.clientEvents(), { preface: true });
    this.target = new FrameReader(this.targetEvents(), { preface: false });
  }

  fromClient(chunk: Buffer): void {
    if (!this.lost) this.read(this.client, chunk);
  }

  fromTarget(chunk: Buffer): void {
    if (!this.lost) this.read(this.target, chunk);
  }

  /** Some of the connection's bytes were not seen (`why`): nothing more can be read. */
  notFollowed(why: Error): void {
    if (!this.lost) this.unreadable(why);
  }

  private read(reader: FrameReader, chunk: Buffer): void {
    try {
      reader.push(chunk);
    } catch (error) {
      this.unreadable(error as Error);
    }
  }

  /** The client's connection closed first: its open calls end as the client ended them. */
  clientClosed(): void {
    for (const [id, call] of this.calls) {
      clientEndedCall(
        call.record,
        call,
        'the client closed its connection before the call ended',
        this.now(),
      );
      this.finish(id, call);
    }
  }

  /** The target's connection closed first (or never opened: `error` says why). */
  targetClosed(error: Error | undefined, connected: boolean): void {
    const why =
      this.targetGoaway !== undefined
        ? `sent GOAWAY (code ${this.targetGoaway}) before the call ended`
        : connected
          ? `went away: ${error?.message ?? 'connection closed'}`
          : `could not be reached: ${error?.message ?? 'connection closed'}`;
    for (const [id, call] of this.calls) {
      call.record.fault(14, `the target ${this.ctx.target} ${why}`);
      this.finish(id, call);
    }
  }

  private unreadable(error: Error): void {
    this.lost = true;
    const why = `gwb proxy cannot follow a connection's HTTP/2 (${error.message})`;
    this.ctx.onError(new Error(`${why}: its calls are forwarded but not recorded from there on`));
    for (const [id, call] of this.calls) {
      call.record.fault(2, `${why}: the call was forwarded, its recording stops here`);
      this.finish(id, call);
    }
  }

  private finish(id: number, call: ObservedCall): void {
    this.calls.delete(id);
    this.ctx.settle(call.record);
  }

  private clientEvents(): FrameEvents {
    return {
      headers: (id, headers, endStream) => {
        const known = this.calls.get(id);
        // Trailers from a client (gRPC sends none): only their END_STREAM matters.
        if (known) {
          if (endStream) this.clientEnd(id, known);
          return;
        }
        // A stream that has ended already (its id is not new): not a new call.
        if (id <= this.lastStreamId) return;
        this.lastStreamId = id;
        const call = this.open(headers);
        if (!call) return;
        this.calls.set(id, call);
        if (endStream) this.clientEnd(id, call);
      },
      data: (id, bytes) => this.message(id, bytes, 'fromClient'),
      // grpc-js ends its side this way: the call may now end (a target that ended without a status).
      dataEnd: (id) => {
        const call = this.calls.get(id);
        if (call) this.clientEnd(id, call);
      },
      reset: (id, code) => {
        const call = this.calls.get(id);
        if (!call) return;
        // The target ended without a status first: that is how the call ended (as the
        // terminating path records it), the client's reset only follows.
        if (call.endedWithoutStatus) this.withoutStatus(call);
        else
          clientEndedCall(
            call.record,
            call,
            `the client cancelled the call (RST_STREAM code ${code})`,
            this.now(),
          );
        this.finish(id, call);
      },
      // The client's GOAWAY names the target's streams (none in gRPC): its calls go on.
      goaway: () => undefined,
      headerTableSize: (size) => this.target.decoder.setLimit(size),
      maxHeaderListSize: (size) => this.target.decoder.setListLimit(size),
    };
  }

  private targetEvents(): FrameEvents {
    return {
      headers: (id, headers, endStream) => {
        const call = this.calls.get(id);
        if (call) this.response(id, call, headers, endStream);
      },
      data: (id, bytes) => this.message(id, bytes, 'fromTarget'),
      dataEnd: (id) => {
        const call = this.calls.get(id);
        if (!call || call.record.ended) return;
        // A reset may follow and say why (a client takes its code): the call ends with that,
        // or once the stream is closed both ways.
        call.endedWithoutStatus = true;
        if (!call.clientEnded) return;
        this.withoutStatus(call);
        this.finish(id, call);
      },
      reset: (id, code) => {
        const call = this.calls.get(id);
        if (!call) return;
        if (!call.record.ended)
          call.record.fault(
            statusOfReset(code),
            `the target reset the stream (RST_STREAM code ${code})`,
          );
        this.finish(id, call);
      },
      goaway: (lastStreamId, code) => {
        this.targetGoaway = code;
        const target = `the target ${this.ctx.target} sent GOAWAY (code ${code})`;
        for (const [id, call] of this.calls) {
          // Streams past the last one the target processed never reached it (RFC 9113 §6.8);
          // a GOAWAY with an error ends the connection: a client ends all its calls at once.
          if (id > lastStreamId) call.record.fault(14, `${target} without processing the call`);
          else if (code !== NO_ERROR) call.record.fault(14, `${target} before the call ended`);
          else continue;
          this.finish(id, call);
        }
      },
      headerTableSize: (size) => this.client.decoder.setLimit(size),
      maxHeaderListSize: (size) => this.client.decoder.setListLimit(size),
    };
  }

  /** The client's END_STREAM: it has sent all it will. */
  private clientEnd(id: number, call: ObservedCall): void {
    call.clientEnded = true;
    if (!call.record.ended) call.record.halfClosed();
    if (!call.endedWithoutStatus) return;
    this.withoutStatus(call);
    this.finish(id, call);
  }

  private withoutStatus(call: ObservedCall): void {
    call.record.fault(13, 'the target ended the response without a status');
  }

  /**
   * DATA bytes of a call, read for its messages in order with its other recording work (its
   * recording is opened by the first of it, see CallRecord).
   */
  private message(id: number, bytes: Buffer, side: 'fromClient' | 'fromTarget'): void {
    const call = this.calls.get(id);
    if (call) call.record.later(() => call[side].push(bytes));
  }

  /** A new call: its recording starts with the request headers. */
  private open(headers: IncomingHttpHeaders): ObservedCall | undefined {
    let record: CallRecord;
    try {
      record = this.ctx.newRecord(String(headers[':path'] ?? ''), headers);
    } catch (error) {
      this.ctx.onError(error as Error);
      return undefined;
    }
    record.setEncoding('client', headers['grpc-encoding']);
    const max = this.ctx.maxObservedBytes;
    return {
      record,
      fromClient: new FrameObserver(max, (m) => record.clientMessage(m)),
      fromTarget: new FrameObserver(max, (m) => record.serverMessage(m)),
      responded: false,
      clientEnded: false,
      endedWithoutStatus: false,
      started: this.now(),
      deadlineMs: deadlineMsOf(headers),
    };
  }

  /** The target's response headers, trailers, or trailers-only response. */
  private response(
    id: number,
    call: ObservedCall,
    headers: IncomingHttpHeaders,
    endStream: boolean,
  ): void {
    const { record } = call;
    const status = headers[':status'];
    // An informational (1xx) response: the real one follows.
    if (!call.responded && typeof status === 'string' && status.startsWith('1')) return;
    if (call.responded || endStream) {
      // Trailers, or a trailers-only response: the status is in these headers.
      record.trailers(
        () => trailersOf(headers),
        headers['grpc-status'] as string | undefined,
        grpcMessageOf(headers['grpc-message']),
      );
      if (endStream) this.finish(id, call);
      return;
    }
    call.responded = true;
    record.setEncoding('server', headers['grpc-encoding']);
    record.headers(() => responseHeadersOf(headers));
  }
}
