// The folder settings (folder.json: the auth a request set to Inherit takes) a run sees: each
// folder on the way to the run's requests read once, as the run starts, and kept for the run. A
// folder.json edited while the run goes on is seen by the next run, not halfway through this one
// (as Postman's collection runner takes the collection as it was when the run began); and the
// run's calls do not each ask the disk again.
import type { FolderSettingsReader, FolderSettingsView } from '../engine/workspace-folders.js';

/** What reading one folder's settings gave: its settings, or the error (a broken folder.json). */
type Kept = { settings: FolderSettingsView } | { error: unknown };

/** `coll/a/b/name` → `coll/a/b`, `coll/a`, `coll`: the folders a saved request inherits from. */
function foldersOf(requestPath: string): string[] {
  const parts = requestPath.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * The settings of every folder of `requestPaths`, read now with `read` (the engine's
 * folder.readSettings). A broken folder.json is kept as its error, thrown only for a request that
 * inherits from it (one that sets its own auth never asks), as when it is read at each call.
 */
export async function folderSettingsAtStart(
  read: (folderPath: string) => FolderSettingsView | Promise<FolderSettingsView>,
  requestPaths: readonly string[],
): Promise<FolderSettingsReader> {
  const kept = new Map<string, Kept>();
  for (const requestPath of requestPaths)
    for (const folder of foldersOf(requestPath)) {
      if (kept.has(folder)) continue;
      try {
        kept.set(folder, { settings: await read(folder) });
      } catch (error) {
        kept.set(folder, { error });
      }
    }
  return (folderPath) => {
    const found = kept.get(folderPath);
    // Every folder a run's request asks about was read above.
    if (found === undefined)
      throw new Error(`the run did not read the settings of folder ${folderPath} at its start`);
    if ('error' in found) throw found.error;
    return found.settings;
  };
}
