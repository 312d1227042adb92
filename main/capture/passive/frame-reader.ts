import type { IncomingHttpHeaders } from 'node:http2';
import { HeaderBlockDecoder } from './header-block.js';

/** What one direction of a connection carries, frame by frame, as the passive reader sees it. */
export interface FrameEvents {
  /** A complete header block (HEADERS and its CONTINUATIONs) on a stream. */
  headers(streamId: number, headers: IncomingHttpHeaders, endStream: boolean): void;
  /** Bytes of a DATA frame's payload (padding left out), as they arrive: part of a frame or all. */
  data(streamId: number, bytes: Buffer): void;
  /** A DATA frame with END_STREAM has been read whole. */
  dataEnd(streamId: number): void;
  reset(streamId: number, code: number): void;
  goaway(lastStreamId: number, code: number): void;
  /** SETTINGS_HEADER_TABLE_SIZE this peer sent: the bound of the other direction's table. */
  headerTableSize(size: number): void;
  /** SETTINGS_MAX_HEADER_LIST_SIZE this peer sent: what it accepts from the other direction. */
  maxHeaderListSize(size: number): void;
}

/** The client connection preface (RFC 9113 §3.4), before the client's first frame. */
export const CLIENT_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

const FRAME_HEADER_BYTES = 9;
const enum Type {
  DATA = 0,
  HEADERS = 1,
  RST_STREAM = 3,
  SETTINGS = 4,
  PUSH_PROMISE = 5,
  GOAWAY = 7,
  CONTINUATION = 9,
}
const END_STREAM = 0x1;
const ACK = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;
const SETTINGS_HEADER_TABLE_SIZE = 0x1;
const SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

/** A header block whose CONTINUATIONs are still to come. */
interface OpenBlock {
  streamId: number;
  endStream: boolean;
  /** PUSH_PROMISE's block: decoded (HPACK state) but not a stream's headers. */
  promise: boolean;
  fragments: Buffer[];
  /** The fragments' bytes so far (bounded: an endless CONTINUATION chain is not held). */
  bytes: number;
}

/**
 * Reads the HTTP/2 frames of one direction of a connection from a copy of its bytes, in any
 * chunking: frame headers and header blocks may span chunks, DATA payloads are handed on as they
 * come (never gathered: a 1 MiB message passes in pieces), padding and PRIORITY fields are
 * skipped. Header blocks are decoded in order through this direction's HPACK decoder. Throws on
 * bytes that are not HTTP/2 (the caller stops observing: forwarding is not its business).
 */
export class FrameReader {
  readonly decoder = new HeaderBlockDecoder();
  /** Preface bytes still expected (the client's direction only). */
  private prefaceLeft: number;
  private readonly head = Buffer.alloc(FRAME_HEADER_BYTES);
  private headUsed = 0;
  /** Whether a frame's header is complete and its payload being read (`frame` says which). */
  private inFrame = false;
  /**
   * The frame being read: one object for the reader's life, its fields set per frame. A stream
   * of small messages is a DATA frame each, and an object per frame (with the arrays and empty
   * payload buffer it also made) was a fair part of what the capture thread's collections swept.
   */
  private readonly frame = { type: 0, flags: 0, streamId: 0, length: 0 };
  /** Payload bytes of the current frame still to come. */
  private left = 0;
  /** A non-DATA frame's payload, gathered whole (bounded by the frame's length). */
  private payload: Buffer[] = [];
  /** DATA: the pad length octet is still to come / padding bytes at the end of the payload. */
  private padPending = false;
  private padding = 0;
  private block: OpenBlock | undefined;

