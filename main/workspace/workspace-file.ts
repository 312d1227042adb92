// `workspace.json`: format version and the workspace id (which namespaces its secrets). Its list
// of schema sources is format 1's; request files now hold their source inline, and the list is
// only read to migrate format-1 requests that name one by id.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  WORKSPACE_FORMAT_VERSION,
  WorkspaceFileSchema,
  type SchemaSource,
  type WorkspaceFile,
} from '../../shared/workspace/schema-source.js';
import type { SourceList } from './migrate/index.js';
import { writeFileAtomic } from './store/atomic-write.js';
import { readJsonFile, toFileText } from './store/json-file.js';

export const WORKSPACE_FILE = 'workspace.json';

export function workspaceFilePath(root: string): string {
  return path.join(root, WORKSPACE_FILE);
}

/** Reads workspace.json, creating it for a new (or plain) folder. A broken one is an error that says where. */
export function loadWorkspaceFile(root: string): WorkspaceFile {
  const file = workspaceFilePath(root);
  if (!existsSync(file)) {
    const fresh: WorkspaceFile = {
      version: WORKSPACE_FORMAT_VERSION,
      id: randomUUID(),
      schemaSources: [],
    };
    writeFileAtomic(file, toFileText(fresh));
    // History and migration backups are per machine; keep them out of git by default.
    const ignore = path.join(root, '.gitignore');
    if (!existsSync(ignore)) writeFileAtomic(ignore, 'history/\n.gwb-backup/\n');
    return fresh;
  }
  return readJsonFile(WorkspaceFileSchema, file);
}

/** workspace.json's schema sources, read once and only if a format-1 request asks for one. */
export function legacySchemaSources(root: string): SourceList {
  let sources: readonly SchemaSource[] | undefined;
  return () => {
    if (sources === undefined) {
      const file = workspaceFilePath(root);
      sources = existsSync(file) ? readJsonFile(WorkspaceFileSchema, file).schemaSources : [];
    }
    return sources;
  };
}
