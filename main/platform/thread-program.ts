// Starting a worker thread's program, one way for every thread of ours that has a file of its own
// (the load workers, the capture thread). From source (tests, tsx) the entry runs through tsx's
// loader: Node 20 workers do not inherit `--import tsx`. From the bundles, the program's own
// bundle sits beside the caller's in dist/ (scripts/build.mjs), or one folder up (a bundle in
// dist/bench/ or dist/electron/).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker running `source` (a .ts beside the caller, in `dir`) when the sources are there, else
 * `bundle` found in `dir` or its parent; undefined when neither is (the caller decides what then).
 */
export function startThreadProgram(
  dir: string,
  source: string,
  bundle: string,
  workerData: unknown,
): Worker | undefined {
  const sourceFile = join(dir, source);
  if (existsSync(sourceFile)) {
    // require.resolve finds the CommonJS build; the ES module one sits beside it.
    const tsx = createRequire(join(dir, 'x.js'))
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
    const url = JSON.stringify(pathToFileURL(sourceFile).href);
    const code = `const { tsImport } = await import(${JSON.stringify(pathToFileURL(tsx).href)});
await tsImport(${url}, ${url});`;
    return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData });
  }
  const file = [join(dir, bundle), join(dir, '..', bundle)].find((f) => existsSync(f));
  return file === undefined ? undefined : new Worker(file, { workerData });
}
