// The capture thread's program: reads the copies of passed-through connections' bytes that the
// proxy's event loop puts in the ring (capture-ring.ts), and does all the rest off the event
// loop: HTTP/2 frames, HPACK, messages decoded with the schema, the recordings (a short call's
// appended here to a file of several, the others' files through the process's recording thread).
// It tells the event loop what it needs back in one message per batch: each call's start and
// counts (for the Capture panel) and its summary (the line `gwb proxy` prints), recording errors,
// and the answers to flushes.
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { parentPort, workerData } from 'node:worker_threads';
import type { CallRecord, CaptureSchema } from '../call-record.js';
import { IdTable } from '../../platform/id-table.js';
import { ObservedConnection } from '../passive/observed-calls.js';
import { recordingCalls } from '../recording-calls.js';
import { PackedHere } from '../../recording/writer/packed-here.js';
import { recordingThread } from '../../recording/writer/recording-thread.js';
import { OP, RingReader, SLEEPING, type RingMemory, type RingOp } from './capture-ring.js';
import { NewsBatch, type CaptureNews } from './news-batch.js';

export type { CaptureNews };

/** What the event loop gives the thread. */
export interface CaptureWorkerData {
  mark: typeof CAPTURE_WORKER_MARK;
  memory: RingMemory;
  /** The proxy's call counter (Int32 at 0), shared with its terminating path: one numbering. */
  counter: SharedArrayBuffer;
  target: string;
  recordDir: string | undefined;
  packRecordings: boolean;
  /** The schema as a FileDescriptorSet's bytes. */
  schema: { descriptorSet: Uint8Array; source: string } | undefined;
  maxObservedBytes: number;
  /** The event loop's performance.timeOrigin: its op times are on its own scale. */
  timeOrigin: number;
  /** Which calls to report: as they start (and their counts), as they end. */
  report: { started: boolean; ended: boolean };
}

export const CAPTURE_WORKER_MARK = 'gwb-capture-thread';

/**
 * How long the thread waits between looks at the ring. Each look is a wake-up of the thread (a
 * timer, a turn of its loop, its caches cold again): one calls at a time (~1,500 a second) cost
 * the proxy ~360 µs of CPU a call looking every 1 ms and ~295 µs every 4 ms (bench:proxy, /dev/shm,
 * alternated runs; 10 ms saved no more). What it adds is lag: a recording's lines and the Capture
 * panel's news up to 4 ms later, well within the writer's 50 ms flushes.
 */
export const LOOK_MS = 4;
/** Empty looks after which it sleeps until an op wakes it (one message from the event loop): 100 ms. */
const IDLE_LOOKS = 25;
/** How long news waits to go with more (the line a call prints, the panel's list). */
const NEWS_MS = 10;
/** How often the counts of running calls are sent (the Capture panel looks every 100 ms). */
const COUNTS_MS = 50;

function schemaOf(given: CaptureWorkerData['schema']): CaptureSchema | undefined {
  if (!given) return undefined;
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, given.descriptorSet));
  return { registry, source: given.source };
}

export function isCaptureWorker(): boolean {
  return (workerData as Partial<CaptureWorkerData> | null)?.mark === CAPTURE_WORKER_MARK;
}

export function runCaptureWorker(): void {
  const port = parentPort;
  if (!port || !isCaptureWorker()) throw new Error('not the capture thread');
  const data = workerData as CaptureWorkerData;
  const reader = new RingReader(data.memory);
  const reading = captureReading(data, (batch) => port.postMessage(batch));
  const readSafely = reading.read;

  // The thread looks at the ring every LOOK_MS and reads all that came meanwhile (looking again
  // at once, while ops come, cost a stream ~2 µs more CPU a message: a turn of the loop and a
  // poll for every chunk or two); after IDLE_LOOKS empty looks it sleeps, and the event loop's
  // next op wakes it.
  let idle = 0;
  let looking = false;
  const look = (): void => {
    looking = false;
    reading.looked();
    idle = reader.take(readSafely) > 0 ? 0 : idle + 1;
    if (idle < IDLE_LOOKS) {
      looking = true;
      return void setTimeout(look, LOOK_MS);
    }
    reading.idle();
    Atomics.store(reader.control, SLEEPING, 1);
    // An op published meanwhile did not wake it (it saw it awake): take it back and look again.
    if (reader.waiting && Atomics.compareExchange(reader.control, SLEEPING, 1, 0) === 1) wake();
  };
  const wake = (): void => {
    idle = 0;
    if (!looking) look();
  };
  port.on('message', wake);
}

export interface CaptureReading {
  /** Reads one op taken from the ring. */
  read(op: RingOp): void;
  /** A look at the ring begins: the news and counts that are due go (see captureReading). */
  looked(): void;
  /** The thread goes to sleep: what it keeps open for the next calls is closed. */
  idle(): void;
}

/**
 * What the thread does with each op it takes from the ring (all of it but the looking): the
 * connections' HTTP/2, their calls' recordings, the news sent back through `post`. Apart from
 * runCaptureWorker so bench/capture-replay.ts reads recorded traffic through the very same code.
 */
