// Request files: `collections/<collection>/<folder…>/<name>.grpc.json`, format 2 (the request
// document with a version). Older formats are migrated as they are read (migrate/).
import path from 'node:path';
import type { RequestDocument } from '../../shared/request/document.js';
import {
  REQUEST_FILE_SUFFIX,
  REQUEST_FORMAT_VERSION,
  SavedRequestSchema,
  type SavedRequest,
} from '../../shared/workspace/saved-request.js';
import type { RequestNode } from '../../shared/workspace/tree.js';
import { copyJson } from '../../shared/json/copy-json.js';
import { deepFreeze } from '../../shared/json/frozen-json.js';
import { requestFromFileValue, type SourceList } from './migrate/index.js';
import { writeFileAtomic } from './store/atomic-write.js';
import {
  parseJsonText,
  readText,
  readTextInside,
  toFileText,
  validate,
} from './store/json-file.js';
import { insideWorkspace } from './store/inside.js';
import { cachedValue } from './store/read-cache.js';
import { splitPath } from './store/names.js';
import { WorkspaceError } from './store/workspace-error.js';
import { legacySchemaSources } from './workspace-file.js';

export const COLLECTIONS_DIR = 'collections';

/**
 * The file paths of request paths already worked out, by workspace folder and request path: a
 * run reads its saved requests call after call. Only the names (checked) and the join are kept:
 * where the file really leads is asked on every use (insideWorkspace), except a read that takes
 * the kept text of the unchanged file already found inside (readSavedRequest).
 */
const filePaths = new Map<string, string>();
/** Enough for the requests of a large workspace; the oldest goes first beyond it. */
const MAX_FILE_PATHS = 8_192;

/** `collection/folder/name` → `<root>/collections/collection/folder/name.grpc.json`, unconfined. */
function requestFileName(root: string, requestPath: string): string {
  const key = `${root}\0${requestPath}`;
  const kept = filePaths.get(key);
  if (kept !== undefined) return kept;
  const parts = splitPath(requestPath, 'request');
  if (parts.length < 2)
    throw new WorkspaceError(
      `request path "${requestPath}" needs a collection and a name (collection/name)`,
    );
  const name = parts.pop() ?? '';
  const file = path.join(root, COLLECTIONS_DIR, ...parts, `${name}${REQUEST_FILE_SUFFIX}`);
  filePaths.set(key, file);
  if (filePaths.size > MAX_FILE_PATHS) filePaths.delete(filePaths.keys().next().value as string);
  return file;
}

/** `collection/folder/name` → `<root>/collections/collection/folder/name.grpc.json` */
export function requestFilePath(root: string, requestPath: string): string {
  return insideWorkspace(root, requestFileName(root, requestPath));
}

/**
 * `collection/folder` → `<root>/collections/collection/folder`: the names checked, but not where
 * the folder really leads (symlinks). The one place a folder's path is built.
 */
function folderPathOf(root: string, folderPath: string): string {
  return path.join(root, COLLECTIONS_DIR, ...splitPath(folderPath, 'folder'));
}

/**
 * Where a file of a folder (its folder.json) would be, without working out where the folder
 * really leads. Only to ask whether the file is there; read it at folderDirPath's path.
 */
export function folderFileToStat(root: string, folderPath: string, name: string): string {
  return path.join(folderPathOf(root, folderPath), name);
}

/** A folder's path, refused when it really leads outside the workspace. */
export function folderDirPath(root: string, folderPath: string): string {
  return insideWorkspace(root, folderPathOf(root, folderPath));
}

/** A document (or a saved request) as saved: checked, with the version, keys in the file's order. */
export function normalizeRequest(
  input: RequestDocument | SavedRequest,
  where = 'request',
): SavedRequest {
  // zod outputs keys in schema order, whatever order they came in.
  return validate(SavedRequestSchema, { ...input, version: REQUEST_FORMAT_VERSION }, where);
}

/** The document inside a saved request (what the contract, the tab and a call take). */
export function documentOf(saved: SavedRequest): RequestDocument {
  const { version: _version, ...document } = saved;
  return document;
}

/** The tree node of a saved request at `requestPath`. */
export function requestNodeOf(requestPath: string, request: SavedRequest): RequestNode {
  return {
    kind: 'request',
    name: requestPath.slice(requestPath.lastIndexOf('/') + 1),
    path: requestPath,
    title: request.name,
    method: request.method,
  };
}

export function requestFileText(request: SavedRequest): string {
  return toFileText(request);
}

/**
 * The request of a file's text, parsed and checked (and migrated) once per text read from disk
 * (read-cache.ts): a run reads each saved request for the tree and again to send it, run after
 * run. The kept request is shared: readers that only look at it (the tree, a run) take it as it
 * is. It is frozen all the way down, so a reader that would change it throws instead of changing
 * it for every other reader, and what is made of its parts (a message's encoded bytes) can be
 * kept with them (frozen-json.ts).
 */
function parsedRequest(
  root: string,
  file: string,
  text: string,
  sources: SourceList,
): Readonly<SavedRequest> {
  return cachedValue(file, text, () =>
    deepFreeze(requestFromFileValue(root, file, parseJsonText(text, file), sources)),
  );
}

/**
 * The saved request of a file's text, shared with other readers of the same text: to look at,
 * never to change (the tree's nodes).
 */
export function sharedRequestOfText(
  root: string,
  file: string,
  text: string,
  sources: SourceList = legacySchemaSources(root),
): Readonly<SavedRequest> {
  return parsedRequest(root, file, text, sources);
}

/** `sources`: workspace.json's format-1 schema sources (share one across many files). */
export function parseRequestText(
  root: string,
  file: string,
  text: string,
  sources: SourceList = legacySchemaSources(root),
): SavedRequest {
  // The caller's own copy: what it does with it never reaches the kept one. Copied as data, not
  // through its JSON text (a parse of the text cost a run's read of a request 3-4× the copy).
  return copyJson(parsedRequest(root, file, text, sources));
}

/** The saved request at `file`, a path already checked to lead inside the workspace. */
export function readRequestFile(
  root: string,
  file: string,
  sources: SourceList = legacySchemaSources(root),
): SavedRequest {
  return parseRequestText(
    root,
    file,
    requestText(file, () => readText(file)),
    sources,
  );
}

/**
 * The saved request at `requestPath`, refused when its file really leads outside the workspace:
 * checked before its file is read, not when its kept text is still the file's (read-cache.ts).
 */
export function readSavedRequest(root: string, requestPath: string): SavedRequest {
  // The caller's own copy (see parseRequestText).
  return copyJson(readSharedSavedRequest(root, requestPath));
}

/**
 * readSavedRequest without the copy: the kept request, shared with every other reader of the
 * unchanged file, to look at and never to change. A run reads each request it sends and changes
 * nothing of it (what it sends is made anew by the substitution of its variables).
 */
export function readSharedSavedRequest(root: string, requestPath: string): Readonly<SavedRequest> {
  const file = requestFileName(root, requestPath);
  const text = requestText(file, () => readTextInside(root, file));
  return parsedRequest(root, file, text, legacySchemaSources(root));
}

function requestText(file: string, read: () => string): string {
  try {
    return read();
  } catch (error) {
    if (error instanceof WorkspaceError && error.errno === 'ENOENT')
      throw new WorkspaceError(`no saved request at ${file}`, 'ENOENT');
    throw error;
  }
}

export function writeRequestFile(file: string, request: SavedRequest): void {
  writeFileAtomic(file, requestFileText(request));
}
