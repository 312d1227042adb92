import * as grpc from '@grpc/grpc-js';
import type { IncomingHttpHeaders } from 'node:http2';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { fromGrpcMetadata } from '../metadata/index.js';

/**
 * Request headers a client's transport sets itself (a call made from the workbench records only
 * its own metadata, and a replay's transport sets these again).
 */
const TRANSPORT_REQUEST_KEYS = [
  'content-type',
  'te',
  'user-agent',
  'grpc-timeout',
  'grpc-encoding',
  'grpc-accept-encoding',
  'accept-encoding',
];

/**
 * Headers whose values are a client's credentials: recordings are files anyone may share (and the
 * panel opens them as drafts that can be saved), so these are kept masked. Forwarding is untouched.
 */
export const REDACTED_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];
const CREDENTIAL_KEYS = new Set(REDACTED_HEADERS);
/** Said where a capture starts: what its recordings leave out. */
export const REDACTED_NOTE = `${REDACTED_HEADERS.join(', ')} values are masked in the recordings (forwarded unchanged)`;
export const REDACTED = '[redacted]';

/** `Bearer s3cr3t` → `Bearer [redacted]`: the scheme says how the client authenticated, not with what. */
function masked(key: string, value: string): string {
  const scheme = key.endsWith('authorization') ? /^([A-Za-z][\w.-]*) +\S/.exec(value) : null;
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/** HTTP/2 headers as the engine records metadata: grpc-js's own reading of them, `-bin` as base64. */
function entriesOf(headers: IncomingHttpHeaders, drop: readonly string[]): MetadataEntry[] {
  return (plainEntriesOf(headers, drop) ?? grpcJsEntriesOf(headers, drop)).map((entry) =>
    CREDENTIAL_KEYS.has(entry.key)
      ? { key: entry.key, value: masked(entry.key, entry.value) }
      : entry,
  );
}

/**
 * entriesOf, read once per header block a peer sends again: the proxy's HPACK reader hands every
 * repeat of a block (a client's request headers, a server's trailers, call after call) as one
 * frozen object, and reading its entries was the dearest step of recording a unary call's
 * metadata (~4% of the capture thread). Only frozen headers are remembered (they cannot change);
 * the entries are frozen too, as every recording of the block shares them.
 */
function remembered(
  known: WeakMap<IncomingHttpHeaders, MetadataEntry[]>,
  headers: IncomingHttpHeaders,
  drop: readonly string[],
): MetadataEntry[] {
  if (!Object.isFrozen(headers)) return entriesOf(headers, drop);
  let entries = known.get(headers);
  if (entries === undefined) {
    entries = Object.freeze(
      entriesOf(headers, drop).map((e) => Object.freeze(e)),
    ) as MetadataEntry[];
    known.set(headers, entries);
  }
  return entries;
}

const knownRequests = new WeakMap<IncomingHttpHeaders, MetadataEntry[]>();
const knownResponses = new WeakMap<IncomingHttpHeaders, MetadataEntry[]>();
const knownTrailers = new WeakMap<IncomingHttpHeaders, MetadataEntry[]>();

/**
 * grpc-js's Metadata.fromHttp2Headers, then fromGrpcMetadata: the reference reading, of the
 * headers' own text values only (a peer names the headers: one named like something an object
 * inherits must not bring that in) and keeping only text entries.
 */
function grpcJsEntriesOf(headers: IncomingHttpHeaders, drop: readonly string[]): MetadataEntry[] {
  const metadata = grpc.Metadata.fromHttp2Headers(textHeadersOf(headers));
  for (const key of drop) metadata.remove(key);
  return fromGrpcMetadata(metadata).filter((entry) => typeof entry.value === 'string');
}

/** The headers' own entries whose values are text (or lists of text), on no prototype. */
function textHeadersOf(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const key of Object.keys(headers)) {
    const value: unknown = headers[key];
    if (isText(value)) out[key] = value;
    else if (Array.isArray(value) && value.every(isText)) out[key] = value as string[];
  }
  return out;
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** What grpc-js's Metadata accepts as it stands (lower case: nothing to normalise). */
const PLAIN_KEY = /^[0-9a-z_.-]+$/;
const PLAIN_VALUE = /^[ -~]*$/;

/**
 * The same entries as grpcJsEntriesOf, read straight off the headers when every key is already
 * as grpc-js keeps it and every text value one it accepts (what clients and servers send); else
 * undefined, and the reference reading decides (it merges keys that differ in case, logs and
 * drops what it refuses). A proxy reads three header blocks a call: building a Metadata object
 * and converting it again cost more than the rest of reading the block.
 */
function plainEntriesOf(
  headers: IncomingHttpHeaders,
  drop: readonly string[],
): MetadataEntry[] | undefined {
  const out: MetadataEntry[] = [];
  for (const key of Object.keys(headers)) {
    if (key.charCodeAt(0) === 0x3a) continue; // ':' pseudo-headers are not metadata
    const values: unknown = headers[key];
    if (values === undefined) continue;
    // Checked before dropping: grpc-js refuses (and logs) a dropped key's bad value too.
    if (!PLAIN_KEY.test(key)) return undefined;
    const binary = key.endsWith('-bin');
    const all = isText(values) ? [values] : values;
    // Only text: anything else (e.g. an inherited function) goes to the careful reading.
    if (!Array.isArray(all) || !all.every(isText)) return undefined;
    if (!binary && !all.every((value) => PLAIN_VALUE.test(value))) return undefined;
    if (drop.includes(key)) continue;
    if (!binary) {
      for (const value of all) out.push({ key, value });
      continue;
    }
    // grpc-js splits a custom key's single value at commas; each is decoded and encoded again.
    const parts =
      typeof values === 'string' && !key.startsWith('grpc-')
        ? values.split(',').map((v) => v.trim())
        : all;
    for (const value of parts)
      out.push({ key, value: Buffer.from(value, 'base64').toString('base64') });
  }
  return out;
}

export const requestMetadataOf = (headers: IncomingHttpHeaders): MetadataEntry[] =>
  remembered(knownRequests, headers, TRANSPORT_REQUEST_KEYS);

/** Response headers as grpc-js's client hands them on (its compression filter takes these two). */
export const responseHeadersOf = (headers: IncomingHttpHeaders): MetadataEntry[] =>
  remembered(knownResponses, headers, ['grpc-encoding', 'grpc-accept-encoding']);

/** Trailers as grpc-js's client hands them on: the status travels apart from them. */
export const trailersOf = (headers: IncomingHttpHeaders): MetadataEntry[] =>
  remembered(knownTrailers, headers, ['grpc-status', 'grpc-message']);

const TIMEOUT_UNIT_MS: Record<string, number> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 0.001,
  n: 0.000001,
};

/** The call's deadline in ms from its start, from `grpc-timeout` (e.g. `100m`), if it has one. */
export function deadlineMsOf(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['grpc-timeout'];
  const match = typeof value === 'string' ? /^(\d{1,8})([HMSmun])$/.exec(value) : null;
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (TIMEOUT_UNIT_MS[match[2] as string] ?? 0));
}

/** `grpc-message` is percent-encoded on the wire. */
export function grpcMessageOf(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
