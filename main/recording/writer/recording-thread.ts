import { Worker } from 'node:worker_threads';
import { IdTable } from '../../platform/id-table.js';
import type { FileAppender } from './file-appender.js';
import type { RecordingPack } from './recording-pack.js';

/**
 * Bytes handed to the recording thread and not yet written, beyond which the event loop waits for
 * the disk (the same bound as the thread-pool appender's): a stalled disk must not grow memory.
 * It is the size of the ring the ops go through.
 */
export const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
/**
 * How often the thread looks at the ring while recordings come (it wakes itself: the event loop
 * never pays for waking it, see RecordingThread). A crash of the process loses at most this much
 * more than the writer's flush interval.
 */
export const BATCH_WAIT_MS = 5;
/** Looks that found nothing after which the thread sleeps until an op wakes it (one message). */
const IDLE_LOOKS = 40;
/**
 * How often the event loop looks for closed files while some are waiting (on a turn it is awake
 * anyway it looks with every op): a close resolves at most this much after the file is closed.
 */
const CLOSED_LOOK_MS = 10;
/**
 * How long the event loop, waiting for the disk, lets the thread give no sign of life before it
 * gives the thread up: the thread beats every HEARTBEAT_MS and after every MiB it writes, so
 * silence this long means it died (OOM, a crash, never started) or the disk took no MiB in all
 * that time. Waiting is the only time the thread's death matters without the event loop — its
 * 'exit' and 'error' events need the loop the wait is blocking.
 */
export const SILENT_THREAD_MS = 5000;
/** How often the thread says it is alive. */
const HEARTBEAT_MS = 250;
/** The most data one op carries: more goes as several (so an op always fits the ring). */
const MAX_OP_DATA = 1024 * 1024;
/** How much the thread writes at most per call, so that it beats while writing a big op. */
const WRITE_CHUNK_BYTES = 1024 * 1024;
/** Ids of files closed without error the ring of answers holds (a power of two). */
const CLOSED_IDS = 4096;

/** Where recording writers' files are made and written (RecordingWriterOptions.thread). */
export interface RecordingFiles {
  open(path: string): ThreadFile;
}

/** One recording's file as the recording thread writes it. */
export interface ThreadFile extends FileAppender {
  /** Writes what is queued, closes the file; rejects with the first error (creating or writing). */
  close(): Promise<void>;
  /**
   * Writes what is queued and hands the still open descriptor over (the caller closes it): the
   * writer replaces the header line through it. Rejects like close() (the file is then closed).
   */
  handOver(): Promise<number>;
  /**
   * Closes the recording with its last bytes. When nothing was written yet, `data` is the whole
   * recording, and it is appended to `pack`'s file instead of a file of its own: resolves to where
   * it went (`PACK#N`), else to the file's path.
   */
  closeWith(data: Buffer, pack: RecordingPack | undefined): Promise<string>;
  /** Nothing was handed to the thread yet (a recording that closes now can go whole). */
  readonly unwritten: boolean;
}

/** An op's flags (see RING LAYOUT). */
const HAS_PATH = 1;
const CLOSE = 2;
const HAND_OVER = 4;
/** The op is a whole recording: appended to the file of recordings at its path. */
const PACK = 8;

/** The control words shared with the thread (Int32, see RING LAYOUT). */
const WRITE_AT = 0;
const READ_AT = 1;
const SLEEPING = 2;
const BEAT = 3;
const EXITED = 4;
const CLOSED_WRITTEN = 5;
const CLOSED_READ = 6;
const CONTROL_WORDS = 8;

interface Done {
  id: number;
  error?: string;
  fd?: number;
}

/**
 * RING LAYOUT: the event loop writes each op into a ring of MAX_QUEUED_BYTES shared with the
 * thread, at WRITE_AT, and publishes it by moving WRITE_AT on; the thread reads from READ_AT and
 * moves it on once the op is done. An op: u32 size (with padding, a multiple of 8; 0: the rest of
 * the ring is skipped, the next op is at 0), u32 file id, u32 flags, u32 data length, with
 * HAS_PATH (a file's first op: create it, truncated, 0600) u32 path length and the path's UTF-8,
 * then the data. All little-endian. The ids of files closed without error come back through a
 * second ring (CLOSED_IDS ids; CLOSED_WRITTEN and CLOSED_READ count them); an error, a descriptor
 * handed over, or ids that do not fit come back as a message.
 */
