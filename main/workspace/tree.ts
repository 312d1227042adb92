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

function readFolder(listing: Listing, dir: string, itemPath: string): TreeNode[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nodes: TreeNode[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(TEMP_PREFIX))
      sweepIfStale(path.join(dir, entry.name), listing.staleMs);
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const childPath = `${itemPath}/${entry.name}`;
      nodes.push({
        kind: 'folder',
        name: entry.name,
        path: childPath,
        children: readFolder(listing, full, childPath),
      });
    } else if (entry.isFile() && entry.name.endsWith(REQUEST_FILE_SUFFIX)) {
      const name = entry.name.slice(0, -REQUEST_FILE_SUFFIX.length);
      nodes.push(readRequestNode(listing.root, full, `${itemPath}/${name}`, listing.sources));
    }
  }
  return nodes.sort(compareTreeNodes);
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