export function captureReading(
  data: CaptureWorkerData,
  post: (batch: CaptureNews[]) => void,
): CaptureReading {
  const counter = new Int32Array(data.counter);
  // An op's time on this thread's scale.
  const offset = data.timeOrigin - performance.timeOrigin;
  let opTime = performance.now();

  // News goes in one message every NEWS_MS at most (see NewsBatch). While the thread looks at
  // the ring it goes with the first look NEWS_MS after it began, as the counts do every
  // COUNTS_MS: a timer of their own woke the thread once more every 10 ms, and a wake-up costs
  // this 2-core machine ~50 µs of CPU however little it does (one call at a time: ~150 a second
  // more, bench:capture paced). Told while it sleeps (a recording closed late), news has a timer.
  let asleep = true;
  let newsSince: number | undefined;
  let newsTimer: NodeJS.Timeout | undefined;
  const sendNews = (): void => {
    newsSince = undefined;
    clearTimeout(newsTimer);
    newsTimer = undefined;
    news.send();
  };
  const news = new NewsBatch({
    startsReported: data.report.started,
    later: () => {
      newsSince = performance.now();
      if (asleep) newsTimer ??= setTimeout(sendNews, NEWS_MS);
    },
    post,
  });
  const tell = (item: CaptureNews): void => void news.tell(item);

  // The calls told of, by the id their news carry: an IdTable (and a WeakMap from the record),
  // not a Map keyed by record, as a call per call comes and goes (see IdTable).
  const live = new IdTable<{
    record: CallRecord;
    sent: number;
    received: number;
    /** The ticket of its 'started' in `news` (to take that back while unsent). */
    startedTicket: number;
  }>();
  const idOf = new WeakMap<CallRecord, number>();
  let nextId = 1;
  let countsAt = 0;
  const sendCounts = (): void => {
    for (const [id, seen] of live)
      if (seen.record.sent !== seen.sent || seen.record.received !== seen.received) {
        seen.sent = seen.record.sent;
        seen.received = seen.record.received;
        tell({ k: 'counts', id, sent: seen.sent, received: seen.received });
      }
  };

  // Short calls' recordings are appended to their file of several here (see PackedHere).
  const files =
    data.recordDir !== undefined && data.packRecordings
      ? new PackedHere(recordingThread)
      : undefined;
  const calls = recordingCalls({
    target: data.target,
    recordDir: data.recordDir,
    packRecordings: data.packRecordings,
    ...(files ? { files } : {}),
    schema: schemaOf(data.schema),
    maxObservedBytes: data.maxObservedBytes,
    nextCall: () => Atomics.add(counter, 0, 1) + 1,
    now: () => opTime,
    // The bytes read here left the proxy before: nothing to wait for.
    immediate: true,
    started: (call, record) => {
      if (!data.report.started && !data.report.ended) return;
      const id = nextId++;
      idOf.set(record, id);
      // Told even when only ends are asked for: should the thread die, the event loop ends the
      // calls it knows of (their lines are printed, saying so).
      const startedTicket = news.tell({ k: 'started', id, method: call.method, file: call.file });
      live.set(id, { record, sent: 0, received: 0, startedTicket });
    },
    ended: (summary, record) => {
      const id = idOf.get(record) ?? 0;
      const seen = live.get(id);
      live.delete(id);
      // Its 'started' taken back if unsent and only ends are asked for (see NewsBatch.ended).
      if (data.report.ended) news.ended(seen?.startedTicket, { k: 'ended', id, summary });
    },
    onError: (error) => tell({ k: 'error', message: error.message }),
  });

  const connections = new Map<number, ObservedConnection>();
  const connection = (id: number): ObservedConnection => {
    let observed = connections.get(id);
    if (!observed) connections.set(id, (observed = new ObservedConnection(calls)));
    return observed;
  };
  const read = (op: RingOp): void => {
    opTime = op.time + offset;
    switch (op.kind) {
      case OP.fromClient:
        return connection(op.connection).fromClient(op.data);
      case OP.fromTarget:
        return connection(op.connection).fromTarget(op.data);
      case OP.notFollowed:
        return connection(op.connection).notFollowed(new Error(op.data.toString()));
      // The first side's end ends the open calls; the other side may still send (a half-closed
      // client still gets its answers), read with the same reader until OP.connectionDone.
      case OP.clientClosed:
        return connection(op.connection).clientClosed();
      case OP.targetClosed:
      case OP.targetNeverConnected: {
        const error = op.data.length > 0 ? new Error(op.data.toString()) : undefined;
        return connection(op.connection).targetClosed(error, op.kind === OP.targetClosed);
      }
      case OP.connectionDone:
        return void connections.delete(op.connection);
      case OP.stall:
        return void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, op.connection);
      // The proxy flushes as it closes (the thread is stopped next): the file of several is closed.
      case OP.flush:
        return void calls.settled().then(() => {
          files?.idle();
          tell({ k: 'flushed', token: op.connection, connections: connections.size });
        });
    }
  };
  return {
    read: (op: RingOp): void => {
      try {
        read(op);
      } catch (error) {
        tell({ k: 'error', message: `capture thread: ${(error as Error).message}` });
      }
    },
    looked: () => {
      asleep = false;
      const now = performance.now();
      if (newsSince !== undefined && now - newsSince >= NEWS_MS) sendNews();
      if (data.report.started && live.size > 0 && now - countsAt >= COUNTS_MS) {
        countsAt = now;
        sendCounts();
      }
    },
    idle: () => {
      asleep = true;
      // Its news cannot wait for a look any more.
      if (newsSince !== undefined) newsTimer ??= setTimeout(sendNews, NEWS_MS);
      files?.idle();
    },
  };
}
