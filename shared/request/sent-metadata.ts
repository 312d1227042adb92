// What of the metadata rows is sent, without zod (the renderer bundle imports this at run time).
import type { MetadataRow } from './metadata.js';

/** The rows that are sent: enabled, with a key, keys lower-cased as gRPC sends them. */
export function sentMetadata(rows: readonly MetadataRow[]): { key: string; value: string }[] {
  return rows
    .filter((r) => r.enabled !== false && r.key.trim() !== '')
    .map((r) => ({ key: r.key.trim().toLowerCase(), value: r.value }));
}
