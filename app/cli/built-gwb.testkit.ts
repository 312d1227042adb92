// The real `gwb` process for tests: the CLI bundles built as scripts/build.mjs builds them
// (scripts/cli-bundle.mjs), started through a copy of bin/gwb.cjs. Built into the repo's .tmp/
// (not dist/, which other tests may be using) so the bundle resolves node_modules and resources/
// exactly as the installed one does.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { buildCli } from '../../scripts/cli-bundle.mjs';

const repo = path.resolve(import.meta.dirname, '../..');

export interface BuiltGwb {
  /** The temp folder holding `bin/gwb.cjs` and `dist/` (cli, deps, launch); the caller removes it. */
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
  await buildCli(path.join(dir, 'dist'), { sourcemap: false });
  return { dir, bin };
}
