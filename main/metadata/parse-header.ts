import type { MetadataEntry } from '../../shared/calls/events.js';
import { MetadataError } from './metadata-error.js';
import { validateEntry } from './validate-entry.js';

/**
 * Parses a grpcurl `-H` string, `'name: value'`. Like grpcurl, the value is everything after the
 * first colon with leading spaces trimmed, and the key is lowercased. Validated like any entry.
 */
export function parseHeader(header: string): MetadataEntry {
  const colon = header.indexOf(':');
  if (colon <= 0) {
    throw new MetadataError(`header "${header}" is not in the form "name: value"`, -1, header);
  }
  const key = header.slice(0, colon).trim();
  const value = header.slice(colon + 1).replace(/^\s+/, '');
  const valid = validateEntry({ key, value }, -1);
  return { key: valid.key, value: key.toLowerCase().endsWith('-bin') ? value.trim() : value };
}

export function parseHeaders(headers: readonly string[]): MetadataEntry[] {
  return headers.map(parseHeader);
}
