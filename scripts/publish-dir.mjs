// Puts a freshly built folder in place of the one readers use, file by file with renames, so a
// reader (the web host serving dist/renderer, an e2e run, Electron loading it) always finds each
// file whole — the old one or the new one — and never an empty or half-written folder. The build
// used to empty dist/ and write it again: for the seconds that took, the web host answered "The
// workbench UI is not built".
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Written last: the page names the other files, so they are all in place before it changes. */
const LAST = 'index.html';

/** The files under dir, as paths relative to it. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/**
 * Moves every file of `staging` into `target` (same file system: each rename is atomic), the
 * page last, then removes what the new build no longer has, and the empty staging folder.
 */
export function publishDir(staging, target) {
  mkdirSync(target, { recursive: true });
  const fresh = filesUnder(staging).sort((a, b) => Number(a === LAST) - Number(b === LAST));
  for (const file of fresh) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    renameSync(join(staging, file), join(target, file));
  }
  const kept = new Set(fresh);
  for (const file of filesUnder(target)) {
    if (!kept.has(file)) rmSync(join(target, file), { force: true });
  }
  rmSync(staging, { recursive: true, force: true });
}
