// What a batch of changed paths (from the watcher) means for the workspace, as typed changes.
// Paths this process wrote itself are dropped here (store/own-writes.ts). A changed request file
// is parsed alone, for its tree node; nothing else is read. Too many at once: read the tree again.
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import { REQUEST_FILE_SUFFIX } from '../../shared/workspace/saved-request.js';
import { ENVIRONMENTS_DIR } from './environments.js';
import { HISTORY_DIR } from './history/history-store.js';
import { COLLECTIONS_DIR } from './request-files.js';
import { isOwnChange } from './store/own-writes.js';
import { listFolder, readRequestNode } from './tree.js';

/** More changed collection paths than this in one batch (a `git checkout`): `tree.reload`. */
export const BURST_LIMIT = 100;

function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function collectionChange(root: string, itemPath: string): WorkspaceChange | undefined {
  const full = path.join(root, COLLECTIONS_DIR, ...itemPath.split('/'));
  const stats = statOf(full);
  if (stats?.isDirectory())
    return { kind: 'folder.created', path: itemPath, node: listFolder(root, itemPath) };
  if (itemPath.endsWith(REQUEST_FILE_SUFFIX)) {
    const requestPath = itemPath.slice(0, -REQUEST_FILE_SUFFIX.length);
    // A request lives in a collection: `collections/x.grpc.json` is not one.
    if (!requestPath.includes('/')) return undefined;
    if (!stats) return { kind: 'request.deleted', path: requestPath };
    if (!stats.isFile()) return undefined;
    return {
      kind: 'request.saved',
      path: requestPath,
      node: readRequestNode(root, full, requestPath),
    };
  }
  // Gone, and not a request file: a folder (a stray file of another kind is simply not in the tree).
  return stats ? undefined : { kind: 'folder.deleted', path: itemPath };
}

function collectionChanges(root: string, itemPaths: readonly string[]): WorkspaceChange[] {
  const out: WorkspaceChange[] = [];
  const covered: string[] = [];
  // Sorted, parents come first: what is under a folder that appeared or went is already said.
  for (const itemPath of [...itemPaths].sort()) {
    if (covered.some((c) => itemPath.startsWith(`${c}/`))) continue;
    const change = collectionChange(root, itemPath);
    if (!change) continue;
    out.push(change);
    if (change.kind === 'folder.created' || change.kind === 'folder.deleted')
      covered.push(itemPath);
  }
  return out;
}

/** `relPaths`: workspace-relative, `/`-separated, hidden entries already left out. */
export function describeOutsideChanges(
  root: string,
  relPaths: readonly string[],
  burstLimit = BURST_LIMIT,
): WorkspaceChange[] {
  const items: string[] = [];
  const environments = new Map<string, boolean>();
  let history = false;
  let reload = false;
  for (const rel of relPaths) {
    if (isOwnChange(path.join(root, rel))) continue;
    const [top, ...rest] = rel.split('/');
    if (top === COLLECTIONS_DIR) {
      if (rest.length === 0) reload = true;
      else items.push(rest.join('/'));
    } else if (top === ENVIRONMENTS_DIR && rest.length === 1 && rel.endsWith('.json')) {
      const name = (rest[0] ?? '').slice(0, -'.json'.length);
      environments.set(name, statOf(path.join(root, rel)) === undefined);
    } else if (top === HISTORY_DIR) {
      history = true;
    }
  }
  const changes: WorkspaceChange[] =
    reload || items.length > burstLimit
      ? [{ kind: 'tree.reload' }]
      : collectionChanges(root, items);
  for (const [name, deleted] of environments)
    changes.push({ kind: 'environment.changed', name, deleted });
  if (history) changes.push({ kind: 'history.changed' });
  return changes;
}
