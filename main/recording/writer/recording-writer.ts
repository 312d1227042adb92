import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CallEvent } from '../../../shared/calls/events.js';
import type { RecordingHeader } from '../../../shared/recording/index.js';
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

  const put = (text: string): void => {
    if (fd === undefined || failure) return;
    try {
      writeSync(fd, text);
    } catch (error) {
      failure = new Error(`cannot write recording ${opts.path}: ${(error as Error).message}`);
    }
  };
  put(`${JSON.stringify(opts.header)}\n`);

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

  return {
    path: opts.path,
    get eventCount() {
      return count;
    },
    write(event: CallEvent): void {
      this.writeLine(serializeEvent(event));
    },
    writeLine(line: string): void {
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
    },
    flush,
    async close(): Promise<void> {
      if (fd === undefined) return;
      flush();
      closeSync(fd);
      fd = undefined;
      if (failure) throw failure;
    },
  };
}
