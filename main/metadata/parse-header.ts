import type { MetadataEntry } from '../../shared/calls/events.js';
import { goTrimSpace } from '../../shared/grpcurl/go-trim-space.js';
import { MetadataError } from './metadata-error.js';
import { validateEntry } from './validate-entry.js';

/**
 * Parses a grpcurl `-H` string, `'name: value'`. Like grpcurl, the value is everything after the
 * first colon, both halves trimmed at both ends (Go's strings.TrimSpace), and the key is
 * lowercased. Validated like any entry.
 */
export function parseHeader(header: string): MetadataEntry {
  const colon = header.indexOf(':');
  if (colon <= 0) {
    throw new MetadataError(`header "${header}" is not in the form "name: value"`, -1, header);
  }
  const key = goTrimSpace(header.slice(0, colon));
  const value = goTrimSpace(header.slice(colon + 1));
  const valid = validateEntry({ key, value }, -1);
  return { key: valid.key, value };
}

export function parseHeaders(headers: readonly string[]): MetadataEntry[] {
  return headers.map(parseHeader);
}
