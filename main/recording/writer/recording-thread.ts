import { Worker } from 'node:worker_threads';
import type { FileAppender } from './file-appender.js';

/**
 * Bytes handed to the recording thread and not yet written, beyond which the event loop waits for
 * the disk (the same bound as the thread-pool appender's): a stalled disk must not grow memory.
 */
export const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
/**
 * How long a small batch gathers before it goes to the thread. Waking the thread costs the event
 * loop ~65 µs on a loaded 2-core machine (it is descheduled while the other thread starts), about
 * what recording a unary call costs otherwise; one call after the other would each wake it. A
 * crash loses at most this much more than the writer's flush interval.
 */
export const BATCH_WAIT_MS = 5;
/** A batch this big goes at once (a fast stream's writer hands over 64–256 KiB at a time). */
const BIG_BATCH_BYTES = 64 * 1024;
/**
 * How long the event loop, waiting for the disk, lets the thread give no sign of life before it
 * gives the thread up: the thread beats every HEARTBEAT_MS and after every MiB it writes, so
 * silence this long means it died (OOM, a crash, never started) or the disk took no MiB in all
 * that time. Waiting is the only time the thread's death matters without the event loop — its
 * 'exit' and 'error' events need the loop the wait is blocking.
 */
export const SILENT_THREAD_MS = 5000;
/** How often the idle thread says it is alive. */
const HEARTBEAT_MS = 250;
/** How much the thread writes at most per call, so that it beats while writing a big batch. */
const WRITE_CHUNK_BYTES = 1024 * 1024;

/** One recording's file as the recording thread writes it. */
export interface ThreadFile extends FileAppender {
  /** Writes what is queued, closes the file; rejects with the first error (creating or writing). */
  close(): Promise<void>;
  /**
   * Writes what is queued and hands the still open descriptor over (the caller closes it): the
   * writer replaces the header line through it. Rejects like close() (the file is then closed).
   */
  handOver(): Promise<number>;
}

/** An op's flags in a batch (see BATCH LAYOUT). */
const HAS_PATH = 1;
const CLOSE = 2;
const HAND_OVER = 4;

interface Done {
  id: number;
  error?: string;
  fd?: number;
}

/**
 * BATCH LAYOUT: a batch is one ArrayBuffer, posted as the message itself and transferred, so the
 * message costs neither side a structured clone of an object per op (posting and taking apart
 * the ops was the event loop's dearest step of handing a unary call's recording over):
 *   u32 op count, u32 bytes of ops, then each op: u32 file id, u8 flags, u32 data length,
 *   and with HAS_PATH (a file's first op: create it, truncated, 0600) u32 path length and the
 *   path's UTF-8; then the ops' data, each op's after the one before. All little-endian.
 * The answer lists the files a batch finished: the id of each closed without error, an object
 * for the rest (an error, or the descriptor handed over).
 */
const OP_BYTES = 9;
const PATH_LENGTH_BYTES = 4;

/**
 * The thread's whole program, plain CommonJS so it runs the same from the sources, the bundles
 * and Electron (no file of its own to find). Each message is a batch of ops in order; a file's
 * first error is kept and nothing more is written to it; the counter of bytes done is shared so
 * the event loop can wait on it without a message. Every message is answered with the files it
 * finished (maybe none).
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, writeSync, closeSync } = require('node:fs');
// [0]: bytes written; [1]: heartbeat, -1 once the thread exits by itself (a crash, process.exit).
const done = new BigInt64Array(workerData.done);
const beat = () => Atomics.add(done, 1, 1n);
setInterval(beat, ${HEARTBEAT_MS});
process.on('exit', () => {
  Atomics.store(done, 1, -1n);
  Atomics.notify(done, 0);
});
const files = new Map();
parentPort.on('message', (batch) => {
  const bytes = Buffer.from(batch);
  const count = bytes.readUInt32LE(0);
  let at = 8;
  let start = at + bytes.readUInt32LE(4);
  const dataStart = start;
  const finished = [];
  for (let n = 0; n < count; n++) {
    const id = bytes.readUInt32LE(at);
    const flags = bytes[at + 4];
    const end = start + bytes.readUInt32LE(at + 5);
    at += ${OP_BYTES};
    let path;
    if (flags & ${HAS_PATH}) {
      const length = bytes.readUInt32LE(at);
      at += ${PATH_LENGTH_BYTES};
      path = bytes.toString('utf8', at, at + length);
      at += length;
    }
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
          from += writeSync(file.fd, bytes, from, Math.min(end - from, ${WRITE_CHUNK_BYTES}));
      } catch (error) {
        file.error = 'cannot write recording ' + file.path + ': ' + error.message;
      }
    start = end;
    if ((flags & (${CLOSE} | ${HAND_OVER})) === 0) continue;
    files.delete(id);
    const handOver = (flags & ${HAND_OVER}) !== 0 && file.error === undefined;
    if (!handOver && file.fd !== -1)
      try {
        closeSync(file.fd);
      } catch (error) {
        file.error ??= 'cannot write recording ' + file.path + ': ' + error.message;
      }
    finished.push(handOver ? { id, fd: file.fd } : file.error === undefined ? id : { id, error: file.error });
  }
  Atomics.add(done, 0, BigInt(bytes.length - dataStart));
  Atomics.notify(done, 0);
  // Always answered: the next batch goes once this one is done (one message in flight).
  parentPort.postMessage(finished);
});
`;

interface Queued {
  id: number;
  /** On a file's first op: the file to create. */
  path: string | undefined;
  flags: number;
  data: Buffer | undefined;
  release: (() => void) | undefined;
}

