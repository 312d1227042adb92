// The real `gwb` process for tests: app/cli/run.ts bundled as scripts/build.mjs does it, started
// through a copy of bin/gwb.cjs. Built into the repo's .tmp/ (not dist/, which other tests may be
// using) so the bundle resolves node_modules and resources/ exactly as the installed one does.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const repo = path.resolve(import.meta.dirname, '../..');

export interface BuiltGwb {
  /** The temp folder holding `bin/gwb.cjs` and `dist/cli.cjs`; the caller removes it. */
  dir: string;
  /** `bin/gwb.cjs` in it: run with `node`. */
  bin: string;
}

export async function buildGwb(prefix: string): Promise<BuiltGwb> {
  mkdirSync(path.join(repo, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(repo, '.tmp', prefix));
  mkdirSync(path.join(dir, 'bin'));
  const bin = path.join(dir, 'bin', 'gwb.cjs');
  copyFileSync(path.join(repo, 'bin', 'gwb.cjs'), bin);
  await build({
    entryPoints: [path.join(repo, 'app/cli/run.ts')],
    outfile: path.join(dir, 'dist', 'cli.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    define: { 'import.meta.dirname': '__dirname' },
    logLevel: 'error',
  });
  return { dir, bin };
}
