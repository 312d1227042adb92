// `workspace.json`: format version, the workspace id and the schema sources.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  SchemaSourceSchema,
  WORKSPACE_FORMAT_VERSION,
  WorkspaceFileSchema,
  type SchemaSource,
  type SchemaSourceInput,
  type WorkspaceFile,
} from '../../shared/workspace/schema-source.js';
import { writeFileAtomic } from './store/atomic-write.js';
import { readJsonFile, toFileText, validate } from './store/json-file.js';
import { WorkspaceError } from './store/workspace-error.js';

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

export class SchemaSources {
  constructor(private readonly root: string) {}

  list(): SchemaSource[] {
    return loadWorkspaceFile(this.root).schemaSources;
  }

  get(id: string): SchemaSource {
    const source = this.list().find((s) => s.id === id);
    if (!source)
      throw new WorkspaceError(
        `no schema source "${id}" in ${workspaceFilePath(this.root)}`,
        'ENOENT',
      );
    return source;
  }

  /** Adds or replaces (by id). */
  save(source: SchemaSource): SchemaSource {
    const checked = validate(SchemaSourceSchema, source, `schema source "${source.id}"`);
    const file = loadWorkspaceFile(this.root);
    const index = file.schemaSources.findIndex((s) => s.id === checked.id);
    if (index === -1) file.schemaSources.push(checked);
    else file.schemaSources[index] = checked;
    writeFileAtomic(workspaceFilePath(this.root), toFileText(file));
    return checked;
  }

  delete(id: string): void {
    const file = loadWorkspaceFile(this.root);
    const kept = file.schemaSources.filter((s) => s.id !== id);
    if (kept.length === file.schemaSources.length)
      throw new WorkspaceError(`no schema source "${id}"`, 'ENOENT');
    writeFileAtomic(workspaceFilePath(this.root), toFileText({ ...file, schemaSources: kept }));
  }

  /** An existing source with the same content, or this one added under a free id. */
  addOrReuse(source: SchemaSourceInput): SchemaSource {
    const existing = this.list();
    const same = existing.find((s) => sameContent(s, source));
    if (same) return same;
    const base = source.id ?? source.kind;
    let id = base;
    for (let n = 2; existing.some((s) => s.id === id); n++) id = `${base}-${n}`;
    return this.save({ ...source, id } as SchemaSource);
  }
}

function sameContent(a: SchemaSource, b: SchemaSourceInput): boolean {
  const strip = (s: object): string => JSON.stringify({ ...s, id: undefined });
  return strip(a) === strip(b);
}