interface Waiter {
  resolve(done: Done): void;
  reject(error: Error): void;
}

/**
 * One thread that creates, writes and closes recording files for the whole process, fed in
 * batches: what recordings queue goes over as one message (its bytes copied into one transferred
 * buffer) once BATCH_WAIT_MS passed or 64 KiB gathered, and while the thread works on one batch
 * the next one gathers, so a busy proxy wakes it less and less often. The capture proxy makes a
 * recording per call; through libuv's thread pool each took two hand-offs (create, write), each
 * waking a pool thread and then the event loop again — on a loaded 2-core machine ~300 µs of the
 * event loop's time a call, more than forwarding the call — and creating a file on a slow disk
 * (0.3–1 ms of kernel time on this machine's ext4) never holds up the calls being forwarded.
 * Order is kept per file and across files; a file is created with its first bytes (the header
 * and the first events).
 *
 * Backpressure: past MAX_QUEUED_BYTES queued and not yet written, the event loop waits for the
 * thread (Atomics.wait on the shared count of bytes written), so memory stays bounded
 * whatever the disk does; forwarding then slows down with the disk, as the thread-pool appender's
 * synchronous writes made it. A thread silent for SILENT_THREAD_MS meanwhile (or one that said it
 * exited) is given up on the spot: every recording it had fails, what was queued is dropped, and
 * the next recording starts a new thread.
 */