const OP_HEAD_BYTES = 16;
const PATH_LENGTH_BYTES = 4;

/**
 * The thread's whole program, plain CommonJS so it runs the same from the sources, the bundles
 * and Electron (no file of its own to find). While ops come it looks at the ring every
 * BATCH_WAIT_MS; after IDLE_LOOKS empty looks it sleeps (SLEEPING) until a message wakes it. A
 * file's first error is kept and nothing more is written to it.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, writeSync, closeSync } = require('node:fs');
const control = new Int32Array(workerData.control);
const ring = Buffer.from(workerData.ring);
const closedIds = new Int32Array(workerData.closed);
const RING = ring.length;
const beat = () => Atomics.add(control, ${BEAT}, 1);
setInterval(beat, ${HEARTBEAT_MS});
process.on('exit', () => {
  Atomics.store(control, ${EXITED}, 1);
  Atomics.notify(control, ${READ_AT});
});
const files = new Map();
// The file of recordings being appended to (kept open while recordings come), and its first error.
const pack = { path: undefined, fd: -1, error: undefined };
const closePack = () => {
  if (pack.fd !== -1) closeSync(pack.fd);
  pack.fd = -1;
  pack.path = undefined;
};
/** Files of recordings an op failed on: path -> why (see packOp). */
const lostPacks = new Map();
let looking;
let idle = 0;
const wake = () => {
  idle = 0;
  looking ??= setInterval(look, ${BATCH_WAIT_MS});
  look();
};
const sleep = () => {
  clearInterval(looking);
  looking = undefined;
  closePack();
  Atomics.store(control, ${SLEEPING}, 1);
  // An op published meanwhile did not wake it (it saw it awake): take it back and look again.
  if (Atomics.load(control, ${WRITE_AT}) !== control[${READ_AT}] &&
      Atomics.compareExchange(control, ${SLEEPING}, 1, 0) === 1) wake();
};
parentPort.on('message', wake);
/** A file closed without error: its id into the ring of answers, else (full) into the message. */
const closedOk = (id, answers) => {
  const written = control[${CLOSED_WRITTEN}];
  if (((written - Atomics.load(control, ${CLOSED_READ})) | 0) >= ${CLOSED_IDS}) return answers.push(id);
  closedIds[written & ${CLOSED_IDS - 1}] = id;
  Atomics.store(control, ${CLOSED_WRITTEN}, (written + 1) | 0);
};
function look() {
  const until = Atomics.load(control, ${WRITE_AT});
  let at = control[${READ_AT}];
  if (at === until) {
    if (++idle >= ${IDLE_LOOKS}) sleep();
    return;
  }
  idle = 0;
  const answers = [];
  while (at !== until) {
    const size = ring.readUInt32LE(at);
    if (size === 0) {
      at = 0;
      continue;
    }
    if (size < ${OP_HEAD_BYTES} || size % 8 !== 0 || at + size > RING)
      throw new Error('the recording ring holds an op of ' + size + ' bytes at ' + at);
    op(at, answers);
    at += size;
    if (at === RING) at = 0;
    Atomics.store(control, ${READ_AT}, at);
    Atomics.notify(control, ${READ_AT});
  }
  if (answers.length > 0) parentPort.postMessage(answers);
}
function op(at, answers) {
  const id = ring.readUInt32LE(at + 4);
  const flags = ring.readUInt32LE(at + 8);
  const length = ring.readUInt32LE(at + 12);
  let start = at + ${OP_HEAD_BYTES};
  let path;
  if (flags & ${HAS_PATH}) {
    const pathLength = ring.readUInt32LE(start);
    start += ${PATH_LENGTH_BYTES};
    path = ring.toString('utf8', start, start + pathLength);
    start += pathLength;
  }
  const end = start + length;
  if (flags & ${PACK}) return packOp(id, path, start, end, answers);
  let file = files.get(id);
  if (file === undefined) {
    file = { fd: -1, path, error: undefined };
    files.set(id, file);
    if (path === undefined)
      file.error = 'cannot write recording: its file was lost with a recording thread that stopped';
    else
      try {
        file.fd = openSync(path, 'w+', 0o600);
      } catch (error) {
        file.error = 'cannot create recording ' + path + ': ' + error.message;
      }
  }
  if (file.error === undefined)
    try {
      for (let from = start; from < end; beat())
        from += writeSync(file.fd, ring, from, Math.min(end - from, ${WRITE_CHUNK_BYTES}));
    } catch (error) {
      file.error = 'cannot write recording ' + file.path + ': ' + error.message;
    }
  if ((flags & (${CLOSE} | ${HAND_OVER})) === 0) return;
  files.delete(id);
  const handOver = (flags & ${HAND_OVER}) !== 0 && file.error === undefined;
  if (!handOver && file.fd !== -1)
    try {
      closeSync(file.fd);
    } catch (error) {
      file.error ??= 'cannot write recording ' + file.path + ': ' + error.message;
    }
  if (handOver) answers.push({ id, fd: file.fd });
  else if (file.error !== undefined) answers.push({ id, error: file.error });
  else closedOk(id, answers);
}
/**
 * A whole recording appended to the file of recordings at path. After an error nothing more goes
 * to that file (the event loop numbered the recordings after it as if it had been written).
 */
