import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  REQUEST_FILE_SUFFIX,
  REQUEST_FORMAT_VERSION,
  SavedRequestSchema,
  type SavedRequest,
  type SavedRequestInput,
} from '../../shared/workspace/saved-request.js';
import { isV0Request, migrateRequestFile } from './migrate.js';
import { writeFileAtomic } from './store/atomic-write.js';
import { parseJsonText, readText, toFileText, validate } from './store/json-file.js';
import { splitPath } from './store/names.js';
import { WorkspaceError } from './store/workspace-error.js';

export const COLLECTIONS_DIR = 'collections';

/** `collection/folder/name` → `<root>/collections/collection/folder/name.grpc.json` */
export function requestFilePath(root: string, requestPath: string): string {
  const parts = splitPath(requestPath, 'request');
  if (parts.length < 2)
    throw new WorkspaceError(
      `request path "${requestPath}" needs a collection and a name (collection/name)`,
    );
  const name = parts.pop() ?? '';
  return path.join(root, COLLECTIONS_DIR, ...parts, `${name}${REQUEST_FILE_SUFFIX}`);
}

export function folderDirPath(root: string, folderPath: string): string {
  return path.join(root, COLLECTIONS_DIR, ...splitPath(folderPath, 'folder'));
}

/** Fills defaults and puts keys in the file's order (zod outputs keys in schema order). */
export function normalizeRequest(
  input: SavedRequestInput | SavedRequest,
  where = 'request',
): SavedRequest {
  return validate(
    SavedRequestSchema,
    {
      version: REQUEST_FORMAT_VERSION,
      ...input,
      body: input.body ?? {},
      metadata: input.metadata ?? [],
      options: input.options ?? {},
      notes: input.notes ?? '',
    },
    where,
  );
}

export function requestFileText(request: SavedRequest): string {
  return toFileText(request);
}

export function parseRequestText(root: string, file: string, text: string): SavedRequest {
  const value = parseJsonText(text, file);
  if (isV0Request(value)) return migrateRequestFile(root, file, value as Record<string, unknown>);
  return validate(SavedRequestSchema, value, file);
}

export function readRequestFile(root: string, file: string): SavedRequest {
  if (!existsSync(file)) throw new WorkspaceError(`no saved request at ${file}`, 'ENOENT');
  return parseRequestText(root, file, readText(file));
}

export function writeRequestFile(file: string, request: SavedRequest): void {
  writeFileAtomic(file, requestFileText(request));
}
