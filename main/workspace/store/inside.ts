// A workspace writes (and reads its items) only inside its own folder. Item paths are checked
// names, but a folder in the workspace may be a symlink (cloned from a repository, or made by
// hand) that leads anywhere: saving "into" it would write outside the workspace. So the real path
// of every item file or folder, symlinks followed, must stay under the workspace's real path.
import { isInsideFolder, realPathOf } from '../../platform/real-path.js';
import { WorkspaceError } from './workspace-error.js';

/** `target` unchanged when it really lies inside `root`; otherwise a WorkspaceError saying where it leads. */
export function insideWorkspace(root: string, target: string): string {
  const real = realPathOf(target);
  if (isInsideFolder(real, realPathOf(root))) return target;
  throw new WorkspaceError(
    `${target} leads to ${real}, outside the workspace folder ${root} (through a symlink); ` +
      'the workspace reads and writes its items only inside its folder. Replace the symlink with ' +
      'a real folder, or open the folder it leads to as its own workspace.',
    'EOUTSIDE',
  );
}
