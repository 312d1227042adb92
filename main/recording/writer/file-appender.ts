import { write, writeSync } from 'node:fs';

/** Appends buffers to an open file in order, off the caller's thread. */
export interface FileAppender {
  /**
   * Queues `data` to be written after everything queued before. The buffer must not change until
   * `release` is called with it (when given), which hands it back for reuse.
   */
  append(data: Buffer, release?: () => void): void;
  /** Resolves once everything queued so far is in the file (or the first write failed). */
  drained(): Promise<void>;
  /** The first write error, if any; nothing is written after it. */
  readonly failure: Error | undefined;
}

interface Pending {
  data: Buffer;
  position: number;
  release: (() => void) | undefined;
}

/** Queued bytes beyond which the rest is written synchronously (a stalled disk must not grow memory). */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * Writes each buffer with one asynchronous positional write at a time (libuv's thread pool), so
 * the copy into the page cache — a fair part of what recording a fast stream costs — runs beside
 * the event loop instead of on it. One write in flight keeps the file a prefix of what was
 * appended, so a crash (even kill -9) leaves no holes: it loses only what had not been handed to
 * the kernel yet, which is at most one write behind. Only when the disk falls more than 8 MB behind
 * are the queued buffers written synchronously, the one in flight included, for bounded memory.
 */
export function createFileAppender(fd: number, start: number, describe: string): FileAppender {
  const queue: Pending[] = []; // queue[0] is being written while inFlight
  let position = start;
  let queuedBytes = 0;
  let inFlight = false;
  let failure: Error | undefined;
  let waiters: (() => void)[] = [];

  const fail = (error: Error): void => {
    failure ??= new Error(`cannot write recording ${describe}: ${error.message}`);
    queue.length = 0;
    queuedBytes = 0;
  };

  const settle = (): void => {
    if (inFlight || queue.length > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const next = (): void => {
    const item = queue[0];
    if (inFlight || failure || !item) return settle();
    inFlight = true;
    write(fd, item.data, 0, item.data.length, item.position, (error, written) => {
      inFlight = false;
      if (failure) return settle();
      if (error) {
        fail(error);
        return settle();
      }
      queuedBytes -= written;
      if (written < item.data.length) {
        // A short write (rare on files): the rest goes next, at its own position.
        item.data = item.data.subarray(written);
        item.position += written;
      } else {
        queue.shift();
        item.release?.();
      }
      next();
    });
  };

  const writeWholeSync = (item: Pending): void => {
    for (let done = 0; done < item.data.length;)
      done += writeSync(fd, item.data, done, item.data.length - done, item.position + done);
  };

  /**
   * Writes everything queued now (the disk is far behind). The buffer in flight is written too:
   * the same bytes at the same place twice do no harm, and without it a kill before its async
   * write lands would leave a hole before the lines written here.
   */
  const writeQueuedNow = (): void => {
    try {
      if (inFlight && queue[0]) writeWholeSync(queue[0]);
      for (const item of queue.splice(inFlight ? 1 : 0)) {
        writeWholeSync(item);
        queuedBytes -= item.data.length;
        item.release?.();
      }
    } catch (error) {
      fail(error as Error);
    }
  };

  return {
    append(data, release) {
      if (failure || data.length === 0) return;
      queue.push({ data, position, release });
      position += data.length;
      queuedBytes += data.length;
      if (queuedBytes > MAX_QUEUED_BYTES) writeQueuedNow();
      next();
    },
    drained() {
      if (!inFlight && queue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    get failure() {
      return failure;
    },
  };
}
