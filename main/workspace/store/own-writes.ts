// What this process itself did to the files, so the watcher never reports the app's own writes as
// changes made outside it. Every workspace change goes through store/ (the atomic writer and the
// few operations in fs-ops.ts), and each marks what it did here, once:
// - a written file by its identity after the write (inode, size, mtime in ns): an outside write
//   changes at least one of them, so the mark can never hide one;
// - a moved or copied-in folder by its inode and ctime: everything under it whose own ctime is not
//   newer came with it;
// - a removed path, for a short while (nothing is left on disk to compare).
// The registry is per process (another process, like `gwb` run in a terminal, is "outside").
import { statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';

type Mark =
  | { kind: 'file'; ino: bigint; size: bigint; mtimeNs: bigint }
  | { kind: 'tree'; ino: bigint; ctimeNs: bigint }
  | { kind: 'gone'; until: number };

/** Enough for any burst of own writes the watcher has not looked at yet; the oldest go first. */
const MAX_MARKS = 20_000;
/** A removal mark outlives any watcher delay (debounce + a busy event loop), then expires. */
const GONE_MS = 30_000;

const marks = new Map<string, Mark>();

function put(file: string, mark: Mark): void {
  const key = path.resolve(file);
  marks.delete(key);
  marks.set(key, mark);
  if (marks.size > MAX_MARKS) {
    const oldest = marks.keys().next();
    if (!oldest.done) marks.delete(oldest.value);
  }
}

function statOf(file: string): BigIntStats | undefined {
  try {
    return statSync(file, { bigint: true });
  } catch {
    return undefined;
  }
}

/** A file this process has just written (stats of the written file, before or after its rename). */
export function markWritten(file: string, stats: BigIntStats): void {
  put(file, { kind: 'file', ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs });
}

/** A path this process is about to remove (a file or a whole folder). */
export function markRemoved(target: string): void {
  put(target, { kind: 'gone', until: Date.now() + GONE_MS });
}

/** A path this process has just renamed or copied into place: a file, or a folder with its content. */
export function markArrived(target: string): void {
  const stats = statOf(target);
  if (!stats) return;
  if (stats.isDirectory()) put(target, { kind: 'tree', ino: stats.ino, ctimeNs: stats.ctimeNs });
  else markWritten(target, stats);
}

function removedByUs(target: string): boolean {
  const now = Date.now();
  for (let p = target; ; p = path.dirname(p)) {
    const mark = marks.get(p);
    if (mark?.kind === 'gone') {
      if (mark.until >= now) return true;
      marks.delete(p);
    }
    if (path.dirname(p) === p) return false;
  }
}

function cameWithOwnFolder(target: string, stats: BigIntStats): boolean {
  for (let p = target; path.dirname(p) !== p; p = path.dirname(p)) {
    const mark = marks.get(p);
    if (mark?.kind !== 'tree') continue;
    // The folder itself: still the one we made or moved (files added to it change its ctime).
    if (p === target) return stats.ino === mark.ino;
    // Inside it: the folder is still ours, and this entry was not touched since it came.
    if (statOf(p)?.ino === mark.ino && stats.ctimeNs <= mark.ctimeNs) return true;
  }
  return false;
}

/**
 * Whether the current state of `target` (an absolute path) is what this process left there: the
 * file it wrote, a file that came with a folder it moved, or nothing after it removed it.
 */
export function isOwnChange(target: string): boolean {
  const key = path.resolve(target);
  const stats = statOf(key);
  if (!stats) return removedByUs(key);
  const mark = marks.get(key);
  if (
    mark?.kind === 'file' &&
    mark.ino === stats.ino &&
    mark.size === stats.size &&
    mark.mtimeNs === stats.mtimeNs
  )
    return true;
  return cameWithOwnFolder(key, stats);
}
