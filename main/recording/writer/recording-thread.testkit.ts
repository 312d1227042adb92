import type { Worker } from 'node:worker_threads';
import type { RecordingThread } from './recording-thread.js';

/** The thread's Worker, to kill it as an OOM or a crash would (nothing else reaches it). */
export const workerOf = (thread: RecordingThread): Worker =>
  (thread as unknown as { worker: Worker }).worker;

/**
 * Puts an op the thread cannot take apart (a size that is no op's) first in the ring of a thread
 * just started (nothing queued yet): an uncaught exception ends it before it reaches the ops
 * queued after, so they are lost with it, whatever the timing.
 */
export function crashOnFirstOp(thread: RecordingThread): void {
  const state = thread as unknown as {
    shared: { control: Int32Array; ring: Buffer };
    writeAt: number;
  };
  if (state.writeAt !== 0) throw new Error('crashOnFirstOp needs a thread with nothing queued');
  state.shared.ring.writeUInt32LE(3, 0);
  state.writeAt = 8;
  Atomics.store(state.shared.control, 0, 8); // WRITE_AT (see RING LAYOUT in recording-thread.ts)
}