export class RecordingThread {
  private worker: Worker | undefined;
  /** The current thread's bytes written and heartbeat (each thread its own: see THREAD_SOURCE). */
  private done = new BigInt64Array(new SharedArrayBuffer(16));
  private posted = 0n;
  private queue: Queued[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Batches with the thread and not yet answered: the next one waits for their answers. */
  private unanswered = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  /** Files opened and not yet closed: the thread keeps the process alive while there are any. */
  private openFiles = 0;
  private batchesPosted = 0;
  /** Open files with bytes handed over: each one fails (with its path) when its thread is lost. */
  private readonly handedOver = new Map<number, (why: string) => Error>();

  constructor(private readonly silentThreadMs = SILENT_THREAD_MS) {}

  /** Batches handed to the thread so far (a batch is one message). */
  get batches(): number {
    return this.batchesPosted;
  }

  /** Bytes queued and not yet handed to the thread (at most MAX_QUEUED_BYTES). */
  get queued(): number {
    return this.queuedBytes;
  }

  open(path: string): ThreadFile {
    const id = this.nextId++;
    let first = true;
    let failure: Error | undefined;
    let finished: Promise<Done> | undefined;
    this.started();
    const end = (last: 'close' | 'handOver'): Promise<Done> => {
      const written =
        failure !== undefined
          ? Promise.reject(failure)
          : new Promise<Done>((resolve, reject) => {
              this.waiting.set(id, { resolve, reject });
              const firstPath = first ? path : undefined;
              handOver(); // before enqueue: a thread lost meanwhile fails this file too
              this.enqueue(id, firstPath, last === 'close' ? CLOSE : HAND_OVER, undefined);
            });
      finished ??= written.then(
        (d) => {
          this.ended(id);
          if (d.error !== undefined) throw (failure = new Error(d.error));
          return d;
        },
        (error: Error) => {
          this.ended(id);
          throw (failure = error);
        },
      );
      return finished;
    };
    const handOver = (): void => {
      if (!first) return;
      first = false;
      this.handedOver.set(
        id,
        (why) =>
          (failure ??= new Error(
            `cannot write recording ${path}: the recording thread stopped (${why})`,
          )),
      );
    };
    return {
      append: (data, release) => {
        if (finished || failure || data.length === 0) return;
        const firstPath = first ? path : undefined;
        handOver();
        this.enqueue(id, firstPath, 0, data, release);
      },
      drained: () => Promise.resolve(),
      get failure() {
        return failure;
      },
      close: () => end('close').then(() => undefined),
      handOver: () => end('handOver').then((d) => d.fd as number),
    };
  }

  private started(): void {
    if (this.openFiles++ === 0) this.thread().ref();
  }

  private ended(id: number): void {
    this.handedOver.delete(id);
    if (--this.openFiles === 0) this.worker?.unref();
  }

  private enqueue(
    id: number,
    path: string | undefined,
    flags: number,
    data: Buffer | undefined,
    release?: () => void,
  ): void {
    this.queue.push({ id, path, flags, data, release });
    this.queuedBytes += data?.length ?? 0;
    if (this.queuedBytes > MAX_QUEUED_BYTES) {
      // The disk is far behind: wait for the batch with the thread, hand this one over now.
      this.waitForDisk();
      this.post();
      return;
    }
    if (this.unanswered > 0) return; // the answer posts what gathered meanwhile
    if (this.queuedBytes >= BIG_BATCH_BYTES) this.post();
    else this.timer ??= setTimeout(() => this.post(), BATCH_WAIT_MS).unref();
  }

  private post(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    const size = this.queuedBytes;
    this.queuedBytes = 0;
    let opsBytes = 0;
    for (const { path } of queue)
      opsBytes += OP_BYTES + (path === undefined ? 0 : PATH_LENGTH_BYTES + Buffer.byteLength(path));
    const batch = Buffer.allocUnsafeSlow(8 + opsBytes + size);
    batch.writeUInt32LE(queue.length, 0);
    batch.writeUInt32LE(opsBytes, 4);
    let at = 8;
    let dataAt = at + opsBytes;
    for (const { id, path, flags, data, release } of queue) {
      at = batch.writeUInt32LE(id, at);
      at = batch.writeUInt8(flags | (path === undefined ? 0 : HAS_PATH), at);
      at = batch.writeUInt32LE(data?.length ?? 0, at);
      if (path !== undefined) {
        const length = batch.write(path, at + PATH_LENGTH_BYTES);
        at = batch.writeUInt32LE(length, at) + length;
      }
      if (data) {
        dataAt += data.copy(batch, dataAt);
        release?.();
      }
    }
    const worker = this.thread();
    worker.postMessage(batch.buffer, [batch.buffer]);
    this.posted += BigInt(size);
    this.unanswered++;
    this.batchesPosted++;
  }

  /**
   * Blocks until the thread has written every byte handed to it (see the class comment), or gives
   * the thread up when it is silent too long: its 'exit' event cannot come while this blocks.
   */
  private waitForDisk(): void {
    const worker = this.worker;
    const done = this.done;
    if (!worker) return;
    let beat = Atomics.load(done, 1);
    let heardAt = performance.now();
    for (;;) {
      const written = Atomics.load(done, 0);
      if (written >= this.posted) return;
      const now = Atomics.load(done, 1);
      if (now === -1n) return this.lose(worker, 'it exited');
      if (now !== beat) [beat, heardAt] = [now, performance.now()];
      else if (performance.now() - heardAt >= this.silentThreadMs)
        return this.lose(worker, `no sign of life for ${this.silentThreadMs} ms`);
      Atomics.wait(done, 0, written, HEARTBEAT_MS);
    }
  }

  /**
   * The thread is gone (or given up): the recordings it had fail with `why`, what was queued is
   * dropped, and the next recording starts a new thread. A thread given up while still alive (a
   * disk that hangs) is stopped, and keeps the process alive no more.
   */
  private lose(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.unanswered = 0;
    this.queue = [];
    this.queuedBytes = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    // Every file waiting for its end has handed bytes over (its end is one).
    for (const [id, fail] of this.handedOver) {
      const error = fail(why);
      this.waiting.get(id)?.reject(error);
    }
    this.handedOver.clear();
    this.waiting.clear();
    worker.unref();
    void worker.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // Its own counters: a thread given up must not count into its successor's.
    this.done = new BigInt64Array(new SharedArrayBuffer(16));
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { done: this.done.buffer },
    });
    this.posted = 0n;
    worker.on('message', (finished: (number | Done)[]) => {
      if (this.worker !== worker) return; // a thread given up that came back: its answers are void
      if (--this.unanswered === 0 && this.queuedBytes >= BIG_BATCH_BYTES) this.post();
      else if (this.unanswered === 0 && this.queue.length > 0)
        this.timer ??= setTimeout(() => this.post(), BATCH_WAIT_MS).unref();
      for (const done of finished) {
        const id = typeof done === 'number' ? done : done.id;
        this.waiting.get(id)?.resolve(typeof done === 'number' ? CLOSED : done);
        this.waiting.delete(id);
      }
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
