// Reading a request file of any format. Format 2 is current; a file of format 0 or 1 is copied to
// `.gwb-backup/v<format>/<same relative path>` first, then rewritten as format 2 in place, and
// the migration is logged in `.gwb-backup/migration.log`. A file that cannot be migrated (a schema
// source id missing from workspace.json, a field format 2 refuses) is left untouched and the
// error names it.
import { appendFileSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  REQUEST_FORMAT_VERSION,
  SavedRequestSchema,
  type SavedRequest,
} from '../../../shared/workspace/saved-request.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { toFileText, validate } from '../store/json-file.js';
import { WorkspaceError } from '../store/workspace-error.js';
import { isV0Request, v0AsV1 } from './v0-format.js';
import { RequestV1Schema } from './v1-format.js';
import { requestFromV1, type SourceList } from './v1-to-v2.js';

export const BACKUP_DIR = '.gwb-backup';
export const MIGRATION_LOG = 'migration.log';

function versionOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' && 'version' in value
    ? (value as { version: unknown }).version
    : undefined;
}

/** A free backup name: an earlier backup of the same path is never overwritten. */
function backupPath(root: string, file: string, from: number): string {
  const base = path.join(root, BACKUP_DIR, `v${from}`, path.relative(root, file));
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}.${n}`;
  return candidate;
}

function migrateInPlace(
  root: string,
  file: string,
  from: number,
  migrated: SavedRequest,
  notes: readonly string[],
): void {
  const backup = backupPath(root, file, from);
  mkdirSync(path.dirname(backup), { recursive: true });
  copyFileSync(file, backup);
  writeFileAtomic(file, toFileText(migrated));
  const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  const line = [
    `${new Date().toISOString()} ${rel(file)}: format ${from} → ${REQUEST_FORMAT_VERSION}, original in ${rel(backup)}`,
    ...notes.map((n) => `  ${n}`),
  ].join('\n');
  try {
    appendFileSync(path.join(root, BACKUP_DIR, MIGRATION_LOG), `${line}\n`);
  } catch {
    // The log is a courtesy; the backup and the rewritten file are what matter.
  }
}

/**
 * The saved request in a parsed request file, migrating it on disk when it is of an older format.
 * `sources` lists workspace.json's schema sources; it is only called for a format-1 file that
 * names one.
 */
export function requestFromFileValue(
  root: string,
  file: string,
  value: unknown,
  sources: SourceList,
): SavedRequest {
  const version = versionOf(value);
  if (version === REQUEST_FORMAT_VERSION) return validate(SavedRequestSchema, value, file);
  let from: number;
  let v1;
  if (isV0Request(value)) {
    from = 0;
    v1 = validate(RequestV1Schema, v0AsV1(value, file), file);
  } else if (version === 1) {
    from = 1;
    v1 = validate(RequestV1Schema, value, file);
  } else if (typeof version === 'number' && version > REQUEST_FORMAT_VERSION) {
    throw new WorkspaceError(
      `${file}: version: format ${version} is newer than this app reads (${REQUEST_FORMAT_VERSION}); update the app`,
      'ECORRUPT',
    );
  } else {
    return validate(SavedRequestSchema, value, file);
  }
  const { request, notes } = requestFromV1(v1, sources, file);
  const migrated = validate(
    SavedRequestSchema,
    { version: REQUEST_FORMAT_VERSION, ...request },
    file,
  );
  migrateInPlace(root, file, from, migrated, notes);
  return migrated;
}
