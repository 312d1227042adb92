// A capture thread with no proxy around it, from source (tests of the thread's own behaviour:
// dying, stuck, behind, connections let go): no target, no recordings, errors collected.
import { CaptureThread, type CaptureThreadOptions } from './capture-thread.js';

export function startBareThread(options: Partial<CaptureThreadOptions> = {}): {
  thread: CaptureThread;
  errors: string[];
} {
  const errors: string[] = [];
  const thread = CaptureThread.start({
    target: 'localhost:1',
    recordDir: undefined,
    schema: undefined,
    maxObservedBytes: 1024,
    counter: new SharedArrayBuffer(4),
    onError: (error) => errors.push(error.message),
    ...options,
  });
  if (!thread) throw new Error('no capture thread from source');
  return { thread, errors };
}
