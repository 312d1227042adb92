// Format versions. v1 is current. v0 is the shape saved before files carried a version
// (`{name, url, method: "pkg.Service/Method", plaintext, data, headers, timeoutSeconds}`); it is
// rewritten as v1 on first read, after a copy of the original goes to `.gwb-backup/v0/`.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { JsonValue } from '../../shared/calls/events.js';
import {
  REQUEST_FORMAT_VERSION,
  SavedRequestSchema,
  type SavedRequest,
} from '../../shared/workspace/saved-request.js';
import { writeFileAtomic } from './store/atomic-write.js';
import { toFileText, validate } from './store/json-file.js';
import { WorkspaceError } from './store/workspace-error.js';

export const BACKUP_DIR = '.gwb-backup';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isV0Request(value: unknown): boolean {
  return (
    isObject(value) &&
    !('version' in value) &&
    typeof value.url === 'string' &&
    typeof value.method === 'string'
  );
}

function v0Body(data: unknown, file: string): JsonValue {
  if (data === undefined || data === '') return {};
  if (typeof data !== 'string') return data as JsonValue;
  try {
    return JSON.parse(data) as JsonValue;
  } catch {
    throw new WorkspaceError(`${file}: data: the v0 request body is not valid JSON`, 'ECORRUPT');
  }
}

export function migrateV0Request(value: Record<string, unknown>, file: string): SavedRequest {
  const method = String(value.method).replace(/^\//, '');
  const slash = method.lastIndexOf('/');
  const cut = slash !== -1 ? slash : method.lastIndexOf('.');
  const headers = isObject(value.headers) ? value.headers : {};
  const timeout =
    typeof value.timeoutSeconds === 'number' ? Math.round(value.timeoutSeconds * 1000) : undefined;
  return validate(
    SavedRequestSchema,
    {
      version: REQUEST_FORMAT_VERSION,
      name:
        typeof value.name === 'string' && value.name !== ''
          ? value.name
          : path.basename(file, '.grpc.json'),
      connection: {
        address: value.url,
        security: value.plaintext === false ? { kind: 'tls' } : { kind: 'plaintext' },
      },
      method: `/${method.slice(0, cut)}/${method.slice(cut + 1)}`,
      body: v0Body(value.data, file),
      metadata: Object.entries(headers).map(([key, v]) => ({ key, value: String(v) })),
      ...(timeout !== undefined && timeout > 0 ? { deadlineMs: timeout } : {}),
      options: {},
      notes: typeof value.notes === 'string' ? value.notes : '',
    },
    file,
  );
}

/** Copies the old file under `.gwb-backup/v0/<same relative path>`, then writes the v1 form in place. */
export function migrateRequestFile(
  root: string,
  file: string,
  value: Record<string, unknown>,
): SavedRequest {
  const migrated = migrateV0Request(value, file);
  const backup = path.join(root, BACKUP_DIR, 'v0', path.relative(root, file));
  mkdirSync(path.dirname(backup), { recursive: true });
  copyFileSync(file, backup);
  writeFileAtomic(file, toFileText(migrated));
  return migrated;
}