function packOp(id, path, start, end, answers) {
  if (pack.path !== path) {
    closePack();
    pack.path = path;
    // A file that failed once is never reopened (after a sleep closed it, say): what is appended
    // to it now would answer to the number of the recording that was lost.
    pack.error = lostPacks.get(path);
    if (pack.error === undefined)
      try {
        pack.fd = openSync(path, 'a', 0o600);
      } catch (error) {
        pack.error = 'cannot create recording file ' + path + ': ' + error.message;
      }
  }
  if (pack.error === undefined)
    try {
      for (let from = start; from < end; beat())
        from += writeSync(pack.fd, ring, from, Math.min(end - from, ${WRITE_CHUNK_BYTES}));
    } catch (error) {
      pack.error = 'cannot write recording file ' + path + ': ' + error.message;
    }
  if (pack.error !== undefined) {
    lostPacks.set(path, pack.error);
    answers.push({ id, error: pack.error });
  } else closedOk(id, answers);
}
`;

/** A recording closed whole into a file of recordings (see ThreadFile.closeWith). */
interface PackedEnd {
  path: string;
  /** `path#n`: what its errors name (the per-call path is never created). */
  address: string;
  data: Buffer;
}

interface Waiter {
  resolve(done: Done): void;
  reject(error: Error): void;
}

/** What one thread shares with the event loop (each thread its own: see lose()). */
interface Shared {
  control: Int32Array;
  ring: Buffer;
  closed: Int32Array;
}

