import * as grpc from '@grpc/grpc-js';
import type { MetadataEntry } from '../../shared/calls/events.js';
import type { MetadataRow } from '../../shared/request/metadata.js';
import { sentMetadata } from '../../shared/request/sent-metadata.js';
import { MetadataError } from './metadata-error.js';
import { validateEntry } from './validate-entry.js';

/**
 * Builds grpc-js Metadata from entries, validating every entry first so nothing is half-sent.
 * Throws MetadataError naming the entry; grpc-js's own throws are never let out unexplained.
 */
export function toGrpcMetadata(entries: readonly MetadataEntry[] | undefined): grpc.Metadata {
  const metadata = new grpc.Metadata();
  if (!entries) return metadata;
  const valid = entries.map((entry, index) => validateEntry(entry, index));
  valid.forEach((entry, index) => {
    try {
      metadata.add(entry.key, entry.value);
    } catch (error) {
      throw new MetadataError(
        `metadata entry ${index + 1} ("${entry.key}"): ${(error as Error).message}`,
        index,
        entry.key,
      );
    }
  });
  return metadata;
}

/** grpc-js Metadata as entries, in arrival order per key; `-bin` values become base64. */
export function fromGrpcMetadata(metadata: grpc.Metadata): MetadataEntry[] {
  const out: MetadataEntry[] = [];
  for (const key of keysOf(metadata)) {
    for (const value of metadata.get(key)) {
      out.push({
        key,
        value: typeof value === 'string' ? value : Buffer.from(value).toString('base64'),
      });
    }
  }
  return out;
}

/**
 * The keys of `metadata`. grpc-js lists them only through plain objects (toJSON, getMap), where a
 * key named `__proto__` (a peer names its headers) sets the object's prototype instead of being
 * a key; get() still has its values, so it is put back (last: its place among the keys is lost).
 */
function keysOf(metadata: grpc.Metadata): string[] {
  const keys = Object.keys(metadata.toJSON());
  if (metadata.get('__proto__').length > 0) keys.push('__proto__');
  return keys;
}

/** Checks entries without building anything; throws MetadataError on the first bad one. */
export function validateMetadata(entries: readonly MetadataEntry[]): void {
  entries.forEach((entry, index) => validateEntry(entry, index));
}

/**
 * The entries a request's metadata rows send (enabled, with a key), each checked first; an error
 * names the row as the user sees it (`metadata entry 3` is the third row, disabled ones counted).
 */
export function sentEntries(rows: readonly MetadataRow[]): MetadataEntry[] {
  rows.forEach((row, index) => {
    if (row.enabled !== false && row.key.trim() !== '') validateEntry(row, index);
  });
  return sentMetadata(rows);
}
