import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { REQUEST_FILE_SUFFIX } from '../../shared/workspace/saved-request.js';
import type { FolderNode, RequestNode, TreeNode } from '../../shared/workspace/tree.js';
import { COLLECTIONS_DIR, parseRequestText } from './request-files.js';
import { TEMP_PREFIX } from './store/atomic-write.js';
import { STALE_TEMP_MS, sweepIfStale } from './store/sweep.js';

// One collator for every comparison (String.localeCompare builds one per call); numeric, so
// "step 2" sorts before "step 10".
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function byName(a: TreeNode, b: TreeNode): number {
  if ((a.kind === 'request') !== (b.kind === 'request')) return a.kind === 'request' ? 1 : -1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function readRequestNode(root: string, file: string, name: string, itemPath: string): RequestNode {
  try {
    const request = parseRequestText(root, file, readFileSync(file, 'utf8'));
    return { kind: 'request', name, path: itemPath, title: request.name, method: request.method };
  } catch (error) {
    // A hand-broken file is shown with its reason; the rest of the workspace still loads.
    return { kind: 'request', name, path: itemPath, error: (error as Error).message };
  }
}

function readFolder(root: string, dir: string, itemPath: string, staleMs: number): TreeNode[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nodes: TreeNode[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(TEMP_PREFIX)) sweepIfStale(path.join(dir, entry.name), staleMs);
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const childPath = `${itemPath}/${entry.name}`;
      const folder: FolderNode = {
        kind: 'folder',
        name: entry.name,
        path: childPath,
        children: readFolder(root, full, childPath, staleMs),
      };
      nodes.push(folder);
    } else if (entry.isFile() && entry.name.endsWith(REQUEST_FILE_SUFFIX)) {
      const name = entry.name.slice(0, -REQUEST_FILE_SUFFIX.length);
      nodes.push(readRequestNode(root, full, name, `${itemPath}/${name}`));
    }
  }
  return nodes.sort(byName);
}

/** Collections (top-level folders of `collections/`) with their folders and requests, sorted. */
export function listTree(root: string, staleMs: number = STALE_TEMP_MS): FolderNode[] {
  const base = path.join(root, COLLECTIONS_DIR);
  let entries: Dirent[];
  try {
    entries = readdirSync(base, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e): FolderNode => ({
      kind: 'collection',
      name: e.name,
      path: e.name,
      children: readFolder(root, path.join(base, e.name), e.name, staleMs),
    }))
    .sort(byName);
}

/** Every request path under a folder or collection, depth first in tree order. */
export function requestPathsUnder(nodes: readonly TreeNode[]): RequestNode[] {
  const out: RequestNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'request') out.push(node);
    else out.push(...requestPathsUnder(node.children));
  }
  return out;
}
