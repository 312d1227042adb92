// Folder settings (folder.json) over the real filesystem: read with the same checks as request
// files (size limit, JSON, schema with the field path in the error), written atomically.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Auth } from '../../shared/request/auth.js';
import {
  FOLDER_SETTINGS_FILE,
  FOLDER_SETTINGS_VERSION,
  FolderSettingsSchema,
  type FolderSettingsValues,
} from '../../shared/workspace/folder-settings.js';
import { folderDirPath, folderFileToStat } from '../workspace/request-files.js';
import { writeFileAtomic } from '../workspace/store/atomic-write.js';
import { readJsonFile, toFileText, validate } from '../workspace/store/json-file.js';
import { WorkspaceError } from '../workspace/store/workspace-error.js';

/** The settings without the file's version, as the folder commands carry them. */
export type FolderSettingsView = FolderSettingsValues;

/**
 * A folder's settings by its path, as one reader sees them: a run's as they were when it started
 * (main/runner/run-folders.ts); throws as readFolderSettings does for a broken folder.json.
 */
export type FolderSettingsReader = (folderPath: string) => FolderSettingsView;

function settingsFile(root: string, folderPath: string): string {
  return path.join(folderDirPath(root, folderPath), FOLDER_SETTINGS_FILE);
}

/** A folder's settings; `{}` when it has no folder.json. A broken file is an error naming it. */
export function readFolderSettings(root: string, folderPath: string): FolderSettingsView {
  // Most folders have no folder.json, and every call of a saved request asks each folder above
  // it: a stat says "none" without opening the file and building an error (with its stack) for it,
  // or working out where the folder really leads (realpaths) for a file that is not there.
  const there = folderFileToStat(root, folderPath, FOLDER_SETTINGS_FILE);
  if (!statSync(there, { throwIfNoEntry: false })) return {};
  const file = settingsFile(root, folderPath);
  try {
    const { version: _version, ...settings } = readJsonFile(FolderSettingsSchema, file);
    return settings;
  } catch (error) {
    if (error instanceof WorkspaceError && error.errno === 'ENOENT') return {};
    throw error;
  }
}

export function saveFolderSettings(
  root: string,
  folderPath: string,
  settings: FolderSettingsView,
): FolderSettingsView {
  const dir = folderDirPath(root, folderPath);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new WorkspaceError(`no folder "${folderPath}" in this workspace`, 'ENOENT');
  const file = path.join(dir, FOLDER_SETTINGS_FILE);
  const checked = validate(
    FolderSettingsSchema,
    { version: FOLDER_SETTINGS_VERSION, ...settings },
    file,
  );
  writeFileAtomic(file, toFileText(checked));
  const { version: _version, ...saved } = checked;
  return saved;
}

/**
 * The auth of the folders a saved request sits in, nearest first (`coll/a/b`, `coll/a`, `coll`),
 * for "inherit from folder". A request not saved (no path) has none.
 */
export function folderAuthChain(
  root: string,
  requestPath: string | undefined,
  read: FolderSettingsReader = (folder) => readFolderSettings(root, folder),
): { path: string; auth: Auth | undefined }[] {
  if (requestPath === undefined) return [];
  const parts = requestPath.split('/').slice(0, -1);
  const chain: { path: string; auth: Auth | undefined }[] = [];
  for (let depth = parts.length; depth >= 1; depth--) {
    const folder = parts.slice(0, depth).join('/');
    chain.push({ path: folder, auth: read(folder).auth });
  }
  return chain;
}
