import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { REQUEST_FILE_SUFFIX, type SavedRequest } from '../../shared/workspace/saved-request.js';
import {
  compareTreeNodes,
  type FolderNode,
  type RequestNode,
  type TreeNode,
} from '../../shared/workspace/tree.js';
import type { SourceList } from './migrate/index.js';
import {
  COLLECTIONS_DIR,
  folderDirPath,
  parseRequestText,
  requestNodeOf,
  sharedRequestOfText,
} from './request-files.js';
import { TEMP_PREFIX } from './store/atomic-write.js';
import { readText } from './store/json-file.js';
import { STALE_TEMP_MS, sweepIfStale } from './store/sweep.js';
import { legacySchemaSources } from './workspace-file.js';

interface Listing {
  root: string;
  staleMs: number;
  /** One read of workspace.json for the whole listing, and only if a format-1 file needs it. */
  sources: SourceList;
}

/** The node of one request file: parsed (and migrated) alone; a broken file is a node with its error. */
export function readRequestNode(
  root: string,
  file: string,
  itemPath: string,
  sources: SourceList = legacySchemaSources(root),
): RequestNode {
  try {
    return requestNodeOf(itemPath, sharedRequestOfText(root, file, readText(file), sources));
  } catch (error) {
    // A hand-broken file is shown with its reason; the rest of the workspace still loads.
    const name = itemPath.slice(itemPath.lastIndexOf('/') + 1);
    return { kind: 'request', name, path: itemPath, error: (error as Error).message };
  }
}

/** A folder's entry as listings take it: a folder, or a request file (named without its suffix). */
interface Listed {
  kind: 'folder' | 'request';
  name: string;
  full: string;
}

/**
 * What a folder lists, in tree order: its folders and its request files (by the entry's own type:
 * a symlink is neither), never a name starting with `.`. `sweep`: the stale temporary files of
 * interrupted writes are removed on the way (the tree's listing does; a run's does not).
 */
function listedIn(dir: string, sweep?: { staleMs: number }): Listed[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const listed: Listed[] = [];
  for (const entry of entries) {
    if (sweep && entry.name.startsWith(TEMP_PREFIX))
      sweepIfStale(path.join(dir, entry.name), sweep.staleMs);
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listed.push({ kind: 'folder', name: entry.name, full });
    else if (entry.isFile() && entry.name.endsWith(REQUEST_FILE_SUFFIX))
      listed.push({
        kind: 'request',
        name: entry.name.slice(0, -REQUEST_FILE_SUFFIX.length),
        full,
      });
  }
  // Names alone decide the order (compareTreeNodes looks at kind and name only).
  return listed.sort(compareTreeNodes);
}

function readFolder(listing: Listing, dir: string, itemPath: string): TreeNode[] {
  return listedIn(dir, listing).map((item): TreeNode => {
    const childPath = `${itemPath}/${item.name}`;
    return item.kind === 'folder'
      ? {
          kind: 'folder',
          name: item.name,
          path: childPath,
          children: readFolder(listing, item.full, childPath),
        }
      : readRequestNode(listing.root, item.full, childPath, listing.sources);
  });
}

/**
 * The request paths of a run's target — a collection, a folder or one request — in tree order,
 * as requestsOfTarget finds them in listTree's tree (main/runner/run-plan.ts), from the folders'
 * listings alone: no request file is stat'ed, read or parsed (a run reads each when it reaches
 * it, and says then what is wrong with it), and no other collection is listed. Undefined when the
 * workspace has no such item. Each name of the target is matched against a listing (never joined
 * into a path as given), so only what the tree would show is found.
 */
export function requestPathsOf(root: string, target: string): string[] | undefined {
  const names = target.split('/');
  let dir = path.join(root, COLLECTIONS_DIR);
  // The top level lists collections only: folders.
  let items = listedIn(dir).filter((item) => item.kind === 'folder');
  for (let i = 0; i < names.length; i++) {
    const last = i === names.length - 1;
    // Folders first, as the tree's order has them: a folder wins over a request of its name.
    const item = items.find((it) => it.name === names[i] && (last || it.kind === 'folder'));
    if (item === undefined) return undefined;
    if (item.kind === 'request') return [target];
    dir = item.full;
    items = listedIn(dir);
  }
  const out: string[] = [];
  const walk = (listed: readonly Listed[], itemPath: string): void => {
    for (const item of listed) {
      const childPath = `${itemPath}/${item.name}`;
      if (item.kind === 'folder') walk(listedIn(item.full), childPath);
      else out.push(childPath);
    }
  };
  walk(items, target);
  return out;
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
  const listing: Listing = { root, staleMs, sources: legacySchemaSources(root) };
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e): FolderNode => ({
      kind: 'collection',
      name: e.name,
      path: e.name,
      children: readFolder(listing, path.join(base, e.name), e.name),
    }))
    .sort(compareTreeNodes);
}

/** One collection or folder with everything under it (the node of a folder that moved or appeared). */
export function listFolder(
  root: string,
  folderPath: string,
  staleMs: number = STALE_TEMP_MS,
): FolderNode {
  const listing: Listing = { root, staleMs, sources: legacySchemaSources(root) };
  return {
    kind: folderPath.includes('/') ? 'folder' : 'collection',
    name: folderPath.slice(folderPath.lastIndexOf('/') + 1),
    path: folderPath,
    children: readFolder(listing, folderDirPath(root, folderPath), folderPath),
  };
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

/** Every request file under `collections/` parsed once (broken ones skipped), in no set order. */
export function readAllRequests(root: string): { path: string; request: SavedRequest }[] {
  const sources = legacySchemaSources(root);
  const out: { path: string; request: SavedRequest }[] = [];
  const walk = (dir: string, itemPath: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const childPath = itemPath === '' ? entry.name : `${itemPath}/${entry.name}`;
      if (entry.isDirectory()) walk(full, childPath);
      else if (itemPath !== '' && entry.isFile() && entry.name.endsWith(REQUEST_FILE_SUFFIX)) {
        const requestPath = childPath.slice(0, -REQUEST_FILE_SUFFIX.length);
        try {
          out.push({
            path: requestPath,
            request: parseRequestText(root, full, readText(full), sources),
          });
        } catch {
          // listed with its error by the tree; nothing to check here
        }
      }
    }
  };
  walk(path.join(root, COLLECTIONS_DIR), '');
  return out;
}
