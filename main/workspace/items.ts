// Request and folder operations. Renames and moves are one rename(2) each, so they are atomic;
// a folder copy is built under a temp name and renamed into place.
// Every change goes through store/ (atomic-write, fs-ops), which marks it as this process's own.
import { existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { RequestDocument } from '../../shared/request/document.js';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import {
  folderDirPath,
  normalizeRequest,
  readRequestFile,
  readSavedRequest,
  requestFilePath,
  writeRequestFile,
} from './request-files.js';
import { TEMP_PREFIX } from './store/atomic-write.js';
import { copyFolder, makeDir, removeFile, removeHidden, renamePath } from './store/fs-ops.js';
import { checkName, splitPath } from './store/names.js';
import { WorkspaceError } from './store/workspace-error.js';

function parentOf(itemPath: string): string {
  return splitPath(itemPath, 'item').slice(0, -1).join('/');
}

function join(parent: string, name: string): string {
  return parent === '' ? name : `${parent}/${name}`;
}

function mustNotExist(target: string, what: string): void {
  if (existsSync(target)) throw new WorkspaceError(`${what} already exists: ${target}`, 'EEXIST');
}

function fsError(error: unknown, action: string): never {
  if (error instanceof WorkspaceError) throw error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  throw new WorkspaceError(`cannot ${action}: ${(error as Error).message}`, code);
}

export function saveRequest(
  root: string,
  requestPath: string,
  input: RequestDocument | SavedRequest,
): SavedRequest {
  const file = requestFilePath(root, requestPath);
  const request = normalizeRequest(input, requestPath);
  writeRequestFile(file, request);
  return request;
}

export function readRequest(root: string, requestPath: string): SavedRequest {
  return readSavedRequest(root, requestPath);
}

/** Renames the file and the display name. Returns the new path and the request as now saved. */
export function renameRequest(
  root: string,
  requestPath: string,
  newName: string,
): { path: string; request: SavedRequest } {
  checkName(newName, 'request');
  const from = requestFilePath(root, requestPath);
  const newPath = join(parentOf(requestPath), newName);
  const to = requestFilePath(root, newPath);
  const request = readRequestFile(root, from);
  if (from === to) return { path: requestPath, request };
  mustNotExist(to, 'a request');
  const renamed = { ...request, name: newName };
  // Write the new file first: a crash in between leaves two copies, never none.
  writeRequestFile(to, renamed);
  removeFile(from);
  return { path: newPath, request: renamed };
}

/** Saves a copy beside it. Returns the copy's path and the copy. */
export function duplicateRequest(
  root: string,
  requestPath: string,
  newName?: string,
): { path: string; request: SavedRequest } {
  const request = readRequest(root, requestPath);
  const parent = parentOf(requestPath);
  const base = splitPath(requestPath, 'request').at(-1) ?? 'request';
  let name = newName ?? `${base} copy`;
  for (
    let n = 2;
    newName === undefined && existsSync(requestFilePath(root, join(parent, name)));
    n++
  )
    name = `${base} copy ${n}`;
  const target = join(parent, checkName(name, 'request'));
  mustNotExist(requestFilePath(root, target), 'a request');
  const copy = { ...request, name };
  writeRequestFile(requestFilePath(root, target), copy);
  return { path: target, request: copy };
}

/** Moves a request into another folder or collection (which must exist). */
export function moveRequest(root: string, requestPath: string, toFolder: string): string {
  const from = requestFilePath(root, requestPath);
  if (!existsSync(from)) throw new WorkspaceError(`no saved request ${requestPath}`, 'ENOENT');
  const name = splitPath(requestPath, 'request').at(-1) ?? '';
  const target = join(splitPath(toFolder, 'folder').join('/'), name);
  const to = requestFilePath(root, target);
  if (from === to) return requestPath;
  if (!existsSync(path.dirname(to))) throw new WorkspaceError(`no folder ${toFolder}`, 'ENOENT');
  mustNotExist(to, 'a request');
  try {
    renamePath(from, to);
  } catch (error) {
    fsError(error, `move ${requestPath} to ${toFolder}`);
  }
  return target;
}

/** Deletes and returns what was deleted (undefined when the file was unreadable), so a caller can undo by saving it back. */
export function deleteRequest(root: string, requestPath: string): SavedRequest | undefined {
  const file = requestFilePath(root, requestPath);
  if (!existsSync(file)) throw new WorkspaceError(`no saved request ${requestPath}`, 'ENOENT');
  let previous: SavedRequest | undefined;
  try {
    previous = readRequestFile(root, file);
  } catch {
    previous = undefined;
  }
  removeFile(file);
  return previous;
}

/**
 * Creates the folder and any missing parent. Returns the path of the first folder created (the
 * top of what is new), or undefined when the folder existed already.
 */
export function createFolder(root: string, folderPath: string): string | undefined {
  const parts = splitPath(folderPath, 'folder');
  let first = 0;
  while (
    first < parts.length &&
    existsSync(folderDirPath(root, parts.slice(0, first + 1).join('/')))
  )
    first++;
  if (first === parts.length) return undefined;
  makeDir(folderDirPath(root, folderPath));
  return parts.slice(0, first + 1).join('/');
}

function existingFolder(root: string, folderPath: string): string {
  const dir = folderDirPath(root, folderPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new WorkspaceError(`no folder ${folderPath}`, 'ENOENT');
  return dir;
}

export function renameFolder(root: string, folderPath: string, newName: string): string {
  const dir = existingFolder(root, folderPath);
  const newPath = join(parentOf(folderPath), checkName(newName, 'folder'));
  const to = folderDirPath(root, newPath);
  if (to === dir) return folderPath;
  mustNotExist(to, 'a folder');
  try {
    renamePath(dir, to);
  } catch (error) {
    fsError(error, `rename folder ${folderPath}`);
  }
  return newPath;
}

export function moveFolder(root: string, folderPath: string, toParent: string): string {
  const dir = existingFolder(root, folderPath);
  const name = splitPath(folderPath, 'folder').at(-1) ?? '';
  const parentParts = toParent === '' ? [] : splitPath(toParent, 'folder');
  const newPath = join(parentParts.join('/'), name);
  const to = folderDirPath(root, newPath);
  if (to === dir) return folderPath;
  if (`${to}${path.sep}`.startsWith(`${dir}${path.sep}`))
    throw new WorkspaceError(`cannot move folder ${folderPath} into itself`);
  if (parentParts.length > 0) existingFolder(root, toParent);
  mustNotExist(to, 'a folder');
  try {
    renamePath(dir, to);
  } catch (error) {
    fsError(error, `move folder ${folderPath}`);
  }
  return newPath;
}

export function duplicateFolder(root: string, folderPath: string, newName?: string): string {
  const dir = existingFolder(root, folderPath);
  const base = splitPath(folderPath, 'folder').at(-1) ?? 'folder';
  const parent = parentOf(folderPath);
  let name = newName ?? `${base} copy`;
  for (let n = 2; newName === undefined && existsSync(folderDirPath(root, join(parent, name))); n++)
    name = `${base} copy ${n}`;
  const newPath = join(parent, checkName(name, 'folder'));
  const to = folderDirPath(root, newPath);
  mustNotExist(to, 'a folder');
  const temp = path.join(path.dirname(to), `${TEMP_PREFIX}${randomBytes(4).toString('hex')}`);
  try {
    copyFolder(dir, temp);
    renamePath(temp, to);
  } catch (error) {
    removeHidden(temp);
    fsError(error, `duplicate folder ${folderPath}`);
  }
  return newPath;
}

export function deleteFolder(root: string, folderPath: string): void {
  const dir = existingFolder(root, folderPath);
  // Rename away first so a crash mid-delete never leaves a half-deleted folder in the tree.
  const temp = path.join(
    path.dirname(dir),
    `${TEMP_PREFIX}deleted-${randomBytes(4).toString('hex')}`,
  );
  renamePath(dir, temp);
  removeHidden(temp);
}
