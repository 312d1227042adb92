// The proxy's end of the capture thread (capture-worker.ts): starts it, hands it each
// passed-through connection's bytes through the ring (capture-ring.ts), and turns what it says
// back into the proxy's callbacks.
import { create, toBinary, type Registry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { Worker } from 'node:worker_threads';
import { IdTable } from '../../platform/id-table.js';
import { startThreadProgram } from '../../platform/thread-program.js';
import type { CallSummary, CaptureSchema } from '../call-record.js';
import type { ConnectionObserver } from '../passive/pass-through.js';
import type { LiveCall } from '../recording-calls.js';
import { OP, RingWriter, SLEEPING, newRingMemory } from './capture-ring.js';
import { CAPTURE_WORKER_MARK, type CaptureNews, type CaptureWorkerData } from './capture-worker.js';

/** The thread's own bundle, beside the program's in dist/ (scripts/build.mjs). */
export const CAPTURE_THREAD_BUNDLE = 'capture-thread.cjs';

/**
 * What the event loop may hand the thread ahead of it: past this the copies are dropped (the
 * connections' recordings stop, and say why) rather than memory growing or forwarding waiting.
 * At ~100 MB/s of gRPC traffic (far more than the thread reads) it is a tenth of a second.
 */
export const CAPTURE_RING_BYTES = 16 * 1024 * 1024;

export interface CaptureThreadOptions {
  target: string;
  recordDir: string | undefined;
  /** See CaptureProxyOptions.packRecordings (default false). */
  packRecordings?: boolean;
  schema: CaptureSchema | undefined;
  maxObservedBytes: number;
  /** The proxy's call counter (see CaptureWorkerData). */
  counter: SharedArrayBuffer;
  onCallStarted?: (call: LiveCall) => void;
  onCall?: (summary: CallSummary) => void;
  onError: (error: Error) => void;
  /** The ring's size (tests make it small). */
  ringBytes?: number;
  /** How long close() waits for the thread to finish (CLOSE_WAIT_MS; tests make it short). */
  closeWaitMs?: number;
}

/**
 * How long close() waits for the thread to end its calls' recordings: past it the thread is taken
 * to be stuck (a stalled disk, a bug looping) and stopped, so Ctrl-C and Stop still return.
 */
export const CLOSE_WAIT_MS = 5000;

/** The schema as a FileDescriptorSet, or undefined when the registry does not hold its files. */
export function descriptorSetOf(registry: Registry): Uint8Array | undefined {
  const files = (registry as Partial<{ files: Iterable<{ proto: unknown }> }>).files;
  if (files === undefined) return undefined;
  const file = [...files].map((f) => f.proto) as never;
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file }));
}

/** The thread's program: from source through tsx (tests), else its bundle; undefined: neither. */
function startWorker(workerData: CaptureWorkerData): Worker | undefined {
  return startThreadProgram(
    import.meta.dirname,
    'capture-worker-entry.ts',
    CAPTURE_THREAD_BUNDLE,
    workerData,
  );
}

/** An op the ring had no room for when it came (a connection's end, a flush): put in order later. */
interface Held {
  connection: number;
  kind: number;
  time: number;
  data: string | undefined;
}

/** How often held ops are tried again while some wait. */
const HELD_RETRY_MS = 5;

/**
 * The capture thread as the event loop sees it. Each observed connection's bytes are copied
 * into the ring as they pass (the pipe writes them on in the same turn): ~1 µs a chunk on the
 * event loop, against ~150 µs a unary call of reading and recording it did before. A thread
 * that is a whole ring behind gets no more bytes: the connections whose copies did not fit stop
 * being recorded (each says why), forwarding is never held up and memory never grows. Their ends
 * (and flushes) are never dropped: they wait, few and small, until the ring has room.
 */
export class CaptureThread {
  private readonly ring: RingWriter;
  private nextConnection = 1;
  private held: Held[] = [];
  private heldRetry: NodeJS.Timeout | undefined;
  /**
   * The calls the thread reads now, as it told them (with when the news came, for a duration); an
   * IdTable, not a Map: a call per call comes and goes (see IdTable).
   */
  private readonly live = new IdTable<
    LiveCall & { counts: { sent: number; received: number }; heardAt: number }
  >();
  private readonly flushes = new Map<number, (connections: number) => void>();
  private nextFlush = 1;
  /** Whether notRecorded has said so since the ring last took an op. */
  private behindSaid = false;
  /** Why the thread is gone (it died, or close() stopped it); undefined while it runs. */
  private stopped: string | undefined;

