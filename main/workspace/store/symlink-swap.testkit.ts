// For tests of the workspace's symlink escape check: a file or folder swapped for a symlink, and
// files aged past the read cache's racy window (read-cache.ts) so their text is kept.
import { renameSync, rmSync, symlinkSync, utimesSync } from 'node:fs';

/** `link` (a file or a folder) made a symlink to `target`, swapped in by a rename. */
export function swapForSymlink(link: string, target: string): void {
  const next = `${link}.swap`;
  symlinkSync(target, next);
  rmSync(link, { recursive: true, force: true });
  renameSync(next, link);
}

/**
 * Modified a minute ago: a file written within the last two seconds is read afresh every time
 * (read-cache.ts), and these tests are about files whose text is kept.
 */
export function ageFiles(files: readonly string[]): void {
  const aMinuteAgo = new Date(Date.now() - 60_000);
  for (const file of files) utimesSync(file, aMinuteAgo, aMinuteAgo);
}

/**
 * `during()` run while `folder` is a symlink to `target`, the real folder renamed aside and put
 * back after: the path leads out and back in (A-B-A), as a racing attacker would swap it.
 */
export function whileSwappedOut<T>(folder: string, target: string, during: () => T): T {
  const aside = `${folder}.aside`;
  renameSync(folder, aside);
  symlinkSync(target, folder);
  try {
    return during();
  } finally {
    rmSync(folder);
    renameSync(aside, folder);
  }
}
