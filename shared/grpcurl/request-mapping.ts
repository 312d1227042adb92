// The small pieces the flag table uses to map flags onto the request document and back.
import type { JsonValue } from '../calls/events.js';
import type { Security } from '../request/connection.js';
import type { RequestDocument } from '../request/document.js';
import type { MetadataRow } from '../request/metadata.js';
import { sentMetadata } from '../request/sent-metadata.js';
import { GrpcurlError } from './errors.js';
import { textAsBase64 } from './bin-value.js';
import { sentAsText } from './bin-header-warnings.js';
import { splitHeader } from './header-split.js';
import { JsonStreamError, parseJsonStream } from './json-stream.js';

type Tls = Extract<Security, { kind: 'tls' }>;

/** grpcurl counts in seconds, the document in milliseconds (at least 1 once set). */
export const secondsToMs = (seconds: number): number => Math.max(1, Math.round(seconds * 1000));
export const msToSeconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;

export function tlsOf(doc: RequestDocument): Tls | undefined {
  const security = doc.connection.security;
  return security.kind === 'tls' ? security : undefined;
}

/** The document with its TLS settings extended (grpcurl's default is TLS, so it starts as TLS). */
export function withTls(doc: RequestDocument, patch: Omit<Partial<Tls>, 'kind'>): RequestDocument {
  return withConnection(doc, { security: { ...(tlsOf(doc) ?? { kind: 'tls' }), ...patch } });
}

export function withConnection(
  doc: RequestDocument,
  patch: Partial<RequestDocument['connection']>,
): RequestDocument {
  return { ...doc, connection: { ...doc.connection, ...patch } };
}

/** Whether the schema comes from the server (no files named). */
export function usesReflection(doc: RequestDocument): boolean {
  return doc.schema === undefined || doc.schema.kind === 'reflection';
}

/**
 * `'name: value'` → a metadata row, as grpcurl's MetadataFromHeaders reads -H (splitHeader: both
 * halves trimmed, the key lower-cased; `-H name` is `name: `). A `-bin` value none of grpcurl's four
 * base64 alphabets decodes is sent by grpcurl as its text: the row then holds the base64 of that
 * text, since a document's -bin value is base64 (binTextWarnings says so on gwb's stderr); one
 * holding a {{variable}} is kept as typed, to be substituted first (sentAsText). Whether the key
 * is legal is the engine's check, done where every metadata row is checked.
 */
export function headerRow(text: string, flag: string): MetadataRow {
  const { key, value } = splitHeader(text);
  if (key === '') {
    throw new GrpcurlError(`header "${text}" has no name; write it as "name: value"`, flag, text);
  }
  return { key, value: sentAsText(key, value) ? textAsBase64(value) : value };
}

export const headerText = (row: { key: string; value: string }): string =>
  `${row.key}: ${row.value}`;

/** Adds rows to the metadata sent with the call. */
export function withCallMetadata(doc: RequestDocument, rows: MetadataRow[]): RequestDocument {
  return { ...doc, metadata: [...doc.metadata, ...rows] };
}

/** Adds rows to the metadata of the reflection requests; nothing when the schema is from files. */
export function withReflectionMetadata(doc: RequestDocument, rows: MetadataRow[]): RequestDocument {
  if (!usesReflection(doc) || rows.length === 0) return doc;
  const before = doc.schema?.kind === 'reflection' ? (doc.schema.metadata ?? []) : [];
  return { ...doc, schema: { kind: 'reflection', metadata: [...before, ...rows] } };
}

const sameRow = (a: MetadataRow, b: MetadataRow): boolean => a.key === b.key && a.value === b.value;

/**
 * The document's metadata as grpcurl's three header flags: rows sent with both the call and the
 * reflection requests (their common beginning) are -H, the rest of the call's rows -rpc-header,
 * the rest of reflection's -reflect-header. Reading them back (-H first, as grpcurl does) gives
 * the same two lists. Without reflection every call row is -H. Disabled rows are not sent, so
 * they are not written.
 */
export function headerFlags(doc: RequestDocument): {
  both: string[];
  rpc: string[];
  reflect: string[];
} {
  const call = sentMetadata(doc.metadata);
  if (!usesReflection(doc)) return { both: call.map(headerText), rpc: [], reflect: [] };
  const reflection = sentMetadata(
    doc.schema?.kind === 'reflection' ? (doc.schema.metadata ?? []) : [],
  );
  let common = 0;
  while (
    common < call.length &&
    common < reflection.length &&
    sameRow(call[common] as MetadataRow, reflection[common] as MetadataRow)
  )
    common++;
  return {
    both: call.slice(0, common).map(headerText),
    rpc: call.slice(common).map(headerText),
    reflect: reflection.slice(common).map(headerText),
  };
}

/** -d: several JSON values one after another, each a message (int64 digits kept exactly). */
export function messagesOf(data: string): JsonValue[] {
  if (data === '@') {
    throw new GrpcurlError(
      '-d @ reads the messages from stdin; put the JSON in place of @',
      'd',
      data,
    );
  }
  try {
    return parseJsonStream(data);
  } catch (error) {
    if (error instanceof JsonStreamError) {
      throw new GrpcurlError(`-d is not valid JSON: ${error.message}`, 'd', data);
    }
    throw error;
  }
}

/** The messages as one -d value: compact JSON, separated by a space (grpcurl reads it back). */
export function dataOf(messages: readonly JsonValue[]): string | undefined {
  return messages.length === 0 ? undefined : messages.map((m) => JSON.stringify(m)).join(' ');
}
