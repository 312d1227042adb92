// Metadata as editable rows: a row can be switched off without losing what was typed.
import type { MetadataEntry } from '../../shared/calls/events.js';

export interface MetaRow {
  key: string;
  value: string;
  enabled: boolean;
}

export const emptyRow = (): MetaRow => ({ key: '', value: '', enabled: true });

/** Enabled rows with a key, keys lower-cased as gRPC sends them. */
export function parseRows(rows: readonly MetaRow[]): MetadataEntry[] {
  return rows
    .filter((r) => r.enabled && r.key.trim() !== '')
    .map((r) => ({ key: r.key.trim().toLowerCase(), value: r.value }));
}

/** A problem with a row, said before the call is made (the engine checks again). */
export function rowProblem(r: MetaRow): string | null {
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
