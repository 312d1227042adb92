import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CallEvent } from '../../../shared/calls/events.js';
import type { RecordingHeader } from '../../../shared/recording/index.js';
import { DEFAULT_INDEX_EVERY, type RecordingIndex } from '../reader/recording-index.js';
import { createFileAppender, type FileAppender } from './file-appender.js';
import type { RecordingPack } from './recording-pack.js';
import type { RecordingFiles, ThreadFile } from './recording-thread.js';
import { replaceHeaderLine } from './replace-header.js';
import { measureMessageLine, writeMessageLine, type MessageEvent } from './message-line.js';
import { headerBytes, measureHeaderLine, writeHeaderLine } from './header-line.js';
import { measureEventLine, writeEventLine } from './event-line.js';
import { writeSeqAndTime } from './seq-and-time.js';

const NEWLINE = 0x0a;

export interface RecordingWriterOptions {
  path: string;
  header: RecordingHeader;
  /** Longest time a line waits in memory before it is written (default 50 ms). */
  flushIntervalMs?: number;
  /** Batches grow up to this many bytes on a fast stream (default 256 KiB); a full one is written at once. */
  maxBatchBytes?: number;
  /**
   * Create and write the file on this thread instead (the capture proxy: a recording per call,
   * created with its first batch; see RecordingThread).
   */
  thread?: RecordingFiles;
  /**
   * With `thread`: a recording still whole in memory when it closes (a short call: nothing was
   * written before its close, see flushIntervalMs) is appended to this file of recordings instead
   * of a file of its own (see RecordingPack); `address` then says where.
   */
  pack?: RecordingPack;
}

export interface RecordingWriter {
  readonly path: string;
  /** Where the recording is: `path`, or once closed into a file of recordings, `FILE#N`. */
  readonly address: string;
  /** Appends an event; `encoded` is a message's bytes, stored as its raw when the event has none. */
  write(event: Readonly<CallEvent>, encoded?: Uint8Array): void;
  /** Appends a line already serialized in the recording format (replay reuses recorded payloads). */
  writeLine(line: string): void;
  /**
   * Appends the line `prefix[start, end)` + `,"seq":SEQ,"t":T}`: a recorded message line (cut
   * before its seq) with new numbers, copied as bytes (replay's hot path makes no string for it).
   */
  writeWithSeqAndTime(prefix: Buffer, start: number, end: number, seq: number, t: number): void;
  /** Starts writing what is pending now (on the thread pool, in order; close() waits for it). */
  flush(): void;
  /**
   * Flushes and closes the file; rejects with the first write error, if any. With `finalHeader`,
   * the header line is replaced by it first (the recorder learns of more schema files as the call
   * goes on: the types packed in Any fields).
   */
  close(finalHeader?: RecordingHeader): Promise<void>;
  /**
   * The index a reader would build from this file, kept as events are written, so listing a
   * recording this process just made never re-reads it (a 500k-event file takes ~1.3 s to scan).
   * Undefined after a write error or once pre-serialized lines (writeLine…) were appended.
   */
  index(): RecordingIndex | undefined;
}

const DEFAULT_FLUSH_MS = 50;
const DEFAULT_BATCH_BYTES = 256 * 1024;
/**
 * A recording starts with batches this big; each batch that fills up before its time makes the
 * next one 4× bigger, up to maxBatchBytes: a unary call keeps a few KiB, a fast stream gets few,
 * big writes (each write wakes a thread-pool thread, which costs as much as copying 64 KiB).
 */
const FIRST_BATCH_BYTES = 16 * 1024;
/** Room for the tail writeWithSeqAndTime adds: `,"seq":` + 16 digits + `,"t":` + 24 + `}\n`. */
const TAIL_BYTES = 64;
/** The batch's age is looked at on every this many lines (a clock read costs as much as a line). */
const AGE_CHECK_EVERY = 16;
/** Batches kept for reuse once written (one fills while one is written, plus one in reserve). */
const SPARE_BATCHES = 2;
/**
 * First batches kept across recordings once written: the capture proxy starts a recording per
 * call, and a fresh 16 KiB buffer per call (outside V8's heap) had the garbage collector run far
 * more often than the calls' own objects did.
 */