function newShared(): Shared {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  // A new thread sleeps until the first op wakes it.
  control[SLEEPING] = 1;
  return {
    control,
    ring: Buffer.from(new SharedArrayBuffer(MAX_QUEUED_BYTES)),
    closed: new Int32Array(new SharedArrayBuffer(CLOSED_IDS * 4)),
  };
}

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * One thread that creates, writes and closes recording files for the whole process. The event
 * loop copies each op (a file's bytes, its close) into a ring shared with the thread and goes on:
 * no message, no timer, no buffer per batch. The thread wakes itself every BATCH_WAIT_MS while
 * ops come and writes what gathered, and the event loop picks up the files closed without error
 * from shared memory with its next op (or CLOSED_LOOK_MS later); only errors and descriptors
 * handed over come as messages. Waking a thread costs its waker ~65–200 µs on a loaded 2-core
 * machine: the event loop now pays it only when the thread has slept (IDLE_LOOKS empty looks),
 * once per burst of recordings, and never waits for it. The capture proxy makes a recording per
 * call; creating a file on a slow disk (0.1–1 ms of kernel time on this machine's ext4) never
 * holds up the calls being forwarded. Order is kept per file and across files; a file is created
 * with its first bytes (the header and the first events).
 *
 * Backpressure: when the ring is full (MAX_QUEUED_BYTES not yet written), the event loop waits for
 * the thread (Atomics.wait on READ_AT), so memory stays bounded whatever the disk does; forwarding
 * then slows down with the disk. A thread silent for SILENT_THREAD_MS meanwhile (or one that said
 * it exited) is given up on the spot: every recording it had fails, what was queued is dropped,
 * and the next recording starts a new thread.
 *
 * A crash of the process loses what is in the ring (at most BATCH_WAIT_MS of ops): what the
 * thread has written is in the kernel's page cache, and outlives the process.
 */
export class RecordingThread implements RecordingFiles {
  private worker: Worker | undefined;
  private shared: Shared = newShared();
  /** Where the next op goes (the event loop's own copy of WRITE_AT). */
  private writeAt = 0;
  private wakesPosted = 0;
  private nextId = 1;
  // IdTables, not Maps: a file per call comes and goes through these (see IdTable).
  private readonly waiting = new IdTable<Waiter>();
  private closedLook: NodeJS.Timeout | undefined;
  /** Files opened and not yet closed: the thread keeps the process alive while there are any. */
  private openFiles = 0;
  /** Open files with bytes handed over: each one fails (with its path) when its thread is lost. */
  private readonly handedOver = new IdTable<(why: string) => Error>();

  constructor(private readonly silentThreadMs = SILENT_THREAD_MS) {}

  /** Messages that woke the thread so far (ops themselves go through shared memory). */
  get wakes(): number {
    return this.wakesPosted;
  }

  /** Is the thread asleep (idle: its open file of recordings closed)? The next op wakes it. */
  get asleep(): boolean {
    return Atomics.load(this.shared.control, SLEEPING) === 1;
  }

  /** Bytes handed to the thread and not yet written (at most MAX_QUEUED_BYTES). */
  get queued(): number {
    const { control, ring } = this.shared;
    return (this.writeAt - Atomics.load(control, READ_AT) + ring.length) % ring.length;
  }

  open(path: string): ThreadFile {
    const id = this.nextId++;
    let first = true;
    let finished: Promise<Done> | undefined;
    this.started();
    const end = (last: 'close' | 'handOver', packed?: PackedEnd): Promise<Done> => {
      const written =
        file.failure !== undefined
          ? Promise.reject(file.failure)
          : new Promise<Done>((resolve, reject) => {
              this.waiting.set(id, { resolve, reject });
              const firstPath = packed?.path ?? (first ? path : undefined);
              // Before enqueue: a thread lost meanwhile fails this file too.
              handOver(packed?.address ?? path);
              const flags = packed ? CLOSE | PACK : last === 'close' ? CLOSE : HAND_OVER;
              this.enqueue(id, firstPath, flags, packed?.data);
              this.closedLook ??= setTimeout(this.lookForClosed, CLOSED_LOOK_MS).unref();
            });
      finished ??= written.then(
        (d) => {
          this.ended(id);
          if (d.error !== undefined) throw (file.failure = new Error(d.error));
          return d;
        },
        (error: Error) => {
          this.ended(id);
          throw (file.failure = error);
        },
      );
      file.unwritten = false;
      return finished;
    };
    /** `name`: the path the recording's bytes go to, or `FILE#N` when it went whole to a pack. */
    const handOver = (name: string): void => {
      if (!first) return;
      first = false;
      file.unwritten = false;
      this.handedOver.set(
        id,
        (why) =>
          (file.failure ??= new Error(
            `cannot write recording ${name}: the recording thread stopped (${why})`,
          )),
      );
    };
    const append = (data: Buffer, release?: () => void): void => {
      if (finished || file.failure || data.length === 0) return;
      const firstPath = first ? path : undefined;
      handOver(path);
      this.enqueue(id, firstPath, 0, data);
      release?.(); // copied into the ring
    };
    // Plain fields, kept up to date, not getters: V8 makes an object literal's accessors in its
    // old generation, and they kept this call's closures (and what they hold) from the young
    // generation's collections: a recording per call, all of it promoted (bench:proxy, ~2 KB).
    const file: { -readonly [K in keyof ThreadFile]: ThreadFile[K] } = {
      append,
      drained: () => Promise.resolve(),
      failure: undefined,
      unwritten: true,
      close: () => end('close').then(() => undefined),
      handOver: () => end('handOver').then((d) => d.fd as number),
      closeWith: (data, pack) => {
        if (!first || finished || file.failure || pack === undefined || data.length === 0) {
          append(data);
          return end('close').then(() => path);
        }
        const place = pack.place(data.length);
        const address = `${place.path}#${place.n}`;
        return end('close', { path: place.path, address, data }).then(
          () => address,
          (error: unknown) => {
            pack.lost(place.path);
            throw error;
          },
        );
      },
    };
    return file;
  }

  private started(): void {
    if (this.openFiles++ === 0) this.thread().ref();
  }

  private ended(id: number): void {
    this.handedOver.delete(id);
    if (--this.openFiles === 0) this.worker?.unref();
  }

  /** An op into the ring: a big one in parts of at most MAX_OP_DATA (the flags on the last). */
  private enqueue(
    id: number,
    path: string | undefined,
    flags: number,
    data: Buffer | undefined,
  ): void {
    this.thread();
    let from = 0;
    let first = path;
    do {
      const to = data ? Math.min(data.length, from + MAX_OP_DATA) : 0;
      const last = to >= (data?.length ?? 0);
      if (!this.put(id, first, last ? flags : 0, data, from, to)) return;
      first = undefined;
      from = to;
    } while (data && from < data.length);
    this.takeClosed();
  }

  /** Writes one op at writeAt and publishes it; false when the thread was lost waiting for room. */
  private put(
    id: number,
    path: string | undefined,
    flags: number,
    data: Buffer | undefined,
    from: number,
    to: number,
  ): boolean {
    const pathBytes = path === undefined ? 0 : PATH_LENGTH_BYTES + Buffer.byteLength(path);
    const size = align8(OP_HEAD_BYTES + pathBytes + (to - from));
    const { control, ring } = this.shared;
    let at = this.writeAt;
    const wraps = at + size > ring.length;
    if (!this.room(wraps ? ring.length - at + size : size)) return false;
    if (wraps) {
      ring.writeUInt32LE(0, at);
      at = 0;
    }
    ring.writeUInt32LE(size, at);
    ring.writeUInt32LE(id, at + 4);
    ring.writeUInt32LE(flags | (path === undefined ? 0 : HAS_PATH), at + 8);
    ring.writeUInt32LE(to - from, at + 12);
    let dataAt = at + OP_HEAD_BYTES;
    if (path !== undefined) {
      const length = ring.write(path, dataAt + PATH_LENGTH_BYTES);
      ring.writeUInt32LE(length, dataAt);
      dataAt += PATH_LENGTH_BYTES + length;
    }
    if (data) data.copy(ring, dataAt, from, to);
    at += size;
    this.writeAt = at === ring.length ? 0 : at;
    Atomics.store(control, WRITE_AT, this.writeAt);
    this.wakeThread();
    return true;
  }

  /** Free bytes in the ring (a gap of 8 keeps a full ring apart from an empty one). */
  private free(): number {
    return this.shared.ring.length - this.queued - 8;
  }

  /** Room for `size` bytes, waiting for the disk if need be; false when the thread was lost. */
  private room(size: number): boolean {
    if (this.free() >= size) return true;
    const worker = this.worker;
    if (!worker) return false;
    this.wakeThread();
    return this.waitForDisk(worker, size);
  }

  /** A sleeping thread is woken (by the one that takes it out of its sleep). */
  private wakeThread(): void {
    const { control } = this.shared;
    if (Atomics.load(control, SLEEPING) === 0) return;
    if (Atomics.compareExchange(control, SLEEPING, 1, 0) !== 1) return;
    this.worker?.postMessage(0);
    this.wakesPosted++;
  }

  /** The ids of files the thread closed without error: their closes resolve. */
  private takeClosed(): void {
    const { control, closed } = this.shared;
    const written = Atomics.load(control, CLOSED_WRITTEN);
    let read = control[CLOSED_READ] as number;
    if (read === written) return;
    for (; read !== written; read = (read + 1) | 0)
      this.resolve(closed[read & (CLOSED_IDS - 1)] as number, CLOSED);
    Atomics.store(control, CLOSED_READ, read);
  }

  private readonly lookForClosed = (): void => {
    this.closedLook = undefined;
    this.takeClosed();
    if (this.waiting.size > 0)
      this.closedLook = setTimeout(this.lookForClosed, CLOSED_LOOK_MS).unref();
  };

  private resolve(id: number, done: Done): void {
    this.waiting.get(id)?.resolve(done);
    this.waiting.delete(id);
  }

  /**
   * Blocks until the ring has room for `size` bytes (see the class comment), or gives the thread
   * up when it is silent too long: its 'exit' event cannot come while this blocks.
   */
  private waitForDisk(worker: Worker, size: number): boolean {
    const { control } = this.shared;
    let beat = Atomics.load(control, BEAT);
    let heardAt = performance.now();
    for (;;) {
      const readAt = Atomics.load(control, READ_AT);
      if (this.free() >= size) return true;
      if (Atomics.load(control, EXITED) === 1) return this.lose(worker, 'it exited');
      const now = Atomics.load(control, BEAT);
      if (now !== beat) [beat, heardAt] = [now, performance.now()];
      else if (performance.now() - heardAt >= this.silentThreadMs)
        return this.lose(worker, `no sign of life for ${this.silentThreadMs} ms`);
      Atomics.wait(control, READ_AT, readAt, HEARTBEAT_MS);
    }
  }

  /**
   * The thread is gone (or given up): the recordings it had fail with `why`, what was queued is
   * dropped, and the next recording starts a new thread. A thread given up while still alive (a
   * disk that hangs) is stopped, and keeps the process alive no more. Returns false (no room).
   */
  private lose(worker: Worker, why: string): false {
    if (this.worker !== worker) return false;
    this.worker = undefined;
    // Files it closed whose answers are still in its ring were written: they resolve first.
    this.takeClosed();
    this.shared = newShared();
    this.writeAt = 0;
    // Every file waiting for its end has handed bytes over (its end is one).
    for (const [id, fail] of this.handedOver) {
      const error = fail(why);
      this.waiting.get(id)?.reject(error);
    }
    this.handedOver.clear();
    this.waiting.clear();
    worker.unref();
    void worker.terminate();
    return false;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const shared = this.shared;
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        control: shared.control.buffer,
        ring: shared.ring.buffer,
        closed: shared.closed.buffer,
      },
    });
    worker.on('message', (answers: (number | Done)[]) => {
      if (this.worker !== worker) return; // a thread given up that came back: its answers are void
      // Closed ids that went before these in the ring of answers resolve first.
      this.takeClosed();
      for (const done of answers)
        if (typeof done === 'number') this.resolve(done, CLOSED);
        else this.resolve(done.id, done);
    });
    worker.on('error', (error) => this.lose(worker, error.message));
    worker.on('exit', (code) => this.lose(worker, `exit code ${code}`));
    if (this.openFiles === 0) worker.unref();
    this.worker = worker;
    return worker;
  }
}

/** A file closed without error (all the answer says of it is its id). */
const CLOSED: Done = { id: 0 };

let shared: RecordingThread | undefined;

/** The process's recording thread (started with the first file). */
export function recordingThread(): RecordingThread {
  shared ??= new RecordingThread();
  return shared;
}
