// Format 0: what was saved before files carried a version:
// `{name, url, method: "pkg.Service/Method", plaintext, data, headers, timeoutSeconds}`.
import path from 'node:path';
import type { JsonValue } from '../../../shared/calls/events.js';
import { WorkspaceError } from '../store/workspace-error.js';
import type { RequestV1 } from './v1-format.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isV0Request(value: unknown): value is Record<string, unknown> {
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

/** The v0 fields in format 1's shape (no schema source: v0 always used reflection); checked later. */
export function v0AsV1(value: Record<string, unknown>, file: string): RequestV1 {
  const method = String(value.method).replace(/^\//, '');
  const slash = method.lastIndexOf('/');
  const cut = slash !== -1 ? slash : method.lastIndexOf('.');
  const headers = isObject(value.headers) ? value.headers : {};
  const timeout =
    typeof value.timeoutSeconds === 'number' ? Math.round(value.timeoutSeconds * 1000) : undefined;
  return {
    version: 1,
    name:
      typeof value.name === 'string' && value.name !== ''
        ? value.name
        : path.basename(file, '.grpc.json'),
    connection: {
      address: value.url as string,
      security: value.plaintext === false ? { kind: 'tls' } : { kind: 'plaintext' },
    },
    method: `/${method.slice(0, cut)}/${method.slice(cut + 1)}`,
    body: v0Body(value.data, file),
    metadata: Object.entries(headers).map(([key, v]) => ({ key, value: String(v) })),
    ...(timeout !== undefined && timeout > 0 ? { deadlineMs: timeout } : {}),
    options: {},
    notes: typeof value.notes === 'string' ? value.notes : '',
  };
}