const firstBatches: Buffer[] = [];
const MAX_FIRST_BATCHES = 32;

/** A written batch of the first size goes back to the shared ones (if there is room). */
function spareFirstBatch(batch: Buffer): void {
  if (batch.length === FIRST_BATCH_BYTES + TAIL_BYTES && firstBatches.length < MAX_FIRST_BATCHES)
    firstBatches.push(batch);
}

/**
 * An append-only NDJSON recording. Lines are encoded straight into a batch buffer that is handed
 * to the kernel at least every flushIntervalMs (timer) and whenever it is big, so a crash of this
 * process (even kill -9) loses at most the lines of the last interval, and memory stays at a few
 * batches however long the call runs. The writes themselves run on libuv's thread pool, one at a
 * time and in order (createFileAppender): on a fast stream the copy into the page cache cost as
 * much as everything else the writer does, and the event loop need not wait for it.
 */
export function createRecordingWriter(opts: RecordingWriterOptions): RecordingWriter {
  const flushMs = opts.flushIntervalMs ?? DEFAULT_FLUSH_MS;
  const maxBytes = opts.maxBatchBytes ?? DEFAULT_BATCH_BYTES;
  // 0600: a recording holds what was said on a call; only its user reads it.
  // Read too: a header replaced at close moves the events after it (replaceHeaderLine).
  const fd: number | undefined = opts.thread ? undefined : openSync(opts.path, 'w+', 0o600);
  /** The header goes with the first batch: the file is made off the event loop. */
  const headerLater = opts.thread !== undefined;
  let closed = false;
  let batchBytes = Math.min(FIRST_BATCH_BYTES, maxBytes);
  const spare: Buffer[] = []; // written batches of the current size, for reuse
  const newBatch = (): Buffer => {
    let reused = spare.pop();
    while (reused && reused.length !== batchBytes + TAIL_BYTES) reused = spare.pop();
    if (!reused && batchBytes === FIRST_BATCH_BYTES) reused = firstBatches.pop();
    return reused ?? Buffer.allocUnsafeSlow(batchBytes + TAIL_BYTES);
  };
  let batch = newBatch();
  let used = 0;
  let lastFlush = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let failure: Error | undefined;
  let count = 0;
  // On the thread, with room in the first batch, the header is written there: a unary call's
  // recording is then one write in all (each write wakes another thread). Else as bytes of its own.
  const headerRoom = measureHeaderLine(opts.header);
  let headerLine: Buffer | undefined;
  if (headerLater && headerRoom <= batch.length - TAIL_BYTES) used = writeHeaderLine(batch, 0);
  else {
    const line = Buffer.allocUnsafe(headerRoom);
    headerLine = line.subarray(0, writeHeaderLine(line, 0));
  }
  const headerLength = headerLine?.length ?? used;
  let bytes = headerLength;
  let live: RecordingIndex | undefined = {
    file: opts.path,
    header: opts.header,
    count: 0,
    sent: 0,
    received: 0,
    durationMs: 0,
    every: DEFAULT_INDEX_EVERY,
    entries: [],
    complete: false,
  };

  // The header is on disk before this returns: a new recording is a valid file at once (with
  // opts.thread: the file is made off the event loop, the header goes with the first batch).
  try {
    for (let done = 0; fd !== undefined && headerLine && !headerLater && done < headerLength;)
      done += writeSync(fd, headerLine, done, headerLength - done);
  } catch (error) {
    failure = new Error(`cannot write recording ${opts.path}: ${(error as Error).message}`);
  }
  const threadFile: ThreadFile | undefined = opts.thread?.open(opts.path);
  const appender: FileAppender =
    threadFile ?? createFileAppender(fd as number, headerLater ? 0 : headerLength, opts.path);
  if (headerLater && headerLine === undefined) {
    timer = setTimeout(() => flush(), flushMs);
    timer.unref();
  } else if (headerLater && headerLine) appender.append(headerLine);

  const flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    lastFlush = performance.now();
    if (used === 0 || failure) return;
    const full = batch;
    appender.append(full.subarray(0, used), () => {
      if (!closed && full.length === batchBytes + TAIL_BYTES && spare.length < SPARE_BATCHES)
        spare.push(full);
      else spareFirstBatch(full);
    });
    batch = newBatch();
    used = 0;
  };

  /** The batch filled up (or a line did not fit): the stream is fast, write bigger batches. */
  const flushFull = (): void => {
    batchBytes = Math.min(batchBytes * 4, maxBytes);
    flush();
  };

  /** Writes one line too big for a batch by itself, after what is pending. */
  const appendAlone = (data: Buffer): void => {
    if (!failure) appender.append(data);
    count++;
  };

  /** After a line went into the batch: write it out when big or old, else make sure the timer runs. */
  const appended = (): void => {
    count++;
    // The timer cannot fire while a busy stream keeps the event loop running callbacks, so the
    // age of the batch is checked here too (not on every line: at a million lines a second the
    // clock read would cost as much as the line).
    if (used >= batch.length - TAIL_BYTES) flushFull();
    else if (count % AGE_CHECK_EVERY === 0 && performance.now() - lastFlush >= flushMs) flush();
    else if (!timer) {
      timer = setTimeout(flush, flushMs);
      timer.unref();
    }
  };

  /** Appends a line and its newline; returns its size in bytes (0 once closed). */
  const append = (line: string): number => {
    if (closed) return 0;
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a line that may not fit is written by itself.
    if (used + line.length * 3 + 1 > batch.length) {
      flushFull();
      if (line.length * 3 + 1 > batch.length) {
        const data = Buffer.from(`${line}\n`);
        appendAlone(data);
        return data.length;
      }
    }
    const size = batch.write(line, used) + 1;
    used += size;
    batch[used - 1] = NEWLINE;
    appended();
    return size;
  };

  /**
   * Appends an event that is not a message, written as bytes straight into the batch
   * (event-line.ts: its values stringified one by one, numbers as digits, keys made once).
   */
  const appendEvent = (event: Readonly<CallEvent>): number => {
    if (closed) return 0;
    const most = measureEventLine(event);
    if (used + most > batch.length) {
      flushFull();
      if (most > batch.length) {
        const line = Buffer.allocUnsafe(most);
        const data = line.subarray(0, writeEventLine(line, 0));
        appendAlone(data);
        return data.length;
      }
    }
    const start = used;
    used = writeEventLine(batch, used);
    const size = used - start;
    appended(); // may write the batch out (used is then 0)
    return size;
  };

  /**
   * Appends a message's line, written as bytes straight into the batch (message-line.ts: no
   * string of the line, nor of its raw's base64); a line too big for a batch goes by itself.
   */
  const appendMessage = (
    event: Readonly<MessageEvent>,
    encoded: Uint8Array | undefined,
  ): number => {
    if (closed) return 0;
    const most = measureMessageLine(event, encoded);
    if (used + most > batch.length) {
      flushFull();
      if (most > batch.length) {
        const line = Buffer.allocUnsafe(most);
        const data = line.subarray(0, writeMessageLine(line, 0, event));
        appendAlone(data);
        return data.length;
      }
    }
    const start = used;
    used = writeMessageLine(batch, used, event);
    const size = used - start;
    appended(); // may write the batch out (used is then 0)
    return size;
  };

  const writeWithSeqAndTime = (
    prefix: Buffer,
    start: number,
    end: number,
    seq: number,
    t: number,
  ): void => {
    if (closed) return;
    live = undefined;
    const length = end - start;
    if (used + length + TAIL_BYTES > batch.length) {
      flushFull();
      if (length + TAIL_BYTES > batch.length) {
        const line = Buffer.allocUnsafe(length + TAIL_BYTES);
        prefix.copy(line, 0, start, end);
        appendAlone(line.subarray(0, writeSeqAndTime(line, length, seq, t)));
        return;
      }
    }
    used += prefix.copy(batch, used, start, end);
    used = writeSeqAndTime(batch, used, seq, t);
    appended();
  };

  /** The header line becomes `header`'s; the index follows the events if they moved. */
  const replaceHeader = (open: number, header: RecordingHeader): void => {
    const shift = replaceHeaderLine(open, headerLength, headerBytes(header));
    if (live) {
      live.header = header;
      for (const entry of live.entries) entry.offset += shift;
    }
  };

  /**
   * Closes a recording made on the thread with the batch it has (see ThreadFile.closeWith): when
   * nothing was written yet, the batch is the whole recording (the header first), with the final
   * header in place of the first one.
   */
  const closeIntoPack = async (
    file: ThreadFile,
    pack: RecordingPack,
    finalHeader: RecordingHeader | undefined,
  ): Promise<void> => {
    if (timer) clearTimeout(timer);
    let data = batch.subarray(0, used);
    if (finalHeader) data = Buffer.concat([headerBytes(finalHeader), data.subarray(headerLength)]);
    live = undefined; // its offsets are this recording's, not those of a file of several
    const placed = file.closeWith(data, pack); // copied into the ring before it returns
    spareFirstBatch(batch);
    writer.address = await placed;
  };

  // `address` a plain field, not a getter: V8 makes an object literal's accessors in its old
  // generation, and they kept the writer's closures (its batch, header, index) from the young
  // generation's collections: a recording per call, all of it promoted (bench:proxy, ~3 KB).
  const writer: { -readonly [K in keyof RecordingWriter]: RecordingWriter[K] } = {
    path: opts.path,
    address: opts.path,
    write(event: Readonly<CallEvent>, encoded?: Uint8Array): void {
      if (closed) return;
      if (live) {
        // Offsets and line numbers as the reader counts them: the header is line 1.
        if (live.count % live.every === 0)
          live.entries.push({
            seq: event.seq,
            t: event.t,
            offset: bytes,
            line: live.count + 2,
            sent: live.sent,
            received: live.received,
          });
        live.count++;
        live.durationMs = event.t;
        if (event.type === 'sent') live.sent++;
        else if (event.type === 'received') live.received++;
        else if (event.type === 'status') live.status = event.status;
        else if (event.type === 'ended') live.complete = true;
      }
      const size =
        event.type === 'sent' || event.type === 'received'
          ? appendMessage(event, encoded)
          : appendEvent(event);
      if (live) bytes += size;
    },
    writeLine(line: string): void {
      live = undefined;
      append(line);
    },
    writeWithSeqAndTime,
    flush,
    index: () => (failure || appender.failure ? undefined : live),
    async close(finalHeader?: RecordingHeader): Promise<void> {
      if (closed) return;
      if (threadFile?.unwritten && opts.pack && headerLater && used >= headerLength) {
        closed = true;
        return closeIntoPack(threadFile, opts.pack, failure ? undefined : finalHeader);
      }
      flush();
      closed = true;
      spareFirstBatch(batch); // the fresh one flush() took, never written to
      for (const spared of spare.splice(0)) spareFirstBatch(spared);
      const replacing = finalHeader !== undefined && !failure;
      let open: number;
      if (threadFile) {
        if (!replacing) return threadFile.close();
        open = await threadFile.handOver();
      } else {
        open = fd as number;
        await appender.drained();
      }
      try {
        if (finalHeader && replacing && !appender.failure) replaceHeader(open, finalHeader);
      } catch (error) {
        failure = new Error(`cannot write recording ${opts.path}: ${(error as Error).message}`);
      } finally {
        closeSync(open);
      }
      if (failure ?? appender.failure) throw failure ?? appender.failure;
    },
  };
  return writer;
}
