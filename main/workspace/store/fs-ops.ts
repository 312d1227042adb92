// The workspace changes that are not file writes (those go through atomic-write.ts): removing,
// renaming and creating folders. Each marks what it does as this process's own (own-writes.ts),
// so the watcher never reports it as a change made outside the app.
import { cpSync, mkdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { markArrived, markRemoved } from './own-writes.js';

export function removeFile(file: string): void {
  markRemoved(file);
  unlinkSync(file);
}

/** rename(2): atomic; `from` is marked gone and `to` (a file or a whole folder) as arrived. */
export function renamePath(from: string, to: string): void {
  markRemoved(from);
  renameSync(from, to);
  markArrived(to);
}

/** mkdir -p; the first folder it creates (with everything later put in it by us) is marked. */
export function makeDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (first !== undefined) markArrived(first);
}

/** Copies a folder to `to` (a temp name the watcher ignores; renamePath it into place after). */
export function copyFolder(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/** Removes a folder that is already out of sight (renamed to a temp name). */
export function removeHidden(target: string): void {
  rmSync(target, { recursive: true, force: true });
}
