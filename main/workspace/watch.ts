// Picks up changes made outside the app (a `git pull`, an editor) and says what they mean as typed
// changes. fs.watch events come in bursts and twice per rename, so they are collected and
// described once per quiet period; the app's own writes are recognised and left out.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import { HISTORY_DIR } from './history/history-store.js';
import { BURST_LIMIT, describeOutsideChanges } from './outside-changes.js';

export interface WatchOptions {
  /** Quiet period before a batch is described; default 150 ms. */
  debounceMs?: number;
  /** More changed collection paths than this in one batch: one `tree.reload` instead. */
  burstLimit?: number;
}

/** Hidden entries (`.git`, `.gwb-backup`, temp files `.gwb-tmp-*`) are never workspace content. */
function isHidden(rel: string): boolean {
  return rel.split('/').some((segment) => segment.startsWith('.'));
}

export function watchWorkspace(
  root: string,
  onChanges: (changes: WorkspaceChange[]) => void,
  opts: WatchOptions = {},
): () => void {
  const debounceMs = opts.debounceMs ?? 150;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // A long stream of events (a big checkout) is still described at least this often.
  const maxWaitMs = debounceMs * 8;
  let firstAt = 0;
  const flush = (): void => {
    timer = undefined;
    const paths = [...pending];
    pending.clear();
    const changes = describeOutsideChanges(root, paths, opts.burstLimit ?? BURST_LIMIT);
    if (changes.length > 0) onChanges(changes);
  };
  const onPath = (rel: string): void => {
    if (isHidden(rel)) return;
    if (pending.size === 0) firstAt = Date.now();
    pending.add(rel);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Date.now() - firstAt >= maxWaitMs ? 0 : debounceMs);
  };
  let stop: (() => void) | undefined = watchFolders(root, onPath, () => {
    // The folder went away; there is nothing left to watch.
    stop?.();
    stop = undefined;
  });
  return () => {
    if (timer) clearTimeout(timer);
    stop?.();
    stop = undefined;
  };
}

function slashed(name: string | Buffer): string {
  return name.toString().split('\\').join('/');
}

/**
 * The root's own entries, and each visible folder in it: recursively, except history/, which is
 * flat and watched plainly. A recursive watch of the root would cost every call: on Linux, Node's
 * recursive watcher keeps a watcher per file and lists a whole folder again on every event in it,
 * and history/ holds hundreds of entries, a few more each call (and .git would be walked too).
 */
function watchFolders(
  root: string,
  onPath: (rel: string) => void,
  onError: () => void,
): () => void {
  const folders = new Map<string, FSWatcher>();
  const unfollow = (name: string): void => {
    folders.get(name)?.close();
    folders.delete(name);
  };
  const follow = (name: string, appeared: boolean): void => {
    if (isHidden(name) || folders.has(name)) return;
    const dir = path.join(root, name);
    try {
      if (!statSync(dir).isDirectory()) return;
      const watcher = watch(dir, { recursive: name !== HISTORY_DIR }, (_event, filename) => {
        if (filename !== null) onPath(`${name}/${slashed(filename)}`);
      });
      watcher.on('error', () => unfollow(name));
      folders.set(name, watcher);
      // A folder that appears with content (moved in, checked out) tells its files, as a
      // recursive watch of the root did.
      if (appeared)
        for (const entry of readdirSync(dir, { recursive: true }))
          onPath(`${name}/${slashed(entry)}`);
    } catch {
      unfollow(name); // gone again, or not readable: nothing to watch
    }
  };
  const top = watch(root, (_event, filename) => {
    if (filename === null) return;
    const name = slashed(filename);
    onPath(name);
    if (folders.has(name)) {
      try {
        if (statSync(path.join(root, name)).isDirectory()) return;
      } catch {
        // gone: stop watching it
      }
      unfollow(name);
    } else follow(name, true);
  });
  top.on('error', onError);
  for (const name of readdirSync(root)) follow(name, false);
  return () => {
    top.close();
    for (const watcher of folders.values()) watcher.close();
    folders.clear();
  };
}
