// The ring through which the proxy's event loop hands the capture thread a copy of each
// passed-through connection's bytes (and its ends), in shared memory: no message, no clone, no
// buffer per chunk on the event loop; one copy into the ring and an atomic store.
//
// RING LAYOUT: the event loop writes each op at WRITE_AT and publishes it by moving WRITE_AT on;
// the thread reads from READ_AT and moves it on once it has copied the op out. An op: u32 size
// (a multiple of 8, padding included; 0: the rest of the ring is skipped, the next op is at 0),
// u32 connection id, u32 kind, u32 data length, f64 when it happened (the event loop's
// performance.now()), then the data. Little-endian.

/** The op kinds. */
export const OP = {
  /** Bytes the client sent (data: the bytes). */
  fromClient: 1,
  /** Bytes the target sent (data: the bytes). */
  fromTarget: 2,
  /** Some of the connection's bytes were not read (data: why, UTF-8). */
  notFollowed: 3,
  /** The client's side ended first. */
  clientClosed: 4,
  /** The target's side ended first, after it had connected (data: its error's words, if any). */
  targetClosed: 5,
  /** As targetClosed, before it had connected. */
  targetNeverConnected: 6,
  /** Answer once every op before this one is read and its calls' recordings closed (id: a token). */
  flush: 7,
  /**
   * Both sides have closed: the connection is let go. Not at the first side's end: the other side
   * may still send (a half-closed client still gets its answers), read with the same HPACK table.
   */
  connectionDone: 8,
  /** Tests: the thread stops for `id` ms, as a stalled disk or a bug looping in it would hold it. */
  stall: 9,
} as const;

/** The control words (Int32). */
const WRITE_AT = 0;
const READ_AT = 1;
/** 1 while the thread sleeps: the op that finds it so wakes it (one message). */
export const SLEEPING = 2;
const CONTROL_WORDS = 4;

const OP_HEAD_BYTES = 24;

/** What the event loop and the thread share. */
export interface RingMemory {
  control: SharedArrayBuffer;
  ring: SharedArrayBuffer;
}

export function newRingMemory(bytes: number): RingMemory {
  const memory = {
    control: new SharedArrayBuffer(CONTROL_WORDS * 4),
    ring: new SharedArrayBuffer(bytes),
  };
  // A new thread sleeps until the first op wakes it.
  new Int32Array(memory.control)[SLEEPING] = 1;
  return memory;
}

const align8 = (n: number): number => (n + 7) & ~7;

/** The event loop's end: puts ops in, never waits (an op that does not fit is refused). */
export class RingWriter {
  readonly control: Int32Array;
  private readonly ring: Buffer;
  private writeAt = 0;

  constructor(memory: RingMemory) {
    this.control = new Int32Array(memory.control);
    this.ring = Buffer.from(memory.ring);
  }

  /** Bytes put in and not yet taken by the thread. */
  get queued(): number {
    const size = this.ring.length;
    return (this.writeAt - Atomics.load(this.control, READ_AT) + size) % size;
  }

  /**
   * Puts one op in; false (nothing put) when the ring has no room for it: the thread is behind
   * by the whole ring. A gap of 8 bytes keeps a full ring apart from an empty one.
   */
  put(connection: number, kind: number, time: number, data?: Uint8Array | string): boolean {
    const ring = this.ring;
    const length =
      data === undefined ? 0 : typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    const size = align8(OP_HEAD_BYTES + length);
    let at = this.writeAt;
    const wraps = at + size > ring.length;
    if (ring.length - this.queued - 8 < (wraps ? ring.length - at + size : size)) return false;
    if (wraps) {
      ring.writeUInt32LE(0, at);
      at = 0;
    }
    ring.writeUInt32LE(size, at);
    ring.writeUInt32LE(connection, at + 4);
    ring.writeUInt32LE(kind, at + 8);
    ring.writeUInt32LE(length, at + 12);
    ring.writeDoubleLE(time, at + 16);
    if (typeof data === 'string') ring.write(data, at + OP_HEAD_BYTES);
    else if (data !== undefined) ring.set(data, at + OP_HEAD_BYTES);
    at += size;
    this.writeAt = at === ring.length ? 0 : at;
    Atomics.store(this.control, WRITE_AT, this.writeAt);
    return true;
  }
}

/** One op as the thread reads it (its data copied out of the ring). */
export interface RingOp {
  connection: number;
  kind: number;
  time: number;
  data: Buffer;
}

/** The thread's end: takes every op published so far, each copied out and the ring freed. */
export class RingReader {
  readonly control: Int32Array;
  private readonly ring: Buffer;

  constructor(memory: RingMemory) {
    this.control = new Int32Array(memory.control);
    this.ring = Buffer.from(memory.ring);
  }

  /** Whether ops are waiting. */
  get waiting(): boolean {
    return Atomics.load(this.control, WRITE_AT) !== this.control[READ_AT];
  }

  /** Calls `each` for every op published so far, in order; returns how many. */
  take(each: (op: RingOp) => void): number {
    const ring = this.ring;
    const until = Atomics.load(this.control, WRITE_AT);
    let at = this.control[READ_AT] as number;
    let n = 0;
    while (at !== until) {
      const size = ring.readUInt32LE(at);
      if (size === 0) {
        at = 0;
        continue;
      }
      if (size < OP_HEAD_BYTES || size % 8 !== 0 || at + size > ring.length)
        throw new Error(`the capture ring holds an op of ${size} bytes at ${at}`);
      const length = ring.readUInt32LE(at + 12);
      // A copy: the reader keeps parts of a chunk (a message cut across chunks) past this op.
      const data = Buffer.allocUnsafe(length);
      ring.copy(data, 0, at + OP_HEAD_BYTES, at + OP_HEAD_BYTES + length);
      const op: RingOp = {
        connection: ring.readUInt32LE(at + 4),
        kind: ring.readUInt32LE(at + 8),
        time: ring.readDoubleLE(at + 16),
        data,
      };
      at += size;
      if (at === ring.length) at = 0;
      // Freed before the op is read: the event loop may fill it again meanwhile.
      Atomics.store(this.control, READ_AT, at);
      n++;
      each(op);
    }
    return n;
  }
}