  constructor(
    private readonly events: FrameEvents,
    opts: { preface: boolean },
  ) {
    this.prefaceLeft = opts.preface ? CLIENT_PREFACE.length : 0;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.prefaceLeft > 0) at = this.preface(chunk, at);
      else if (!this.inFrame) at = this.frameHeader(chunk, at);
      else at = this.framePayload(chunk, at);
    }
  }

  private preface(chunk: Buffer, at: number): number {
    const from = CLIENT_PREFACE.length - this.prefaceLeft;
    const take = Math.min(this.prefaceLeft, chunk.length - at);
    if (chunk.compare(CLIENT_PREFACE, from, from + take, at, at + take) !== 0)
      throw new Error('the client did not open with the HTTP/2 connection preface');
    this.prefaceLeft -= take;
    return at + take;
  }

  private frameHeader(chunk: Buffer, at: number): number {
    // A header whole in the chunk (the usual case) is read there: copying 9 bytes aside cost
    // more than reading them (Buffer.copy makes a view to copy from).
    if (this.headUsed === 0 && chunk.length - at >= FRAME_HEADER_BYTES) {
      this.frameStart(chunk, at);
      return at + FRAME_HEADER_BYTES;
    }
    const take = Math.min(FRAME_HEADER_BYTES - this.headUsed, chunk.length - at);
    chunk.copy(this.head, this.headUsed, at, at + take);
    this.headUsed += take;
    if (this.headUsed < FRAME_HEADER_BYTES) return at + take;
    this.headUsed = 0;
    this.frameStart(this.head, 0);
    return at + take;
  }

  /** A frame begins: its 9-byte header is at `at` of `h`. */
  private frameStart(h: Buffer, at: number): void {
    const length = ((h[at] as number) << 16) | ((h[at + 1] as number) << 8) | (h[at + 2] as number);
    const type = h[at + 3] as number;
    const flags = h[at + 4] as number;
    const streamId = h.readUInt32BE(at + 5) & 0x7fffffff;
    if (this.block && type !== Type.CONTINUATION)
      throw new Error(`a ${type} frame came between a header block's HEADERS and its CONTINUATION`);
    // A gathered payload is held whole: one of up to 16 MiB is not (nor needed by gRPC).
    if (GATHERED.has(type) && length > this.decoder.listLimit)
      throw new Error(`a ${type} frame of ${length} bytes, over ${this.decoder.listLimit}`);
    const frame = this.frame;
    frame.type = type;
    frame.flags = flags;
    frame.streamId = streamId;
    frame.length = length;
    this.inFrame = true;
    this.left = length;
    this.padPending = type === Type.DATA && (flags & PADDED) !== 0;
    this.padding = 0;
    if (length === 0) this.endFrame();
  }

  private framePayload(chunk: Buffer, at: number): number {
    const frame = this.frame;
    const take = Math.min(this.left, chunk.length - at);
    const bytes = chunk.subarray(at, at + take);
    this.left -= take;
    if (frame.type === Type.DATA) this.dataBytes(frame.streamId, bytes);
    else if (GATHERED.has(frame.type)) this.payload.push(bytes);
    if (this.left === 0) this.endFrame();
    return at + take;
  }

  /** DATA payload bytes: the pad length octet, the data, then the padding (skipped). */
  private dataBytes(streamId: number, bytes: Buffer): void {
    let data = bytes;
    if (this.padPending && data.length > 0) {
      this.padPending = false;
      this.padding = data[0] as number;
      data = data.subarray(1);
    }
    // The last `padding` bytes of the payload are padding: keep what comes before them.
    const dataLeft = Math.max(0, this.left + data.length - this.padding);
    const keep = Math.min(data.length, dataLeft);
    if (keep > 0) this.events.data(streamId, keep === data.length ? data : data.subarray(0, keep));
  }

  private endFrame(): void {
    this.inFrame = false;
    const { type, flags, streamId } = this.frame;
    if (type === Type.DATA) {
      if (flags & END_STREAM) this.events.dataEnd(streamId);
      return;
    }
    // Only the gathered types have a payload to look at; the others (WINDOW_UPDATE, PING…) end here.
    if (!GATHERED.has(type)) return;
    const payload =
      this.payload.length === 1 ? (this.payload[0] as Buffer) : Buffer.concat(this.payload);
    this.payload = [];
    switch (type) {
      case Type.HEADERS:
        return this.headersFrame(streamId, flags, payload);
      case Type.PUSH_PROMISE:
        return this.pushPromise(streamId, flags, payload);
      case Type.CONTINUATION:
        return this.continuation(streamId, flags, payload);
      case Type.RST_STREAM:
        return this.events.reset(streamId, payload.length >= 4 ? payload.readUInt32BE(0) : 0);
      case Type.GOAWAY:
        if (payload.length >= 8)
          this.events.goaway(payload.readUInt32BE(0) & 0x7fffffff, payload.readUInt32BE(4));
        return;
      case Type.SETTINGS:
        if (!(flags & ACK)) this.settings(payload);
        return;
    }
  }

  /** HEADERS: [pad length] [priority: 5 bytes] fragment [padding]. */
  private headersFrame(streamId: number, flags: number, payload: Buffer): void {
    // Without the pad length octet (or the priority fields) the frame is malformed, not empty.
    if (payload.length < (flags & PADDED ? 1 : 0) + (flags & PRIORITY ? 5 : 0))
      throw new Error(`HEADERS on stream ${streamId} shorter than its padding and priority fields`);
    let start = 0;
    let end = payload.length;
    if (flags & PADDED) {
      end -= payload[0] as number;
      start = 1;
    }
    if (flags & PRIORITY) start += 5;
    if (end < start)
      throw new Error(`HEADERS on stream ${streamId} with more padding than payload`);
    this.openBlock(
      { streamId, endStream: (flags & END_STREAM) !== 0, promise: false, fragments: [], bytes: 0 },
      flags,
      payload.subarray(start, end),
    );
  }

  /** PUSH_PROMISE: [pad length] promised stream id, fragment [padding]; its block keeps HPACK in step. */
  private pushPromise(streamId: number, flags: number, payload: Buffer): void {
    if (payload.length < (flags & PADDED ? 5 : 4))
      throw new Error(`PUSH_PROMISE on stream ${streamId} shorter than its promised stream id`);
    let start = 4;
    let end = payload.length;
    if (flags & PADDED) {
      end -= payload[0] as number;
      start += 1;
    }
    if (end < start)
      throw new Error(`PUSH_PROMISE on stream ${streamId} with more padding than payload`);
    this.openBlock(
      { streamId, endStream: false, promise: true, fragments: [], bytes: 0 },
      flags,
      payload.subarray(start, end),
    );
  }

  private continuation(streamId: number, flags: number, payload: Buffer): void {
    const block = this.block;
    if (!block || block.streamId !== streamId)
      throw new Error(`a CONTINUATION on stream ${streamId} that continues no header block`);
    this.block = undefined;
    this.openBlock(block, flags, payload);
  }

  private openBlock(block: OpenBlock, flags: number, fragment: Buffer): void {
    block.fragments.push(fragment);
    block.bytes += fragment.length;
    if (block.bytes > this.decoder.listLimit)
      throw new Error(
        `a header block on stream ${block.streamId} of more than ${this.decoder.listLimit} bytes`,
      );
    if (!(flags & END_HEADERS)) {
      this.block = block;
      return;
    }
    const all = block.fragments.length === 1 ? fragment : Buffer.concat(block.fragments);
    const headers = this.decoder.decode(all);
    if (!block.promise) this.events.headers(block.streamId, headers, block.endStream);
  }

  private settings(payload: Buffer): void {
    for (let at = 0; at + 6 <= payload.length; at += 6) {
      const id = payload.readUInt16BE(at);
      const value = payload.readUInt32BE(at + 2);
      if (id === SETTINGS_HEADER_TABLE_SIZE) this.events.headerTableSize(value);
      else if (id === SETTINGS_MAX_HEADER_LIST_SIZE) this.events.maxHeaderListSize(value);
    }
  }
}

/** Frame types whose payload is read whole; others (WINDOW_UPDATE, PING, PRIORITY…) are skipped. */
const GATHERED = new Set<number>([
  Type.HEADERS,
  Type.CONTINUATION,
  Type.PUSH_PROMISE,
  Type.RST_STREAM,
  Type.GOAWAY,
  Type.SETTINGS,
]);