  private constructor(
    private readonly worker: Worker,
    writer: RingWriter,
    private readonly opts: CaptureThreadOptions,
  ) {
    this.ring = writer;
    worker.on('message', (news: CaptureNews[]) => news.forEach((item) => this.hear(item)));
    worker.on('error', (error) => this.lost(error.message));
    worker.on('exit', (code) => this.lost(`exit code ${code}`));
    // The proxy's server keeps the process alive while it serves; the thread never need.
    worker.unref();
  }

  /** The thread, or undefined where its program cannot be found (the caller reads in process). */
  static start(opts: CaptureThreadOptions): CaptureThread | undefined {
    const descriptorSet = opts.schema && descriptorSetOf(opts.schema.registry);
    if (opts.schema && !descriptorSet) return undefined;
    const memory = newRingMemory(opts.ringBytes ?? CAPTURE_RING_BYTES);
    const worker = startWorker({
      mark: CAPTURE_WORKER_MARK,
      memory,
      counter: opts.counter,
      target: opts.target,
      recordDir: opts.recordDir,
      packRecordings: opts.packRecordings ?? false,
      schema:
        opts.schema && descriptorSet ? { descriptorSet, source: opts.schema.source } : undefined,
      maxObservedBytes: opts.maxObservedBytes,
      timeOrigin: performance.timeOrigin,
      report: { started: opts.onCallStarted !== undefined, ended: opts.onCall !== undefined },
    });
    return worker && new CaptureThread(worker, new RingWriter(memory), opts);
  }

  /** Whether the thread still reads (a thread that died reads nothing more). */
  get running(): boolean {
    return this.stopped === undefined;
  }

  /** A new connection's observer: its bytes and ends go to the thread. */
  observe(): ConnectionObserver {
    const id = this.nextConnection++;
    let dropped = false;
    // Whether the thread has heard of the connection (an op of its put or held): one dropped
    // before that needs nothing more sent, so a stuck thread costs no memory per new connection.
    let known = false;
    const tell = (kind: number, data: string | undefined): void => {
      if (dropped && !known) return;
      known = true;
      this.send(id, kind, data);
    };
    const copy = (kind: number, chunk: Buffer): void => {
      if (dropped || this.stopped !== undefined) return;
      if (this.held.length === 0 && this.put(id, kind, performance.now(), chunk)) {
        known = true;
        return;
      }
      dropped = true;
      if (!known) return this.notRecorded();
      const mib = (this.opts.ringBytes ?? CAPTURE_RING_BYTES) / (1024 * 1024);
      tell(
        OP.notFollowed,
        `the capture thread fell ${mib} MiB behind; the proxy dropped its copy of the bytes`,
      );
    };
    return {
      fromClient: (chunk) => copy(OP.fromClient, chunk),
      fromTarget: (chunk) => copy(OP.fromTarget, chunk),
      notFollowed: (why) => tell(OP.notFollowed, why.message),
      closed: (side, targetError, connected) => {
        if (side === 'client') return tell(OP.clientClosed, undefined);
        tell(connected ? OP.targetClosed : OP.targetNeverConnected, targetError?.message);
      },
      // Called once both sides have closed: the thread lets the connection go (OP.connectionDone).
      read: () => {
        tell(OP.connectionDone, undefined);
        return Promise.resolve();
      },
    };
  }

  /** A new connection the thread is too far behind to hear of: said once until it catches up. */
  private notRecorded(): void {
    if (this.behindSaid) return;
    this.behindSaid = true;
    this.opts.onError(
      new Error(
        'the capture thread is a whole ring behind: new connections are forwarded but not recorded until it catches up',
      ),
    );
  }

  /**
   * Resolves once every op put so far is read and its calls' recordings closed and reported, with
   * the number of connections the thread still reads (0 from a thread that is gone).
   */
  flush(): Promise<number> {
    if (this.stopped !== undefined) return Promise.resolve(0);
    const token = this.nextFlush++;
    const flushed = new Promise<number>((resolve) => this.flushes.set(token, resolve));
    // The answer is awaited (by close(): Ctrl-C, Stop): the process must not leave while it is
    // due, though nothing else may hold it then (the proxy's server and connections are closed).
    this.worker.ref();
    this.send(token, OP.flush, undefined);
    return flushed;
  }

