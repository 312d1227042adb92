// How a load worker thread is started. From source (tests, tsx) it runs worker-entry.ts through
// tsx's loader (Node 20 workers do not inherit `--import tsx`). From a bundle it runs
// dist/load-worker.cjs, built beside the program's; without one (a gwb built alone, the benches)
// the worker runs the program's own entry again with the same arguments, and the program hands
// over to runLoadWorker() when isLoadWorker() (gwb's `load` command and bench/load.ts do so first
// thing).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LOAD_WORKER_MARK, type LoadWorkerData } from './worker-main.js';
import type { LoadTarget, WorkerShare } from './load-types.js';

/** The load worker's own bundle, beside the program's bundle in dist/. */
export const LOAD_WORKER_BUNDLE = 'load-worker.cjs';

export function spawnLoadWorker(target: LoadTarget, share: WorkerShare): Worker {
  const workerData: LoadWorkerData = { mark: LOAD_WORKER_MARK, target, share };
  const source = join(import.meta.dirname, 'worker-entry.ts');
  if (existsSync(source)) {
    // require.resolve finds the CommonJS build; the ES module one sits beside it.
    const tsx = createRequire(join(import.meta.dirname, 'x.js'))
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
    const code = `const { tsImport } = await import(${JSON.stringify(pathToFileURL(tsx).href)});
await tsImport(${JSON.stringify(pathToFileURL(source).href)}, ${JSON.stringify(pathToFileURL(source).href)});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData });
  }
  // The worker's own bundle when it is built beside the program's (scripts/build.mjs:
  // dist/load-worker.cjs): the desktop app's entry, or `gwb serve`'s, run again would start the
  // app or serve, never become a worker. Without it (a gwb built alone) the entry runs again.
  const own = [
    join(import.meta.dirname, LOAD_WORKER_BUNDLE),
    join(import.meta.dirname, '..', LOAD_WORKER_BUNDLE),
  ].find((file) => existsSync(file));
  if (own !== undefined) return new Worker(own, { workerData });
  const entry = process.argv[1];
  if (entry === undefined) throw new Error('gwb load: cannot find the program to run workers from');
  return new Worker(entry, { workerData, argv: process.argv.slice(2) });
}
