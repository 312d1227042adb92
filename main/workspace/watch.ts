// Picks up changes made outside the app (a `git pull`, an editor). fs.watch events come in bursts
// and twice per rename, so they are collected and delivered once per quiet period.
import { watch, type FSWatcher } from 'node:fs';
import { TEMP_PREFIX } from './store/atomic-write.js';

export interface WorkspaceChange {
  /** Workspace-relative paths (with `/`) that changed, deduplicated. */
  paths: string[];
}

export interface WatchOptions {
  /** Quiet period before a batch is delivered; default 150 ms. */
  debounceMs?: number;
  /** Paths this process just wrote are not reported (they are not outside changes). */
  isOwnWrite?: (relativePath: string) => boolean;
}

export function watchWorkspace(
  root: string,
  onChange: (change: WorkspaceChange) => void,
  opts: WatchOptions = {},
): () => void {
  const debounceMs = opts.debounceMs ?? 150;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    const paths = [...pending].filter((p) => !(opts.isOwnWrite?.(p) ?? false));
    pending.clear();
    if (paths.length > 0) onChange({ paths: paths.sort() });
  };
  let watcher: FSWatcher | undefined = watch(root, { recursive: true }, (_event, filename) => {
    if (filename === null) return;
    const rel = filename.toString().split('\\').join('/');
    const base = rel.slice(rel.lastIndexOf('/') + 1);
    if (base.startsWith(TEMP_PREFIX) || rel.startsWith('.gwb-backup')) return;
    pending.add(rel);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
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
