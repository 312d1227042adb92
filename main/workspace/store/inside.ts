// A workspace writes (and reads its items) only inside its own folder. Item paths are checked
// names, but a folder in the workspace may be a symlink (cloned from a repository, or made by
// hand) that leads anywhere: saving "into" it would write outside the workspace. So the real path
// of every item file or folder, symlinks followed, must stay under the workspace's real path.
import { statSync } from 'node:fs';
import { isInsideFolder, realPathOf } from '../../platform/real-path.js';
import { WorkspaceError } from './workspace-error.js';

/** A workspace folder's real path and the directory it was (device and inode). */
interface RealRoot {
  real: string;
  dev: bigint;
  ino: bigint;
}

/**
 * The real path of each workspace folder, worked out once: every item read or written asks (a run
 * reads its saved requests call after call). A kept path is trusted only while the folder's path
 * still leads to the very directory that lies at the kept path (two stats, cheaper than resolving
 * every symlink of the path again). The folder may be a symlink pointed elsewhere since; an item
 * there that leads back into the old folder must be refused, not found "inside" a stale path.
 */
const realRoots = new Map<string, RealRoot>();
/** Enough for every workspace a process opens; the oldest goes first beyond it. */
const MAX_ROOTS = 64;

function directoryIdOf(file: string): { dev: bigint; ino: bigint } | undefined {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats ? { dev: stats.dev, ino: stats.ino } : undefined;
}

function sameDirectory(kept: RealRoot, file: string): boolean {
  const now = directoryIdOf(file);
  return now !== undefined && now.dev === kept.dev && now.ino === kept.ino;
}

function realRootOf(root: string): string {
  const kept = realRoots.get(root);
  // Directories have one path each: when the folder and the kept path are the same directory
  // now, the folder's real path is still the kept one.
  // A folder that was its own real path is one path: one stat of it says both (a run reads its
  // saved requests call after call, each asking).
  if (kept && sameDirectory(kept, root) && (kept.real === root || sameDirectory(kept, kept.real)))
    return kept.real;
  const real = realPathOf(root);
  const id = directoryIdOf(real);
  // A folder that does not exist yet is not kept: it is asked about again next time.
  if (id) {
    realRoots.delete(root);
    realRoots.set(root, { real, ...id });
    if (realRoots.size > MAX_ROOTS) realRoots.delete(realRoots.keys().next().value as string);
  }
  return real;
}

/** `target` unchanged when it really lies inside `root`; otherwise a WorkspaceError saying where it leads. */
export function insideWorkspace(root: string, target: string): string {
  const real = realPathOf(target);
  if (isInsideFolder(real, realRootOf(root))) return target;
  throw new WorkspaceError(
    `${target} leads to ${real}, outside the workspace folder ${root} (through a symlink); ` +
      'the workspace reads and writes its items only inside its folder. Replace the symlink with ' +
      'a real folder, or open the folder it leads to as its own workspace.',
    'EOUTSIDE',
  );
}
