// A workspace writes (and reads its items) only inside its own folder. Item paths are checked
// names, but a folder in the workspace may be a symlink (cloned from a repository, or made by
// hand) that leads anywhere: saving "into" it would write outside the workspace. So the real path
// of every item file or folder, symlinks followed, must stay under the workspace's real path.
import { isInsideFolder, realPathOf } from '../../platform/real-path.js';
import { WorkspaceError } from './workspace-error.js';

/**
 * The real path of each workspace folder, worked out once: every item read or written asks (a run
 * reads its saved requests call after call). An item outside the kept path is asked about afresh
 * before it is refused: the folder may be a symlink that now leads elsewhere.
 */
const realRoots = new Map<string, string>();
/** Enough for every workspace a process opens; the oldest goes first beyond it. */
const MAX_ROOTS = 64;

function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realPathOf(root);
    realRoots.set(root, real);
    if (realRoots.size > MAX_ROOTS) realRoots.delete(realRoots.keys().next().value as string);
  }
  return real;
}

/** `target` unchanged when it really lies inside `root`; otherwise a WorkspaceError saying where it leads. */
export function insideWorkspace(root: string, target: string): string {
  const real = realPathOf(target);
  if (isInsideFolder(real, realRootOf(root))) return target;
  // The folder may lead elsewhere now (a symlink pointed at another folder): asked afresh.
  const now = realPathOf(root);
  realRoots.set(root, now);
  if (isInsideFolder(real, now)) return target;
  throw new WorkspaceError(
    `${target} leads to ${real}, outside the workspace folder ${root} (through a symlink); ` +
      'the workspace reads and writes its items only inside its folder. Replace the symlink with ' +
      'a real folder, or open the folder it leads to as its own workspace.',
    'EOUTSIDE',
  );
}
