// Picks up changes made outside the app (a `git pull`, an editor) and says what they mean as typed
// changes. fs.watch events come in bursts and twice per rename, so they are collected and
// described once per quiet period; the app's own writes are recognised and left out.
import { watch, type FSWatcher } from 'node:fs';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
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
  let watcher: FSWatcher | undefined = watch(root, { recursive: true }, (_event, filename) => {
    if (filename === null) return;
    const rel = filename.toString().split('\\').join('/');
    if (isHidden(rel)) return;
    if (pending.size === 0) firstAt = Date.now();
    pending.add(rel);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Date.now() - firstAt >= maxWaitMs ? 0 : debounceMs);
  });
  watcher.on('error', () => {
    // The folder went away; there is nothing left to watch.
    watcher?.close();
    watcher = undefined;
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
    watcher = undefined;
  };
}