  /** Reads what was handed, closes every recording, stops the thread. */
  async close(): Promise<void> {
    const waitMs = this.opts.closeWaitMs ?? CLOSE_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const tooLong = new Promise<false>((resolve) => (timer = setTimeout(resolve, waitMs, false)));
    const finished = await Promise.race([this.flush().then(() => true), tooLong]);
    clearTimeout(timer);
    if (!finished) this.stuck(waitMs);
    this.stopped ??= 'closed';
    await this.worker.terminate();
  }

  /** close() waited long enough: what the thread had not finished is lost, and says so. */
  private stuck(waitMs: number): void {
    const why = `it did not finish within ${waitMs / 1000} s of the proxy's close`;
    this.stopped = why;
    this.opts.onError(
      new Error(
        `the capture thread was stopped (${why}): ${this.live.size} open call(s)' recordings may end early`,
      ),
    );
    this.endLiveCalls(why);
  }

  /** Tests: holds the thread for `ms`, as a stalled disk would. */
  stallForTests(ms: number): void {
    this.send(ms, OP.stall, undefined);
  }

  /** A connection's end or a flush: in order, never dropped (held while the ring is full). */
  private send(connection: number, kind: number, data: string | undefined): void {
    if (this.stopped !== undefined) return;
    const time = performance.now();
    if (this.held.length === 0 && this.put(connection, kind, time, data)) return;
    this.held.push({ connection, kind, time, data });
    this.heldRetry ??= setTimeout(this.putHeld, HELD_RETRY_MS);
  }

  private readonly putHeld = (): void => {
    this.heldRetry = undefined;
    let n = 0;
    for (const op of this.held) {
      if (!this.put(op.connection, op.kind, op.time, op.data)) break;
      n++;
    }
    this.held = this.held.slice(n);
    if (this.held.length > 0 && this.stopped === undefined)
      this.heldRetry = setTimeout(this.putHeld, HELD_RETRY_MS);
  };

  private put(connection: number, kind: number, time: number, data?: Buffer | string): boolean {
    if (!this.ring.put(connection, kind, time, data)) return false;
    this.behindSaid = false;
    // A sleeping thread is woken by the op that takes it out of its sleep (one message).
    const control = this.ring.control;
    if (
      Atomics.load(control, SLEEPING) === 1 &&
      Atomics.compareExchange(control, SLEEPING, 1, 0) === 1
    )
      this.worker.postMessage(0);
    return true;
  }

  private hear(item: CaptureNews): void {
    switch (item.k) {
      case 'started': {
        const counts = { sent: 0, received: 0 };
        const call = { method: item.method, file: item.file, counts, heardAt: performance.now() };
        this.live.set(item.id, call);
        return this.opts.onCallStarted?.(call);
      }
      case 'counts': {
        const call = this.live.get(item.id);
        if (call) call.counts = { sent: item.sent, received: item.received };
        return;
      }
      case 'ended': {
        const call = this.live.get(item.id);
        if (call) call.counts = { sent: item.summary.sent, received: item.summary.received };
        this.live.delete(item.id);
        return this.opts.onCall?.(item.summary);
      }
      case 'error':
        return this.opts.onError(new Error(item.message));
      case 'flushed':
        this.flushes.get(item.token)?.(item.connections);
        this.flushes.delete(item.token);
        if (this.flushes.size === 0) this.worker.unref();
    }
  }

  /** The thread is gone: what it had not recorded is lost, and says so once. */
  private lost(why: string): void {
    if (this.stopped !== undefined) return;
    this.stopped = why;
    clearTimeout(this.heldRetry);
    this.held = [];
    this.opts.onError(
      new Error(
        `the capture thread stopped (${why}): the calls it was reading are forwarded but their recordings end there`,
      ),
    );
    for (const resolve of this.flushes.values()) resolve(0);
    this.flushes.clear();
    this.endLiveCalls(why);
  }

  /**
   * The calls the thread was reading end here, for whoever shows them (the Capture panel's rows,
   * `gwb proxy`'s lines): they go on being forwarded, but nothing will say how they end. Their
   * recordings stop where the thread stopped, without a status.
   */
  private endLiveCalls(why: string): void {
    const message = `the capture thread stopped (${why}): the call is forwarded but not followed from here on`;
    for (const call of this.live.values())
      this.opts.onCall?.({
        method: call.method,
        file: call.file,
        status: { code: 2, codeName: 'UNKNOWN', message, details: [] },
        sent: call.counts.sent,
        received: call.counts.received,
        durationMs: performance.now() - call.heardAt,
        recordingError: `${message}; its recording ends without a status`,
      });
    this.live.clear();
  }
}
