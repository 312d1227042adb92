// One build for every runtime: Node bundles for the CLI/web host, the Electron main and preload,
// the benchmarks, and the browser bundle of the renderer. esbuild keeps it to seconds.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, NODE_BUNDLE } from './cli-bundle.mjs';
import { publishDir } from './publish-dir.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist');
// The renderer is built into a folder of this build's own and then published into dist/renderer
// (publish-dir.mjs), so a web host or an e2e run reading dist/renderer while someone builds never
// finds it empty. Another build's staging folder is left alone while that build still runs.
const STAGING = '.renderer-staging-';
const stagingDir = join(out, `${STAGING}${process.pid}`);
const running = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};
const keep = (name) =>
  name === 'renderer' || (name.startsWith(STAGING) && running(Number(name.slice(STAGING.length))));
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out)) {
  if (!keep(name)) rmSync(join(out, name), { recursive: true, force: true });
}

const node = {
  ...NODE_BUNDLE,
  sourcemap: 'linked',
  // Dependencies stay in node_modules (the CLI bundles its own, see cli-bundle.mjs): Electron
  // packages node_modules with the app, and the benches measure the engine, not its start-up.
  packages: 'external',
};

const jobs = [];
const entry = (src, dst, extra = {}) => {
  if (existsSync(join(root, src))) {
    jobs.push(
      build({ ...node, entryPoints: [join(root, src)], outfile: join(out, dst), ...extra }),
    );
  }
};

jobs.push(buildCli(out));
entry('app/electron/main.ts', 'electron/main.cjs', { external: ['electron'] });
entry('app/electron/preload.ts', 'electron/preload.cjs', { external: ['electron'] });
// The load workers' own bundle (main/load/worker-script.ts): the app's entry, or gwb serve's, run
// again in a worker would start the app or serve instead.
entry('main/load/worker-entry.ts', 'load-worker.cjs');
// The capture proxy's thread (main/capture/thread/capture-thread.ts), beside the programs' bundles.
entry('main/capture/thread/capture-worker-entry.ts', 'capture-thread.cjs');

const benchDir = join(root, 'bench');
if (existsSync(benchDir)) {
  for (const f of readdirSync(benchDir)) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_')) {
      entry(`bench/${f}`, `bench/${f.replace(/\.ts$/, '.cjs')}`);
    }
  }
}

if (existsSync(join(root, 'renderer/main.tsx'))) {
  jobs.push(
    build({
      entryPoints: { app: join(root, 'renderer/main.tsx') },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      jsx: 'automatic',
      minify: true,
      sourcemap: 'linked',
      outdir: stagingDir,
      loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    }).then(() => {
      cpSync(join(root, 'renderer/index.html'), join(stagingDir, 'index.html'));
      publishDir(stagingDir, join(out, 'renderer'));
    }),
  );
}

await Promise.all(jobs);
console.log(`built ${jobs.length} bundles into dist/`);
