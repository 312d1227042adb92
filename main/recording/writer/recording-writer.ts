import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CallEvent } from '../../../shared/calls/events.js';
import type { RecordingHeader } from '../../../shared/recording/index.js';
import { DEFAULT_INDEX_EVERY, type RecordingIndex } from '../reader/recording-index.js';
import { serializeEvent } from './serialize-event.js';

export interface RecordingWriterOptions {
  path: string;
  header: RecordingHeader;
  /** Longest time a line waits in memory before it is written (default 50 ms). */
  flushIntervalMs?: number;
  /** A batch this big (in UTF-16 units) is written at once (default 64 Ki). */
  maxBatchChars?: number;
}

export interface RecordingWriter {
  readonly path: string;
  /** Event lines accepted so far. */
  readonly eventCount: number;
  write(event: CallEvent): void;
  /** Appends a line already serialized in the recording format (replay reuses recorded payloads). */
  writeLine(line: string): void;
  /** Writes what is pending now. */
  flush(): void;
  /** Flushes and closes the file; rejects with the first write error, if any. */
  close(): Promise<void>;
  /**
   * The index a reader would build from this file, kept as events are written, so listing a
   * recording this process just made never re-reads it (a 500k-event file takes ~1.3 s to scan).
   * Undefined after a write error or once pre-serialized lines (writeLine) were appended.
   */
  index(): RecordingIndex | undefined;
}

const DEFAULT_FLUSH_MS = 50;
const DEFAULT_BATCH_CHARS = 64 * 1024;

/**
 * An append-only NDJSON recording. Lines are batched and handed to the kernel with a plain write()
 * at least every flushIntervalMs (timer) and whenever the batch is big, so a crash of this process
 * (even kill -9) loses at most the lines of the last interval, and memory stays at one batch however
 * long the call runs. Writes are synchronous on purpose: batches are small, order is guaranteed, and
 * no queue of pending async writes can pile up behind a fast stream.
 */
export function createRecordingWriter(opts: RecordingWriterOptions): RecordingWriter {
  const flushMs = opts.flushIntervalMs ?? DEFAULT_FLUSH_MS;
  const maxChars = opts.maxBatchChars ?? DEFAULT_BATCH_CHARS;
  let fd: number | undefined = openSync(opts.path, 'w');
  let pending: string[] = [];
  let pendingChars = 0;
  let lastFlush = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let failure: Error | undefined;
  let count = 0;
  const headerLine = `${JSON.stringify(opts.header)}\n`;
  let bytes = Buffer.byteLength(headerLine);
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

  const put = (text: string): void => {
    if (fd === undefined || failure) return;
    try {
      writeSync(fd, text);
    } catch (error) {
      failure = new Error(`cannot write recording ${opts.path}: ${(error as Error).message}`);
    }
  };
  put(headerLine);

  const flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    lastFlush = performance.now();
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    pendingChars = 0;
    put(text);
  };

  const append = (line: string): void => {
    if (fd === undefined) return;
    pending.push(line);
    pendingChars += line.length;
    count++;
    // The timer cannot fire while a busy stream keeps the event loop running callbacks, so the
    // age of the batch is checked here too.
    if (pendingChars >= maxChars || performance.now() - lastFlush >= flushMs) flush();
    else if (!timer) {
      timer = setTimeout(flush, flushMs);
      timer.unref();
    }
  };

  return {
    path: opts.path,
    get eventCount() {
      return count;
    },
    write(event: CallEvent): void {
      if (fd === undefined) return;
      const line = serializeEvent(event);
      if (live) {
        // Offsets and line numbers as the reader counts them: the header is line 1.
        if (live.count % live.every === 0)
          live.entries.push({ seq: event.seq, t: event.t, offset: bytes, line: live.count + 2 });
        live.count++;
        live.durationMs = event.t;
        if (event.type === 'sent') live.sent++;
        else if (event.type === 'received') live.received++;
        else if (event.type === 'status') live.status = event.status;
        else if (event.type === 'ended') live.complete = true;
        bytes += Buffer.byteLength(line) + 1;
      }
      append(line);
    },
    writeLine(line: string): void {
      live = undefined;
      append(line);
    },
    flush,
    index: () => (failure ? undefined : live),
    async close(): Promise<void> {
      if (fd === undefined) return;
      flush();
      closeSync(fd);
      fd = undefined;
      if (failure) throw failure;
    },
  };
}
