import { z } from 'zod';

/** One metadata row as entered; gRPC legality of keys and values is checked by the engine. */
export const MetadataRowSchema = z.strictObject({
  key: z.string().max(1024),
  value: z.string().max(1 << 20),
  /** A disabled row is kept (in the tab and the file) but not sent. */
  enabled: z.boolean().optional(),
});
export type MetadataRow = z.infer<typeof MetadataRowSchema>;

/** The rows that are sent: enabled, with a key, keys lower-cased as gRPC sends them. */
export function sentMetadata(rows: readonly MetadataRow[]): { key: string; value: string }[] {
  return rows
    .filter((r) => r.enabled !== false && r.key.trim() !== '')
    .map((r) => ({ key: r.key.trim().toLowerCase(), value: r.value }));
}
