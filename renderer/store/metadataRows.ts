// Metadata as editable rows (the request document's rows): a row can be switched off without
// losing what was typed. What is sent is `sentMetadata` (shared/request).
import type { MetadataRow } from '../../shared/request/index.js';

export const emptyRow = (): MetadataRow => ({ key: '', value: '' });

export const rowEnabled = (r: MetadataRow): boolean => r.enabled !== false;

/** A problem with a row, said before the call is made (the engine checks again). */
export function rowProblem(r: MetadataRow): string | null {
  const key = r.key.trim().toLowerCase();
  if (!key) return null;
  if (!/^[0-9a-z_.-]+$/.test(key)) return 'keys may only use 0-9 a-z _ . -';
  if (key.startsWith('grpc-')) return 'grpc- keys are reserved';
  if (key.endsWith('-bin'))
    return /^[A-Za-z0-9+/]*={0,2}$/.test(r.value.trim())
      ? null
      : 'a -bin value is base64 of the bytes';
  if (!/^[\x20-\x7e]*$/.test(r.value))
    return 'values must be printable ASCII (use a -bin key for bytes)';
  return null;
}

/** The row switched on (no `enabled` key, as files write it) or off. */
export const withEnabled = (r: MetadataRow, on: boolean): MetadataRow =>
  on ? { key: r.key, value: r.value } : { key: r.key, value: r.value, enabled: false };
