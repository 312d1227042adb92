// A request document checked without zod, for the documents a grpcurl-style command line gives
// (gwb's one call): loading zod and building the document's schemas was ~8% of such a call's
// instructions. The check is conservative: it answers true only for the plain shapes flags make
// (TLS or plaintext, headers, JSON messages, the connection's numbers, files or reflection) when
// every field is within the limits the schema is built from (text-limits.ts). Anything else —
// an auth, assertions, a proxy, a protocol, an unknown key — answers false, and the caller checks
// the document with RequestDocumentSchema as before, which names the problem. So a document this
// accepts is one the schema accepts (plain-check.test.ts holds both to that), never the reverse.
import { jsonProblem } from '../json/json-problem.js';
import { COMPRESSIONS, type Connection } from './connection.js';
import type { RequestDocument } from './document.js';
import type { MetadataRow } from './metadata.js';
import { METHOD_PATH } from './method-path.js';
import type { SchemaSourceSpec } from './schema-source.js';
import { LIMITS, TEXT, textProblem, type TextLimits } from './text-limits.js';

const DOCUMENT_KEYS = new Set([
  'name',
  'connection',
  'schema',
  'method',
  'messages',
  'metadata',
  'deadlineMs',
  'options',
  'notes',
]);
const CONNECTION_KEYS = new Set([
  'address',
  'security',
  'unix',
  'authority',
  'userAgent',
  'maxSendBytes',
  'maxReceiveBytes',
  'keepaliveMs',
  'connectTimeoutMs',
  'compression',
]);
const TLS_KEYS = new Set(['kind', 'caFile', 'certFile', 'keyFile', 'skipVerify', 'serverName']);
const ROW_KEYS = new Set(['key', 'value', 'enabled']);
const OPTION_KEYS = new Set(['emitDefaults', 'allowUnknownFields']);

/** Whether the schema would accept `doc` as it is, by the plain rules above; false: ask it. */
export function isPlainlyValidDocument(doc: RequestDocument): boolean {
  return (
    isRecord(doc, DOCUMENT_KEYS) &&
    isText(doc.name, TEXT.name) &&
    isText(doc.method, TEXT.method) &&
    (doc.method === '' || METHOD_PATH.test(doc.method)) &&
    isPlainlyValidConnection(doc.connection) &&
    (doc.schema === undefined || isPlainSchemaSource(doc.schema)) &&
    Array.isArray(doc.messages) &&
    doc.messages.length <= LIMITS.messages &&
    doc.messages.every((message) => jsonProblem(message) === undefined) &&
    areMetadataRows(doc.metadata) &&
    isOptionalCount(doc.deadlineMs, LIMITS.deadlineMs) &&
    isRecord(doc.options, OPTION_KEYS) &&
    isOptionalBoolean(doc.options.emitDefaults) &&
    isOptionalBoolean(doc.options.allowUnknownFields) &&
    isText(doc.notes, TEXT.notes)
  );
}

/** The connection part of the check (a command that sends only a connection). */
export function isPlainlyValidConnection(connection: Connection): boolean {
  const c = connection;
  return (
    isRecord(c, CONNECTION_KEYS) &&
    isText(c.address, TEXT.address) &&
    isPlainSecurity(c.security) &&
    isOptionalBoolean(c.unix) &&
    isOptionalText(c.authority, TEXT.authority) &&
    isOptionalText(c.userAgent, TEXT.userAgent) &&
    isOptionalCount(c.maxSendBytes, LIMITS.bytes) &&
    isOptionalCount(c.maxReceiveBytes, LIMITS.bytes) &&
    isOptionalCount(c.keepaliveMs, LIMITS.keepaliveMs) &&
    isOptionalCount(c.connectTimeoutMs, LIMITS.connectTimeoutMs) &&
    (c.compression === undefined || (COMPRESSIONS as readonly unknown[]).includes(c.compression))
  );
}

/** Metadata rows (a call's, or reflection's) the schema accepts, at most LIMITS.metadataRows. */
export function areMetadataRows(rows: readonly MetadataRow[]): boolean {
  return (
    Array.isArray(rows) &&
    rows.length <= LIMITS.metadataRows &&
    rows.every(
      (row) =>
        isRecord(row, ROW_KEYS) &&
        isText(row.key, TEXT.metadataKey) &&
        isText(row.value, TEXT.metadataValue) &&
        isOptionalBoolean(row.enabled),
    )
  );
}

function isPlainSecurity(security: Connection['security']): boolean {
  if (!isRecord(security, TLS_KEYS)) return false;
  if (security.kind === 'plaintext') return Object.keys(security).length === 1;
  return (
    security.kind === 'tls' &&
    isOptionalText(security.caFile, TEXT.filePath) &&
    isOptionalText(security.certFile, TEXT.filePath) &&
    isOptionalText(security.keyFile, TEXT.filePath) &&
    isOptionalBoolean(security.skipVerify) &&
    isOptionalText(security.serverName, TEXT.serverName)
  );
}

function isPlainSchemaSource(source: SchemaSourceSpec): boolean {
  // Read nothing from a value before knowing it is an object: the check answers, never throws.
  if (typeof source !== 'object' || source === null) return false;
  switch (source.kind) {
    case 'reflection':
      return (
        isRecord(source, new Set(['kind', 'metadata'])) &&
        (source.metadata === undefined || areMetadataRows(source.metadata))
      );
    case 'protoFiles':
      return (
        isRecord(source, new Set(['kind', 'files', 'importPaths'])) &&
        arePaths(source.files, 1, LIMITS.protoFiles) &&
        arePaths(source.importPaths, 0, LIMITS.importPaths)
      );
    case 'descriptorSet':
      return (
        isRecord(source, new Set(['kind', 'files'])) &&
        arePaths(source.files, 1, LIMITS.descriptorSets)
      );
    default:
      return false;
  }
}

function arePaths(paths: readonly string[], min: number, max: number): boolean {
  return (
    Array.isArray(paths) &&
    paths.length >= min &&
    paths.length <= max &&
    paths.every((p) => isText(p, TEXT.filePath))
  );
}

/** A plain object with no key outside `keys` (what a strict schema requires). */
function isRecord(value: unknown, keys: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(value)) {
    // A key holding undefined is one the schema would still see (and may refuse): ask it.
    if (!keys.has(key) || (value as Record<string, unknown>)[key] === undefined) return false;
  }
  return true;
}

function isText(value: unknown, limits: TextLimits): boolean {
  return typeof value === 'string' && textProblem(value, limits) === undefined;
}

function isOptionalText(value: unknown, limits: TextLimits): boolean {
  return value === undefined || isText(value, limits);
}

function isOptionalBoolean(value: unknown): boolean {
  return value === undefined || typeof value === 'boolean';
}

/** Absent, or a whole number from 1 to `max` (the schema's `.int().positive().max(max)`). */
function isOptionalCount(value: unknown, max: number): boolean {
  return (
    value === undefined ||
    (Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max)
  );
}
