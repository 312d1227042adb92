// How a load worker thread is started. From source (tests, tsx) it runs worker-entry.ts through
// tsx's loader (Node 20 workers do not inherit `--import tsx`). From a bundle it runs
// dist/load-worker.cjs, built beside the program's; without one (a gwb built alone, the benches)
// the worker runs the program's own entry again with the same arguments, and the program hands
// over to runLoadWorker() when isLoadWorker() (gwb's `load` command and bench/load.ts do so first
// thing).
import { Worker } from 'node:worker_threads';
import { startThreadProgram } from '../platform/thread-program.js';
import { LOAD_WORKER_MARK, type LoadWorkerData } from './worker-main.js';
import type { LoadTarget, WorkerShare } from './load-types.js';

/** The load worker's own bundle, beside the program's bundle in dist/. */
export const LOAD_WORKER_BUNDLE = 'load-worker.cjs';

export function spawnLoadWorker(target: LoadTarget, share: WorkerShare): Worker {
  const workerData: LoadWorkerData = { mark: LOAD_WORKER_MARK, target, share };
  // The worker's own bundle when it is built beside the program's (scripts/build.mjs:
  // dist/load-worker.cjs): the desktop app's entry, or `gwb serve`'s, run again would start the
  // app or serve, never become a worker. Without it (a gwb built alone) the entry runs again.
  const own = startThreadProgram(
    import.meta.dirname,
    'worker-entry.ts',
    LOAD_WORKER_BUNDLE,
    workerData,
  );
  if (own !== undefined) return own;
  const entry = process.argv[1];
  if (entry === undefined) throw new Error('gwb load: cannot find the program to run workers from');
  return new Worker(entry, { workerData, argv: process.argv.slice(2) });
}
