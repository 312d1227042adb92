import type { MetadataEntry } from '../../shared/calls/events.js';
import { binValueEncoding } from '../../shared/grpcurl/bin-value.js';
import { MetadataError } from './metadata-error.js';

const LEGAL_KEY = /^[0-9a-z_.-]+$/;
// Header values travel as HTTP/2 field values; grpc-js (and the spec) allow printable ASCII only.
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Set by the transport itself: a user value would be dropped or break the HTTP/2 request.
const TRANSPORT_KEYS = new Set([
  'content-type',
  'te',
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
]);

export interface ValidEntry {
  key: string;
  /** String for text keys, decoded bytes for `-bin` keys. */
  value: string | Buffer;
}

function describe(index: number, key: string): string {
  return index >= 0 ? `metadata entry ${index + 1} ("${key}")` : `metadata "${key}"`;
}

/** Normalises (lowercases) and checks one entry; the error names the entry and what is wrong. */
export function validateEntry(entry: MetadataEntry, index: number): ValidEntry {
  const rawKey = entry.key.trim();
  const key = rawKey.toLowerCase();
  const where = describe(index, rawKey);
  if (key.length === 0) throw new MetadataError(`${where}: the key is empty`, index, rawKey);
  if (!LEGAL_KEY.test(key)) {
    const bad = [...key].find((c) => !/[0-9a-z_.-]/.test(c)) ?? '';
    throw new MetadataError(
      `${where}: illegal character ${JSON.stringify(bad)} in key (allowed: a-z 0-9 - _ .)`,
      index,
      rawKey,
    );
  }
  if (key.startsWith('grpc-')) {
    throw new MetadataError(
      `${where}: keys starting with "grpc-" are reserved for gRPC itself`,
      index,
      rawKey,
    );
  }
  if (TRANSPORT_KEYS.has(key)) {
    throw new MetadataError(
      `${where}: "${key}" is set by the HTTP/2 transport and cannot be sent as metadata`,
      index,
      rawKey,
    );
  }
  if (typeof entry.value !== 'string') {
    throw new MetadataError(`${where}: the value must be a string`, index, rawKey);
  }
  if (key.endsWith('-bin'))
    return { key, value: decodeBase64(entry.value.trim(), where, index, rawKey) };
  if (!PRINTABLE_ASCII.test(entry.value)) {
    const pos = [...entry.value].findIndex((c) => !PRINTABLE_ASCII.test(c));
    throw new MetadataError(
      `${where}: the value has a non-printable or non-ASCII character at position ${pos + 1}; ` +
        'use a key ending in "-bin" (base64 value) for binary data',
      index,
      rawKey,
    );
  }
  return { key, value: entry.value };
}

/**
 * A `-bin` row holds base64 (the request document's rule, the UI's and saved requests' alike): any
 * of grpcurl's four alphabets. Text none of them decodes is refused here, naming the row; gwb's -H
 * reading sends such text as grpcurl does, converting it before a row is made (with a warning).
 */
function decodeBase64(text: string, where: string, index: number, rawKey: string): Buffer {
  const encoding = binValueEncoding(text);
  if (encoding === undefined) {
    throw new MetadataError(
      `${where}: keys ending in "-bin" need a base64 value; "${text}" is not valid base64`,
      index,
      rawKey,
    );
  }
  return Buffer.from(text, encoding);
}
